//! Target or achievement from when the document was written: a year named in a
//! record's sentence that is before the year the document was written (its
//! date, else its 文号's year; not the date a page republished it) makes the
//! record a report on the past, whatever its verbs; a later year, or the same
//! one, leaves it a target. Documents are written for the test in the forms of
//! notices and plans.

use std::sync::LazyLock;

use zhengce_extract::{model::TargetKind, Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn kinds(text: &str) -> Vec<(String, TargetKind, Option<i32>)> {
    let doc = EXTRACTOR.extract(text.as_bytes(), "kinds.txt").unwrap();
    doc.targets.iter().map(|t| (t.quote.clone(), t.kind, t.year)).collect()
}

fn kind_of(all: &[(String, TargetKind, Option<i32>)], quote: &str) -> TargetKind {
    all.iter()
        .find(|(q, _, _)| q.contains(quote))
        .unwrap_or_else(|| panic!("no 「{quote}」 in {all:?}"))
        .1
}

#[test]
fn a_year_before_the_documents_date_is_reported_not_planned() {
    let text = "某省人民政府关于煤矿安全生产工作的通知\n\n\
                2003年，全省煤矿事故造成28人死亡，直接经济损失约4600万元。\n\
                到2006年，全省新建安全监测站50个。\n\
                今年全省新增安全培训基地10个。\n\n\
                某省人民政府\n2004年1月16日\n";
    let all = kinds(text);
    assert_eq!(kind_of(&all, "28人"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "4600万元"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "50个"), TargetKind::Target, "{all:?}");
    assert_eq!(kind_of(&all, "10个"), TargetKind::Target, "{all:?}");
}

#[test]
fn without_a_date_the_document_numbers_year_is_its_year() {
    let text = "某市教育局关于印发学前教育行动计划的通知\n某教发〔2021〕15号\n\n\
                2020年，全市新增普惠性幼儿园学位3000个。\n\
                到2025年，全市新增普惠性幼儿园学位5000个。\n";
    let all = kinds(text);
    assert_eq!(kind_of(&all, "3000个"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "5000个"), TargetKind::Target, "{all:?}");
}

#[test]
fn an_undated_document_keeps_its_plans() {
    let text = "学前教育行动计划\n\n到2025年，全市新增普惠性幼儿园学位5000个。\n";
    assert_eq!(kind_of(&kinds(text), "5000个"), TargetKind::Target);
}

/// Where a planned change to a level starts (`从…提高到…`) is the level reached
/// already: an achievement, of the plan's year; where it goes is the target.
#[test]
fn the_start_of_a_change_to_a_level_is_reached_already() {
    let text = "某市人民政府关于做好2026年民生实事的通知\n\n\
                城乡低保标准从每人每月800元提高到850元。\n\
                困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月150元、200元提高到160元、210元。\n\
                全市新增托位2000个。\n";
    let doc = EXTRACTOR.extract(text.as_bytes(), "kinds.txt").unwrap();
    let kind = |v: f64| {
        let t = doc
            .targets
            .iter()
            .find(|t| t.value == v)
            .unwrap_or_else(|| panic!("{v} in {:?}", doc.targets));
        (t.kind, t.year)
    };
    for v in [800.0, 150.0, 200.0] {
        assert_eq!(kind(v).0, TargetKind::Achievement, "{v}");
    }
    for v in [850.0, 160.0, 210.0, 2000.0] {
        assert_eq!(kind(v).0, TargetKind::Target, "{v}");
    }
    assert_eq!(kind(800.0).1, kind(850.0).1, "the start is of the plan's year");
}

/// `累计` (cumulative) is a total, not a tense: under a due year at or after
/// the document's date (its sentence's, or the one its paragraph opens with)
/// it is a commitment; in a sentence on a year before the date, or in a
/// document without a date, it still reports what was reached.
#[test]
fn a_cumulative_total_is_planned_when_a_later_year_governs_it() {
    let text = "某市人民政府办公室关于印发职业教育三年行动计划（2024—2026年）的通知\n\n\
                到2026年，全市建成高水平中职学校10所左右。每年开展职业技能培训5万人次以上，累计培养高技能人才2万名。\n\
                “十四五”期间累计新增公办学位3万个。\n\
                2023年，全市累计建成产教融合实训基地12个。\n\n\
                某市人民政府办公室\n2024年3月5日\n";
    let all = kinds(text);
    assert_eq!(kind_of(&all, "2万名"), TargetKind::Target, "{all:?}");
    let year = |quote: &str| all.iter().find(|(q, _, _)| q.contains(quote)).unwrap().2;
    assert_eq!(year("2万名"), Some(2026), "{all:?}");
    assert_eq!(kind_of(&all, "3万个"), TargetKind::Target, "{all:?}");
    assert_eq!(kind_of(&all, "12个"), TargetKind::Achievement, "{all:?}");
    // The same with an opening sentence long enough to be read in pieces,
    // and a list of `；` items after a due year.
    let long = format!(
        "某市职业教育三年行动计划\n\n到2026年，{}。每年开展职业技能培训5万人次以上，累计培养高技能人才2万名。\n         到2025年，建成实训基地10个；完善培训制度；培训教师500名。\n\n某市人民政府办公室\n2024年3月5日\n",
        ["建成高水平中职学校10所左右", "打造产教融合实训基地不少于30个", "中职毕业生升学率稳定在70%以上"]
            .repeat(4)
            .join("，")
    );
    let all = kinds(&long);
    assert_eq!(kind_of(&all, "2万名"), TargetKind::Target, "{all:?}");
    let year = |quote: &str| all.iter().find(|(q, _, _)| q.contains(quote)).unwrap().2;
    assert_eq!(year("2万名"), Some(2026), "{all:?}");
    assert_eq!(year("500名"), Some(2025), "{all:?}");
    let undated = "职业教育情况\n\n到2026年，全市累计培养高技能人才2万名。\n";
    assert_eq!(kind_of(&kinds(undated), "2万名"), TargetKind::Achievement);
}

/// A plan of several years commits to the totals of its tasks though they name
/// no year: its `累计建成` is a target of the plan's last year, unless a heading
/// says the part reviews the past (`发展成就`) or the sentence names an earlier
/// period (`“十三五”以来`). A report of one year reports its totals.
#[test]
fn a_cumulative_total_in_a_plan_of_several_years_is_planned() {
    let text = "某省数字经济发展“十四五”规划\n\n\
                一、发展成就\n\
                全省累计建成5G基站3万个。\n\
                二、主要任务\n\
                “十三五”以来，全省累计培育数字经济企业500家。\n\
                （一）建设信息基础设施。累计建成5G基站8万个。\n";
    let all = kinds(text);
    assert_eq!(kind_of(&all, "3万个"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "500家"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "8万个"), TargetKind::Target, "{all:?}");
    let year = |quote: &str| all.iter().find(|(q, _, _)| q.contains(quote)).unwrap().2;
    assert_eq!(year("8万个"), Some(2025), "{all:?}");
    // Written after the plan's end: a report on it.
    let late = text.replace("“十四五”规划\n", "“十四五”规划\n某数发〔2026〕3号\n");
    assert_eq!(kind_of(&kinds(&late), "8万个"), TargetKind::Achievement);
    let report = "某市2026年政府工作报告\n\n全市累计建成5G基站8万个。\n";
    assert_eq!(kind_of(&kinds(report), "8万个"), TargetKind::Achievement);
}

/// A sentence that opens with the year its goals are due by (`到2018年，…。`)
/// gives that year to the paragraph's later sentences, also after a lead-in
/// (`（三）确立总体目标。`), until a new lead-in starts another topic; a year
/// something starts in (`2017年起，`) is due in no year, and a period opening
/// a sentence is due at its end.
#[test]
fn a_paragraphs_opening_year_governs_its_later_sentences() {
    let text = "某市教育局关于加强学校美育工作的实施意见\n\n\
                一、主要任务\n\
                （三）确立总体目标。到2018年，各类学校全面实施美育。各级各类学校课外美育活动学生参与面达到100%。\n\
                到2019年，建成美育基地20个。加强美育教师培养。每年培训美育教师300名。\n\
                2017年起，将美育纳入综合素质评价。学校每学年进行一次美育工作自评。\n\
                2019年1月1日至2020年12月31日，对困难学生给予补贴。补贴每人每年只享受一次。\n\n\
                某市教育局\n2017年3月1日\n";
    let all = kinds(text);
    let year = |quote: &str| {
        all.iter()
            .find(|(q, _, _)| q.contains(quote))
            .unwrap_or_else(|| panic!("no 「{quote}」 in {all:?}"))
            .2
    };
    assert_eq!(year("100%"), Some(2018), "{all:?}");
    assert_eq!(year("20个"), Some(2019), "{all:?}");
    assert_eq!(year("300名"), None, "a lead-in starts a new topic: {all:?}");
    assert_eq!(year("自评"), None, "a start year is not a due year: {all:?}");
    assert_eq!(year("享受一次"), Some(2020), "{all:?}");
}

/// A summary of one year with the plan of the next (`2024年工作总结和2025年工作
/// 思路`): the part on how the year went (`2024年工作完成情况`) reports it.
#[test]
fn a_part_on_how_a_year_went_reports_it() {
    let text = "某市教育局2024年工作总结和2025年工作思路\n\n\
                一、2024年工作完成情况\n\
                （一）教育资源持续扩容。全年新建改扩建中小学15所，新增学位1.2万个。\n\
                二、2025年工作思路\n\
                （一）扩大优质资源供给。新建改扩建学校12所，新增学位1万个。\n";
    let all = kinds(text);
    let year = |quote: &str| all.iter().find(|(q, _, _)| q.contains(quote)).unwrap().2;
    assert_eq!(kind_of(&all, "1.2万个"), TargetKind::Achievement, "{all:?}");
    assert_eq!(year("1.2万个"), Some(2024));
    assert_eq!(kind_of(&all, "1万个"), TargetKind::Target, "{all:?}");
    assert_eq!(year("1万个"), Some(2025));
}

/// A year written as a deadline (`2026年底前`, `2026年内`) is a year something
/// is due by: a total under it is planned, also in an undated document (`到`
/// is no deadline: `到2023年底，累计建成…` may report where things stood).
#[test]
fn a_cumulative_total_under_a_deadline_is_planned() {
    let text = "某市智慧教育建设实施方案\n\n\
                2025年底前，完成50所学校智慧校园建设；\n\
                2026年底前，累计完成120所学校智慧校园建设。\n\
                2023年，全市累计建成智慧校园80所。\n";
    let all = kinds(text);
    assert_eq!(kind_of(&all, "120所"), TargetKind::Target, "{all:?}");
    assert_eq!(kind_of(&all, "80所"), TargetKind::Achievement, "{all:?}");
}
