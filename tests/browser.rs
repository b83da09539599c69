//! The built site in a real browser: headless Chromium opens pages from disk over `file://`.
//!
//! - `pages_render_in_a_real_browser`: the page's `<h1>` reaches the DOM and its stylesheet is
//!   applied (a screenshot differs from one of the same page without `style.css`). The
//!   screenshots are kept in `target/screenshots/` for a human to look at.
//! - `dark_mode_changes_the_page_background`: with the browser set to prefer a dark scheme,
//!   the body's computed background turns dark (read by a probe script added to a copy of the
//!   site); light and dark screenshots at 390 and 1280 px go to `target/screenshots/`.
//! - `reading_offline_makes_no_network_request`: Chromium's NetLog shows no request by any page
//!   of the site to an `http(s)://` (or `ws(s)://`) URL; `net_log_check_detects_a_remote_request`
//!   shows the same check failing on a page that does make one.
//! - `no_script_from_a_source_runs`: a source carrying a script, an event handler and a
//!   `javascript:` link renders to a page where none of them survives or runs;
//!   `title_check_detects_a_script_that_runs` shows the check failing on a page with a script.
//! - `a_remote_image_in_a_source_is_not_fetched`: a source's raw `<img src="http://…">` is
//!   removed by sanitising, so reading offline fetches nothing.
//!
//! - `search_finds_a_word_offline`: `search.html?q=fortress` opened from disk lists a result
//!   that links to the paragraph's anchor on its source page, with the word in a `<mark>`;
//!   `search_check_detects_a_missing_index` shows the same check failing on a site without
//!   its index, so it cannot pass without the search having run.
//! - `a_citation_preview_shows_the_cited_words_on_focus`: focusing a citation (done by a
//!   driver script added to a copy of the page) shows a non-modal `role="dialog"` popover, described
//!   by the link, with the source's title and the cited words marked in their paragraph.
//! - `printing_fills_the_page_width_in_fewer_pages`: the diplomacy briefing and a
//!   27-paragraph source print to fewer pages than before the print stylesheet (17 and 10), and
//!   the source's text reaches across the page, not down a phone-width column; the briefing's
//!   evidence, folded on screen, prints as headings under one note on how to print it (needs
//!   `pdfinfo`, `pdftoppm` and `pdftotext`, from poppler-utils).
//! - `a_takeaway_read_alone_requests_nothing_and_keeps_its_policy`: a take-away copied alone
//!   into an empty folder makes no request and breaks no rule of its Content-Security-Policy
//!   (Chromium logs a violation, as it does for the same file with its style edited).
//!
//! - `a_served_page_reloads_after_an_edit`: a page opened from `briefing serve` reloads by
//!   itself when its source's title is edited (the browser's own list of pages, read from its
//!   DevTools HTTP endpoint, shows the new title); the time from the write is printed.
//!
//! Chromium is found as `chromium` on `PATH` or at `/usr/bin/chromium`. Without it every test
//! here fails, on CI and off it, rather than pass without checking anything: run
//! `bash tests/install-browser.sh` first (`bash tests/run.sh` does, then runs every test).

mod common;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

/// How long one browser invocation may take before it is killed and the test fails.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The flags every invocation gets; `--user-data-dir` (a fresh folder) and the flags of the
/// check are added to them. The resolver rule keeps Chromium's own background requests (time
/// sync, update checks) from leaving the machine: every host name fails to resolve, and only
/// loopback addresses, which need no resolving, stay reachable.
const BASE_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/// The window the screenshots are taken at.
const WINDOW_SIZE: &str = "--window-size=1280,2000";

/// The pages opened by `pages_render_in_a_real_browser`: (screenshot name, path in the site).
const SAMPLE_PAGES: [(&str, &str); 4] = [
    ("index", "index.html"),
    ("search", "search.html"),
    ("theme-diplomacy", "themes/diplomacy.html"),
    (
        "source-putin-kim-join-xi-military-show",
        "sources/putin-kim-join-xi-military-show.html",
    ),
];

