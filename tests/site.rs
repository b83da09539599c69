//! The sample site as a reader and a program see it: the committed `site/` is what a build
//! produces, builds are deterministic, every citation lands on a paragraph that holds the
//! cited text, and `briefing.json` carries every paragraph of the sources exactly once (checked
//! against the raw web captures of the five sample articles in `tests/fixtures/seeds/`).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use briefing::render::OutputFile;
use scraper::{Html, Selector};
use serde_json::Value;

fn fresh_build() -> Vec<OutputFile> {
    briefing::render_site(&common::repo()).expect("the sample project builds")
}

fn files_by_path(files: &[OutputFile]) -> BTreeMap<&str, &[u8]> {
    files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect()
}

fn json(files: &[OutputFile]) -> Value {
    serde_json::from_slice(files_by_path(files)["briefing.json"]).unwrap()
}

#[test]
fn committed_site_matches_a_fresh_build() {
    let built = fresh_build();
    let committed = common::snapshot(&common::repo().join("site"));
    let built: Vec<(String, Vec<u8>)> = {
        let mut files: Vec<(String, Vec<u8>)> =
            built.into_iter().map(|f| (f.path, f.bytes)).collect();
        files.sort();
        files
    };
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&built),
        "site/ has other files than a build writes: run `cargo run --release -- build`"
    );
    for ((path, committed), (_, built)) in committed.iter().zip(&built) {
        assert!(
            committed == built,
            "site/{path} differs from a fresh build: run `cargo run --release -- build` and commit site/"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let project = common::sample_project();
    let first_out = project.path().join("first");
    let second_out = project.path().join("second");
    briefing::build(project.path(), Some(&first_out)).unwrap();
    briefing::build(project.path(), Some(&second_out)).unwrap();
    let first = common::snapshot(&first_out);
    assert!(first.len() > 10);
    assert_eq!(first, common::snapshot(&second_out));
}

/// Text of the paragraph with `id` on a source page, whitespace collapsed.
fn paragraph_text(page: &Html, id: &str) -> Option<String> {
    let selector = Selector::parse(&format!("[id=\"{id}\"] .text")).unwrap();
    page.select(&selector)
        .next()
        .map(|element| collapse(&element.text().collect::<String>()))
}

/// The text anchor (`t-…`) that the ¶ marker with numbered anchor `number` (`p4`, `p2-1`) on
/// the source page at `path` links to.
fn text_anchor(by_path: &BTreeMap<&str, &[u8]>, path: &str, number: &str) -> String {
    let page = Html::parse_document(std::str::from_utf8(by_path[path]).unwrap());
    let marker = Selector::parse(&format!("a[id=\"{number}\"]")).unwrap();
    let href = page
        .select(&marker)
        .next()
        .unwrap_or_else(|| panic!("{path} has no ¶ marker #{number}"))
        .value()
        .attr("href")
        .unwrap();
    href.trim_start_matches('#').to_string()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_link_resolves_and_every_citation_quotes_its_paragraph() {
    let (checked_links, checked_quotes) = check_links_and_quotes(&fresh_build());
    assert!(
        checked_links > 200 && checked_quotes > 50,
        "too few links checked: {checked_links}, {checked_quotes}"
    );
}

#[test]
fn paginates_long_briefings_with_working_links() {
    let project = common::sample_project();
    let config = std::fs::read_to_string(project.path().join("briefing.toml")).unwrap();
    std::fs::write(
        project.path().join("briefing.toml"),
        format!("passages_per_page = 7\n{config}"),
    )
    .unwrap();
    let files = briefing::render_site(project.path()).unwrap();
    let by_path = files_by_path(&files);
    let json = json(&files);
    let diplomacy = json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "diplomacy")
        .unwrap();
    let passages: usize = diplomacy["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| group["passages"].as_u64().unwrap() as usize)
        .sum();
    let later: Vec<&&str> = by_path
        .keys()
        .filter(|path| path.starts_with("themes/diplomacy/"))
        .collect();
    assert!(
        later.len() >= 2,
        "the sample's diplomacy briefing should need several pages"
    );
    assert!(by_path.contains_key("themes/diplomacy.html"));
    // A later page is named after the passage that opens it.
    for path in &later {
        let page = Html::parse_document(std::str::from_utf8(by_path[**path]).unwrap());
        let first = page
            .select(&Selector::parse("figure.passage").unwrap())
            .next()
            .unwrap();
        let name = path
            .trim_start_matches("themes/diplomacy/")
            .trim_end_matches(".html");
        assert_eq!(first.value().attr("id"), Some(name));
    }
    // Every passage stands on exactly one page.
    let passage = Selector::parse("figure.passage").unwrap();
    let shown: usize = by_path
        .iter()
        .filter(|(path, _)| path.starts_with("themes/diplomacy"))
        .map(|(_, bytes)| {
            Html::parse_document(std::str::from_utf8(bytes).unwrap())
                .select(&passage)
                .count()
        })
        .sum();
    assert_eq!(shown, passages);
    check_links_and_quotes(&files);
}

/// Follows every link of every page: the target file exists, the fragment names an element,
/// and a citation's `data-quote` is part of the paragraph it points to. Returns the number of
/// links and of quotes checked.
fn check_links_and_quotes(files: &[OutputFile]) -> (usize, usize) {
    let by_path = files_by_path(files);
    let pages: BTreeMap<&str, Html> = by_path
        .iter()
        // The not-found page is for a server, which shows it at any address; its links start
        // from the base_url (tests/publish.rs checks them with `briefing check`).
        .filter(|(path, _)| path.ends_with(".html") && **path != "404.html")
        .map(|(path, bytes)| {
            (
                *path,
                Html::parse_document(std::str::from_utf8(bytes).unwrap()),
            )
        })
        .collect();
    // A page's published address (canonical) and the link to a source's live page are off-site
    // on purpose; neither is fetched while reading.
    let links = Selector::parse("a[href]:not(.live), link[href]:not([rel=canonical])").unwrap();
    let (mut checked_links, mut checked_quotes) = (0, 0);
    // A take-away links only to itself and to live pages: tests/print.rs checks it.
    for (path, page) in pages.iter().filter(|(path, _)| !path.starts_with("print/")) {
        for link in page.select(&links) {
            let href = link.value().attr("href").unwrap();
            assert!(
                !href.starts_with("http"),
                "{path}: a page links off-site ({href}); reading must work offline"
            );
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                path.to_string()
            } else {
                normalise(Path::new(path).parent().unwrap().join(file))
            };
            assert!(
                by_path.contains_key(target.as_str()),
                "{path}: link to missing {target}"
            );
            checked_links += 1;
            if fragment.is_empty() {
                continue;
            }
            let target_page = &pages[target.as_str()];
            let anchor = Selector::parse(&format!("[id=\"{fragment}\"]")).unwrap();
            assert!(
                target_page.select(&anchor).next().is_some(),
                "{path}: {href} has no anchor #{fragment}"
            );
            if let Some(quote) = link.value().attr("data-quote") {
                let text = paragraph_text(target_page, fragment).unwrap_or_else(|| {
                    panic!("{path}: {href} is a citation but #{fragment} is not a paragraph")
                });
                assert!(
                    text.contains(&collapse(quote)),
                    "{path}: {href} quotes text not in the paragraph: {quote}"
                );
                checked_quotes += 1;
            }
        }
    }
    (checked_links, checked_quotes)
}

fn normalise(path: std::path::PathBuf) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn briefing_json_has_the_documented_fields() {
    let files = fresh_build();
    let json = json(&files);
    assert_eq!(json["format"], 3);
    assert!(json["site"]["title"].is_string());
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    let theme_ids: BTreeSet<&str> = json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        theme_ids,
        BTreeSet::from([
            "military-hardware",
            "diplomacy",
            "finance-and-de-dollarization",
            "sanctions-and-arms-transfers",
            "north-korea",
            "history-and-memory",
            "western-response",
        ])
    );
    let terms_of: BTreeMap<&str, Vec<&str>> = json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let terms = t["terms"].as_array().unwrap().iter();
            (
                t["id"].as_str().unwrap(),
                terms.map(|w| w.as_str().unwrap()).collect(),
            )
        })
        .collect();
    let by_path = files_by_path(&files);
    let mut labels = BTreeSet::new();
    let mut filed_per_group: BTreeMap<(String, u64), u64> = BTreeMap::new();
    for source in sources {
        assert!(source["id"].is_string() && source["title"].is_string());
        let page = format!("sources/{}.html", source["id"].as_str().unwrap());
        assert!(by_path.contains_key(page.as_str()), "{page}");
        assert!(
            labels.insert(source["label"].as_str().unwrap()),
            "labels are unique"
        );
        for (i, paragraph) in source["paragraphs"].as_array().unwrap().iter().enumerate() {
            assert_eq!(paragraph["n"], i + 1);
            for (j, item) in paragraph["items"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                assert_eq!(item["n"], j + 1);
                assert!(paragraph["filed"].is_null(), "a list is filed item by item");
                assert!(paragraph["text"].is_null(), "a list's text is in its items");
                assert!(item["text"].is_string());
            }
            let text = paragraph["text"].as_str().unwrap_or_default();
            assert!(!text.contains('<'), "paragraph text must be plain");
            // Each filing is `[score, group, term, …]`, a term by its place in the theme's list.
            let units = std::iter::once(paragraph)
                .chain(paragraph["items"].as_array().into_iter().flatten());
            let filings = units.flat_map(|unit| unit["filed"].as_object().into_iter().flatten());
            for (theme, filing) in filings {
                assert!(theme_ids.contains(theme.as_str()));
                let filing = filing.as_array().unwrap();
                assert!(filing[0].as_f64().unwrap() > 0.0);
                assert!(filing.len() > 2);
                for term in &filing[2..] {
                    let place = term.as_u64().unwrap() as usize;
                    assert!(
                        place < terms_of[theme.as_str()].len(),
                        "{theme}: term {place}"
                    );
                }
                *filed_per_group
                    .entry((theme.clone(), filing[1].as_u64().unwrap()))
                    .or_insert(0u64) += 1;
            }
            for theme in paragraph["from_article"].as_array().into_iter().flatten() {
                assert!(paragraph["filed"].get(theme.as_str().unwrap()).is_some());
            }
        }
        for heading in source["headings"].as_array().unwrap() {
            assert!(heading["text"].is_string() && heading["before"].as_u64().unwrap() >= 1);
        }
    }
    let paragraph = |source_id: &Value, n: &Value| -> Value {
        let source = sources.iter().find(|s| &s["id"] == source_id).unwrap();
        source["paragraphs"][n.as_u64().unwrap() as usize - 1].clone()
    };
    for theme in json["themes"].as_array().unwrap() {
        assert!(theme["title"].is_string());
        assert!(by_path.contains_key(theme["href"].as_str().unwrap()));
        // A briefing's groups count the paragraphs filed under it with their number.
        let groups = theme["groups"].as_array().unwrap();
        assert!(!groups.is_empty(), "theme {} cites nothing", theme["id"]);
        for (g, group) in groups.iter().enumerate() {
            assert_eq!(group["number"], g + 1);
            let key = (theme["id"].as_str().unwrap().to_string(), g as u64 + 1);
            assert_eq!(
                group["passages"].as_u64(),
                filed_per_group.get(&key).copied()
            );
        }
        // Cited text is parts: html, text, or a bracket of citations that resolve.
        let texts = theme["key_points"]
            .as_array()
            .unwrap()
            .iter()
            .chain(theme["overview"].as_array().map(|_| &theme["overview"]));
        for text in texts {
            for part in text.as_array().unwrap() {
                let part = part.as_object().unwrap();
                assert_eq!(part.len(), 1, "{part:?}");
                if let Some(cites) = part.get("cite") {
                    for cite in cites.as_array().unwrap() {
                        if !cite["n"].is_null() {
                            let cited = paragraph(&cite["source"], &cite["n"]);
                            assert!(cited["text"].is_string() || cited["items"].is_array());
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn briefing_json_is_compact_and_never_repeats_a_paragraph() {
    let files = fresh_build();
    let bytes = files_by_path(&files)["briefing.json"];
    let text = std::str::from_utf8(bytes).unwrap();
    assert_eq!(text.lines().count(), 1, "compact: one line");
    // Every paragraph's text is written once, however many themes it is filed under.
    let json = json(&files);
    for source in json["sources"].as_array().unwrap() {
        for paragraph in source["paragraphs"].as_array().unwrap() {
            let body = serde_json::to_string(&paragraph["text"]).unwrap();
            if body.len() > 80 {
                assert_eq!(text.matches(body.as_str()).count(), 1, "{body}");
            }
        }
    }
    let content: u64 = std::fs::read_dir(common::repo().join("content"))
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .sum();
    // The sample's paragraphs are filed under several themes each, with their matched terms,
    // and its claims, timeline and who's who cite the exact words of five short sources, so
    // its analysis weighs more than a typical corpus's (tests/bench/build.sh); repeating each
    // passage's text under its themes would add another 2× on top.
    assert!(
        (bytes.len() as u64) < content * 4,
        "briefing.json is {} bytes for {content} bytes of content",
        bytes.len()
    );
}

/// Lines of the raw seeds that are web furniture, not article text.
const BOILERPLATE: [&str; 15] = [
    "E-IR is an independent",
    "Adblock Detected",
    "Please consider supporting us",
    "Leave a Comment",
    "Scroll to load tweet",
    "Show More",
    "Image Source:",
    "Further Reading on",
    "Please Consider Donating",
    "Before you download your free e-book",
    "Donations are voluntary",
    "Would love your thoughts",
    "Article Rating",
    "Newest Most Voted",
    "International Property Consultant",
];

#[test]
fn every_seed_paragraph_appears_once_and_no_boilerplate() {
    let seeds_dir = common::repo().join("tests/fixtures/seeds");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&seeds_dir)
        .unwrap_or_else(|err| {
            panic!(
                "the raw seeds are expected at {}: {err}",
                seeds_dir.display()
            )
        })
        .map(|entry| entry.unwrap().path())
        .collect();
    seeds.sort();
    assert_eq!(
        seeds.len(),
        5,
        "the five raw seeds in {}",
        seeds_dir.display()
    );
    let json = json(&fresh_build());
    let paragraphs: Vec<String> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().unwrap().iter())
        .map(|p| match p["items"].as_array() {
            // A list's text is in its items, one per line as in the paragraph.
            Some(items) => items
                .iter()
                .map(|item| item["text"].as_str().unwrap())
                .collect::<Vec<_>>()
                .join("\n"),
            None => p["text"].as_str().unwrap().to_string(),
        })
        .collect();
    let figures: Vec<String> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["figures"].as_array().unwrap().iter())
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    let mut prose_lines = 0;
    for seed in seeds {
        let text = std::fs::read_to_string(&seed).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        for (index, line) in lines.iter().enumerate() {
            let is_caption = lines
                .get(index + 1)
                .is_some_and(|next| next.trim().starts_with("Image Source:"));
            let line = collapse(line.trim_start_matches(|c: char| c.is_whitespace() || c == '•'));
            let line = line.strip_prefix("- ").unwrap_or(&line).to_string();
            // Prose, as opposed to headlines, headings and widgets: a long line or a sentence.
            let prose =
                line.chars().count() >= 100 || (line.ends_with('.') && line.chars().count() >= 60);
            if BOILERPLATE.iter().any(|b| line.contains(b)) {
                for paragraph in &paragraphs {
                    assert!(
                        !paragraph.contains(&line),
                        "boilerplate kept as text: {line}"
                    );
                }
                continue;
            }
            if is_caption {
                assert!(
                    !paragraphs.iter().any(|p| p.contains(&line)),
                    "caption kept as a paragraph: {line}"
                );
                assert_eq!(
                    figures.iter().filter(|f| f.contains(&line)).count(),
                    1,
                    "caption not a figure: {line}"
                );
                continue;
            }
            if !prose {
                continue;
            }
            prose_lines += 1;
            let holders = paragraphs.iter().filter(|p| p.contains(&line)).count();
            assert_eq!(holders, 1, "seed paragraph found {holders} times: {line}");
        }
    }
    assert!(
        prose_lines >= 70,
        "only {prose_lines} seed paragraphs checked"
    );
}

/// Filings of every paragraph and list item, keyed by source id, number and item, from
/// `briefing.json`.
fn filings_by_paragraph(json: &Value) -> BTreeMap<(String, u64, u64), Value> {
    let mut filings = BTreeMap::new();
    for source in json["sources"].as_array().unwrap() {
        let id = source["id"].as_str().unwrap().to_string();
        for paragraph in source["paragraphs"].as_array().unwrap() {
            let n = paragraph["n"].as_u64().unwrap();
            filings.insert((id.clone(), n, 0), paragraph["filed"].clone());
            for item in paragraph["items"].as_array().into_iter().flatten() {
                let key = (id.clone(), n, item["n"].as_u64().unwrap());
                filings.insert(key, item["filed"].clone());
            }
        }
    }
    filings
}

#[test]
fn reordering_themes_and_adding_sources_keeps_every_reference() {
    let before = json(&fresh_build());
    let project = common::sample_project();
    let root = project.path();
    // Themes in the reverse order, and sources that sort before and after every other one.
    let config = std::fs::read_to_string(root.join("briefing.toml")).unwrap();
    let (head, list) = config.split_once("themes = [").unwrap();
    let (list, tail) = list.split_once(']').unwrap();
    let mut themes: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    themes.reverse();
    std::fs::write(
        root.join("briefing.toml"),
        format!("{head}themes = [{}]{tail}", themes.join(", ")),
    )
    .unwrap();
    for id in ["aaa-first", "zzz-last"] {
        common::write(
            root,
            &format!("content/{id}.md"),
            &format!(
                "---\nid: {id}\ntitle: New\n---\n\nXi met Putin at the summit on the yuan and the ruble, said the ministry.\n"
            ),
        );
    }
    let files = briefing::render_site(root).unwrap();
    let after = json(&files);

    let theme_order = |json: &Value| -> Vec<String> {
        json["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut reversed = theme_order(&before);
    reversed.reverse();
    assert_eq!(theme_order(&after), reversed);

    // Every paragraph that existed is filed exactly as before, under the same theme ids.
    let old = filings_by_paragraph(&before);
    let new = filings_by_paragraph(&after);
    for (key, filed) in &old {
        let mut filed_now = new[key].clone();
        // Filings list themes in theme order; compare them as sets of (theme, filing).
        let sorted = |v: &Value| -> BTreeMap<String, Value> {
            v.as_object()
                .into_iter()
                .flatten()
                .map(|(theme, filing)| {
                    // `[score, group, term, …]` without the group, which depends on the
                    // other passages of the briefing.
                    let mut filing = filing.as_array().unwrap().clone();
                    filing.remove(1);
                    (theme.clone(), Value::Array(filing))
                })
                .collect()
        };
        assert_eq!(sorted(filed), sorted(&filed_now.take()), "{key:?}");
    }
    // The editor's citations point at the same paragraphs.
    let overview_cites = |json: &Value| -> BTreeMap<String, String> {
        json["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["id"].as_str().unwrap().to_string(),
                    t["overview"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(overview_cites(&before), overview_cites(&after));
    check_links_and_quotes(&files);
}

#[test]
fn a_source_with_private_use_characters_is_shown_verbatim() {
    let project = common::fixture_project("minimal");
    // U+E000 and U+E001 were once the tool's own citation markers; U+F8FF is the last of
    // the private-use area.
    let odd = "\u{E000}0\u{E001} and \u{F8FF}";
    // Without an overview the briefing shows key points quoted from the passages.
    std::fs::remove_file(project.path().join("themes/hardware.md")).unwrap();
    common::write(
        project.path(),
        "content/odd.md",
        &format!(
            "---\nid: odd\ntitle: Odd\n---\n\nThe missiles and drones {odd} rolled past the tanks and more missiles.\n"
        ),
    );
    let files = briefing::render_site(project.path()).unwrap();
    let by_path = files_by_path(&files);
    for path in ["sources/odd.html", "themes/hardware.html", "briefing.json"] {
        let text = std::str::from_utf8(by_path[path]).unwrap();
        assert!(text.contains(odd), "{path} does not show the text verbatim");
    }
    // On the briefing it stands in the passage and in the key point quoting it.
    let page = Html::parse_document(std::str::from_utf8(by_path["themes/hardware.html"]).unwrap());
    for selector in ["[id^=\"odd__\"] blockquote", ".key-points li"] {
        let found = page
            .select(&Selector::parse(selector).unwrap())
            .any(|element| element.text().collect::<String>().contains(odd));
        assert!(found, "{selector} does not hold the text");
    }
    check_links_and_quotes(&files);
}

#[test]
fn a_large_site_lists_sources_on_pages_and_keeps_navigation_small() {
    let project = common::fixture_project("minimal");
    let root = project.path();
    let count = briefing::render::SOURCES_PER_PAGE * 3;
    for i in 0..count {
        common::write(
            root,
            &format!("content/s{i:04}.md"),
            &format!(
                "---\nid: s{i:04}\ntitle: Report {i}\n---\n\nMissiles and drones, item {i}.\n\nTanks and missiles again, item {i}.\n"
            ),
        );
    }
    let config = std::fs::read_to_string(root.join("briefing.toml")).unwrap();
    std::fs::write(
        root.join("briefing.toml"),
        format!("passages_per_page = 5\n{config}"),
    )
    .unwrap();
    let files = briefing::render_site(root).unwrap();
    let by_path = files_by_path(&files);
    let index = std::str::from_utf8(by_path["index.html"]).unwrap();
    assert!(
        !index.contains("class=\"matrix\""),
        "the index holds no matrix"
    );
    assert!(index.contains("href=\"coverage.html\""));
    let coverage: Vec<&str> = by_path
        .keys()
        .copied()
        .filter(|p| *p == "coverage.html" || p.starts_with("coverage/"))
        .collect();
    assert!(coverage.len() >= 2 && coverage.contains(&"coverage.html"));
    // Every source is in exactly one coverage page's matrix.
    let rows = Selector::parse(".matrix tbody tr").unwrap();
    let listed: usize = coverage
        .iter()
        .map(|p| {
            Html::parse_document(std::str::from_utf8(by_path[p]).unwrap())
                .select(&rows)
                .count()
        })
        .sum();
    assert_eq!(listed, count + 2);
    // A briefing of over a hundred pages: its first page links at most seven of them, and a
    // later page only its neighbours and the first page.
    let pages = by_path
        .keys()
        .filter(|p| p.starts_with("themes/hardware/"))
        .count()
        + 1;
    assert!(pages > 100, "{pages} pages");
    let numbered = Selector::parse("nav.pages ol a, nav.pages ol span").unwrap();
    let around = Selector::parse("nav.pages > a").unwrap();
    for (path, bytes) in &by_path {
        if path.starts_with("themes/hardware") {
            let page = Html::parse_document(std::str::from_utf8(bytes).unwrap());
            let shown = page.select(&numbered).count();
            let neighbours = page.select(&around).count();
            if *path == "themes/hardware.html" {
                assert!((2..=7).contains(&shown), "{path} links {shown} pages");
            } else {
                assert_eq!(shown, 0, "{path} numbers pages");
                assert!((2..=3).contains(&neighbours), "{path} links {neighbours}");
            }
        }
    }
    check_links_and_quotes(&files);
}

#[test]
fn lists_every_unfiled_paragraph_and_counts_them_on_the_index() {
    let files = fresh_build();
    let by_path = files_by_path(&files);
    let json = json(&files);
    let mut expected = Vec::new();
    for source in json["sources"].as_array().unwrap() {
        for paragraph in source["paragraphs"].as_array().unwrap() {
            let anchor = |item: &Value| match item.as_u64() {
                Some(i) => format!("p{}-{i}", paragraph["n"]),
                None => format!("p{}", paragraph["n"]),
            };
            match paragraph["items"].as_array() {
                Some(items) => {
                    for item in items.iter().filter(|item| item["filed"].is_null()) {
                        expected.push((source["id"].clone(), anchor(&item["n"])));
                    }
                }
                None if paragraph["filed"].is_null() => {
                    expected.push((source["id"].clone(), anchor(&Value::Null)));
                }
                None => {}
            }
        }
    }
    assert!(!expected.is_empty(), "the sample has unfiled paragraphs");
    let listed: Vec<(Value, String)> = json["unfiled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let anchor = match p["item"].as_u64() {
                Some(i) => format!("p{}-{i}", p["n"]),
                None => format!("p{}", p["n"]),
            };
            (p["source"].clone(), anchor)
        })
        .collect();
    assert_eq!(listed, expected);
    let page = Html::parse_document(std::str::from_utf8(by_path["unfiled.html"]).unwrap());
    let links: Vec<String> = page
        .select(&Selector::parse("figure.passage a.cite").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let wanted: Vec<String> = expected
        .iter()
        .map(|(source, number)| {
            let path = format!("sources/{}.html", source.as_str().unwrap());
            format!("{path}#{}", text_anchor(&by_path, &path, number))
        })
        .collect();
    assert_eq!(links, wanted);
    let index = std::str::from_utf8(by_path["index.html"]).unwrap();
    assert!(
        index.contains(&format!("{} filed under no briefing", expected.len())),
        "the index counts them"
    );
}

#[test]
fn list_items_are_filed_and_cited_on_their_own() {
    let project = common::fixture_project("minimal");
    common::write(
        project.path(),
        "content/listed.md",
        "---\nid: listed\ntitle: Listed\n---\n\nThree points:\n\n- Hypersonic missiles, tanks and drones rolled past.\n- The weather was fine and the crowds were calm.\n- More missiles and drones followed the tanks.\n",
    );
    common::write(
        project.path(),
        "themes/hardware.md",
        "The second item is only weather [@listed, ¶2.2]; the first is hardware [@listed, ¶2.1].\n",
    );
    let files = briefing::render_site(project.path()).unwrap();
    let by_path = files_by_path(&files);
    let json = json(&files);
    let listed = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "listed")
        .unwrap();
    let list = &listed["paragraphs"][1];
    assert_eq!(list["n"], 2, "the list keeps its paragraph number");
    let filed: Vec<bool> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["filed"].get("hardware").is_some())
        .collect();
    assert_eq!(filed, [true, false, true]);
    // The source page anchors each item; the briefing shows items as passages, cited ¶2.1.
    let source = std::str::from_utf8(by_path["sources/listed.html"]).unwrap();
    for anchor in ["p2", "p2-1", "p2-2", "p2-3"] {
        assert!(source.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
    let briefing = std::str::from_utf8(by_path["themes/hardware.html"]).unwrap();
    let item = |number: &str| text_anchor(&by_path, "sources/listed.html", number);
    assert_eq!(
        item("p2-1"),
        "t-hypersonic-missiles-tanks-and-drones-rolled"
    );
    for (number, shown) in [("p2-1", true), ("p2-2", false), ("p2-3", true)] {
        let passage = format!("id=\"listed__{}\"", item(number));
        assert_eq!(briefing.contains(&passage), shown, "{number}");
    }
    assert!(briefing.contains(&format!("href=\"../sources/listed.html#{}\"", item("p2-2"))));
    assert!(briefing.contains(", ¶2.2</a>"));
    check_links_and_quotes(&files);
}

/// The overview citations of theme `theme` in `briefing.json`: (source, ¶, item).
fn overview_cites(json: &Value, theme: &str) -> Vec<(String, u64, Option<u64>)> {
    json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == theme)
        .unwrap()["overview"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|part| part["cite"].as_array())
        .flatten()
        .map(|cite| {
            (
                cite["source"].as_str().unwrap().to_string(),
                cite["n"].as_u64().unwrap_or(0),
                cite["item"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn a_citation_pinned_to_its_words_follows_them_when_a_paragraph_is_inserted_above() {
    let project = common::sample_project();
    let root = project.path();
    let source = "putin-kim-join-xi-military-show";
    let overview = std::fs::read_to_string(root.join("themes/diplomacy.md")).unwrap();
    // An editor pins two citations to the words they cite: one with the ¶ it has today, one
    // with a ¶ remembered wrongly.
    let pinned = format!(
        "{overview}\nPinned [@{source}, ¶13, \"appear together in public\"] and \
         [@{source}, ¶2, \"multilateral event during his 14-year rule\"].\n"
    );
    common::write(root, "themes/diplomacy.md", &pinned);
    let before = overview_cites(&json(&briefing::render_site(root).unwrap()), "diplomacy");
    let pinned_before = &before[before.len() - 2..];

    // A correction is inserted above every paragraph of the source.
    common::insert_correction(root, source);
    let files = briefing::render_site(root).unwrap();
    let after_json = json(&files);
    let after = overview_cites(&after_json, "diplomacy");
    let pinned_after = &after[after.len() - 2..];

    for ((was, now), words) in pinned_before.iter().zip(pinned_after).zip([
        "appear together in public",
        "multilateral event during his 14-year rule",
    ]) {
        assert_eq!(now.1, was.1 + 1, "'{words}' moved down one paragraph");
        let paragraph = after_json["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == source)
            .unwrap()["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["n"].as_u64() == Some(now.1))
            .unwrap()["text"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(paragraph.contains(words), "¶{} holds '{words}'", now.1);
    }
    check_links_and_quotes(&files);

    // Words no paragraph holds any longer stop the build with the place of the citation.
    common::write(
        root,
        "themes/diplomacy.md",
        &format!("{pinned}\nGone [@{source}, \"words nobody wrote\"].\n"),
    );
    let run = common::run_build(root);
    assert!(!run.success);
    let line = pinned.lines().count() + 2;
    assert!(
        run.stderr.contains(&format!(
            "themes/diplomacy.md:{line}:6: no paragraph of source '{source}' contains the quoted words \"words nobody wrote\""
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn key_points_do_not_repeat_wire_copy() {
    let project = common::fixture_project("minimal");
    let root = project.path();
    // Without an overview the briefing shows key points drawn from its strongest passages.
    std::fs::remove_file(root.join("themes/hardware.md")).unwrap();
    // One wire report republished by four outlets, the strongest passage of the theme, and
    // one outlet's own words.
    let wire = "Missiles, missile launchers, drones and tanks rolled past: the missiles led.";
    for outlet in ["wire-a", "wire-b", "wire-c", "wire-d"] {
        common::write(
            root,
            &format!("content/{outlet}.md"),
            &format!("---\nid: {outlet}\ntitle: Parade\n---\n\n{wire}\n"),
        );
    }
    common::write(
        root,
        "content/own.md",
        "---\nid: own\ntitle: Own words\n---\n\nThe drones and the tanks came after the missile column.\n",
    );
    let files = briefing::render_site(root).unwrap();
    let theme = &json(&files)["themes"][0];
    let points: Vec<String> = theme["key_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|point| point[0]["text"].as_str().unwrap_or_default().to_string())
        .collect();
    let wired = points.iter().filter(|p| p.contains("rolled past")).count();
    assert_eq!(wired, 1, "the wire sentence is one key point: {points:#?}");
    assert!(
        points.iter().any(|p| p.contains("missile column")),
        "another outlet's point follows: {points:#?}"
    );
}
