//! charts: server-side SVG bar charts for the current question.
//!
//! Every bar carries its number as text and series differ by pattern (solid
//! vs hatched) as well as colour, so a chart reads without colour.

use maud::{html, Markup, PreEscaped};
use zhengce_query::format::num;

/// One labelled bar, or a pair (target, achievement).
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
}

const ROW: f64 = 22.0;
const LABEL_W: f64 = 96.0;
const BAR_W: f64 = 150.0;

/// A horizontal bar chart; `series` names each value of a bar (a legend when more than one).
pub fn bars(title: &str, series: &[&str], bars: &[Bar]) -> Markup {
    let max = bars.iter().flat_map(|b| b.values.iter().copied()).fold(0.0_f64, f64::max);
    let per = series.len().max(1) as f64;
    let legend_h = if series.len() > 1 { ROW } else { 0.0 };
    let height = legend_h + bars.len() as f64 * ROW * per + 8.0;
    let width = LABEL_W + BAR_W + 54.0;
    html! {
        figure.chart {
            figcaption { (title) }
            @if bars.is_empty() {
                p.empty { "无数据" }
            } @else {
                svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                    viewBox=(format!("0 0 {width} {height}")) role="img" aria-label=(title) {
                    defs {
                        (PreEscaped(r##"<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b35c00" stroke-width="3"/></pattern>"##))
                    }
                    @if series.len() > 1 {
                        @for (i, name) in series.iter().enumerate() {
                            rect x=(LABEL_W + i as f64 * 80.0) y="4" width="14" height="14"
                                class=(series_class(i)) {}
                            text x=(LABEL_W + i as f64 * 80.0 + 18.0) y="16" { (name) }
                        }
                    }
                    @for (row, bar) in bars.iter().enumerate() {
                        @let y0 = legend_h + row as f64 * ROW * per;
                        text x=(LABEL_W - 6.0) y=(y0 + 15.0) text-anchor="end" {
                            title { (bar.label) }
                            (cut(&bar.label, 7))
                        }
                        @for (i, v) in bar.values.iter().enumerate() {
                            @let y = y0 + i as f64 * ROW;
                            @let w = if max > 0.0 { (v / max * BAR_W).max(1.0) } else { 1.0 };
                            rect x=(LABEL_W) y=(y + 3.0) width=(w) height=(ROW - 6.0)
                                class=(series_class(i)) {
                                title { (series.get(i).copied().unwrap_or("")) " " (num(*v)) }
                            }
                            text x=(LABEL_W + w + 4.0) y=(y + 15.0) { (num(*v)) }
                        }
                    }
                }
            }
        }
    }
}

fn series_class(i: usize) -> &'static str {
    if i == 0 {
        "s0"
    } else {
        "s1"
    }
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
