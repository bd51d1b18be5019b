//! tokenizer: here is Chinese text, give me the words tantivy indexes and the words a query asks for.
//!
//! Both sides use the same jieba segmenter with zhengce's domain dictionary
//! ([`zhengce_extract::Segmenter`]), in precise mode without HMM, so that the
//! same characters are cut the same way in a document and in a query.
//!
//! * **Index side** ([`JiebaTokenizer`], registered as [`TOKENIZER_NAME`]): every
//!   word of the precise cut, plus every dictionary word inside it (jieba's search
//!   mode, extended to sub-words of any length): `市新锐教师` gives `市`,
//!   `新锐`, `教师`, `新锐教师`. Sub-words share the position of the word they sit
//!   in.
//! * **Query side** ([`query_words`]): the precise cut only, without sub-words,
//!   so `新锐教师` asks for `新锐教师` (not for any `教师`), and `教师` asks for
//!   `教师`, which every `…教师` word carries as a sub-word.
//!
//! Tokens that hold no letter or digit (punctuation, spaces) are dropped. ASCII
//! letters are lower-cased and full-width ASCII is folded to half-width, in the
//! token text only: offsets always point at the original text.

use std::sync::{Arc, OnceLock};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use zhengce_extract::Segmenter;

/// The name the index tokenizer is registered under in every zhengce index.
pub const TOKENIZER_NAME: &str = "zhengce_jieba";

/// Longest word (in characters) whose every sub-string is looked up in the dictionary;
/// longer words only get their 2- and 3-character sub-words checked.
const MAX_FULL_SUBWORD_SCAN: usize = 12;

/// The process-wide segmenter (building one loads jieba's dictionary: ~0.2 s).
pub fn shared_segmenter() -> Arc<Segmenter> {
    static SEGMENTER: OnceLock<Arc<Segmenter>> = OnceLock::new();
    SEGMENTER.get_or_init(|| Arc::new(Segmenter::new())).clone()
}

/// The index-side tokenizer: precise cut plus dictionary sub-words.
#[derive(Clone)]
pub struct JiebaTokenizer {
    segmenter: Arc<Segmenter>,
}

impl Default for JiebaTokenizer {
    fn default() -> Self {
        JiebaTokenizer::new(shared_segmenter())
    }
}

impl JiebaTokenizer {
    pub fn new(segmenter: Arc<Segmenter>) -> Self {
        JiebaTokenizer { segmenter }
    }
}

/// The tokens of one text, computed up front.
pub struct JiebaTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one (0 = before the first).
    next: usize,
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = JiebaTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> JiebaTokenStream {
        JiebaTokenStream { tokens: index_tokens(&self.segmenter, text), next: 0 }
    }
}

impl TokenStream for JiebaTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The index-side tokens of `text`: each word of the precise cut, preceded by the
/// dictionary words inside it. Offsets are byte offsets into `text`.
pub fn index_tokens(segmenter: &Segmenter, text: &str) -> Vec<Token> {
    let folded = Folded::new(text);
    let mut tokens = index_tokens_folded(segmenter, folded.text());
    folded.map_offsets(&mut tokens);
    tokens
}

fn index_tokens_folded(segmenter: &Segmenter, text: &str) -> Vec<Token> {
    let jieba = segmenter.jieba();
    let mut out = Vec::new();
    let mut position = 0;
    for word in jieba.cut(text, false) {
        if !is_searchable(word.word) {
            continue;
        }
        let chars: Vec<(usize, char)> = word.word.char_indices().collect();
        let n = chars.len();
        if n > 2 {
            let max_len = if n <= MAX_FULL_SUBWORD_SCAN { n - 1 } else { 3 };
            for start in 0..n {
                for len in 2..=max_len.min(n - start) {
                    if start == 0 && len == n {
                        continue;
                    }
                    let from = chars[start].0;
                    let to = chars.get(start + len).map_or(word.word.len(), |c| c.0);
                    let sub = &word.word[from..to];
                    if jieba.has_word(sub) && is_searchable(sub) {
                        out.push(make_token(
                            sub,
                            word.byte_start + from,
                            word.byte_start + to,
                            position,
                        ));
                    }
                }
            }
        }
        out.push(make_token(word.word, word.byte_start, word.byte_end, position));
        position += 1;
    }
    out
}

