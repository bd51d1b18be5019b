//! Snapshots of a built dictionary (zhengce's addition to jieba-rs).
//!
//! Building a [`Jieba`] parses the dictionary text and inserts every word into
//! the trie one by one, which costs about 0.1 s for the default dictionary on
//! every start of a process. A snapshot is the built dictionary as bytes:
//! the records, their log-frequencies, the tags and the trie's tables, so
//! that [`Jieba::from_snapshot`] only copies arrays. A program can make the
//! snapshot when it is built (in a build script) and embed it; then
//! [`Jieba::from_static_snapshot`] uses the large tables where they lie, in
//! the program's own read-only pages, and copies nothing until a word is added.
//!
//! The format is private to this version of the crate: a magic string and a
//! format version come first, and a snapshot from another version is refused,
//! never misread. All numbers are little-endian. Each table (records,
//! log-frequencies, the trie's root table and its whole hash table) is a
//! count, then zero padding to a multiple of 8 bytes from the snapshot's
//! start, then its items, each laid out as the `repr(C)` type in memory on a
//! little-endian machine. [`Jieba::from_snapshot`] checks everything it reads
//! (lengths, table load, every word and tag id), so a damaged snapshot gives
//! [`Error::InvalidSnapshot`] rather than a panic or a hang later. A custom
//! HMM model ([`Jieba::set_hmm_model`]) is not part of a snapshot.

use std::borrow::Cow;

use crate::trie::CharTrie;
use crate::{Error, FxHashMap, Jieba, Record};

const MAGIC: &[u8; 8] = b"JIEBASNP";
/// Bump whenever the layout of anything written here changes.
const FORMAT: u32 = 2;
/// Tables start at multiples of this many bytes from the snapshot's start.
const TABLE_ALIGN: usize = 8;

/// A fixed-size item of a snapshot table: its little-endian encoding, which
/// on a little-endian machine is also its layout in memory (`repr(C)`, no
/// padding), so that a table can be used in place.
pub(crate) trait Item: bytemuck::Pod {
    /// Encoded size in bytes.
    const SIZE: usize;
    fn encode(&self, out: &mut Vec<u8>);
    /// Decodes `SIZE` bytes.
    fn decode(b: &[u8]) -> Self;
}

impl Item for f64 {
    const SIZE: usize = 8;
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bits().to_le_bytes());
    }
    fn decode(b: &[u8]) -> Self {
        f64::from_bits(u64_at(b, 0))
    }
}

impl Item for Record {
    const SIZE: usize = 16;
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.freq as u64).to_le_bytes());
        out.extend_from_slice(&self.tag.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
    }
    fn decode(b: &[u8]) -> Self {
        // A frequency past a 32-bit machine's usize saturates.
        Record::new(usize::try_from(u64_at(b, 0)).unwrap_or(usize::MAX), u32_at(b, 8))
    }
}

/// Appends little-endian numbers to a buffer.
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.buf.extend_from_slice(b);
    }
    /// A table: its length, padding, its items.
    pub(crate) fn table<T: Item>(&mut self, items: &[T]) {
        self.u64(items.len() as u64);
        let padded = self.buf.len().next_multiple_of(TABLE_ALIGN);
        self.buf.resize(padded, 0);
        self.buf.reserve(items.len() * T::SIZE);
        for item in items {
            item.encode(&mut self.buf);
        }
    }
}