/// The one remote address the tests point a page at: nothing listens on the discard port of
/// the loopback interface, so the request fails at once without leaving the machine.
const UNREACHABLE_IMAGE: &str = "http://127.0.0.1:9/x.png";

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn pages_render_in_a_real_browser() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    let json = briefing_json(&site);

    // The same site without its stylesheet, to show the stylesheet changes what is painted.
    let unstyled_dir = TempDir::new().unwrap();
    let unstyled = unstyled_dir.path().join("site");
    copy_dir(&site, &unstyled);
    fs::remove_file(unstyled.join("assets/style.css")).unwrap();

    let screenshots = target_dir().join("screenshots");
    fs::create_dir_all(&screenshots).unwrap();

    for (name, page) in SAMPLE_PAGES {
        let expected = expected_h1(&json, page);
        let shot = browser.scratch_file(&format!("{name}.png"));
        let dom = browser.run(
            &[
                "--dump-dom".into(),
                flag("--screenshot=", &shot),
                WINDOW_SIZE.into(),
            ],
            &file_url(&site.join(page)),
        );

        let h1 = h1_text(&dom).unwrap_or_else(|| panic!("{page}: no <h1> in the DOM:\n{dom}"));
        assert_eq!(h1, expected, "{page}: the <h1> in the browser's DOM");
        for stylesheet in stylesheet_hrefs(&dom) {
            let file = site.join(page).parent().unwrap().join(&stylesheet);
            assert!(
                file.is_file(),
                "{page}: stylesheet {stylesheet} resolves to {}, which does not exist",
                file.display()
            );
        }

        let styled = read_png(&shot, page);
        fs::write(screenshots.join(format!("{name}.png")), &styled).unwrap();

        let bare = browser.scratch_file(&format!("{name}-unstyled.png"));
        browser.run(
            &[flag("--screenshot=", &bare), WINDOW_SIZE.into()],
            &file_url(&unstyled.join(page)),
        );
        let unstyled_png = read_png(&bare, page);
        assert!(
            styled != unstyled_png,
            "{page}: the screenshot is the same with and without assets/style.css, so the \
             stylesheet is not applied"
        );
    }
}

/// The flag that makes Chromium report `prefers-color-scheme: dark` (`--force-dark-mode`
/// alone would also repaint the page itself; this one only answers the media query).
const DARK: &str = "--blink-settings=preferredColorScheme=0";

#[test]
fn dark_mode_changes_the_page_background() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    // A probe script, a file of the site as the CSP allows, writes the body's computed
    // background into the DOM that --dump-dom prints.
    fs::write(
        site.join("assets/probe.js"),
        "document.body.setAttribute('data-background', \
         getComputedStyle(document.body).backgroundColor);",
    )
    .unwrap();
    let index = site.join("index.html");
    let html = fs::read_to_string(&index).unwrap();
    fs::write(
        &index,
        html.replace(
            "</body>",
            "<script src=\"assets/probe.js\"></script></body>",
        ),
    )
    .unwrap();
    let background = |extra: &[OsString]| -> (u32, u32, u32) {
        let mut flags = vec!["--dump-dom".into()];
        flags.extend_from_slice(extra);
        let dom = browser.run(&flags, &file_url(&index));
        let at = dom
            .find("data-background=\"rgb(")
            .unwrap_or_else(|| panic!("the probe did not run:\n{dom}"));
        let rest = &dom[at + "data-background=\"rgb(".len()..];
        let numbers: Vec<u32> = rest[..rest.find(')').unwrap()]
            .split(',')
            .map(|n| n.trim().parse().unwrap())
            .collect();
        (numbers[0], numbers[1], numbers[2])
    };
    let light = background(&[]);
    let dark = background(&[DARK.into()]);
    let brightness = |(r, g, b): (u32, u32, u32)| r + g + b;
    assert!(
        brightness(light) > 600 && brightness(dark) < 150,
        "the page background is rgb{light:?} in light mode and rgb{dark:?} in dark mode"
    );

    // Screenshots of each sample page, light and dark, at a phone's width and a desktop's,
    // kept in target/screenshots/ for a human to look at. Headless Chromium lays a window out
    // at least 500 px wide, so the phone's view is the page in a 390 px frame.
    let screenshots = target_dir().join("screenshots");
    fs::create_dir_all(&screenshots).unwrap();
    for (name, page) in SAMPLE_PAGES {
        let page = site.join(page);
        let phone = page.with_file_name("phone-frame.html");
        fs::write(
            &phone,
            format!(
                "<!DOCTYPE html><iframe src=\"{}\" width=\"390\" height=\"1600\" \
                 frameborder=\"0\"></iframe>",
                page.file_name().unwrap().to_str().unwrap()
            ),
        )
        .unwrap();
        for (scheme, extra) in [("light", None), ("dark", Some(DARK))] {
            for (width, url) in [(390, file_url(&phone)), (1280, file_url(&page))] {
                let shot = screenshots.join(format!("{name}-{width}-{scheme}.png"));
                let mut flags = vec![
                    flag("--screenshot=", &shot),
                    format!("--window-size={},1600", width.max(500)).into(),
                ];
                flags.extend(extra.map(OsString::from));
                browser.run(&flags, &url);
                read_png(&shot, &url);
            }
        }
    }
}

