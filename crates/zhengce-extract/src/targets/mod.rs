//! targets: here are the items of a document, give me its quantified targets.
//!
//! Every item (numbered item, paragraph, table row) is cut into sentences
//! (`。；！？`); [`scan`] finds the quantities of a sentence; this module
//! gives each its attributes (`targets.md` §3):
//!
//! - *clauses* are the stretches between `，`/`：` inside the sentence; a
//!   clause with no verb of its own continues the clause before it (`新增市新锐
//!   教师2000名,市教坛新秀1500名` — both governed by `新增`);
//! - the *action* is the last verb before the number in its clause, tagged by
//!   jieba (verbal nouns and copulas such as `达到`, `占` excluded);
//! - the *subject* is the noun phrase between the action and the number, or,
//!   when the measure word comes first (`建立10个教科研项目实验室`), the noun
//!   phrase after it (after the last `的` of a long description);
//! - *year* and *kind*: from what [`crate::time`] reads in the sentence, the
//!   paragraph's opening, the heading path and the title (its precedence, and
//!   the `year_source` it records); `achievement` under a review heading
//!   (`回顾`, `成效` …) or with past markers (`现有`, `已`), else `target`.
//!
//! The attribute rules take a [`Sentence`] (the sentence's characters, words,
//! quantities and years) instead of long argument lists.

pub mod evidence;
mod indicator;
pub mod scan;
mod subject;

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use regex::Regex;

use crate::clean::Cleaned;
use crate::model::{Meta, Span, Target, TargetKind, YearSource};
use crate::segment::{Pos, Segmenter, Word};
use crate::structure::Structure;
use crate::textutil::{is_han, string_of};
use crate::time::{self, HeadingTime, TimeContext, YearMention};
use scan::Quantity;

/// When [`extract`] stops early: the document's time is up, or it has found
/// `max_targets` (the pipeline reports either).
pub struct Stop<'a> {
    pub deadline: &'a crate::deadline::Deadline,
    pub max_targets: usize,
}

/// One sentence with what the attribute rules read in it.
struct Sentence<'a> {
    chars: &'a [char],
    /// jieba's words of the stretches around the quantities.
    words: &'a [Word],
    quantities: &'a [Quantity],
    years: &'a [YearMention],
}

impl Sentence<'_> {
    /// Quantity `qi` follows the one before it in a `、` list (`70%、60%`).
    fn listed_after_prev(&self, qi: usize) -> bool {
        let n0 = self.quantities[qi].num_start;
        qi > 0 && self.quantities[qi - 1].end + 1 == n0 && self.chars[n0 - 1] == '、'
    }
}

/// Extracts the targets of every item. Only sentences that hold a quantity are
/// segmented (the words serve the action and subject of a quantity); the time
/// spent segmenting is added to `segment_time`.
pub fn extract(
    c: &Cleaned,
    s: &Structure,
    meta: &Meta,
    seg: &Segmenter,
    segment_time: &mut Duration,
    stop: &Stop,
) -> Vec<Target> {
    let mut out = Vec::new();
    let title_year = meta.plan_period.filter(|p| p.start == p.end).map(|p| p.end);
    let plan_end = meta.plan_period.map(|p| p.end);
    let written = time::written_year(meta.dates.written.as_deref(), meta.doc_number.as_deref());
    // Reused from item to item.
    let mut chars: Vec<char> = Vec::new();
    let mut spans: Vec<(usize, usize, (usize, usize))> = Vec::new();
    // Items of one section share its path, and so what the path says.
    let mut path_ctx: Option<(&[String], HeadingTime)> = None;
    let doc_time =
        indicator::DocTime { plan_start: meta.plan_period.map(|p| p.start), plan_end, title_year };
    // The values of indicator tables, in item order: a row's values are its targets.
    let mut values = s.indicators.iter().peekable();
    for (idx, item) in s.items.iter().enumerate() {
        let info = &s.info[idx];
        if values.peek().is_some_and(|v| v.item == idx) {
            let owners: Vec<String> =
                item.owners.iter().take(evidence::MAX_OWNERS).cloned().collect();
            while let Some(v) = values.next_if(|v| v.item == idx) {
                if let Some(mut t) =
                    indicator::target_of(v, &item.id, &owners, &info.path, &doc_time)
                {
                    t.id = format!("q{}", out.len() + 1);
                    out.push(t);
                }
            }
            if out.len() >= stop.max_targets {
                break;
            }
            continue;
        }
        let text = &c.text[info.bstart..info.bend];
        chars.clear();
        chars.extend(text.chars());
        let base = item.span.start;
        // The item's own marker (`5.`, `（三）`): no quote starts inside it
        // (read when a quote of the first sentence starts before its figure).
        let mut marker_len: Option<usize> = None;
        let mut heading: Option<HeadingTime> = None;
        sentences(&chars, &mut spans);
        // A year or period a sentence opens with governs the paragraph's later sentences.
        let mut topic: Option<i32> = None;
        // A task row's deadline (`完成时限`: `2026年8月底前`) governs the row.
        let row_year = info.month.as_deref().and_then(time::year_in_cell);
        // The last explicit year of the pieces before, in a sentence read in pieces.
        let mut carried_year: Option<YearMention> = None;
        for (si, &(ss, se, whole)) in spans.iter().enumerate() {
            if out.len() >= stop.max_targets || stop.deadline.expired() {
                out.truncate(stop.max_targets);
                return out;
            }
            // A sentence that opens with a year (`到2018年，…。`) sets it for the
            // paragraph's sentences after it, until another one does or a
            // lead-in starts a new topic (`加强高品质学校培育。`).
            // (A long sentence is read in pieces: the previous sentence is
            // the whole one, and only a new sentence changes the topic.)
            if si >= 1 && ss == whole.0 {
                let (ps, pe) = spans[si - 1].2;
                let previous = &chars[ps..pe];
                topic = match opening_year(previous, title_year) {
                    Some(year) => Some(year),
                    None if is_lead_in(previous) => None,
                    None => topic,
                };
            }
            let sent = &chars[ss..se];
            if ss == whole.0 {
                carried_year = None;
            }
            // Most sentences hold no number: skip them before scanning.
            if !sent.iter().any(|&c| scan::starts_number(c)) {
                continue;
            }
            let mut quantities = scan::scan(sent);
            if quantities.is_empty() {
                if ss != whole.0 || se != whole.1 {
                    carried_year =
                        last_due_year(&time::sentence_years(sent, title_year)).or(carried_year);
                }
                continue;
            }
            let heading = *heading.get_or_insert_with(|| match &path_ctx {
                Some((p, h)) if *p == info.path.as_slice() => *h,
                _ => {
                    let h = HeadingTime::of(&info.path);
                    path_ctx = Some((info.path.as_slice(), h));
                    h
                }
            });
            let time_ctx = TimeContext {
                sentence: None,
                topic: topic.or(row_year),
                heading,
                calendar: info.month.is_some(),
                title_year,
                plan_end,
                written,
            };
            let mut years = time::sentence_years(sent, title_year);
            if let Some(y) = carried_year {
                years.insert(0, y);
            }
            carried_year = last_due_year(&years).or(carried_year);
            let t = Instant::now();
            let sw = segment_windows(sent, &quantities, seg);
            *segment_time += t.elapsed();
            quantities.retain(|q| !inside_a_name(sent, &sw, q));
            if quantities.is_empty() {
                continue;
            }
            let whole_sent = &chars[whole.0..whole.1];
            let cx = Sentence { chars: sent, words: &sw, quantities: &quantities, years: &years };
            let mut prev: Option<Attrs> = None;
            for (qi, q) in quantities.iter().enumerate() {
                // A later cell of a task row restates a figure of an earlier
                // one (`新建学校3所 | 3所`): one commitment, one record.
                if let Some(h) = info.row_work {
                    let row = &s.items[h..idx];
                    let restated = out
                        .iter()
                        .rev()
                        .take_while(|t| {
                            row.iter().any(|r| t.item.as_deref() == Some(r.id.as_str()))
                        })
                        .any(|t| {
                            t.value == q.value && t.value_max == q.value_max && t.unit == q.unit
                        });
                    if restated {
                        continue;
                    }
                }
                let mut a = attributes(&cx, qi, prev.as_ref(), &time_ctx);
                // A figure alone in its cell (`3所`) counts what the row's work
                // cell names.
                if a.subject.is_empty() {
                    if let Some(h) = info.row_work {
                        let work = s.items[h].text.trim();
                        if work.chars().count() <= 30 {
                            a.subject = work.to_string();
                        }
                    }
                }
                if ss == 0 && a.quote.0 < q.num_start {
                    let marker = *marker_len.get_or_insert_with(|| {
                        crate::structure::markers::marker_at_start(text).map_or(0, |m| m.len)
                    });
                    if a.quote.0 < marker && marker <= q.num_start {
                        a.quote.0 = marker;
                    }
                }
                let mut section = info.path.clone();
                if let Some(m) = &info.month {
                    section.push(m.clone());
                }
                let quote: String = string_of(&sent[a.quote.0..a.quote.1]);
                out.push(Target {
                    id: format!("q{}", out.len() + 1),
                    kind: a.kind,
                    quote,
                    sentence: evidence::bounded_sentence(
                        whole_sent,
                        (ss - whole.0 + a.quote.0, ss - whole.0 + a.quote.1),
                    ),
                    value: q.value,
                    value_max: q.value_max,
                    unit: q.unit.clone(),
                    comparator: a.comparator.to_string(),
                    change: a.change.map(String::from),
                    each: a.each,
                    subject: a.subject.clone(),
                    action: a.action.clone(),
                    year: a.year,
                    year_source: a.year_source,
                    owners: item.owners.iter().take(evidence::MAX_OWNERS).cloned().collect(),
                    section,
                    item: Some(item.id.clone()),
                    span: Span::new(base + ss + a.quote.0, base + ss + a.quote.1),
                });
                prev = Some(a);
            }
        }
    }
    out.truncate(stop.max_targets);
    out
}