/// Reads little-endian numbers from a snapshot, failing at its end.
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
    /// The whole snapshot's length, so that `len - rest.len()` is the position.
    len: usize,
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
    fn count(&mut self, size: usize) -> Result<usize, String> {
        let n = self.u64()?;
        self.held(n, size)
    }
    /// `n` as a count of items of `size` bytes, when they all fit in what is left.
    fn held(&self, n: u64, size: usize) -> Result<usize, String> {
        usize::try_from(n)
            .ok()
            .filter(|&n| n.checked_mul(size).is_some_and(|b| b <= self.rest.len()))
            .ok_or_else(|| format!("count {n} is more than the snapshot holds"))
    }
    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.count(1)?;
        Ok(self.split(n))
    }
    /// The next `n` bytes; `n` was checked against what is left.
    fn split(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        head
    }
    /// A table [`Writer::table`] wrote: borrowed from the snapshot when the
    /// machine is little-endian and the bytes are aligned for `T` in memory,
    /// else decoded into a copy.
    pub(crate) fn table<T: Item>(&mut self) -> Result<Cow<'a, [T]>, String> {
        let n = self.u64()?;
        let at = self.len - self.rest.len();
        let pad = at.next_multiple_of(TABLE_ALIGN) - at;
        if self.rest.len() < pad {
            return Err("ends early".to_string());
        }
        self.split(pad);
        let n = self.held(n, T::SIZE)?;
        let raw = self.split(n * T::SIZE);
        if cfg!(target_endian = "little")
            && std::mem::size_of::<T>() == T::SIZE
            && let Ok(items) = bytemuck::try_cast_slice(raw)
        {
            return Ok(Cow::Borrowed(items));
        }
        Ok(Cow::Owned(raw.chunks_exact(T::SIZE).map(T::decode).collect()))
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

/// How much of a snapshot [`Jieba::read_snapshot`] checks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checks {
    /// Every count, table load, word id and tag id: nothing read can make a
    /// later call panic or hang.
    All,
    /// Counts, lengths and the table's size only, without reading the tables
    /// themselves: for a snapshot the program was built with.
    Layout,
}

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
        w.table(&self.records);
        w.table(&self.log_freqs);
        w.u64(self.tags.len() as u64);
        for t in &self.tags {
            w.bytes(t.as_bytes());
        }
        self.trie.write_snapshot(&mut w);
        Ok(w.buf)
    }

    /// The dictionary a [`Jieba::to_snapshot`] of this crate's version wrote:
    /// the same words, frequencies and tags, so every cut and tag is the same.
    /// Everything is checked and copied.
    pub fn from_snapshot(bytes: &[u8]) -> Result<Jieba, Error> {
        let parts = Self::read_snapshot(bytes, Checks::All).map_err(Error::InvalidSnapshot)?;
        Ok(parts.into_owned())
    }

    /// Like [`Jieba::from_snapshot`], for a snapshot embedded in the program
    /// (`include_bytes!` of what its build script wrote): the records and
    /// the trie's tables are used where they lie, without a copy, when the
    /// machine is little-endian and `bytes` start at a multiple of 8 in
    /// memory (else they are copied). Loading then costs next to nothing,
    /// and the tables share the program's read-only pages.
    ///
    /// Only the layout is checked (magic, format, counts, lengths): a
    /// snapshot damaged inside its tables may make a later call panic or
    /// loop, so use this only for bytes a [`Jieba::to_snapshot`] of the same
    /// build wrote, and check them once with [`Jieba::from_snapshot`] in a test.
    pub fn from_static_snapshot(bytes: &'static [u8]) -> Result<Jieba, Error> {
        let parts = Self::read_snapshot(bytes, Checks::Layout).map_err(Error::InvalidSnapshot)?;
        Ok(parts.into_jieba())
    }

    /// Whether the dictionary still uses the tables of the snapshot it was
    /// read from in place ([`Jieba::from_static_snapshot`] of aligned bytes
    /// on a little-endian machine, and no word added since).
    pub fn uses_snapshot_in_place(&self) -> bool {
        matches!((&self.records, &self.log_freqs), (Cow::Borrowed(_), Cow::Borrowed(_)))
            && self.trie.borrows_its_tables()
    }

    fn read_snapshot(bytes: &[u8], checks: Checks) -> Result<Parts<'_>, String> {
        let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
            return Err("not a jieba-rs dictionary snapshot".into());
        };
        let mut r = Reader { rest, len: bytes.len() };
        let format = r.u32()?;
        if format != FORMAT {
            return Err(format!("snapshot format {format}, this build reads {FORMAT}"));
        }
        let total = usize::try_from(r.u64()?).map_err(|_| "total out of range")?;
        let log_total = f64::from_bits(r.u64()?);
        let records: Cow<'_, [Record]> = r.table()?;
        let log_freqs: Cow<'_, [f64]> = r.table()?;
        if log_freqs.len() != records.len() {
            return Err(format!(
                "{} log-frequencies for {} records",
                log_freqs.len(),
                records.len()
            ));
        }
        let tag_count = r.count(8)?;
        let mut tags: Vec<Box<str>> = Vec::with_capacity(tag_count);
        let mut tag_ids = FxHashMap::default();
        for id in 0..tag_count {
            let tag = std::str::from_utf8(r.bytes()?).map_err(|_| "a tag is not UTF-8")?;
            tags.push(tag.into());
            tag_ids.insert(tag.into(), id as u32);
        }
        if checks == Checks::All
            && let Some(r) = records.iter().find(|r| r.tag as usize >= tags.len())
        {
            return Err(format!("a record names tag {} of {}", r.tag, tags.len()));
        }
        let trie = CharTrie::read_snapshot(&mut r, records.len(), checks)?;
        if !r.rest.is_empty() {
            return Err(format!("{} bytes left after the trie", r.rest.len()));
        }
        Ok(Parts {
            records,
            log_freqs,
            tags,
            tag_ids,
            trie,
            total,
            log_total,
        })
    }
}

