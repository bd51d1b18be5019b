//! meta::number: here is a line near the title, give me the 文号 it states.
//!
//! A 文号 is an issuer's short name, a year in any bracket style and a number:
//! `温瓯教发〔2018〕120号`, `国办发[2019]6号`, `XX站[2025]（通知）XX08号`; or a
//! decree number `国令第707号`. It stands alone on a line under the title, often
//! in parentheses (`（沪府办发〔2016〕24号）`), sometimes with the year after it
//! (`（泉政办〔2017〕106号 2017年）`) or `签发人：…` beside it. A 文号 quoted inside a
//! sentence is a reference to another document and is not taken.

use std::sync::LazyLock;

use regex::Regex;

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[\p{Han}A-Za-z]{1,15}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*",
        r"(?:[(（]\p{Han}{1,6}[)）])?\s*[\p{Han}A-Za-z]{0,8}\s*\d{1,5}\s*号",
        r"|\p{Han}{1,15}令\s*第\s*\d{1,5}\s*号)"
    ))
    .unwrap()
});

/// The byte range of the 文号 a line consists of, if it is one.
pub fn doc_number_line(l: &str) -> Option<(usize, usize)> {
    let lead = l.len() - l.trim_start().len();
    let mut s = l.trim();
    let mut open = 0;
    if let Some(rest) = s.strip_prefix(['（', '(']) {
        open = s.len() - rest.len();
        s = rest;
    }
    // Both forms end in 号: most lines are rejected without the regex.
    if !s.contains('号') {
        return None;
    }
    let m = DOC_NUMBER.find(s)?;
    let tail = s[m.end()..].trim();
    let tail = tail.trim_end_matches(['）', ')']).trim();
    let tail_ok = tail.is_empty()
        || tail.starts_with("签发人")
        || (tail.ends_with('年')
            && tail.len() <= 8
            && tail.trim_end_matches('年').chars().all(|c| c.is_ascii_digit()));
    tail_ok.then(|| (lead + open + m.start(), lead + open + m.end()))
}

/// A 文号 given as a field value: the value if it has the form, else `None`.
pub fn is_doc_number(v: &str) -> bool {
    DOC_NUMBER.find(v.trim()).is_some_and(|m| m.end() == v.trim().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(l: &str) -> Option<&str> {
        doc_number_line(l).map(|(a, b)| &l[a..b])
    }

    #[test]
    fn forms() {
        assert_eq!(num("（沪府办发〔2016〕24号）"), Some("沪府办发〔2016〕24号"));
        assert_eq!(num("（泉政办〔2017〕106号 2017年）"), Some("泉政办〔2017〕106号"));
        assert_eq!(num("温瓯教发〔2018〕120号"), Some("温瓯教发〔2018〕120号"));
        assert_eq!(num("国办发[2019]6号"), Some("国办发[2019]6号"));
        assert_eq!(num("(国函(2018)159号)"), Some("国函(2018)159号"));
        assert_eq!(num("质检站[2025]（通知）ZJ08号"), Some("质检站[2025]（通知）ZJ08号"));
        assert_eq!(num("国令第707号"), Some("国令第707号"));
        assert_eq!(num("中华人民共和国国务院令第707号"), Some("中华人民共和国国务院令第707号"));
        assert_eq!(num("市教育局〔2020〕5号      签发人：王某"), Some("市教育局〔2020〕5号"));
        // A reference inside a sentence is not this document's number.
        assert_eq!(num("根据《意见》（国办发〔2015〕71号）精神，制定本方案。"), None);
        assert_eq!(num("国办发〔2015〕71号文件要求各地"), None);
        assert!(is_doc_number("国发〔2019〕5号"));
        assert!(!is_doc_number("无"));
    }
}
