mod cmd_query;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "zhengce", about = "Chinese policy documents to structured data")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or update the search index from a folder of extracted documents.
    Index(cmd_query::IndexArgs),
    /// Search the index for targets (or items) by words and filters.
    Query(cmd_query::QueryArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Index(args) => cmd_query::index(args),
        Command::Query(args) => cmd_query::query(args),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("zhengce: {e:#}");
            std::process::exit(2);
        }
    }
}
