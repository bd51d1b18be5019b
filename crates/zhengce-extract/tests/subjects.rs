//! The subject rules, pinned as a table: `check(sentence, quote, subject)`
//! extracts a one-sentence document and asserts the subject of the target whose
//! quote holds `quote`. Sentences are written in the genre's forms (work reports
//! and education plans of any province), not copied from the gold documents.

use std::sync::LazyLock;

use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn check(sentence: &str, quote: &str, subject: &str) {
    let text = format!("关于印发工作要点的通知\n\n{sentence}\n");
    let doc = EXTRACTOR.extract(text.as_bytes(), "subjects.txt").unwrap();
    let t = doc.targets.iter().find(|t| t.quote.contains(quote)).unwrap_or_else(|| {
        panic!(
            "no target quoting 「{quote}」 in 「{sentence}」: {:?}",
            doc.targets.iter().map(|t| &t.quote).collect::<Vec<_>>()
        )
    });
    assert_eq!(t.subject, subject, "「{sentence}」 quote 「{quote}」");
}

/// Before a level word (`达`, `稳定在`) the clause names an indicator: a verb
/// inside it (`投入`, `完成`, `收集`) is part of the name, not the action.
#[test]
fn a_verb_inside_an_indicator_name_stays_in_the_subject() {
    check("全省研发经费投入强度达2.8%左右。", "2.8%", "全省研发经费投入强度");
    check("市重点项目完成投资达1200亿元。", "1200亿元", "市重点项目完成投资");
    check("农村生活污水集中收集率稳定在90%以上。", "90%", "农村生活污水集中收集率");
}

/// A bare head of one or two characters after a verb takes the noun phrase
/// before the verb; a scope alone (`全市`) is not taken.
#[test]
fn a_bare_head_takes_the_phrase_before_its_verb() {
    check("城镇新增就业60万人以上。", "60万人", "城镇新增就业");
    check("实际使用外资300亿元。", "300亿元", "实际使用外资");
    check("全市新增学位3000个。", "3000个", "学位");
    check("新建新教学空间1000个。", "1000个", "新教学空间");
}

/// A count that opens its clause, before the clause's verb, counts what the
/// predicate describes; in a list the predicate after the last element is shared.
/// (A copula, `为`/`是`, does not describe: see `predicate_after`.)
#[test]
fn a_count_opening_its_clause_takes_its_predicate() {
    check("4个园区入选国家级绿色工业园区名单。", "4个园区", "入选国家级绿色工业园区名单的园区");
    check(
        "12所高校、30个学科入选国家一流学科建设名单。",
        "12所高校",
        "入选国家一流学科建设名单的高校",
    );
    check(
        "12所高校、30个学科入选国家一流学科建设名单。",
        "30个学科",
        "入选国家一流学科建设名单的学科",
    );
    check("5位专家被评为全国教书育人楷模。", "5位专家", "被评为全国教书育人楷模的专家");
    // The count follows the clause's verb: the noun after the measure word.
    check("建立10个教科研项目实验室。", "10个", "教科研项目实验室");
}
