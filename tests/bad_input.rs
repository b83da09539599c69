//! Bad input gets a clear error naming the file and line, every error in one run, a non-zero
//! exit, and the previous site untouched. Runs the real binary on fixture projects.

mod common;

use common::{fixture_project, run_build, snapshot, write};

/// The error lines of a failed run, without hints and the summary.
fn errors(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .map(|line| line.strip_prefix("error: ").unwrap_or(line).to_string())
        .filter(|line| {
            !line.starts_with("  hint:")
                && !line.contains("error found")
                && !line.contains("errors found")
        })
        .collect()
}

fn failing_build(mutate: impl FnOnce(&std::path::Path)) -> (Vec<String>, String) {
    let project = fixture_project("minimal");
    mutate(project.path());
    let run = run_build(project.path());
    assert!(!run.success, "build should fail; stdout: {}", run.stdout);
    (errors(&run.stderr), run.stderr)
}

#[test]
fn builds_the_minimal_fixture() {
    let project = fixture_project("minimal");
    let run = run_build(project.path());
    assert!(run.success, "{}", run.stderr);
    assert!(project.path().join("site/themes/hardware.html").is_file());
}

#[test]
fn errors_on_malformed_front_matter() {
    let (errors, stderr) = failing_build(|root| {
        write(
            root,
            "content/alpha.md",
            "---\nid: alpha\ntitle: \"unclosed\n---\n\nText.\n",
        );
        write(
            root,
            "content/beta.md",
            "---\nid: beta\n  title: B\n---\n\nText.\n",
        );
    });
    assert_eq!(
        errors,
        [
            "content/alpha.md:4:1: invalid YAML: found unexpected end of stream, while scanning a quoted scalar",
            "content/beta.md:3:8: invalid YAML: mapping values are not allowed in this context",
        ]
    );
    assert!(stderr.contains("hint: check the indentation"), "{stderr}");
}

#[test]
fn errors_on_missing_front_matter_fence() {
    let (errors, _) = failing_build(|root| write(root, "content/alpha.md", "Just text.\n"));
    assert_eq!(
        errors,
        ["content/alpha.md:1: missing front matter: the file must start with a `---` line"]
    );
}

#[test]
fn errors_on_missing_required_field_with_hint() {
    let (errors, stderr) = failing_build(|root| {
        write(root, "content/beta.md", "---\nid: beta\n---\n\nText.\n");
    });
    assert_eq!(
        errors,
        ["content/beta.md:1: missing required field `title`"]
    );
    assert!(
        stderr.contains("hint: add `title: \"The article's headline\"`"),
        "{stderr}"
    );
}

#[test]
fn errors_on_duplicate_source_ids() {
    let (errors, stderr) = failing_build(|root| {
        write(
            root,
            "content/gamma.md",
            "---\ntitle: Gamma\nid: beta\n---\n\nText.\n",
        );
    });
    assert_eq!(errors, ["content/gamma.md:3: duplicate source id 'beta'"]);
    assert!(
        stderr.contains("'beta' is already the id of content/beta.md"),
        "{stderr}"
    );
}

#[test]
fn errors_on_unsafe_source_id() {
    let (errors, stderr) = failing_build(|root| {
        write(
            root,
            "content/beta.md",
            "---\nid: ../Beta Report\ntitle: B\n---\n\nText.\n",
        );
    });
    assert_eq!(
        errors,
        ["content/beta.md:2: source id '../Beta Report' is not a safe slug"]
    );
    assert!(stderr.contains("e.g. 'beta-report'"), "{stderr}");
}

#[test]
fn errors_on_theme_id_that_does_not_exist() {
    let (errors, _) = failing_build(|root| {
        write(
            root,
            "briefing.toml",
            "title = \"T\"\nthemes = [\n  \"hardware\",\n  \"diplomacy\",\n]\n",
        );
        write(root, "themes/finance.md", "An overview of nothing.\n");
    });
    assert_eq!(
        errors,
        [
            "briefing.toml:4: unknown theme 'diplomacy' in `themes`",
            "themes/finance.md:1: overview for unknown theme 'finance'",
        ]
    );
}

