//! What arrived: over builds that add and edit sources, the index and the briefings say what
//! each recent build brought in, the feed has an entry per build, the history survives a
//! failed build, and rebuilding unchanged inputs (on another day, or into another folder)
//! gives the same bytes. The build's date is set through `BRIEFING_BUILD_DATE`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixture_project, snapshot, write};
use scraper::{Html, Selector};

const BASE: &str = "https://example.org/briefing/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Runs `briefing build` on `root` (into `out` when given) as if on `date`.
fn build_on(root: &Path, date: &str, out: Option<&Path>) -> common::Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefing"));
    command
        .args(["build", "--root"])
        .arg(root)
        .env("BRIEFING_BUILD_DATE", date);
    if let Some(out) = out {
        command.arg("--out").arg(out);
    }
    let output = command.output().unwrap();
    common::Run {
        success: output.status.success(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn built(run: common::Run) {
    assert!(run.success, "{}{}", run.stdout, run.stderr);
}

fn page(root: &Path, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(root.join("site").join(path)).unwrap())
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef) -> String {
    let text: String = element.text().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hrefs(page: &Html, css: &str) -> Vec<String> {
    select(page, css)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// The minimal fixture, published (so it has a feed), keeping the last two builds.
fn project() -> tempfile::TempDir {
    let project = fixture_project("minimal");
    let config = project.path().join("briefing.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!("base_url = \"{BASE}\"\nrecent_builds = 2\n"));
    std::fs::write(config, text).unwrap();
    project
}

#[test]
fn builds_that_bring_sources_are_shown_on_the_index_the_briefings_and_the_feed() {
    let project = project();
    let root = project.path();

    // Build 1: the history starts, with both sources added.
    built(build_on(root, "2026-01-01", None));
    let index = page(root, "index.html");
    let entries = select(&index, "#arrived ~ ol.builds > li");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].value().id(), Some("build-1"));
    assert!(
        text(&entries[0]).starts_with("1 January 2026: 2 sources added"),
        "{}",
        text(&entries[0])
    );
    let first = snapshot(&root.join("site"));

    // Nothing changed, on another day, in place or into another folder: the same bytes.
    let run = build_on(root, "2026-01-05", None);
    built(run);
    assert_eq!(snapshot(&root.join("site")), first, "an unchanged rebuild");
    let elsewhere = root.join("elsewhere");
    built(build_on(root, "2026-01-06", Some(&elsewhere)));
    assert_eq!(
        snapshot(&elsewhere),
        first,
        "a build into another folder continues the project's history"
    );

    // Build 2: one source added, one edited (a paragraph inserted above its only one).
    write(
        root,
        "content/gamma.md",
        "---\nid: gamma\ntitle: \"Gamma dispatch\"\npublished: 2025-09-04\n---\n\nThe parade showed 12 hypersonic missiles, drones and tanks.\n",
    );
    write(
        root,
        "content/beta.md",
        "---\nid: beta\ntitle: \"Beta analysis\"\n---\n\nA correction: observers counted 40 tanks and many drones on parade.\n\nAnalysts counted intercontinental missiles, tanks and drones on parade.\n",
    );
    built(build_on(root, "2026-01-02", None));
    let index = page(root, "index.html");
    let newest = &select(&index, "ol.builds > li")[0];
    assert_eq!(newest.value().id(), Some("build-2"));
    assert!(
        text(newest).starts_with("2 January 2026: 1 source added, 1 edited"),
        "{}",
        text(newest)
    );
    assert_eq!(
        hrefs(&index, "#build-2 .arrived-sources a"),
        ["sources/gamma.html", "sources/beta.html"]
    );
    assert_eq!(
        hrefs(&index, "#build-2 .arrived-in a"),
        ["themes/hardware.html#arrived-2"]
    );
    let added_to = text(&select(&index, "#build-2 .arrived-in")[0]);
    assert!(added_to.contains("Hardware (+2 passages"), "{added_to}");

    // The briefing lists the new passages (gamma's, and beta's new first paragraph, not the
    // one it had, now ¶2), each linked to its place on the page.
    let briefing = page(root, "themes/hardware.html");
    let entry = &select(&briefing, "details#arrived-2")[0];
    assert!(entry.value().attr("open").is_some(), "the newest is open");
    let listed: Vec<String> = select(&briefing, "#arrived-2 .arrived-passages a")
        .iter()
        .map(text)
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted.len(), 2, "{listed:?}");
    assert!(
        sorted[0].starts_with("Beta") && sorted[0].ends_with("¶1"),
        "{sorted:?}"
    );
    assert!(
        sorted[1].starts_with("Gamma") && sorted[1].ends_with("¶1"),
        "{sorted:?}"
    );
    for href in hrefs(&briefing, "#arrived-2 .arrived-passages a") {
        // A page of the briefing: its first (themes/hardware.html) or a later one.
        let (path, anchor) = href
            .strip_prefix("../")
            .and_then(|rest| rest.split_once('#'))
            .filter(|(path, _)| path.starts_with("themes/hardware"))
            .unwrap_or_else(|| panic!("{href} does not lead to a page of the briefing"));
        let target = page(root, path);
        assert_eq!(
            select(&target, &format!("figure.passage[id=\"{anchor}\"]")).len(),
            1,
            "{href}"
        );
    }
    let claims = select(&briefing, "#arrived-2 .arrived-claims li");
    assert!(
        claims.iter().any(|c| text(c).contains("12")),
        "gamma's figure is among the claims: {:?}",
        claims.iter().map(text).collect::<Vec<_>>()
    );
    let toc = hrefs(&briefing, "nav.toc a");
    assert!(toc.is_empty() || toc[0] == "#arrived", "{toc:?}");
    let after_two = std::fs::read(root.join("site/history.json")).unwrap();

    // A failed build changes nothing, the history included.
    write(
        root,
        "content/broken.md",
        "---\ntitle: [unclosed\n---\n\nText.\n",
    );
    let run = build_on(root, "2026-01-03", None);
    assert!(!run.success, "{}", run.stdout);
    assert_eq!(
        std::fs::read(root.join("site/history.json")).unwrap(),
        after_two
    );
    std::fs::remove_file(root.join("content/broken.md")).unwrap();

    // Build 3: one more source; only the last two builds are kept (`recent_builds = 2`).
    write(
        root,
        "content/delta.md",
        "---\nid: delta\ntitle: \"Delta note\"\npublished: 2025-09-05\n---\n\nNew drones and missiles rolled past the stand.\n",
    );
    built(build_on(root, "2026-01-04", None));
    let index = page(root, "index.html");
    let ids: Vec<&str> = select(&index, "ol.builds > li")
        .iter()
        .filter_map(|li| li.value().id())
        .collect();
    assert_eq!(ids, ["build-3", "build-2"]);
    let briefing = page(root, "themes/hardware.html");
    let ids: Vec<&str> = select(&briefing, "details.build")
        .iter()
        .filter_map(|d| d.value().id())
        .collect();
    assert_eq!(ids, ["arrived-3", "arrived-2"]);
    assert!(
        select(&briefing, "details#arrived-2")[0]
            .value()
            .attr("open")
            .is_none()
    );

    // The feed: one entry per kept build, newest first, before the source entries.
    let feed = std::fs::read_to_string(root.join("site/feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let child = |node: roxmltree::Node<'_, '_>, name: &str| -> String {
        node.children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    let entries: Vec<roxmltree::Node> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .collect();
    let builds: Vec<&roxmltree::Node> = entries
        .iter()
        .filter(|e| child(**e, "id").contains("#build-"))
        .collect();
    assert_eq!(builds.len(), 2, "{feed}");
    assert!(
        std::ptr::eq(builds[0], &entries[0]),
        "build entries come first"
    );
    assert_eq!(child(*builds[0], "id"), format!("{BASE}index.html#build-3"));
    assert_eq!(child(*builds[1], "id"), format!("{BASE}index.html#build-2"));
    assert_eq!(child(*builds[0], "updated"), "2026-01-04T00:00:00Z");
    assert_eq!(
        child(doc.root_element(), "updated"),
        "2026-01-04T00:00:00Z",
        "the feed is as new as its newest build"
    );
    assert!(
        child(*builds[0], "title").starts_with("1 source added: Hardware +1 passage"),
        "{}",
        child(*builds[0], "title")
    );
    assert!(
        child(*builds[1], "title").starts_with("1 source added, 1 edited: Hardware +2 passages"),
        "{}",
        child(*builds[1], "title")
    );
    let link = builds[0]
        .children()
        .find(|n| n.has_tag_name((ATOM, "link")))
        .and_then(|n| n.attribute("href"));
    assert_eq!(link, Some(&*format!("{BASE}index.html#build-3")));
    assert!(child(*builds[0], "summary").contains("Added: Delta note."));
    let sources = entries.len() - builds.len();
    assert_eq!(
        sources, 3,
        "the dated sources (alpha, gamma, delta) keep their entries"
    );
}

#[test]
fn a_damaged_history_is_reported_and_kept() {
    let project = project();
    let root = project.path();
    built(build_on(root, "2026-01-01", None));
    let history = root.join("site/history.json");
    std::fs::write(&history, "{\"format\": 1, \"builds\": [oops]}").unwrap();
    let run = build_on(root, "2026-01-02", None);
    assert!(!run.success);
    assert!(
        run.stderr.contains("history.json:1:") && run.stderr.contains("not a build history"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&history).unwrap(),
        "{\"format\": 1, \"builds\": [oops]}"
    );
    std::fs::remove_file(&history).unwrap();
    let run = build_on(root, "01/02/2026", None);
    assert!(!run.success);
    assert!(run.stderr.contains("BRIEFING_BUILD_DATE"), "{}", run.stderr);
}

#[test]
fn the_index_names_a_few_sources_of_a_large_build_and_counts_the_rest() {
    let project = project();
    let root = project.path();
    for n in 1..=11 {
        write(
            root,
            &format!("content/extra-{n:02}.md"),
            &format!("---\nid: extra-{n:02}\ntitle: \"Extra {n}\"\n---\n\nDrones number {n}.\n"),
        );
    }
    built(build_on(root, "2026-01-01", None));
    let index = page(root, "index.html");
    let listed = select(&index, "#build-1 .arrived-sources li");
    assert_eq!(listed.len(), 11, "ten sources and a count");
    assert_eq!(text(listed.last().unwrap()), "and 3 more");
    let feed = std::fs::read_to_string(root.join("site/feed.xml")).unwrap();
    assert!(feed.contains("; and 3 more.</summary>"), "{feed}");
}