#[test]
fn reading_offline_makes_no_network_request() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    let pages = html_pages(&site);
    assert!(
        pages.len() >= SAMPLE_PAGES.len(),
        "the sample site has only {} pages",
        pages.len()
    );

    // Every page of the site, a browser per processor at a time (at most four).
    let workers = thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let failures: Vec<String> = thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(pages.len().div_ceil(workers))
            .map(|chunk| {
                let browser = &browser;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|page| {
                            let requests = browser.remote_requests_of(page);
                            (!requests.is_empty())
                                .then(|| format!("{}: {}", page.display(), requests.join(", ")))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "pages read from disk made network requests:\n{}",
        failures.join("\n")
    );
    // A search, which loads the index's scripts.
    let url = format!("{}?q={SEARCH_QUERY}", file_url(&site.join("search.html")));
    let requests = browser.remote_requests_of_url(&url);
    assert!(requests.is_empty(), "{url}: {}", requests.join(", "));
}

/// The query and the result `search_finds_a_word_offline` expects: ¶4 of a sample source.
const SEARCH_QUERY: &str = "fortress";
const SEARCH_RESULT: &str =
    r#"href="sources/putin-kim-join-xi-military-show.html#t-south-korea-s-yonhap-news-agency""#;

/// The results list of `search.html?q=<query>` on `site`, as the browser's DOM holds it.
fn search_results(browser: &Browser, site: &Path, query: &str) -> String {
    let url = format!("{}?q={query}", file_url(&site.join("search.html")));
    let dom = browser.run(
        &["--dump-dom".into(), "--virtual-time-budget=5000".into()],
        &url,
    );
    let start = dom
        .find(r#"<ol class="search-results""#)
        .unwrap_or_else(|| panic!("no results list in the DOM:\n{dom}"));
    let end = dom[start..]
        .find("</ol>")
        .map_or(dom.len(), |end| start + end);
    dom[start..end].to_string()
}

/// Whether a results list holds the expected result with its word marked.
fn finds_the_passage(results: &str) -> bool {
    results.split("<li").any(|item| {
        item.contains(SEARCH_RESULT) && item.contains(&format!("<mark>{SEARCH_QUERY}</mark>"))
    })
}

#[test]
fn search_finds_a_word_offline() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    let results = search_results(&browser, &site, SEARCH_QUERY);
    assert!(
        finds_the_passage(&results),
        "no result for the passage:\n{results}"
    );
}

#[test]
fn search_check_detects_a_missing_index() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    fs::remove_dir_all(site.join("assets/search")).unwrap();
    let results = search_results(&browser, &site, SEARCH_QUERY);
    assert!(
        !finds_the_passage(&results),
        "found without an index:\n{results}"
    );
}

#[test]
fn net_log_check_detects_a_remote_request() {
    let browser = Browser::find();
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("remote.html");
    fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><title>Remote</title></head>\
             <body><h1>Remote</h1><img src=\"{UNREACHABLE_IMAGE}\" alt=\"\"></body></html>"
        ),
    )
    .unwrap();
    let requests = browser.remote_requests_of(&page);
    assert!(
        requests.iter().any(|url| url == UNREACHABLE_IMAGE),
        "the net-log check missed the page's request to {UNREACHABLE_IMAGE}; it found {requests:?}"
    );
}

#[test]
fn no_script_from_a_source_runs() {
    let browser = Browser::find();
    let (_project, site) = build_sample_with_source(
        "hostile.md",
        "---\nid: hostile\ntitle: Hostile\n---\n\n\
         An inline script <script>document.title='PWNED'</script> in a paragraph.\n\n\
         <script>document.title='PWNED'</script>\n\n\
         An inline image <img src=x onerror=\"document.title='PWNED'\"> in a paragraph.\n\n\
         <p>A raw block <img src=x onerror=\"document.title='PWNED'\"> of HTML.</p>\n\n\
         A link: [x](javascript:document.title='PWNED').\n",
    );
    let page = site.join("sources/hostile.html");
    let dom = browser.run(&["--dump-dom".into()], &file_url(&page));

    // The paragraphs did arrive, so the checks below look at the hostile content.
    assert_eq!(h1_text(&dom).as_deref(), Some("Hostile"), "{dom}");
    for text in [
        "An inline script",
        "An inline image",
        "A raw block",
        "A link:",
    ] {
        assert!(
            dom.contains(text),
            "{text:?} is missing from the page:\n{dom}"
        );
    }

    let title = title_text(&dom).unwrap_or_default();
    assert!(
        !title.contains("PWNED"),
        "a script from the source ran: the title is {title:?}"
    );
    assert!(
        !common::without_own_scripts(&dom)
            .to_ascii_lowercase()
            .contains("<script"),
        "a <script> element from the source is in the DOM:\n{dom}"
    );
    assert!(
        !dom.contains("onerror="),
        "an event handler from the source is in the DOM:\n{dom}"
    );
    assert!(
        !dom.to_ascii_lowercase().contains("href=\"javascript:"),
        "a javascript: link from the source is in the DOM:\n{dom}"
    );
}