#[test]
fn errors_on_every_unresolved_citation_in_one_run() {
    let (errors, _) = failing_build(|root| {
        write(
            root,
            "themes/hardware.md",
            "Fine [@alpha, ¶2].\nUnknown [@nobody] and\nout of range [@beta, ¶9]; malformed [@alpha, p2].\n",
        );
    });
    assert_eq!(
        errors,
        [
            "themes/hardware.md:2:9: unknown source 'nobody'",
            "themes/hardware.md:3:14: paragraph ¶9 of source 'beta' does not exist",
            "themes/hardware.md:3:37: malformed citation '[@alpha, p2]'",
        ]
    );
}

#[test]
fn reports_errors_from_every_file_at_once_sorted() {
    let (errors, stderr) = failing_build(|root| {
        write(root, "content/alpha.md", "---\nid: alpha\n---\n\nText.\n");
        write(
            root,
            "content/beta.md",
            "---\nid: Beta\ntitle: B\n---\n\nText.\n",
        );
        write(
            root,
            "themes/hardware.yaml",
            "title: H\nquestion: Q?\nthreshold: 4\nterms: []\nextra: 1\n",
        );
    });
    assert_eq!(
        errors,
        [
            "content/alpha.md:1: missing required field `title`",
            "content/beta.md:2: source id 'Beta' is not a safe slug",
            "themes/hardware.yaml:5: invalid YAML: unknown field `extra`, expected one of `title`, `question`, `scope`, `threshold`, `min_terms`, `terms`, `groups`",
        ]
    );
    assert!(
        stderr.contains("3 errors found; no site was written"),
        "{stderr}"
    );
}

#[test]
fn errors_on_template_mistake_with_line() {
    let (errors, _) = failing_build(|root| {
        write(
            root,
            "templates/theme.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ title | no_such_filter }}\n{% endblock %}\n",
        );
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("templates/theme.html:3:"),
        "{errors:?}"
    );
}

#[test]
fn keeps_previous_site_on_failed_build() {
    let project = fixture_project("minimal");
    assert!(run_build(project.path()).success);
    let before = snapshot(&project.path().join("site"));
    write(
        project.path(),
        "content/beta.md",
        "---\nid: beta\n---\n\nText.\n",
    );
    assert!(!run_build(project.path()).success);
    assert_eq!(snapshot(&project.path().join("site")), before);
    let leftovers: Vec<String> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn refuses_to_overwrite_a_folder_that_is_not_a_site() {
    let project = fixture_project("minimal");
    write(
        project.path(),
        "briefing.toml",
        "title = \"T\"\n[paths]\noutput = \"content\"\n",
    );
    let run = run_build(project.path());
    assert!(!run.success);
    assert!(
        run.stderr.contains("not a previous briefing site"),
        "{}",
        run.stderr
    );
    assert!(project.path().join("content/alpha.md").is_file());
}

#[test]
fn sanitises_raw_html_from_sources() {
    let project = fixture_project("minimal");
    write(
        project.path(),
        "content/hostile.md",
        "---\nid: hostile\ntitle: \"<script>alert(1)</script>\"\n---\n\n<div onmouseover=\"steal()\">Missiles and drones <script>alert(2)</script></div>\n\nA [link](javascript:alert(3)) to drones and missiles <img src=x onerror=alert(4)>.\n",
    );
    let run = run_build(project.path());
    assert!(run.success, "{}", run.stderr);
    for (path, bytes) in snapshot(&project.path().join("site")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for bad in ["<script", "onmouseover", "onerror", "javascript:"] {
            assert!(!html.contains(bad), "{bad} in {path}");
        }
    }
}

#[test]
fn keeps_previous_site_when_a_page_fails_to_render() {
    let project = fixture_project("minimal");
    assert!(run_build(project.path()).success);
    let before = snapshot(&project.path().join("site"));
    write(
        project.path(),
        "templates/source.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ no_such_field.title }}\n{% endblock %}\n",
    );
    let run = run_build(project.path());
    assert!(!run.success);
    let errors = errors(&run.stderr);
    assert!(
        !errors.is_empty()
            && errors
                .iter()
                .all(|e| e.starts_with("templates/source.html:3:")),
        "{errors:?}"
    );
    assert_eq!(snapshot(&project.path().join("site")), before);
    let leftovers = std::fs::read_dir(project.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        })
        .count();
    assert_eq!(leftovers, 0, "staging left behind");
}
