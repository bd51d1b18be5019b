//! The batch writes the readable forms (`--to md|txt`) itself: from the
//! document in memory, atomically beside the JSON, also for inputs that are
//! up to date, and a form that cannot be written is that input's error.

use std::path::{Path, PathBuf};

use zhengce_batch::{discover, run, Options, Status};
use zhengce_extract::model::Document;
use zhengce_extract::render::{Form, RenderOptions};
use zhengce_extract::{Config, Extractor};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn samples(dir: &Path) -> Vec<PathBuf> {
    let mut names = Vec::new();
    for e in std::fs::read_dir(corpus()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let to = dir.join(p.file_name().unwrap());
            std::fs::copy(&p, &to).unwrap();
            names.push(to);
        }
    }
    names.sort();
    names
}

fn options(force: bool) -> Options {
    Options {
        force,
        renderings: vec![Form::Markdown, Form::Plain],
        render: RenderOptions { mark_targets: true },
    }
}

#[test]
fn markdown_and_text_are_written_beside_the_json_from_the_same_document() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = samples(input.path());
    assert!(files.len() >= 5);
    let ex = Extractor::new(Config::default());
    let (found, errors) = discover(&[input.path().to_path_buf()], None);
    let report = run(&ex, &found, &errors, out.path(), &options(false), &|_| {}).unwrap();
    assert_eq!(report.ok, files.len(), "{report:?}");

    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3 * files.len(), "json, md and txt each, no temp file: {names:?}");
    for r in &report.inputs {
        let json = out.path().join(r.output.as_ref().unwrap());
        let doc: Document = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        let opts = RenderOptions { mark_targets: true };
        for form in [Form::Markdown, Form::Plain] {
            let written = std::fs::read_to_string(json.with_extension(form.extension())).unwrap();
            assert_eq!(written, form.render(&doc, opts), "{}", json.display());
        }
        if let Some(t) = doc.targets.first() {
            let md = std::fs::read_to_string(json.with_extension("md")).unwrap();
            assert!(md.contains(&format!("**{}**", t.quote)) || t.quote.contains('\n'));
        }
    }

    // A re-run keeps the JSON (up to date) and writes the readable forms again.
    let stem = report.inputs[0].output.clone().unwrap();
    let md = out.path().join(&stem).with_extension("md");
    let before = std::fs::read(&md).unwrap();
    std::fs::remove_file(&md).unwrap();
    let again = run(&ex, &found, &errors, out.path(), &options(false), &|_| {}).unwrap();
    assert_eq!(again.skipped, files.len(), "{again:?}");
    assert_eq!(std::fs::read(&md).unwrap(), before);
}

#[test]
fn a_form_that_cannot_be_written_fails_its_input_only() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = samples(input.path());
    // A folder where the first input's Markdown should go.
    let stem = files[0].file_stem().unwrap().to_string_lossy().into_owned();
    let blocked = out.path().join(format!("{stem}.md"));
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("x"), "keep").unwrap();
    let ex = Extractor::new(Config::default());
    let (found, errors) = discover(&[input.path().to_path_buf()], None);
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |r: &zhengce_batch::InputReport| seen.lock().unwrap().push(r.path.clone());
    let report = run(&ex, &found, &errors, out.path(), &options(true), &progress).unwrap();
    assert_eq!((report.ok, report.failed), (files.len() - 1, 1), "{report:?}");
    let bad = report.inputs.iter().find(|r| r.status == Status::Error).unwrap();
    let message = bad.message.as_deref().unwrap();
    assert!(message.contains(&format!("{stem}.txt")), "names the input: {message}");
    assert!(message.contains(&format!("{stem}.md")), "names the output: {message}");
    // Every input reached the progress callback once.
    assert_eq!(seen.lock().unwrap().len(), files.len());
    // The other inputs have all their files; no temp file is left.
    for r in report.inputs.iter().filter(|r| r.status == Status::Ok) {
        let json = out.path().join(r.output.as_ref().unwrap());
        assert!(json.with_extension("md").is_file() && json.with_extension("txt").is_file());
    }
    let temps = std::fs::read_dir(out.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temps, 0);
}

/// A FIFO named like an input ends as that input's error, and the batch
/// goes on: opening it for reading must not wait for a writer.
#[test]
#[cfg(target_os = "linux")]
fn a_fifo_among_the_inputs_is_an_error_not_a_hang() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = samples(input.path());
    let fifo = input.path().join("pipe.txt");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let (found, errors) = discover(&[input.path().to_path_buf()], None);
    assert!(found.iter().any(|i| i.path == fifo), "the FIFO is found: {found:?}");
    // On its own thread, so that a hang fails the test instead of stalling it.
    let (tx, rx) = std::sync::mpsc::channel();
    let out_dir = out.path().to_path_buf();
    std::thread::spawn(move || {
        let ex = Extractor::new(Config::default());
        let _ = tx.send(run(&ex, &found, &errors, &out_dir, &options(false), &|_| {}));
    });
    let report = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the batch did not end within 120 s: the FIFO's open waits for a writer")
        .unwrap();
    assert_eq!(report.ok, files.len(), "{report:?}");
    let failed: Vec<_> = report.inputs.iter().filter(|r| r.status == Status::Error).collect();
    assert_eq!(failed.len(), 1, "{report:?}");
    let message = failed[0].message.as_deref().unwrap();
    assert!(message.contains("pipe.txt") && message.contains("not a regular file"), "{message}");
}
