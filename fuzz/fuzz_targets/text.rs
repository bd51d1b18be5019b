//! Fuzz target `text`: any bytes as a text file, through decode → clean → structure → targets.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zhengce_extract::{Config, Extractor};

#[path = "check.rs"]
mod check;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = EXTRACTOR.extract(data, "fuzz.txt") {
        // The cheap invariants: quotes and item texts are the text at their spans.
        check::spans(&doc);
    }
});