/// Segments only the stretches of a sentence the attributes look at: from the
/// clause of each quantity to a little past it. Windows are cut at non-Han
/// characters, where jieba cuts anyway, so the words are those of the whole sentence.
fn segment_windows(sent: &[char], quantities: &[Quantity], seg: &Segmenter) -> Vec<Word> {
    const AFTER: usize = 64;
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for q in quantities {
        let start = (0..q.num_start).rev().find(|&k| is_clause_break(sent[k])).map_or(0, |k| k + 1);
        let mut end = (q.end + AFTER).min(sent.len());
        while end < sent.len() && is_han(sent[end]) {
            end += 1;
        }
        match windows.last_mut() {
            Some(w) if start <= w.1 => w.1 = w.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    let mut words = Vec::new();
    for (a, b) in windows {
        let text: String = string_of(&sent[a..b]);
        words.extend(seg.tag_lines(&text).into_iter().map(|w| Word {
            start: w.start + a,
            end: w.end + a,
            pos: w.pos,
        }));
    }
    words
}

/// A Chinese figure inside a longer dictionary word is part of a name or a
/// term, not a count: `三门峡市`, `七台河市`, `冬季两项`, `二次污染`, `一家人`. The
/// word holds the whole figure, from its first numeral to its measure word, and
/// more; a word that only starts at the measure word (`两` + `名教师`) or is the
/// figure itself (`十万元`, tagged a numeral) leaves the count alone, and so
/// does the verb of a multiple (`翻一番`, `翻两番`: one word to jieba, a
/// quantity to `targets.md`).
fn inside_a_name(sent: &[char], words: &[Word], q: &Quantity) -> bool {
    let is_numeral = |k: usize| crate::numbers::is_cn_numeral_char(sent[k]);
    let Some(first) = (q.num_start..q.unit_end).find(|&k| is_numeral(k)) else {
        return false;
    };
    q.chinese
        && q.unit != "番"
        && words.iter().any(|w| {
            w.pos != Pos::Numeral
                && w.start <= first
                && w.end >= q.unit_end
                && (w.start < first || w.end > q.unit_end)
        })
}

/// Sentences of an item: char ranges ending after `。；！？` (or at the end), into
/// `out`, a long one in [`evidence::pieces`], each with the range of its whole sentence.
fn sentences(chars: &[char], out: &mut Vec<(usize, usize, (usize, usize))>) {
    out.clear();
    let mut pieces = Vec::new();
    let mut push = |a: usize, b: usize| {
        pieces.clear();
        evidence::pieces(chars, a, b, &mut pieces);
        out.extend(pieces.iter().map(|&(x, y)| (x, y, (a, b))));
    };
    let mut start = 0;
    for (k, &c) in chars.iter().enumerate() {
        if crate::textutil::is_sentence_end(c) {
            push(start, k + 1);
            start = k + 1;
        }
    }
    if start < chars.len() {
        push(start, chars.len());
    }
}

#[derive(Debug, Clone)]
struct Attrs {
    kind: TargetKind,
    comparator: &'static str,
    change: Option<&'static str>,
    each: bool,
    subject: String,
    action: Option<String>,
    year: Option<i32>,
    year_source: Option<YearSource>,
    /// The quote's char range in the sentence.
    quote: (usize, usize),
    /// Clause start (char) the quantity sits in.
    clause: usize,
    /// The name of the ratio (`三次产业比重`) the quantity is a part of.
    ratio_name: Option<String>,
}

/// Words that bound a figure against another (`不低于总课时的9%`, `高于年均19次`):
/// a comparator, never the action.
const BOUNDS: &[&str] = &["不低于", "不少于", "不超过", "不高于", "约为", "超过", "低于", "高于"];

/// Verbs that are not the action governing a quantity (copulas, comparators, modals).
const NOT_ACTIONS: &[&str] = &[
    "达到",
    "达",
    "占",
    "为",
    "是",
    "有",
    "约",
    "近",
    "共",
    "超过",
    "突破",
    "不少",
    "至少",
    "力争",
    "争取",
    "继续",
    "进一步",
    "保持",
    "不低于",
    "不少于",
    "累计",
    "合计",
    "总计",
    "共计",
    "要",
    "将",
    "可",
    "能",
    "会",
    "应",
    "需",
    "使",
    "让",
    "在校",
    "每生",
    "覆盖",
];

/// Verbs that stand inside noun phrases (`劳动教育示范学校`, `典型创新案例`): neither
/// the action nor the end of a subject.
const NOMINAL_VERBS: &[&str] = &[
    "示范",
    "创新",
    "研究",
    "实验",
    "教学",
    "服务",
    "学习",
    "发展",
    "管理",
    "培训",
    "建设",
    "研学",
    "协作",
    "合作",
    "指导",
    "评价",
    "咨询",
    "决策",
    "领导",
    "教育",
    "推广",
    "应用",
    "实践",
    "孵化",
    "引领",
    "改革",
    "共享",
    "阅读",
    "体验",
    "监测",
    "运动",
    "锻炼",
    "就业",
    "收入",
    "预算",
    "支出",
    "投资",
    "消费",
    "生产",
    "出口",
    "进口",
    "营业",
    "研发",
    "养老",
    "医疗",
    "保障性",
    "租赁",
    "保护",
    "治理",
    // Services a facility is named for (`公共停车泊位`, `充电桩`, `供水管网`).
    "停车",
    "充电",
    "供水",
    "排水",
    "供热",
    "供气",
    "托育",
    "排放",
    "学前",
    // Checks counted as events (`接受1次心理健康测评`).
    "测评",
    "体检",
    "筛查",
];

/// Measure words that classify a noun written after them (`10个实验室`, `3所学校`).
const CLASSIFIERS: &[&str] = &[
    "个", "所", "名", "位", "项", "家", "门", "场", "次", "节", "本", "篇", "轮", "届", "期", "座",
    "条", "套", "支", "间", "张", "台", "件", "册", "部", "种", "类", "份", "户", "辆", "艘", "棵",
    "株", "只", "处", "块", "片", "首", "幅",
];

/// The word starting at char `k` (words are sorted by start).
fn word_at(words: &[Word], k: usize) -> Option<&Word> {
    words.binary_search_by_key(&k, |w| w.start).ok().map(|i| &words[i])
}

fn word_text(s: &[char], w: &Word) -> String {
    string_of(&s[w.start..w.end])
}

/// An action is a verb of two or more characters (single characters are what is
/// left of words the dictionary does not know), not a copula or a nominal verb,
/// and not inside a bracketed aside (`示范老年大学(学堂、医养教综合体)`).
fn is_action_verb(s: &[char], w: &Word) -> bool {
    if w.pos != Pos::Verb || w.end - w.start < 2 || in_brackets(s, w.start) {
        return false;
    }
    let t = &s[w.start..w.end];
    !is_listed(&NOT_ACTIONS_CHARS, t) && !is_listed(&NOMINAL_VERBS_CHARS, t)
}

/// A word list as sorted char sequences, looked up without building a `String`.
fn char_list(words: &[&str]) -> Vec<Vec<char>> {
    let mut v: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    v.sort();
    v
}

fn is_listed(list: &[Vec<char>], word: &[char]) -> bool {
    list.binary_search_by(|w| w.as_slice().cmp(word)).is_ok()
}

static NOT_ACTIONS_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| char_list(NOT_ACTIONS));
static WORKS_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| char_list(WORKS));
static GOVERNING_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| char_list(GOVERNING));

/// Verbs that govern a whole task (`完成城镇棚户区改造`, `推动农房风貌提升`) and
/// never start the name of what is counted.
const GOVERNING: &[&str] = &[
    "完成", "实施", "推动", "推进", "启动", "包括", "开展", "加快", "促进", "支持", "鼓励", "引导",
    "组织", "落实", "深化", "加强", "扩大", "持续", "全面", "统筹", "坚持", "确保", "力争", "争取",
    "保证", "带动", "拉动",
];

/// Works done on a thing, named after it when counted (`老旧小区改造8.36万户`,
/// `农房风貌提升26.4万户`), and flows named by their verb (`研发投入5350亿元`,
/// `技术合同成交2000亿元`): with the noun before them, the subject. (Nominal verbs
/// such as `建设`, `治理` never act, so they stay inside the subject without this.)
const WORKS: &[&str] = &[
    "改造", "提升", "整治", "修缮", "修复", "改建", "扩建", "加固", "更新", "绿化", "投入", "成交",
    "招生", "融资",
];
static NOMINAL_VERBS_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| char_list(NOMINAL_VERBS));

/// True when char `k` sits inside an open `(`/`（` of the sentence, or inside
/// a `“…”` closed in the same clause: a verb there is part of an aside or of a
/// quoted name (`“希望之星班”`). Scraped text leaves quotes open, so a quote
/// counts only when it closes before the clause ends.
fn in_brackets(s: &[char], k: usize) -> bool {
    let mut depth = 0i32;
    let mut quoted = false;
    for &c in &s[..k] {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            '“' => quoted = true,
            '”' => quoted = false,
            c if is_clause_break(c) => quoted = false,
            _ => {}
        }
    }
    let closes = || s[k..].iter().take_while(|&&c| !is_clause_break(c)).any(|&c| c == '”');
    depth > 0 || quoted && closes()
}

const INCREASE: &[&str] = &[
    "新增", "增加", "增长", "提高", "提升", "上升", "增幅", "涨幅", "扩大", "增收", "调增", "上调",
];
const DECREASE: &[&str] =
    &["下降", "减少", "降低", "缩小", "压减", "减负", "精简", "压缩", "削减", "调减", "下调", "减"];
/// [`INCREASE`] and [`DECREASE`] with their direction, in that order.
static CHANGE_WORDS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let words: Vec<_> = INCREASE
        .iter()
        .map(|w| (*w, "increase"))
        .chain(DECREASE.iter().map(|w| (*w, "decrease")))
        .collect();
    assert!(words.len() <= 32, "change_of keeps a 32-bit set of the words met");
    words
});
/// The first characters of [`CHANGE_WORDS`].
static CHANGE_FIRST: LazyLock<Vec<char>> =
    LazyLock::new(|| CHANGE_WORDS.iter().filter_map(|(w, _)| w.chars().next()).collect());
/// True when `w` is one of [`CHANGE_WORDS`].
fn is_change_word(w: &[char]) -> bool {
    CHANGE_WORDS.iter().any(|(c, _)| c.chars().eq(w.iter().copied()))
}
/// `增至`, `提高到`: the level reached, not a change.
const TO_LEVEL: &[char] = &['至', '到'];

