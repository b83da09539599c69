//! Incremental builds: a build after sources are added, edited or removed (or themes,
//! templates or settings change) leaves exactly the site a clean build makes, touches no file
//! whose bytes stay the same, and a build with nothing changed writes nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use common::write;

/// Every file of the folder: its bytes and modification time.
fn files_with_times(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(entry.path()).unwrap();
            (path, (bytes, entry.metadata().unwrap().modified().unwrap()))
        })
        .collect()
}

/// Builds incrementally, then checks the site against a clean render (no cache) and that every
/// file whose bytes did not change kept its modification time. Returns the paths written.
fn build_and_compare(root: &Path, before: &BTreeMap<String, (Vec<u8>, SystemTime)>) -> Vec<String> {
    build_and_check(root, before, true)
}

/// Like [`build_and_compare`]; `untouched`: whether files with the same bytes must also keep
/// their modification time (not so when a template, theme or setting changed, where the site
/// is written whole).
fn build_and_check(
    root: &Path,
    before: &BTreeMap<String, (Vec<u8>, SystemTime)>,
    untouched: bool,
) -> Vec<String> {
    let report = briefing::build(root, None).unwrap();
    let site = files_with_times(&root.join("site"));
    let clean: BTreeMap<String, Vec<u8>> = briefing::render_site(root)
        .unwrap()
        .into_iter()
        .map(|file| (file.path, file.bytes))
        .collect();
    let built: Vec<&String> = site.keys().collect();
    let wanted: Vec<&String> = clean.keys().collect();
    assert_eq!(
        built, wanted,
        "the incremental site has other files than a clean one"
    );
    let mut changed = Vec::new();
    for (path, (bytes, modified)) in &site {
        assert!(
            bytes == &clean[path],
            "{path} differs from a clean build after an incremental one"
        );
        match before.get(path) {
            Some((old, old_modified)) if old == bytes => {
                if untouched {
                    assert_eq!(
                        modified, old_modified,
                        "{path} was rewritten with the same bytes"
                    );
                }
            }
            _ => changed.push(path.clone()),
        }
    }
    if untouched {
        assert_eq!(
            report.written,
            changed.len(),
            "the report counts what was written"
        );
    }
    changed
}

fn project_with_pages() -> tempfile::TempDir {
    let project = common::sample_project();
    let config = std::fs::read_to_string(project.path().join("briefing.toml")).unwrap();
    write(
        project.path(),
        "briefing.toml",
        &format!("passages_per_page = 4\n{config}"),
    );
    project
}

const ADDED: &str = "---\nid: added-report\ntitle: Parade logistics\npublisher: Wire\n---\n\nThousands of troops rehearsed for weeks before the military parade, with tanks, missiles and drones moved into Beijing by rail.\n\nDiplomats from dozens of countries confirmed their attendance at the summit that followed.\n\nThe weather was fine.\n";

#[test]
fn a_build_with_nothing_changed_writes_nothing() {
    let project = project_with_pages();
    let root = project.path();
    briefing::build(root, None).unwrap();
    let before = files_with_times(&root.join("site"));
    let changed = build_and_compare(root, &before);
    assert!(changed.is_empty(), "a second build wrote {changed:?}");
}

