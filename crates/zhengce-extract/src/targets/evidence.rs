//! evidence: here is a sentence and a quote in it, give me the evidence to
//! write, and the pieces a long sentence is read in.
//!
//! Two bounds keep the targets stage linear in its input and each record of
//! constant size, whatever the shape of the text (a scraped table flattened
//! to one line, a list joined by `，`, a page with no full stop):
//!
//! - [`bounded_sentence`]: a target's `sentence` is at most
//!   [`MAX_SENTENCE_CHARS`] characters (`targets.md` §3): from a longer
//!   sentence, the clauses (split at `，`, `、`, `：`) around the quote,
//!   nearest first. It reads at most that many characters on each side of
//!   the quote, so its cost does not depend on the sentence either.
//! - [`pieces`]: the attribute rules look back and forth inside a sentence;
//!   a sentence longer than [`MAX_PIECE_CHARS`] is read in pieces of at most
//!   that length, cut after a clause break where there is one. Real sentences
//!   are far shorter, and keep being read whole.
//! - [`MAX_OWNERS`]: a target copies at most that many owners of its item.

use crate::textutil::string_of;

/// Longest `sentence` of a target, in characters.
pub const MAX_SENTENCE_CHARS: usize = 200;

/// Longest stretch of a sentence the attribute rules read at once, in characters.
pub const MAX_PIECE_CHARS: usize = 1000;

/// Most owners a target copies from its item (the item lists them all): an
/// item naming more is a list of units, not the owners of one commitment.
pub const MAX_OWNERS: usize = 64;

/// Where the evidence may be cut (`targets.md` §3 `sentence`: `，`, `、`, `：`;
/// scraped text writes the comma and colon half-width as often).
fn is_evidence_break(c: char) -> bool {
    matches!(c, '，' | '、' | '：' | ',' | ':')
}

/// Where a long sentence may be cut into pieces: a clause break, else a list break.
fn is_piece_break(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':')
}

/// The evidence for the quote at `quote` (char range) of `sent`: the sentence
/// without surrounding white space when it is short enough, else the clauses
/// around the quote up to [`MAX_SENTENCE_CHARS`]. A quote longer than that is
/// its own evidence; a clause longer than that is cut around the quote.
pub fn bounded_sentence(sent: &[char], quote: (usize, usize)) -> String {
    let (qs, qe) = (quote.0.min(sent.len()), quote.1.min(sent.len()));
    let trimmed = trim(sent, 0, sent.len());
    if trimmed.1 - trimmed.0 <= MAX_SENTENCE_CHARS {
        return string_of(&sent[trimmed.0..trimmed.1]);
    }
    let max = MAX_SENTENCE_CHARS;
    if qe - qs >= max {
        return string_of(&sent[qs..qe]);
    }
    // The clause (or clauses) holding the quote: back to the break before
    // it, on to the break after it (kept with its clause), each looked for
    // no further than the bound.
    let lo = clause_start(sent, qs, qs.saturating_sub(max));
    let hi = clause_end(sent, qe, (qe + max).min(sent.len()));
    let (mut lo, mut hi) = match (lo, hi) {
        (Some(lo), Some(hi)) if hi - lo <= max => (lo, hi),
        _ => {
            // No clause break near: the characters around the quote, evenly.
            let room = max - (qe - qs);
            let before = (room / 2).min(qs);
            let after = (room - before).min(sent.len() - qe);
            let before = (room - after).min(qs);
            let (a, b) = trim(sent, qs - before, qe + after);
            return string_of(&sent[a..b]);
        }
    };
    // Then the neighbouring clauses, the nearer first, while they fit.
    let (mut left_open, mut right_open) = (lo > 0, hi < sent.len());
    while left_open || right_open {
        let budget = max - (hi - lo);
        let left = if left_open {
            clause_start(sent, lo - 1, (lo - 1).saturating_sub(budget)).filter(|&a| hi - a <= max)
        } else {
            None
        };
        let right = if right_open {
            clause_end(sent, hi + 1, (hi + 1 + budget).min(sent.len())).filter(|&b| b - lo <= max)
        } else {
            None
        };
        match (left, right) {
            (Some(a), Some(b)) if qs - a <= b - qe => lo = a,
            (_, Some(b)) => hi = b,
            (Some(a), None) => lo = a,
            (None, None) => break,
        }
        left_open = left_open && left.is_some() && lo > 0;
        right_open = right_open && right.is_some() && hi < sent.len();
    }
    let (a, b) = trim(sent, lo, hi);
    string_of(&sent[a..b])
}

/// Start of the clause holding char `k - 1` .. `k`: just after the evidence
/// break before `k`, or the sentence start; `None` when neither is at or after `floor`.
fn clause_start(sent: &[char], k: usize, floor: usize) -> Option<usize> {
    let mut j = k;
    while j > floor {
        if is_evidence_break(sent[j - 1]) {
            return Some(j);
        }
        j -= 1;
    }
    (j == 0).then_some(0)
}

