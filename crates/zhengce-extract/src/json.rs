//! json: here is a serializable value, write it as pretty JSON, quickly.
//!
//! The bytes are exactly those of `serde_json::to_writer_pretty`: two-space
//! indent, `"key": value`, `[]`/`{}` when empty, floats formatted by zmij (as
//! serde_json does), non-finite floats as `null`, and the same escapes (`\"`,
//! `\\`, `\b \t \n \f \r`, other control characters as `\u00xx`, nothing else
//! escaped). Tests hold it to serde_json on every corpus document and on
//! random strings and numbers.
//!
//! Why not serde_json itself: writing the JSON was a sixth of the pipeline's
//! time, most of it serde_json's escaping loop (a table lookup per byte) and
//! many small writes through `io::Write`. Here a string is scanned eight bytes
//! at a time for the three kinds of byte that need escaping, and everything
//! goes into one buffer that is handed to the writer in 64 KiB pieces, so a
//! document is still streamed, not held whole.

use std::fmt;
use std::io;

use serde::ser::{self, Serialize};

/// Writes `value` as pretty JSON into `out` (no trailing newline).
pub fn to_writer_pretty<W, T>(out: &mut W, value: &T) -> io::Result<()>
where
    W: io::Write + ?Sized,
    T: Serialize + ?Sized,
{
    let buf = Vec::with_capacity(FLUSH_AT + 4096);
    let mut ser = Pretty { out, buf, depth: 0, flush_at: FLUSH_AT };
    value.serialize(&mut ser).map_err(|e| e.0)?;
    ser.flush()
}

/// Appends `value` as pretty JSON to `buf` (no trailing newline): the same
/// bytes as [`to_writer_pretty`], held whole, for a value known to be small.
/// On an error `buf` holds part of the value.
pub fn extend_pretty<T: Serialize + ?Sized>(buf: &mut Vec<u8>, value: &T) -> io::Result<()> {
    let mut sink = io::sink();
    let mut ser =
        Pretty { out: &mut sink, buf: std::mem::take(buf), depth: 0, flush_at: usize::MAX };
    let result = value.serialize(&mut ser).map_err(|e| e.0);
    *buf = ser.buf;
    result
}

/// The buffer is handed to the writer when it grows past this.
const FLUSH_AT: usize = 64 * 1024;

/// An I/O error, or a value JSON cannot hold (a map key that is not a string or number).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(io::Error);

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(io::Error::other(msg.to_string()))
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

struct Pretty<'w, W: ?Sized> {
    out: &'w mut W,
    buf: Vec<u8>,
    /// Nesting depth of the container being written.
    depth: usize,
    /// The buffer is handed to `out` when it grows past this.
    flush_at: usize,
}

impl<W: io::Write + ?Sized> Pretty<'_, W> {
    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    fn maybe_flush(&mut self) -> Result {
        if self.buf.len() >= self.flush_at {
            self.flush().map_err(Error)?;
        }
        Ok(())
    }

    /// A newline and the indent of the current depth.
    fn newline(&mut self) {
        const NEWLINE_AND_INDENT: &[u8; 65] =
            b"\n                                                                ";
        match NEWLINE_AND_INDENT.get(..1 + 2 * self.depth) {
            Some(s) => self.buf.extend_from_slice(s),
            None => {
                self.buf.push(b'\n');
                self.buf.resize(self.buf.len() + 2 * self.depth, b' ');
            }
        }
    }

    fn string(&mut self, s: &str) -> Result {
        let b = s.as_bytes();
        // Keys, ids, kinds, markers: most strings are short and need no escape.
        if b.len() <= 16 && !short_may_need_escape(b) {
            self.buf.reserve(b.len() + 2);
            self.buf.push(b'"');
            self.buf.extend_from_slice(b);
            self.buf.push(b'"');
            return Ok(());
        }
        self.buf.push(b'"');
        // In pieces, so a very long string is streamed too.
        for piece in s.as_bytes().chunks(FLUSH_AT) {
            escape_into(&mut self.buf, piece);
            self.maybe_flush()?;
        }
        self.buf.push(b'"');
        Ok(())
    }

    fn integer<I: itoa::Integer>(&mut self, v: I) {
        self.buf.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
    }
}

