//! Publishing: what `base_url` adds to a site (sitemap, Atom feed, canonical links, a
//! not-found page that works at any depth), the links to cited words on the sources' live
//! pages, and `briefing check` on good and broken sites. The sitemap and the feed are read
//! with an XML parser of their own (roxmltree), not with the code that wrote them.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{copy_dir, fixture_project, repo, run_briefing, run_build, snapshot, write};

const BASE: &str = "https://briefing.example/parade/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// Every HTML page of the committed sample site, but the not-found page (which stands for no
/// address), as paths from the site root.
fn sample_pages() -> BTreeSet<String> {
    snapshot(&repo().join("site"))
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| path.ends_with(".html") && path != "404.html")
        .collect()
}

#[test]
fn sitemap_lists_every_page_once_under_the_base_url() {
    let text = read(&repo().join("site/sitemap.xml"));
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml is XML");
    let urlset = doc.root_element();
    assert_eq!(urlset.tag_name().name(), "urlset");
    assert_eq!(
        urlset.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let mut listed = Vec::new();
    for url in urlset.children().filter(|n| n.is_element()) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .expect("every <url> has a <loc>");
        let path = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{loc} is not under {BASE}"));
        listed.push(path.to_string());
        if let Some(lastmod) = url.children().find(|n| n.has_tag_name("lastmod")) {
            let date = lastmod.text().unwrap_or_default();
            assert!(
                chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
                "{loc}: lastmod {date}"
            );
        }
    }
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "a page is listed twice");
    assert_eq!(unique, sample_pages());
}

/// The RFC 3339 time of an Atom date element.
fn atom_time(node: roxmltree::Node, name: &str) -> chrono::DateTime<chrono::FixedOffset> {
    let text = node
        .children()
        .find(|n| n.has_tag_name((ATOM, name)))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no <{name}>"));
    chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|err| panic!("{text}: {err}"))
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.has_tag_name((ATOM, name)))
        .and_then(|n| n.text())
}

#[test]
fn feed_is_atom_with_an_entry_per_recent_build_then_per_source_newest_first() {
    let site = repo().join("site");
    let text = read(&site.join("feed.xml"));
    let doc = roxmltree::Document::parse(&text).expect("feed.xml is XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(child_text(feed, "id"), Some(BASE));
    assert!(child_text(feed, "title").is_some_and(|t| !t.is_empty()));
    let updated = atom_time(feed, "updated");
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .collect();
    let sources = snapshot(&site.join("sources")).len();
    // The builds the history records come first: each a build that brought sources in.
    let is_build =
        |entry: &roxmltree::Node| child_text(*entry, "id").is_some_and(|id| id.contains("#build-"));
    let builds = entries.iter().take_while(|e| is_build(e)).count();
    assert!(builds >= 1, "the sample's history starts with a build");
    assert_eq!(
        entries.len() - builds,
        sources,
        "one entry per (dated) source"
    );
    let mut ids = BTreeSet::new();
    let mut previous = updated;
    for (place, entry) in entries.into_iter().enumerate() {
        let id = child_text(entry, "id").expect("entry id");
        assert!(ids.insert(id.to_string()), "{id} twice");
        assert!(child_text(entry, "title").is_some_and(|t| !t.is_empty()));
        let time = atom_time(entry, "updated");
        if place == builds {
            previous = updated; // the sources, newest first, follow the builds
        }
        assert!(time <= previous, "{id}: entries newest first");
        previous = time;
        let alternate = entry
            .children()
            .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("alternate"))
            .and_then(|n| n.attribute("href"))
            .expect("entry link");
        let page = alternate.strip_prefix(BASE).expect("link under base_url");
        let (page, fragment) = page.split_once('#').unwrap_or((page, ""));
        if !fragment.is_empty() {
            assert!(
                read(&site.join(page)).contains(&format!("id=\"{fragment}\"")),
                "{alternate}: no such element"
            );
        }
        assert!(
            site.join(page).is_file(),
            "{alternate} is no page of the site"
        );
    }
}

#[test]
fn pages_name_their_canonical_address_only_with_a_base_url() {
    let index = read(&repo().join("site/themes/diplomacy.html"));
    assert!(index.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}themes/diplomacy.html\">"
    )));
    assert!(
        index.contains("href=\"../feed.xml\""),
        "feed discovery link"
    );

    // The fixture sets no base_url: no sitemap, no feed, no canonical link; the not-found page
    // links from the host's root.
    let project = fixture_project("minimal");
    let run = run_build(project.path());
    assert!(run.success, "{}", run.stderr);
    let site = project.path().join("site");
    assert!(!site.join("sitemap.xml").exists() && !site.join("feed.xml").exists());
    assert!(!read(&site.join("index.html")).contains("rel=\"canonical\""));
    let not_found = read(&site.join("404.html"));
    assert!(not_found.contains("href=\"/index.html\""), "{not_found}");
    assert!(not_found.contains("href=\"/themes/hardware.html\""));
    assert!(not_found.contains("href=\"/assets/style.css\""));
}

