//! numbering: here is `numbering.xml`, give me the marker Word shows before each numbered paragraph.
//!
//! `w:num` → `w:abstractNum` (following `w:numStyleLink` through a numbering
//! style to the list that carries the levels), `w:lvlOverride` with
//! `w:startOverride` or a whole `w:lvl`, then `w:lvlText` with its `%1..%9`
//! placeholders rendered in each level's `w:numFmt`.
//!
//! Counters are kept per abstract list, as Word does: two `w:num`s over the
//! same abstract list continue one another, unless a `w:num` overrides a
//! level's start, which restarts that level when the `w:num` is first used.
//! A level restarts whenever a higher level (smaller `ilvl`) is used, or, with
//! `w:lvlRestart`, only when a level at or above the one it names is used
//! (`w:lvlRestart w:val="0"`: never).
//!
//! Bullets (`w:numFmt w:val="bullet"`) render no marker at all: the bullet
//! glyph is decoration in a private-use font and carries no number.
//!
//! Between marker and text: nothing when `w:suff` is `nothing`, when the
//! marker ends in punctuation (`一、`, `（一）`, `1.`, `(1)`) or is a single
//! enclosed number (`①`); otherwise one space (`第一章 总则`, `1 总则`),
//! which the text reader accepts as well.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use super::styles::Styles;
use super::xml::{attr, on_off, Ev, PartXml};
use super::DocxError;

/// What follows the marker (`w:suff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub start: i64,
    pub fmt: String,
    pub text: String,
    /// `w:lvlRestart` (1-based level after which this one restarts; 0 = never).
    pub restart: Option<u8>,
    pub suffix: Suffix,
    pub is_lgl: bool,
    /// `w:pStyle`: the paragraph style bound to this level.
    pub p_style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".into(),
            text: String::new(),
            restart: None,
            suffix: Suffix::Tab,
            is_lgl: false,
            p_style: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: HashMap<u8, Level>,
    num_style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<u8, i64>,
    level_overrides: HashMap<u8, Level>,
}

/// The lists of a document and their running counters.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    /// Per abstract list: the last value of each level, `None` before first use.
    counters: HashMap<String, [Option<i64>; 9]>,
    /// `w:num`s whose start overrides were already applied.
    started: HashSet<String>,
}

/// A rendered marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub text: String,
    pub suffix: Suffix,
}

impl Marker {
    /// The marker with what separates it from the paragraph text (see the module doc).
    pub fn prefix(&self) -> String {
        let mut out = self.text.clone();
        if self.text.is_empty() || self.suffix == Suffix::Nothing {
            return out;
        }
        let last = self.text.chars().last().unwrap_or(' ');
        let bare_enclosed = self.text.chars().count() == 1 && is_enclosed_number(last);
        if !(is_marker_punct(last) || bare_enclosed || last.is_whitespace()) {
            out.push(' ');
        }
        out
    }
}

fn is_marker_punct(c: char) -> bool {
    matches!(
        c,
        '、' | '）'
            | ')'
            | '.'
            | '．'
            | '。'
            | ':'
            | '：'
            | ','
            | '，'
            | ']'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '」'
            | '』'
    )
}

fn is_enclosed_number(c: char) -> bool {
    matches!(c as u32, 0x2460..=0x24FF | 0x3251..=0x325F | 0x32B1..=0x32BF | 0x2776..=0x2793)
}

