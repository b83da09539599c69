//! Citations as a reader checks them, and the briefings as printed and mailed:
//!
//! - every citation on a briefing page names, in the page itself, its source's title and its
//!   paragraph's text, and its cited words occur in that text (the preview's data);
//! - a page's endnotes are numbered 1..n, and each citation's superscript numbers lead to the
//!   endnote that gives its words;
//! - a take-away briefing (`print/<theme>.html`) names no other file of the site, its
//!   Content-Security-Policy allows exactly its one style element, by hash, and every citation
//!   in it leads to an endnote in it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

use briefing::render::OutputFile;
use scraper::{ElementRef, Html, Selector};

fn fresh_build() -> Vec<OutputFile> {
    briefing::render_site(&common::repo()).expect("the sample project builds")
}

fn pages<'f>(files: &'f [OutputFile], prefix: &str) -> Vec<(&'f str, Html)> {
    files
        .iter()
        .filter(|f| f.path.starts_with(prefix) && f.path.ends_with(".html"))
        .map(|f| {
            let html = Html::parse_document(std::str::from_utf8(&f.bytes).unwrap());
            (f.path.as_str(), html)
        })
        .collect()
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn by_id<'h>(page: &'h Html, id: &str) -> Option<ElementRef<'h>> {
    page.select(&select(&format!("[id=\"{id}\"]"))).next()
}

/// The text a preview shows for a citation's paragraph: a hidden copy, or the passage shown.
fn paragraph_text(page: &Html, id: &str) -> Option<String> {
    let element = by_id(page, id)?;
    let element = if element.value().name() == "figure" {
        element.select(&select("blockquote")).next()?
    } else {
        element
    };
    Some(collapse(&element.text().collect::<String>()))
}

#[test]
fn every_citation_on_a_briefing_page_previews_words_of_its_paragraph() {
    let files = fresh_build();
    let mut checked = 0;
    let mut exact = 0;
    for (path, page) in pages(&files, "themes/") {
        for cite in page.select(&select("a.cite")) {
            let attr = |name: &str| cite.value().attr(name);
            let label = collapse(&cite.text().collect::<String>());
            let source = attr("data-source")
                .and_then(|id| by_id(&page, id))
                .unwrap_or_else(|| panic!("{path}: citation {label} names no source on the page"));
            assert!(
                source
                    .value()
                    .attr("data-title")
                    .is_some_and(|t| !t.is_empty()),
                "{path}: {label}: its source has no title"
            );
            if !label.contains('¶') {
                continue;
            }
            let text = attr("data-para")
                .and_then(|id| paragraph_text(&page, id))
                .unwrap_or_else(|| panic!("{path}: citation {label} has no paragraph on the page"));
            let quote = collapse(attr("data-quote").unwrap_or_else(|| panic!("{path}: {label}")));
            assert!(
                !quote.is_empty() && text.contains(&quote),
                "{path}: {label}: “{quote}” is not in its paragraph “{text}”"
            );
            exact += usize::from(attr("data-exact").is_some());
            checked += 1;
        }
        // Each cited paragraph is carried once.
        let ids: Vec<&str> = page
            .select(&select(".cited-sources p"))
            .filter_map(|p| p.value().attr("id"))
            .collect();
        let unique: BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(
            ids.len(),
            unique.len(),
            "{path}: a paragraph is carried twice"
        );
    }
    assert!(
        checked > 100 && exact > 20,
        "{checked} citations, {exact} exact"
    );
}

#[test]
fn endnotes_are_numbered_one_to_n_and_give_each_citations_words() {
    let files = fresh_build();
    let mut pages_with_notes = 0;
    for (path, page) in pages(&files, "") {
        let notes: Vec<ElementRef> = page.select(&select(".endnotes li")).collect();
        let mut referenced = BTreeSet::new();
        // Each list from 1 (print.html has one per briefing).
        for list in page.select(&select(".endnotes ol")) {
            for (i, note) in list.select(&select("li")).enumerate() {
                let want = (i + 1).to_string();
                assert_eq!(note.value().attr("value"), Some(want.as_str()), "{path}");
            }
        }
        for citation in page.select(&select(".citation")) {
            let Some(sup) = citation
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .next()
                .filter(|e| e.value().classes().any(|c| c == "note-refs"))
            else {
                continue;
            };
            let cites: Vec<ElementRef> = citation.select(&select("a.cite")).collect();
            let refs: Vec<ElementRef> = sup.select(&select("a")).collect();
            assert_eq!(cites.len(), refs.len(), "{path}: a number per citation");
            for (cite, number) in cites.iter().zip(&refs) {
                let href = number.value().attr("href").unwrap();
                let note = by_id(&page, &href[1..])
                    .unwrap_or_else(|| panic!("{path}: {href} leads to no endnote"));
                assert!(
                    note.value().attr("value")
                        == Some(&collapse(&number.text().collect::<String>()))
                );
                let text = collapse(&note.text().collect::<String>());
                let label = collapse(&cite.text().collect::<String>());
                assert!(
                    text.starts_with(&label),
                    "{path}: note {href} is “{text}”, cited as {label}"
                );
                if let Some(quote) = cite.value().attr("data-quote") {
                    assert!(
                        text.contains(&collapse(quote)),
                        "{path}: note {href} “{text}” lacks “{quote}”"
                    );
                }
                referenced.insert(href.to_string());
            }
        }
        assert_eq!(
            referenced.len(),
            notes.len(),
            "{path}: every endnote is cited"
        );
        pages_with_notes += usize::from(!notes.is_empty());
    }
    assert!(
        pages_with_notes >= 8,
        "{pages_with_notes} pages have endnotes"
    );
}

