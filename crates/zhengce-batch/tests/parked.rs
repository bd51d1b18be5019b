//! A batch started while the dictionaries still load prepares documents and
//! parks them, then finishes them: whichever way a document went, its JSON is
//! the one extracting it alone gives, and every input is reported.

use std::path::Path;

use zhengce_batch::{discover, run, Options, Status};
use zhengce_extract::{model, Config, Extractor};

#[test]
fn parked_or_not_every_document_is_written_as_extracted_alone() {
    let input = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut samples: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    samples.sort();
    // Many small inputs: the first ones are prepared before the dictionaries are in.
    for copy in 0..40 {
        for p in &samples {
            let name = format!("{copy:02}_{}", p.file_name().unwrap().to_string_lossy());
            std::fs::copy(p, input.path().join(name)).unwrap();
        }
    }
    let out = tempfile::tempdir().unwrap();
    // A new extractor: its dictionaries start loading now.
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
    assert!(report.inputs.iter().all(|r| r.status == Status::Ok), "{:?}", report.inputs);
    for i in &found {
        let bytes = std::fs::read(&i.path).unwrap();
        let alone = extractor.extract(&bytes, &i.path.display().to_string()).unwrap();
        let written = std::fs::read_to_string(out.path().join(&i.output)).unwrap();
        assert_eq!(written, model::to_json(&alone), "{}", i.output);
    }
}
