//! `briefing add URL` and `briefing add --feed URL`, run as the real binary against a small
//! HTTP server on 127.0.0.1 started by each test: pages come out in the charset their server
//! declares, a redirect's final address becomes `url`, a feed adds only its new items with the
//! feed's date, author and title filled in, and a failed fetch (404, not a page, too large)
//! is reported on its address while nothing is written.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;

use briefing::load::{Source, parse_source};
use common::{Run, empty_project, repo};
use tiny_http::{Header, Response, Server, StatusCode};

/// What the server answers at one path.
enum Answer {
    /// 200 with this body and `Content-Type`.
    Body(Vec<u8>, &'static str),
    /// 200, the body sent chunked (no `Content-Length`).
    Chunked(Vec<u8>, &'static str),
    /// A 301 to this path.
    Redirect(&'static str),
    /// An empty answer with this status.
    Status(u16),
}

/// A loopback server answering from a table of paths; anything else is a 404. Stops when
/// dropped.
struct Site {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    base: String,
}

impl Site {
    fn serve(routes: Vec<(&'static str, Answer)>) -> Site {
        let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
        let base = format!("http://{}", server.server_addr().to_ip().unwrap());
        let routes: BTreeMap<&str, Answer> = routes.into_iter().collect();
        let serving = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let header = |name: &str, value: &str| Header::from_bytes(name, value).unwrap();
                let _ = match routes.get(request.url()) {
                    Some(Answer::Body(bytes, mime)) => request.respond(
                        Response::from_data(bytes.clone())
                            .with_header(header("Content-Type", mime))
                            .with_chunked_threshold(usize::MAX),
                    ),
                    Some(Answer::Chunked(bytes, mime)) => request.respond(Response::new(
                        StatusCode(200),
                        vec![header("Content-Type", mime)],
                        std::io::Cursor::new(bytes.clone()),
                        None,
                        None,
                    )),
                    Some(Answer::Redirect(to)) => {
                        request.respond(Response::empty(301).with_header(header("Location", to)))
                    }
                    Some(Answer::Status(code)) => request.respond(Response::empty(*code)),
                    None => request.respond(Response::empty(404)),
                };
            }
        });
        Site {
            server,
            thread: Some(thread),
            base,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/fetch").join(name)).unwrap()
}

fn page(name: &str) -> Answer {
    Answer::Body(fixture(name), "text/html; charset=utf-8")
}

/// Runs `briefing add --no-build --root ROOT ARGS…`.
fn add(root: &Path, args: &[&str]) -> Run {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    common::add(root, &args)
}

/// The sources in the project's content folder, by file name.
fn sources(root: &Path) -> BTreeMap<String, Source> {
    let Ok(entries) = std::fs::read_dir(root.join("content")) else {
        return BTreeMap::new();
    };
    entries
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, parse_source(&text, &path).unwrap())
        })
        .collect()
}

#[test]
fn a_page_is_read_in_the_charset_its_server_declares() {
    // The same article in windows-1252 with no declaration of its own, and a Cyrillic page
    // in windows-1251, which reads as nonsense in any other charset.
    let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode(
        "<html><head><title>Паром снова ходит</title></head><body><article>\
         <h1>Паром снова ходит</h1>\
         <p>Ночной паром между двумя городами снова вышел в море в понедельник, через год после ремонта двигателей.</p>\
         <p>На борту первого рейса было около девяноста пассажиров, в основном рабочие рыбного рынка, \
         которые всю зиму ездили в объезд по длинной прибрежной дороге.</p>\
         </article></body></html>",
    );
    let site = Site::serve(vec![
        (
            "/cafe.html",
            Answer::Body(fixture("cafe-1252.html"), "text/html; charset=windows-1252"),
        ),
        (
            "/parom.html",
            Answer::Body(cyrillic.into_owned(), "text/html; charset=windows-1251"),
        ),
    ]);
    let project = empty_project();
    let (cafe, parom) = (site.url("/cafe.html"), site.url("/parom.html"));
    let run = add(project.path(), &[&cafe, &parom]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "added content/le-cafe-du-port-rouvre-ses-portes.md from {cafe} (3 paragraphs)\n\
             added content/source.md from {parom} (2 paragraphs)\n"
        )
    );
    let added = sources(project.path());
    let cafe_source = &added["le-cafe-du-port-rouvre-ses-portes.md"];
    assert_eq!(cafe_source.meta.title, "Le café du port rouvre ses portes");
    assert!(
        cafe_source.paragraphs[0].text.starts_with(
            "Le café du port a rouvert lundi, après deux ans de travaux sur la façade"
        ),
        "{}",
        cafe_source.paragraphs[0].text
    );
    assert!(
        cafe_source.paragraphs[2]
            .text
            .starts_with("« Nous voulions")
    );
    assert_eq!(cafe_source.meta.url.as_deref(), Some(cafe.as_str()));
    assert!(cafe_source.meta.retrieved.is_some());
    let parom_source = &added["source.md"];
    assert_eq!(parom_source.meta.title, "Паром снова ходит");
    assert!(
        parom_source.paragraphs[1]
            .text
            .starts_with("На борту первого рейса"),
        "{:?}",
        parom_source.paragraphs
    );
}

#[test]
fn a_redirected_page_gets_its_final_address() {
    let site = Site::serve(vec![
        ("/old/story", Answer::Redirect("/hop")),
        ("/hop", Answer::Redirect("/2025/story.html")),
        ("/2025/story.html", page("story.html")),
    ]);
    let project = empty_project();
    let asked = site.url("/old/story");
    let run = add(project.path(), &[&asked]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "added content/lifeboat-crew-rescues-two-kayakers-off-the-point.md from {asked} (3 paragraphs)\n"
        )
    );
    let added = sources(project.path());
    let source = &added["lifeboat-crew-rescues-two-kayakers-off-the-point.md"];
    assert_eq!(
        source.meta.url.as_deref(),
        Some(site.url("/2025/story.html").as_str())
    );

    // The same article by its old address is the same source.
    let run = add(project.path(), &[&asked]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&format!(
            "content/lifeboat-crew-rescues-two-kayakers-off-the-point.md already has this address ({})",
            site.url("/2025/story.html")
        )),
        "{}",
        run.stderr
    );
    assert_eq!(sources(project.path()).len(), 1);
}

