//! `zhengce export`: arguments around `zhengce_export::export_dir`, and the
//! options `extract --format` shares.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use zhengce_export::{ExportReport, Format, Options, PartitionBy};

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// A folder of extracted documents (`zhengce extract --out DIR`).
    #[arg(value_hint = clap::ValueHint::DirPath)]
    pub dir: PathBuf,
    /// Output folder for the tables documents, targets and items.
    #[arg(long, value_hint = clap::ValueHint::DirPath)]
    pub to: PathBuf,
    /// Table format.
    #[arg(long, value_enum, default_value_t = Format::Parquet)]
    pub format: Format,
    #[command(flatten)]
    pub tables: TableArgs,
    /// No summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Options of the tables shared by `export` and `extract --format`.
#[derive(Args, Debug, Clone, Default)]
pub struct TableArgs {
    /// Partition the targets table: `targets/year=2025/part-0.parquet` (Hive style).
    #[arg(long, value_enum)]
    pub partition_by: Option<PartitionBy>,
}

impl TableArgs {
    pub fn options(&self, format: Format) -> Options {
        Options { format, partition_by: self.partition_by, ..Options::default() }
    }
}

pub fn run(args: &ExportArgs) -> Result<i32> {
    let report = zhengce_export::export_dir(&args.dir, &args.to, &args.tables.options(args.format))
        .with_context(|| {
            format!("cannot export {} to {}", args.dir.display(), args.to.display())
        })?;
    Ok(print_report(&report, args.quiet))
}

/// Prints the documents passed over and (unless `quiet`) a summary; the exit
/// code: 1 when a document was passed over.
pub fn print_report(report: &ExportReport, quiet: bool) -> i32 {
    for (path, why) in &report.skipped {
        eprintln!("skipped {}: {why}", path.display());
    }
    if !quiet {
        eprintln!(
            "exported {} documents, {} targets, {} items into {} files",
            report.documents,
            report.targets,
            report.items,
            report.files.len()
        );
    }
    i32::from(!report.skipped.is_empty())
}
