//! zhengce: the command line. Argument parsing and wiring only; the logic lives in
//! the library crates (`zhengce-extract`, `zhengce-batch`, `zhengce-eval`, `zhengce-query`,
//! `zhengce-export`, `zhengce-serve`).
//!
//! Exit codes: 0 success; 1 some inputs failed (`extract`), the score fell below
//! `--min-f1` (`eval`), something changed (`diff`) or nothing matched (`query`);
//! 2 a usage or fatal error. A closed pipe (`zhengce query … | head`) ends quietly with 0.

mod cmd_eval;
mod cmd_export;
mod cmd_extract;
mod cmd_query;
mod cmd_run;
mod cmd_serve;
mod cmd_shell;
mod color;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// mimalloc: the extractor allocates many small strings per document on every
/// thread, where it is markedly faster than the system allocator (see the
/// pipeline bench, which uses it too). Built without transparent huge pages
/// (the workspace's `no_thp` feature): with them, the batch's heap took 31
/// huge pages the kernel zeroed on first touch (62 MB for an 8.5 MB peak of
/// live data; up to a tenth of the samples of a batch writing to disk, in
/// `clear_page`); without, it touches 4 KiB pages as it needs them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zhengce",
    version,
    about = "Chinese policy documents to structured, searchable data"
)]
struct Cli {
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = color::ColorChoice::Auto)]
    color: color::ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents (.txt .htm .html .docx; files and folders) into DIR/<stem>.json and DIR/report.json.
    Extract(cmd_extract::ExtractArgs),
    /// Write a folder of extracted documents as tables (documents, targets, items) in Parquet or NDJSON.
    Export(cmd_export::ExportArgs),
    /// Score extracted documents against gold target files.
    Eval(cmd_eval::EvalArgs),
    /// Compare two extraction runs: targets added, removed and changed; headings and items whose text changed.
    Diff(cmd_eval::DiffArgs),
    /// Build or update the search index from a folder of extracted documents.
    Index(cmd_query::IndexArgs),
    /// Search the index for targets (or items) by words and filters; count them per group.
    Query(cmd_query::QueryArgs),
    /// Serve the researchers' web page and JSON API over an index (read-only).
    Serve(cmd_serve::ServeArgs),
    /// Extract the inputs (default: the sample corpus), index them and print a summary.
    Run(cmd_run::RunArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cmd_shell::CompletionsArgs),
    /// Print the manual page (roff): `zhengce man > zhengce.1`.
    Man,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract(a) => cmd_extract::run(a),
        Command::Export(a) => cmd_export::run(a),
        Command::Eval(a) => cmd_eval::eval(a),
        Command::Diff(a) => cmd_eval::diff(a),
        Command::Index(a) => cmd_query::index(a),
        Command::Query(a) => cmd_query::query(a, cli.color),
        Command::Serve(a) => cmd_serve::serve(a),
        Command::Run(a) => cmd_run::run(a),
        Command::Completions(a) => cmd_shell::completions(a, Cli::command()),
        Command::Man => cmd_shell::man(Cli::command()),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "zhengce: error: {}", causes(&e));
            ExitCode::from(2)
        }
    }
}

/// The chain of causes joined by `: `, each said once: a cause whose text the
/// message before it already holds (`{path}: {source}` with `source` as the
/// cause) is not repeated.
fn causes(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for c in e.chain() {
        let text = c.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// A closed pipe (`zhengce query … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