/// `和`, `及`, `与`: the words that join the last element of a list.
fn is_joiner_word(c: char) -> bool {
    matches!(c, '和' | '及' | '与')
}

/// Clause boundaries inside a sentence.
fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':' | '。' | '；' | ';' | '！' | '？')
}

/// The attributes of quantity `qi` of the sentence; `prev` is the one before it.
fn attributes(cx: &Sentence, qi: usize, prev: Option<&Attrs>, time: &TimeContext) -> Attrs {
    let (s, words, all) = (cx.chars, cx.words, cx.quantities);
    let q = &all[qi];
    let n0 = q.num_start;
    // The clause the number sits in.
    let clause = (0..n0).rev().find(|&k| is_clause_break(s[k])).map_or(0, |k| k + 1);
    // The previous quantity ends after its quote when its subject follows its unit
    // and only a level word stands between (`迈上4个万亿元台阶、达14.2万亿元`: `台阶`
    // is not the next one's subject; in `1550个省重点项目完成投资7398亿元` it is).
    let prev_q_end = if qi > 0 && all[qi - 1].end > clause {
        let quoted = prev.map_or(0, |p| p.quote.1);
        let level_only = quoted > all[qi - 1].end
            && quoted < n0
            && s[quoted] == '、'
            && LEVEL_WORDS.contains(&string_of(&s[quoted + 1..n0]).as_str());
        Some(if level_only { quoted } else { all[qi - 1].end })
    } else {
        None
    };

    // Action: the last verb before the number in the clause (after the previous quantity).
    let left = prev_q_end.unwrap_or(clause);
    let verb = words
        .iter()
        .rev()
        .filter(|w| w.start >= left && w.end <= n0)
        .find(|w| is_action_verb(s, w))
        .copied();
    // Adjacent verbs form one action (`认定培育`, `新建改扩建`); a change verb
    // stands alone: what is before it is what changes (`一般公共预算收入增长2.1%`).
    let verb_span = verb.map(|v| {
        let mut start = v.start;
        let is_change = is_change_word(&s[v.start..v.end]);
        for w in words.iter().rev().filter(|w| w.end <= v.start && !is_change) {
            if w.end == start
                && (is_action_verb(s, w)
                    || w.pos == Pos::Verb && is_listed(&NOMINAL_VERBS_CHARS, &s[w.start..w.end]))
            {
                start = w.start;
            } else if w.end <= start {
                break;
            }
        }
        (start, v.end)
    });
    // A clause with no predicate of its own (`,市教坛新秀1500名`) continues the one before.
    let has_predicate = words.iter().any(|w| w.start >= left && w.end <= n0 && w.pos == Pos::Verb);
    let inherited =
        !has_predicate && prev.is_some_and(|p| p.clause < clause) && prev_q_end.is_none();
    let action = match (verb_span, prev) {
        // A bound word (`不得低于`) ends the subject as an action does, but is none.
        (Some((a, b)), _) => Some(string_of(&s[a..b])).filter(|v| {
            let v = v.strip_prefix("不得").unwrap_or(v);
            !BOUNDS.contains(&v)
        }),
        (None, Some(p)) if inherited || prev_q_end.is_some() => p.action.clone(),
        _ => None,
    };

    // Change: a change verb before the number in the clause (or the governing clause).
    let change_zone: String = string_of(&s[left..n0]);
    let mut change = change_of(&change_zone).and_then(|(word, dir)| {
        // `改造提升农村公路2500公里`: what is upgraded is counted, not the change.
        let upgrades = matches!(word, "提升" | "提高") && !is_rate_unit(&q.unit);
        (!upgrades).then_some(dir)
    });
    // The words before the number set a level (`…达`, `…稳定在`).
    let sets_level = LEVEL_WORDS.iter().any(|w| change_zone.ends_with(w));
    // `，城镇调查失业率平均值为5.0%`: a clause that sets a level has a predicate of its own.
    let mut change_inherited = false;
    if change.is_none() && !sets_level && (inherited || prev_q_end.is_some() && !has_predicate) {
        change = prev.and_then(|p| p.change);
        change_inherited = change.is_some();
    }
    if q.unit == "番" {
        change = Some("increase");
    }

    // Comparator: the words around the number; a word before a list
    // (`约为…的70%、60%`) bounds every value in it.
    let comparator = match prev {
        Some(p) if cx.listed_after_prev(qi) && q.comparator.is_none() => p.comparator,
        _ => comparator_of(s, clause, q),
    };

    let clause_ctx = ClauseCtx { left, n0, verb_span, prev_q_end, sets_level };
    let (subject, quote_start, subject_span) = subject_of(cx, q, &clause_ctx, prev);
    let listed =
        respectively_subject(cx, qi, clause, n0).or_else(|| continued_respectively(cx, qi, clause));
    let mut subject = listed
        .clone()
        .or_else(|| measure_of_what_follows(cx, q, clause, &subject))
        .unwrap_or_else(|| subject::tidy(&subject));
    // `地区生产总值…达14.2万亿元、年均增长5.7%`: a later value of a clause with no
    // subject of its own counts what the clause opens with.
    if prev_q_end.is_some() && subject::is_bare(&subject) {
        if let Some(head) = clause_head(cx, clause, n0) {
            subject = head;
        }
    }
    // `新登记经营主体320万户、增长13%，总量达2037.7万户`: a bare measure in a later
    // clause measures what the sentence's previous value counted.
    let opens_clause = scan::starts_with(s, clause, &subject);
    if prev_q_end.is_none() && MEASURES_OF.contains(&subject.as_str()) && opens_clause {
        if let Some(p) = prev.filter(|p| !p.subject.is_empty() && !p.subject.contains('、')) {
            if !MEASURES_OF.iter().any(|m| p.subject.ends_with(m)) {
                subject = p.subject.clone() + &subject;
            }
        }
    }
    let subject = subject::name_share(subject, &q.unit);
    // `总数翻一番`: jieba's one word `翻一番` leaves its verb on the subject.
    let subject = match subject.strip_suffix('翻') {
        Some(name) if q.unit == "番" => name.to_string(),
        _ => subject,
    };
    let subject = rate_of_base(cx, qi, left, listed.as_deref(), prev).unwrap_or(subject);
    let subject = scoped_by_topic(s, subject);
    // `城镇新增就业141万人，城镇调查失业率4.6%`: a rate or a share of its own is a
    // level, not more of what the clause before added.
    if change_inherited && ["率", "比重", "占比", "比例"].iter().any(|w| subject.ends_with(w))
    {
        change = None;
    }
    // `三次产业比重为4.0∶37.7∶58.3`: the parts of a ratio share its name, each
    // for its own part where the name says what the parts are.
    let part = scan::ratio_part(s, q);
    let (ratio_name, quote_start) = match (part, prev.and_then(|p| p.ratio_name.as_ref())) {
        (Some(k), Some(name)) if k > 0 => (Some(name.clone()), n0),
        (Some(_), _) => (Some(subject.clone()), quote_start),
        (None, _) => (None, quote_start),
    };
    let subject = match (part, &ratio_name) {
        (Some(k), Some(name)) => subject::ratio_part_name(name, k).unwrap_or_else(|| name.clone()),
        _ => subject,
    };
    let quote_end = subject_span.map_or(q.end, |(_, b)| b.max(q.end));
    let mut quote_start = quote_start.min(n0);
    if quote_end - quote_start > 40 {
        quote_start = n0.saturating_sub(12).max(quote_start);
    }

    // Each: 各 right before the number, or a clause opening with 各 + a noun, or several rates.
    let each = each_of(s, words, clause, n0, &subject, &q.unit);

    // Year and kind.
    let mention = cx.years.iter().rev().find(|m| m.at < n0 && !m.baseline);
    let sentence_year = mention.map(|m| m.year);
    let deadline = mention.is_some_and(|m| m.deadline);
    let past = time::is_past(&s[left..n0], time.due_ahead(sentence_year, deadline))
        || time.before_writing(sentence_year);
    let kind =
        if time.heading.review || past { TargetKind::Achievement } else { TargetKind::Target };
    let (year, year_source) =
        time::resolve_year(kind, &TimeContext { sentence: sentence_year, ..*time });
    // `从每人每月1536元提高到1567元`: where a planned change starts is the level
    // reached already, of the same year as the plan.
    let kind = if from_level(cx, qi, clause) { TargetKind::Achievement } else { kind };
    Attrs {
        kind,
        comparator,
        change,
        each,
        subject,
        action,
        year,
        year_source,
        quote: (quote_start, quote_end),
        clause,
        ratio_name,
    }
}

/// `从每人每月1536元提高到1567元`, `分别从209元、280元提高到…`: the value a change
/// to a level starts from (`从` before it, a change word with `到`/`至` after it
/// in the clause).
fn from_level(cx: &Sentence, qi: usize, clause: usize) -> bool {
    let (s, q) = (cx.chars, &cx.quantities[qi]);
    let mut k = q.num_start;
    if cx.listed_after_prev(qi) {
        return k - 1 > clause && from_level(cx, qi - 1, clause);
    }
    // A rate's base between `从` and the figure (`每人每月`).
    while k > clause && "每人户月年天周".contains(s[k - 1]) {
        k -= 1;
    }
    if k == clause || s[k - 1] != '从' {
        return false;
    }
    let end = (q.end..s.len()).find(|&j| is_clause_break(s[j])).unwrap_or(s.len());
    (q.end..end).any(|j| {
        CHANGE_WORDS.iter().any(|(w, _)| {
            scan::starts_with(s, j, w)
                && s.get(j + w.chars().count()).is_some_and(|c| TO_LEVEL.contains(c))
        })
    })
}