#[test]
fn citations_link_the_cited_words_on_the_live_page() {
    let project = fixture_project("minimal");
    let root = project.path();
    let alpha = read(&root.join("content/alpha.md")).replace(
        "published: 2025-09-03\n",
        "published: 2025-09-03\nurl: https://news.example/alpha?id=1\n",
    );
    write(root, "content/alpha.md", &alpha);
    let config = read(&root.join("briefing.toml"));
    write(
        root,
        "briefing.toml",
        &format!("{config}base_url = \"https://minimal.example/b\"\n"),
    );
    let run = run_build(root);
    assert!(run.success, "{}", run.stderr);
    let site = root.join("site");
    let live = "https://news.example/alpha?id=1#:~:text=The%20parade%20showed%20hypersonic%20missiles%20and%20new%20drones.";
    // Attribute values are HTML-escaped: `&` would be `&amp;`; this address has none.
    let source = read(&site.join("sources/alpha.html"));
    assert!(
        source.contains(&format!("<a class=\"live\" href=\"{live}\"")),
        "{source}"
    );
    let briefing = read(&site.join("themes/hardware.html"));
    assert!(
        briefing.contains(&format!("data-live=\"{live}\"")),
        "{briefing}"
    );
    assert!(briefing.contains(&format!("<a class=\"live\" href=\"{live}\">live page</a>")));
    // beta has no url: its citations carry no live link.
    assert!(!read(&site.join("sources/beta.html")).contains("class=\"live\""));

    // The base_url gains its `/`; only alpha is dated, so the feed has one source entry
    // (after the entry of the build that brought both sources in).
    let feed = read(&site.join("feed.xml"));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .filter(|n| child_text(*n, "id").is_some_and(|id| !id.contains("#build-")))
        .collect();
    assert_eq!(entries.len(), 1, "{feed}");
    assert_eq!(
        child_text(entries[0], "id"),
        Some("https://minimal.example/b/sources/alpha.html")
    );
    assert_eq!(
        atom_time(entries[0], "updated").to_rfc3339(),
        "2025-09-03T00:00:00+00:00"
    );
    assert!(entries[0].children().any(|n| n.has_tag_name((ATOM, "link"))
        && n.attribute("rel") == Some("related")
        && n.attribute("href") == Some("https://news.example/alpha?id=1")));
}

#[test]
fn check_passes_on_the_built_sample_site() {
    let run = run_briefing(&["check".as_ref(), "--root".as_ref(), repo().as_os_str()]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let pages = sample_pages().len() + 1;
    assert!(
        run.stdout
            .starts_with(&format!("checked {pages} pages in "))
            && run.stdout.ends_with(": no problem\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_names_the_page_and_target_of_each_problem() {
    let copy = tempfile::tempdir().unwrap();
    let site = copy.path().join("site");
    copy_dir(&repo().join("site"), &site);
    let edit = |page: &str, from: &str, to: &str| {
        let text = read(&site.join(page));
        assert!(text.contains(from), "{page} has no {from}");
        std::fs::write(site.join(page), text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "themes/diplomacy.html",
        "href=\"../index.html\"",
        "href=\"../gone.html\"",
    );
    edit(
        "index.html",
        "href=\"themes/north-korea.html\"",
        "href=\"themes/north-korea.html#no-such-passage\"",
    );
    std::fs::remove_file(site.join("assets/style.css")).unwrap();

    let run = run_briefing(&[
        "check".as_ref(),
        "--root".as_ref(),
        repo().as_os_str(),
        site.as_os_str(),
    ]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let out = run.stdout.replace(&site.display().to_string(), "<site>");
    let problem = |page: &str, what: &str| {
        out.lines().any(|line| {
            line.strip_prefix(&format!("<site>/{page}:"))
                .and_then(|rest| rest.split_once(": "))
                .is_some_and(|(line_number, message)| {
                    line_number.parse::<usize>().is_ok() && message == what
                })
        })
    };
    assert!(
        problem(
            "themes/diplomacy.html",
            "broken link: no such file `gone.html` (../gone.html)"
        ),
        "{out}"
    );
    assert!(
        problem(
            "index.html",
            "broken anchor: no id `no-such-passage` in `themes/north-korea.html` (themes/north-korea.html#no-such-passage)"
        ),
        "{out}"
    );
    assert!(
        problem(
            "sources/alpha-kim.html",
            "missing stylesheet `assets/style.css` (../assets/style.css)"
        ) || problem(
            "index.html",
            "missing stylesheet `assets/style.css` (assets/style.css)"
        ),
        "{out}"
    );
    // The not-found page links by the base_url, which check reads as the site itself.
    assert!(
        problem(
            "404.html",
            &format!("missing stylesheet `assets/style.css` ({BASE}assets/style.css)")
        ),
        "{out}"
    );
    assert!(out.contains("  hint: "), "{out}");
    assert!(out.trim_end().ends_with("problems found"), "{out}");
}
