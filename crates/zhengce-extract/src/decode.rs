//! decode: here are a text file's bytes, give me UTF-8 and the name of the encoding.
//!
//! Order of decisions: a byte-order mark wins; then valid UTF-8; then UTF-16
//! without a BOM (recognised by its zero bytes); then `chardetng` guesses among
//! the legacy encodings (GBK/GB18030, Big5, …). Bytes that are not text (NUL
//! bytes outside UTF-16, image and archive signatures, mostly control bytes)
//! are an error, not a page of mojibake. A few broken bytes in otherwise good
//! text are replaced with U+FFFD and reported as a warning.

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::ErrorKind;

/// Decoded text and what was learnt on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `GBK`, `UTF-16LE`, …
    pub encoding: String,
    /// Damage worked around (replacement characters), for `diagnostics`.
    pub warnings: Vec<String>,
}

/// The share of malformed sequences above which a guess is rejected.
const MAX_MALFORMED_SHARE: f64 = 0.02;

pub fn decode(bytes: &[u8]) -> Result<Decoded, ErrorKind> {
    decode_owned(bytes.to_vec())
}

/// [`decode`], taking the bytes: UTF-8 without a byte-order mark (the common
/// case) becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, ErrorKind> {
    if bytes.is_empty() {
        return Err(ErrorKind::Empty);
    }
    if let Some(what) = sniff_binary_signature(&bytes) {
        return Err(ErrorKind::Binary { what: what.to_string() });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return finish(enc, &bytes[bom_len..], true);
    }
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated `bytes` as UTF-8. (std's own check
        // steps through CJK text a byte at a time; it was 3% of the pipeline.)
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return check(text, UTF_8, 0, false);
    }
    let bytes = bytes.as_slice();
    if let Some(enc) = sniff_utf16(bytes) {
        return finish(enc, bytes, false);
    }
    if bytes.contains(&0) {
        return Err(ErrorKind::Binary {
            what: format!("it holds NUL bytes (first at byte {})", first_nul(bytes)),
        });
    }
    // Mostly-UTF-8 text with a few broken bytes stays UTF-8.
    let utf8_bad = count_utf8_errors(bytes);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let guess = if guess == GBK { GB18030 } else { guess };
    let enc = if utf8_bad * 200 < bytes.len() && utf8_bad <= count_malformed(guess, bytes) {
        UTF_8
    } else {
        guess
    };
    finish(enc, bytes, false)
}

/// [`decode_owned`] for a document that declares its encoding (an HTML
/// page's `<meta charset>`): a byte-order mark still wins; then the declared
/// encoding (GBK and GB2312 read as their superset GB18030) when the bytes are
/// well-formed in it; otherwise detection as for any text.
pub fn decode_declared(
    bytes: Vec<u8>,
    declared: Option<&'static Encoding>,
) -> Result<Decoded, ErrorKind> {
    let Some(enc) = declared else { return decode_owned(bytes) };
    if bytes.is_empty() || Encoding::for_bom(&bytes).is_some() || enc == UTF_8 {
        return decode_owned(bytes);
    }
    if enc == UTF_16LE || enc == UTF_16BE {
        // A page declaring UTF-16 in ASCII bytes is not UTF-16.
        return decode_owned(bytes);
    }
    let enc = if enc == GBK || enc.name() == "gb2312" { GB18030 } else { enc };
    if sniff_binary_signature(&bytes).is_some() || count_malformed(enc, &bytes) > 0 {
        return decode_owned(bytes);
    }
    finish(enc, &bytes, false)
}

fn finish(enc: &'static Encoding, bytes: &[u8], had_bom: bool) -> Result<Decoded, ErrorKind> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    // U+FFFD already in well-formed text (scraped pages carry them) is not decoding damage.
    let bad = if had_errors { text.chars().filter(|&c| c == '\u{FFFD}').count() } else { 0 };
    let total = text.chars().count().max(1);
    let name = display_name(enc);
    if (bad as f64) / (total as f64) > MAX_MALFORMED_SHARE && bad > 8 {
        return Err(ErrorKind::Undecodable {
            reason: format!(
                "{bad} of {total} characters are malformed as {name}; the file may be binary or in an encoding zhengce does not know"
            ),
        });
    }
    check(text.into_owned(), enc, bad, had_bom)
}