/// `课时总量不低于总课时的10%`, `约为全国平均的70%`, `按在校学生总数的0.2%配备教师`:
/// a rate written against a base (`B的N%`, `B的N倍`) compares a thing with that
/// base, and the subject names both: as a share of it (`课时总量占总课时比重`,
/// named as [`subject::name_share`] names a share the text writes with `占`),
/// or, for a multiple or a level set beside it (`倍`, `约为`, `相当于`), as a
/// ratio (`能耗与全国平均之比`). The thing is what stands before the link word,
/// or the element a `分别` list gives (`listed`); at a rate (`按`, `按照不低于`),
/// what the clause provides at it. A later value of the list (`70%、60%`) is
/// against the same base. None for any other figure.
fn rate_of_base(
    cx: &Sentence,
    qi: usize,
    left: usize,
    listed: Option<&str>,
    prev: Option<&Attrs>,
) -> Option<String> {
    /// Longest first, so that `约为` is not read as `为`.
    const LINKS: &[&str] = &[
        "不低于",
        "不少于",
        "不高于",
        "不超过",
        "相当于",
        "按照",
        "达到",
        "约为",
        "低于",
        "高于",
        "超过",
        "不到",
        "为",
        "按",
    ];
    /// Links that set a level beside the base rather than take a part of it.
    const LEVEL_LINKS: &[&str] = &["约为", "为", "相当于"];
    /// How each form joins the thing and the base, and how it ends.
    const RATIO: (char, &str) = ('与', "之比");
    const SHARE: (char, &str) = ('占', "比重");
    let name = |thing: &str, base: &str, form: (char, &str)| {
        if form == SHARE {
            subject::name_share(format!("{thing}占{base}"), "%")
        } else {
            format!("{thing}与{base}之比")
        }
    };
    let (s, words, q) = (cx.chars, cx.words, &cx.quantities[qi]);
    let n0 = q.num_start;
    if !matches!(q.unit.as_str(), "%" | "倍") || n0 < 2 {
        return None;
    }
    if s[n0 - 1] == '、' {
        // The next value of a list after a rate: the same base, the same form.
        let p = prev.filter(|_| cx.listed_after_prev(qi))?;
        let (form, base) = [RATIO, SHARE].into_iter().find_map(|(join, end)| {
            let (_, base) = p.subject.strip_suffix(end)?.rsplit_once(join)?;
            Some(((join, end), base))
        })?;
        // A share the text names itself (`…增加值占…比重分别达…`) is not rebuilt.
        return listed.filter(|l| !l.ends_with(form.1)).map(|l| name(l, base, form));
    }
    let (mut link_start, base_start, link) = share_base(s, left, n0, LINKS)?;
    let base = &s[base_start..n0 - 1];
    if base.is_empty() {
        return None;
    }
    let form = if q.unit == "倍" || LEVEL_LINKS.contains(&link) { RATIO } else { SHARE };
    let mut by_rate = link.starts_with('按');
    let ends_at = |k: usize, w: &str| k >= left + w.chars().count() && scan::ends_with(s, k, w);
    if let Some(by) = ["按照", "按"].iter().find(|w| !by_rate && ends_at(link_start, w)) {
        by_rate = true;
        link_start -= by.chars().count();
    }
    let before = || {
        let (a, b) = phrase_before(s, words, left, link_start);
        subject::tidy(&strip_trailing_adverbs(&s[a..b]))
    };
    let thing = if by_rate {
        // `按…的0.2%配备公共艺术课程教师`: the object of the verb after the rate.
        // The object right after the verb, a noun phrase (not `提前预付给…`).
        let verb = word_at(words, q.end).filter(|w| w.pos == Pos::Verb)?;
        let (a, b) = subject_after(s, words, verb.end).filter(|&(a, _)| a == verb.end)?;
        word_at(words, a).filter(|w| w.pos != Pos::Verb)?;
        let object = string_of(&s[a..b]);
        if object.contains('给') {
            return None; // `提前预付给医疗机构`: to whom, not what
        }
        before() + &object
    } else {
        listed.map_or_else(before, str::to_string)
    };
    (!subject::is_bare(&thing)).then(|| name(&thing, &string_of(base), form))
}

/// `普通高中在开设音乐、美术课程的基础上，…保证美育类必修课程的6个学分`: a
/// sentence that opens with the kind of school it rules on (its topic: a noun
/// phrase of four to twelve Chinese characters ending in a kind of school or a
/// stage, right before `要`, `应`, `须`, `在` or `将`) scopes what it counts. A
/// subject that names no kind of school of its own is that topic's:
/// `普通高中美育类必修课程`.
fn scoped_by_topic(s: &[char], subject: String) -> String {
    const KINDS: &[&str] =
        &["学校", "中学", "小学", "高中", "高校", "院校", "大学", "幼儿园", "学院", "阶段"];
    const OPENS_PREDICATE: &[char] = &['要', '应', '须', '在', '将'];
    /// Topics that spread over every school (`各学校要`) rather than name a kind.
    const DISTRIBUTIVE: &[char] = &['各', '每', '本', '该'];
    let topic_end = (4..=12.min(s.len().saturating_sub(1))).find(|&e| {
        OPENS_PREDICATE.contains(&s[e]) && KINDS.iter().any(|k| scan::ends_with(s, e, k))
    });
    let Some(e) = topic_end else { return subject };
    let topic = &s[..e];
    if !topic.iter().all(|&c| is_han(c)) || DISTRIBUTIVE.contains(&topic[0]) {
        return subject;
    }
    if subject::is_bare(&subject) || KINDS.iter().any(|k| subject.contains(k)) {
        return subject;
    }
    string_of(topic) + &subject
}

