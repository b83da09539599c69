//! `briefing init`: a newcomer's first project builds at once with the built-in templates, and
//! `init --templates` writes them out so a project's own file replaces the built-in one.

mod common;

use std::ffi::OsStr;
use std::path::Path;

use common::{run_briefing, run_build, write};

fn init(args: &[&str], dir: &Path) -> common::Run {
    let mut all: Vec<&OsStr> = vec!["init".as_ref()];
    all.extend(args.iter().map(|arg| OsStr::new(*arg)));
    all.push(dir.as_os_str());
    run_briefing(&all)
}

#[test]
fn a_new_project_builds_at_once_into_a_site_with_its_briefing_and_source() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("my-briefing");
    let made = init(&[], &dir);
    assert!(made.success, "{}", made.stderr);
    assert!(made.stdout.contains("briefing build"), "{}", made.stdout);
    assert!(!dir.join("templates").exists(), "templates are built in");
    let gazetteer = std::fs::read_to_string(dir.join("themes/entities.yaml")).unwrap();
    assert!(
        gazetteer.contains("# - id:") && gazetteer.contains("aliases:"),
        "the starter gazetteer shows commented examples: {gazetteer}"
    );

    let built = run_build(&dir);
    assert!(built.success, "{}", built.stderr);
    assert!(
        built.stderr.is_empty(),
        "warnings on a fresh project: {}",
        built.stderr
    );
    let site = dir.join("site");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("Energy security"), "{index}");
    let briefing = std::fs::read_to_string(site.join("themes/energy-security.html")).unwrap();
    assert!(
        briefing.contains("sources/example-source.html#"),
        "the example source is not filed into the theme"
    );
    assert!(site.join("sources/example-source.html").is_file());
    assert!(site.join("assets/style.css").is_file());
}

#[test]
fn entries_added_to_the_starter_gazetteer_are_found_however_a_source_writes_them() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("my-briefing");
    assert!(init(&[], &dir).success);
    let starter = std::fs::read_to_string(dir.join("themes/entities.yaml")).unwrap();
    write(
        &dir,
        "themes/entities.yaml",
        &format!(
            "{starter}\n- id: south-korea\n  name: South Korea\n  kind: country\n\
             - id: julang-3\n  name: JuLang-3\n  kind: weapon\n  aliases: [JL-3]\n"
        ),
    );
    write(
        &dir,
        "content/spy-agency.md",
        "---\nid: spy-agency\ntitle: A made-up report\npublisher: The Test Desk\n\
         published: 2026-01-16\nlanguage: en\n---\n\n\
         South Korea’s spy agency said JULANG-3 missiles were loaded on a submarine.\n\n\
         Officials in South Korea's capital said the Julang 3 had been tested twice.\n",
    );
    let built = run_build(&dir);
    assert!(built.success, "{}", built.stderr);
    let site = dir.join("site");
    let page = std::fs::read_to_string(site.join("entities.html")).unwrap();
    for (id, name) in [("south-korea", "South Korea"), ("julang-3", "JuLang-3")] {
        let at = page
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{name} is missing from who's who: {page}"));
        assert!(
            page[at..].contains("2 paragraphs in 1 source"),
            "{name}: {}",
            &page[at..]
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("briefing.json")).unwrap())
            .unwrap();
    let entity = |id: &str| {
        json["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} is missing from briefing.json"))
    };
    for id in ["south-korea", "julang-3"] {
        let e = entity(id);
        assert_eq!(
            (&e["sources"], &e["mention_count"]),
            (&1.into(), &2.into()),
            "{e}"
        );
    }
}

#[test]
fn init_never_replaces_a_project() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "briefing.toml", "title = \"Mine\"\n");
    let refused = init(&[], dir.path());
    assert_eq!(refused.code, Some(1));
    assert!(
        refused.stderr.contains("briefing project already")
            && refused.stderr.contains("--templates"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("briefing.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
}

#[test]
fn a_template_written_out_and_edited_replaces_the_built_in_one_alone() {
    let dir = tempfile::tempdir().unwrap();
    assert!(init(&[], dir.path()).success);
    let written = init(&["--templates"], dir.path());
    assert!(written.success, "{}", written.stderr);
    assert!(
        written.stdout.contains("templates/base.html"),
        "{}",
        written.stdout
    );

    // Keep only an edited base.html: every other page comes from the binary and still gets
    // the edit through `extends`.
    let templates = dir.path().join("templates");
    let base = std::fs::read_to_string(templates.join("base.html")).unwrap();
    let edited = base.replace(
        "<main",
        "<p class=\"house-banner\">Our own banner</p>\n<main",
    );
    assert_ne!(base, edited, "base.html has no <main>");
    std::fs::remove_dir_all(&templates).unwrap();
    write(dir.path(), "templates/base.html", &edited);

    let built = run_build(dir.path());
    assert!(built.success, "{}", built.stderr);
    let page =
        std::fs::read_to_string(dir.path().join("site/themes/energy-security.html")).unwrap();
    assert!(
        page.contains("Our own banner"),
        "the project's base.html was not used"
    );
    assert!(dir.path().join("site/assets/style.css").is_file());
}
