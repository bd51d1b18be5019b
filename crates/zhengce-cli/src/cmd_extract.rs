//! `zhengce extract`: arguments, progress bar and summary around `zhengce_batch::run`;
//! one document from standard input or to standard output (`-`, `--stdout`);
//! the readable forms (`--to md`, `--to txt`) rendered by `zhengce_extract::render`.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use zhengce_batch::{InputReport, Options, PathFilter, Status};
use zhengce_extract::model::{self, Document};
use zhengce_extract::render::{Form, RenderOptions};
use zhengce_extract::{Config, Extractor, Limits};

#[derive(Args, Debug, Clone)]
pub struct ExtractArgs {
    /// Input files and folders (folders are walked for .txt, .htm, .html, .docx);
    /// `-` reads one document from standard input.
    #[arg(required = true, value_hint = clap::ValueHint::AnyPath)]
    pub inputs: Vec<PathBuf>,
    /// Output folder for <stem>.json files (and .md, .txt with --to) and report.json.
    #[arg(long, short, required_unless_present = "stdout", value_hint = clap::ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Write the one input's document to standard output instead of a folder.
    #[arg(long, conflicts_with = "out")]
    pub stdout: bool,
    /// The name of the document read from standard input; its extension gives the format.
    #[arg(long, value_name = "NAME", default_value = "stdin.txt")]
    pub name: String,
    /// Forms to write: json, md (Markdown), txt (plain text); repeatable or comma-separated.
    /// A folder always gets the JSON; --stdout writes one form [default: json].
    #[arg(long = "to", value_name = "FORM", value_enum, value_delimiter = ',')]
    pub to: Vec<OutputForm>,
    /// Mark the quote of every target in md (**…**) and txt (【…】).
    #[arg(long)]
    pub mark_targets: bool,
    /// Take only files inside folders matching GLOB (`*.docx`, `2021/**`); repeatable.
    #[arg(long = "glob", value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Leave out files inside folders matching GLOB (`drafts/**`); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also write the batch's tables (documents, targets, items) into the output
    /// folder in this format, as `zhengce export` does.
    #[arg(long, value_enum, conflicts_with = "stdout")]
    pub format: Option<zhengce_export::Format>,
    #[command(flatten)]
    pub tables: crate::cmd_export::TableArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// A form a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputForm {
    /// The structured document (the schema's JSON).
    Json,
    /// Markdown: headings, numbered items, tables.
    Md,
    /// Plain text.
    Txt,
}

impl OutputForm {
    /// The readable form, for all but JSON.
    fn readable(self) -> Option<Form> {
        match self {
            OutputForm::Json => None,
            OutputForm::Md => Some(Form::Markdown),
            OutputForm::Txt => Some(Form::Plain),
        }
    }

    fn extension(self) -> &'static str {
        self.readable().map_or("json", Form::extension)
    }

    fn render(self, doc: &Document, opts: RenderOptions) -> String {
        match self.readable() {
            None => model::to_json(doc),
            Some(form) => form.render(doc, opts),
        }
    }
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
    /// Threads to use (default: all cores). With 1, everything runs on one
    /// thread: extraction, writing, and loading the dictionaries.
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
    let stdin = args.inputs.iter().any(|p| p.as_os_str() == "-");
    if args.stdout || stdin {
        return single(args);
    }
    let out = args.out.as_deref().expect("clap requires --out without --stdout");
    let filter = PathFilter::new(&args.glob, &args.exclude).context("--glob/--exclude")?;
    let render = RenderOptions { mark_targets: args.mark_targets };
    let report =
        extract_with(&args.inputs, out, &args.common, &filter, readable_forms(&args.to), render)?;
    let mut code = if report.all_ok() { 0 } else { 1 };
    if let Some(format) = args.format {
        let files = report.document_files(out);
        let tables = zhengce_export::export_files(&files, out, &args.tables.options(format))
            .with_context(|| format!("cannot write the tables in {}", out.display()))?;
        code = code.max(crate::cmd_export::print_report(&tables, args.common.quiet));
    }
    Ok(code)
}

/// The forms besides JSON (which a folder always gets), each once.
fn readable_forms(to: &[OutputForm]) -> Vec<Form> {
    let mut forms: Vec<Form> = to.iter().filter_map(|f| f.readable()).collect();
    forms.sort();
    forms.dedup();
    forms
}

/// One document: a file or standard input (`-`), to standard output or a folder.
fn single(args: &ExtractArgs) -> Result<i32> {
    let [input] = args.inputs.as_slice() else {
        bail!(
            "`-` (standard input) and --stdout take exactly one input, not {}",
            args.inputs.len()
        );
    };
    let (bytes, name) = if input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).context("cannot read standard input")?;
        (bytes, args.name.clone())
    } else {
        let bytes =
            std::fs::read(input).with_context(|| format!("cannot read {}", input.display()))?;
        (bytes, input.to_string_lossy().into_owned())
    };
    let extractor = Extractor::new(args.common.limits.to_config());
    let doc = extractor.extract_owned(bytes, &name)?;
    let opts = RenderOptions { mark_targets: args.mark_targets };
    let mut forms = args.to.clone();
    forms.dedup();
    if args.stdout {
        let form = match forms.as_slice() {
            [] => OutputForm::Json,
            [one] => *one,
            _ => bail!("--stdout writes one form; give one --to"),
        };
        return crate::cmd_query::print_out(form.render(&doc, opts).as_bytes());
    }
    let out = args.out.as_deref().expect("clap requires --out without --stdout");
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder {}", out.display()))?;
    let stem = Path::new(&name).file_stem().map(|s| s.to_string_lossy().into_owned());
    let stem = stem.filter(|s| !s.is_empty()).unwrap_or_else(|| "stdin".into());
    forms.push(OutputForm::Json);
    forms.sort_by_key(|f| f.extension());
    forms.dedup();
    for form in forms {
        let path = out.join(format!("{stem}.{}", form.extension()));
        zhengce_batch::write_atomic(&path, form.render(&doc, opts).as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        if !args.common.quiet {
            eprintln!("{name}: {} targets; wrote {}", doc.targets.len(), path.display());
        }
    }
    Ok(0)
}

/// Runs a batch with a progress bar and prints its summary; shared with `run`.
pub fn extract(
    inputs: &[PathBuf],
    out: &std::path::Path,
    common: &CommonArgs,
) -> Result<zhengce_batch::Report> {
    extract_with(inputs, out, common, &PathFilter::default(), Vec::new(), RenderOptions::default())
}

/// [`extract`] with only the files in folders that `filter` accepts, also
/// writing the readable `forms` of each document.
fn extract_with(
    inputs: &[PathBuf],
    out: &std::path::Path,
    common: &CommonArgs,
    filter: &PathFilter,
    renderings: Vec<Form>,
    render: RenderOptions,
) -> Result<zhengce_batch::Report> {
    // First: its dictionaries load in the background while the inputs are
    // found, unless the run is held to one thread.
    let extractor = zhengce_batch::extractor_for(common.jobs, common.limits.to_config());
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder {}", out.display()))?;
    // Held to the end: a second batch into the same folder is refused.
    let _lock = zhengce_batch::lock::DirLock::acquire(out)?;
    zhengce_batch::remove_stale_temps(out);
    let (found, errors) = zhengce_batch::discover_filtered(inputs, Some(out), filter);
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
    let opts = Options { force: common.force, renderings, render };
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
