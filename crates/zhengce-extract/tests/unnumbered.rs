//! Parts headed by a line with no marker (`2025年工作回顾`, `2026年重点工作`):
//! they open sections, rank above the numbered parts inside them, and what
//! they say about time reaches the targets under them (a review gives
//! achievements of its year, a plan part targets of the report's year). The
//! report is invented for this test.

use zhengce_extract::model::TargetKind;
use zhengce_extract::{Config, Extractor};

const REPORT: &str = "\
2026年政府工作报告
——2026年1月20日在某省第十四届人民代表大会第五次会议上
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。
2025年工作回顾
过去一年，全省上下团结奋斗，经济运行稳中向好，发展质量持续提升，民生福祉不断增进。
地区生产总值增长5.2%，城镇新增就业68万人，新建改扩建中小学校120所，粮食产量稳定在600亿斤以上。
（一）着力稳增长。全年完成固定资产投资1.2万亿元，引进重大产业项目300个，带动就业岗位持续增加。
2026年重点工作
今年是“十五五”开局之年，做好政府工作意义重大，要坚持稳中求进工作总基调，统筹发展和安全。
（一）扩大有效需求。力争地区生产总值增长5%左右，城镇新增就业60万人以上，新开工重大项目400个。
（二）办好民生实事。新建公办幼儿园50所，新增养老床位1万张，改造老旧小区800个。
";

#[test]
fn unnumbered_parts_open_sections_and_give_their_time() {
    let ex = Extractor::new(Config::default());
    let d = ex.extract(REPORT.as_bytes(), "report.txt").expect("report.txt");
    let tops: Vec<_> =
        d.sections.iter().filter(|s| s.level == 1).map(|s| s.title.as_str()).collect();
    assert_eq!(tops, ["2025年工作回顾", "2026年重点工作"]);
    assert!(d.sections.iter().all(|s| s.level == 1 || s.parent.is_some()));
    let inner: Vec<_> =
        d.sections.iter().filter(|s| s.level == 2).map(|s| s.title.as_str()).collect();
    assert_eq!(inner, ["着力稳增长", "扩大有效需求", "办好民生实事"]);
    let t =
        |q: &str| d.targets.iter().find(|t| t.quote.contains(q)).unwrap_or_else(|| panic!("{q}"));
    for q in ["增长5.2%", "68万人", "120所", "1.2万亿元", "300个"] {
        assert_eq!((t(q).kind, t(q).year), (TargetKind::Achievement, Some(2025)), "{q}");
    }
    for q in ["5%左右", "60万人以上", "400个", "50所", "1万张", "800个"] {
        assert_eq!((t(q).kind, t(q).year), (TargetKind::Target, Some(2026)), "{q}");
    }
    assert_eq!(t("1万张").section, ["2026年重点工作", "办好民生实事"]);
}

#[test]
fn short_lines_that_name_no_part_or_stand_in_a_run_are_not_headings() {
    let ex = Extractor::new(Config::default());
    let text = "关于做好某项工作的通知\n各区教育局：\n为进一步做好有关工作，现将具体事项通知如下，请结合实际认真贯彻落实。\n\
        一、工作目标\n到2025年，建成示范学校20所，培育骨干教师500名，形成一批可推广的经验。\n\
        某市教育局\n2024年3月1日\n";
    let d = ex.extract(text.as_bytes(), "notice.txt").expect("notice.txt");
    assert!(d.sections.iter().all(|s| s.family != "unnumbered"), "{:?}", d.sections);
}
