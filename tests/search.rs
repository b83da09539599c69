//! The search index of the sample site, read as `search.js` reads it: a word of a source is
//! found in a term shard, and its posting leads (through the bucket and the source's passage
//! file) to the right source, ¶ number and paragraph anchor; every index file is the same on
//! every build. (tests/browser.rs runs the search page itself.)

mod common;

use std::collections::BTreeMap;

use serde_json::Value;

/// The sample site's files below `assets/search/`, by path.
fn index_files() -> BTreeMap<String, Vec<u8>> {
    briefing::render_site(&common::repo())
        .expect("the sample project builds")
        .into_iter()
        .filter(|f| f.path.starts_with("assets/search/"))
        .map(|f| (f.path, f.bytes))
        .collect()
}

/// The arguments a file passes to its registration function, `briefingSearch.<name>(…);`.
fn arguments(bytes: &[u8], name: &str) -> Value {
    let text = std::str::from_utf8(bytes).unwrap().trim_end();
    let call = format!("briefingSearch.{name}(");
    let inner = text
        .strip_prefix(&call)
        .and_then(|rest| rest.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a call to {call}…): {}", &text[..text.len().min(80)]));
    serde_json::from_str(&format!("[{inner}]")).unwrap()
}

/// Every (source id, ¶ number, anchor) a term's postings lead to.
fn passages_of(files: &BTreeMap<String, Vec<u8>>, term: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for (path, bytes) in files {
        let Some(name) = path.strip_prefix("assets/search/t") else {
            continue;
        };
        assert!(name.ends_with(".js"), "{path}");
        let args = arguments(bytes, "terms");
        for part in args[1].as_array().unwrap() {
            let bucket = part[0].as_i64().unwrap();
            // Part -1 holds the claims, which `claims_link_to_their_anchor_on_a_briefing` checks.
            let Some(postings) = part[1].get(term).filter(|_| bucket != -1) else {
                continue;
            };
            let ids = arguments(&files[&format!("assets/search/b{bucket}.js")], "bucket");
            let postings: Vec<u64> = postings
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect();
            for posting in postings.chunks(3) {
                let id = ids[1][posting[0] as usize].as_str().unwrap().to_string();
                assert!((1..=9).contains(&posting[2]), "weight {}", posting[2]);
                if posting[1] == 0 {
                    found.push((id, String::new(), String::new()));
                    continue;
                }
                let source = arguments(&files[&format!("assets/search/s/{id}.js")], "source");
                let unit = &source[1]["units"][posting[1] as usize - 1];
                let text = unit[2].as_str().unwrap().to_lowercase();
                assert!(text.contains(term), "{id} ¶{}: {text}", unit[0]);
                found.push((
                    id,
                    unit[0].as_str().unwrap().to_string(),
                    unit[1].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    found
}

#[test]
fn a_word_of_a_source_leads_to_its_paragraph() {
    let files = index_files();
    let found = passages_of(&files, "fortress");
    // "…calls the heavily armored train a moving “fortress”…" (¶4 of the sample article).
    let expected = (
        "putin-kim-join-xi-military-show".to_string(),
        "4".to_string(),
        "t-south-korea-s-yonhap-news-agency".to_string(),
    );
    assert!(found.contains(&expected), "{found:?}");
    // The anchor is the one the source page gives the paragraph.
    let page = std::fs::read_to_string(
        common::repo().join("site/sources/putin-kim-join-xi-military-show.html"),
    )
    .unwrap();
    assert!(page.contains(&format!(r#"id="{}""#, expected.2)));
    // Plurals are stemmed and stop words left out.
    assert!(!passages_of(&files, "leader").is_empty());
    assert!(passages_of(&files, "leaders").is_empty());
    assert!(passages_of(&files, "the").is_empty());
    // A source's title is indexed as its unit 0.
    assert!(passages_of(&files, "armored").contains(&(
        "kim-armored-train-beijing-parade".to_string(),
        String::new(),
        String::new()
    )));
}

#[test]
fn the_index_is_the_same_on_every_build() {
    let first = index_files();
    assert!(first.contains_key("assets/search/index.js"));
    assert!(first.keys().any(|path| path.starts_with("assets/search/t")));
    assert_eq!(first, index_files());
}

#[test]
fn claims_link_to_their_anchor_on_a_briefing() {
    let files = index_files();
    let claims = arguments(&files["assets/search/claims.js"], "claims");
    let claims = claims[0].as_array().unwrap();
    assert!(!claims.is_empty());
    for claim in claims {
        let href = claim[1].as_str().unwrap();
        let (page, anchor) = href.split_once('#').unwrap();
        let html = std::fs::read_to_string(common::repo().join("site").join(page)).unwrap();
        assert!(html.contains(&format!(r#"id="{anchor}""#)), "{href}");
    }
}
