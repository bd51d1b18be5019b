//! Snapshots of a built dictionary (zhengce's addition to jieba-rs).
//!
//! Building a [`Jieba`] parses the dictionary text and inserts every word into
//! the trie one by one, which costs about 0.1 s for the default dictionary on
//! every start of a process. A snapshot is the built dictionary as bytes:
//! the records, their log-frequencies, the tags and the trie's tables, so
//! that [`Jieba::from_snapshot`] only copies arrays. A program can make the
//! snapshot when it is built (in a build script) and embed it.
//!
//! The format is private to this version of the crate: a magic string and a
//! format version come first, and a snapshot from another version is refused,
//! never misread. All numbers are little-endian. A snapshot is checked as it is
//! read (lengths, table load, word and tag ids), so a damaged one gives
//! [`Error::InvalidSnapshot`] rather than a panic later. A custom HMM model
//! ([`Jieba::set_hmm_model`]) is not part of a snapshot.

use crate::trie::CharTrie;
use crate::{Error, FxHashMap, Jieba, Record};

const MAGIC: &[u8; 8] = b"JIEBASNP";
/// Bump whenever the layout of anything written here changes.
const FORMAT: u32 = 1;

/// Appends little-endian numbers to a buffer.
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.buf.extend_from_slice(b);
    }
}

/// Reads little-endian numbers from a snapshot, failing at its end.
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let Some((head, rest)) = self.rest.split_first_chunk::<N>() else {
            return Err("ends early".to_string());
        };
        self.rest = rest;
        Ok(*head)
    }
    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        self.take().map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Result<u64, String> {
        self.take().map(u64::from_le_bytes)
    }
    /// A count of items of `size` bytes each that must all follow in the
    /// snapshot, so a damaged count fails here instead of allocating.
    pub(crate) fn count(&mut self, size: usize) -> Result<usize, String> {
        let n = self.u64()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n.checked_mul(size).is_some_and(|b| b <= self.rest.len()))
            .ok_or_else(|| format!("count {n} is more than the snapshot holds"))
    }
    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.count(1)?;
        Ok(self.split(n))
    }
    /// The next `n` items of `size` bytes, as one slice, after their count.
    pub(crate) fn items(&mut self, size: usize) -> Result<(usize, &'a [u8]), String> {
        let n = self.count(size)?;
        Ok((n, self.split(n * size)))
    }
    /// The next `n` bytes; `n` was checked against what is left.
    fn split(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        head
    }
}

/// Little-endian numbers at fixed offsets of an item (the item's size is
/// checked by `chunks_exact`, so these never fail).
pub(crate) fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}
pub(crate) fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

impl Reader<'_> {}

impl Jieba {
    /// The built dictionary as bytes, for [`Jieba::from_snapshot`].
    ///
    /// Fails when a custom HMM model is set: it is not part of a snapshot.
    pub fn to_snapshot(&self) -> Result<Vec<u8>, Error> {
        if self.hmm_model.is_some() {
            return Err(Error::InvalidSnapshot(
                "a custom HMM model cannot be stored in a snapshot".into(),
            ));
        }
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(MAGIC);
        w.u32(FORMAT);
        w.u64(self.total as u64);
        w.u64(self.log_total.to_bits());
        w.u64(self.records.len() as u64);
        for (r, lf) in self.records.iter().zip(&self.log_freqs) {
            w.u64(r.freq as u64);
            w.u32(r.tag);
            w.u64(lf.to_bits());
        }
        w.u64(self.tags.len() as u64);
        for t in &self.tags {
            w.bytes(t.as_bytes());
        }
        self.trie.write_snapshot(&mut w);
        Ok(w.buf)
    }

    /// The dictionary a [`Jieba::to_snapshot`] of this crate's version wrote:
    /// the same words, frequencies and tags, so every cut and tag is the same.
    pub fn from_snapshot(bytes: &[u8]) -> Result<Jieba, Error> {
        Self::read_snapshot(bytes).map_err(Error::InvalidSnapshot)
    }

