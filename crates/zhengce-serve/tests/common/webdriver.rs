//! A minimal W3C WebDriver client over the HTTP client of `common`: Debian's
//! headless chromium through /usr/bin/chromedriver. Lighter to build than a
//! WebDriver crate; it does what the browser tests need and panics with the
//! driver's message on any error. A missing chromium or chromedriver fails
//! (`scripts/install/40-chromium.sh` installs them).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C name of an element reference in a JSON answer.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Browser {
    driver: Child,
    addr: String,
    session: String,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    /// Starts chromedriver on a free loopback port and a headless chromium session.
    pub fn start() -> Browser {
        for exe in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(exe).is_file(),
                "{exe} is missing: run `bash scripts/install/40-chromium.sh` (as root)"
            );
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
        let addr = format!("127.0.0.1:{port}");
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser { driver, addr, session: String::new(), _profile: profile };
        let start = Instant::now();
        loop {
            let ready = super::http("GET", &browser.addr, "/status", None)
                .ok()
                .and_then(|a| serde_json::from_slice::<Value>(&a.body).ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                break;
            }
            if let Ok(Some(status)) = browser.driver.try_wait() {
                panic!("{CHROMEDRIVER} exited: {status}");
            }
            assert!(start.elapsed() < Duration::from_secs(60), "chromedriver never got ready");
            std::thread::sleep(Duration::from_millis(100));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000",
            "--lang=zh-CN",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", browser._profile.path().display())])
        .collect::<Vec<_>>();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let v = browser.raw("POST", "/session", Some(caps));
        browser.session = v["sessionId"].as_str().expect("a session id").to_string();
        browser.cmd(
            "POST",
            "timeouts",
            json!({"implicit": 10_000, "pageLoad": 60_000, "script": 30_000}),
        );
        browser
    }

    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let answer = super::http(method, &self.addr, path, body.as_deref())
            .unwrap_or_else(|e| panic!("webdriver {method} {path}: {e}"));
        let v: Value = serde_json::from_slice(&answer.body).unwrap_or_else(|e| {
            panic!("webdriver {method} {path}: {e}: {}", String::from_utf8_lossy(&answer.body))
        });
        if answer.status != 200 {
            panic!("webdriver {method} {path}: {} {}", answer.status, v["value"]);
        }
        v["value"].clone()
    }

    /// A command of this session (`url`, `element/ID/click`, …).
    pub fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let body = if method == "GET" { None } else { Some(body) };
        self.raw(method, &format!("/session/{}/{path}", self.session), body)
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "url", json!({ "url": url }));
    }

    pub fn url(&self) -> String {
        self.cmd("GET", "url", Value::Null).as_str().unwrap_or_default().to_string()
    }

    /// Waits (up to 20 s) until the address satisfies `ok`.
    pub fn wait_url(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let url = self.url();
            if ok(&url) {
                return url;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "never reached {what}: at {url}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn element_id(v: &Value) -> String {
        v[ELEMENT].as_str().expect("an element reference").to_string()
    }

    /// The first element matching a CSS selector (waiting up to the implicit timeout).
    pub fn find(&self, css: &str) -> String {
        Self::element_id(&self.cmd(
            "POST",
            "element",
            json!({"using": "css selector", "value": css}),
        ))
    }

    pub fn find_xpath(&self, xpath: &str) -> String {
        Self::element_id(&self.cmd("POST", "element", json!({"using": "xpath", "value": xpath})))
    }

    pub fn find_all(&self, css: &str) -> Vec<String> {
        self.cmd("POST", "elements", json!({"using": "css selector", "value": css}))
            .as_array()
            .map(|a| a.iter().map(Self::element_id).collect())
            .unwrap_or_default()
    }

    pub fn click(&self, el: &str) {
        self.cmd("POST", &format!("element/{el}/click"), json!({}));
    }

    pub fn type_text(&self, el: &str, text: &str) {
        self.cmd("POST", &format!("element/{el}/value"), json!({ "text": text }));
    }

    pub fn text(&self, el: &str) -> String {
        self.cmd("GET", &format!("element/{el}/text"), Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn attr(&self, el: &str, name: &str) -> Option<String> {
        self.cmd("GET", &format!("element/{el}/attribute/{name}"), Value::Null)
            .as_str()
            .map(str::to_string)
    }

    /// Runs `script` (a function body; `arguments[i]` are `args`) in the page.
    pub fn exec(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd("POST", "execute/sync", json!({ "script": script, "args": args }))
    }

    /// An element as a script argument.
    pub fn arg(el: &str) -> Value {
        json!({ ELEMENT: el })
    }

    /// Saves a PNG of the viewport to `path`.
    pub fn screenshot(&self, path: &Path) {
        let b64 = self.cmd("GET", "screenshot", Value::Null);
        let png = base64_decode(b64.as_str().expect("base64 text"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = super::http("DELETE", &self.addr, &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let bytes: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c) << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGk="), b"hi");
    assert_eq!(base64_decode("YWJj"), b"abc");
}
