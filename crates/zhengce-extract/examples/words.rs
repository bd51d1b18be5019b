//! Prints how the extractor segments and tags each line of standard input
//! (`词/Pos` per word), with the domain dictionary loaded: the first thing to
//! look at when a subject or an action comes out wrong.
//!
//! ```sh
//! echo '全年一般公共预算收入增长2.1%' | cargo run --release -p zhengce-extract --example words
//! ```

use std::io::BufRead;

use zhengce_extract::Segmenter;

fn main() {
    let seg = Segmenter::new();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("standard input is UTF-8 text");
        let chars: Vec<char> = line.chars().collect();
        let words: Vec<String> = seg
            .tag_lines(&line)
            .iter()
            .map(|w| format!("{}/{:?}", chars[w.start..w.end].iter().collect::<String>(), w.pos))
            .collect();
        println!("{}", words.join(" "));
    }
}
