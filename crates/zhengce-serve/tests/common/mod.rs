//! Shared by the server's tests: the sample corpus extracted and indexed, a
//! server on a free loopback port, and a small HTTP/1.1 client (std only).
#![allow(dead_code)]

pub mod webdriver;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use zhengce_extract::model::{to_json, Document};
use zhengce_serve::{ServeConfig, Server};

pub fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Extracts the sample corpus (the files directly in `corpus/`) into
/// `dir/out`, adds `extra` documents, and indexes the folder into `dir/idx`.
pub fn build(dir: &Path, extra: &[(&str, Document)]) -> ServeConfig {
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let ex = zhengce_extract::Extractor::new(Default::default());
    for e in std::fs::read_dir(corpus()).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            let doc = ex.extract(&std::fs::read(&p).unwrap(), &p.to_string_lossy()).unwrap();
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            std::fs::write(out.join(format!("{stem}.json")), to_json(&doc)).unwrap();
        }
    }
    for (stem, doc) in extra {
        std::fs::write(out.join(format!("{stem}.json")), to_json(doc)).unwrap();
    }
    zhengce_query::index_dir(&out, dir.join("idx")).unwrap();
    let mut c = ServeConfig::new(dir.join("idx"));
    c.out = Some(out);
    c.port = 0;
    c
}

/// Binds `config` on a free loopback port and serves it on a thread of its own
/// (for the rest of the test process).
pub fn spawn(config: &ServeConfig) -> SocketAddr {
    let mut config = config.clone();
    config.host = "127.0.0.1".into();
    config.port = 0;
    let server = Server::bind(&config).expect("the server binds");
    let addr = server.local_addr();
    std::thread::spawn(move || server.run().expect("the server runs"));
    addr
}

/// An HTTP/1.1 answer: status, headers (names lower-cased), body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// One request on a fresh connection (`Connection: close`); `target` is the
/// path and query, already percent-encoded.
pub fn http(method: &str, addr: &str, target: &str, body: Option<&str>) -> std::io::Result<Answer> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = body.unwrap_or("");
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if method != "GET" && method != "DELETE" || !body.is_empty() {
        req.push_str(&format!(
            "Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes())?;
    // Read by Content-Length when there is one: chromedriver keeps the
    // connection open whatever the request says.
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = s.read(&mut buf)?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .split("\r\n")
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.trim() == "content-length")
                .and_then(|(_, v)| v.trim().parse::<usize>().ok());
            if length.is_some_and(|len| raw.len() >= end + 4 + len) {
                break;
            }
        }
    }
    parse_answer(&raw)
}

pub fn get(addr: &SocketAddr, target: &str) -> Answer {
    http("GET", &addr.to_string(), target, None).unwrap_or_else(|e| panic!("GET {target}: {e}"))
}

fn bad(why: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_string())
}

fn parse_answer(raw: &[u8]) -> std::io::Result<Answer> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| bad("no header end"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| bad("header not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| bad("no status"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut rest = &raw[end + 4..];
    if let Some(len) = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        rest = &rest[..len.min(rest.len())];
    }
    let chunked =
        headers.iter().any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked { dechunk(rest)? } else { rest.to_vec() };
    Ok(Answer { status, headers, body })
}

fn dechunk(mut rest: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end =
            rest.windows(2).position(|w| w == b"\r\n").ok_or_else(|| bad("chunk size"))?;
        let size = std::str::from_utf8(&rest[..line_end]).map_err(|_| bad("chunk size"))?;
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16)
            .map_err(|_| bad("chunk size"))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if rest.len() < size + 2 {
            return Err(bad("short chunk"));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `target/` of this build (`target/debug/deps/<test>` → `target`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).expect("target/<profile>/deps/<test>").to_path_buf()
}