#[test]
fn a_remote_image_in_a_source_is_not_fetched() {
    let browser = Browser::find();
    let (_project, site) = build_sample_with_source(
        "remote.md",
        &format!(
            "---\nid: remote\ntitle: Remote\n---\n\n\
             A photo <img src=\"{UNREACHABLE_IMAGE}\" alt=\"\"> inline.\n\n\
             ![A Markdown image]({UNREACHABLE_IMAGE})\n\n\
             <figure><img src=\"{UNREACHABLE_IMAGE}\" alt=\"\"><figcaption>A caption.</figcaption></figure>\n"
        ),
    );
    let requests = browser.remote_requests_of(&site.join("sources/remote.html"));
    assert!(
        requests.is_empty(),
        "the page of a source with remote images fetched {requests:?}"
    );
}

#[test]
fn title_check_detects_a_script_that_runs() {
    let browser = Browser::find();
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("script.html");
    fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>Harmless</title></head>\
         <body><img src=x onerror=\"document.title='PWNED'\"></body></html>",
    )
    .unwrap();
    let dom = browser.run(&["--dump-dom".into()], &file_url(&page));
    assert_eq!(
        title_text(&dom).as_deref(),
        Some("PWNED"),
        "scripts do not run in this browser, so no_script_from_a_source_runs proves nothing:\n{dom}"
    );
}

#[test]
fn a_citation_preview_shows_the_cited_words_on_focus() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    let page = site.join("themes/diplomacy.html");
    let html = fs::read_to_string(&page).unwrap();
    // A driver, loaded after previews.js as the page's own scripts are: focus a citation of
    // exact words, as a keyboard user would.
    fs::write(
        site.join("assets/focus-cite.js"),
        "document.addEventListener('DOMContentLoaded', function () {\n\
           setTimeout(function () { document.querySelector('a.cite[data-exact]').focus(); }, 50);\n\
         });\n",
    )
    .unwrap();
    let driven = html.replacen(
        "</head>",
        "<script src=\"../assets/focus-cite.js\" defer></script>\n</head>",
        1,
    );
    fs::write(&page, driven).unwrap();
    let shot = browser.scratch_file("preview.png");
    let dom = browser.run(
        &[
            "--dump-dom".into(),
            "--virtual-time-budget=3000".into(),
            flag("--screenshot=", &shot),
            "--window-size=1280,900".into(),
        ],
        &file_url(&page),
    );
    let screenshots = target_dir().join("screenshots");
    fs::create_dir_all(&screenshots).unwrap();
    fs::write(screenshots.join("preview.png"), read_png(&shot, "preview")).unwrap();

    let document = scraper::Html::parse_document(&dom);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let link = document
        .select(&select("a.cite[data-exact]"))
        .next()
        .expect("a citation of exact words");
    assert_eq!(
        link.value().attr("aria-describedby"),
        Some("cite-preview"),
        "the focused citation is described by the preview"
    );
    let popover = document
        .select(&select("#cite-preview[role=dialog]"))
        .next()
        .unwrap_or_else(|| panic!("no preview in the DOM:\n{dom}"));
    assert!(
        popover.value().attr("hidden").is_none(),
        "the preview is shown"
    );
    let text: String = popover.text().collect();
    let source = link.value().attr("data-source").unwrap();
    let title = document
        .select(&select(&format!("[id=\"{source}\"]")))
        .next()
        .and_then(|s| s.value().attr("data-title"))
        .unwrap();
    assert!(text.contains(title), "the preview names the source: {text}");
    let marked: String = popover
        .select(&select("mark"))
        .next()
        .expect("the cited words are marked")
        .text()
        .collect();
    assert_eq!(marked, link.value().attr("data-quote").unwrap());
    assert!(
        text.len() > marked.len() + title.len() + 40,
        "the preview shows the words in their paragraph: {text}"
    );
    assert!(link.value().attr("title").is_none(), "no second tooltip");
}

/// Pages of a PDF, by `pdfinfo`.
fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs (apt-get install poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count: {text}"))
}