/// A snapshot as read, its tables possibly borrowed from its bytes.
struct Parts<'a> {
    records: Cow<'a, [Record]>,
    log_freqs: Cow<'a, [f64]>,
    tags: Vec<Box<str>>,
    tag_ids: FxHashMap<Box<str>, u32>,
    trie: crate::trie::TrieParts<'a>,
    total: usize,
    log_total: f64,
}

impl Parts<'_> {
    /// Copies whatever is borrowed.
    fn into_owned(self) -> Jieba {
        Parts {
            records: Cow::Owned(self.records.into_owned()),
            log_freqs: Cow::Owned(self.log_freqs.into_owned()),
            tags: self.tags,
            tag_ids: self.tag_ids,
            trie: self.trie.into_owned(),
            total: self.total,
            log_total: self.log_total,
        }
        .into_jieba()
    }
}

impl Parts<'static> {
    fn into_jieba(self) -> Jieba {
        Jieba {
            records: self.records,
            log_freqs: self.log_freqs,
            tags: self.tags,
            tag_ids: self.tag_ids,
            trie: self.trie.into_trie(),
            total: self.total,
            log_total: self.log_total,
            hmm_model: None,
        }
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

    /// Bytes at a multiple of 8 in memory, for the rest of the process.
    fn leak_aligned(bytes: &[u8]) -> &'static [u8] {
        let words: Vec<u64> = vec![0; bytes.len().div_ceil(8)];
        let words: &'static mut [u64] = Box::leak(words.into_boxed_slice());
        let all: &'static mut [u8] = bytemuck::cast_slice_mut(words);
        all[..bytes.len()].copy_from_slice(bytes);
        &all[..bytes.len()]
    }

    #[test]
    fn a_static_snapshot_is_used_in_place_until_a_word_is_added() {
        let mut built = Jieba::new();
        built.add_word("新锐教师", Some(1000), Some("n"));
        let snap = leak_aligned(&built.to_snapshot().unwrap());
        let read = Jieba::from_static_snapshot(snap).unwrap();
        assert!(read.uses_snapshot_in_place());
        for hmm in [false, true] {
            assert_eq!(built.cut(TEXT, hmm), read.cut(TEXT, hmm));
            assert_eq!(built.tag(TEXT, hmm), read.tag(TEXT, hmm));
        }
        assert_eq!(read.to_snapshot().unwrap(), snap);
        // Adding a word copies the tables; the snapshot's bytes stay as they were.
        let mut more = read.clone();
        more.add_word("政策文本", Some(500), None);
        more.add_word("新锐教师", Some(7), None);
        assert!(more.has_word("政策文本") && more.has_word("新锐教师"));
        assert!(!more.uses_snapshot_in_place());
        assert_eq!(read.to_snapshot().unwrap(), snap);
        assert!(!read.has_word("政策文本"));
        // Misaligned bytes are copied instead, with the same result.
        let mut shifted = vec![0u8; snap.len() + 1];
        shifted[1..].copy_from_slice(snap);
        let shifted: &'static [u8] = &Box::leak(shifted.into_boxed_slice())[1..];
        let copied = Jieba::from_static_snapshot(shifted).unwrap();
        assert!(!copied.uses_snapshot_in_place());
        assert_eq!(built.tag(TEXT, true), copied.tag(TEXT, true));
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