/// The words a query text asks for: the precise cut, normalized, without sub-words.
pub fn query_words(segmenter: &Segmenter, text: &str) -> Vec<String> {
    let folded = Folded::new(text);
    segmenter
        .jieba()
        .cut(folded.text(), false)
        .into_iter()
        .filter(|t| is_searchable(t.word))
        .map(|t| normalize(t.word))
        .collect()
}

/// The dictionary sub-words of one query word (what the index side adds inside it),
/// used when the word itself is not in the index.
pub fn sub_words(segmenter: &Segmenter, word: &str) -> Vec<String> {
    let mut subs: Vec<String> =
        index_tokens(segmenter, word).into_iter().map(|t| t.text).filter(|t| t != word).collect();
    subs.dedup();
    subs
}

/// A text with full-width ASCII folded to half-width (so `ＣＩＯ` is cut like `CIO`),
/// and the way back from its byte offsets to the original's.
struct Folded<'a> {
    original: &'a str,
    /// The folded text and, for each of its byte offsets (and the end), the original's;
    /// `None` when nothing needed folding.
    folded: Option<(String, Vec<usize>)>,
}

impl<'a> Folded<'a> {
    fn new(original: &'a str) -> Self {
        if !original.chars().any(|c| fold_char(c) != c) {
            return Folded { original, folded: None };
        }
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            let f = fold_char(c);
            text.push(f);
            map.extend(std::iter::repeat_n(i, f.len_utf8()));
        }
        map.push(original.len());
        Folded { original, folded: Some((text, map)) }
    }

    fn text(&self) -> &str {
        self.folded.as_ref().map_or(self.original, |(t, _)| t.as_str())
    }

    fn map_offsets(&self, tokens: &mut [Token]) {
        if let Some((_, map)) = &self.folded {
            for t in tokens {
                t.offset_from = map[t.offset_from];
                t.offset_to = map[t.offset_to];
            }
        }
    }
}

fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn make_token(word: &str, from: usize, to: usize, position: usize) -> Token {
    Token { offset_from: from, offset_to: to, position, text: normalize(word), position_length: 1 }
}

/// True when a word holds a letter or digit (CJK ideographs count as letters).
fn is_searchable(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// Lower-cases ASCII and folds full-width ASCII (`ＣＩＯ`, `２０２５`) to half-width.
pub fn normalize(word: &str) -> String {
    word.chars().map(|c| fold_char(c).to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn index_side_keeps_whole_words_and_adds_sub_words() {
        let seg = shared_segmenter();
        let text = "新增市新锐教师2000名";
        let tokens = index_tokens(&seg, text);
        let words = texts(&tokens);
        assert!(words.contains(&"新锐教师"), "{words:?}");
        assert!(words.contains(&"教师"), "{words:?}");
        assert!(words.contains(&"2000"), "{words:?}");
        for t in &tokens {
            assert_eq!(normalize(&text[t.offset_from..t.offset_to]), t.text);
        }
        let wide = "评选ＣＩＯ微团队";
        let tokens = index_tokens(&seg, wide);
        let cio = tokens.iter().find(|t| t.text == "cio").expect("cio");
        assert_eq!(&wide[cio.offset_from..cio.offset_to], "ＣＩＯ");
        let bone = texts(&index_tokens(&seg, "评选骨干教师1800名")).join(" ");
        assert!(bone.contains("骨干教师") && bone.contains("教师"), "{bone}");
    }

    #[test]
    fn query_side_cuts_without_sub_words() {
        let seg = shared_segmenter();
        assert_eq!(query_words(&seg, "新锐教师"), ["新锐教师"]);
        assert_eq!(query_words(&seg, "教师"), ["教师"]);
        assert_eq!(query_words(&seg, "ＣＩＯ，微团队"), ["cio", "微", "团队"]);
    }

    #[test]
    fn punctuation_is_not_a_token() {
        let seg = shared_segmenter();
        let tokens = index_tokens(&seg, "（一）、；");
        assert_eq!(texts(&tokens), ["一"]);
    }
}
