//! Bad input gets a clear error naming the file and line, every error in one run, exit code 1,
//! and the previous site untouched; doubtful input (estimative language in an overview) gets a
//! warning at its file and line, and the build goes on. Runs the real binary on fixture
//! projects and compares the whole of stderr with a snapshot: every `error:` and `warning:`
//! line, every `  hint:` line and the summary.

mod common;

use std::path::Path;

use common::{Run, fixture_project, run_briefing, run_build, snapshot, write};

/// Stands for the temporary project folder in snapshots.
const ROOT: &str = "<root>";

/// Asserts that `run` failed with exit code 1 and printed exactly `expected` on stderr, with
/// the project folder `root` written as `<root>`.
fn assert_failed(run: &Run, root: &Path, expected: &str) {
    let stderr = run.stderr.replace(&root.display().to_string(), ROOT);
    assert_eq!(stderr, expected, "stdout: {}", run.stdout);
    assert_eq!(run.code, Some(1), "exit code; stderr: {}", run.stderr);
}

/// Builds the minimal fixture after `mutate` changes it, and checks the failure's stderr.
fn fails_with(mutate: impl FnOnce(&Path), expected: &str) {
    let project = fixture_project("minimal");
    mutate(project.path());
    assert_failed(&run_build(project.path()), project.path(), expected);
}

#[test]
fn builds_the_minimal_fixture() {
    let project = fixture_project("minimal");
    let run = run_build(project.path());
    assert!(run.success, "{}", run.stderr);
    assert!(project.path().join("site/themes/hardware.html").is_file());
}

#[test]
fn warns_of_high_confidence_resting_on_one_source_and_builds() {
    let project = fixture_project("minimal");
    write(
        project.path(),
        "themes/hardware.md",
        "Missiles and drones were the centre of the show [@alpha, ¶1; @beta].\n\nWe assess with high confidence that the drones were new [@alpha, ¶1].\n",
    );
    let run = run_build(project.path());
    assert_eq!(
        run.code,
        Some(0),
        "a warning does not fail the build: {}",
        run.stderr
    );
    assert_eq!(
        run.stderr,
        "\
warning: content: 1 source has no published date (beta): relative dates in it are not resolved
  hint: add `published: YYYY-MM-DD` to the front matter
warning: content: 1 source has no publisher (beta): each is counted as its own independent publisher
  hint: add `publisher: Name` to the front matter
warning: themes/hardware.md:3:1: “We assess with high confidence” resting on one source: 'alpha'
  hint: high confidence asks for corroboration: cite a second, independent source in this sentence, or say moderate confidence
"
    );
    assert!(project.path().join("site/themes/hardware.html").is_file());
}

#[test]
fn counts_in_the_singular_when_there_is_one() {
    let cases: [(&[&str], &str); 2] = [
        (
            &[],
            "built 31 files (31 written, 0 removed) from 2 sources and 1 theme into <root>/site in ",
        ),
        (
            &["content/beta.md", "themes/hardware.md"],
            "built 29 files (29 written, 0 removed) from 1 source and 1 theme into <root>/site in ",
        ),
    ];
    for (removed, expected) in cases {
        let project = fixture_project("minimal");
        for file in removed {
            std::fs::remove_file(project.path().join(file)).unwrap();
        }
        let run = run_build(project.path());
        assert!(run.success, "{}", run.stderr);
        let stdout = run
            .stdout
            .replace(&project.path().display().to_string(), ROOT);
        assert!(stdout.starts_with(expected), "{stdout}");
        assert!(stdout.ends_with(" ms\n"), "{stdout}");
    }
}

#[test]
fn errors_on_malformed_front_matter() {
    fails_with(
        |root| {
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
        },
        "\
error: content/alpha.md:4:1: invalid YAML: found unexpected end of stream, while scanning a quoted scalar
  hint: check the indentation and quote values that contain `: ` or start with a special character
error: content/beta.md:3:8: invalid YAML: mapping values are not allowed in this context
  hint: check the indentation and quote values that contain `: ` or start with a special character
2 errors found; no site was written
",
    );
}

