//! zhengce: the command line. Argument parsing and wiring only; the logic lives in
//! the library crates (`zhengce-extract`, `zhengce-batch`, `zhengce-eval`, `zhengce-query`).
//!
//! Exit codes: 0 success; 1 some inputs failed (`extract`), the score fell below
//! `--min-f1` (`eval`) or something changed (`diff`); 2 a usage or fatal error.

mod cmd_eval;
mod cmd_extract;
mod cmd_query;
mod cmd_run;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: the extractor allocates many small strings per document on every
/// thread, where it is markedly faster than the system allocator (see the
/// pipeline bench, which uses it too).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zhengce",
    version,
    about = "Chinese policy documents to structured, searchable data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents (.txt .htm .html .docx; files and folders) into DIR/<stem>.json and DIR/report.json.
    Extract(cmd_extract::ExtractArgs),
    /// Score extracted documents against gold target files.
    Eval(cmd_eval::EvalArgs),
    /// Compare two extraction runs: targets added, removed and changed; headings and items whose text changed.
    Diff(cmd_eval::DiffArgs),
    /// Build or update the search index from a folder of extracted documents.
    Index(cmd_query::IndexArgs),
    /// Search the index for targets (or items) by words and filters; count them per group.
    Query(cmd_query::QueryArgs),
    /// Extract the inputs (default: the sample corpus), index them and print a summary.
    Run(cmd_run::RunArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract(a) => cmd_extract::run(a),
        Command::Eval(a) => cmd_eval::eval(a),
        Command::Diff(a) => cmd_eval::diff(a),
        Command::Index(a) => cmd_query::index(a),
        Command::Query(a) => cmd_query::query(a),
        Command::Run(a) => cmd_run::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "zhengce: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`zhengce query … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