/// `…约为全国平均的70%`: the figure at `n0` is a share of a base (`B的` right
/// before it) written after one of `links` (longest first). The nearest such
/// link in `from..n0`: where it starts, where the base starts, and the link.
/// The base is Chinese only, at most 16 characters; it may be empty.
fn share_base(
    s: &[char],
    from: usize,
    n0: usize,
    links: &[&'static str],
) -> Option<(usize, usize, &'static str)> {
    if n0 <= from || s[n0 - 1] != '的' {
        return None;
    }
    let base_end = n0 - 1;
    let (link_start, base_start, link) = (from..=base_end).rev().find_map(|k| {
        let n = |w: &str| w.chars().count();
        let link = links.iter().find(|w| k >= from + n(w) && scan::ends_with(s, k, w))?;
        Some((k - n(link), k, *link))
    })?;
    let base = &s[base_start..base_end];
    (base.len() <= 16 && base.iter().all(|&c| is_han(c))).then_some((link_start, base_start, link))
}

/// In `A、B分别达x、y` the subject of the nth value after `分别` is the nth of `A、B`.
fn respectively_subject(cx: &Sentence, qi: usize, clause: usize, n0: usize) -> Option<String> {
    let s = cx.chars;
    let p = (clause..n0.saturating_sub(1)).rev().find(|&k| s[k] == '分' && s[k + 1] == '别')?;
    let index = cx.quantities[..qi].iter().filter(|q| q.num_start > p).count();
    // The list starts after the last action before its first `、`
    // (`以旧换新带动限上新能源汽车、节能家电零售额分别…`).
    let first_sep = (clause..p).find(|&k| s[k] == '、').unwrap_or(p);
    let from = cx
        .words
        .iter()
        .rev()
        .filter(|w| w.start >= clause && w.end <= first_sep)
        .find(|w| is_action_verb(s, w) && is_listed(&GOVERNING_CHARS, &s[w.start..w.end]))
        .map_or(clause, |w| w.end);
    let (a, b) = trim_subject(s, cx.words, from, p);
    // The first word of the list's last element, which may share the rest.
    let last = (a..b).rev().find(|&k| s[k] == '、').map(|k| k + 1);
    let first_word = last.and_then(|k| word_at(cx.words, k)).map(|w| w.end - w.start);
    subject::respectively(&string_of(&s[a..b]), index, first_word)
}

/// `城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%`: a clause of
/// only a change or level word and a list of values (`、`, `和`) as long as the
/// `分别` list of the clause before it goes on with that list: its nth value has
/// the subject of the nth value there.
fn continued_respectively(cx: &Sentence, qi: usize, clause: usize) -> Option<String> {
    let (s, all) = (cx.chars, cx.quantities);
    // Quantities are in sentence order: those starting in `a..b`.
    let in_clause = |a: usize, b: usize| {
        all.partition_point(|q| q.num_start < a)..all.partition_point(|q| q.num_start < b)
    };
    let end = (clause..s.len()).find(|&k| is_clause_break(s[k])).unwrap_or(s.len());
    let here = in_clause(clause, end);
    if !here.contains(&qi) || here.len() < 2 || clause == 0 {
        return None;
    }
    let index = qi - here.start;
    let listed = (here.start..here.end - 1).all(|j| {
        let gap = &s[all[j].end..all[j + 1].num_start];
        matches!(gap, ['、'] | ['和'])
    });
    let mut lead = string_of(&s[clause..all[here.start].num_start]);
    for adverb in ["分别", "同比", "均"] {
        if let Some(rest) = lead.strip_prefix(adverb) {
            lead = rest.to_string();
        }
    }
    let lead_chars: Vec<char> = lead.chars().collect();
    if !listed || !(is_change_word(&lead_chars) || LEVEL_WORDS.contains(&lead.as_str())) {
        return None;
    }
    // The clause before, and its values after `分别`.
    let before = (0..clause - 1).rev().find(|&k| is_clause_break(s[k])).map_or(0, |k| k + 1);
    let p = (before..clause.saturating_sub(2)).rev().find(|&k| s[k] == '分' && s[k + 1] == '别')?;
    let there = in_clause(p, clause);
    if there.len() != here.len() {
        return None;
    }
    let j = there.start + index;
    respectively_subject(cx, j, before, all[j].num_start)
}

/// `习近平总书记两次亲临江苏考察、三次参加全国人代会江苏代表团审议`: times (`次`)
/// with a verb right after them count that event: the verb phrase to the end of
/// its clause or list element, after the one who acts when a name stands right
/// before the figure (`习近平总书记亲临江苏考察`). Returns the subject and the
/// span of the event phrase.
fn event_counted(cx: &Sentence, q: &Quantity, left: usize) -> Option<(String, (usize, usize))> {
    let (s, words) = (cx.chars, cx.words);
    if q.unit != "次" || q.inherited_unit {
        return None;
    }
    let after = q.end;
    let v = word_at(words, after).filter(|w| {
        w.pos == Pos::Verb
            && !in_brackets(s, w.start)
            && !is_listed(&NOT_ACTIONS_CHARS, &s[w.start..w.end])
    })?;
    let e = (after..s.len()).find(|&k| is_clause_break(s[k]) || s[k] == '、').unwrap_or(s.len());
    let event = &s[after..e];
    if !(2..=20).contains(&event.len()) || !event.iter().all(|&c| is_han(c)) || v.end > e {
        return None;
    }
    // The one who acts: a noun phrase alone between the clause start and the figure.
    let start = (left..q.num_start).rev().find(|&k| s[k] == '、').map_or(left, |k| k + 1);
    let (a, b) = trim_subject(s, words, start, q.num_start);
    let acts = b == q.num_start
        && b > a
        && s[a..b].iter().all(|&c| is_han(c))
        && !words.iter().any(|w| w.start >= a && w.end <= b && w.pos == Pos::Verb);
    let who = if acts { string_of(&s[a..b]) } else { String::new() };
    Some((who + &string_of(event), (after, e)))
}

/// Measures of a thing that are written before its figure and the thing after
/// it, joined by `的` (`总规模1000亿元的引导基金`, `全长120公里的城际铁路`).
const MEASURES_BEFORE_DE: &[&str] = &[
    "总规模",
    "规模",
    "总投资",
    "投资",
    "全长",
    "总长",
    "长度",
    "总面积",
    "建筑面积",
    "占地面积",
    "面积",
    "总容量",
    "容量",
    "总库容",
    "库容",
    "总额",
    "总金额",
    "金额",
];

/// `组建总规模1000亿元的省战略性新兴产业投资引导基金`: a measure alone before the
/// figure (`subject`, the phrase found before it, is the measure) and `的` right
/// after it: the figure measures the noun phrase after `的`, and the subject is
/// that phrase with the measure (`…引导基金总规模`). Not a bound (`单户担保金额
/// 500万元以上的小微企业`: a class of firms, not the size of one).
fn measure_of_what_follows(
    cx: &Sentence,
    q: &Quantity,
    clause: usize,
    subject: &str,
) -> Option<String> {
    let s = cx.chars;
    if s.get(q.end) != Some(&'的') || comparator_of(s, clause, q) != "=" {
        return None;
    }
    // The measure alone, or after the verb of the clause (`建设全长180公里的沿江高铁`).
    let subject = subject::tidy(subject);
    let measure = MEASURES_BEFORE_DE.iter().find(|m| subject.ends_with(**m))?;
    if !scan::ends_with(s, q.num_start, measure) {
        return None;
    }
    let m = measure.chars().count();
    let measure_start = q.num_start - m;
    let before_len = subject.chars().count() - m;
    let after_a_verb = cx
        .words
        .iter()
        .any(|w| w.end == measure_start && w.end - w.start == before_len && w.pos == Pos::Verb);
    if before_len > 0 && !after_a_verb {
        return None;
    }
    let a = q.end + 1;
    // The phrase ends the clause (`…投资引导基金，`) when it ends in a noun and
    // joins no second predicate (`并`); else it ends at its first verb.
    let e = (a..s.len()).find(|&k| is_clause_break(s[k])).unwrap_or(s.len());
    let ends_in_noun = cx.words.iter().any(|w| w.end == e && w.start >= a && w.pos == Pos::Noun);
    let b = if ends_in_noun && e - a <= 20 && !s[a..e].iter().any(|c| "并且而".contains(*c)) {
        e
    } else {
        noun_end(s, cx.words, a, s.len())
    };
    let phrase = &s[a..b];
    if phrase.len() < 2 || !phrase.iter().all(|&c| is_han(c) || "“”（）()".contains(c)) {
        return None;
    }
    Some(subject::tidy(&string_of(phrase)) + measure)
}

/// The noun phrase a clause opens with, before its first verb.
fn clause_head(cx: &Sentence, clause: usize, n0: usize) -> Option<String> {
    let v = cx.words.iter().find(|w| w.start >= clause && w.end <= n0 && w.pos == Pos::Verb)?;
    let (a, b) = trim_subject(cx.chars, cx.words, clause, v.start);
    let head = subject::tidy(&strip_trailing_adverbs(&cx.chars[a..b]));
    (!subject::is_bare(&head)).then_some(head)
}

/// Where a quantity sits in its clause.
#[derive(Clone, Copy)]
struct ClauseCtx {
    /// Start of the stretch the quantity's own words are in (its clause, or
    /// just after the previous quantity of the clause).
    left: usize,
    /// Start of the number.
    n0: usize,
    /// The governing verb(s).
    verb_span: Option<(usize, usize)>,
    /// End of the previous quantity when it is in the same clause.
    prev_q_end: Option<usize>,
    /// The words between `left` and the number end with a level word (`达`, `稳定在`).
    sets_level: bool,
}

/// The subject, where the quote starts, and the span of a subject written after the unit.
fn subject_of(
    cx: &Sentence,
    q: &Quantity,
    c: &ClauseCtx,
    prev: Option<&Attrs>,
) -> (String, usize, Option<(usize, usize)>) {
    let (s, words) = (cx.chars, cx.words);
    let ClauseCtx { left, n0, verb_span, prev_q_end, sets_level } = *c;
    let verb_start = verb_span.map(|(a, _)| a).filter(|&a| a >= left);
    // Times of an event: `两次亲临江苏考察`.
    if let Some((subject, span)) = event_counted(cx, q, left) {
        return (subject, n0, Some(span));
    }
    // After a classifier: `建立10个教科研项目实验室`; or the people a count
    // without a measure word is of (`惠及近300万群众`).
    let people_named_after = q.unit == "人" && s.get(q.unit_end.wrapping_sub(1)) != Some(&'人');
    // The unit's alternative in brackets (`100条（个）幸福河湖`) counts the same.
    let unit = q.unit.split(['（', '(']).next().unwrap_or_default();
    if (CLASSIFIERS.contains(&unit) || people_named_after) && !q.inherited_unit {
        let after = q.end;
        let next_ok = s.get(after).is_some_and(|&c| is_han(c) || matches!(c, '“' | '(' | '（'))
            && !s.get(after).is_some_and(|&c| "的在中和等是被以并而且或及与".contains(c))
            && !explains(s, after);
        // `惠及超50万名3岁以下婴幼儿`: an age before the noun is part of it.
        let (after, age) = match age_span(s, after) {
            Some(e) if s.get(e).is_some_and(|&c| is_han(c)) => (e, Some(after)),
            _ => (after, None),
        };
        if next_ok || age.is_some() {
            if let Some((a, b)) = subject_after(s, words, after) {
                let a = age.filter(|_| a == after).unwrap_or(a);
                let mut subject = drop_long_parenthetical(&string_of(&s[a..b]));
                if let Some(vp) = predicate_after(s, words, n0, b) {
                    subject = vp + "的" + &subject;
                }
                return (subject, verb_start.unwrap_or(n0), Some((a, b)));
            }
        }
    }
    // Before the number, after the action: `新建新教学空间1000个`.
    let before_start = verb_span.map_or(left, |(_, b)| b.max(left));
    let (mut a, b) = trim_subject(s, words, before_start, n0);
    if let Some(va) = verb_start.filter(|_| a < b) {
        if let Some(a0) = compound_start(s, words, left, va, (a, b), sets_level) {
            a = a0;
        }
    }
    if a == b {
        // `全市儿童青少年总体近视率继续下降1个百分点`: the subject stands before the verb.
        if let Some((va, vb)) = verb_span.filter(|&(a, _)| a >= left) {
            let (a2, b2) = phrase_before(s, words, left, va);
            // Not the base of a comparison (`较上年增加10%`): see below.
            if b2 > a2 && !(a2 == left && is_comparison_base(&s[a2..va])) {
                let pre = strip_trailing_adverbs(&s[a2..b2]);
                // `城镇棚户区改造73.5万套`: a work right after the noun and right
                // before a count names what is counted.
                let verb = &s[va..vb];
                let names_work = b2 == va
                    && pre.chars().count() == b2 - a2
                    && is_listed(&WORKS_CHARS, verb)
                    && crate::units::unit_class(&q.unit) != crate::units::UnitClass::Rate;
                if names_work {
                    return (pre + &string_of(verb), a2, None);
                }
                return (pre, a2, None);
            }
        }
    }
    if a == b {
        // `每年有2000多人次在各级各类艺体科技比赛中获奖`: the phrase after the unit.
        let mut after = q.end;
        // `…在各级…比赛中获奖`, `三分之二以上的学校`.
        if matches!(s.get(after), Some('在' | '的')) {
            after += 1;
        }
        let e = noun_end(s, words, after, s.len());
        if e > after {
            return (string_of(&s[after..e]), q.num_start, Some((after, e)));
        }
    }
    if a == b {
        // `学前三年毛入园率：2025年达到99%`: an indicator's label before a colon names it.
        if let Some(label) = colon_label(s, words, left) {
            return (string_of(&s[label.0..label.1]), label.0, None);
        }
    }
    if a == b {
        // `全省地区生产总值…9万亿元,增长5.5%`: a clause with only a change keeps
        // the subject before it; so does one with only a comparison's base
        // before the change (`较上年增加10%`), or only a level word before the
        // number (`增长5.6%，达到6.2万亿元`).
        if let Some(p) = prev.filter(|p| p.clause < left && !p.subject.is_empty()) {
            let only_verb = verb_start.is_some_and(|va| {
                s[left..va].iter().all(|c| !is_han(*c)) || is_comparison_base(&s[left..va])
            });
            let only_level = verb_start.is_none() && {
                // `2025年新建幼儿园10所，2026年15所`: a year before it changes nothing.
                let pre = without_opening_year(&s[left..n0]);
                let pre_str = string_of(pre);
                (pre.is_empty() && n0 > left)
                    || LEVEL_WORDS.contains(&pre_str.as_str())
                    || CHANGE_WORDS.iter().any(|(w, _)| {
                        let base = pre.len().saturating_sub(w.chars().count());
                        pre_str.ends_with(w) && (base == 0 || is_comparison_base(&pre[..base]))
                    })
            };
            if only_verb || only_level {
                return (p.subject.clone(), verb_start.unwrap_or(left), None);
            }
        }
    }
    let mut subject = noun_after_de(&s[a..b]);
    // `初中7-8所、小学19所`: a short list element shares the head before it;
    // `新增上市公司45家、总量达1224家`: a measure of the thing before it.
    if let (Some(p), true) =
        (prev, prev_q_end.is_some() && (1..=3).contains(&subject.chars().count()))
    {
        let pc: Vec<char> = p.subject.chars().collect();
        let n = subject.chars().count();
        // `产量增长31.2%、占全国4成`: a share of the thing before it, too.
        let share = subject.starts_with('占');
        if (share || MEASURES_OF.contains(&subject.as_str())) && !p.subject.is_empty() {
            subject = p.subject.clone() + &subject;
        } else if pc.len() > n + 2 && !p.subject.contains('、') && verb_start.is_none() {
            // (Not an element with a verb of its own: `实施重点项目300个、完成投资…`.)
            subject = string_of(&pc[..pc.len() - n]) + &subject;
        }
    }
    (drop_long_parenthetical(&subject), verb_start.unwrap_or(a), None)
}

/// `1.学前三年毛入园率：`: the label that ends with a colon right before the
/// clause at `left`, when it is short and holds no figure (an indicator's name,
/// not a clause that states one), without the item's marker.
fn colon_label(s: &[char], words: &[Word], left: usize) -> Option<(usize, usize)> {
    if left == 0 || !matches!(s[left - 1], '：' | ':') {
        return None;
    }
    let colon = left - 1;
    let start = (0..colon).rev().find(|&k| is_clause_break(s[k])).map_or(0, |k| k + 1);
    let start = if start == 0 {
        let text: String = string_of(&s[..colon]);
        crate::structure::markers::marker_at_start(&text).map_or(0, |m| m.len)
    } else {
        start
    };
    let (a, b) = trim_subject(s, words, start, colon);
    let label = &s[a..b];
    (!label.is_empty() && label.len() <= 20 && !label.iter().any(|c| c.is_ascii_digit()))
        .then_some((a, b))
}

/// `2026年`, `到2027年底`, `2025年前`: a clause's opening year, skipped.
fn without_opening_year(s: &[char]) -> &[char] {
    let k = usize::from(matches!(s.first(), Some('到' | '至')));
    let digits = s[k..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 || s.get(k + 4) != Some(&'年') {
        return s;
    }
    let mut e = k + 5;
    while e < s.len() && matches!(s[e], '底' | '末' | '前' | '内') {
        e += 1;
    }
    &s[e..]
}

/// `较上年`, `比去年同期`, `同比`, `比2020年`: only the base a change is measured
/// from (not a name that starts with 比: `比例`, `比重`).
fn is_comparison_base(s: &[char]) -> bool {
    let starts = |w: &str| scan::starts_with(s, 0, w);
    let base_after_bi = s.get(1).is_some_and(|&c| "上去前同".contains(c) || c.is_ascii_digit());
    (starts("较") || starts("同比") || (starts("比") && base_after_bi)) && s.len() <= 7
}

/// `3个园区入选国家级零碳园区建设名单`: a count that opens its clause, before the
/// clause's predicate, counts the things the predicate describes: the subject is
/// `入选国家级零碳园区建设名单的园区`. Returns the predicate (from the first verb
/// after the noun, which ends at `b`, to the clause end; in a list `16所高校、48个学科
/// 入选…` the shared one after the last element). None when the count follows a
/// verb of its clause, or the predicate holds a number, is long, or is a copula.
fn predicate_after(s: &[char], words: &[Word], n0: usize, b: usize) -> Option<String> {
    let clause = (0..n0).rev().find(|&k| is_clause_break(s[k])).map_or(0, |k| k + 1);
    let is_verb = |w: &&Word| w.pos == Pos::Verb && !in_brackets(s, w.start);
    // A bound on the count (`超5个县`) is no predicate of the clause.
    let bound = |w: &Word| w.end == n0 && BOUNDS_BEFORE.contains(&word_text(s, w).as_str());
    if words.iter().any(|w| w.start >= clause && w.end <= n0 && is_verb(&w) && !bound(w)) {
        return None;
    }
    // `5个地级市和5个县级城市获评…`: the noun phrase took the list's joiner.
    let b = if b > 0 && is_joiner_word(s[b - 1]) { b - 1 } else { b };
    let e = (b..s.len()).find(|&k| is_clause_break(s[k])).unwrap_or(s.len());
    // A passive `被` after the noun (or after the list it starts) opens its
    // predicate, whatever the tagger makes of the verb (`2个县被命名为…`:
    // `命名` is tagged a noun).
    let joined = s.get(b).is_some_and(|&c| c == '、' || is_joiner_word(c));
    let passive = match s.get(b) {
        Some('被') => Some(b),
        _ if joined => (b..e).find(|&k| s[k] == '被'),
        _ => None,
    }
    .filter(|&k| e > k + 2);
    let v = match words.iter().filter(|w| w.start >= b && w.end <= e).find(is_verb) {
        Some(w) => w.start,
        None => passive? + 1,
    };
    let gap = &s[b..v];
    let p = if passive == Some(b) {
        b
    } else if gap.is_empty() {
        v
    } else if joined {
        if "被新均".contains(s[v - 1]) {
            v - 1
        } else {
            v
        }
    } else if (gap.len() <= 2 || gap[0] == '在' && gap.len() <= 8) && gap.iter().all(|&c| is_han(c))
    {
        b // `新获评`, `被命名为`; `在粤稳定就业`: where, then what
    } else {
        return None;
    };
    let vp = &s[p..e];
    let copula = matches!(s[v], '是' | '有' | '达' | '占' | '为' | '在');
    let ok = (2..=30).contains(&vp.len())
        && !copula
        && !vp.iter().any(|c| c.is_ascii_digit() || matches!(c, '、' | '和'));
    ok.then(|| string_of(vp))
}

/// Where a subject starts when the verb before it is part of the name of what is
/// counted rather than the action on it: the noun phrase `pre` before the verb
/// (from the last action verb or the clause start) joins verb and `post`.
/// - the number follows a level word (`全社会研发投入强度达3.4%`, `省重大项目完成投资达
///   7290亿元`, `城市生活污水集中收集率达87.8%`): the clause names an indicator and
///   its level, so the verb inside it is part of the name;
/// - the phrase after the verb is a bare head of one or two characters
///   (`城镇新增就业54万人`, `实际使用外资1126亿元`, `低空起降设施`).
///
/// `pre` must be a noun phrase of its own: Han characters only (no list, no
/// clause), and more than a scope (`全市`, `各地`, `本区`).
fn compound_start(
    s: &[char],
    words: &[Word],
    left: usize,
    va: usize,
    (a, b): (usize, usize),
    level: bool,
) -> Option<usize> {
    if !level && b - a > 2 {
        return None;
    }
    let from = words
        .iter()
        .rev()
        .filter(|w| w.start >= left && w.end <= va)
        .find(|w| is_action_verb(s, w))
        .map_or(left, |w| w.end);
    let (a0, b0) = trim_subject(s, words, from, va);
    let pre = &s[a0..b0];
    let scope_only = pre.len() <= 2 && matches!(pre.first(), Some('全' | '各' | '本' | '我'));
    // `城镇累计新增就业`: an adverb between the phrase and the verb joins them.
    let gap = string_of(&s[b0..va]);
    let joined =
        gap.is_empty() || ["累计", "共", "已", "再", "均", "合计", "共计"].contains(&gap.as_str());
    (joined && !pre.is_empty() && pre.iter().all(|&c| is_han(c)) && !scope_only).then_some(a0)
}

/// Nouns that measure the thing named before them (`上市公司45家、总量达1224家`).
const MEASURES_OF: &[&str] =
    &["总量", "总数", "总额", "规模", "总规模", "余额", "占比", "比重", "比例", "增速", "增幅"];

/// Words that set the level a number gives (`达`, `稳定在`): what stands before them is
/// the indicator's name.
const LEVEL_WORDS: &[&str] = &[
    "达到",
    "达",
    "为",
    "稳定在",
    "保持在",
    "控制在",
    "超过",
    "超",
    "突破",
    "逾",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增至",
    "降至",
    "扩大到",
    "扩大至",
    "缩小至",
    "不低于",
    "不少于",
];

/// The change word that governs the number at the end of `zone`, and its
/// direction.
fn change_of(zone: &str) -> Option<(&'static str, &'static str)> {
    // The change verb nearest the number decides; it must govern the number:
    // no list (`、`) between them, and not far off.
    // Read from the end: the first place a change word starts is its last
    // occurrence (`rfind`); only the last occurrence of each word counts.
    let mut seen = 0u32; // bit k: word k of CHANGE_WORDS was met
    let mut best: Option<(usize, &'static str, &'static str)> = None;
    for (p, c) in zone.char_indices().rev() {
        if best.is_some_and(|(bp, _, _)| bp > p) {
            break;
        }
        if !CHANGE_FIRST.contains(&c) {
            continue;
        }
        for (k, (w, dir)) in CHANGE_WORDS.iter().enumerate() {
            if seen & (1 << k) != 0 || !zone[p..].starts_with(w) {
                continue;
            }
            seen |= 1 << k;
            let after = strip_brackets(&zone[p + w.len()..]);
            if after.starts_with(TO_LEVEL) {
                // `贡献率提升至`: a level; a change word further back (`经济增长贡献率`)
                // governs nothing past it.
                return best.map(|(_, w, d)| (w, d));
            }
            // `增加值`, `经济增长贡献率` name indicators; or too far to govern (a
            // long name between: `新增概念验证中心和…公共服务平台10家`, 21).
            let names = after.starts_with('值') || after.contains("贡献率");
            if names || after.contains('、') || after.chars().count() > 24 {
                continue;
            }
            if best.is_none_or(|(bp, _, _)| p > bp) {
                best = Some((p, w, dir));
            }
        }
    }
    best.map(|(_, w, d)| (w, d))
}

/// Units of a rate or level, which `提高`/`提升` change (`提高3个百分点`, `提升10%`).
fn is_rate_unit(unit: &str) -> bool {
    matches!(unit, "%" | "百分点" | "个百分点" | "倍" | "成" | "‰") || unit.contains('元')
}

/// Text without its bracketed asides (`名师(名校长、名教师)` → `名师`).
fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn comparator_of(s: &[char], clause: usize, q: &Quantity) -> &'static str {
    if let Some(c) = q.comparator {
        return c;
    }
    let n0 = q.num_start;
    let mut before: String = string_of(&s[clause..n0]);
    // The base of a rate stands between the word and the figure (`低于每立方米19微克`).
    if let Some(at) = before.rfind('每') {
        let base = &before[at..];
        let bound = ["低于", "少于", "小于", "超过", "超", "高于", "多于", "近", "约"];
        if base.chars().count() <= 6
            && base.chars().all(is_han)
            && bound.iter().any(|w| before[..at].ends_with(w))
        {
            before.truncate(at);
        }
    }
    // So does the base of a share (`约为全国平均的70%`).
    if let Some((_, base_start, _)) = share_base(s, clause, n0, BOUNDS) {
        before = string_of(&s[clause..base_start]);
    }
    // Written as signs: `≥98%`, `＞60%` (not ASCII `<` `>`: in text taken
    // from pages they are more often what is left of markup).
    match before.trim_end().chars().last() {
        Some('≥' | '≧' | '⩾') => return ">=",
        Some('≤' | '≦' | '⩽') => return "<=",
        Some('＞') => return ">",
        Some('＜') => return "<",
        _ => {}
    }
    let imm = |w: &str| before.ends_with(w);
    // `不得低于72个学时`: a limit forbidden is its opposite bound.
    let forbidden = |ws: &[&str]| {
        ws.iter().any(|w| {
            before.strip_suffix(w).is_some_and(|rest| {
                ["不得", "不应", "不能", "不宜", "不可"].iter().any(|n| rest.ends_with(n))
            })
        })
    };
    if forbidden(&["低于", "少于", "小于"]) {
        return ">=";
    }
    if forbidden(&["超过", "高于", "多于", "大于"]) {
        return "<=";
    }
    if ["不少于", "至少", "不低于", "最少", "不小于"].iter().any(|w| before.contains(w))
    {
        return ">=";
    }
    // `连跨5万亿元、6万亿元两个台阶`: a threshold crossed is reached at least.
    if ["连跨", "跨上", "迈上", "跨越", "迈过"].iter().any(|w| imm(w)) {
        return ">=";
    }
    if imm("不超过") || imm("不高于") || imm("不多于") || imm("控制在") {
        return "<=";
    }
    if imm("低于") || imm("少于") || imm("小于") {
        return "<";
    }
    if imm("超过")
        || imm("突破")
        || imm("逾")
        || imm("多于")
        || imm("超")
        || imm("过") && !imm("通过") && !imm("经过")
    {
        return ">";
    }
    if imm("近") || imm("约") || imm("约为") || imm("大约") || imm("将近") || imm("接近")
    {
        return "~";
    }
    "="
}

/// A bracket that explains what was counted (`180座（含“渡改桥”工程）`) names nothing counted.
fn explains(s: &[char], k: usize) -> bool {
    matches!(s.get(k), Some('（' | '('))
        && ["含", "包括", "其中", "即"].iter().any(|w| scan::starts_with(s, k + 1, w))
}

/// `3岁以下`, `0-3岁`, `60岁及以上` at `k`: where the age ends.
fn age_span(s: &[char], k: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        let start = i;
        while s.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        (i > start).then_some(i)
    };
    let mut i = digits(k)?;
    if matches!(s.get(i), Some('-' | '—' | '～' | '~' | '至')) {
        i = digits(i + 1)?;
    }
    if s.get(i) != Some(&'岁') {
        return None;
    }
    i += 1;
    for w in ["及以下", "及以上", "以下", "以上"] {
        if scan::starts_with(s, i, w) {
            return Some(i + w.chars().count());
        }
    }
    Some(i)
}