/// Rejects text that is mostly control characters; warns of replaced bytes and
/// of UTF-16 read without a byte-order mark.
fn check(
    text: String,
    enc: &'static Encoding,
    bad: usize,
    had_bom: bool,
) -> Result<Decoded, ErrorKind> {
    let name = display_name(enc);
    // Bytes that start a character, and the control characters (all ASCII).
    let total = text.chars().count().max(1);
    let controls = count_controls(text.as_bytes());
    if controls * 10 > total && controls > 8 {
        return Err(ErrorKind::Binary {
            what: format!("{controls} of {total} characters are control characters"),
        });
    }
    let mut warnings = Vec::new();
    if bad > 0 {
        warnings.push(format!(
            "{bad} malformed byte sequence(s) in {name} text were replaced with U+FFFD"
        ));
    }
    if !had_bom && (enc == UTF_16LE || enc == UTF_16BE) {
        warnings.push(format!("no byte-order mark: read as {name} from its zero bytes"));
    }
    Ok(Decoded { text, encoding: name.to_string(), warnings })
}

fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 {
        // GB18030 is a superset of GBK; name the family people know.
        "GB18030"
    } else {
        enc.name()
    }
}

fn count_malformed(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

fn count_utf8_errors(mut bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                if skip >= bytes.len() {
                    return n;
                }
                bytes = &bytes[skip..];
            }
        }
    }
}

fn first_nul(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| b == 0).unwrap_or(0)
}

/// UTF-16 without a BOM: in text that is mostly ASCII or CJK, one of the two byte
/// lanes holds many zeros (ASCII) or the text decodes cleanly with CJK code units.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let lane = |enc: &'static Encoding| {
        let (text, had_errors) = enc.decode_without_bom_handling(sample);
        if had_errors && text.chars().filter(|&c| c == '\u{FFFD}').count() > 2 {
            return 0.0;
        }
        let good = text
            .chars()
            .filter(|&c| {
                c.is_ascii_graphic()
                    || c.is_whitespace()
                    || ('\u{4E00}'..='\u{9FFF}').contains(&c)
                    || ('\u{3000}'..='\u{303F}').contains(&c)
                    || ('\u{FF00}'..='\u{FFEF}').contains(&c)
            })
            .count();
        good as f64 / text.chars().count().max(1) as f64
    };
    if odd_zero * 3 > pairs && even_zero * 10 < pairs {
        return Some(UTF_16LE);
    }
    if even_zero * 3 > pairs && odd_zero * 10 < pairs {
        return Some(UTF_16BE);
    }
    // Chinese-only UTF-16 has few zero bytes; require nearly all units to be text.
    let (le, be) = (lane(UTF_16LE), lane(UTF_16BE));
    if le > 0.97 && le > be {
        Some(UTF_16LE)
    } else if be > 0.97 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Names well-known binary formats by their signature.
fn sniff_binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "it is a PNG image"),
        (b"\xFF\xD8\xFF", "it is a JPEG image"),
        (b"GIF87a", "it is a GIF image"),
        (b"GIF89a", "it is a GIF image"),
        (b"%PDF-", "it is a PDF document (zhengce reads .txt, .html and .docx)"),
        (b"PK\x03\x04", "it is a zip archive (a .docx named as text?)"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "it is an old Office (OLE) file such as .doc"),
        (b"\x7FELF", "it is an executable"),
        (b"\x1F\x8B", "it is gzip-compressed"),
        (b"Rar!", "it is a RAR archive"),
        (b"7z\xBC\xAF\x27\x1C", "it is a 7z archive"),
    ];
    SIGS.iter().find(|(sig, _)| bytes.starts_with(sig)).map(|(_, what)| *what)
}

/// The number of [`is_bad_control`] characters (all ASCII) in UTF-8 bytes.
/// Blocks without any byte below 0x20 or 0x7F are skipped with a check the
/// compiler vectorises; the rest are counted byte by byte.
fn count_controls(bytes: &[u8]) -> usize {
    bytes
        .chunks(64)
        .filter(|c| c.iter().fold(false, |acc, &b| acc | (b < 0x20) | (b == 0x7f)))
        .map(|c| c.iter().filter(|&&b| is_bad_control(b as char)).count())
        .sum()
}

fn is_bad_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{7f}'
}
