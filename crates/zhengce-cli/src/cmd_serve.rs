//! cmd_serve: `zhengce serve` — map arguments to zhengce-serve's config and run it.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

/// `zhengce serve --index IDX [--out DIR] [--host 127.0.0.1] [--port 8080]`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Index directory built by `zhengce index` or `zhengce run`.
    #[arg(long, value_name = "IDX", value_hint = clap::ValueHint::DirPath)]
    pub index: PathBuf,
    /// Folder of extracted documents (for the document pages).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Address to listen on; only this machine by default.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Seconds a query may take before the page says it took too long.
    #[arg(long, default_value_t = 10.0)]
    pub timeout: f64,
    /// Queries that run at once (default: the number of cores); more wait
    /// for a free slot until the timeout, then get a "busy" answer.
    #[arg(long, value_name = "N")]
    pub max_queries: Option<usize>,
    /// Queries that may wait for a free slot (default: 64 per slot); one
    /// more is answered "busy" at once.
    #[arg(long, value_name = "N")]
    pub max_waiting: Option<usize>,
}

/// Runs `zhengce serve` until interrupted.
pub fn serve(a: &ServeArgs) -> anyhow::Result<i32> {
    let mut config = zhengce_serve::ServeConfig::new(a.index.clone());
    config.out = a.out.clone();
    config.host = a.host.clone();
    config.port = a.port;
    config.timeout = std::time::Duration::from_secs_f64(a.timeout.max(0.001));
    if let Some(n) = a.max_queries {
        config.max_queries = n.max(1);
    }
    config.max_waiting = a.max_waiting;
    let server = zhengce_serve::Server::bind(&config)
        .with_context(|| format!("cannot serve {}", a.index.display()))?;
    eprintln!("serving {} on http://{}/", a.index.display(), server.local_addr());
    server.run()?;
    Ok(0)
}
