//! segment: here is text, give me words with their part of speech.
//!
//! A [`Segmenter`] is jieba-rs with zhengce's domain dictionary
//! (`data/dict.txt`: offices such as `基教处`, terms such as `新锐教师`) added on
//! top of jieba's default dictionary, so that units and terms stay whole. Built
//! once per process (loading the dictionary is the expensive part) and shared.
//!
//! Loading starts on a thread of its own when the segmenter is made, and the
//! first call that needs the words waits for it: the start-up of a process
//! (finding inputs, reading them, cleaning and structuring the first
//! documents, which need no segmentation) overlaps the load instead of
//! waiting for it.

use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

use rustc_hash::FxHashMap;

use jieba_rs::Jieba;

/// The domain dictionary, compiled in so the binary needs no data files.
pub const DOMAIN_DICT: &str = include_str!("../data/dict.txt");

/// A coarse part of speech, enough for the stages that use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Verb,
    Noun,
    /// An organisation name (`nt`), such as an owning unit.
    Org,
    Numeral,
    Measure,
    Punct,
    Other,
}

impl Pos {
    fn from_tag(tag: &str) -> Pos {
        match tag.as_bytes().first() {
            // Verbal nouns (`建设` in `重点建设初中`) behave as nouns in a phrase.
            Some(b'v') if tag == "vn" => Pos::Noun,
            Some(b'v') => Pos::Verb,
            Some(b'n') if tag == "nt" => Pos::Org,
            Some(b'n') => Pos::Noun,
            Some(b'm') => Pos::Numeral,
            Some(b'q') => Pos::Measure,
            Some(b'x') | Some(b'w') => Pos::Punct,
            _ => Pos::Other,
        }
    }
}

/// A word of the segmented text; `start..end` are char offsets into the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub pos: Pos,
}

pub struct Segmenter {
    loaded: OnceLock<Dictionaries>,
    /// The thread loading the dictionaries, until the first use takes its result.
    loader: Mutex<Option<JoinHandle<Dictionaries>>>,
}

/// What a segmenter needs, built once.
struct Dictionaries {
    jieba: Jieba,
    /// Parts of speech the domain dictionary sets: they win over jieba's own
    /// (its default dictionary tags `新建` as a place name and `培育` as a verbal noun,
    /// and `add_word` keeps an existing word's tag).
    domain_pos: FxHashMap<&'static str, Pos>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Dictionaries {
    /// jieba's default dictionary plus the domain dictionary.
    fn load() -> Self {
        let mut jieba = Jieba::new();
        let mut domain_pos = FxHashMap::default();
        for (word, freq, tag) in parse_dict(DOMAIN_DICT) {
            jieba.add_word(word, freq, tag);
            if let Some(t) = tag {
                domain_pos.insert(word, Pos::from_tag(t));
            }
        }
        Dictionaries { jieba, domain_pos }
    }
}

impl Segmenter {
    /// jieba's default dictionary plus the domain dictionary, loading in the
    /// background (or on first use where no thread can be started).
    pub fn new() -> Self {
        let loader =
            std::thread::Builder::new().name("zhengce-dict".into()).spawn(Dictionaries::load).ok();
        Segmenter { loaded: OnceLock::new(), loader: Mutex::new(loader) }
    }

    /// A segmenter that starts no thread: the first call that needs the
    /// dictionaries loads them, on the caller's thread.
    pub fn new_in_place() -> Self {
        Segmenter { loaded: OnceLock::new(), loader: Mutex::new(None) }
    }

    /// True when the dictionaries are loaded, or when no other thread is
    /// loading them (loaded in place, or the loader is done): using them
    /// will not wait for another thread.
    pub fn ready(&self) -> bool {
        if self.loaded.get().is_some() {
            return true;
        }
        let loader = self.loader.lock().unwrap_or_else(|e| e.into_inner());
        loader.as_ref().is_none_or(|h| h.is_finished())
    }

    /// The dictionaries, waiting for the loader the first time.
    fn dicts(&self) -> &Dictionaries {
        self.loaded.get_or_init(|| {
            let handle = self.loader.lock().unwrap_or_else(|e| e.into_inner()).take();
            match handle.map(JoinHandle::join) {
                Some(Ok(d)) => d,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => Dictionaries::load(),
            }
        })
    }

    /// The underlying jieba, for callers that need its other cuts (search mode).
    pub fn jieba(&self) -> &Jieba {
        &self.dicts().jieba
    }

    /// True when the word is in a dictionary (jieba's or the domain's).
    pub fn knows(&self, word: &str) -> bool {
        self.dicts().jieba.has_word(word)
    }

    /// Segments and tags the whole text (HMM on). Offsets are char offsets into `text`.
    pub fn tag_lines(&self, text: &str) -> Vec<Word> {
        let d = self.dicts();
        d.jieba
            .tag(text, false)
            .into_iter()
            .map(|t| {
                let pos = match d.domain_pos.get(t.word) {
                    Some(&p) => p,
                    None => Pos::from_tag(t.tag),
                };
                Word { start: t.start, end: t.end, pos }
            })
            .collect()
    }

    /// Words of `text` as string slices (HMM on), for tokenizers.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.dicts().jieba.cut(text, true).into_iter().map(|t| t.word).collect()
    }
}

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

/// Words of the domain dictionary tagged as organisations (`nt`): known owning units.
pub fn known_units() -> impl Iterator<Item = &'static str> {
    parse_dict(DOMAIN_DICT).filter(|(_, _, t)| *t == Some("nt")).map(|(w, _, _)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_words_stay_whole() {
        let seg = Segmenter::new();
        let words = seg.cut("基教处牵头评选市新锐教师");
        assert!(words.contains(&"基教处"), "{words:?}");
        assert!(words.contains(&"新锐教师"), "{words:?}");
    }

    #[test]
    fn segmenters_made_at_once_load_and_agree() {
        let a = Segmenter::new();
        let b = Segmenter::new();
        let text = "基教处牵头评选市新锐教师";
        let (wa, wb) = std::thread::scope(|s| {
            let ha = s.spawn(|| a.tag_lines(text));
            let hb = s.spawn(|| b.tag_lines(text));
            (ha.join().unwrap(), hb.join().unwrap())
        });
        assert_eq!(wa, wb);
        assert!(a.knows("新锐教师") && b.knows("基教处"));
    }

    #[test]
    fn ready_says_whether_a_use_would_wait_for_the_loader() {
        // In place: nothing to wait for, though nothing is loaded yet.
        assert!(Segmenter::new_in_place().ready());
        let seg = Segmenter::new();
        seg.knows("基教处");
        assert!(seg.ready(), "loaded");
    }

    #[test]
    fn offices_are_tagged_as_organisations() {
        let seg = Segmenter::new();
        let text = "由学前指导中心负责";
        let words = seg.tag_lines(text);
        let org: Vec<_> = words.iter().filter(|w| w.pos == Pos::Org).collect();
        assert_eq!(org.len(), 1, "{words:?}");
        assert_eq!((org[0].start, org[0].end), (1, 7));
    }
}