/// The noun phrase after a classifier. A description ending in `的` is read
/// whole when short (`市区知名的校(园)长`); a long one (with commas, lists, or
/// opening with a verb: `有崇高教育理想和抱负,有鲜明教育教学主张的教师(校长)`)
/// gives the phrase after its last `的`.
fn subject_after(s: &[char], words: &[Word], after: usize) -> Option<(usize, usize)> {
    let limit = (after + 60).min(s.len());
    // The description may not reach past the sentence or into the next quantity.
    let mut stop = after;
    while stop < limit && !matches!(s[stop], '。' | '；' | ';') {
        if s[stop].is_ascii_digit() {
            // The digits of a name (`5G工厂`) are passed over as one run.
            match name_digits_end(s, stop) {
                Some(e) => stop = e.min(limit),
                None => break,
            }
        } else {
            stop += 1;
        }
    }
    // Words that open a description of what is counted (`有崇高教育理想…的教师`).
    const DESCRIBES: [&str; 5] = ["有", "具有", "具备", "兼具", "来自"];
    let describes_at = |k: usize| DESCRIBES.iter().any(|w| scan::starts_with(s, k, w));
    let starts_with_verb =
        word_at(words, after).is_some_and(|w| is_action_verb(s, w)) || describes_at(after);
    let plain_end = noun_end(s, words, after, stop);
    // `视力、听力等残疾儿童`: a list of kinds before `等` counts its head.
    if s.get(plain_end) == Some(&'、') && !starts_with_verb && plain_end > after {
        let deng =
            (plain_end..stop).take_while(|&k| !is_clause_break(s[k])).find(|&k| s[k] == '等');
        if let Some(d) = deng {
            let e = noun_end(s, words, d + 1, stop);
            if e > d + 1 {
                return Some((d + 1, e));
            }
        }
    }
    let ends_clause = s.get(plain_end).is_some_and(|&c| is_clause_break(c));
    if let Some(d1) = (after..stop).find(|&k| s[k] == '的') {
        // `12所师范院校对县域基础教育的纵向帮扶`: what is counted acts on
        // something (`对`, `向`); the phrase after `的` is the action, not the noun.
        let acts_on = words
            .iter()
            .take_while(|w| w.start < d1)
            .filter(|w| w.start > after)
            .find(|w| matches!(word_text(s, w).as_str(), "对" | "向"));
        if let Some(p) = acts_on.filter(|_| !starts_with_verb) {
            let e = noun_end(s, words, after, p.start);
            if e == p.start {
                return Some((after, e));
            }
        }
        if ends_clause && plain_end < d1 && !starts_with_verb && plain_end > after {
            return Some((after, plain_end)); // `1次决策咨询会议,定期…的决策依据`
        }
        // `5个县（市、区）开展全域幸福河湖建设，整体提升…的生态条件`: the counted
        // noun has a predicate of its own, and its clause ends before the `的`,
        // which belongs to the next clause; unless that clause goes on
        // describing (`500名模范履行职业道德规范,具有…的教师`).
        let has_predicate = word_at(words, plain_end).is_some_and(|w| is_action_verb(s, w));
        let next_clause = (plain_end..d1).find(|&k| is_clause_break(s[k])).map(|k| k + 1);
        if has_predicate
            && !starts_with_verb
            && plain_end > after
            && next_clause.is_some_and(|n| !describes_at(n))
        {
            return Some((after, plain_end));
        }
        let e = noun_end(s, words, d1 + 1, stop);
        if e > d1 + 1 {
            let described = &s[after..d1];
            let has_verb =
                words.iter().any(|w| w.start >= after && w.end <= d1 && is_action_verb(s, w));
            let long = starts_with_verb
                || has_verb
                || described.iter().any(|&c| matches!(c, '，' | ',' | '、'))
                || described.len() > 10;
            if !long {
                return Some((after, e)); // `市区知名的校(园)长`
            }
            let last_de = (d1..e).rev().find(|&k| s[k] == '的').unwrap_or(d1);
            return Some((last_de + 1, e));
        }
    }
    if starts_with_verb {
        return None;
    }
    (plain_end > after).then_some((after, plain_end))
}

