//! Figures inside names and terms: a Chinese numeral and measure word that the
//! dictionary reads as part of a longer word (a city, a sport, a term) count
//! nothing; the counts beside them stay. Sentences written for the test.

use std::sync::LazyLock;

use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn quotes(sentence: &str) -> Vec<(f64, String)> {
    let text = format!("关于印发工作要点的通知\n\n{sentence}\n");
    let doc = EXTRACTOR.extract(text.as_bytes(), "names.txt").unwrap();
    doc.targets.iter().map(|t| (t.value, t.unit.clone())).collect()
}

#[test]
fn a_figure_inside_a_place_name_is_not_a_count() {
    assert_eq!(quotes("三门峡市新建幼儿园5所。"), [(5.0, "所".to_string())]);
    assert_eq!(quotes("支持七台河市建设产业园区2个。"), [(2.0, "个".to_string())]);
    assert_eq!(quotes("推广冬季两项等冰雪运动。"), []);
}

#[test]
fn counts_next_to_words_that_start_at_the_measure_word_stay() {
    // jieba reads `两` + `名教师`: the count is still two teachers.
    assert_eq!(quotes("每校选派两名教师参加培训。"), [(2.0, "名".to_string())]);
    assert_eq!(quotes("开设两门课程。"), [(2.0, "门".to_string())]);
}
