//! time: here is a stretch of text (a sentence, a heading path, a title), give
//! me the years it names and what they mean.
//!
//! The one home of time expressions for the extractor:
//! - plan names written out: `十四五` → 2021–2025 ([`five_year_plan`]);
//! - year ranges `2018-2020年` (years 19xx/20xx only) and single years `2021年`
//!   ([`period_in`], for a title's plan period);
//! - years in a sentence: `到2025年`, `2017年底前`, `“十四五”期间`, `今后五年`, each
//!   marked when it is only the base of a comparison (`比2020年`, `较“十三五”末`)
//!   ([`sentence_years`]);
//! - what a heading path says: a year (`2021年工作要点`), a period (`“十五五”时期
//!   主要目标`), review words (`回顾`, `成效`) ([`HeadingTime`]);
//! - past markers in a clause (`现有`, `累计`) ([`is_past`]);
//! - the precedence of `targets.md` §3 that picks a record's year and says where
//!   it came from ([`resolve_year`] → [`YearSource`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Period, TargetKind, YearSource};
use crate::textutil::string_of;

/// `十四五` → 2025 (the last year of the nth five-year plan; `十五` is the 10th).
pub fn five_year_plan_end(name: &str) -> Option<i32> {
    let n = match name {
        "十五" => 10,
        _ => {
            let mut cs = name.chars();
            if cs.next() != Some('十') {
                return None;
            }
            let mid: String = cs.next()?.to_string();
            if cs.next() != Some('五') || cs.next().is_some() {
                return None;
            }
            10 + crate::numbers::parse_cn_integer(&mid)? as i32
        }
    };
    // The 10th plan ran 2001–2005; the nth ends 2005 + 5(n-10).
    Some(2005 + 5 * (n - 10))
}

/// `十四五` → 2021–2025.
pub fn five_year_plan(name: &str) -> Option<Period> {
    five_year_plan_end(name).map(|end| Period { start: end - 4, end })
}

static PLAN_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"十[一二三四五六七八九]五|十五").unwrap());
static PLAN_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(十[一二三四五六七八九]五|十五)”?(?:期间|时期|末|以来|规划|目标|发展成[就效]|成[就效])",
    )
    .unwrap()
});
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年?\s*[-—–~～至到]+\s*((?:19|20)\d{2})(?:[^\d]|$)").unwrap()
});
static ONE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d\-—–~～至])((?:19|20)\d{2})年(?:度)?").unwrap());

/// The period a title (or heading) names: a year range (`2018-2020年`), a plan
/// name (`“十四五”`), or one year (`2021年工作要点` → 2021–2021); the first form
/// found in that order.
pub fn period_in(text: &str) -> Option<Period> {
    if let Some(c) = YEAR_RANGE.captures(text) {
        let (start, end) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if start <= end {
            return Some(Period { start, end });
        }
    }
    if let Some(m) = PLAN_NAME.find_iter(text).find_map(|m| five_year_plan(m.as_str())) {
        return Some(m);
    }
    ONE_YEAR.captures(text).and_then(|c| c[1].parse().ok()).map(|y| Period { start: y, end: y })
}

/// The year a table cell names (`2025年`, a bare `2025`, `（2020年）`), if it
/// is one: a header or a row's year column, where a bare number is a year. The
/// same reading gives the year of a 文号 (`国办发〔2004〕7号`).
pub fn year_in_cell(cell: &str) -> Option<i32> {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)(?:年|$|[^\d])").unwrap());
    let c = RE.captures(cell)?;
    c[1].parse().ok()
}

/// The period a document's title names: as [`period_in`], but one year only
/// when it is the title's only year and the title is a plan or report of that
/// year (`2021年工作要点`, `2026年政府工作报告`), not a year mentioned in
/// passing (`关于做好2024年春季学期开学工作的通知`).
pub fn title_period(title: &str) -> Option<Period> {
    const ONE_YEAR_KINDS: &[&str] =
        &["要点", "计划", "安排", "报告", "方案", "清单", "任务", "实事", "项目"];
    let p = period_in(title)?;
    if p.start != p.end {
        return Some(p);
    }
    let years = ONE_YEAR.captures_iter(title).count();
    (years == 1 && ONE_YEAR_KINDS.iter().any(|w| title.contains(w))).then_some(p)
}

