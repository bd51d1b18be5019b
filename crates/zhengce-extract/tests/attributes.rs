//! The change and the comparator of a target (`targets.md`), pinned as
//! tables of sentences written for the test, in the genre's forms.
//!
//! Change (`increase`, `decrease` or none): the figure is a change only when it
//! measures one (`增长5%`, `新增学位3000个`); a level reached (`提升至55%`), an
//! indicator whose name holds a change word (`增加值`), a count of things
//! upgraded (`改造提升农村公路2500公里`) and a rate in a clause after a count
//! (`失业率4.6%`) are none.
//!
//! Comparator: the word next to the figure, read past the base of a rate
//! (`低于每立方米19微克`) or of a share (`约为全国平均的70%`); a bound forbidden
//! is its opposite (`不得低于` → `>=`); a word before a list bounds every value.

use std::sync::LazyLock;

use zhengce_extract::model::Target;
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn target(sentence: &str, quote: &str) -> Target {
    let text = format!("关于印发工作要点的通知\n\n{sentence}\n");
    let doc = EXTRACTOR.extract(text.as_bytes(), "attributes.txt").unwrap();
    let all: Vec<&String> = doc.targets.iter().map(|t| &t.quote).collect();
    let found = doc.targets.iter().find(|t| t.quote.contains(quote)).cloned();
    found.unwrap_or_else(|| panic!("no target quoting 「{quote}」: {all:?}"))
}

fn change(sentence: &str, quote: &str) -> Option<String> {
    target(sentence, quote).change
}

fn comparator(sentence: &str, quote: &str) -> String {
    target(sentence, quote).comparator
}

#[test]
fn a_figure_that_measures_a_change_has_one() {
    assert_eq!(change("地区生产总值增长5.5%。", "5.5%").as_deref(), Some("increase"));
    assert_eq!(change("全市新增学位3000个。", "3000个").as_deref(), Some("increase"));
    assert_eq!(change("单位产值能耗下降3%。", "3%").as_deref(), Some("decrease"));
    assert_eq!(change("最低工资标准提高200元。", "200元").as_deref(), Some("increase"));
    assert_eq!(change("城镇化率提高1.2个百分点。", "1.2个").as_deref(), Some("increase"));
    assert_eq!(change("居民消费价格涨幅3%左右。", "3%").as_deref(), Some("increase"));
    assert_eq!(change("城乡低保标准调增8.5%。", "8.5%").as_deref(), Some("increase"));
    assert_eq!(change("部分药品价格下调15%。", "15%").as_deref(), Some("decrease"));
    // A clause with only its figure continues the count before it.
    assert_eq!(change("新增省级名师50名，市级名师300名。", "300名").as_deref(), Some("increase"));
    // The verb governs the figure across a long name (up to 24 characters).
    let s = "新增人工智能创新应用先导区和产业技术研发公共服务平台12家。";
    assert_eq!(change(s, "12家").as_deref(), Some("increase"));
}

#[test]
fn a_level_an_indicator_or_a_count_of_upgrades_has_none() {
    assert_eq!(change("消费对经济增长贡献率提升至60%左右。", "60%"), None);
    assert_eq!(change("数字经济增加值预计达2万亿元。", "2万亿元"), None);
    assert_eq!(change("工业增长贡献率达40%。", "40%"), None);
    assert_eq!(change("制造业增加值占地区生产总值比重达35%。", "35%"), None);
    assert_eq!(change("新建和改造提升农村公路3000公里。", "3000公里"), None);
    assert_eq!(change("改造提升高速公路服务区20个。", "20个"), None);
    assert_eq!(change("城镇新增就业100万人，城镇调查失业率5%左右。", "5%"), None);
}

