//! The HTTP side of `briefing serve`: answers each request on its own short-lived thread, from
//! the site folder as it is on disk at that moment, with the reload script put into pages.
//!
//! Files are read afresh for every request, so a site swapped in by a build is seen at once;
//! a file that is missing is looked for once more after any running build, since the request
//! may have fallen between the two renames of the swap. [`super::reload::EVENTS_PATH`] is the
//! long-poll the pages wait on. What is refused and how files are typed are decided by the
//! pure functions of `request.rs` and `response.rs`.

use std::io;
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response};

use super::state::Shared;
use super::{reload, request, response};

/// How long a page's long-poll waits for a build before it is answered anyway (and asks
/// again), well under the time browsers and proxies give up on a request.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// How long stopping waits for requests still being answered.
const STOP_WAIT: Duration = Duration::from_secs(2);

/// Answers requests, each on its own thread, until stopping; then waits (bounded) for the
/// ones still running.
pub(super) fn answer_requests(server: &tiny_http::Server, shared: &Arc<Shared>, port: u16) {
    let mut running: Vec<JoinHandle<()>> = Vec::new();
    loop {
        let request = match server.recv() {
            Ok(request) => request,
            Err(_) if shared.stopping() => break,
            Err(_) => {
                // A connection that failed before it made a request; a short pause keeps a
                // persistent accept error from spinning.
                thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if shared.stopping() {
            let _ = request.respond(text(503, "the preview is stopping"));
            break;
        }
        running.retain(|handle| !handle.is_finished());
        let shared = shared.clone();
        let spawned = thread::Builder::new()
            .name("briefing-http".into())
            .spawn(move || answer(request, &shared, port));
        match spawned {
            Ok(handle) => running.push(handle),
            Err(err) => eprintln!("error: cannot start a thread for a request: {err}"),
        }
    }
    let deadline = Instant::now() + STOP_WAIT;
    while running.iter().any(|handle| !handle.is_finished()) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    for handle in running.into_iter().filter(|handle| handle.is_finished()) {
        let _ = handle.join();
    }
}

/// Answers one request. A client that went away is no error of the server.
fn answer(request: Request, shared: &Shared, port: u16) {
    let response = respond_to(&request, shared, port);
    let _ = request.respond(response);
}

/// The response to `request`.
fn respond_to(request: &Request, shared: &Shared, port: u16) -> Response<io::Cursor<Vec<u8>>> {
    let host = request
        .headers()
        .iter()
        .find(|header| header.field.equiv("Host"))
        .map(|header| header.value.as_str());
    if !request::host_allowed(host, port) {
        return text(403, "this preview answers only to 127.0.0.1 and localhost");
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return text(405, "only GET and HEAD are served").with_header(header("Allow", "GET, HEAD"));
    }
    let target = request.url();
    if request::path_part(target) == reload::EVENTS_PATH {
        let since = request::query_value(target, "since")
            .and_then(|value| value.parse().ok())
            .unwrap_or(0);
        return match shared.wait_for_build_after(since, POLL_WAIT) {
            Some(json) => body(200, "application/json", json.into_bytes()),
            None => text(503, "the preview is stopping"),
        };
    }
    if request::path_part(target) == reload::SCRIPT_PATH {
        return body(200, "text/javascript; charset=utf-8", reload::SCRIPT.into());
    }
    if request::path_part(target) == reload::STYLE_PATH {
        return body(200, "text/css; charset=utf-8", reload::STYLESHEET.into());
    }
    let site_path = match request::resolve(target) {
        Ok(site_path) => site_path,
        Err(refusal) => return text(400, refusal.reason()),
    };
    site_file(shared, &site_path, target)
}

/// The site's page for a missing address, shown with status 404 when the site has one.
const NOT_FOUND_PAGE: &str = "404.html";

/// A file of the site, a redirect for a folder, or the not-found page.
fn site_file(
    shared: &Shared,
    site_path: &request::SitePath,
    target: &str,
) -> Response<io::Cursor<Vec<u8>>> {
    let mut retried = false;
    loop {
        let (site_dir, site) = {
            let state = shared.lock();
            (state.site_dir.clone(), state.site)
        };
        let path = site_dir.join(&site_path.relative);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let content_type = response::content_type(&path);
                let bytes = if response::is_html(content_type) {
                    reload::inject(&bytes, &reload::script(site))
                } else {
                    bytes
                };
                return body(200, content_type, bytes);
            }
            Err(err) if err.kind() == io::ErrorKind::IsADirectory => {
                let location = format!("{}/", request::path_part(target));
                return text(302, "the folder's address ends in /")
                    .with_header(header("Location", &location));
            }
            Err(_) if !retried => {
                // The site may have been between the two renames that swap a new one in:
                // once the build (if any) is over, the file is where it belongs or nowhere.
                shared.wait_while_building();
                retried = true;
            }
            Err(_) => {
                // The site's own not-found page, as a static host would show it; the preview's
                // own when the site has none (or no site is built yet).
                let page = std::fs::read(site_dir.join(NOT_FOUND_PAGE)).unwrap_or_else(|_| {
                    response::not_found_page(&site_path.asked, crate::output::holds_site(&site_dir))
                        .into_bytes()
                });
                let page = reload::inject(&page, &reload::script(site));
                return body(404, "text/html; charset=utf-8", page);
            }
        }
    }
}

fn body(status: u16, content_type: &str, bytes: Vec<u8>) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        // Every reload must see the newest build.
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, reason: &str) -> Response<io::Cursor<Vec<u8>>> {
    body(
        status,
        "text/plain; charset=utf-8",
        response::plain(status, reason).into_bytes(),
    )
}

/// A header from ASCII text; anything else (never the case for the names and values built
/// here) becomes a harmless `X-Invalid` header rather than a panic.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .or_else(|()| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]))
        .unwrap_or_else(|()| unreachable!("a constant header is valid"))
}
