//! segment: here is text, give me words with their part of speech.
//!
//! A [`Segmenter`] is jieba-rs with zhengce's domain dictionary
//! (`data/dict.txt`: offices such as `基教处`, terms such as `新锐教师`) added on
//! top of jieba's default dictionary, so that units and terms stay whole. Built
//! once per process and shared.
//!
//! The dictionary is built at compile time (`build.rs`, from the recipe in
//! [`crate::dictionary`]) and embedded as a snapshot whose tables are used
//! where they lie, in the program's read-only pages
//! ([`Jieba::from_static_snapshot`]): loading costs well under a millisecond
//! and no fresh memory, instead of inserting every word (about 0.1 s of CPU
//! on every start of a process) or copying 25 MB of tables (20–50 ms, most of
//! it the kernel zeroing fresh pages). The first call that needs the words loads them.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use jieba_rs::Jieba;

pub use crate::dictionary::{parse_dict, DOMAIN_DICT};

/// The dictionary [`crate::dictionary::build_jieba`] builds, as the build
/// script's snapshot of it; aligned to 8 bytes, so that its tables can be
/// used in place ([`Jieba::from_static_snapshot`]).
static SNAPSHOT: &[u8] = &ALIGNED_SNAPSHOT.0;

#[repr(C, align(8))]
struct Aligned<T: ?Sized>(T);

static ALIGNED_SNAPSHOT: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/jieba.snapshot")));

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
    /// jieba's default dictionary plus the domain dictionary, from the snapshot.
    fn load() -> Self {
        // The snapshot was made by this build, from this crate's jieba-rs:
        // failing to read it is a broken build, not bad input. Its tables
        // are used where they lie (only their layout is checked here; the
        // test below checks every entry once).
        let jieba =
            Jieba::from_static_snapshot(SNAPSHOT).expect("the embedded dictionary snapshot");
        let domain_pos = parse_dict(DOMAIN_DICT)
            .filter_map(|(word, _, tag)| Some((word, Pos::from_tag(tag?))))
            .collect();
        Dictionaries { jieba, domain_pos }
    }
}

impl Segmenter {
    /// jieba's default dictionary plus the domain dictionary, loaded on first use.
    pub fn new() -> Self {
        Segmenter { loaded: OnceLock::new() }
    }

    /// The dictionaries, loading them the first time.
    fn dicts(&self) -> &Dictionaries {
        self.loaded.get_or_init(Dictionaries::load)
    }

    /// The underlying jieba, for callers that need its other cuts (search mode).
    pub fn jieba(&self) -> &Jieba {
        &self.dicts().jieba
    }

    /// True when the word is in a dictionary (jieba's or the domain's).
    pub fn knows(&self, word: &str) -> bool {
        self.dicts().jieba.has_word(word)
    }

    /// Segments and tags the whole text (HMM off: a run of characters the
    /// dictionary does not know stays one word per character). Offsets are char
    /// offsets into `text`.
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

    /// The embedded snapshot is what the recipe builds today, table for
    /// table, passes every check of `from_snapshot`, and segments real text
    /// alike (a stale or damaged snapshot fails here).
    #[test]
    fn the_embedded_snapshot_is_the_dictionary_the_recipe_builds() {
        let built = crate::dictionary::build_jieba();
        let loaded = Jieba::from_snapshot(SNAPSHOT).unwrap();
        let in_place = Jieba::from_static_snapshot(SNAPSHOT).unwrap();
        assert!(
            built.to_snapshot().unwrap() == SNAPSHOT,
            "the snapshot differs from a fresh build"
        );
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut texts = 0;
        for entry in std::fs::read_dir(corpus).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert_eq!(built.tag(&text, false), loaded.tag(&text, false), "{}", path.display());
                assert_eq!(built.cut(&text, true), loaded.cut(&text, true), "{}", path.display());
                assert_eq!(built.tag(&text, true), in_place.tag(&text, true), "{}", path.display());
                texts += 1;
            }
        }
        assert!(texts >= 5, "the sample corpus is missing");
    }

    /// The embedded snapshot is aligned, so its tables are used where they
    /// lie: a segmenter touches no fresh memory for them, and still does after
    /// segmenting.
    #[test]
    fn the_dictionary_is_used_in_place() {
        let seg = Segmenter::new();
        assert!(seg.knows("新锐教师"));
        seg.tag_lines("到2025年，新增市新锐教师2000名");
        assert!(seg.jieba().uses_snapshot_in_place());
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
    fn offices_are_tagged_as_organisations() {
        let seg = Segmenter::new();
        let text = "由学前指导中心负责";
        let words = seg.tag_lines(text);
        let org: Vec<_> = words.iter().filter(|w| w.pos == Pos::Org).collect();
        assert_eq!(org.len(), 1, "{words:?}");
        assert_eq!((org[0].start, org[0].end), (1, 7));
    }
}
