//! The `zhengce` binary as users run it: batches with bad inputs, exit codes,
//! report.json, re-runs that skip unchanged inputs, eval and diff.

use std::path::Path;

mod support;
use support::{bin, root, run};

fn report(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
}

/// A folder with two corpus documents and a bad input beside them.
fn mixed_batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for stem in ["001_e986118b87bfc201", "004_2dc12a55133938f1"] {
        std::fs::copy(
            root().join(format!("corpus/{stem}.txt")),
            dir.path().join(format!("{stem}.txt")),
        )
        .unwrap();
    }
    // A PNG named .txt, and an empty file.
    std::fs::write(dir.path().join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    dir
}

#[test]
fn a_bad_input_is_reported_and_the_rest_converted() {
    let inputs = mixed_batch();
    let out = tempfile::tempdir().unwrap();
    let o =
        run(bin().arg("extract").arg(inputs.path()).arg("--out").arg(out.path()).arg("--quiet"));
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let r = report(out.path());
    let by_name = |name: &str| {
        r["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    assert_eq!(by_name("001_e986118b87bfc201.txt")["status"], "ok");
    assert_eq!(by_name("004_2dc12a55133938f1.txt")["status"], "ok");
    let png = by_name("image.txt");
    assert_eq!(png["status"], "error");
    let msg = png["message"].as_str().unwrap();
    assert!(msg.contains("image.txt") && msg.contains("PNG"), "{msg}");
    let empty = by_name("empty.txt");
    assert!(empty["message"].as_str().unwrap().contains("empty"), "{empty}");
    assert_eq!((r["ok"].as_u64(), r["failed"].as_u64()), (Some(2), Some(2)));
    assert!(out.path().join("004_2dc12a55133938f1.json").exists());
    assert!(!out.path().join("image.json").exists());
    // No temporary files are left behind.
    let stray: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty());
}

#[test]
fn a_rerun_skips_unchanged_inputs_and_force_redoes_them() {
    let out = tempfile::tempdir().unwrap();
    let input = root().join("corpus/003_1e80aac524cde05d.txt");
    let first = run(bin().arg("extract").arg(&input).arg("--out").arg(out.path()).arg("--quiet"));
    assert_eq!(first.status.code(), Some(0));
    let json = std::fs::read(out.path().join("003_1e80aac524cde05d.json")).unwrap();
    let second = run(bin().arg("extract").arg(&input).arg("--out").arg(out.path()).arg("--quiet"));
    assert_eq!(second.status.code(), Some(0));
    assert_eq!(report(out.path())["inputs"][0]["status"], "skipped");
    let third = run(bin()
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(out.path())
        .arg("--quiet")
        .arg("--force"));
    assert_eq!(third.status.code(), Some(0));
    assert_eq!(report(out.path())["inputs"][0]["status"], "ok");
    // Same input, byte-identical output.
    assert_eq!(std::fs::read(out.path().join("003_1e80aac524cde05d.json")).unwrap(), json);
}

#[test]
fn one_thread_and_two_write_the_same_files_and_report() {
    // `--jobs 1` takes another path (no writer threads, the dictionaries
    // loaded in place): same bytes, same report, bad inputs included.
    let inputs = mixed_batch();
    let files = |jobs: &str| {
        let out = tempfile::tempdir().unwrap();
        let o = run(bin()
            .arg("extract")
            .arg(inputs.path())
            .arg("--out")
            .arg(out.path())
            .args(["--quiet", "--jobs", jobs]));
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
        let r = std::fs::read(out.path().join("report.json")).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") && n != "report.json")
            .collect();
        names.sort();
        let bytes: Vec<Vec<u8>> =
            names.iter().map(|n| std::fs::read(out.path().join(n)).unwrap()).collect();
        (r, names, bytes)
    };
    let (one, two) = (files("1"), files("2"));
    assert_eq!(one.1.len(), 2, "{:?}", one.1);
    assert_eq!(one, two);
}

#[test]
fn usage_errors_exit_with_2() {
    let o = run(bin().arg("extract").arg("corpus"));
    assert_eq!(o.status.code(), Some(2)); // --out missing
    let o = run(bin().arg("frobnicate"));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_missing_input_is_an_error_that_names_it() {
    let out = tempfile::tempdir().unwrap();
    let o = run(bin()
        .arg("extract")
        .arg("/no/such/file.txt")
        .arg("--out")
        .arg(out.path())
        .arg("--quiet"));
    assert_eq!(o.status.code(), Some(1));
    let r = report(out.path());
    assert!(r["inputs"][0]["message"].as_str().unwrap().contains("/no/such/file.txt"));
}

#[test]
fn eval_scores_the_corpus_and_gates_on_min_f1() {
    let out = tempfile::tempdir().unwrap();
    let o = run(bin()
        .arg("extract")
        .arg(root().join("corpus"))
        .arg("--out")
        .arg(out.path())
        .arg("--quiet"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let gold = root().join("corpus/gold");
    let o = run(bin()
        .arg("eval")
        .arg(out.path())
        .arg("--gold")
        .arg(&gold)
        .arg("--json")
        .arg("--min-f1")
        .arg("0.95"));
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["scores"]["f1"].as_f64().unwrap() >= 0.95);
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
    // A floor above the score fails the run; one outside 0..1 is a usage error.
    let f1 = v["scores"]["f1"].as_f64().unwrap();
    let o =
        run(bin().arg("eval").arg(out.path()).arg("--gold").arg(&gold).arg("--min-f1").arg("1"));
    assert_eq!(o.status.code(), Some(if f1 < 1.0 { 1 } else { 0 }));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("overall"), "{text}");
    let o =
        run(bin().arg("eval").arg(out.path()).arg("--gold").arg(&gold).arg("--min-f1").arg("1.01"));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn diff_reports_changed_targets_and_gates_on_change() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        let o = run(bin()
            .arg("extract")
            .arg(root().join("corpus/004_2dc12a55133938f1.txt"))
            .arg("--out")
            .arg(d.path())
            .arg("--quiet"));
        assert_eq!(o.status.code(), Some(0));
    }
    let o = run(bin().arg("diff").arg(a.path()).arg(b.path()));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    // Change one target's year and drop another in the new run.
    let p = b.path().join("004_2dc12a55133938f1.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    v["targets"][0]["year"] = serde_json::json!(2030);
    v["targets"].as_array_mut().unwrap().pop();
    std::fs::write(&p, serde_json::to_string(&v).unwrap()).unwrap();
    let o = run(bin().arg("diff").arg(a.path()).arg(b.path()).arg("--json"));
    assert_eq!(o.status.code(), Some(1));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let doc = &d["documents"][0];
    assert_eq!(doc["targets_removed"].as_array().unwrap().len(), 1);
    let changed = &doc["targets_changed"][0]["changes"][0];
    assert_eq!((changed["field"].as_str(), changed["new"].as_i64()), (Some("year"), Some(2030)));
}

#[test]
fn a_folder_mixing_text_and_docx_is_converted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("corpus/001_e986118b87bfc201.txt"), dir.path().join("plan.txt"))
        .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/docx/seed004_outline.docx"),
        dir.path().join("plan.docx"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/docx/pydocx_calendar.docx"),
        dir.path().join("行事历 2021.docx"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = run(bin().arg("extract").arg(dir.path()).arg("--out").arg(out.path()).arg("--quiet"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // Same stem, two formats: both kept, neither overwritten (sorted by path, the .docx comes first).
    let docx: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("plan.json")).unwrap())
            .unwrap();
    let txt: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("plan.txt.json")).unwrap())
            .unwrap();
    assert_eq!(txt["source"]["format"], "text");
    assert_eq!(docx["source"]["format"], "docx");
    assert_eq!(docx["sections"][0]["title"], "指导思想");
    let cal: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("行事历 2021.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(cal["tables"][0]["rows"][4]["owners"][0], "职成教处");
    assert_eq!(cal["tables"][0]["rows"][4]["owners_carried"], true);
}
