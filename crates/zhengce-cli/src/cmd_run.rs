//! `zhengce run`: extract the inputs (default: the sample corpus), index them, print a summary.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::cmd_extract::{self, CommonArgs};

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Inputs to extract (files and folders) [default: the files directly in corpus/,
    /// not its sub-folders such as corpus/dev].
    pub inputs: Vec<PathBuf>,
    /// Where the extracted documents go.
    #[arg(long, default_value = ".zhengce/out")]
    pub out: PathBuf,
    /// Where the search index goes.
    #[arg(long, default_value = ".zhengce/index")]
    pub index: PathBuf,
    #[command(flatten)]
    pub common: CommonArgs,
}

pub fn run(a: &RunArgs) -> Result<i32> {
    let inputs = if a.inputs.is_empty() {
        let corpus = PathBuf::from("corpus");
        if !corpus.is_dir() {
            bail!("no inputs given and no ./corpus folder here: run from the project folder or name the inputs");
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .with_context(|| format!("cannot list {}", corpus.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        files
    } else {
        a.inputs.clone()
    };
    let report = cmd_extract::extract(&inputs, &a.out, &a.common)?;
    let indexed = zhengce_query::index_dir(&a.out, &a.index)
        .with_context(|| format!("cannot index {} into {}", a.out.display(), a.index.display()))?;
    let (docs, _) = zhengce_query::read_documents(&a.out)
        .with_context(|| format!("cannot read {}", a.out.display()))?;
    let docs: Vec<_> = docs.into_iter().map(|(_, d)| d).collect();
    println!("{}", zhengce_query::Summary::from_documents(&docs));
    println!(
        "index: {} ({} documents, {} targets, {} items); query it with `zhengce query TEXT --index {}`",
        a.index.display(),
        indexed.documents,
        indexed.targets,
        indexed.items,
        a.index.display()
    );
    println!(
        "browse it with `zhengce serve --index {} --out {}` (then open http://127.0.0.1:8080/)",
        a.index.display(),
        a.out.display()
    );
    Ok(if report.all_ok() { 0 } else { 1 })
}