#[test]
fn errors_on_missing_front_matter_fence() {
    fails_with(
        |root| write(root, "content/alpha.md", "Just text.\n"),
        "\
error: content/alpha.md:1: missing front matter: the file must start with a `---` line
  hint: start the file with `---`, the fields (id, title, …), a closing `---`, then the text
1 error found; no site was written
",
    );
}

#[test]
fn errors_on_missing_required_field_with_hint() {
    fails_with(
        |root| write(root, "content/beta.md", "---\nid: beta\n---\n\nText.\n"),
        "\
error: content/beta.md:1: missing required field `title`
  hint: add `title: \"The article's headline\"`
1 error found; no site was written
",
    );
}

#[test]
fn errors_on_duplicate_source_ids() {
    fails_with(
        |root| {
            write(
                root,
                "content/gamma.md",
                "---\ntitle: Gamma\nid: beta\n---\n\nText.\n",
            );
        },
        "\
error: content/gamma.md:3: duplicate source id 'beta'
  hint: 'beta' is already the id of content/beta.md; every source needs its own id
1 error found; no site was written
",
    );
}

#[test]
fn errors_on_a_copy_of_an_unknown_source_with_the_closest_id() {
    fails_with(
        |root| {
            write(
                root,
                "content/gamma.md",
                "---\nid: gamma\ntitle: Gamma\ncopy_of: alpah\n---\n\nText.\n",
            );
            write(
                root,
                "content/delta.md",
                "---\nid: delta\ntitle: Delta\ncopy_of: nothing-like-it\n---\n\nText.\n",
            );
        },
        "\
error: content/delta.md:4: `copy_of` names no source: 'nothing-like-it'
  hint: give the id of the source this one copies, or remove `copy_of`
error: content/gamma.md:4: `copy_of` names no source: 'alpah'
  hint: did you mean 'alpha'?
2 errors found; no site was written
",
    );
}

#[test]
fn errors_on_unsafe_source_id() {
    fails_with(
        |root| {
            write(
                root,
                "content/beta.md",
                "---\nid: ../Beta Report\ntitle: B\n---\n\nText.\n",
            );
        },
        "\
error: content/beta.md:2: source id '../Beta Report' is not a safe slug
  hint: use lowercase letters, digits and single hyphens, e.g. 'beta-report'
1 error found; no site was written
",
    );
}

#[test]
fn errors_on_theme_id_that_does_not_exist() {
    fails_with(
        |root| {
            write(
                root,
                "briefing.toml",
                "title = \"T\"\nthemes = [\n  \"hardware\",\n  \"diplomacy\",\n]\n",
            );
            write(root, "themes/finance.md", "An overview of nothing.\n");
        },
        "\
error: briefing.toml:4: unknown theme 'diplomacy' in `themes`
  hint: known themes: hardware; add themes/diplomacy.yaml or remove it from the list
error: themes/finance.md:1: overview for unknown theme 'finance'
  hint: name the file after a theme that has a .yaml definition, or add finance.yaml
2 errors found; no site was written
",
    );
}