/// `sha256-<base64>` of `text`, by the system's `sha256sum`.
fn csp_hash(text: &str) -> String {
    let mut child = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sha256sum runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    let bytes: Vec<u8> = (0..64)
        .step_by(2)
        .map(|i| u8::from_str_radix(&out[i..i + 2], 16).unwrap())
        .collect();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("sha256-{b64}")
}

#[test]
fn a_takeaway_names_no_other_file_and_allows_only_its_own_style() {
    let files = fresh_build();
    let takeaways = pages(&files, "print/");
    assert_eq!(takeaways.len(), 7, "a take-away per briefing");
    for (path, page) in &takeaways {
        for element in page.select(&select("[href], [src]")) {
            for name in ["href", "src"] {
                let Some(url) = element.value().attr(name) else {
                    continue;
                };
                if let Some(id) = url.strip_prefix('#') {
                    assert!(by_id(page, id).is_some(), "{path}: {url} leads nowhere");
                } else {
                    assert!(
                        url.starts_with("https://") || url.starts_with("http://"),
                        "{path}: {name}={url} depends on another file"
                    );
                }
            }
        }
        assert_eq!(page.select(&select("script, link")).count(), 0, "{path}");
        let styles: Vec<String> = page
            .select(&select("style"))
            .map(|s| s.text().collect())
            .collect();
        assert_eq!(styles.len(), 1, "{path}: one style element");
        let csp = page
            .select(&select("meta[http-equiv=\"Content-Security-Policy\"]"))
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        let hash = csp_hash(&styles[0]);
        assert!(
            csp.contains(&format!("style-src '{hash}'")) && csp.contains("script-src 'none'"),
            "{path}: CSP {csp} does not allow its style {hash} alone"
        );
        // Every citation leads to an endnote in the file.
        let cites: Vec<&str> = page
            .select(&select("a.cite"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(!cites.is_empty(), "{path}: no citation");
        assert!(
            cites.iter().all(|href| href.starts_with("#note-")),
            "{path}"
        );
    }
    let diplomacy = &takeaways
        .iter()
        .find(|(p, _)| *p == "print/diplomacy.html")
        .unwrap()
        .1;
    let passages = diplomacy.select(&select(".evidence figure")).count();
    assert_eq!(
        passages,
        briefing::render::PASSAGES_SHOWN,
        "the evidence is capped"
    );
    let more = diplomacy
        .select(&select(".more-passages"))
        .next()
        .map(|p| collapse(&p.text().collect::<String>()));
    assert!(more.is_some_and(|m| m.contains("more passages are on the site")));
}

#[test]
fn briefings_link_to_their_takeaway_and_the_index_to_print_html() {
    let files = fresh_build();
    let by_path: BTreeMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    assert!(by_path.contains_key("print.html"));
    for (path, page) in pages(&files, "themes/")
        .iter()
        .filter(|(p, _)| p.matches('/').count() == 1)
    {
        let link = page
            .select(&select(".takeaway-link a"))
            .next()
            .unwrap_or_else(|| panic!("{path}: no link to its take-away"));
        let theme = path.trim_start_matches("themes/");
        assert_eq!(
            link.value().attr("href"),
            Some(format!("../print/{theme}").as_str())
        );
    }
    let index = pages(&files, "index.html");
    let print = index[0].1.select(&select(".print-link a")).next().unwrap();
    assert_eq!(print.value().attr("href"), Some("print.html"));
    // print.html holds every briefing, each with its own numbered notes.
    let all = pages(&files, "print.html");
    let briefings = all[0].1.select(&select("article.printed")).count();
    assert_eq!(briefings, 7);
    assert_eq!(
        all[0]
            .1
            .select(&select("[id=\"diplomacy-note-1\"]"))
            .count(),
        1
    );
}