/// How far across page `page` of a PDF its ink reaches, as a fraction of the page's width
/// (a greyscale rendering by `pdftoppm`, read as a binary PGM).
fn ink_reach(pdf: &Path, page: usize) -> f64 {
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "30", "-f", &n, "-l", &n])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs (apt-get install poppler-utils)");
    let pgm = out.stdout;
    // Header: P5, width, height, maxval, each followed by whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    let pixels = &pgm[at + 1..];
    let width: usize = fields[1].parse().unwrap();
    let rightmost = pixels
        .chunks(width)
        .filter_map(|row| row.iter().rposition(|&v| v < 128))
        .max()
        .unwrap_or(0);
    rightmost as f64 / width as f64
}

#[test]
fn printing_fills_the_page_width_in_fewer_pages() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    let screenshots = target_dir().join("screenshots");
    fs::create_dir_all(&screenshots).unwrap();
    // Pages each printed to before the print stylesheet.
    for (page, before) in [
        ("themes/diplomacy.html", 17),
        ("sources/putin-kim-join-xi-military-show.html", 10),
    ] {
        let pdf = browser.scratch_file("print.pdf");
        browser.run(
            &[
                "--no-pdf-header-footer".into(),
                flag("--print-to-pdf=", &pdf),
            ],
            &file_url(&site.join(page)),
        );
        let pages = pdf_pages(&pdf);
        eprintln!("{page}: {pages} pages printed (was {before})");
        assert!(
            pages < before,
            "{page} prints to {pages} pages, {before} before"
        );
        let reach = ink_reach(&pdf, 2);
        assert!(
            reach > 0.6,
            "{page}: text reaches {:.0}% across the page: printed in a narrow column",
            reach * 100.0
        );
        // Evidence folded on screen prints as headings, with one word on printing the rest.
        let folded = pdf_text(&pdf)
            .matches("Folded groups print their headings only")
            .count();
        let expected = usize::from(page.starts_with("themes/"));
        assert_eq!(folded, expected, "{page}: the folded-evidence note");
        let name = page.replace('/', "-").replace(".html", ".pdf");
        fs::copy(&pdf, screenshots.join(name)).unwrap();
    }
}

