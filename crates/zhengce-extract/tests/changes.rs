//! The change of a target (`targets.md`: `increase`, `decrease` or none), pinned
//! as a table: the figure is a change only when it measures one (`增长5%`,
//! `新增学位3000个`); a level reached (`提升至55%`), an indicator whose name
//! holds a change word (`增加值`), a count of things upgraded (`改造提升农村公路
//! 2500公里`) and a rate in a clause after a count (`失业率4.6%`) are none.
//! Sentences written for the test, in the genre's forms.

use std::sync::LazyLock;

use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn change(sentence: &str, quote: &str) -> Option<String> {
    let text = format!("关于印发工作要点的通知\n\n{sentence}\n");
    let doc = EXTRACTOR.extract(text.as_bytes(), "changes.txt").unwrap();
    let t = doc.targets.iter().find(|t| t.quote.contains(quote)).unwrap_or_else(|| {
        panic!(
            "no target quoting 「{quote}」: {:?}",
            doc.targets.iter().map(|t| &t.quote).collect::<Vec<_>>()
        )
    });
    t.change.clone()
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
