//! `zhengce extract`: arguments, progress bar and summary around `zhengce_batch::run`.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use zhengce_batch::{InputReport, Options, Status};
use zhengce_extract::{Config, Extractor, Limits};

#[derive(Args, Debug, Clone)]
pub struct ExtractArgs {
    /// Input files and folders (folders are walked for .txt, .htm, .html, .docx).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder for <stem>.json files and report.json.
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options shared by `extract` and `run`.
#[derive(Args, Debug, Clone, Default)]
pub struct CommonArgs {
    /// Re-extract inputs whose output is already up to date (same sha256 and extractor version).
    #[arg(long)]
    pub force: bool,
    /// No progress bar and no per-file lines.
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Limits against hostile or broken inputs; the defaults are safe.
#[derive(Args, Debug, Clone, Default)]
pub struct LimitArgs {
    /// Largest input file in bytes [default: 209715200 = 200 MiB].
    #[arg(long)]
    pub max_input_bytes: Option<u64>,
    /// Largest total uncompressed size of a .docx's parts in bytes [default: 268435456 = 256 MiB].
    #[arg(long)]
    pub max_docx_bytes: Option<u64>,
    /// Largest compression ratio of one .docx entry [default: 200].
    #[arg(long)]
    pub max_docx_ratio: Option<u64>,
    /// Deepest XML nesting in a .docx part [default: 512].
    #[arg(long)]
    pub max_xml_depth: Option<usize>,
    /// Most targets written per document; the rest are left out with a diagnostic [default: 100000].
    #[arg(long)]
    pub max_targets: Option<usize>,
    /// Longest time per document in seconds; a slower document is an error and the batch goes on
    /// (0: no limit) [default: 60].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

impl LimitArgs {
    pub fn to_config(&self) -> Config {
        let mut limits = Limits::default();
        if let Some(v) = self.max_input_bytes {
            limits.max_input_bytes = v;
        }
        if let Some(v) = self.max_docx_bytes {
            limits.docx.max_uncompressed_bytes = v;
        }
        if let Some(v) = self.max_docx_ratio {
            limits.docx.max_compression_ratio = v;
        }
        if let Some(v) = self.max_xml_depth {
            limits.docx.max_xml_depth = v;
        }
        if let Some(v) = self.max_targets {
            limits.max_targets = v;
        }
        if let Some(v) = self.timeout {
            limits.timeout = (v > 0.0).then(|| std::time::Duration::from_secs_f64(v));
        }
        Config { limits }
    }
}

pub fn run(args: &ExtractArgs) -> Result<i32> {
    let report = extract(&args.inputs, &args.out, &args.common)?;
    Ok(if report.all_ok() { 0 } else { 1 })
}

/// Runs a batch with a progress bar and prints its summary; shared with `run`.
pub fn extract(
    inputs: &[PathBuf],
    out: &std::path::Path,
    common: &CommonArgs,
) -> Result<zhengce_batch::Report> {
    if let Some(j) = common.jobs {
        // Fails only when a pool already exists; then the existing one is used.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(j.max(1)).build_global();
    }
    // First: its dictionaries load in the background while the inputs are found.
    let extractor = Extractor::new(common.limits.to_config());
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder {}", out.display()))?;
    // Held to the end: a second batch into the same folder is refused.
    let _lock = zhengce_batch::lock::DirLock::acquire(out)?;
    zhengce_batch::remove_stale_temps(out);
    let (found, errors) = zhengce_batch::discover(inputs, Some(out));
    let clock = zhengce_batch::Clock::start();
    let show_bar = !common.quiet && std::io::stderr().is_terminal();
    let bar = if show_bar {
        let b = ProgressBar::new((found.len() + errors.len()) as u64);
        b.set_style(
            ProgressStyle::with_template(
                "{bar:40.cyan/blue} {pos}/{len} {elapsed_precise} eta {eta} {msg}",
            )
            .expect("valid template"),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let progress = |r: &InputReport| {
        if r.status == Status::Error {
            bar.suspend(|| eprintln!("error: {}", r.message.as_deref().unwrap_or("failed")));
        }
        bar.set_message(short_name(&r.path));
        bar.inc(1);
    };
    let opts = Options { force: common.force };
    let report = zhengce_batch::run(&extractor, &found, &errors, out, &opts, &progress)
        .with_context(|| format!("cannot write to {}", out.display()))?;
    bar.finish_and_clear();
    let report_path = zhengce_batch::write_report(out, &report)
        .with_context(|| format!("cannot write the report in {}", out.display()))?;
    if !common.quiet {
        let targets: usize = report.inputs.iter().map(|r| r.targets).sum();
        eprintln!(
            "{} inputs: {} converted, {} up to date, {} failed; {} targets; {:.2}s; report: {}",
            report.inputs.len(),
            report.ok,
            report.skipped,
            report.failed,
            targets,
            clock.seconds(),
            report_path.display()
        );
    }
    Ok(report)
}

fn short_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}
