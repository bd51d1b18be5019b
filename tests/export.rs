//! `zhengce export` and `zhengce extract --format` through the binary: the
//! tables a batch writes directly are byte for byte the export of its JSON,
//! documents that cannot be read are named and the rest exported, and a
//! missing folder is an error naming it.

use std::fs;
use std::path::{Path, PathBuf};

mod support;
use support::{bin, root, run};

/// Every file under `dir` but the documents' own, as (relative path, bytes).
fn tables(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "parquet" || x == "ndjson") {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn extract_writes_the_tables_export_writes_from_its_json() {
    for flags in
        [&["--format", "parquet", "--partition-by", "year"][..], &["--format", "ndjson"][..]]
    {
        let out = tempfile::tempdir().unwrap();
        let samples: Vec<PathBuf> = ["000_448e06abcfbe1948", "003_1e80aac524cde05d"]
            .iter()
            .map(|s| root().join(format!("corpus/{s}.txt")))
            .collect();
        let r = run(bin()
            .arg("extract")
            .args(&samples)
            .arg("--out")
            .arg(out.path())
            .arg("--quiet")
            .args(flags));
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let direct = tables(out.path());
        let names: Vec<&str> = direct.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.iter().any(|n| n.starts_with("documents.")), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("items.")), "{names:?}");
        if flags.contains(&"year") {
            assert!(
                names.iter().filter(|n| n.starts_with("targets/year=")).count() >= 2,
                "{names:?}"
            );
        }
        let exported = tempfile::tempdir().unwrap();
        let r =
            run(bin().arg("export").arg(out.path()).arg("--to").arg(exported.path()).args(flags));
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(stderr.contains("exported 2 documents"), "{stderr}");
        assert_eq!(tables(exported.path()), direct, "{flags:?}");
    }
}

#[test]
fn export_names_a_document_it_passes_over_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join("corpus/expected/001_e986118b87bfc201.json"), dir.path().join("a.json"))
        .unwrap();
    fs::write(dir.path().join("b.json"), "not json").unwrap();
    let out = tempfile::tempdir().unwrap();
    let r = run(bin().arg("export").arg(dir.path()).arg("--to").arg(out.path()));
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("b.json: not a zhengce document"), "{stderr}");
    assert!(stderr.contains("exported 1 documents"), "{stderr}");
    assert!(out.path().join("targets.parquet").is_file());
}

#[test]
fn export_of_a_missing_folder_is_an_error_naming_it() {
    let out = tempfile::tempdir().unwrap();
    let missing = out.path().join("no-such-folder");
    let r = run(bin().arg("export").arg(&missing).arg("--to").arg(out.path()));
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("no-such-folder"), "{stderr}");
}
