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
