//! An interrupted batch: `zhengce extract` killed with SIGKILL mid-batch leaves
//! no partial output, and a re-run finishes the job — skipping what was already
//! done — with outputs byte-identical to an uninterrupted run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const STEMS: [&str; 5] = [
    "000_448e06abcfbe1948",
    "001_e986118b87bfc201",
    "002_d8b7d3eb7f9ecd3f",
    "003_1e80aac524cde05d",
    "004_2dc12a55133938f1",
];

/// Copies of the corpus under distinct names: enough work for a few seconds.
const COPIES: usize = 60;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The `<stem>.json` outputs of a folder (not the report), by name.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".json") && n != "report.json" && !n.starts_with('.'))
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

fn extract(inputs: &Path, out: &Path) -> std::process::Output {
    bin().arg("extract").arg(inputs).arg("--out").arg(out).arg("--quiet").output().unwrap()
}

#[test]
fn a_killed_batch_leaves_no_partial_output_and_a_rerun_finishes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for copy in 0..COPIES {
        for stem in STEMS {
            std::fs::copy(
                root().join(format!("corpus/{stem}.txt")),
                inputs.join(format!("{stem}_{copy:03}.txt")),
            )
            .unwrap();
        }
    }
    let total = COPIES * STEMS.len();

    // Start the batch and kill it once some outputs are written.
    let out = tmp.path().join("out");
    let mut child = bin()
        .arg("extract")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if outputs(&out).len() >= 10 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the batch ended before it could be killed: {status}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "{status}");
    }

    // Killed mid-batch: no report yet, some outputs, and every output present is whole.
    assert!(!out.join("report.json").exists(), "the batch finished before the kill");
    let done = outputs(&out);
    assert!(done.len() >= 10 && done.len() < total, "{} of {total}", done.len());
    for (name, bytes) in &done {
        let v: Value =
            serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{name} is partial: {e}"));
        assert!(v["text"].is_string(), "{name}");
    }
    // Temporary files of writes cut short may remain; they must go on the re-run.
    let temps: Vec<String> = names(&out).into_iter().filter(|n| n.ends_with(".tmp")).collect();
    eprintln!(
        "killed after {} of {total} outputs; {} temporary file(s) left",
        done.len(),
        temps.len()
    );

    // The re-run: finishes the batch, skipping (and saying so) what was done.
    let o = extract(&inputs, &out);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(names(&out).iter().all(|n| !n.ends_with(".tmp")), "{:?}", names(&out));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["skipped"].as_u64(), Some(done.len() as u64));
    assert_eq!(report["ok"].as_u64(), Some((total - done.len()) as u64));
    assert_eq!(report["failed"].as_u64(), Some(0));
    for input in report["inputs"].as_array().unwrap() {
        let output = input["output"].as_str().unwrap();
        if done.contains_key(output) {
            assert_eq!(input["status"], "skipped", "{input}");
            let msg = input["message"].as_str().unwrap();
            assert!(
                msg.contains("up to date") && msg.contains(output) && msg.contains("--force"),
                "{msg}"
            );
        } else {
            assert_eq!(input["status"], "ok", "{input}");
        }
    }

    // The same outputs, byte for byte, as an uninterrupted run.
    let clean = tmp.path().join("clean");
    let o = extract(&inputs, &clean);
    assert_eq!(o.status.code(), Some(0));
    let (a, b) = (outputs(&out), outputs(&clean));
    assert_eq!(a.len(), total);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs from the uninterrupted run");
    }
}
