//! cmd_query: `zhengce index` and `zhengce query` — parse, call zhengce-query, print.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use zhengce_query::{
    index_dir, write_groups, write_hits, DocKind, Format, GroupBy, QueryRequest, Style, YearRange,
    ZIndex,
};

/// `zhengce index DIR --index IDX`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder of extracted documents (`zhengce extract … --out DIR`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Index directory to create or update; re-indexing a document replaces it.
    #[arg(long, value_name = "IDX")]
    pub index: PathBuf,
}

/// `zhengce query [TEXT] --index IDX [filters]`
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Words that must all occur (quote, sentence, subject); ranked by relevance.
    /// Without TEXT, hits come in document order.
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,
    /// Index directory built by `zhengce index`.
    #[arg(long, value_name = "IDX")]
    pub index: PathBuf,
    /// Due year: `2025` or a range `2021..2025`.
    #[arg(long)]
    pub year: Option<YearRange>,
    /// An owning unit, exactly as written (`技术中心`).
    #[arg(long)]
    pub owner: Option<String>,
    /// Unit of the value (`名`, `所`, `%`).
    #[arg(long)]
    pub unit: Option<String>,
    /// `target` or `achievement` (with --items: `numbered`, `paragraph`, `table_row`).
    #[arg(long)]
    pub kind: Option<String>,
    /// A document id or its start (`004`).
    #[arg(long)]
    pub doc: Option<String>,
    /// Smallest value.
    #[arg(long)]
    pub min_value: Option<f64>,
    /// Largest value.
    #[arg(long)]
    pub max_value: Option<f64>,
    /// Words of a heading above the target (`队伍建设`).
    #[arg(long)]
    pub section: Option<String>,
    /// Search items and paragraphs instead of targets.
    #[arg(long)]
    pub items: bool,
    /// Output format: table, json or csv (UTF-8 with BOM, for Excel).
    #[arg(long, default_value = "table")]
    pub format: Format,
    /// Count matches (and add up values per unit) per owner, year, unit, doc or kind.
    /// A target with several owners counts in each owner's group.
    #[arg(long, value_name = "KEY")]
    pub group_by: Option<GroupBy>,
    /// Most hits to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// Runs `zhengce index`.
pub fn index(args: &IndexArgs) -> anyhow::Result<i32> {
    let report = index_dir(&args.dir, &args.index)?;
    for (path, why) in &report.skipped {
        eprintln!("skipped {}: {why}", path.display());
    }
    let line = format!(
        "indexed {} documents ({} targets, {} items) into {}\n",
        report.documents,
        report.targets,
        report.items,
        args.index.display()
    );
    print_out(line.as_bytes())
}

/// Runs `zhengce query`.
pub fn query(args: &QueryArgs) -> anyhow::Result<i32> {
    let index = ZIndex::open(&args.index)?;
    let req = QueryRequest {
        text: args.text.clone(),
        year: args.year,
        owner: args.owner.clone(),
        unit: args.unit.clone(),
        kind: args.kind.clone(),
        doc: args.doc.clone(),
        min_value: args.min_value,
        max_value: args.max_value,
        section: args.section.clone(),
        doc_kind: if args.items { DocKind::Item } else { DocKind::Target },
        limit: args.limit,
    };
    let mut out = Vec::new();
    if let Some(by) = args.group_by {
        let groups = index.group(&req, by)?;
        write_groups(&mut out, &groups, args.format)?;
    } else {
        let results = index.search(&req)?;
        let style =
            Style { ansi: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() };
        write_hits(&mut out, &results, args.format, style)?;
    }
    print_out(&out)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print_out(bytes: &[u8]) -> anyhow::Result<i32> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        other => other.context("writing to stdout").map(|()| 0),
    }
}