#[test]
fn adding_editing_and_removing_sources_gives_the_clean_site() {
    let project = project_with_pages();
    let root = project.path();
    briefing::build(root, None).unwrap();

    // Add a source: only pages that show it change.
    let before = files_with_times(&root.join("site"));
    write(root, "content/added-report.md", ADDED);
    let changed = build_and_compare(root, &before);
    assert!(changed.contains(&"sources/added-report.html".to_string()));
    let other_sources: Vec<&String> = changed
        .iter()
        .filter(|p| p.starts_with("sources/") && !p.contains("added-report"))
        .collect();
    assert!(
        other_sources.len() <= 3,
        "adding a source changed other sources' pages: {other_sources:?}"
    );
    // A briefing's first page opens with what the sources report across the corpus (claims,
    // discrepancies, the timeline), and the site-wide pages list it all: a new source may
    // change each of those. Everything else changes only where it shows the new source.
    let total = before.len();
    let local: Vec<&String> = changed
        .iter()
        .filter(|p| !(p.starts_with("themes/") && p.matches('/').count() == 1))
        .filter(|p| !["discrepancies.html", "timeline.html", "entities.html"].contains(&p.as_str()))
        // The search index's term shards hold the words of every source, so a new source's
        // words reach most of them (each is rewritten from parts, copying the unchanged ones).
        .filter(|p| !p.starts_with("assets/search/"))
        .collect();
    assert!(
        local.len() * 4 < total,
        "adding one source changed {} of {total} files: {changed:?}",
        local.len()
    );

    // Insert a paragraph at the top of a sample source: every link into it still resolves
    // (checked by the clean comparison), and its anchors below the insertion stay.
    let before = files_with_times(&root.join("site"));
    let path = root.join("content/kim-armored-train-beijing-parade.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "\n---\n\n",
        "\n---\n\nCorrection: an earlier version misdated the parade.\n\n",
        1,
    );
    std::fs::write(&path, edited).unwrap();
    let old_page = String::from_utf8(
        before["sources/kim-armored-train-beijing-parade.html"]
            .0
            .clone(),
    )
    .unwrap();
    build_and_compare(root, &before);
    let new_page =
        std::fs::read_to_string(root.join("site/sources/kim-armored-train-beijing-parade.html"))
            .unwrap();
    let anchor = "id=\"t-north-korean-leader-kim-jong-un\"";
    assert!(old_page.contains(anchor) && new_page.contains(anchor));

    // Remove the added source.
    let before = files_with_times(&root.join("site"));
    std::fs::remove_file(root.join("content/added-report.md")).unwrap();
    let changed = build_and_compare(root, &before);
    assert!(!root.join("site/sources/added-report.html").exists());
    assert!(!changed.is_empty());
}

#[test]
fn themes_templates_and_settings_invalidate_what_they_must() {
    let project = project_with_pages();
    let root = project.path();
    briefing::build(root, None).unwrap();

    let before = files_with_times(&root.join("site"));
    let theme = root.join("themes/military-hardware.yaml");
    let text = std::fs::read_to_string(&theme).unwrap();
    let changed = text.replacen("threshold: 3.5", "threshold: 2.5", 1);
    assert_ne!(text, changed, "the theme sets threshold 3.5");
    std::fs::write(&theme, changed).unwrap();
    build_and_check(root, &before, false);

    // An editor's overview is shown on its briefing's first page and exported: those change,
    // the other briefings and the source pages it does not cite stay as they were.
    let before = files_with_times(&root.join("site"));
    let overview = root.join("themes/diplomacy.md");
    let text = std::fs::read_to_string(&overview).unwrap();
    std::fs::write(
        &overview,
        text.replacen("All five sources", "All five of the sources", 1),
    )
    .unwrap();
    let changed = build_and_compare(root, &before);
    for path in ["themes/diplomacy.html", "briefing.json"] {
        assert!(
            changed.iter().any(|c| c == path),
            "{path} was not rewritten"
        );
    }
    assert!(
        !changed.iter().any(|c| c == "themes/military-hardware.html"),
        "an overview changed another briefing: {changed:?}"
    );

    let before = files_with_times(&root.join("site"));
    let base = root.join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replacen("<body", "<body data-edited=\"1\"", 1)).unwrap();
    let changed = build_and_check(root, &before, false);
    assert!(
        changed.len() * 2 > before.len(),
        "a template change rewrites the pages"
    );

    let before = files_with_times(&root.join("site"));
    let config = std::fs::read_to_string(root.join("briefing.toml")).unwrap();
    write(
        root,
        "briefing.toml",
        &config.replacen("passages_per_page = 4", "passages_per_page = 6", 1),
    );
    build_and_check(root, &before, false);
}

