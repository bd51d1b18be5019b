//! Load benchmark (not a test): 32 concurrent clients on loopback against
//! `/api/search` with filters and facets, over the query bench's index of
//! 1,000,000 targets; prints throughput and latency percentiles.
//!
//! ```sh
//! ZHENGCE_BENCH_INDEX=/tmp/zhengce-bench-idx cargo bench -p zhengce-serve --bench load
//! ```
//!
//! `ZHENGCE_BENCH_INDEX` keeps (and reuses) the index, shared with
//! `cargo bench -p zhengce-query --bench index`; `ZHENGCE_BENCH_TARGETS`
//! (default 1,000,000), `ZHENGCE_LOAD_CLIENTS` (32), `ZHENGCE_LOAD_SECS` (20);
//! `ZHENGCE_LOAD_QUESTIONS` (query strings separated by `|`, as in
//! `QUESTIONS`) asks those instead, e.g. one question under a profiler.
//! Each client holds one keep-alive connection and sends the next request
//! when the answer to the last has arrived (a closed loop), cycling through
//! the questions below from its own starting point. The server runs in this
//! process on its own runtime; clients and server share the machine's cores.

#[path = "../../zhengce-query/tests/common/mod.rs"]
mod common;
#[path = "../../zhengce-query/benches/support/synth.rs"]
mod synth;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use zhengce_serve::{ServeConfig, Server};

/// The allocator of the `zhengce` binary, whose server this measures.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `/api/search` questions: words, filters, sorting, paging, and every facet.
const QUESTIONS: &[&str] = &[
    "q=教师&year=2025&facets=1",
    "q=学校&year=2021..2025&sort=value_desc&facets=1",
    "owner=鹿城区教育局&facets=1",
    "q=教师&region=瑞安市&facets=1",
    "unit=名&min_value=100&max_value=1000&facets=1",
    "q=幼儿园&kind=target&page=2&facets=1",
    "year=2023&facets=1",
    "q=新锐教师&facets=1",
    "q=覆盖率&unit=%&facets=1",
    "q=课程&owner=技术中心&sort=year_desc&facets=1",
    "kind=achievement&facets=1",
    "q=培训&year=2022..2024&page=3&facets=1",
];

fn enc(s: &str) -> String {
    let mut out = String::new();
    for part in s.split('&') {
        let (k, v) = part.split_once('=').unwrap();
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        for b in v.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// One keep-alive connection.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    host: String,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let s = TcpStream::connect(addr).expect("connect");
        s.set_nodelay(true).unwrap();
        Client { writer: s.try_clone().unwrap(), reader: BufReader::new(s), host: addr.to_string() }
    }

    /// Sends a GET and reads the whole answer; returns the status.
    fn get(&mut self, target: &str) -> std::io::Result<u16> {
        write!(self.writer, "GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host)?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let mut length = None;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse::<usize>().ok();
                }
            }
        }
        let n = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
        let mut body = vec![0; n];
        self.reader.read_exact(&mut body)?;
        Ok(status)
    }
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let clients = env("ZHENGCE_LOAD_CLIENTS", 32) as usize;
    let secs = env("ZHENGCE_LOAD_SECS", 20);
    let bench = synth::bench_index(synth::wanted_targets());
    println!("index: {} ({} targets)", bench.path.display(), bench.targets);

    let mut config = ServeConfig::new(bench.path.clone());
    config.port = 0;
    let server = Server::bind(&config).expect("bind");
    let addr = server.local_addr();
    std::thread::spawn(move || server.run().expect("serve"));

    let asked: Vec<String> = match std::env::var("ZHENGCE_LOAD_QUESTIONS") {
        Ok(qs) => qs.split('|').filter(|q| !q.is_empty()).map(str::to_string).collect(),
        Err(_) => QUESTIONS.iter().map(|q| q.to_string()).collect(),
    };
    let targets: Vec<String> = asked.iter().map(|q| format!("/api/search?{}", enc(q))).collect();
    // Warm up: each question once, checked.
    let mut c = Client::connect(addr);
    for t in &targets {
        let status = c.get(t).expect("warm-up request");
        assert_eq!(status, 200, "{t}");
    }
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{clients} clients, {secs} s, {} questions, on {cpus} cores (load average before: {})",
        targets.len(),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );

    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|i| {
            let stop = Arc::clone(&stop);
            let targets = targets.clone();
            std::thread::spawn(move || {
                let mut c = Client::connect(addr);
                let mut lat = Vec::new();
                let mut per_q: Vec<Vec<Duration>> = vec![Vec::new(); targets.len()];
                let mut errors = 0u64;
                let mut n = i;
                while !stop.load(Ordering::Relaxed) {
                    let q = n % targets.len();
                    let t = Instant::now();
                    match c.get(&targets[q]) {
                        Ok(200) => {
                            let el = t.elapsed();
                            lat.push(el);
                            per_q[q].push(el);
                        }
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            c = Client::connect(addr);
                        }
                    }
                    n += 1;
                }
                (lat, per_q, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(secs));
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut per_q: Vec<Vec<Duration>> = vec![Vec::new(); targets.len()];
    let mut errors = 0;
    for h in handles {
        let (lat, pq, e) = h.join().unwrap();
        all.extend(lat);
        for (into, v) in per_q.iter_mut().zip(pq) {
            into.extend(v);
        }
        errors += e;
    }
    let wall = start.elapsed().as_secs_f64();
    all.sort();
    println!(
        "{} answers in {wall:.1} s: {:.0} requests/s, {errors} errors",
        all.len(),
        all.len() as f64 / wall
    );
    println!(
        "latency ms: p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1} (goal: p99 < 50)",
        pct(&all, 0.5),
        pct(&all, 0.9),
        pct(&all, 0.99),
        pct(&all, 1.0)
    );
    for (q, mut v) in asked.iter().zip(per_q) {
        if v.is_empty() {
            continue;
        }
        v.sort();
        println!("  p50 {:>7.1} ms  p99 {:>7.1} ms  {q}", pct(&v, 0.5), pct(&v, 0.99));
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average after: {}",
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
}
