//! Whichever way the batch writes a document's JSON (rendered whole into a
//! reused buffer for most documents, streamed into its file for a big one; on
//! whichever thread extracted it), it is the JSON extracting the input alone
//! gives, and every input is reported; `report.json` holds serde_json's bytes
//! of the report.

use std::path::Path;

use zhengce_batch::{discover, run, write_report, Options, Status};
use zhengce_extract::{model, Config, Extractor};

#[test]
fn every_document_is_written_as_extracted_alone() {
    let input = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut samples: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    samples.sort();
    // Many small inputs, so the buffers go round between threads.
    for copy in 0..40 {
        for p in &samples {
            let name = format!("{copy:02}_{}", p.file_name().unwrap().to_string_lossy());
            std::fs::copy(p, input.path().join(name)).unwrap();
        }
    }
    // And one whose text is over a mebibyte: its JSON is streamed.
    let big: String = (0..40_000)
        .map(|i| {
            format!("（{i}）到2025年，第{i}区新增教师{}名、学位{}个。\n", i % 977 + 3, i * 7 + 11)
        })
        .collect();
    assert!(big.len() > 1 << 20);
    std::fs::write(input.path().join("big.txt"), big).unwrap();
    // And one that fails.
    std::fs::write(input.path().join("broken.docx"), b"not a zip").unwrap();
    let out = tempfile::tempdir().unwrap();
    let extractor = Extractor::new(Config::default());
    let (found, errors) = discover(&[input.path().to_path_buf()], None);
    let report = run(
        &extractor,
        &found,
        &errors,
        out.path(),
        &Options { force: true, ..Options::default() },
        &|_| {},
    )
    .unwrap();
    assert_eq!(report.inputs.len(), found.len());
    let failed: Vec<_> =
        report.inputs.iter().filter(|r| r.status != Status::Ok).map(|r| &r.path).collect();
    assert!(failed.len() == 1 && failed[0].ends_with("broken.docx"), "{failed:?}");
    let written = std::fs::read_to_string(write_report(out.path(), &report).unwrap()).unwrap();
    assert_eq!(written, serde_json::to_string_pretty(&report).unwrap() + "\n");
    for i in found.iter().filter(|i| !i.output.starts_with("broken")) {
        let bytes = std::fs::read(&i.path).unwrap();
        let alone = extractor.extract(&bytes, &i.path.display().to_string()).unwrap();
        if i.output.starts_with("big") {
            assert!(alone.text.len() > 1 << 20 && alone.targets.len() > 1000);
        }
        let written = std::fs::read_to_string(out.path().join(&i.output)).unwrap();
        assert_eq!(written, model::to_json(&alone), "{}", i.output);
    }
}
