//! `zhengce serve` as users run it: over what `zhengce run` built from the
//! sample corpus, `/api/search` answers what `zhengce query` prints (the same
//! hits, in the same order, as the same JSON records; CSV byte for byte), its
//! facets count what `--group-by` counts; it listens on 127.0.0.1 unless told
//! otherwise; a missing or corrupt index is a clear error and exit code 2.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A running `zhengce serve`, killed when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `zhengce serve ARGS --port 0` and reads the address it announces.
fn serve(args: &[&std::ffi::OsStr]) -> Served {
    let mut child = bin()
        .arg("serve")
        .args(args)
        .args(["--port", "0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .rsplit_once("http://")
        .map(|(_, a)| a.trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Served { child, addr }
}

/// GET over a fresh connection; (status, body).
fn get(addr: &str, target: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[end + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let n = usize::from_str_radix(std::str::from_utf8(&rest[..nl]).unwrap().trim(), 16)
                .unwrap();
            rest = &rest[nl + 2..];
            if n == 0 {
                break;
            }
            out.extend_from_slice(&rest[..n]);
            rest = &rest[n + 2..];
        }
        body = out;
    }
    (status, body)
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `zhengce run` over the sample corpus into a temporary folder: (dir, stdout).
fn built() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .current_dir(root())
        .arg("run")
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--index")
        .arg(dir.path().join("idx"))
        .arg("--quiet")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (dir, String::from_utf8(o.stdout).unwrap())
}

#[test]
fn the_api_answers_what_query_prints() {
    let (dir, run_out) = built();
    let (idx, out) = (dir.path().join("idx"), dir.path().join("out"));
    // `run` says how to serve what it built.
    let command = format!("zhengce serve --index {} --out {}", idx.display(), out.display());
    assert!(run_out.contains(&command), "{run_out}");
    let served = serve(&["--index".as_ref(), idx.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert!(served.addr.starts_with("127.0.0.1:"), "loopback by default: {}", served.addr);

    // (query's arguments, the same question as URL parameters)
    type Question<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
    let questions: &[Question] = &[
        (&["教师"], &[("q", "教师")]),
        (&["教师", "--year", "2025"], &[("q", "教师"), ("year", "2025")]),
        (
            &["学校", "--year", "2021..2025", "--sort", "value_desc"],
            &[("q", "学校"), ("year", "2021..2025"), ("sort", "value_desc")],
        ),
        (&["--unit", "名", "--min-value", "100"], &[("unit", "名"), ("min_value", "100")]),
        (&["--owner", "基教处"], &[("owner", "基教处")]),
        (
            &["--kind", "achievement", "--sort", "year_desc"],
            &[("kind", "achievement"), ("sort", "year_desc")],
        ),
        (&["--doc", "004"], &[("doc", "004")]),
        (&["覆盖率", "--unit", "%"], &[("q", "覆盖率"), ("unit", "%")]),
        (&["--items", "--owner", "教研院"], &[("items", "1"), ("owner", "教研院")]),
    ];
    let index_arg = idx.to_str().unwrap();
    for (args, params) in questions {
        let query: String =
            params.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect::<Vec<_>>().join("&");
        let o = bin()
            .args(["query", "--index", index_arg, "--format", "json"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let cli: Value = serde_json::from_slice(&o.stdout).unwrap();
        let total = cli["total"].as_u64().unwrap() as usize;
        assert!(total > 0, "{args:?} finds something");
        // Page by page through the API: every hit, same order, same record.
        let mut hits = Vec::new();
        let mut page = 1;
        while hits.len() < total {
            let (status, body) =
                get(&served.addr, &format!("/api/search?{query}&per_page=50&page={page}"));
            assert_eq!(status, 200, "{query}: {}", String::from_utf8_lossy(&body));
            let api: Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(api["total"], cli["total"], "{query}");
            assert_eq!(api["words"], cli["words"], "{query}");
            let page_hits = api["hits"].as_array().unwrap();
            assert!(!page_hits.is_empty(), "{query}: page {page} is empty");
            hits.extend(page_hits.iter().cloned());
            page += 1;
        }
        assert_eq!(Value::Array(hits), cli["hits"], "{query}");
        // The download is the CLI's CSV byte for byte.
        let o = bin()
            .args(["query", "--index", index_arg, "--format", "csv"])
            .args(*args)
            .output()
            .unwrap();
        let (status, csv) = get(&served.addr, &format!("/api/search?{query}&format=csv"));
        assert_eq!(status, 200);
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            String::from_utf8(o.stdout).unwrap(),
            "{query}"
        );
        // Each facet counts what `--group-by` counts.
        let (_, body) = get(&served.addr, &format!("/api/facets?{query}&top=100"));
        let facets: Value = serde_json::from_slice(&body).unwrap();
        for key in ["owner", "year", "unit", "doc", "kind", "region", "issuer"] {
            let o = bin()
                .args(["query", "--index", index_arg, "--format", "json", "--group-by", key])
                .args(*args)
                .output()
                .unwrap();
            let groups: Value = serde_json::from_slice(&o.stdout).unwrap();
            let want: Vec<(String, u64)> = groups["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| (g["key"].as_str().unwrap().to_string(), g["count"].as_u64().unwrap()))
                .take(100)
                .collect();
            let facet =
                facets["facets"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap();
            let got: Vec<(String, u64)> = facet["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| (g["key"].as_str().unwrap().to_string(), g["count"].as_u64().unwrap()))
                .collect();
            assert_eq!(got, want, "{query}: facet {key}");
        }
    }

    // The pages are there too.
    let (status, page) = get(&served.addr, &format!("/?q={}", enc("教师")));
    assert_eq!(status, 200);
    assert!(String::from_utf8(page).unwrap().contains("<mark>教师</mark>"));
}

#[test]
fn a_missing_or_corrupt_index_is_a_clear_error_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-index-here");
    let corrupt = dir.path().join("corrupt");
    std::fs::create_dir(&corrupt).unwrap();
    std::fs::write(corrupt.join("meta.json"), "{ not json").unwrap();
    std::fs::write(corrupt.join("zhengce-index.json"), "{ not json").unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for idx in [&missing, &corrupt, &empty] {
        let o = bin().arg("serve").arg("--index").arg(idx).args(["--port", "0"]).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{}: {err}", idx.display());
        assert!(err.starts_with("zhengce: error: cannot serve"), "{err}");
        assert!(err.contains(&idx.display().to_string()), "names the index: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // A missing --out folder is refused as clearly.
    let (built, _) = built();
    let o = bin()
        .arg("serve")
        .arg("--index")
        .arg(built.path().join("idx"))
        .arg("--out")
        .arg(built.path().join("nothing"))
        .args(["--port", "0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing"), "{}", stderr(&o));
}