/// What byte `b` is written as inside a JSON string, if not as itself:
/// `0` for itself, `u` for `\u00xx`, else the letter after the backslash.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether any of the eight bytes of `x` is below 0x20, `"` or `\`.
/// Never false when one is; rarely true when none is (then the bytes are
/// looked at one by one, which decides).
#[inline]
fn may_need_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v;
    let quote = x ^ (ONES * b'"' as u64);
    let backslash = x ^ (ONES * b'\\' as u64);
    (below(x, 0x20) | below(quote, 1) | below(backslash, 1)) & HIGH != 0
}

/// [`may_need_escape`] for at most 16 bytes, as one word made of (possibly
/// overlapping) loads from both ends: no copy, no loop.
#[inline]
fn short_may_need_escape(b: &[u8]) -> bool {
    let n = b.len();
    let word = if n >= 8 {
        let first = u64::from_le_bytes(b[..8].try_into().unwrap());
        let last = u64::from_le_bytes(b[n - 8..].try_into().unwrap());
        return may_need_escape(first) || may_need_escape(last);
    } else if n >= 4 {
        let first = u32::from_le_bytes(b[..4].try_into().unwrap());
        let last = u32::from_le_bytes(b[n - 4..].try_into().unwrap());
        u64::from(first) | u64::from(last) << 32
    } else if n > 0 {
        // One to three bytes: the first, middle and last cover them all.
        u64::from_le_bytes([b[0], b[n / 2], b[n - 1], b[0], b[0], b[0], b[0], b[0]])
    } else {
        return false;
    };
    may_need_escape(word)
}

/// Appends `bytes` (a piece of a `str`, escapes are ASCII so any cut is safe) escaped.
fn escape_into(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.reserve(bytes.len());
    let mut done = 0; // bytes[..done] are in buf
    let mut i = 0;
    while i < bytes.len() {
        if i + 8 <= bytes.len() {
            let x = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
            if !may_need_escape(x) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let e = ESCAPE[b as usize];
        if e != 0 {
            buf.extend_from_slice(&bytes[done..i]);
            done = i + 1;
            if e == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(b >> 4) as usize],
                    HEX[(b & 0xF) as usize],
                ]);
            } else {
                buf.extend_from_slice(&[b'\\', e]);
            }
        }
        i += 1;
    }
    buf.extend_from_slice(&bytes[done..]);
}

/// Opens an array or object.
fn open<'a, 'w, W: ?Sized>(ser: &'a mut Pretty<'w, W>, bracket: u8) -> Compound<'a, 'w, W> {
    ser.buf.push(bracket);
    ser.depth += 1;
    Compound { ser, first: true }
}

/// An array or object being written: `first` until its first element.
struct Compound<'a, 'w, W: ?Sized> {
    ser: &'a mut Pretty<'w, W>,
    first: bool,
}

impl<W: io::Write + ?Sized> Compound<'_, '_, W> {
    /// Before an element: the separator and the indent.
    fn next(&mut self) {
        if !self.first {
            self.ser.buf.push(b',');
        }
        self.first = false;
        self.ser.newline();
    }

    fn key(&mut self, key: &str) -> Result {
        self.next();
        self.ser.string(key)?;
        self.ser.buf.extend_from_slice(b": ");
        Ok(())
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.next();
        value.serialize(&mut *self.ser)?;
        self.ser.maybe_flush()
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.key(key)?;
        value.serialize(&mut *self.ser)?;
        self.ser.maybe_flush()
    }

    fn close(self, bracket: u8) -> Result {
        self.ser.depth -= 1;
        if !self.first {
            self.ser.newline();
        }
        self.ser.buf.push(bracket);
        Ok(())
    }
}

/// `serialize_i8` … `serialize_u128`: every integer type written by itoa.
macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result {
            self.integer(v);
            Ok(())
        }
    )*};
}

