//! Everyday use of the `zhengce` binary (issue 16): complete exports, sums
//! that mean something, queries as people ask them, vague numerals, standard
//! streams, readable documents, an eval that cannot mislead, shell manners.
//! Every test runs the binary on the corpus (extracted and indexed once).

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Output, Stdio};
use std::sync::OnceLock;

mod support;
use support::{bin, root, run};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The corpus extracted into `out/` and indexed into `.zhengce/index` of one
/// temporary folder, shared by the tests of this file.
fn corpus_index() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let o =
            run(bin().arg("extract").arg(root().join("corpus")).arg("--out").arg(&out).arg("-q"));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let idx = dir.path().join(".zhengce/index");
        let o = run(bin().arg("index").arg(&out).arg("--index").arg(&idx));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        dir
    })
    .path()
}

fn query(args: &[&str]) -> Output {
    run(bin().current_dir(corpus_index()).arg("query").args(args))
}

fn csv_rows(o: &Output) -> Vec<Vec<String>> {
    let text = stdout(o);
    let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut r = csv::Reader::from_reader(body.as_bytes());
    r.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

// 1. Complete exports.

#[test]
fn machine_formats_hold_every_match_and_a_table_says_how_many_more() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&query(&["--format", "json"]))).unwrap();
    let total = json["total"].as_u64().unwrap() as usize;
    assert!(total > 20, "the corpus has more targets than a table page: {total}");
    assert_eq!(json["hits"].as_array().unwrap().len(), total);
    assert_eq!(csv_rows(&query(&["--format", "csv"])).len(), total);
    let ndjson = stdout(&query(&["--format", "ndjson"]));
    assert_eq!(ndjson.lines().count(), total);
    for line in ndjson.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(hit["quote"].is_string());
    }
    // A limit given is a limit kept.
    assert_eq!(stdout(&query(&["--format", "ndjson", "--limit", "5"])).lines().count(), 5);
    let table = stdout(&query(&["--color", "never"]));
    assert!(
        table.contains(&format!("20 of {total} matching targets shown; {} more", total - 20)),
        "{table}"
    );
}

// 2. Sums that mean something.

#[test]
fn group_sums_are_per_unit_and_only_for_counts_and_amounts() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&query(&["--group-by", "doc", "--format", "json"]))).unwrap();
    let mut seen_rate = false;
    let mut seen_count = false;
    for g in json["groups"].as_array().unwrap() {
        let mut units = std::collections::BTreeSet::new();
        for u in g["units"].as_array().unwrap() {
            assert!(units.insert(u["unit"].as_str().unwrap().to_string()), "one summary per unit");
            match u["class"].as_str().unwrap() {
                "count" | "amount" => {
                    seen_count = true;
                    assert!(u["sum"].is_number(), "{u}");
                }
                _ => {
                    seen_rate |= u["unit"] == "%";
                    assert!(u["sum"].is_null(), "a rate is never added up: {u}");
                    assert!(
                        u["median"].is_number() && u["min"].is_number() && u["max"].is_number()
                    );
                }
            }
        }
    }
    assert!(seen_rate && seen_count);
    let csv = query(&["--group-by", "unit", "--format", "csv"]);
    let rows = csv_rows(&csv);
    let percent = rows.iter().find(|r| r[2] == "%").expect("a % row");
    assert_eq!((percent[3].as_str(), percent[5].as_str()), ("rate", ""), "{percent:?}");
    // No float noise anywhere: no number with more than six decimals.
    let noise = regex::Regex::new(r"\d\.\d{7,}").unwrap();
    for out in [stdout(&csv), stdout(&query(&["--group-by", "owner", "--color", "never"]))] {
        assert!(!noise.is_match(&out), "{out}");
    }
}

// 3. Queries as people ask them.

#[test]
fn owners_match_by_word_unless_exact_and_enumerations_are_checked() {
    let count = |args: &[&str]| -> usize {
        let o = query(&[&["--format", "json"], args].concat());
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["total"].as_u64().unwrap() as usize
    };
    assert!(count(&["--owner", "中心"]) >= 4, "技术中心 and 学前指导中心 both own targets");
    assert_eq!(count(&["--owner", "技术中心", "--owner-exact"]), 1);
    let o = query(&["--owner", "中心", "--owner-exact"]);
    assert_eq!(o.status.code(), Some(1), "no hits exits 1, as grep does");
    assert_eq!(stdout(&query(&["--owner", "中心", "--owner-exact", "--format", "ndjson"])), "");
    for (flag, bad, choice) in [
        ("--kind", "targte", "achievement"),
        ("--format", "xml", "ndjson"),
        ("--group-by", "town", "owner"),
    ] {
        let o = query(&[flag, bad]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(choice), "the choices are listed: {}", stderr(&o));
    }
    assert_eq!(query(&["--kind", "achievement", "--format", "json"]).status.code(), Some(0));
}

