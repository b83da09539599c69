//! `briefing serve` as a user runs it: the real binary on a temp copy of the sample project,
//! spoken to over loopback with plain HTTP/1.1 on a `TcpStream`.
//!
//! - `serves_rebuilds_shows_errors_and_stops_on_ctrl_c`: the site and its files with their
//!   content types, the reload script in served pages only, refusals (traversal, methods),
//!   an edit visible in the served page (the time it took is printed), a broken front matter
//!   reported at `path:line:col` by the events endpoint, its overlay and the terminal while the
//!   last good page is still served, the fix clearing it, no rebuild caused by the build's own
//!   writes, and SIGINT ending the process with exit code 0.
//! - `pages_stay_served_while_builds_swap_the_site_in`: a page fetched in a loop through five
//!   rebuilds is never missing.
//! - `starts_on_a_broken_project_and_serves_once_it_is_fixed`: no site yet, the errors
//!   reported, then the first good build served.
//! - `a_taken_port_is_refused_clearly` and `serves_on_the_port_asked_for`.
//!
//! Every wait is a bounded poll; the only fixed pause checks that nothing happens.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use common::serve::{
    Preview, append, events, get, request, spawn, wait_exit, wait_for, wait_for_value,
};

/// The sample source the test edits.
const SOURCE: &str = "content/xi-putin-kim-one-stage.md";
const SOURCE_PAGE: &str = "/sources/xi-putin-kim-one-stage.html";

