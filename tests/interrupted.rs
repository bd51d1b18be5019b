//! An interrupted batch: `zhengce extract` killed with SIGKILL mid-batch leaves
//! no partial output, and a re-run finishes the job — skipping what was already
//! done — with outputs byte-identical to an uninterrupted run.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

mod support;
use support::{bin, root};

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

/// Copies of the corpus as inputs: `copies` of each document under distinct names.
fn corpus_copies(dir: &Path, copies: usize) -> usize {
    std::fs::create_dir_all(dir).unwrap();
    for copy in 0..copies {
        for stem in STEMS {
            std::fs::copy(
                root().join(format!("corpus/{stem}.txt")),
                dir.join(format!("{stem}_{copy:03}.txt")),
            )
            .unwrap();
        }
    }
    copies * STEMS.len()
}

#[test]
fn a_second_batch_into_the_same_folder_is_refused_while_the_first_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    let total = corpus_copies(&inputs, COPIES);
    let out = tmp.path().join("out");
    let mut first = bin()
        .arg("extract")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = out.join(".zhengce.lock");
    while !lock.exists() {
        assert!(first.try_wait().unwrap().is_none(), "the first batch ended before it locked");
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = extract(&inputs, &out);
    let first_running = first.try_wait().unwrap().is_none();
    let status = first.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(first_running, "the first batch ended before the second was tried: more work needed");
    // Refused, with a message naming the holder's pid and the lock file.
    let msg = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{msg}");
    assert!(msg.contains(&format!("pid {}", first.id())) && msg.contains(".zhengce.lock"), "{msg}");
    // The first batch's outputs are whole and the lock is gone.
    assert!(!lock.exists());
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["ok"].as_u64(), Some(total as u64));
    assert_eq!(outputs(&out).len(), total);
    // Now the folder is free: a second run goes through (everything up to date).
    let again = extract(&inputs, &out);
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stderr));
}

/// Documents in the index, counted by `zhengce query --group-by doc` (None: unreadable).
fn indexed_docs(index: &Path) -> Option<usize> {
    let o = bin()
        .args(["query", "--group-by", "doc", "--format", "csv", "--index"])
        .arg(index)
        .output()
        .unwrap();
    // One row per document and unit: count the distinct documents.
    o.status.success().then(|| {
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let docs: std::collections::BTreeSet<&str> =
            text.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
        docs.len()
    })
}

fn index(dir: &Path, index: &Path) -> std::process::Output {
    bin().arg("index").arg(dir).arg("--index").arg(index).output().unwrap()
}

#[test]
fn a_killed_index_leaves_the_previous_index_readable_and_the_next_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    // The corpus, extracted: the first index.
    let small_in = tmp.path().join("small_in");
    corpus_copies(&small_in, 1);
    let small = tmp.path().join("small");
    assert_eq!(extract(&small_in, &small).status.code(), Some(0));
    // Many more documents: copies of those outputs under other names.
    let big = tmp.path().join("big");
    std::fs::create_dir(&big).unwrap();
    let mut n_big = 0;
    for (name, bytes) in outputs(&small) {
        for copy in 0..40 {
            std::fs::write(big.join(format!("{copy:03}_{name}")), &bytes).unwrap();
            n_big += 1;
        }
    }

    let idx = tmp.path().join("idx");
    let o = index(&small, &idx);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(indexed_docs(&idx), Some(STEMS.len()));

    // Kill an update of that index, and the creation of a new one, at growing
    // delays; every time the index stays readable (the old documents or all of
    // them, never a part) and the next run completes it.
    let mut delay = 0u64;
    loop {
        let fresh = tmp.path().join(format!("fresh_{delay}"));
        let mut update = bin()
            .arg("index")
            .arg(&big)
            .arg("--index")
            .arg(&idx)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut create = bin()
            .arg("index")
            .arg(&big)
            .arg("--index")
            .arg(&fresh)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let update_done = update.try_wait().unwrap().is_some();
        let create_done = create.try_wait().unwrap().is_some();
        let _ = update.kill();
        let _ = create.kill();
        update.wait().unwrap();
        create.wait().unwrap();

        let seen = indexed_docs(&idx);
        assert!(
            seen == Some(STEMS.len()) || seen == Some(STEMS.len() + n_big),
            "after a kill at {delay} ms the index holds {seen:?} documents"
        );
        let o = index(&big, &fresh);
        assert!(o.status.success(), "at {delay} ms: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(indexed_docs(&fresh), Some(n_big), "at {delay} ms");
        if update_done && create_done {
            break; // both finished before the kill: every stage has been cut
        }
        // Reset the first index to its old state for the next round.
        std::fs::remove_dir_all(&idx).unwrap();
        assert!(index(&small, &idx).status.success());
        delay = delay * 2 + 25;
        assert!(delay < 60_000, "indexing never finished");
    }
    let o = index(&big, &idx);
    assert!(o.status.success());
    assert_eq!(indexed_docs(&idx), Some(STEMS.len() + n_big));
}