    fn read_snapshot(bytes: &[u8]) -> Result<Jieba, String> {
        let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
            return Err("not a jieba-rs dictionary snapshot".into());
        };
        let mut r = Reader { rest };
        let format = r.u32()?;
        if format != FORMAT {
            return Err(format!("snapshot format {format}, this build reads {FORMAT}"));
        }
        let total = usize::try_from(r.u64()?).map_err(|_| "total out of range")?;
        let log_total = f64::from_bits(r.u64()?);
        let (n, raw) = r.items(20)?;
        let mut records = Vec::with_capacity(n);
        let mut log_freqs = Vec::with_capacity(n);
        for item in raw.chunks_exact(20) {
            let freq = usize::try_from(u64_at(item, 0)).map_err(|_| "frequency out of range")?;
            records.push(Record {
                freq,
                tag: u32_at(item, 8),
            });
            log_freqs.push(f64::from_bits(u64_at(item, 12)));
        }
        let tag_count = r.count(8)?;
        let mut tags: Vec<Box<str>> = Vec::with_capacity(tag_count);
        let mut tag_ids = FxHashMap::default();
        for id in 0..tag_count {
            let tag = std::str::from_utf8(r.bytes()?).map_err(|_| "a tag is not UTF-8")?;
            tags.push(tag.into());
            tag_ids.insert(tag.into(), id as u32);
        }
        if let Some(r) = records.iter().find(|r| r.tag as usize >= tags.len()) {
            return Err(format!("a record names tag {} of {}", r.tag, tags.len()));
        }
        let trie = CharTrie::read_snapshot(&mut r, records.len())?;
        if !r.rest.is_empty() {
            return Err(format!("{} bytes left after the trie", r.rest.len()));
        }
        Ok(Jieba {
            records,
            log_freqs,
            tags,
            tag_ids,
            trie,
            total,
            log_total,
            hmm_model: None,
        })
    }
}

#[cfg(all(test, feature = "default-dict"))]
mod tests {
    use super::*;

    const TEXT: &str = "到2025年，新增市新锐教师2000名，我们中出了一个叛徒。南京市长江大桥。\
        他来到了网易杭研大厦，小明硕士毕业于中国科学院计算所，后在日本京都大学深造。";

    #[test]
    fn a_snapshot_cuts_and_tags_as_the_dictionary_it_was_made_from() {
        let mut built = Jieba::new();
        built.add_word("新锐教师", Some(1000), Some("n"));
        let snap = built.to_snapshot().unwrap();
        let read = Jieba::from_snapshot(&snap).unwrap();
        for hmm in [false, true] {
            assert_eq!(built.cut(TEXT, hmm), read.cut(TEXT, hmm));
            assert_eq!(built.tag(TEXT, hmm), read.tag(TEXT, hmm));
            assert_eq!(built.cut_for_search(TEXT, hmm), read.cut_for_search(TEXT, hmm));
        }
        assert!(read.has_word("新锐教师"));
        assert_eq!(read.suggest_freq("新锐教师"), built.suggest_freq("新锐教师"));
        // Written again, it is the same bytes.
        assert_eq!(read.to_snapshot().unwrap(), snap);
        // A dictionary read from a snapshot still takes new words.
        let mut more = read.clone();
        more.add_word("政策文本", Some(500), None);
        assert!(more.has_word("政策文本") && more.has_word("新锐教师"));
    }

    #[test]
    fn a_damaged_snapshot_is_an_error_not_a_panic() {
        let snap = Jieba::new().to_snapshot().unwrap();
        let err = |b: &[u8]| match Jieba::from_snapshot(b) {
            Err(Error::InvalidSnapshot(m)) => m,
            other => panic!("expected an invalid snapshot, got {:?}", other.map(|_| ())),
        };
        assert!(err(b"").contains("not a jieba-rs"));
        for cut in [9, 20, 40, snap.len() / 2, snap.len() - 1] {
            let m = err(&snap[..cut]);
            assert!(
                m.contains("ends early") || m.contains("more than the snapshot holds"),
                "{m}"
            );
        }
        let mut longer = snap.clone();
        longer.push(0);
        assert!(err(&longer).contains("left after"));
        let mut other_format = snap.clone();
        other_format[8] = 99;
        assert!(err(&other_format).contains("format 99"));
        // Every single damaged byte in the header and the first records is caught or harmless.
        for i in 8..200 {
            let mut b = snap.clone();
            b[i] ^= 0xff;
            let _ = Jieba::from_snapshot(&b).map(|j| j.cut(TEXT, true).len());
        }
    }

    #[test]
    fn a_custom_hmm_model_is_not_snapshotted() {
        let mut reader = std::io::BufReader::new(include_str!("data/hmm.model").as_bytes());
        let mut j = Jieba::new();
        j.set_hmm_model(crate::HmmModel::load(&mut reader).unwrap());
        assert!(matches!(j.to_snapshot(), Err(Error::InvalidSnapshot(_))));
    }
}
