//! The server in-process (no socket): API answers against the query crate on
//! the sample corpus, escaping of hostile document text, ids that try to
//! leave the output folder, long queries, a missing index.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;
use zhengce_extract::model::Document;
use zhengce_query::{QueryRequest, ZIndex};
use zhengce_serve::api::{blocking, Failure};
use zhengce_serve::pages::failure_page;
use zhengce_serve::{router, AppState, ServeConfig};

use common::build;

async fn get(state: &Arc<AppState>, uri: &str) -> (StatusCode, String) {
    let res = router(Arc::clone(state))
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), 64 << 20).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap()
}

const TEACHERS: &str = "%E6%95%99%E5%B8%88"; // 教师

#[test]
fn api_answers_as_the_query_crate_does() {
    let tmp = tempfile::tempdir().unwrap();
    let config = build(tmp.path(), &[]);
    let state = Arc::new(AppState::open(&config).unwrap());
    let index = ZIndex::open(&config.index).unwrap();
    rt().block_on(async {
        let (status, body) =
            get(&state, &format!("/api/search?q={TEACHERS}&year=2025&per_page=100")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        let want = index
            .search(&QueryRequest {
                text: Some("教师".into()),
                year: Some("2025".parse().unwrap()),
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        assert!(want.total > 0);
        assert_eq!(json["total"].as_u64().unwrap() as usize, want.total);
        let ids: Vec<String> = json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{}#{}", h["document"].as_str().unwrap(), h["id"].as_str().unwrap()))
            .collect();
        let want_ids: Vec<String> =
            want.hits.iter().map(|h| format!("{}#{}", h.document, h.id)).collect();
        assert_eq!(ids, want_ids);
        assert!(json["hits"].as_array().unwrap().iter().any(|h| h["value"] == 2000.0));

        // Facets: the year facet of 教师 counts what a year filter finds.
        let (_, body) = get(&state, &format!("/api/facets?q={TEACHERS}&top=100")).await;
        let facets: serde_json::Value = serde_json::from_str(&body).unwrap();
        let years =
            facets["facets"].as_array().unwrap().iter().find(|f| f["key"] == "year").unwrap();
        let y2025 =
            years["groups"].as_array().unwrap().iter().find(|g| g["key"] == "2025").unwrap();
        assert_eq!(y2025["count"].as_u64().unwrap() as usize, want.total);
        let groups = index
            .group(
                &QueryRequest { text: Some("教师".into()), ..Default::default() },
                zhengce_query::GroupBy::Owner,
            )
            .unwrap();
        let owners =
            facets["facets"].as_array().unwrap().iter().find(|f| f["key"] == "owner").unwrap();
        let first = &owners["groups"][0];
        assert_eq!(first["key"].as_str().unwrap(), groups.groups[0].key);
        assert_eq!(first["count"].as_u64().unwrap(), groups.groups[0].count);

        // Paging and sorting by value.
        let (_, body) = get(&state, "/api/search?sort=value_desc&per_page=3&page=2").await;
        let page2: serde_json::Value = serde_json::from_str(&body).unwrap();
        let (_, body) = get(&state, "/api/search?sort=value_desc&per_page=6").await;
        let first6: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(page2["hits"][0]["id"], first6["hits"][3]["id"]);
        let values: Vec<f64> = first6["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["value"].as_f64().unwrap())
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");

        // CSV download: BOM, every hit.
        let (status, body) =
            get(&state, &format!("/api/search?q={TEACHERS}&year=2025&format=csv")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.starts_with('\u{feff}'));
        assert_eq!(body.trim_end().lines().count(), want.total + 1);

        // The search page: facets with counts, the 2,000 target, a link to its document.
        let (status, page) = get(&state, &format!("/?q={TEACHERS}&year=2025")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<mark>教师</mark>"), "matched words marked");
        assert!(page.contains("facet-year") && page.contains("<svg"));
        let doc_link = want.hits.iter().find(|h| h.value == Some(2000.0)).unwrap();
        assert!(page.contains(&format!("/documents/{}#t-{}", doc_link.document, doc_link.id)));

        // Its document page marks the target at its span.
        let (status, doc_page) = get(&state, &format!("/documents/{}", doc_link.document)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(doc_page.contains(&format!("id=\"t-{}\"", doc_link.id)));
        let (status, doc_json) =
            get(&state, &format!("/api/documents/{}", doc_link.document)).await;
        assert_eq!(status, StatusCode::OK);
        let doc: Document = serde_json::from_str(&doc_json).unwrap();
        assert!(doc.targets.iter().any(|t| t.value == 2000.0));
    });
}

#[test]
fn hostile_text_is_escaped_and_paths_stay_inside() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "一、总体目标\n到2025年，新增<script>alert(1)</script>教师\"onload=alert(2) </textarea>500名。\n";
    let ex = zhengce_extract::Extractor::new(Default::default());
    let doc = ex.extract(text.as_bytes(), "evil.txt").unwrap();
    assert!(!doc.targets.is_empty(), "the hostile document has a target");
    let config = build(tmp.path(), &[("evil", doc)]);
    std::fs::write(tmp.path().join("secret.json"), "{\"secret\": 1}").unwrap();
    let state = Arc::new(AppState::open(&config).unwrap());
    rt().block_on(async {
        for uri in [
            "/documents/evil",
            "/?doc=evil",
            "/?q=%3Cscript%3E",
            "/?q=%22onload%3Dalert(3)%20%3C%2Ftextarea%3E",
            "/documents/%3Cscript%3Ealert(4)%3C%2Fscript%3E",
            "/?year=%3Cscript%3E",
        ] {
            let (_, page) = get(&state, uri).await;
            assert!(!page.contains("<script>alert"), "{uri}");
            assert!(!page.contains("</textarea>"), "{uri}");
            assert!(!page.contains("\"onload="), "{uri}");
        }
        // JSON answers hold the text as it is, as JSON that no browser sniffs
        // into HTML; pages forbid inline scripts besides escaping.
        for uri in ["/api/documents/evil", "/api/search?doc=evil", "/documents/evil", "/"] {
            let res = router(Arc::clone(&state))
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let h = res.headers();
            assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
            if uri.starts_with("/api/") {
                assert!(h["content-type"].to_str().unwrap().starts_with("application/json"));
            } else {
                let csp = h["content-security-policy"].to_str().unwrap();
                assert!(
                    csp.contains("script-src 'self'")
                        && !csp.contains("script-src 'self' 'unsafe-inline'"),
                    "{csp}"
                );
            }
        }
        let (status, page) = get(&state, "/documents/evil").await;
        assert_eq!(status, StatusCode::OK);
        // Shown as text, in the text and in the target's record.
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page}");
        assert!(page.contains("&quot;onload=alert(2) &lt;/textarea&gt;"), "{page}");
        for uri in [
            "/api/documents/..%2Fsecret",
            "/documents/..%2Fsecret",
            "/api/documents/%2E%2E%2Fsecret",
            "/api/documents/..",
            "/documents/%2Fetc%2Fpasswd",
            "/api/documents/out%2F..%2F..%2Fsecret",
        ] {
            let (status, body) = get(&state, uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
            assert!(!body.contains("secret\": 1"));
        }
        let (status, _) = get(&state, "/api/documents/nothing-here").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let long = "%E6%95%99".repeat(201);
        let (status, body) = get(&state, &format!("/api/search?q={long}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("at most 200"), "{body}");
        let (status, page) = get(&state, &format!("/?owner={long}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(page.contains("owner is 201 characters long; at most 200"), "{page}");
        // The whole query string is limited before anything parses it.
        let many = "x=1&".repeat(1100);
        for uri in [format!("/api/search?{many}"), format!("/?{many}")] {
            let (status, body) = get(&state, &uri).await;
            assert_eq!(status, StatusCode::URI_TOO_LONG);
            assert!(body.contains("at most 4096"), "{body}");
        }
        let (status, _) = get(&state, "/?year=soon").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    });
}

#[test]
fn a_missing_or_corrupt_index_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let err = AppState::open(&ServeConfig::new(tmp.path().join("none"))).err().unwrap();
    assert!(err.to_string().contains("none"), "{err}");
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join(zhengce_query::schema::META_FILE), "not json").unwrap();
    assert!(AppState::open(&ServeConfig::new(bad)).is_err());
}

#[test]
fn a_slow_query_times_out_with_a_clear_message_and_is_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = build(tmp.path(), &[]);
    config.timeout = Duration::from_millis(50);
    let state = Arc::new(AppState::open(&config).unwrap());
    rt().block_on(async {
        // A stand-in for a slow query: it runs until it is told to stop, so
        // the test proves the stop too, and makes no guess at timing.
        let (stopped, saw_stop) = std::sync::mpsc::channel();
        let answer = blocking(&state, move |_, cancel| {
            while !cancel.is_cancelled() {
                std::thread::sleep(Duration::from_millis(1));
            }
            stopped.send(()).unwrap();
            Ok(())
        })
        .await;
        let failure = answer.unwrap_err();
        assert!(matches!(failure, Failure::Timeout(_)), "{failure:?}");
        saw_stop.recv_timeout(Duration::from_secs(60)).expect("the slow query was told to stop");
        // As the API and the page show it.
        assert_eq!(failure.status(), StatusCode::SERVICE_UNAVAILABLE);
        let msg = failure.message();
        assert!(msg.contains("查询超时") && msg.contains("narrow it"), "{msg}");
        let page = failure_page(&failure);
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(page.into_body(), 1 << 20).await.unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(body.contains("id=\"error\"") && body.contains("查询超时"), "{body}");
        // The thread is free again: the real question is answered.
        while state.queries.running() > 0 {
            tokio::task::yield_now().await;
        }
        let (status, body) = get(&state, &format!("/api/search?q={TEACHERS}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    });
}

/// The API and the page both answer the teachers' question with 503: the
/// API's JSON error holds `chinese` and `english`, the page shows `chinese`.
async fn assert_unavailable(state: &Arc<AppState>, chinese: &str, english: &str) {
    let (status, body) = get(state, &format!("/api/search?q={TEACHERS}")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let msg = json["error"].as_str().unwrap();
    assert!(msg.contains(chinese) && msg.contains(english), "{msg}");
    let (status, page) = get(state, &format!("/?q={TEACHERS}")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.contains("id=\"error\"") && page.contains(chinese), "{page}");
}

/// Puts in line a stand-in for a slow query, which holds its thread until
/// the sender of `held` is dropped: no guess at timing.
fn stand_in(state: &AppState, held: &crossbeam_channel::Receiver<()>) {
    let held = held.clone();
    state
        .queries
        .spawn(Box::new(move || {
            held.recv().ok();
        }))
        .unwrap();
}

/// Waits until `n` query threads are taken.
fn until_running(state: &AppState, n: usize) {
    while state.queries.running() < n {
        std::thread::yield_now();
    }
}

#[test]
fn when_every_query_slot_is_taken_the_answer_is_busy() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = build(tmp.path(), &[]);
    config.timeout = Duration::from_millis(50);
    config.max_queries = 2;
    let state = Arc::new(AppState::open(&config).unwrap());
    // Stand-ins for two slow queries hold both threads.
    let (release, held) = crossbeam_channel::unbounded::<()>();
    stand_in(&state, &held);
    stand_in(&state, &held);
    until_running(&state, 2);
    rt().block_on(async {
        assert_unavailable(&state, "服务器繁忙", "2 queries running").await;
        drop(release);
        // A free thread: answered; the questions that gave up were skipped.
        let (status, body) = get(&state, &format!("/api/search?q={TEACHERS}&facets=1")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(state.queries.waiting(), 0);
    });
}

#[test]
fn when_the_line_of_waiting_queries_is_full_the_answer_is_busy_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = build(tmp.path(), &[]);
    // A timeout no test waits out: the answer must not wait for it.
    config.timeout = Duration::from_secs(600);
    config.max_queries = 1;
    config.max_waiting = Some(2);
    assert_eq!(config.waiting_limit(), 2);
    let state = Arc::new(AppState::open(&config).unwrap());
    // A stand-in holds the one thread; once it runs, two more fill the line.
    let (release, held) = crossbeam_channel::unbounded::<()>();
    stand_in(&state, &held);
    until_running(&state, 1);
    stand_in(&state, &held);
    stand_in(&state, &held);
    assert_eq!(state.queries.waiting(), 2);
    rt().block_on(async {
        assert_unavailable(&state, "2 个在排队", "1 queries running and 2 waiting").await;
        let res = router(Arc::clone(&state))
            .oneshot(Request::get(format!("/api/search?q={TEACHERS}")).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.headers()["retry-after"], "1");
        // Released, the stand-ins end and the line empties: a question is answered.
        drop(release);
        while state.queries.waiting() + state.queries.running() > 0 {
            tokio::task::yield_now().await;
        }
        let (status, body) = get(&state, &format!("/api/search?q={TEACHERS}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    });
    let mut defaults = ServeConfig::new(config.index.clone());
    defaults.max_queries = 3;
    assert_eq!(defaults.waiting_limit(), 3 * zhengce_serve::WAITING_PER_QUERY);
}

#[test]
fn search_with_facets_in_one_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let config = build(tmp.path(), &[]);
    let state = Arc::new(AppState::open(&config).unwrap());
    rt().block_on(async {
        let (status, body) =
            get(&state, &format!("/api/search?q={TEACHERS}&year=2025&facets=1&top=5")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        let (_, facets) = get(&state, &format!("/api/facets?q={TEACHERS}&year=2025&top=5")).await;
        let facets: serde_json::Value = serde_json::from_str(&facets).unwrap();
        assert_eq!(json["facets"], facets["facets"]);
        assert_eq!(json["total"], facets["total"]);
        let keys: Vec<&str> =
            json["facets"].as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
        assert_eq!(keys, ["year", "kind", "unit", "owner", "doc", "region", "issuer"]);
        let (_, plain) = get(&state, &format!("/api/search?q={TEACHERS}&year=2025")).await;
        let plain: serde_json::Value = serde_json::from_str(&plain).unwrap();
        assert!(plain.get("facets").is_none());
        assert_eq!(plain["hits"], json["hits"]);
    });
}
