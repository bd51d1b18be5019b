//! Fuzz target `docx`: any bytes as a .docx, through the zip and XML readers and the pipeline.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zhengce_extract::{Config, Extractor};

#[path = "check.rs"]
mod check;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = EXTRACTOR.extract(data, "fuzz.docx") {
        check::spans(&doc);
    }
});