#[test]
fn query_finds_the_default_index_and_index_refuses_an_empty_folder() {
    // `.zhengce/index` of the current folder is used without --index.
    assert_eq!(query(&["教师"]).status.code(), Some(0));
    let elsewhere = tempfile::tempdir().unwrap();
    let o = run(bin().current_dir(elsewhere.path()).args(["query", "教师"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".zhengce/index"), "{}", stderr(&o));
    let empty = tempfile::tempdir().unwrap();
    let o =
        run(bin().arg("index").arg(empty.path()).arg("--index").arg(elsewhere.path().join("i")));
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("no extracted zhengce document"), "{}", stderr(&o));
}

// 4 and 5. Numbers read right, through standard input and output.

fn extract_stdin(text: &str, extra: &[&str]) -> Output {
    let mut child = bin()
        .args(["extract", "-", "--name", "doc.txt", "--stdout"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn standard_input_to_standard_output_with_vague_numerals_read_right() {
    let text = "关于推进学校建设的通知\n教育部等六部门印发了有关意见。\n到2025年，全市新建一两所学校，建成十几所示范学校，培育数十个特色团队。\n";
    let o = extract_stdin(text, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["source"]["path"], "doc.txt");
    let targets: Vec<(f64, Option<f64>, String)> = doc["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["value"].as_f64().unwrap(),
                t["value_max"].as_f64(),
                t["unit"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(!targets.iter().any(|t| t.2 == "部"), "六部门 counts the issuers: {targets:?}");
    assert!(!targets.iter().any(|t| t.0 == 12.0), "一两 is not twelve: {targets:?}");
    assert!(targets.contains(&(1.0, Some(2.0), "所".into())), "{targets:?}");
    assert!(targets.contains(&(11.0, Some(19.0), "所".into())), "{targets:?}");
    assert!(targets.contains(&(20.0, Some(90.0), "个".into())), "{targets:?}");
}

#[test]
fn a_closed_pipe_ends_quietly_and_errors_say_a_cause_once() {
    let mut child = bin()
        .current_dir(corpus_index())
        .args(["query", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let o = run(bin().args(["index", "/no/such/folder", "--index"]).arg(corpus_index().join("x")));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("/no/such/folder"), "{err}");
    let os_error = err.matches("os error").count();
    assert_eq!(os_error, 1, "the cause is said once: {err}");
}

// 6. Readable documents.

#[test]
fn extract_writes_markdown_and_plain_text_beside_the_json() {
    let out = tempfile::tempdir().unwrap();
    let input = root().join("corpus/000_448e06abcfbe1948.txt");
    let o = run(bin()
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(out.path())
        .args(["--to", "md", "--to", "txt", "-q"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(out.path().join("000_448e06abcfbe1948.md")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("000_448e06abcfbe1948.json")).unwrap(),
    )
    .unwrap();
    // Headings from the heading tree, one level below the title.
    for s in doc["sections"].as_array().unwrap() {
        let hashes = "#".repeat(s["level"].as_u64().unwrap() as usize + 1);
        let title = s["title"].as_str().unwrap();
        assert!(
            md.lines().any(|l| l.starts_with(&format!("{hashes} ")) && l.contains(title)),
            "{title}"
        );
    }
    // The task table as a Markdown table with its header and rule.
    let columns = doc["tables"][0]["columns"].as_array().unwrap();
    let header = format!(
        "| {} |",
        columns.iter().map(|c| c.as_str().unwrap()).collect::<Vec<_>>().join(" | ")
    );
    assert!(md.contains(&format!("{header}\n|{}", " --- |".repeat(columns.len()))), "{md}");
    // Numbered items as a numbered list.
    assert!(md.lines().any(|l| l.starts_with("1. ")), "{md}");
    let txt = std::fs::read_to_string(out.path().join("000_448e06abcfbe1948.txt")).unwrap();
    assert!(!txt.contains("| --- |") && txt.contains('\t'));
    // To standard output, targets marked.
    let o =
        run(bin().arg("extract").arg(&input).args(["--stdout", "--to", "md", "--mark-targets"]));
    let md_marked = stdout(&o);
    let quote = doc["targets"][0]["quote"].as_str().unwrap();
    assert!(md_marked.contains(&format!("**{quote}**")), "{quote}");
}

// 7. An eval that cannot mislead.

#[test]
fn eval_shows_scores_over_nothing_as_a_dash_and_aligns_chinese_names() {
    let out = tempfile::tempdir().unwrap();
    let gold = tempfile::tempdir().unwrap();
    let stem = "004_2dc12a55133938f1";
    std::fs::copy(
        root().join(format!("corpus/expected/{stem}.json")),
        out.path().join("政策文件甲.json"),
    )
    .unwrap();
    let g = root().join(format!("corpus/gold/{stem}.targets.jsonl"));
    std::fs::copy(&g, gold.path().join("政策文件甲.targets.jsonl")).unwrap();
    std::fs::copy(&g, gold.path().join("缺.targets.jsonl")).unwrap();
    let o = run(bin().arg("eval").arg(out.path()).arg("--gold").arg(gold.path()));
    let report = stdout(&o);
    let missing = report.lines().find(|l| l.starts_with("缺 (missing)")).expect(&report);
    let cells: Vec<&str> = missing.split_whitespace().collect();
    // P over no prediction, and every attribute over no pair, are `—`.
    assert_eq!(cells[5], "—", "{missing}");
    assert!(cells[8..].iter().all(|c| *c == "—"), "{missing}");
    assert!(!missing.contains("1.000"), "{missing}");
    // The rows line up by display width (a CJK character takes two columns).
    let width = |l: &str| -> usize {
        l.chars().map(|c| if c >= '\u{2e80}' && c != '—' { 2 } else { 1 }).sum()
    };
    let table: Vec<&str> = report.lines().take_while(|l| !l.is_empty()).collect();
    assert!(table.len() >= 4, "{report}");
    let w = width(table[0]);
    for l in &table {
        assert_eq!(width(l), w, "aligned: {l}");
    }
    for bad in ["90", "-0.1"] {
        let o = run(bin()
            .arg("eval")
            .arg(out.path())
            .arg("--gold")
            .arg(gold.path())
            .arg(format!("--min-f1={bad}")));
        assert_eq!(o.status.code(), Some(2), "--min-f1 {bad}");
        assert!(stderr(&o).contains("0..1"), "{}", stderr(&o));
    }
}

// 8. Shell manners.

#[test]
fn color_completions_man_page_and_globs() {
    let bold = "\x1b[1m";
    assert!(stdout(&query(&["教师", "--color", "always"])).contains(bold));
    assert!(!stdout(&query(&["教师", "--color", "never"])).contains(bold));
    assert_eq!(query(&["教师", "--color", "sometimes"]).status.code(), Some(2));
    let o = run(bin().args(["completions", "bash"]));
    assert_eq!(o.status.code(), Some(0));
    let script = stdout(&o);
    assert!(
        script.contains("_zhengce")
            && script.contains("--owner-exact")
            && script.contains("ndjson")
    );
    let o = run(bin().arg("man"));
    let page = stdout(&o);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{}", &page[..80.min(page.len())]);
    assert!(page.contains("zhengce query") && page.contains("owner\\-exact"), "{page}");
    // --glob and --exclude pick the files of a folder.
    let inputs = tempfile::tempdir().unwrap();
    std::fs::create_dir(inputs.path().join("drafts")).unwrap();
    for (from, to) in [
        ("corpus/001_e986118b87bfc201.txt", "a.txt"),
        ("corpus/003_1e80aac524cde05d.txt", "drafts/b.txt"),
        ("tests/fixtures/docx/lo_lists.docx", "c.docx"),
    ] {
        std::fs::copy(root().join(from), inputs.path().join(to)).unwrap();
    }
    let taken = |args: &[&str]| -> Vec<String> {
        let out = tempfile::tempdir().unwrap();
        let o = run(bin()
            .arg("extract")
            .arg(inputs.path())
            .arg("--out")
            .arg(out.path())
            .arg("-q")
            .args(args));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let r: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).unwrap())
                .unwrap();
        let mut names: Vec<String> = r["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(taken(&[]), ["a.txt", "b.txt", "c.docx"]);
    assert_eq!(taken(&["--glob", "*.docx"]), ["c.docx"]);
    assert_eq!(taken(&["--exclude", "drafts/**"]), ["a.txt", "c.docx"]);
}
