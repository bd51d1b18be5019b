//! dictionary: zhengce's words on top of jieba's, and how they are built.
//!
//! This file is also compiled into the crate's build script (`build.rs`),
//! which builds the dictionary once and stores a snapshot of it for the
//! segmenter to load (see [`crate::segment`]), so the recipe below is the
//! only one: what the build script snapshots and what a test rebuilds to check
//! the snapshot against are the same words.

use jieba_rs::Jieba;

/// The domain dictionary, compiled in so the binary needs no data files.
pub const DOMAIN_DICT: &str = include_str!("../data/dict.txt");

/// Parses `word [freq] [tag]` lines; `#` starts a comment.
pub fn parse_dict(src: &str) -> impl Iterator<Item = (&str, Option<usize>, Option<&str>)> {
    src.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut parts = line.split_whitespace();
        let word = parts.next()?;
        let freq = parts.next().and_then(|f| f.parse().ok());
        let tag = parts.next();
        Some((word, freq, tag))
    })
}

/// jieba's default dictionary plus the domain dictionary, built word by word
/// (about 0.1 s; the segmenter loads the build script's snapshot of it instead).
pub fn build_jieba() -> Jieba {
    let mut jieba = Jieba::new();
    for (word, freq, tag) in parse_dict(DOMAIN_DICT) {
        jieba.add_word(word, freq, tag);
    }
    jieba
}