/// Where a noun phrase starting at `a` ends: a clause break, `、`, `等`, a digit,
/// a verb that is not part of a noun phrase, or `被` or `在` standing as words
/// (`49家医院在国家绩效监测中获评…`).
fn noun_end(s: &[char], words: &[Word], a: usize, limit: usize) -> usize {
    let mut b = a;
    let mut depth = 0i32;
    while b < limit {
        let c = s[b];
        if matches!(c, '(' | '（') {
            depth += 1;
        } else if matches!(c, ')' | '）') {
            depth -= 1;
        } else if depth <= 0 && c.is_ascii_digit() {
            // A number ends the noun; the digits of a name (`5G`) go on, all at once.
            match name_digits_end(s, b) {
                Some(e) => {
                    b = e.min(limit);
                    continue;
                }
                None => break,
            }
        } else if depth <= 0
            && (is_clause_break(c)
                || matches!(c, '、' | '等')
                || b > a && bound_before_number(s, b))
        {
            break;
        }
        if depth <= 0
            && b > a
            && word_at(words, b).is_some_and(|w| {
                (is_action_verb(s, w) && !names_a_place(s, w.end))
                    || matches!(word_text(s, w).as_str(), "被" | "在")
            })
        {
            // `孤独症儿童免费提供…`: how the action is done is not the noun's.
            let manner = words.iter().find(|w| w.end == b && w.start > a);
            if let Some(m) = manner.filter(|m| MANNER.contains(&word_text(s, m).as_str())) {
                b = m.start;
            }
            break;
        }
        b += 1;
    }
    b
}

/// Words of manner that stand between a noun and the verb they modify
/// (`为8000名孤独症儿童免费提供…`, `300家企业统一配送…`).
const MANNER: &[&str] = &[
    "免费", "无偿", "全面", "统一", "集中", "优先", "主动", "定期", "及时", "依法", "同步", "陆续",
    "新", "均", "已", "再", "又", "也", "都", "先后", "相继",
];

/// Words that bound the count right after them (`超5个县`, `近300万群众`).
const BOUNDS_BEFORE: &[&str] = &["超过", "超", "逾", "近", "约"];

/// A bound word at `k` before a number (`惠及80个乡镇近300万群众`): the next
/// count starts there, and the noun phrase before it ends.
fn bound_before_number(s: &[char], k: usize) -> bool {
    BOUNDS_BEFORE.iter().any(|w| {
        let n = w.chars().count();
        scan::starts_with(s, k, w)
            && s.get(k + n)
                .is_some_and(|&c| c.is_ascii_digit() || crate::numbers::is_cn_numeral_char(c))
    })
}