impl<'a, 'w, W: io::Write + ?Sized> ser::Serializer for &'a mut Pretty<'w, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'w, W>;
    type SerializeTuple = Compound<'a, 'w, W>;
    type SerializeTupleStruct = Compound<'a, 'w, W>;
    type SerializeTupleVariant = Compound<'a, 'w, W>;
    type SerializeMap = Compound<'a, 'w, W>;
    type SerializeStruct = Compound<'a, 'w, W>;
    type SerializeStructVariant = Compound<'a, 'w, W>;

    fn serialize_bool(self, v: bool) -> Result {
        self.buf.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128
    );
    fn serialize_f32(self, v: f32) -> Result {
        if v.is_finite() {
            self.buf.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            self.buf.extend_from_slice(b"null");
        }
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result {
        if v.is_finite() {
            self.buf.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            self.buf.extend_from_slice(b"null");
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.buf.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        let mut object = open(self, b'{');
        object.field(variant, value)?;
        object.close(b'}')
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(open(self, b'['))
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        // `{ "variant": [ … ] }`: the outer object is closed in `end`.
        let mut object = open(self, b'{');
        object.key(variant)?;
        Ok(open(object.ser, b'['))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(open(self, b'{'))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Ok(open(self, b'{'))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        let mut object = open(self, b'{');
        object.key(variant)?;
        Ok(open(object.ser, b'{'))
    }
}

/// Sequences, tuples and tuple structs are all JSON arrays.
macro_rules! array_like {
    ($($trait:ident::$method:ident),*) => {$(
        impl<W: io::Write + ?Sized> ser::$trait for Compound<'_, '_, W> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                self.close(b']')
            }
        }
    )*};
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl<W: io::Write + ?Sized> ser::SerializeTupleVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        // Closes the inner container, then the `{ "variant": … }` around it.
        let Compound { ser, first } = self;
        Compound { ser: &mut *ser, first }.close(b']')?;
        Compound { ser, first: false }.close(b'}')
    }
}

impl<W: io::Write + ?Sized> ser::SerializeMap for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        let key = key.serialize(KeyText)?;
        self.key(&key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.ser)?;
        self.ser.maybe_flush()
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

impl<W: io::Write + ?Sized> ser::SerializeStruct for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

impl<W: io::Write + ?Sized> ser::SerializeStructVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        // Closes the inner container, then the `{ "variant": … }` around it.
        let Compound { ser, first } = self;
        Compound { ser: &mut *ser, first }.close(b'}')?;
        Compound { ser, first: false }.close(b'}')
    }
}

/// Map keys written as their `Display` text.
macro_rules! as_text {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<String> {
            Ok(v.to_string())
        }
    )*};
}

