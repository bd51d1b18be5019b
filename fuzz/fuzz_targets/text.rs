//! Fuzz target `text`: any bytes as a text file, through decode → clean → structure → targets.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = EXTRACTOR.extract(data, "fuzz.txt") {
        // The cheap invariants: quotes are the text at their spans.
        let text: Vec<char> = doc.text.chars().collect();
        for t in &doc.targets {
            let q: String = text[t.span.start..t.span.end].iter().collect();
            assert_eq!(q, t.quote);
        }
    }
});