#[test]
fn a_failed_fetch_names_the_address_and_nothing_is_added() {
    let site = Site::serve(vec![
        ("/story.html", page("story.html")),
        (
            "/report.pdf",
            Answer::Body(b"%PDF-1.4".to_vec(), "application/pdf"),
        ),
        ("/busy", Answer::Status(503)),
    ]);
    let project = empty_project();
    let (good, missing, pdf, busy) = (
        site.url("/story.html"),
        site.url("/missing.html"),
        site.url("/report.pdf"),
        site.url("/busy"),
    );
    let run = add(project.path(), &[&good, &missing, &pdf, &busy]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let mut expected = [
        format!(
            "error: {busy}: the server answered 503 Service Unavailable\n  hint: the site is busy or failing; try again later, or save the page from a browser and add the file"
        ),
        format!(
            "error: {missing}: the server answered 404 Not Found\n  hint: check the address; if it opens in a browser, save the page and add the file"
        ),
        format!(
            "error: {pdf}: the address serves application/pdf, not a web page\n  hint: add only article pages; save other documents as text (.txt) and add that file"
        ),
    ];
    expected.sort();
    assert_eq!(
        run.stderr,
        format!(
            "{}\n3 errors found; nothing was added\n",
            expected.join("\n")
        )
    );
    assert!(sources(project.path()).is_empty());
}

#[test]
fn a_page_over_the_size_limit_is_refused() {
    let huge = vec![b'a'; 10 * 1024 * 1024 + 1];
    let site = Site::serve(vec![
        ("/huge.html", Answer::Body(huge.clone(), "text/html")),
        ("/streamed.html", Answer::Chunked(huge, "text/html")),
    ]);
    let project = empty_project();
    let hint = "an article page is far smaller; check the address, or save the article from a browser and add the saved file";
    for (path, size) in [("/huge.html", " (10485761 bytes)"), ("/streamed.html", "")] {
        let url = site.url(path);
        let run = add(project.path(), &[&url]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: {url}: the page is larger than the 10 MiB limit{size}\n  hint: {hint}\n\
                 1 error found; nothing was added\n"
            )
        );
    }
    assert!(sources(project.path()).is_empty());
}

#[test]
fn a_feed_adds_its_new_items_with_what_the_feed_says() {
    let site = Site::serve(vec![
        (
            "/feed.xml",
            Answer::Body(fixture("feed.xml"), "application/rss+xml"),
        ),
        ("/ferry.html", page("ferry.html")),
        ("/lamps.html", page("lamps.html")),
        ("/market.html", page("market.html")),
    ]);
    // The ferry story is already a source, saved from a browser: same text, no address.
    let project = empty_project();
    let saved = repo().join("tests/fixtures/fetch/ferry.html");
    let run = add(project.path(), &[saved.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);

    let feed = site.url("/feed.xml");
    let run = add(project.path(), &["--feed", &feed]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "added content/harbour-lamps-lit-again-after-the-winter.md from {} (3 paragraphs)\n\
             added content/fish-market-opens-its-doors-on-sundays.md from {} (3 paragraphs)\n\
             feed {feed}: 2 added, 1 already a source\n",
            site.url("/lamps.html"),
            site.url("/market.html")
        )
    );
    let added = sources(project.path());
    assert_eq!(added.len(), 3);
    let lamps = &added["harbour-lamps-lit-again-after-the-winter.md"];
    let market = &added["fish-market-opens-its-doors-on-sundays.md"];
    // The page's own author wins; the feed fills what the page leaves out.
    let cases = [
        (lamps, "/lamps.html", "Tom Reed", "2025-09-04"),
        (market, "/market.html", "Ada Penhale", "2025-09-02"),
    ];
    for (source, path, author, published) in cases {
        assert_eq!(source.meta.url.as_deref(), Some(site.url(path).as_str()));
        assert_eq!(source.meta.author.as_deref(), Some(author), "{path}");
        assert_eq!(source.meta.published.as_deref(), Some(published), "{path}");
        assert_eq!(
            source.meta.publisher.as_deref(),
            Some("The Portsea Gazette"),
            "{path}"
        );
    }

    // Run again: nothing is new (two items by their address now).
    let run = add(project.path(), &["--feed", &feed]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("feed {feed}: 0 added, 3 already a source\n")
    );
    assert_eq!(sources(project.path()).len(), 3);
}

#[test]
fn a_feed_with_a_failing_item_adds_none() {
    let site = Site::serve(vec![
        (
            "/feed.xml",
            Answer::Body(fixture("feed.xml"), "application/rss+xml"),
        ),
        ("/ferry.html", page("ferry.html")),
        ("/lamps.html", page("lamps.html")),
    ]);
    let project = empty_project();
    let run = add(project.path(), &["--feed", &site.url("/feed.xml")]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with(&format!(
            "error: {}: the server answered 404 Not Found\n",
            site.url("/market.html")
        )),
        "{}",
        run.stderr
    );
    assert!(sources(project.path()).is_empty());

    let not_a_feed = site.url("/ferry.html");
    let run = add(project.path(), &["--feed", &not_a_feed]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with(&format!("error: {not_a_feed}: not an RSS or Atom feed (")),
        "{}",
        run.stderr
    );
}