/// A map key as the text JSON writes it: strings as they are, numbers,
/// booleans and unit variants as their text (serde_json's rule).
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String> {
        Ok(v.to_owned())
    }
    as_text!(
        serialize_char: char, serialize_bool: bool, serialize_i8: i8, serialize_i16: i16,
        serialize_i32: i32, serialize_i64: i64, serialize_i128: i128, serialize_u8: u8,
        serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128
    );
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<String> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String> {
        value.serialize(self)
    }
    fn serialize_f32(self, _v: f32) -> Result<String> {
        Err(ser::Error::custom("a float as a map key"))
    }
    fn serialize_f64(self, _v: f64) -> Result<String> {
        Err(ser::Error::custom("a float as a map key"))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String> {
        Err(ser::Error::custom("bytes as a map key"))
    }
    fn serialize_none(self) -> Result<String> {
        Err(ser::Error::custom("an option as a map key"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String> {
        Err(ser::Error::custom("an option as a map key"))
    }
    fn serialize_unit(self) -> Result<String> {
        Err(ser::Error::custom("() as a map key"))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String> {
        Err(ser::Error::custom("a unit struct as a map key"))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String> {
        Err(ser::Error::custom("an enum as a map key"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(ser::Error::custom("a sequence as a map key"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(ser::Error::custom("a tuple as a map key"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(ser::Error::custom("a tuple as a map key"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(ser::Error::custom("an enum as a map key"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(ser::Error::custom("a map as a map key"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(ser::Error::custom("a struct as a map key"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(ser::Error::custom("an enum as a map key"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn ours<T: Serialize>(v: &T) -> String {
        let mut out = Vec::new();
        to_writer_pretty(&mut out, v).unwrap();
        // Held whole or streamed, the same bytes.
        let mut whole = b"x".to_vec();
        extend_pretty(&mut whole, v).unwrap();
        assert_eq!(whole[1..], out[..]);
        String::from_utf8(out).unwrap()
    }

    fn theirs<T: Serialize>(v: &T) -> String {
        serde_json::to_string_pretty(v).unwrap()
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, Option<String>),
        Struct { a: Vec<u8>, b: (), c: BTreeMap<u32, bool> },
    }

    #[derive(Serialize)]
    struct Empty {}

    #[derive(Serialize)]
    struct Wrapper(Vec<Shape>);

    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        let mut map = BTreeMap::new();
        map.insert(7u32, true);
        map.insert(12, false);
        let v = (
            Wrapper(vec![
                Shape::Unit,
                Shape::Newtype(3),
                Shape::Tuple(-4, None),
                Shape::Tuple(5, Some("x\"\\\n\u{1}\u{7f}é中".into())),
                Shape::Struct { a: vec![], b: (), c: map.clone() },
                Shape::Struct { a: vec![1, 2], b: (), c: BTreeMap::new() },
            ]),
            Empty {},
            Vec::<Vec<u8>>::new(),
            vec![vec![1.5f64, -0.0, 1e21, 1e-7, f64::NAN, f64::INFINITY, 20.0]],
            [Some(1.25f32), None],
            ('c', u128::MAX, i128::MIN, u64::MAX, i8::MIN),
            BTreeMap::from([("b", vec![Empty {}]), ("a\t", vec![])]),
            serde_bytes_like(b"\x00\xff"),
        );
        assert_eq!(ours(&v), theirs(&v));
    }

    /// `serialize_bytes`, which serde_json writes as an array of numbers.
    fn serde_bytes_like(b: &'static [u8]) -> impl Serialize {
        struct Bytes(&'static [u8]);
        impl Serialize for Bytes {
            fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        Bytes(b)
    }

    #[test]
    fn a_map_key_json_cannot_hold_is_an_error() {
        let v = BTreeMap::from([(vec![1u8], 1)]);
        let err = to_writer_pretty(&mut Vec::new(), &v).unwrap_err();
        assert!(err.to_string().contains("map key"), "{err}");
    }

    #[test]
    fn long_strings_are_streamed_in_pieces() {
        struct Counting(Vec<usize>);
        impl io::Write for Counting {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.push(b.len());
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let s = "中\"文".repeat(100_000); // 800 KB, 100,000 escapes
        let mut w = Counting(Vec::new());
        to_writer_pretty(&mut w, &s).unwrap();
        assert!(w.0.len() > 10, "{:?}", w.0.len());
        assert!(w.0.iter().all(|&n| n < 2 * FLUSH_AT), "{:?}", w.0.iter().max());
        assert_eq!(w.0.iter().sum::<usize>(), theirs(&s).len());
    }

    #[test]
    fn an_io_error_is_returned() {
        struct Failing;
        impl io::Write for Failing {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let err = to_writer_pretty(&mut Failing, &"x").unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            // Every ASCII byte (controls, quote, backslash, DEL) among CJK and
            // other text, at every alignment against the eight-byte scan.
            s in "[\\x00-\\x7f中文é€😀\u{2028}]{0,40}"
        ) {
            proptest::prop_assert_eq!(ours(&s), theirs(&s));
        }

        #[test]
        fn numbers_are_written_as_serde_json_writes_them(
            f in proptest::num::f64::ANY, g in proptest::num::f32::ANY, i in proptest::num::i64::ANY
        ) {
            proptest::prop_assert_eq!(ours(&(f, g, i)), theirs(&(f, g, i)));
        }
    }
}
