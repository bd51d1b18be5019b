//! Builds the segmenter's dictionary (jieba's default words plus
//! `data/dict.txt`) once, at compile time, and writes a snapshot of it to
//! `OUT_DIR/jieba.snapshot`, which `src/segment.rs` embeds: a process then
//! copies the built tables instead of inserting 350,000 words one by one.

#[path = "src/dictionary.rs"]
mod dictionary;

fn main() {
    println!("cargo::rerun-if-changed=data/dict.txt");
    println!("cargo::rerun-if-changed=src/dictionary.rs");
    let snapshot = dictionary::build_jieba().to_snapshot().expect("a snapshot of the dictionary");
    let out =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    std::fs::write(out.join("jieba.snapshot"), snapshot).expect("writing the dictionary snapshot");
}