/// A year a sentence names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMention {
    /// Char offset in the sentence where the expression starts.
    pub at: usize,
    pub year: i32,
    /// Only the base of a comparison (`比2020年`, `较“十三五”末`): not the year a
    /// figure is due or reports on.
    pub baseline: bool,
    /// Written as a deadline (`2026年底前`, `2026年前`, `2026年内`): a year
    /// something is due by, never one reported on.
    pub deadline: bool,
}

/// True when a mention [`sentence_years`] finds can start at `c` (its
/// pattern's first characters: a year's digit, `“`/`十` of a plan, `今`/`未`
/// of `今后五年`/`未来五年`): a cheap test before the pattern runs.
pub fn may_start_year(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '“' | '十' | '今' | '未')
}

/// Explicit years in a sentence (`到2025年`, `2018年`, `2017年底前`, `“十四五”期间`,
/// and, given the document's own year, `今后五年`/`未来五年` → that year + 4), in order.
pub fn sentence_years(s: &[char], doc_year: Option<i32>) -> Vec<YearMention> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"((?:19|20)\d{2})年|“?(十[一二三四五六七八九]五|十五)”?(?:期间|时期|末|以来)|(?:今后|未来)(五|5)年",
        )
        .unwrap()
    });
    if !s.iter().any(|&c| c == '年' || c == '五') {
        return Vec::new();
    }
    let text: String = string_of(s);
    let mut out = Vec::new();
    for c in RE.captures_iter(&text) {
        let m = c.get(0).unwrap();
        let at = text[..m.start()].chars().count();
        let year = match (c.get(1), c.get(2), c.get(3)) {
            (Some(y), _, _) => y.as_str().parse().ok(),
            (_, Some(p), _) => five_year_plan_end(p.as_str()),
            (_, _, Some(_)) => doc_year.map(|y| y + 4),
            _ => None,
        };
        // `2020年` right after a range dash is the end of `2018-2020年`, kept;
        // a year after a comparison word is a baseline.
        let before: String =
            s[..at].iter().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
        let baseline = ["比", "较", "相比", "同比", "与", "从"].iter().any(|w| before.ends_with(w));
        let end = at + m.as_str().chars().count();
        let after = |w: &str| w.chars().enumerate().all(|(k, c)| s.get(end + k) == Some(&c));
        // (`到2023年底，累计建成…` may report where things stood: `到` is no deadline.)
        let deadline = c.get(1).is_some() && ["底前", "前", "内", "末前"].iter().any(|w| after(w));
        if let Some(year) = year {
            out.push(YearMention { at, year, baseline, deadline });
        }
    }
    out
}

/// Review words in a heading: the part reports the past.
const REVIEW_WORDS: &[&str] =
    &["回顾", "成效", "成绩", "成就", "取得", "主要进展", "发展基础", "工作总结", "现状"];

/// How things went (`完成情况`, `执行情况`): a review when the heading names the
/// year or period it went in (`2024年工作完成情况`, `“十四五”规划实施情况`),
/// else what is to be checked (`（一）安全制度落实情况`).
const OUTCOME_WORDS: &[&str] = &["完成情况", "执行情况", "进展情况", "实施情况", "落实情况"];

/// What a section's heading path says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeadingTime {
    /// The nearest heading that names one year (`2021年工作要点` → 2021).
    pub year: Option<i32>,
    /// The last year of a period a heading names (`“十四五”时期` → 2025,
    /// `2018—2020年` → 2020).
    pub period_end: Option<i32>,
    /// A heading says the part reviews the past.
    pub review: bool,
}

