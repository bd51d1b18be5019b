//! textutil: small helpers on characters and char offsets shared by the stages.

/// Char offset → byte offset table for one string, for slicing by character spans.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `bytes[i]` is the byte offset of char `i`; one extra entry for the end.
    bytes: Vec<u32>,
}

impl CharIndex {
    pub fn new(s: &str) -> Self {
        let mut bytes: Vec<u32> = s.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(s.len() as u32);
        CharIndex { bytes }
    }
    /// Byte offset of char offset `c` (clamped to the end).
    pub fn byte(&self, c: usize) -> usize {
        self.bytes[c.min(self.bytes.len() - 1)] as usize
    }
    /// Char offset of byte offset `b` (which must be a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        self.bytes.partition_point(|&x| (x as usize) < b)
    }
    pub fn len_chars(&self) -> usize {
        self.bytes.len() - 1
    }
    pub fn slice<'a>(&self, s: &'a str, start: usize, end: usize) -> &'a str {
        &s[self.byte(start)..self.byte(end)]
    }
}

/// True for CJK ideographs (the basic block and extension A).
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Punctuation that ends a sentence for the purposes of `targets.md` (`sentence`).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?')
}

/// A fixed set of words to look for, searched with SIMD (`memchr::memmem`),
/// built once; much cheaper per call than `str::contains` with a `&str` or a
/// char-slice pattern, which set up or decode afresh each time.
pub struct Words {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Words {
    pub fn new(words: &[&'static str]) -> Self {
        Words { finders: words.iter().map(|w| memchr::memmem::Finder::new(w.as_bytes())).collect() }
    }

    /// True when `s` contains one of the words.
    pub fn any_in(&self, s: &str) -> bool {
        self.finders.iter().any(|f| f.find(s.as_bytes()).is_some())
    }
}