#[test]
fn the_comparator_is_read_past_bases_and_negations() {
    assert_eq!(comparator("全年PM2.5平均浓度低于每立方米25微克。", "25微克"), "<");
    assert_eq!(comparator("食品抽检量超每千人5批次。", "5批次"), ">");
    assert_eq!(comparator("中等职业学校美育课程不得低于36个学时。", "36个"), ">=");
    assert_eq!(comparator("每人分摊的额度不能超过每月500元。", "500元"), "<=");
    assert_eq!(comparator("全省人均收入约为全国平均的90%。", "90%"), "~");
    assert_eq!(comparator("能耗、排放强度分别约为全国平均的80%、75%。", "75%"), "~");
    assert_eq!(comparator("经济总量连跨3万亿元、4万亿元两个台阶。", "4万亿元"), ">=");
    // A rate's base after a bound word keeps the bound; one before it is no bound.
    assert_eq!(comparator("每年至少开设选修课程30门。", "30门"), ">=");
    assert_eq!(comparator("全市新增学位3000个、5000个。", "5000个"), "=");
    // Signs: `≥`, `≤`, `＞`, `＜`; not ASCII `<`/`>`, left of markup in pages.
    assert_eq!(comparator("高中阶段毛入学率≥98%。", "98%"), ">=");
    assert_eq!(comparator("近视率≤50%。", "50%"), "<=");
    assert_eq!(comparator("优质学校占比＞60%。", "60%"), ">");
    assert_eq!(comparator("辍学率＜0.5%。", "0.5%"), "<");
    assert_eq!(comparator("新增</td>500名教师。", "500名"), "=");
}

/// A bound word ends the subject before it, as a verb does, but is no action.
#[test]
fn a_bound_word_is_no_action() {
    let t = target("教师培训经费不低于学校公用经费总额的5%。", "5%");
    assert_eq!(
        (t.action.as_deref(), t.subject.as_str()),
        (None, "教师培训经费占学校公用经费总额比重")
    );
    let t = target("中等职业学校美育课程不得低于36个学时。", "36个");
    assert_eq!((t.action.as_deref(), t.subject.as_str()), (None, "中等职业学校美育课程"));
    let t = target("全年新建学校10所。", "10所");
    assert_eq!(t.action.as_deref(), Some("新建"));
}

/// `均` or `各` standing as a word before the predicate spreads the value over
/// the subjects (`targets.md`: `each`); inside a word (`人均`, `平均`) it does not.
/// A clause that opens with `各` + a noun gives each of them the count, unless
/// the figure is a rate per period (`每年`), which `targets.md` says is not `each`.
#[test]
fn jun_and_ge_before_the_predicate_spread_the_value() {
    assert!(target("普惠贷款余额、科技贷款余额均增长12%。", "12%").each);
    assert!(target("种植、收获机械化率均达到50%。", "50%").each);
    assert!(target("央企和民营企业各有15家企业上榜。", "15家").each);
    assert!(!target("人均可支配收入增长5%。", "5%").each);
    assert!(!target("地区生产总值年均增长6%。", "6%").each);
    // A clause opening with 各 + noun: how many each; not how often (`每年`).
    assert!(target("各项目组要确定1-2项年度研究课题。", "1-2项").each);
    assert!(!target("各中小学校每年至少举办1次读书节。", "1次").each);
}

/// A multiple (`targets.md` §3): `翻一番` is 1 `番`, an increase, though jieba
/// reads `翻一番` as one word; the verb is not part of the subject.
#[test]
fn a_multiple_is_a_quantity_inside_its_verb() {
    for (sentence, quote, value, subject) in [
        ("到2025年，全市骨干教师总数翻一番。", "翻一番", 1.0, "全市骨干教师总数"),
        ("研发经费投入翻两番。", "翻两番", 2.0, "研发经费投入"),
    ] {
        let t = target(sentence, quote);
        assert_eq!((t.value, t.unit.as_str()), (value, "番"), "{sentence}");
        assert_eq!(t.change.as_deref(), Some("increase"), "{sentence}");
        assert_eq!(t.subject, subject, "{sentence}");
    }
}

/// A quote does not start inside its item's marker (`5.`, `第十一条`), but a
/// figure the marker's look-alike starts (`3.5%`) keeps its digits.
#[test]
fn a_quote_starts_after_its_items_marker() {
    let t = target("5．学生体质健康达标率达到92%以上。", "92%");
    assert_eq!(t.quote, "学生体质健康达标率达到92%以上");
    let t = target("第十一条 新建居住区绿地率不得低于30%。", "30%");
    assert_eq!(t.quote, "新建居住区绿地率不得低于30%");
    let t = target("3.5%的年增速是底线。", "3.5%");
    assert!(t.quote.starts_with("3.5%"), "{}", t.quote);
}
