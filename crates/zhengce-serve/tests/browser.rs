//! End to end in a real browser: the server on a free loopback port over the
//! sample corpus, Debian's headless chromium driven through chromedriver.
//! Search 教师, narrow to 2025 with the year facet, open the document of the
//! 2,000 新锐教师 target and check that the target is highlighted in its text.
//! Screenshots of both pages go to `target/screenshots/`.
//!
//! Fails (does not skip) when chromium or chromedriver is missing:
//! `scripts/install/40-chromium.sh` installs them.

mod common;

use common::webdriver::Browser;
use serde_json::Value;

#[test]
fn search_narrow_by_year_and_see_the_target_in_its_document() {
    let tmp = tempfile::tempdir().unwrap();
    let config = common::build(tmp.path(), &[]);
    let addr = common::spawn(&config);
    let shots = common::target_dir().join("screenshots");
    let b = Browser::start();

    // The search box.
    b.goto(&format!("http://{addr}/"));
    let q = b.find("#q");
    b.type_text(&q, "教师");
    b.click(&b.find("#search button[type=submit]"));
    b.wait_url("a search for 教师", |u| u.contains("q=%E6%95%99%E5%B8%88"));
    let all: usize = b.text(&b.find("#total")).parse().unwrap();
    assert!(all > 0, "教师 finds targets");

    // The year facet: 2025, with its count, narrows the results to it.
    let facet = b.find("#facet-year a[data-key='2025']");
    let label = b.text(&facet);
    let count: usize = label
        .rsplit_once('(')
        .and_then(|(_, c)| c.trim_end_matches(')').trim().parse().ok())
        .unwrap_or_else(|| panic!("a count in the facet label {label:?}"));
    b.click(&facet);
    let url = b.wait_url("the 2025 facet", |u| u.contains("year=2025"));
    assert!(url.contains("q=%E6%95%99%E5%B8%88"), "the words stay in the URL: {url}");
    let total: usize = b.text(&b.find("#total")).parse().unwrap();
    assert_eq!(total, count, "the facet's count is what the filter finds");
    assert!(total < all, "2025 narrows 教师 ({total} of {all})");
    let chosen = b.find("#facet-year a.on");
    assert_eq!(b.attr(&chosen, "data-key").as_deref(), Some("2025"));
    for row in b.find_all("#hits tr.hit") {
        let years = b.exec("return arguments[0].cells[4].textContent", vec![Browser::arg(&row)]);
        assert!(years.as_str().unwrap().contains("2025"), "every hit is due 2025: {years}");
    }
    // Matched words are marked in the quotes.
    assert!(!b.find_all("#hits td.quote mark").is_empty(), "教师 is marked in the quotes");
    b.screenshot(&shots.join("search.png"));

    // The 2,000 新锐教师 target: open its document.
    let row = b.find_xpath(
        "//table[@id='hits']//tr[contains(@class,'hit')][td[1][normalize-space()='2000']][contains(., '新锐教师')]",
    );
    let link = b.exec("return arguments[0].querySelector('a.doc')", vec![Browser::arg(&row)]);
    let link = link["element-6066-11e4-a52e-4f735466cecf"].as_str().unwrap().to_string();
    let href = b.attr(&link, "href").unwrap();
    let target_id = href.rsplit_once("#t-").map(|(_, id)| id.to_string()).expect("#t-ID");
    b.click(&link);
    b.wait_url("the document page", |u| u.contains("/documents/"));

    // The target is a highlighted mark at its span, in view, and its record opens.
    let mark = b.find(&format!("#text mark.target[id='t-{target_id}']"));
    let text = b.text(&mark);
    assert!(text.contains("2000") && text.contains("新锐教师"), "the mark holds the quote: {text}");
    let style: Value = b.exec(
        "var m = arguments[0], s = getComputedStyle(m), r = m.getBoundingClientRect();
         return {bg: s.backgroundColor, outline: s.outlineStyle, top: r.top, bottom: r.bottom,
                 height: window.innerHeight, body: getComputedStyle(document.body).backgroundColor};",
        vec![Browser::arg(&mark)],
    );
    assert_ne!(style["bg"], style["body"], "the target has a background of its own: {style}");
    assert_ne!(style["bg"], "rgba(0, 0, 0, 0)", "the target is highlighted: {style}");
    assert_eq!(style["outline"], "solid", "the target named in the URL is outlined: {style}");
    let (top, bottom, height) = (
        style["top"].as_f64().unwrap(),
        style["bottom"].as_f64().unwrap(),
        style["height"].as_f64().unwrap(),
    );
    assert!(top >= 0.0 && bottom <= height, "the target is scrolled into view: {style}");
    b.screenshot(&shots.join("document.png"));

    // Clicking the target opens its record in the list.
    b.click(&b.find(&format!("#t-{target_id} a")));
    let open = b.exec(&format!("return document.getElementById('r-{target_id}').open"), vec![]);
    assert_eq!(open, Value::Bool(true), "the record of the clicked target is open");
    b.screenshot(&shots.join("document-record.png"));
}