impl Numbering {
    pub fn parse<R: BufRead>(xml: &mut PartXml<R>) -> Result<Self, DocxError> {
        let mut out = Numbering::default();
        let mut buf = Vec::new();
        let mut abs: Option<(String, Abstract)> = None;
        let mut num: Option<(String, Num)> = None;
        // The level being read: (ilvl, level), and the override level it belongs to.
        let mut lvl: Option<(u8, Level)> = None;
        let mut override_ilvl: Option<u8> = None;
        loop {
            let ev = xml.next(&mut buf)?;
            let (e, is_start) = match &ev {
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => {
                            if let Some((id, a)) = abs.take() {
                                out.abstracts.insert(id, a);
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                out.nums.insert(id, n);
                            }
                        }
                        "lvl" => {
                            if let Some((ilvl, level)) = lvl.take() {
                                if let Some((_, n)) = num.as_mut() {
                                    n.level_overrides.insert(ilvl, level);
                                } else if let Some((_, a)) = abs.as_mut() {
                                    a.levels.insert(ilvl, level);
                                }
                            }
                        }
                        "lvlOverride" => override_ilvl = None,
                        _ => {}
                    }
                    continue;
                }
                Ev::Eof => break,
                _ => continue,
            };
            let name = e.local_name();
            let val = || attr(e, "val");
            match name.as_ref() {
                "abstractNum" if is_start => {
                    abs = Some((attr(e, "abstractNumId").unwrap_or_default(), Abstract::default()));
                }
                "num" if is_start => {
                    num = Some((attr(e, "numId").unwrap_or_default(), Num::default()));
                }
                "lvl" if is_start => {
                    let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).or(override_ilvl);
                    lvl = ilvl.filter(|&i| i < 9).map(|i| (i, Level::default()));
                }
                "lvlOverride" if is_start => {
                    override_ilvl =
                        attr(e, "ilvl").and_then(|v| v.parse().ok()).filter(|&i: &u8| i < 9);
                }
                "abstractNumId" => {
                    if let Some((_, n)) = num.as_mut() {
                        n.abstract_id = val().unwrap_or_default();
                    }
                }
                "startOverride" => {
                    if let (Some((_, n)), Some(i)) = (num.as_mut(), override_ilvl) {
                        if let Some(v) = val().and_then(|v| v.parse().ok()) {
                            n.start_overrides.insert(i, v);
                        }
                    }
                }
                "numStyleLink" => {
                    if let Some((_, a)) = abs.as_mut() {
                        a.num_style_link = val();
                    }
                }
                _ => {
                    let Some((_, level)) = lvl.as_mut() else { continue };
                    match name.as_ref() {
                        "start" => level.start = val().and_then(|v| v.parse().ok()).unwrap_or(1),
                        "numFmt" => level.fmt = val().unwrap_or_else(|| "decimal".into()),
                        "lvlText" => level.text = val().unwrap_or_default(),
                        "lvlRestart" => level.restart = val().and_then(|v| v.parse().ok()),
                        "isLgl" => level.is_lgl = on_off(e),
                        "pStyle" => level.p_style = val(),
                        "suff" => {
                            level.suffix = match val().as_deref() {
                                Some("space") => Suffix::Space,
                                Some("nothing") => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(out)
    }

    /// The abstract list a `w:num` uses, following `w:numStyleLink`.
    fn abstract_for(&self, num_id: &str, styles: &Styles) -> Option<(&str, &Abstract)> {
        let mut id = self.nums.get(num_id)?.abstract_id.as_str();
        for _ in 0..4 {
            let a = self.abstracts.get(id)?;
            match &a.num_style_link {
                Some(link) if a.levels.is_empty() => {
                    let (linked, _) = styles.numbering(link)?;
                    id = self.nums.get(&linked)?.abstract_id.as_str();
                }
                _ => return Some((id, a)),
            }
        }
        None
    }

    /// The level a style is bound to in a list (`w:lvl/w:pStyle`).
    pub fn level_for_style(&self, num_id: &str, style_id: &str, styles: &Styles) -> Option<u8> {
        let (_, a) = self.abstract_for(num_id, styles)?;
        a.levels.iter().find(|(_, l)| l.p_style.as_deref() == Some(style_id)).map(|(&i, _)| i)
    }

    fn level(&self, num_id: &str, ilvl: u8, styles: &Styles) -> Option<Level> {
        if let Some(l) = self.nums.get(num_id).and_then(|n| n.level_overrides.get(&ilvl)) {
            return Some(l.clone());
        }
        self.abstract_for(num_id, styles)?.1.levels.get(&ilvl).cloned()
    }

    /// Counts a paragraph in list `num_id` at level `ilvl` and renders its marker.
    /// `None` when the list is unknown or `numId` is 0 (numbering removed).
    pub fn next_marker(&mut self, num_id: &str, ilvl: u8, styles: &Styles) -> Option<Marker> {
        if num_id == "0" || ilvl > 8 {
            return None;
        }
        let (abs_id, _) = self.abstract_for(num_id, styles)?;
        let abs_id = abs_id.to_string();
        let levels: Vec<Option<Level>> = (0..9).map(|i| self.level(num_id, i, styles)).collect();
        let this = levels[ilvl as usize].clone()?;
        let overrides =
            self.nums.get(num_id).map(|n| n.start_overrides.clone()).unwrap_or_default();
        let start_of = |i: usize| -> i64 {
            overrides
                .get(&(i as u8))
                .copied()
                .or_else(|| levels[i].as_ref().map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(abs_id).or_insert([None; 9]);
        if self.started.insert(num_id.to_string()) {
            for &i in overrides.keys() {
                if let Some(c) = counters.get_mut(i as usize) {
                    *c = None;
                }
            }
        }
        let i = ilvl as usize;
        counters[i] = Some(match counters[i] {
            None => start_of(i),
            Some(v) => v + 1,
        });
        for (k, counter) in counters.iter_mut().enumerate().skip(i + 1) {
            let restart = levels[k].as_ref().and_then(|l| l.restart);
            let restarts = match restart {
                None => true,
                Some(0) => false,
                Some(r) => i < r as usize,
            };
            if restarts {
                *counter = None;
            }
        }
        if this.fmt == "bullet" {
            return Some(Marker { text: String::new(), suffix: this.suffix });
        }
        let mut text = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) =
                    chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d))
                {
                    chars.next();
                    let k = d as usize - 1;
                    let value = counters[k].unwrap_or_else(|| start_of(k));
                    let fmt = match &levels[k] {
                        Some(_) if this.is_lgl && k < i => "decimal",
                        Some(l) => l.fmt.as_str(),
                        None => "decimal",
                    };
                    text.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            text.push(c);
        }
        Some(Marker { text, suffix: this.suffix })
    }
}

/// Renders a counter value in a `w:numFmt`. Formats without a rendering of
/// their own fall back to decimal.
pub fn format_number(n: i64, fmt: &str) -> String {
    if n < 0 {
        return n.to_string();
    }
    match fmt {
        "none" | "bullet" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "chineseCounting" | "japaneseCounting" | "taiwaneseCounting" => chinese_counting(n),
        "chineseCountingThousand" | "taiwaneseCountingThousand" | "japaneseLegal" => {
            chinese_thousand(n, &LOWER_DIGITS, &LOWER_UNITS)
        }
        "chineseLegalSimplified" => chinese_thousand(n, &LEGAL_DIGITS, &LEGAL_UNITS),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            n.to_string().chars().map(|d| LOWER_DIGITS[d as usize - '0' as usize]).collect()
        }
        "ideographTraditional" if n > 0 => {
            cycle(n, &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'])
        }
        "ideographZodiac" if n > 0 => {
            cycle(n, &['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'])
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            let c = match n {
                1..=20 => char::from_u32(0x2460 + n as u32 - 1),
                21..=35 => char::from_u32(0x3251 + n as u32 - 21),
                36..=50 => char::from_u32(0x32B1 + n as u32 - 36),
                _ => None,
            };
            c.map(String::from).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n as u32 - 1).map(String::from).unwrap_or_default()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n as u32 - 1).map(String::from).unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(0xFF10 + (d as u32 - '0' as u32)).unwrap_or(d))
            .collect(),
        _ => n.to_string(),
    }
}