/// The text of a PDF, by `pdftotext`, lines joined.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_takeaway_read_alone_requests_nothing_and_keeps_its_policy() {
    let browser = Browser::find();
    let (_build, site) = build_sample_site();
    let alone = TempDir::new().unwrap();
    let takeaway = alone.path().join("diplomacy.html");
    fs::copy(site.join("print/diplomacy.html"), &takeaway).unwrap();
    let violations = |page: &Path| -> Vec<String> {
        let (dom, stderr) = browser.run_logged(
            &[
                "--dump-dom".into(),
                "--enable-logging=stderr".into(),
                "--v=0".into(),
            ],
            &file_url(page),
        );
        assert!(h1_text(&dom).is_some(), "{}: no <h1>", page.display());
        stderr
            .lines()
            .filter(|l| l.contains("Content Security Policy") || l.contains("Refused to"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(browser.remote_requests_of(&takeaway), Vec::<String>::new());
    let found = violations(&takeaway);
    assert!(
        found.is_empty(),
        "the take-away breaks its policy:\n{}",
        found.join("\n")
    );
    // The check sees a style the policy does not allow: the same file, its style edited.
    let edited = alone.path().join("edited.html");
    let html = fs::read_to_string(&takeaway).unwrap();
    fs::write(&edited, html.replacen("<style>", "<style>p{}", 1)).unwrap();
    assert!(
        !violations(&edited).is_empty(),
        "an edited style is not reported, so the check checks nothing"
    );
}

#[test]
fn a_served_page_reloads_after_an_edit() {
    let browser = Browser::find();
    let project = common::sample_project();
    let source = project.path().join("content/xi-putin-kim-one-stage.md");
    let text = fs::read_to_string(&source).unwrap();
    let mut preview = common::serve::Preview::start(project.path(), &[]);
    let page = format!(
        "http://127.0.0.1:{}/sources/xi-putin-kim-one-stage.html",
        preview.port
    );
    let open = browser.open(&page);
    open.wait_for_title(&page, "Why Xi, Putin and Kim on One Stage Matters");

    let edited = text.replacen(
        "title: \"Why Xi, Putin and Kim on One Stage Matters\"",
        "title: \"Retitled while the page was open\"",
        1,
    );
    assert_ne!(edited, text);
    let written = Instant::now();
    fs::write(&source, edited).unwrap();
    open.wait_for_title(&page, "Retitled while the page was open");
    eprintln!(
        "the open page showed the edit {} ms after the write (debug build)",
        written.elapsed().as_millis()
    );
    drop(open);
    assert_eq!(preview.interrupt().code(), Some(0));
}

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

/// Headless Chromium, one fresh process and profile per page.
struct Browser {
    binary: PathBuf,
    /// Holds the scratch files (screenshots, net logs) of this test.
    scratch: TempDir,
}

impl Browser {
    /// The browser. A missing browser fails the test, on CI and off it alike: a test that
    /// passes without running would claim a check that was never made.
    fn find() -> Browser {
        let on_path = std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join("chromium"))
                .find(|candidate| candidate.is_file())
        });
        let binary = on_path
            .or_else(|| {
                let fallback = PathBuf::from("/usr/bin/chromium");
                fallback.is_file().then_some(fallback)
            })
            .unwrap_or_else(|| {
                panic!(
                    "Chromium is not installed (no `chromium` on PATH or at /usr/bin/chromium); \
                     run `bash tests/install-browser.sh` first, or run every test with \
                     `bash tests/run.sh`, which installs it"
                )
            });
        Browser {
            binary,
            scratch: TempDir::new().unwrap(),
        }
    }

    /// A path in the scratch folder for the browser to write to.
    fn scratch_file(&self, name: &str) -> PathBuf {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        self.scratch.path().join(format!("{n}-{name}"))
    }

    /// Opens `url` with the base flags plus `extra` and returns what the browser printed on
    /// stdout. Fails the test if the browser fails or takes longer than [`TIMEOUT`].
    fn run(&self, extra: &[OsString], url: &str) -> String {
        self.run_logged(extra, url).0
    }

    /// [`Browser::run`], returning what the browser printed on stdout and on stderr.
    fn run_logged(&self, extra: &[OsString], url: &str) -> (String, String) {
        let work = tempfile::Builder::new()
            .prefix("run-")
            .tempdir_in(self.scratch.path())
            .unwrap();
        let profile = work.path().join("profile");
        let stdout_path = work.path().join("stdout");
        let stderr_path = work.path().join("stderr");
        // Files, not pipes: a full pipe would block a browser nobody reads from yet.
        let stdout = fs::File::create(&stdout_path).unwrap();
        let stderr = fs::File::create(&stderr_path).unwrap();

        let mut command = Command::new(&self.binary);
        command
            .args(BASE_FLAGS)
            .arg(flag("--user-data-dir=", &profile))
            .args(extra)
            .arg(url)
            .current_dir(work.path())
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            // Its own process group, so a hung browser can be killed with all its helpers.
            .process_group(0);
        let mut child = command
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", self.binary.display()));

        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > TIMEOUT {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "Chromium did not finish {url} within {TIMEOUT:?} and was killed; stderr:\n{}",
                    tail(&stderr_path)
                );
            }
            thread::sleep(Duration::from_millis(25));
        };
        if !status.success() {
            panic!(
                "Chromium failed on {url} ({status}); stderr:\n{}",
                tail(&stderr_path)
            );
        }
        (
            fs::read_to_string(&stdout_path).unwrap(),
            fs::read_to_string(&stderr_path).unwrap_or_default(),
        )
    }

    /// Opens `url` and keeps the browser running, with its DevTools HTTP endpoint on a free
    /// loopback port, until the returned value is dropped.
    fn open(&self, url: &str) -> OpenBrowser {
        let work = tempfile::Builder::new()
            .prefix("open-")
            .tempdir_in(self.scratch.path())
            .unwrap();
        let profile = work.path().join("profile");
        let stderr_path = work.path().join("stderr");
        let child = Command::new(&self.binary)
            .args(BASE_FLAGS)
            .arg(flag("--user-data-dir=", &profile))
            .arg("--remote-debugging-port=0")
            .arg(url)
            .current_dir(work.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&stderr_path).unwrap())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", self.binary.display()));
        let mut open = OpenBrowser {
            child,
            devtools_port: 0,
            _work: work,
        };
        // Chromium writes the port it took into the profile once it listens.
        let started = Instant::now();
        open.devtools_port = loop {
            let port = fs::read_to_string(profile.join("DevToolsActivePort"))
                .ok()
                .and_then(|text| text.lines().next()?.trim().parse().ok());
            if let Some(port) = port {
                break port;
            }
            assert!(
                started.elapsed() < TIMEOUT,
                "Chromium opened no DevTools port; stderr:\n{}",
                tail(&stderr_path)
            );
            thread::sleep(Duration::from_millis(25));
        };
        open
    }

    /// Loads `page` from disk with a NetLog and returns the remote URLs the page requested.
    fn remote_requests_of(&self, page: &Path) -> Vec<String> {
        self.remote_requests_of_url(&file_url(page))
    }

    /// The remote requests of the page at `url`, given time for its scripts to run (the
    /// search page loads its index as it runs).
    fn remote_requests_of_url(&self, url: &str) -> Vec<String> {
        let log = self.scratch_file("netlog.json");
        self.run(
            &[
                "--dump-dom".into(),
                "--virtual-time-budget=5000".into(),
                flag("--log-net-log=", &log),
            ],
            url,
        );
        let text = fs::read_to_string(&log)
            .unwrap_or_else(|err| panic!("no net log at {}: {err}", log.display()));
        page_requests(&text)
            .unwrap_or_else(|err| panic!("{}: {err}", log.display()))
            .into_iter()
            .filter(|url| is_remote(url))
            .collect()
    }
}

