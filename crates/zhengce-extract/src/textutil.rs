//! textutil: small helpers on characters and char offsets shared by the stages.

/// The string of `chars`, allocated once at its length in bytes. (Collecting
/// `&char`s reserves a byte per char, then grows the string twice over for
/// Chinese, three bytes a char: the stages cut many short strings out of
/// char slices.)
pub fn string_of(chars: &[char]) -> String {
    let mut bytes = Vec::with_capacity(chars.len() * 3);
    for &c in chars {
        let u = c as u32;
        // Most are Han, three bytes; the pushes stay within the capacity
        // until a rare four-byte char grows it.
        if (0x800..0x10000).contains(&u) {
            bytes.extend_from_slice(&[
                0xE0 | (u >> 12) as u8,
                0x80 | ((u >> 6) & 0x3F) as u8,
                0x80 | (u & 0x3F) as u8,
            ]);
        } else {
            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    // SAFETY: `bytes` is the chars' UTF-8 encodings one after another: the
    // three-byte form above is UTF-8's for U+0800..U+FFFF (a `char` is never a
    // surrogate), the others are `encode_utf8`'s. (`String::extend` pushes a
    // char at a time through `encode_utf8`; that was about 4% of the pipeline,
    // cutting quotes and subjects.)
    unsafe { String::from_utf8_unchecked(bytes) }
}

/// Char offset → byte offset for offsets asked in (mostly) rising order: walks
/// the string forward from the last answer, starting over when asked for an
/// earlier offset. No table, so it costs nothing when never asked.
pub struct CharCursor<'a> {
    s: &'a str,
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(s: &'a str) -> Self {
        CharCursor { s, char_pos: 0, byte_pos: 0 }
    }

    /// Byte offset of char offset `c`, or `None` past the end.
    pub fn byte(&mut self, c: usize) -> Option<usize> {
        if c < self.char_pos {
            (self.char_pos, self.byte_pos) = (0, 0);
        }
        // Far ahead: a stretch of at most `c - char_pos` bytes holds at most that
        // many chars; count them at once (SIMD in `chars().count()`).
        while c - self.char_pos > 64 {
            let mut end = (self.byte_pos + (c - self.char_pos)).min(self.s.len());
            while !self.s.is_char_boundary(end) {
                end -= 1;
            }
            if end == self.byte_pos {
                break;
            }
            self.char_pos += self.s[self.byte_pos..end].chars().count();
            self.byte_pos = end;
        }
        let mut it = self.s[self.byte_pos..].chars();
        while self.char_pos < c {
            self.byte_pos += it.next()?.len_utf8();
            self.char_pos += 1;
        }
        Some(self.byte_pos)
    }

    /// The text between char offsets `a` and `b` (`a <= b`), if both are in the string.
    pub fn slice(&mut self, a: usize, b: usize) -> Option<&'a str> {
        let start = self.byte(a)?;
        let end = self.byte(b)?;
        Some(&self.s[start..end])
    }
}

/// Removes repeated strings, keeping each first one where it stood. Linear:
/// a list of 100,000 owners is deduplicated by hashing, not by comparing pairs.
pub fn dedup_keep_first(v: &mut Vec<String>) {
    if v.len() < 2 {
        return;
    }
    let keep: Vec<bool> = {
        let mut seen = rustc_hash::FxHashSet::default();
        v.iter().map(|u| seen.insert(u.as_str())).collect()
    };
    let mut k = keep.into_iter();
    v.retain(|_| k.next().unwrap_or(true));
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

#[cfg(test)]
mod tests {
    use super::{string_of, CharCursor};

    proptest::proptest! {
        #[test]
        fn string_of_is_the_chars_collected(s in "[a-z中文é€😀\u{2028}\u{10FFFF}]{0,40}") {
            let chars: Vec<char> = s.chars().collect();
            for a in 0..=chars.len() {
                proptest::prop_assert_eq!(string_of(&chars[a..]), chars[a..].iter().collect::<String>());
            }
        }
    }

    #[test]
    fn cursor_maps_char_offsets_forward_backward_and_past_the_end() {
        let s = "ab一二三cd".repeat(40);
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut cur = CharCursor::new(&s);
        for c in [0, 3, 150, 151, 7, 199, 0, 280] {
            let want = chars.get(c).map_or(s.len(), |(b, _)| *b);
            assert_eq!(cur.byte(c), Some(want), "char {c}");
        }
        assert_eq!(cur.byte(281), None);
        assert_eq!(cur.slice(2, 5), Some("一二三"));
    }
}