impl HeadingTime {
    pub fn of(path: &[String]) -> HeadingTime {
        static YEAR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:^|[^\d\-—–~～至])((?:19|20)\d{2})年(?:度)?(?:[^\d]|$)").unwrap()
        });
        let year = path.iter().rev().find_map(|t| YEAR.captures(t).and_then(|c| c[1].parse().ok()));
        let period_end = path.iter().find_map(|t| {
            if let Some(c) = YEAR_RANGE.captures(t) {
                return c[2].parse().ok();
            }
            // The period as a span (`“十五五”时期`), not `推动“十五五”开局`.
            PLAN_SPAN.captures(t).and_then(|c| five_year_plan_end(&c[1]))
        });
        let outcome_of_a_time = |t: &str| {
            OUTCOME_WORDS.iter().any(|w| t.contains(w))
                && (YEAR.is_match(t) || YEAR_RANGE.is_match(t) || PLAN_NAME.is_match(t))
        };
        let review =
            path.iter().any(|t| REVIEW_WORDS.iter().any(|w| t.contains(w)) || outcome_of_a_time(t));
        HeadingTime { year, period_end, review }
    }
}

/// Past markers in the clause before the number (`现有`, `已建成`, `累计`).
///
/// `累计` (cumulative) names no tense of its own: `累计建成…` reports what was
/// built in a review, but `到2026年…累计培养高技能人才2万名` commits to a total.
/// It reads as past only when no due year at or after the document's writing
/// governs the clause (`due_ahead`: the sentence's year or the paragraph's
/// opening one, see [`TimeContext::due_ahead`]).
pub fn is_past(clause: &[char], due_ahead: bool) -> bool {
    static PAST: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
        ["现有", "已经", "已有", "已建成", "共有"].iter().map(|w| w.chars().collect()).collect()
    });
    const CUMULATIVE: [char; 2] = ['累', '计'];
    // The first character decides most windows without a slice comparison.
    let has = |w: &[char]| clause.windows(w.len()).any(|x| x[0] == w[0] && x == w);
    PAST.iter().any(|w| has(w)) || (!due_ahead && has(&CUMULATIVE))
}

/// Everything around a record that can give it a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimeContext {
    /// A year or period the record's sentence names before the number (not a baseline).
    pub sentence: Option<i32>,
    /// A year or period the paragraph opens with (`“十五五”时期…目标是：`), for its later sentences.
    pub topic: Option<i32>,
    pub heading: HeadingTime,
    /// The record sits in a calendar row (`3月`).
    pub calendar: bool,
    /// The one year the title names (`2026年政府工作报告`).
    pub title_year: Option<i32>,
    /// The last year of the document's plan period (`十四五` → 2025).
    pub plan_end: Option<i32>,
    /// The year the document was written (see [`written_year`]).
    pub written: Option<i32>,
}

impl TimeContext {
    /// True when `year`, named in a record's sentence, is before the year the
    /// document was written: the sentence reports on the past (`2003年…造成28人死亡`
    /// in a notice of 2004), whatever its verbs.
    pub fn before_writing(&self, year: Option<i32>) -> bool {
        matches!((year, self.written), (Some(y), Some(w)) if y < w)
    }

    /// True when a record is due in a year at or after the document's writing:
    /// the year its sentence names before the number, else the one its
    /// paragraph opens with (`到2026年，…。…累计培养…`). Without either, true in a
    /// plan of several years (`“十四五”规划`, `2023—2025年行动计划`) that does not
    /// end before it was written: its `累计建成5G基站8万个` is a total it commits
    /// to. When the document has no date, true for a year written as a
    /// deadline (`deadline`: `2026年底前，累计完成…`), false for another.
    pub fn due_ahead(&self, sentence_year: Option<i32>, deadline: bool) -> bool {
        match (sentence_year.or(self.topic), self.written) {
            (Some(_), None) if deadline => true,
            (Some(y), Some(w)) => y >= w,
            (Some(_), None) => false,
            (None, w) => {
                let several_years = self.title_year.is_none();
                matches!(self.plan_end, Some(end) if several_years && w.is_none_or(|w| end >= w))
            }
        }
    }
}

/// The year a document was written: its 成文日期 (or signature date), else the
/// year in its 文号 (`国办发〔2004〕7号`). Not its publication date: a portal
/// that republishes an old document dates it years later, and a plan's
/// `到2020年` would then read as past.
pub fn written_year(written: Option<&str>, doc_number: Option<&str>) -> Option<i32> {
    let iso_year = |d: &str| d.get(..4)?.parse::<i32>().ok();
    written.and_then(iso_year).or_else(|| doc_number.and_then(year_in_cell))
}