#[test]
fn a_damaged_cache_or_a_site_changed_by_hand_still_gives_the_clean_site() {
    let project = project_with_pages();
    let root = project.path();
    briefing::build(root, None).unwrap();
    for entry in walkdir::WalkDir::new(root.join(".briefing-cache")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let mut bytes = std::fs::read(entry.path()).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
            std::fs::write(entry.path(), bytes).unwrap();
        }
    }
    write(root, "content/added-report.md", ADDED);
    let before = files_with_times(&root.join("site"));
    // The manifest is damaged too, so the site is written whole.
    build_and_check(root, &before, false);

    // A page edited or deleted by hand is put back.
    std::fs::write(root.join("site/index.html"), "edited").unwrap();
    std::fs::remove_file(root.join("site/sources/added-report.html")).unwrap();
    let before = files_with_times(&root.join("site"));
    let changed = build_and_compare(root, &before);
    assert!(changed.contains(&"index.html".to_string()));
    assert!(changed.contains(&"sources/added-report.html".to_string()));
}

/// The scenario: a "Correction:" paragraph inserted at the top of a source that an
/// editor cites by number. The build still succeeds, and warns at each citation's place with
/// what the paragraph said and where those words are now — and keeps warning until the
/// citation is changed.
#[test]
fn citations_by_number_whose_paragraph_moved_are_reported() {
    let project = common::sample_project();
    let root = project.path();
    let source = "putin-kim-join-xi-military-show";
    write(
        root,
        "themes/diplomacy.md",
        &format!(
            "Kim's first multilateral event [@{source}, ¶7].\n\nThe parade itself [@{source}].\n"
        ),
    );
    let first = common::run_build(root);
    assert!(first.success, "{}", first.stderr);
    // The sample's sources lack dates and publishers, which every build says; nothing else.
    assert!(
        !first.stderr.contains("warning: themes/"),
        "{}",
        first.stderr
    );

    common::insert_correction(root, source);
    let moved = common::run_build(root);
    assert!(
        moved.success,
        "a moved citation is a warning: {}",
        moved.stderr
    );
    let warning = moved
        .stderr
        .lines()
        .find(|line| line.starts_with("warning: themes/"))
        .unwrap_or_else(|| panic!("no warning: {}", moved.stderr));
    assert!(
        warning.starts_with("warning: themes/diplomacy.md:1:32: ¶7 of"),
        "{warning}"
    );
    assert!(
        warning.contains("multilateral event during his 14-year rule"),
        "it says what ¶7 said: {warning}"
    );
    assert!(warning.contains("that text is now ¶8"), "{warning}");
    assert!(
        moved.stderr.contains(&format!("[@{source}, ¶8, \"")),
        "the hint pins the words: {}",
        moved.stderr
    );
    assert_eq!(
        moved.stderr.matches("warning: themes/diplomacy.md").count(),
        1,
        "a citation of the whole source cannot move: {}",
        moved.stderr
    );

    let again = common::run_build(root);
    assert!(
        again.stderr.contains("¶7 of"),
        "still reported until the citation changes: {}",
        again.stderr
    );

    write(
        root,
        "themes/diplomacy.md",
        &format!(
            "Kim's first multilateral event [@{source}, ¶8].\n\nThe parade itself [@{source}].\n"
        ),
    );
    let fixed = common::run_build(root);
    assert!(
        fixed.success && !fixed.stderr.contains("warning: themes/diplomacy.md"),
        "{}",
        fixed.stderr
    );
}

#[test]
fn a_copy_s_page_follows_its_original_s_title() {
    let project = project_with_pages();
    let root = project.path();
    write(
        root,
        "content/added-report.md",
        &ADDED.replacen(
            "publisher: Wire\n",
            "publisher: Wire\ncopy_of: kim-armored-train-beijing-parade\n",
            1,
        ),
    );
    briefing::build(root, None).unwrap();
    let before = files_with_times(&root.join("site"));
    let path = root.join("content/kim-armored-train-beijing-parade.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let title = text
        .lines()
        .find(|line| line.starts_with("title:"))
        .unwrap()
        .to_string();
    std::fs::write(
        &path,
        text.replacen(&title, "title: \"A retitled original\"", 1),
    )
    .unwrap();
    let changed = build_and_compare(root, &before);
    assert!(
        changed.contains(&"sources/added-report.html".to_string()),
        "{changed:?}"
    );
    let page = std::fs::read_to_string(root.join("site/sources/added-report.html")).unwrap();
    assert!(page.contains(">A retitled original</a>"), "{page}");
}