const LOWER_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LOWER_UNITS: [char; 4] = ['十', '百', '千', '万'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const LEGAL_UNITS: [char; 4] = ['拾', '佰', '仟', '万'];

fn cycle(n: i64, symbols: &[char]) -> String {
    symbols[((n - 1) as usize) % symbols.len()].to_string()
}

/// `chineseCounting`: 一 … 十, 十一 … 九十九; from 100 on, digit by digit (一〇一).
fn chinese_counting(n: i64) -> String {
    let d = |k: i64| LOWER_DIGITS[k as usize];
    match n {
        0..=9 => d(n).to_string(),
        10..=19 => {
            let mut s = String::from('十');
            if n % 10 != 0 {
                s.push(d(n % 10));
            }
            s
        }
        20..=99 => {
            let mut s = String::new();
            s.push(d(n / 10));
            s.push('十');
            if n % 10 != 0 {
                s.push(d(n % 10));
            }
            s
        }
        _ => n.to_string().chars().map(|c| LOWER_DIGITS[c as usize - '0' as usize]).collect(),
    }
}

/// `chineseCountingThousand` and legal forms: 十一, 一百零一, 一千二百, 一万零五.
fn chinese_thousand(n: i64, digits: &[char; 10], units: &[char; 4]) -> String {
    if n == 0 {
        return if digits[0] == '〇' { "零".into() } else { digits[0].to_string() };
    }
    let zero = if digits[0] == '〇' { '零' } else { digits[0] };
    let below_10k = |m: i64, out: &mut String, leading: bool, short_ten: bool| {
        let parts = [(m / 1000) % 10, (m / 100) % 10, (m / 10) % 10, m % 10];
        let mut pending_zero = false;
        let mut started = !leading;
        for (pos, &digit) in parts.iter().enumerate() {
            if digit == 0 {
                if started {
                    pending_zero = true;
                }
                continue;
            }
            if pending_zero {
                out.push(zero);
                pending_zero = false;
            }
            let unit = match pos {
                0 => Some(units[2]),
                1 => Some(units[1]),
                2 => Some(units[0]),
                _ => None,
            };
            // 十一 rather than 一十一 when the number starts with its tens (lower case only).
            let skip_one = short_ten && pos == 2 && digit == 1 && !started && digits[0] == '〇';
            if !skip_one {
                out.push(digits[digit as usize]);
            }
            if let Some(u) = unit {
                out.push(u);
            }
            started = true;
        }
    };
    let mut out = String::new();
    if n >= 10_000 {
        out.push_str(&chinese_thousand(n / 10_000, digits, units));
        out.push(units[3]);
        let rest = n % 10_000;
        if rest > 0 {
            if rest < 1000 {
                out.push(zero);
            }
            below_10k(rest, &mut out, true, false);
        }
    } else {
        below_10k(n, &mut out, true, true);
    }
    out
}

fn roman(mut n: i64) -> String {
    if n <= 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Word's letter numbering: A … Z, AA, BB … ZZ, AAA …
fn letters(n: i64, base: u8) -> String {
    if n <= 0 {
        return n.to_string();
    }
    let c = (base + ((n - 1) % 26) as u8) as char;
    let times = ((n - 1) / 26 + 1) as usize;
    std::iter::repeat_n(c, times.min(64)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        let cases: &[(i64, &str, &str)] = &[
            (1, "decimal", "1"),
            (3, "decimalZero", "03"),
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (11, "chineseCounting", "十一"),
            (20, "chineseCounting", "二十"),
            (37, "chineseCounting", "三十七"),
            (101, "chineseCounting", "一〇一"),
            (11, "chineseCountingThousand", "十一"),
            (101, "chineseCountingThousand", "一百零一"),
            (110, "chineseCountingThousand", "一百一十"),
            (1200, "chineseCountingThousand", "一千二百"),
            (10005, "chineseCountingThousand", "一万零五"),
            (10015, "chineseCountingThousand", "一万零一十五"),
            (12000, "chineseCountingThousand", "一万二千"),
            (12, "chineseLegalSimplified", "壹拾贰"),
            (1, "ideographTraditional", "甲"),
            (4, "ideographTraditional", "丁"),
            (11, "ideographTraditional", "甲"),
            (1, "decimalEnclosedCircle", "①"),
            (20, "decimalEnclosedCircle", "⑳"),
            (21, "decimalEnclosedCircle", "㉑"),
            (3, "decimalEnclosedParen", "⑶"),
            (12, "decimalFullWidth", "１２"),
            (4, "upperLetter", "D"),
            (28, "lowerLetter", "bb"),
            (14, "upperRoman", "XIV"),
            (9, "lowerRoman", "ix"),
            (5, "bullet", ""),
            (5, "ordinal", "5"),
        ];
        for &(n, fmt, want) in cases {
            assert_eq!(format_number(n, fmt), want, "{n} as {fmt}");
        }
    }

    fn numbering() -> Numbering {
        let xml = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
            <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="1"/><w:lvlText w:val="%1.%4"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let mut part = PartXml::new(xml.as_bytes(), "word/numbering.xml", 64);
        Numbering::parse(&mut part).unwrap()
    }

    #[test]
    fn counters_restart_under_higher_levels() {
        let mut n = numbering();
        let s = Styles::default();
        let mut m = |id: &str, l: u8| n.next_marker(id, l, &s).unwrap().prefix();
        assert_eq!(m("1", 0), "一、");
        assert_eq!(m("1", 1), "（一）");
        assert_eq!(m("1", 2), "1.");
        assert_eq!(m("1", 2), "2.");
        assert_eq!(m("1", 1), "（二）");
        assert_eq!(m("1", 2), "1.", "level 3 restarts under a new level 2");
        assert_eq!(m("1", 3), "一.1 ", "%1 keeps level 1's format");
        assert_eq!(m("1", 1), "（三）");
        assert_eq!(m("1", 3), "一.2 ", "lvlRestart 1: only level 1 restarts level 4");
        assert_eq!(m("1", 0), "二、");
        assert_eq!(m("1", 1), "（一）");
        assert_eq!(m("1", 3), "二.1 ");
        assert_eq!(m("2", 0), "五、", "startOverride restarts the shared list");
        assert_eq!(m("1", 0), "六、");
    }

    #[test]
    fn unknown_and_removed_lists_have_no_marker() {
        let mut n = numbering();
        let s = Styles::default();
        assert_eq!(n.next_marker("0", 0, &s), None);
        assert_eq!(n.next_marker("9", 0, &s), None);
        assert_eq!(n.next_marker("1", 7, &s), None);
    }
}