/// A browser left running on a page; killed, with its helpers, on drop.
struct OpenBrowser {
    child: std::process::Child,
    devtools_port: u16,
    /// Holds the profile until the browser is gone.
    _work: TempDir,
}

impl OpenBrowser {
    /// Waits until the browser's page at `url` has a title beginning with `title`, polling the
    /// browser's list of pages (plain HTTP, no DevTools session needed).
    fn wait_for_title(&self, url: &str, title: &str) {
        let started = Instant::now();
        let mut seen = String::new();
        while started.elapsed() < TIMEOUT {
            let list = common::serve::get(self.devtools_port, "/json/list");
            if let Ok(Value::Array(pages)) = serde_json::from_str::<Value>(&list.body) {
                let page = pages.iter().find(|page| page["url"] == url);
                seen = page
                    .map(|page| page["title"].to_string())
                    .unwrap_or_default();
                if page
                    .and_then(|page| page["title"].as_str())
                    .is_some_and(|t| t.starts_with(title))
                {
                    return;
                }
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("the page at {url} never had the title {title:?}; last seen {seen}");
    }
}

impl Drop for OpenBrowser {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `--name=<path>` as one argument, whatever bytes the path holds.
fn flag(name: &str, path: &Path) -> OsString {
    let mut flag = OsString::from(name);
    flag.push(path);
    flag
}

/// The last lines of a browser's stderr, for a failure message.
fn tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

// ---------------------------------------------------------------------------------------------
// The NetLog
// ---------------------------------------------------------------------------------------------

/// The URLs of the requests a page made, from the text of a Chromium NetLog.
///
/// The log is JSON: `constants` maps the names of event and source types to numbers, and
/// `events` lists `{type, source: {id, type}, params}`. Every fetch through the network stack
/// is a `URL_REQUEST` source whose events carry `params.url`; loads of `file://` URLs do not go
/// through it at all.
///
/// Chromium makes requests of its own even with background networking disabled (network time,
/// the updater, account checks). Those are told apart by their `URL_REQUEST_START_JOB`: the
/// browser starts them with no initiator (`"initiator": "not an origin"`) outside any page's
/// network partition. Everything else counts as the page's, including a request whose start
/// was not logged, so an unfamiliar log fails the check rather than passing it.
fn page_requests(text: &str) -> Result<Vec<String>, String> {
    let log: Value = serde_json::from_str(text).map_err(|err| format!("not JSON: {err}"))?;
    let constant = |table: &str, name: &str| {
        log["constants"][table][name]
            .as_u64()
            .ok_or_else(|| format!("not a NetLog: no constants.{table}.{name}"))
    };
    let url_request = constant("logSourceType", "URL_REQUEST")?;
    let start_job = constant("logEventTypes", "URL_REQUEST_START_JOB")?;
    let events = log["events"]
        .as_array()
        .ok_or("not a NetLog: no events list")?;

    #[derive(Default)]
    struct Request {
        url: Option<String>,
        /// A start of the request was logged.
        started: bool,
        /// A start of the request was not the browser's own.
        by_page: bool,
    }
    let mut requests: BTreeMap<u64, Request> = BTreeMap::new();
    for event in events {
        if event["source"]["type"].as_u64() != Some(url_request) {
            continue;
        }
        let Some(id) = event["source"]["id"].as_u64() else {
            continue;
        };
        let params = &event["params"];
        let request = requests.entry(id).or_default();
        if let Some(url) = params["url"].as_str() {
            request.url.get_or_insert_with(|| url.to_string());
        }
        // The job's start is logged as a begin event with the parameters and an end event
        // without them; each restart (a redirect, say) logs another pair.
        if event["type"].as_u64() == Some(start_job) && params.get("initiator").is_some() {
            let initiator = params["initiator"].as_str().unwrap_or("");
            let partition = params["network_isolation_key"].as_str().unwrap_or("");
            let internal = initiator == "not an origin" && !partition.contains("file://");
            request.started = true;
            request.by_page |= !internal;
        }
    }
    Ok(requests
        .into_values()
        .filter(|request| request.by_page || !request.started)
        .filter_map(|request| request.url)
        .collect())
}

/// Whether a URL leaves the machine's files.
fn is_remote(url: &str) -> bool {
    let scheme = url.split(':').next().unwrap_or("").to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https" | "ws" | "wss" | "ftp")
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

/// Builds the sample project into a fresh folder; the `TempDir` must outlive the site.
fn build_sample_site() -> (TempDir, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = TempDir::new().unwrap();
    let site = dir.path().join("site");
    briefing::build(root, Some(&site)).unwrap();
    (dir, site)
}

fn briefing_json(site: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(site.join("briefing.json")).unwrap()).unwrap()
}

/// Builds a copy of the sample project with one more source, `content/<file>`, into a fresh
/// folder; the `TempDir` must outlive the site.
fn build_sample_with_source(file: &str, text: &str) -> (TempDir, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = TempDir::new().unwrap();
    fs::copy(
        root.join("briefing.toml"),
        project.path().join("briefing.toml"),
    )
    .unwrap();
    for folder in ["themes", "templates", "content"] {
        copy_dir(&root.join(folder), &project.path().join(folder));
    }
    fs::write(project.path().join("content").join(file), text).unwrap();
    let site = project.path().join("out");
    briefing::build(project.path(), Some(&site)).unwrap();
    (project, site)
}

/// The title a page shows as its `<h1>`, from `briefing.json`.
fn expected_h1(json: &Value, page: &str) -> String {
    let find = |list: &str, id: &str| {
        json[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["id"] == id)
            .unwrap_or_else(|| panic!("no {list} entry {id} in briefing.json"))["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let stem = page.rsplit('/').next().unwrap().trim_end_matches(".html");
    match page.split('/').next().unwrap() {
        "themes" => find("themes", stem),
        "sources" => find("sources", stem),
        "search.html" => "Search".to_string(),
        _ => json["site"]["title"].as_str().unwrap().to_string(),
    }
}

/// Every `.html` file of the site.
fn html_pages(site: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut folders = vec![site.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "html") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Where screenshots are kept: `$CARGO_TARGET_DIR` or the project's `target/`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// A `file://` URL for an absolute path, percent-encoding what a URL path cannot hold.
fn file_url(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    let mut url = String::from("file://");
    for byte in path.to_str().expect("UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// The bytes of a screenshot, checked to be a non-empty PNG.
fn read_png(path: &Path, page: &str) -> Vec<u8> {
    let bytes = fs::read(path)
        .unwrap_or_else(|err| panic!("{page}: no screenshot at {}: {err}", path.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 1000,
        "{page}: the screenshot is not a PNG with content ({} bytes)",
        bytes.len()
    );
    bytes
}

// ---------------------------------------------------------------------------------------------
// Reading the DOM Chromium dumps
// ---------------------------------------------------------------------------------------------

/// The text of the first `<h1>`, tags dropped, entities decoded and white space collapsed.
fn h1_text(dom: &str) -> Option<String> {
    element_text(dom, "h1")
}

/// The text of `<title>`.
fn title_text(dom: &str) -> Option<String> {
    element_text(dom, "title")
}

fn element_text(dom: &str, tag: &str) -> Option<String> {
    let lower = dom.to_ascii_lowercase();
    let open = format!("<{tag}");
    let mut from = 0;
    let start = loop {
        let at = from + lower[from..].find(&open)?;
        let after = lower.as_bytes().get(at + open.len()).copied();
        if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            break at + lower[at..].find('>')? + 1;
        }
        from = at + open.len();
    };
    let end = start + lower[start..].find(&format!("</{tag}>"))?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in dom[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = html_escape::decode_html_entities(&text);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The `href` of every `<link rel="stylesheet">`, as serialised by Chromium.
fn stylesheet_hrefs(dom: &str) -> Vec<String> {
    dom.match_indices("<link ")
        .filter_map(|(at, _)| {
            let tag = &dom[at..at + dom[at..].find('>')?];
            if !tag.contains("rel=\"stylesheet\"") {
                return None;
            }
            let href = tag.split("href=\"").nth(1)?.split('"').next()?;
            Some(html_escape::decode_html_entities(href).into_owned())
        })
        .collect()
}