/// The year of a record and where it came from, by `targets.md` §3's precedence:
/// the sentence (or the paragraph's opening), the heading, the title's year
/// (a calendar row takes it as `calendar`), the plan period's last year. An
/// achievement reports on the period its heading names, else, in a document of
/// one year, on the year before it (`review`).
pub fn resolve_year(kind: TargetKind, t: &TimeContext) -> (Option<i32>, Option<YearSource>) {
    use YearSource::*;
    let from_title = if t.calendar { Calendar } else { Title };
    let order: [(Option<i32>, YearSource); 6] = match kind {
        TargetKind::Target => [
            (t.sentence, Sentence),
            (t.topic, Sentence),
            (t.heading.year, Heading),
            (t.heading.period_end, Heading),
            (t.title_year, from_title),
            (t.plan_end, Period),
        ],
        TargetKind::Achievement => [
            (t.sentence, Sentence),
            (t.topic.filter(|&y| t.title_year.is_none_or(|d| y < d)), Sentence),
            (
                t.heading
                    .period_end
                    .filter(|&y| t.heading.review || t.title_year.is_none_or(|d| y < d)),
                Heading,
            ),
            (t.heading.year, Heading),
            (t.title_year.map(|y| y - 1), Review),
            (None, Period),
        ],
    };
    order.into_iter().find_map(|(y, s)| y.map(|y| (Some(y), Some(s)))).unwrap_or((None, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn the_year_a_document_was_written() {
        assert_eq!(written_year(Some("2004-01-16"), Some("国办发〔2003〕7号")), Some(2004));
        assert_eq!(written_year(None, Some("国办发〔2004〕7号")), Some(2004));
        assert_eq!(written_year(None, Some("温瓯教发[2018]120号")), Some(2018));
        // A number that holds no year, or none at all: unknown.
        assert_eq!(written_year(None, Some("某办函123号")), None);
        assert_eq!(written_year(None, Some("某发〔20190〕1号")), None);
        assert_eq!(written_year(None, None), None);
        let t = TimeContext { written: Some(2004), ..TimeContext::default() };
        assert!(t.before_writing(Some(2003)));
        assert!(
            !t.before_writing(Some(2004))
                && !t.before_writing(Some(2006))
                && !t.before_writing(None)
        );
        assert!(!TimeContext::default().before_writing(Some(2003)));
    }

    #[test]
    fn plan_names() {
        for (name, want) in [
            ("十五", Some((2001, 2005))),
            ("十一五", Some((2006, 2010))),
            ("十三五", Some((2016, 2020))),
            ("十四五", Some((2021, 2025))),
            ("十五五", Some((2026, 2030))),
            ("十五六", None),
            ("二十五", None),
        ] {
            assert_eq!(five_year_plan(name).map(|p| (p.start, p.end)), want, "{name}");
        }
    }

    #[test]
    fn periods_in_titles() {
        for (title, want) in [
            ("某市教育事业发展“十四五”规划", Some((2021, 2025))),
            ("某区2018-2020年学前教育行动计划", Some((2018, 2020))),
            ("某区2018年至2020年行动计划", Some((2018, 2020))),
            ("2021年教育工作要点", Some((2021, 2021))),
            ("2026年政府工作报告", Some((2026, 2026))),
            ("关于加强学校美育工作的实施意见", None),
            ("某区1234-5678年计划", None),
        ] {
            assert_eq!(period_in(title).map(|p| (p.start, p.end)), want, "{title}");
        }
        // A title's one year makes a period only for a plan or report of that year.
        for (title, want) in [
            ("三年行动计划(2018-2020年)", Some((2018, 2020))),
            ("实施方案（2021—2023年）", Some((2021, 2023))),
            ("温州“未来教育”体系建设2021年工作要点", Some((2021, 2021))),
            ("关于做好2024年春季学期开学工作的通知", None),
            ("2023年和2024年工作安排", None),
            ("某市2025年城市更新重点工作任务清单", Some((2025, 2025))),
            ("关于印发2025年重点任务分解的通知", Some((2025, 2025))),
            ("某县人民政府关于印发某县2025年民生实事项目的通知", Some((2025, 2025))),
        ] {
            assert_eq!(title_period(title).map(|p| (p.start, p.end)), want, "{title}");
        }
    }

    #[test]
    fn years_in_sentences() {
        let y = |s: &str, d| -> Vec<(i32, bool)> {
            sentence_years(&chars(s), d).into_iter().map(|m| (m.year, m.baseline)).collect()
        };
        assert_eq!(y("到2025年，新建学校10所", None), [(2025, false)]);
        assert_eq!(y("2017年底前完成", None), [(2017, false)]);
        assert_eq!(y("“十四五”期间累计新增5万个", None), [(2025, false)]);
        assert_eq!(y("较“十三五”末改善16.5%", None), [(2020, true)]);
        assert_eq!(y("死亡人数比2020年分别下降65.3%", None), [(2020, true)]);
        assert_eq!(y("今后五年地区生产总值年均增长5%", Some(2026)), [(2030, false)]);
        assert_eq!(y("今后五年地区生产总值年均增长5%", None), []);
        assert_eq!(y("十四五规划", None), []);
    }

    #[test]
    fn headings() {
        let h = |p: &[&str]| HeadingTime::of(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            h(&["2025年工作回顾"]),
            HeadingTime { year: Some(2025), period_end: None, review: true }
        );
        assert_eq!(
            h(&["“十五五”时期主要目标任务"]),
            HeadingTime { year: None, period_end: Some(2030), review: false }
        );
        assert_eq!(
            h(&["“十四五”发展成效", "2023年重点工作"]),
            HeadingTime { year: Some(2023), period_end: Some(2025), review: true }
        );
        assert_eq!(
            h(&["一鼓作气，全力推动“十五五”开局起步"]),
            HeadingTime { year: None, period_end: None, review: false }
        );
        // What was done under last year's plan is a review too.
        assert!(h(&["2024年工作完成情况"]).review);
        assert!(h(&["2024年国民经济和社会发展计划执行情况"]).review);
        assert!(!h(&["2025年工作思路"]).review);
        assert!(!h(&["安全制度落实情况"]).review);
    }

    /// One row per rule of the precedence: (kind, context, year, source).
    #[test]
    fn year_precedence() {
        use TargetKind::*;
        let base = TimeContext::default();
        let report = TimeContext { title_year: Some(2026), ..base };
        let rows: &[(TargetKind, TimeContext, Option<i32>, Option<YearSource>)] = &[
            (
                Target,
                TimeContext { sentence: Some(2027), ..report },
                Some(2027),
                Some(YearSource::Sentence),
            ),
            (Target, report, Some(2026), Some(YearSource::Title)),
            (
                Target,
                TimeContext { calendar: true, ..report },
                Some(2026),
                Some(YearSource::Calendar),
            ),
            (
                Target,
                TimeContext { topic: Some(2030), ..report },
                Some(2030),
                Some(YearSource::Sentence),
            ),
            (
                Target,
                TimeContext {
                    heading: HeadingTime { period_end: Some(2030), ..Default::default() },
                    ..report
                },
                Some(2030),
                Some(YearSource::Heading),
            ),
            (
                Target,
                TimeContext { plan_end: Some(2025), ..base },
                Some(2025),
                Some(YearSource::Period),
            ),
            (Target, base, None, None),
            (Achievement, report, Some(2025), Some(YearSource::Review)),
            (
                Achievement,
                TimeContext { sentence: Some(2024), ..report },
                Some(2024),
                Some(YearSource::Sentence),
            ),
            (
                Achievement,
                TimeContext {
                    heading: HeadingTime { period_end: Some(2025), review: true, year: None },
                    ..report
                },
                Some(2025),
                Some(YearSource::Heading),
            ),
            // A paragraph about the coming plan does not date a figure of the past.
            (
                Achievement,
                TimeContext { topic: Some(2030), ..report },
                Some(2025),
                Some(YearSource::Review),
            ),
            // A plan's period is what it aims at, not what its figures of the past report on.
            (Achievement, TimeContext { plan_end: Some(2025), ..base }, None, None),
        ];
        for (kind, ctx, year, source) in rows {
            assert_eq!(resolve_year(*kind, ctx), (*year, *source), "{kind:?} {ctx:?}");
        }
    }
}