#[test]
fn serves_rebuilds_shows_errors_and_stops_on_ctrl_c() {
    let project = common::sample_project();
    let root = project.path();
    let mut preview = Preview::start(root, &[]);
    let port = preview.port;

    // The site, with content types; the script in pages as served, not on disk.
    let index = get(port, "/");
    assert_eq!(index.status, 200, "{}", index.body);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(index.body.contains("<h1"), "{}", index.body);
    assert!(
        index.body.contains("<script src=\"/__briefing/reload.js\""),
        "no reload script"
    );
    let on_disk = std::fs::read_to_string(root.join("site/index.html")).unwrap();
    assert!(
        !on_disk.contains("__briefing"),
        "the script was written to disk"
    );
    assert!(
        get(port, SOURCE_PAGE)
            .body
            .contains("/__briefing/reload.js")
    );
    // The script and its overlay style are the preview's own files (the pages' policy runs
    // no inline script), and the script asks for the build state.
    let script = get(port, "/__briefing/reload.js");
    assert_eq!(script.status, 200);
    assert!(
        script.body.contains("/__briefing/events"),
        "{}",
        script.body
    );
    assert_eq!(get(port, "/__briefing/reload.css").status, 200);
    let cases = [
        ("/assets/style.css", 200, "text/css; charset=utf-8"),
        ("/briefing.json", 200, "application/json"),
        ("/themes/diplomacy.html", 200, "text/html; charset=utf-8"),
        ("/missing.html", 404, "text/html; charset=utf-8"),
        ("/../briefing.toml", 400, "text/plain; charset=utf-8"),
        ("/%2e%2e/briefing.toml", 400, "text/plain; charset=utf-8"),
        (
            "/themes/..%2f..%2fbriefing.toml",
            400,
            "text/plain; charset=utf-8",
        ),
        ("/themes", 302, "text/plain; charset=utf-8"),
    ];
    for (path, status, content_type) in cases {
        let response = get(port, path);
        assert_eq!(response.status, status, "{path}: {}", response.body);
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
    }
    assert!(!get(port, "/assets/style.css").body.contains("__briefing"));
    // A missing page, at any depth, shows the site's own not-found page, still live.
    let missing = get(port, "/themes/gone/away.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("This page is not in the briefing")
            && missing.body.contains("/__briefing/reload.js"),
        "{}",
        missing.body
    );
    assert_eq!(get(port, "/themes").header("location"), Some("/themes/"));
    let post = request(port, "POST", "/", "127.0.0.1");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
    let head = request(port, "HEAD", "/", "127.0.0.1");
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert_eq!(request(port, "GET", "/", "evil.example").status, 403);

    let first = events(port, 0);
    assert_eq!(
        (first["generation"].as_u64(), first["site"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(first["overlay"].is_null());

    // An edit reaches the served page; a page waiting on the events endpoint hears of it.
    let waiting = thread::spawn(move || {
        let answer = events(port, 1);
        (Instant::now(), answer)
    });
    thread::sleep(Duration::from_millis(50)); // let the long-poll reach the server
    let written = Instant::now();
    append(
        root,
        SOURCE,
        "\nA sentence added while serving, marker 4471.\n",
    );
    wait_for("the edit in the served page", || {
        get(port, SOURCE_PAGE).body.contains("marker 4471")
    });
    let visible = written.elapsed();
    let (told_at, told) = waiting.join().unwrap();
    eprintln!(
        "edit to visible: reload event after {} ms, page served with the edit after {} ms (debug build)",
        told_at.duration_since(written).as_millis(),
        visible.as_millis()
    );
    assert_eq!(told["site"].as_u64(), Some(2), "{told}");

    // A broken front matter: reported everywhere, the last good site still served.
    let good = std::fs::read_to_string(root.join(SOURCE)).unwrap();
    let broken = good.replacen("Stage Matters\"", "Stage Matters", 1);
    assert_ne!(good, broken);
    std::fs::write(root.join(SOURCE), &broken).unwrap();
    let failed = wait_for_value("the failed build", || {
        let state = events(port, 0);
        (!state["errors"].as_array()?.is_empty()).then_some(state)
    });
    let location = format!("{SOURCE}:4:13");
    assert_eq!(
        failed["errors"][0]["location"],
        location.as_str(),
        "{failed}"
    );
    assert_eq!(failed["site"].as_u64(), Some(2), "{failed}");
    let overlay = failed["overlay"].as_str().unwrap();
    assert!(
        overlay.contains(&format!("<strong>{location}</strong>: invalid YAML")),
        "{overlay}"
    );
    assert!(overlay.contains("hint: "), "{overlay}");
    let page = get(port, SOURCE_PAGE);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("marker 4471"),
        "the last good page is gone"
    );
    let stderr = wait_for_value("the errors in the terminal", || {
        let stderr = preview.stderr();
        stderr.contains("the previous site in").then_some(stderr)
    });
    assert!(
        stderr.contains(&format!("error: {location}: invalid YAML")),
        "{stderr}"
    );

    // The fix clears the errors and brings a new site.
    std::fs::write(root.join(SOURCE), &good).unwrap();
    let fixed = wait_for_value("the fixed build", || {
        let state = events(port, 0);
        (state["errors"].as_array()?.is_empty()).then_some(state)
    });
    assert!(fixed["overlay"].is_null(), "{fixed}");
    assert!(fixed["site"].as_u64() > Some(2), "{fixed}");

    // The build's own writes (the output folder, its staging folder) start no build.
    let generation = fixed["generation"].as_u64();
    thread::sleep(Duration::from_millis(500));
    assert_eq!(
        events(port, 0)["generation"].as_u64(),
        generation,
        "a build rebuilt itself"
    );

    let status = preview.interrupt();
    assert_eq!(status.code(), Some(0), "stderr:\n{}", preview.stderr());
    assert!(preview.stdout().contains("stopped"), "{}", preview.stdout());
    assert!(
        !preview.stderr().contains("panicked"),
        "{}",
        preview.stderr()
    );
}

#[test]
fn pages_stay_served_while_builds_swap_the_site_in() {
    let project = common::sample_project();
    let root = project.path();
    let mut preview = Preview::start(root, &[]);
    let port = preview.port;
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let done = done.clone();
        thread::spawn(move || {
            let mut statuses = Vec::new();
            let started = Instant::now();
            while !done.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(20) {
                statuses.push(get(port, "/themes/diplomacy.html").status);
            }
            statuses
        })
    };
    for edit in 1..=5 {
        let generation = events(port, 0)["generation"].as_u64().unwrap();
        append(root, SOURCE, &format!("\nSwap test paragraph {edit}.\n"));
        wait_for("the rebuild", || {
            events(port, 0)["generation"].as_u64() > Some(generation)
        });
    }
    done.store(true, Ordering::SeqCst);
    let statuses = reader.join().unwrap();
    assert!(statuses.len() > 10, "only {} requests made", statuses.len());
    let failed = statuses.iter().filter(|&&status| status != 200).count();
    assert_eq!(failed, 0, "{failed} of {} requests failed", statuses.len());
    assert_eq!(preview.interrupt().code(), Some(0));
}

#[test]
fn starts_on_a_broken_project_and_serves_once_it_is_fixed() {
    let project = common::sample_project();
    let root = project.path();
    let good = std::fs::read_to_string(root.join(SOURCE)).unwrap();
    std::fs::write(root.join(SOURCE), good.replacen("---\n", "", 1)).unwrap();
    let mut preview = Preview::start(root, &[]);
    let port = preview.port;

    let index = get(port, "/");
    assert_eq!(index.status, 404);
    assert!(
        index.body.contains("No site has been built yet"),
        "{}",
        index.body
    );
    assert!(
        index.body.contains("<script src=\"/__briefing/reload.js\""),
        "no reload script"
    );
    let failed = events(port, 0);
    assert_eq!(failed["site"].as_u64(), Some(0), "{failed}");
    assert_eq!(
        failed["errors"][0]["location"],
        format!("{SOURCE}:1"),
        "{failed}"
    );
    assert!(
        preview
            .stderr()
            .contains("1 error found; no site was written")
    );

    std::fs::write(root.join(SOURCE), &good).unwrap();
    wait_for("the first good build", || get(port, "/").status == 200);
    assert!(events(port, 0)["errors"].as_array().unwrap().is_empty());
    assert_eq!(preview.interrupt().code(), Some(0));
}

#[test]
fn a_taken_port_is_refused_clearly() {
    let project = common::sample_project();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = spawn(project.path(), &["--port", &port.to_string()]);
    let status = wait_exit(&mut child);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!(
            "error: port {port} on 127.0.0.1 is already in use; choose another with --port, or leave --port out to take a free one"
        )
    );
}

#[test]
fn serves_on_the_port_asked_for() {
    let project = common::sample_project();
    let port = {
        let free = TcpListener::bind("127.0.0.1:0").unwrap();
        free.local_addr().unwrap().port()
    };
    let mut preview = Preview::start(project.path(), &["--port", &port.to_string()]);
    assert_eq!(preview.port, port);
    assert_eq!(get(port, "/index.html").status, 200);
    assert_eq!(preview.interrupt().code(), Some(0));
}