#[test]
fn errors_on_every_unresolved_citation_in_one_run() {
    fails_with(
        |root| {
            write(
                root,
                "themes/hardware.md",
                "Fine [@alpha, ¶2].\nUnknown [@nobody] and\nout of range [@beta, ¶9]; malformed [@alpha, p2].\n",
            );
        },
        "\
error: themes/hardware.md:2:9: unknown source 'nobody'
  hint: cite a source by its front matter id: alpha, beta
error: themes/hardware.md:3:14: paragraph ¶9 of source 'beta' does not exist
  hint: 'beta' has paragraphs ¶1 to ¶1
error: themes/hardware.md:3:37: malformed citation '[@alpha, p2]'
  hint: write [@source-id], [@source-id, ¶4], [@source-id, ¶4.2], [@source-id, \"quoted words\"] or [@a; @b, ¶2]
3 errors found; no site was written
",
    );
}

#[test]
fn reports_errors_from_every_file_at_once_sorted() {
    fails_with(
        |root| {
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
            write(root, "themes/Bad_Name.yaml", "title: B\nextra: 1\n");
        },
        "\
error: content/alpha.md:1: missing required field `title`
  hint: add `title: \"The article's headline\"`
error: content/beta.md:2: source id 'Beta' is not a safe slug
  hint: use lowercase letters, digits and single hyphens, e.g. 'beta'
error: themes/Bad_Name.yaml: theme id 'Bad_Name' (the file name) is not a safe slug
  hint: rename the file with lowercase letters, digits and single hyphens, e.g. themes/western-response.yaml
error: themes/Bad_Name.yaml:2: invalid YAML: unknown field `extra`, expected one of `title`, `question`, `scope`, `threshold`, `colour`, `min_terms`, `terms`, `groups`
  hint: remove the key or correct its spelling; the README lists the accepted keys
error: themes/hardware.yaml:5: invalid YAML: unknown field `extra`, expected one of `title`, `question`, `scope`, `threshold`, `colour`, `min_terms`, `terms`, `groups`
  hint: remove the key or correct its spelling; the README lists the accepted keys
5 errors found; no site was written
",
    );
}

#[test]
fn errors_on_template_mistake_with_line() {
    fails_with(
        |root| {
            write(
                root,
                "templates/theme.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{{ title | no_such_filter }}\n{% endblock %}\n",
            );
        },
        "\
error: templates/theme.html:3:12: template error: Unknown filter `no_such_filter`
  hint: see the Tera documentation; the README lists the fields each template gets
1 error found; no site was written
",
    );
}

#[test]
fn reports_every_briefing_toml_problem_in_one_run() {
    fails_with(
        |root| {
            write(
                root,
                "briefing.toml",
                "title = \"\"\nkey_point = 3\nkey_points = \"four\"\npassages_per_page = 0\nthemes = [\"hardware\", 7]\n\n[paths]\noutput = 1\nsources = \"articles\"\n",
            );
        },
        "\
error: briefing.toml:1:9: `title` is empty
  hint: give the site a title, e.g. title = \"Beijing parade briefing\"
error: briefing.toml:2:1: unknown field `key_point`, expected one of `title`, `description`, `language`, `key_points`, `passages_per_page`, `themes`, `base_url`, `recent_builds`, `paths`
  hint: remove the key or correct its spelling; the README lists every key briefing.toml accepts
error: briefing.toml:3:14: `key_points` must be a whole number, not a string
  hint: write it as key_points = 4
error: briefing.toml:4:21: `passages_per_page` must be at least 1
  hint: leave it out for the default of 100
error: briefing.toml:5:23: `themes` must list theme ids as strings, not an integer
  hint: write it as themes = [\"military-hardware\", \"diplomacy\"]
error: briefing.toml:8:10: `paths.output` must be a string, not an integer
  hint: write it as output = \"site\" below [paths]
error: briefing.toml:9:1: unknown field `sources` in [paths], expected one of `content`, `themes`, `templates`, `output`
  hint: remove the key or correct its spelling; the README lists every key briefing.toml accepts
7 errors found; no site was written
",
    );
}

#[test]
fn reports_a_briefing_toml_syntax_error_alone() {
    fails_with(
        |root| {
            write(root, "briefing.toml", "title = \"T\nkey_point = 3\n");
        },
        "\
error: briefing.toml:1:11: invalid basic string, expected `\"`
  hint: check the TOML syntax: one `key = value` per line, text in double quotes; the README shows a complete briefing.toml
1 error found; no site was written
",
    );
}

#[test]
fn reports_every_yaml_problem_of_a_file_in_one_run() {
    fails_with(
        |root| {
            write(
                root,
                "content/alpha.md",
                "---\nid: alpha\ntitle: [a, b]\ntitel: Alpha\ntags: {a: 1}\n---\n\nText.\n",
            );
            write(
                root,
                "themes/hardware.yaml",
                "title: Hardware\nquestion: What was shown?\nthreshold: high\nterms:\n  - term: missile*\n    weight: heavy\n  - term: drone*\n    wieght: 2\ngroup:\n  - title: Missiles\n",
            );
        },
        "\
error: content/alpha.md:3: invalid YAML: title: invalid type: sequence, expected a string
  hint: check the value's type: text, a number, or a list as the README shows
error: content/alpha.md:4: invalid YAML: unknown field `titel`, expected one of `id`, `title`, `publisher`, `author`, `published`, `updated`, `agency`, `dateline`, `url`, `retrieved`, `language`, `tags`, `copy_of`
  hint: remove the key or correct its spelling; the README lists the accepted keys
error: content/alpha.md:5: invalid YAML: tags: invalid type: map, expected a sequence
  hint: check the value's type: text, a number, or a list as the README shows
error: themes/hardware.yaml:3: invalid YAML: threshold: invalid type: string \"high\", expected f64
  hint: check the value's type: text, a number, or a list as the README shows
error: themes/hardware.yaml:5: invalid YAML: terms[0].weight: invalid type: string \"heavy\", expected f64
  hint: check the value's type: text, a number, or a list as the README shows
error: themes/hardware.yaml:7: invalid YAML: terms[1]: missing field `weight`
  hint: add the key; the README shows a complete example
error: themes/hardware.yaml:7: invalid YAML: terms[1]: unknown field `wieght`, expected one of `term`, `weight`, `aliases`
  hint: remove the key or correct its spelling; the README lists the accepted keys
error: themes/hardware.yaml:9: invalid YAML: unknown field `group`, expected one of `title`, `question`, `scope`, `threshold`, `colour`, `min_terms`, `terms`, `groups`
  hint: remove the key or correct its spelling; the README lists the accepted keys
8 errors found; no site was written
",
    );
}

#[test]
fn reports_missing_content_themes_and_templates_in_one_run() {
    let project = tempfile::tempdir().unwrap();
    write(project.path(), "briefing.toml", "title = \"T\"\n");
    // No templates folder is no mistake: the built-in templates are used.
    assert_failed(
        &run_build(project.path()),
        project.path(),
        "\
error: content: no sources: the folder does not exist
  hint: add articles to content/ as Markdown files with YAML front matter (see the README)
error: themes: no themes: the folder does not exist
  hint: add one themes/<id>.yaml per briefing (see the README)
2 errors found; no site was written
",
    );

    // A templates folder named in briefing.toml that is not there is one.
    write(
        project.path(),
        "briefing.toml",
        "title = \"T\"\n[paths]\ncontent = \"articles\"\nthemes = \"briefings\"\ntemplates = \"layout\"\n",
    );
    std::fs::create_dir(project.path().join("articles")).unwrap();
    assert_failed(
        &run_build(project.path()),
        project.path(),
        "\
error: articles: no sources: the folder has no .md files
  hint: add articles to articles/ as Markdown files with YAML front matter (see the README)
error: briefing.toml:5: the templates folder layout does not exist
  hint: create it, correct the path, or remove the line to use the built-in templates
error: briefings: no themes: the folder does not exist
  hint: add one briefings/<id>.yaml per briefing (see the README)
3 errors found; no site was written
",
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
    assert_failed(
        &run_build(project.path()),
        project.path(),
        "\
error: content/beta.md:1: missing required field `title`
  hint: add `title: \"The article's headline\"`
1 error found; the previous site in <root>/site was left untouched
",
    );
    assert_eq!(snapshot(&project.path().join("site")), before);
    let leftovers: Vec<String> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.') && name != ".briefing-cache")
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn names_the_output_folder_the_build_would_have_replaced() {
    let project = fixture_project("minimal");
    let root = project.path();
    write(
        root,
        "briefing.toml",
        "title = \"T\"\n[paths]\noutput = \"public\"\n",
    );
    assert!(run_build(root).success);
    write(root, "content/beta.md", "---\nid: beta\n---\n\nText.\n");
    let out = root.join("elsewhere");
    let cases = [
        // paths.output, still read when briefing.toml has a mistake of its own.
        (
            vec![],
            "title = \"T\"\ntypo = 1\n[paths]\noutput = \"public\"\n",
            "\
error: briefing.toml:2:1: unknown field `typo`, expected one of `title`, `description`, `language`, `key_points`, `passages_per_page`, `themes`, `base_url`, `recent_builds`, `paths`
  hint: remove the key or correct its spelling; the README lists every key briefing.toml accepts
1 error found; the previous site in <root>/public was left untouched
",
        ),
        (
            vec![],
            "title = \"T\"\n[paths]\noutput = \"public\"\n",
            "\
error: content/beta.md:1: missing required field `title`
  hint: add `title: \"The article's headline\"`
1 error found; the previous site in <root>/public was left untouched
",
        ),
        // --out wins over paths.output; it holds no site yet.
        (
            vec![out.as_os_str()],
            "title = \"T\"\n[paths]\noutput = \"public\"\n",
            "\
error: content/beta.md:1: missing required field `title`
  hint: add `title: \"The article's headline\"`
1 error found; no site was written
",
        ),
    ];
    for (extra, config, expected) in cases {
        write(root, "briefing.toml", config);
        let mut args = vec!["build".as_ref(), "--root".as_ref(), root.as_os_str()];
        if !extra.is_empty() {
            args.push("--out".as_ref());
            args.extend(extra);
        }
        assert_failed(&run_briefing(&args), root, expected);
    }
}

#[test]
fn refuses_to_overwrite_a_folder_that_is_not_a_site() {
    let project = fixture_project("minimal");
    write(
        project.path(),
        "briefing.toml",
        "title = \"T\"\n[paths]\noutput = \"content\"\n",
    );
    assert_failed(
        &run_build(project.path()),
        project.path(),
        "\
error: refusing to write <root>/content: it is not empty and holds no briefing.json, so it is not a previous briefing site; remove it or choose another output folder
",
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
        // The only scripts a page may carry are the site's own, from its assets.
        let html = common::without_own_scripts(&html);
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
        "{% extends \"base.html\" %}\n{% block content %}\n{{ throw(message=\"this page cannot be rendered\") }}\n{% endblock %}\n",
    );
    assert_failed(
        &run_build(project.path()),
        project.path(),
        "\
error: templates/source.html:3:4: template error: this page cannot be rendered
  hint: see the Tera documentation; the README lists the fields each template gets
1 error found; the previous site in <root>/site was left untouched
",
    );
    assert_eq!(snapshot(&project.path().join("site")), before);
    let leftovers = std::fs::read_dir(project.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".site")
        })
        .count();
    assert_eq!(leftovers, 0, "staging left behind");
}

#[test]
fn template_errors_name_the_configured_templates_folder() {
    let project = fixture_project("minimal");
    let root = project.path();
    std::fs::rename(root.join("templates"), root.join("layout")).unwrap();
    let config = std::fs::read_to_string(root.join("briefing.toml")).unwrap();
    write(
        root,
        "briefing.toml",
        &format!("{config}\n[paths]\ntemplates = \"layout\"\n"),
    );
    write(
        root,
        "layout/theme.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ title | no_such_filter }}\n{% endblock %}\n",
    );
    let run = run_build(root);
    assert!(!run.success);
    assert!(
        run.stderr.starts_with("error: layout/theme.html:3:"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("templates/"), "{}", run.stderr);
}