/// End of the clause holding char `k - 1`: just after the next evidence break
/// at or after `k - 1`, or the sentence end; `None` when neither is before `ceil`.
fn clause_end(sent: &[char], k: usize, ceil: usize) -> Option<usize> {
    let mut j = k.max(1) - 1;
    while j < ceil {
        if is_evidence_break(sent[j]) {
            return Some(j + 1);
        }
        j += 1;
    }
    (j >= sent.len()).then_some(sent.len())
}

/// `a..b` without white space at either end.
fn trim(sent: &[char], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && sent[a].is_whitespace() {
        a += 1;
    }
    while b > a && sent[b - 1].is_whitespace() {
        b -= 1;
    }
    (a, b)
}

/// Splits the sentence `ss..se` of `chars` into pieces of at most
/// [`MAX_PIECE_CHARS`] characters, pushed onto `out` as char ranges of `chars`.
/// A piece ends after the last clause break in its reach, else before a
/// pair of characters that cannot be part of a number (never inside `2000`,
/// nor between it and a unit after it), else at the
/// bound. A sentence within the bound is one piece.
pub fn pieces(chars: &[char], ss: usize, se: usize, out: &mut Vec<(usize, usize)>) {
    let mut start = ss;
    while se - start > MAX_PIECE_CHARS {
        let reach = start + MAX_PIECE_CHARS;
        // Keep at least half a piece, so that the pieces stay few.
        let floor = start + MAX_PIECE_CHARS / 2;
        let end = (floor..reach)
            .rev()
            .find(|&k| is_piece_break(chars[k - 1]))
            .or_else(|| {
                (floor..reach)
                    .rev()
                    .find(|&k| !continues_number(chars[k - 1]) && !continues_number(chars[k]))
            })
            .unwrap_or(reach);
        out.push((start, end));
        start = end;
    }
    out.push((start, se));
}

/// Characters a quantity may run on with (digits, numerals, `.`, `%`, ranges).
fn continues_number(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '.' | '%' | '．' | '-' | '~' | '至' | '余' | '多')
        || crate::numbers::is_cn_numeral_char(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn quote_at(s: &[char], q: &str) -> (usize, usize) {
        let q = chars(q);
        let k = s.windows(q.len()).position(|w| w == q.as_slice()).unwrap();
        (k, k + q.len())
    }

    #[test]
    fn a_short_sentence_is_kept_whole_and_trimmed() {
        let s = chars("  到2025年，新增教师2000名。 ");
        assert_eq!(
            bounded_sentence(&s, quote_at(&s, "新增教师2000名")),
            "到2025年，新增教师2000名。"
        );
    }

    #[test]
    fn a_long_sentence_keeps_the_clauses_around_the_quote() {
        let line = "到2025年新增教师2000名，".repeat(5000);
        let s = chars(&line);
        let mid = 2500 * 16;
        let q = (mid + 8, mid + 15);
        assert_eq!(string_of(&s[q.0..q.1]), "教师2000名");
        let e = bounded_sentence(&s, q);
        let n = e.chars().count();
        assert!(n <= MAX_SENTENCE_CHARS && n > MAX_SENTENCE_CHARS - 16, "{n}");
        // Whole clauses: it starts where a clause starts and ends after a break.
        assert!(e.starts_with("到2025年"), "{e}");
        assert!(e.ends_with('，'), "{e}");
        // Twelve whole clauses of the sentence.
        assert!(line.contains(&e));
        assert_eq!(e, "到2025年新增教师2000名，".repeat(12));
    }

    #[test]
    fn nearest_clauses_come_first() {
        // A long clause on the left, short ones on the right: the short ones fit first.
        let left = "甲".repeat(150);
        let text = format!("{left}，新建学校10所，乙，丙，丁，{}。", "戊".repeat(300));
        let s = chars(&text);
        let e = bounded_sentence(&s, quote_at(&s, "新建学校10所"));
        assert_eq!(e, format!("{left}，新建学校10所，乙，丙，丁，"));
    }

    #[test]
    fn a_long_clause_is_cut_around_the_quote() {
        let text = format!("{}新建学校10所{}", "甲".repeat(500), "乙".repeat(500));
        let s = chars(&text);
        let e = bounded_sentence(&s, quote_at(&s, "新建学校10所"));
        assert_eq!(e.chars().count(), MAX_SENTENCE_CHARS);
        assert!(e.contains("新建学校10所"));
        assert_eq!(e.chars().filter(|&c| c == '甲').count(), 96);
    }

    #[test]
    fn pieces_are_bounded_and_cut_after_clause_breaks() {
        let s = chars(&"新增教师2000名，".repeat(1000));
        let mut out = Vec::new();
        pieces(&s, 0, s.len(), &mut out);
        assert_eq!(out.first().unwrap().0, 0);
        assert_eq!(out.last().unwrap().1, s.len());
        for w in out.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
        for &(a, b) in &out {
            assert!(b - a <= MAX_PIECE_CHARS);
            assert_eq!(s[b - 1], '，');
        }
        // No clause break at all: never cut inside a number.
        let s = chars(&"教师2000名".repeat(1000));
        out.clear();
        pieces(&s, 0, s.len(), &mut out);
        for &(_, b) in &out[..out.len() - 1] {
            assert!(!s[b].is_ascii_digit() && !s[b - 1].is_ascii_digit(), "{b}");
        }
    }
}
