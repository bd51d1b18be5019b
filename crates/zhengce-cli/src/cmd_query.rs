//! cmd_query: `zhengce index` and `zhengce query` — parse, call zhengce-query, print.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use zhengce_query::{
    index_dir, write_groups, write_hits, DocKind, EntryKind, Format, GroupBy, QueryRequest, SortBy,
    Style, YearRange, ZIndex,
};

use crate::color::ColorChoice;

/// The index `zhengce run` builds, which `query` uses when `--index` is not given.
pub const DEFAULT_INDEX: &str = ".zhengce/index";

/// Hits a table shows when no `--limit` is given (machine formats get every hit).
const TABLE_PAGE: usize = 20;

/// `zhengce index DIR --index IDX`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder of extracted documents (`zhengce extract … --out DIR`).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: PathBuf,
    /// Index directory to create or update; re-indexing a document replaces it.
    #[arg(long, value_name = "IDX", value_hint = clap::ValueHint::DirPath)]
    pub index: PathBuf,
}

/// `zhengce query [TEXT] [--index IDX] [filters]`
///
/// Exit status: 0 when something matched, 1 when nothing did (as grep and
/// ripgrep do), 2 on a usage or fatal error.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Words that must all occur (quote, sentence, subject); ranked by relevance.
    /// Without TEXT, hits come in document order.
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,
    /// Index directory built by `zhengce index` [default: .zhengce/index, when it exists].
    #[arg(long, value_name = "IDX", value_hint = clap::ValueHint::DirPath)]
    pub index: Option<PathBuf>,
    /// Due year: `2025` or a range `2021..2025`.
    #[arg(long)]
    pub year: Option<YearRange>,
    /// Words of an owning unit (`教育局` finds `市教育局`, `区教育局`).
    #[arg(long)]
    pub owner: Option<String>,
    /// Match --owner exactly as written, not by its words.
    #[arg(long, requires = "owner")]
    pub owner_exact: bool,
    /// Unit of the value (`名`, `所`, `%`).
    #[arg(long)]
    pub unit: Option<String>,
    /// Kind of entry: target or achievement (with --items: numbered, paragraph, table_row).
    #[arg(long, value_enum)]
    pub kind: Option<EntryKind>,
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
    /// The document's region, exactly as written.
    #[arg(long)]
    pub region: Option<String>,
    /// One of the document's issuers, exactly as written.
    #[arg(long)]
    pub issuer: Option<String>,
    /// Order of the hits: relevance (document order without TEXT), value or year.
    #[arg(long, value_enum, default_value_t = SortBy::Relevance)]
    pub sort: SortBy,
    /// Hits to skip before the first one shown (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Search items and paragraphs instead of targets.
    #[arg(long)]
    pub items: bool,
    /// Output format; json, ndjson and csv (UTF-8 with BOM, for Excel) hold every match.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Count matches per group; counts and amounts are added up per unit, rates
    /// get min, max and median. A target with several owners counts in each owner's group.
    #[arg(long, value_name = "KEY", value_enum)]
    pub group_by: Option<GroupBy>,
    /// Most hits to show [default: 20 for a table, all for json, ndjson and csv].
    #[arg(long)]
    pub limit: Option<usize>,
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

/// Runs `zhengce query`: exit 0 with hits, 1 without.
pub fn query(args: &QueryArgs, color: ColorChoice) -> anyhow::Result<i32> {
    let default = Path::new(DEFAULT_INDEX);
    let path = match &args.index {
        Some(p) => p.as_path(),
        None if default.join(zhengce_query::schema::META_FILE).is_file() => default,
        None => anyhow::bail!(
            "no --index given and no index at {DEFAULT_INDEX}: build one with \
             `zhengce run` or `zhengce index DIR --index IDX`"
        ),
    };
    let index = ZIndex::open(path)?;
    let limit = match args.limit {
        Some(n) => n,
        None if args.format.is_machine() => usize::MAX,
        None => TABLE_PAGE,
    };
    let req = QueryRequest {
        text: args.text.clone(),
        year: args.year,
        owner: args.owner.clone(),
        owner_exact: args.owner_exact,
        unit: args.unit.clone(),
        kind: args.kind,
        doc: args.doc.clone(),
        min_value: args.min_value,
        max_value: args.max_value,
        section: args.section.clone(),
        region: args.region.clone(),
        issuer: args.issuer.clone(),
        doc_kind: if args.items { DocKind::Item } else { DocKind::Target },
        sort: args.sort,
        offset: args.offset,
        limit,
    };
    let mut out = Vec::new();
    let matched = if let Some(by) = args.group_by {
        let groups = index.group(&req, by)?;
        write_groups(&mut out, &groups, args.format)?;
        groups.total
    } else {
        let results = index.search(&req)?;
        let style = Style { ansi: color.enabled() };
        write_hits(&mut out, &results, args.format, style)?;
        results.total
    };
    print_out(&out)?;
    Ok(if matched == 0 { 1 } else { 0 })
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn print_out(bytes: &[u8]) -> anyhow::Result<i32> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        other => other.context("writing to stdout").map(|()| 0),
    }
}