/// Where the run of digits (and points) at `k` ends, when it is part of a
/// name written with Latin letters (`5G工厂`, `PM2.5浓度`, `10kV线路`); None
/// when it is a number, which ends a noun phrase. A grade after letters
/// (`ML2.5级`) is a number still.
fn name_digits_end(s: &[char], k: usize) -> Option<usize> {
    let number = |c: char| c.is_ascii_digit() || c == '.';
    let a = (0..k).rev().find(|&j| !number(s[j])).map_or(0, |j| j + 1);
    let b = (k..s.len()).find(|&j| !number(s[j])).unwrap_or(s.len());
    let after_letters = a > 0 && s[a - 1].is_ascii_alphabetic() && s.get(b) != Some(&'级');
    (after_letters || s.get(b).is_some_and(|c| c.is_ascii_alphabetic())).then_some(b)
}

/// Heads of names of places, bodies and events: a verb right before one, inside a
/// noun phrase, is part of the name (`概念验证中心`, `产业集聚区`, `艺术展演活动`).
#[rustfmt::skip]
const NAME_HEADS: &[&str] = &[
    "中心", "基地", "平台", "园区", "机构", "试验区", "示范区", "集聚区", "功能区", "区", "站",
    "室", "馆", "所", "厂", "园", "活动", "项目", "工程", "比赛", "大赛", "课程",
];

/// True when a name head of [`NAME_HEADS`] starts at char `k` and ends a word there
/// (`验证中心。`, not `验证中心城区的`).
fn names_a_place(s: &[char], k: usize) -> bool {
    NAME_HEADS.iter().any(|h| {
        let n = h.chars().count();
        h.chars().enumerate().all(|(i, c)| s.get(k + i) == Some(&c))
            && s.get(k + n).is_none_or(|&c| !is_han(c) || is_joiner_word(c) || c == '等')
    })
}

/// `瓯海特色的义务教育阶段各类精品课程` → the phrase after the last `的` when it is a phrase of its own.
fn noun_after_de(s: &[char]) -> String {
    if let Some(d) = s.iter().rposition(|&c| c == '的') {
        if s.len() - d > 4 {
            return string_of(&s[d + 1..]);
        }
    }
    string_of(s)
}

/// Drops an explanatory parenthesis at the end of a subject
/// (`人才(省特级教师、正高职称教师、…等…)`, `资源(包括案例和教材等)`).
fn drop_long_parenthetical(subject: &str) -> String {
    let t = subject.trim_end();
    if t.ends_with(['）', ')']) {
        if let Some(open) = t.rfind(['（', '(']) {
            let inner = &t[open..];
            let explains = inner.chars().count() > 14
                || ["包括", "含", "即"].iter().any(|w| inner.contains(w));
            if explains && open > 0 {
                return t[..open].to_string();
            }
        }
    }
    t.to_string()
}

fn strip_trailing_adverbs(s: &[char]) -> String {
    let mut t: String = string_of(s);
    for w in [
        "继续",
        "进一步",
        "持续",
        "连续",
        "逐步",
        "力争",
        "确保",
        "要",
        "将",
        "再",
        "可以",
        "可",
        "应当",
        "应",
        "必须",
        "须",
    ] {
        if let Some(x) = t.strip_suffix(w) {
            t = x.to_string();
        }
    }
    t
}

/// The subject before a number: from `a` (after the action) to the number, without
/// leading time phrases and ordinals and trailing comparator words.
fn trim_subject(s: &[char], words: &[Word], mut a: usize, mut b: usize) -> (usize, usize) {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:到\d{4}年底?前?|至\d{4}年|\d{4}年底?前?|其中|首批|第[一二三四五六七八九十\d]+批|一批|每年|全年|同时|再|现有|共有|已有|累计|预计|预期|力争|争取|已|在|为|至|到|原则上)+").unwrap()
    });
    const TRAIL: &[&str] = &[
        "达到",
        "达",
        "共",
        "各",
        "约",
        "近",
        "不少于",
        "至少",
        "不低于",
        "超过",
        "为",
        "累计",
        "总数",
        "有",
        "再",
        "每年",
        "每人",
        "每户",
        "每学期",
        "每天",
        "每周",
        "每月",
        "继续",
        "进一步",
        // `数字经济增加值预计达3.4万亿元`: an expectation, not part of the name.
        "预计",
        "预期",
        "有望",
        "突破",
        "超",
        "逾",
        "稳定在",
        "保持在",
        "控制在",
        "提高到",
        "增至",
        "降至",
        "缩小至",
        "达到了",
        "保持",
        "首次",
        "合计",
        "从",
        "按",
    ];
    let text: String = string_of(&s[a..b]);
    if let Some(m) = LEAD.find(&text) {
        a += m.as_str().chars().count();
    }
    loop {
        let t: String = string_of(&s[a..b]);
        // Only a whole word is stripped: `共` in `一般公共` stays.
        let whole =
            |w: &str| word_at(words, b - w.chars().count()).is_some() || b - a == w.chars().count();
        match TRAIL.iter().find(|w| t.ends_with(*w) && whole(w)) {
            Some(w) => b -= w.chars().count(),
            None => break,
        }
    }
    while a < b && matches!(s[a], '、' | '，' | ',' | ' ' | '”' | '"') {
        a += 1;
    }
    while b > a
        && matches!(s[b - 1], ' ' | '“' | '≥' | '≧' | '⩾' | '≤' | '≦' | '⩽' | '＞' | '＜' | '＝')
    {
        b -= 1;
    }
    (a, b.max(a))
}

/// The noun phrase in `from..to`, before a verb or a link word: trimmed as a
/// subject ([`trim_subject`]), after a verb that governs it ([`after_leading_verb`]).
fn phrase_before(s: &[char], words: &[Word], from: usize, to: usize) -> (usize, usize) {
    let (a, b) = trim_subject(s, words, from, to);
    (after_leading_verb(s, words, a, b), b)
}

/// `完成城镇棚户区改造73.5万套`: a phrase that stands before the clause's verb but
/// opens with a verb that governs it (`完成`, `推动`, `包括`) starts after that
/// verb. Verbs that make compound names (`接待游客人次`, `充电电量`) stay.
fn after_leading_verb(s: &[char], words: &[Word], a: usize, b: usize) -> usize {
    let Some(w) = word_at(words, a) else { return a };
    let next_is_noun = word_at(words, w.end).is_some_and(|n| {
        matches!(n.pos, Pos::Noun | Pos::Org | Pos::Other) && n.end <= b || s[n.start] == '“'
    }) || scan::starts_with(s, w.end, "有条件的"); // `鼓励有条件的学校…`: a modifier
    if is_listed(&GOVERNING_CHARS, &s[w.start..w.end]) && b >= w.end + 2 && next_is_noun {
        w.end
    } else {
        a
    }
}

fn each_of(
    s: &[char],
    words: &[Word],
    clause: usize,
    n0: usize,
    subject: &str,
    unit: &str,
) -> bool {
    if n0 > 0 && s[n0 - 1] == '各' {
        return true;
    }
    // `贷款余额、科技贷款余额均增长11.7%`, `…各有20家`: `均` or `各` standing as a
    // word just before the predicate spreads the value over the subjects.
    let spread = words.iter().any(|w| {
        w.start >= clause
            && w.end <= n0
            && n0 - w.end <= 3
            && matches!(word_text(s, w).as_str(), "均" | "各")
    });
    if spread {
        return true;
    }
    // A clause that opens with 各 + noun (`各项目组…确定1-2项`); not a rate per
    // period (`各中小学校每年至少举办1次`: how often, not how many each).
    let per_period = (clause..n0).any(|k| s[k] == '每');
    let opens_with_ge = !per_period
        && s.get(clause) == Some(&'各')
        && s.get(clause + 1).is_some_and(|&c| !"类级种方界地".contains(c))
        && !(s.get(clause + 1) == Some(&'项') && s.get(clause + 2) != Some(&'目'));
    if opens_with_ge {
        return true;
    }
    // Several rates with one value: `参与率、社团活动参与率达100%`.
    unit == "%"
        && subject.matches('率').count() >= 2
        && (subject.contains('、') || subject.contains('和'))
}

/// The last year of a piece that a figure can be due in (not a comparison's
/// base), carried to the next piece of a long sentence as if it stood at its start.
fn last_due_year(years: &[YearMention]) -> Option<YearMention> {
    years.iter().rev().find(|m| !m.baseline).map(|m| YearMention { at: 0, ..*m })
}

/// A sentence that only names what the next ones are about, as a heading
/// would (`（三）确立总体目标。`, `加强高品质学校培育。`): short, one clause ended
/// by `。` (not a `；` item of a list), no figure.
fn is_lead_in(sentence: &[char]) -> bool {
    sentence.len() <= 16
        && sentence.last() == Some(&'。')
        && !sentence.iter().any(|&c| matches!(c, '，' | ',' | '；' | ';') || c.is_ascii_digit())
}

/// The year or period a sentence opens with (`“十五五”时期…`, `2026年…`,
/// `到2018年，…`, `今后五年…`): the topic of the paragraph's later sentences.
/// Not a year something starts in (`2017年起，…`, `2020年开始…`): what follows
/// it recurs from then on and is due in no year of its own.
fn opening_year(first: &[char], title_year: Option<i32>) -> Option<i32> {
    let mut skip = first.iter().take_while(|c| matches!(c, '“' | '"' | ' ' | '　')).count();
    // `到2026年，…`: the year a paragraph's goals are due by.
    if matches!(first.get(skip), Some('到' | '至')) {
        skip += 1;
    }
    // Most sentences open with no year at all and are passed over here.
    if !first.get(skip).is_some_and(|&c| time::may_start_year(c)) {
        return None;
    }
    let end = first.iter().position(|&c| c == '，' || c == ',').unwrap_or(first.len());
    let opening = &first[..end];
    if opening.ends_with(&['起']) || opening.ends_with(&['开', '始']) {
        return None;
    }
    // The opening clause's last year: a period's end (`2019年1月1日至2020年12月31日`).
    let years: Vec<_> =
        time::sentence_years(opening, title_year).into_iter().filter(|m| !m.baseline).collect();
    match years.first() {
        Some(m) if m.at <= skip => years.last().map(|m| m.year),
        _ => None,
    }
}
