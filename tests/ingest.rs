//! `briefing add`, run as the real binary on temporary projects: copied text reproduces the
//! hand-cleaned samples, saved pages and Markdown become valid sources with their front
//! matter filled, and duplicates, bad input and existing files are refused without writing.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use briefing::load::{Source, parse_source};
use common::{Run, add, empty_project, repo, run_briefing, sample_project};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/ingest").join(name)
}

fn read_source(path: &Path) -> Source {
    let text = std::fs::read_to_string(path).unwrap();
    parse_source(&text, path).unwrap()
}

fn texts(source: &Source) -> Vec<String> {
    source.paragraphs.iter().map(|p| p.text.clone()).collect()
}

/// The files in the project's content folder, sorted.
fn content_files(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("content")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The file `add` reports having written for `from`.
fn written_for(run: &Run, from: &Path) -> String {
    let from = from.to_string_lossy().replace('\\', "/");
    run.stdout
        .lines()
        .find_map(|line| {
            let rest = line.strip_prefix("added ")?;
            let (path, source) = rest.split_once(" from ")?;
            source
                .starts_with(&format!("{from} ("))
                .then(|| path.to_string())
        })
        .unwrap_or_else(|| panic!("no line for {from} in {}", run.stdout))
}

#[test]
fn copied_seeds_reproduce_the_hand_cleaned_sources() {
    // Seed → the hand-cleaned file, and whether the copied text carries the headline.
    let cases = [
        (
            "000_ff977b515a76e205.txt",
            "beijing-parade-anti-west-signaling",
            true,
        ),
        (
            "001_b96f7164d6bfecc3.txt",
            "putin-kim-join-xi-military-show",
            true,
        ),
        ("002_6ebfb49d0adabddd.txt", "xi-putin-kim-one-stage", true),
        (
            "003_ad53150f6d638c89.txt",
            "china-russia-north-korea-alliance-parade",
            false,
        ),
        (
            "004_2c534108c317ab80.txt",
            "kim-armored-train-beijing-parade",
            false,
        ),
    ];
    let project = empty_project();
    let seeds: Vec<PathBuf> = cases
        .iter()
        .map(|(seed, _, _)| repo().join("tests/fixtures/seeds").join(seed))
        .collect();
    let args: Vec<&OsStr> = seeds.iter().map(|s| s.as_os_str()).collect();
    let run = add(project.path(), &args);
    assert!(run.success, "{}", run.stderr);

    for ((seed, cleaned, has_headline), path) in cases.iter().zip(&seeds) {
        let added = read_source(&project.path().join(written_for(&run, path)));
        let expected = read_source(&repo().join("content").join(format!("{cleaned}.md")));
        assert_eq!(texts(&added), texts(&expected), "{seed}");
        let headings = |s: &Source| -> Vec<Option<String>> {
            s.paragraphs.iter().map(|p| p.section.clone()).collect()
        };
        assert_eq!(headings(&added), headings(&expected), "{seed}: sections");
        if *has_headline {
            assert_eq!(added.meta.title, expected.meta.title, "{seed}");
        } else {
            // The editor wrote these titles; the copied text has none, and `add` says so.
            assert!(
                run.stderr.contains(&format!("{seed}: no headline found")),
                "{}",
                run.stderr
            );
        }
        assert_eq!(added.meta.author, expected.meta.author, "{seed}: author");
        assert_eq!(
            added.meta.publisher, expected.meta.publisher,
            "{seed}: publisher"
        );
    }
    // The figures of the one sample with image credits, as the editor wrote them.
    let added = read_source(&project.path().join(written_for(&run, &seeds[1])));
    let expected = read_source(&repo().join("content/putin-kim-join-xi-military-show.md"));
    assert_eq!(added.layout, expected.layout);
    assert_eq!(content_files(project.path()).len(), 5);
}

#[test]
fn saved_page_becomes_a_source_with_its_metadata() {
    let project = empty_project();
    let page = fixture("article.html");
    let run = add(project.path(), &[page.as_os_str()]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("added content/harbour-lights-return-to-portsea.md from "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("article.html (7 paragraphs)\n"),
        "{}",
        run.stdout
    );
    let path = project
        .path()
        .join("content/harbour-lights-return-to-portsea.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let source = read_source(&path);
    assert_eq!(source.meta.title, "Harbour Lights Return to Portsea");
    assert_eq!(source.meta.author.as_deref(), Some("Mara Quill"));
    assert_eq!(
        source.meta.publisher.as_deref(),
        Some("The Portsea Gazette")
    );
    assert_eq!(source.meta.published.as_deref(), Some("2025-09-04"));
    assert_eq!(
        source.meta.url.as_deref(),
        Some("https://gazette.example/2025/09/harbour-lights-return")
    );
    assert_eq!(source.meta.language.as_deref(), Some("en"));
    assert!(source.meta.retrieved.is_some());
    for expected in [
        "\n## A winter of planning\n",
        "paid for *low-energy lamps* that",
        "said **Ada Penhale**, who",
        "[published plan](https://trust.example/plan)",
        "\n- replacing the broken steps",
        "\n> The harbour is the heart of the town",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    for boilerplate in [
        "Home",
        "Related stories",
        "All rights reserved",
        "By Mara Quill",
        "lamps.jpg",
    ] {
        assert!(!text.contains(boilerplate), "{boilerplate} in\n{text}");
    }
}

#[test]
fn latin1_page_is_read_in_its_declared_charset() {
    let project = empty_project();
    let page = fixture("latin1.html");
    let run = add(project.path(), &[page.as_os_str()]);
    assert!(run.success, "{}", run.stderr);
    let source = read_source(&project.path().join(written_for(&run, &page)));
    assert_eq!(source.meta.title, "Café na praça reabre as portas");
    assert_eq!(source.id.as_str(), "cafe-na-praca-reabre-as-portas");
    let body = texts(&source).join("\n");
    for word in [
        "balcão de mármore",
        "pão de ló",
        "“Queríamos que tudo ficasse como era”",
    ] {
        assert!(body.contains(word), "{word} in {body}");
    }
    assert!(!body.contains('Ã') && !body.contains('\u{fffd}'), "{body}");
}

#[test]
fn gzipped_page_is_read_like_the_page() {
    use std::io::Write;
    let project = empty_project();
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("article.html.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), Default::default());
    encoder
        .write_all(&std::fs::read(fixture("article.html")).unwrap())
        .unwrap();
    encoder.finish().unwrap();
    let run = add(project.path(), &[gz.as_os_str(), "--dry-run".as_ref()]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("title: Harbour Lights Return to Portsea"),
        "{}",
        run.stdout
    );
}

#[test]
fn refuses_an_article_already_in_the_project_by_its_text() {
    let project = sample_project();
    let before = content_files(project.path());
    let seed = repo().join("tests/fixtures/seeds/002_6ebfb49d0adabddd.txt");
    let run = add(project.path(), &[seed.as_os_str()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "002_6ebfb49d0adabddd.txt: content/xi-putin-kim-one-stage.md already has the same text"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("1 error found; nothing was added\n"),
        "{}",
        run.stderr
    );
    assert_eq!(content_files(project.path()), before);
}

#[test]
fn refuses_an_article_already_in_the_project_by_its_address() {
    let project = empty_project();
    let page = fixture("article.html");
    assert!(add(project.path(), &[page.as_os_str()]).success);
    // Other words, same canonical address.
    let dir = tempfile::tempdir().unwrap();
    let markdown = dir.path().join("same-url.md");
    std::fs::write(
        &markdown,
        "---\ntitle: Lamps again\nurl: https://gazette.example/2025/09/harbour-lights-return/\n---\n\nA different text.\n",
    )
    .unwrap();
    let run = add(project.path(), &[markdown.as_os_str()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "same-url.md: content/harbour-lights-return-to-portsea.md already has this address"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        content_files(project.path()),
        ["harbour-lights-return-to-portsea.md"]
    );
}

#[test]
fn never_overwrites_an_existing_file() {
    let project = empty_project();
    let content = project.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let taken = content.join("harbour-lights-return-to-portsea.md");
    std::fs::write(&taken, "not a source\n").unwrap();
    let page = fixture("article.html");

    let run = add(project.path(), &[page.as_os_str()]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("added content/harbour-lights-return-to-portsea-2.md")
    );

    let run = add(
        project.path(),
        &[
            "--id".as_ref(),
            "harbour-lights-return-to-portsea".as_ref(),
            fixture("latin1.html").as_os_str(),
        ],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "source id 'harbour-lights-return-to-portsea' is already taken by content/harbour-lights-return-to-portsea.md"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "not a source\n");
}

#[test]
fn dry_run_shows_the_file_and_writes_nothing() {
    let project = empty_project();
    let page = fixture("article.html");
    let run = add(project.path(), &["--dry-run".as_ref(), page.as_os_str()]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("would add content/harbour-lights-return-to-portsea.md from "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\n---\nid: harbour-lights-return-to-portsea\n")
    );
    assert!(run.stdout.contains("## A winter of planning"));
    assert!(!project.path().join("content").exists());
}

#[test]
fn id_option_names_the_source() {
    let project = empty_project();
    let page = fixture("article.html");
    let run = add(
        project.path(),
        &["--id".as_ref(), "lamps".as_ref(), page.as_os_str()],
    );
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        read_source(&project.path().join("content/lamps.md"))
            .id
            .as_str(),
        "lamps"
    );

    let run = add(
        project.path(),
        &["--id".as_ref(), "Bad Id".as_ref(), page.as_os_str()],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("source id 'Bad Id' is not a safe slug"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: use lowercase letters, digits and single hyphens, e.g. 'bad-id'")
    );

    let latin = fixture("latin1.html");
    let run = add(
        project.path(),
        &[
            "--id".as_ref(),
            "two".as_ref(),
            page.as_os_str(),
            latin.as_os_str(),
        ],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(content_files(project.path()), ["lamps.md"]);
}

#[test]
fn undecodable_text_is_reported_with_line_byte_offset_and_a_conversion() {
    let project = empty_project();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    // Not UTF-8, and no single-byte reading of it is text: a control character follows.
    std::fs::write(&bad, b"Title Line\nSome caf\xe9\x01 text here.\n").unwrap();
    let run = add(project.path(), &[bad.as_os_str()]);
    assert_eq!(run.code, Some(1));
    let shown = bad.to_string_lossy().replace('\\', "/");
    assert_eq!(
        run.stderr,
        format!(
            "error: {shown}:2:9: the file is not valid UTF-8 text (invalid byte at offset 19)\n  \
             hint: convert it to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 bad.txt > bad.utf8.txt`, \
             or name its encoding with --encoding; a saved web page should keep its .html name\n\
             1 error found; nothing was added\n"
        )
    );
    assert!(content_files(project.path()).is_empty());
}

/// Runs `add` on one text file written with `bytes` (plus `flags`); the run and the new
/// source, if one was written.
fn add_bytes(name: &str, bytes: &[u8], flags: &[&str]) -> (Run, Option<Source>, String) {
    let project = empty_project();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let mut args: Vec<&OsStr> = flags.iter().map(|f| f.as_ref()).collect();
    args.push(file.as_os_str());
    let run = add(project.path(), &args);
    let written = content_files(project.path());
    let source = written
        .first()
        .map(|name| read_source(&project.path().join("content").join(name)));
    let shown = file.to_string_lossy().replace('\\', "/");
    (run, source, shown)
}

const FRENCH: &str = "Le caf\u{e9} du port rouvre\n\
    Le caf\u{e9} \u{e9}tait ferm\u{e9} depuis l\u{2019}hiver ; \u{e0} c\u{f4}t\u{e9}, \
    l\u{2019}\u{e9}picerie attendait \u{ab} la f\u{ea}te \u{bb} du quai.\n\
    Les p\u{ea}cheurs sont revenus tr\u{e8}s t\u{f4}t, s\u{fb}rs de leur \u{e9}lan.\n";

#[test]
fn utf16_and_utf32_files_with_a_byte_order_mark_are_read() {
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(FRENCH.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(FRENCH.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let utf32le: Vec<u8> = [0xFF, 0xFE, 0, 0]
        .into_iter()
        .chain(FRENCH.chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    for (what, bytes) in [
        ("UTF-16LE", utf16le),
        ("UTF-16BE", utf16be),
        ("UTF-32LE", utf32le),
    ] {
        let (run, source, _) = add_bytes("cafe.txt", &bytes, &[]);
        assert!(run.success, "{what}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{what}");
        let source = source.unwrap();
        assert_eq!(source.meta.title, "Le caf\u{e9} du port rouvre", "{what}");
        assert!(
            texts(&source)[0]
                .starts_with("Le caf\u{e9} \u{e9}tait ferm\u{e9} depuis l\u{2019}hiver"),
            "{what}: {:?}",
            texts(&source)
        );
    }
}

#[test]
fn a_latin1_text_is_decoded_with_a_warning() {
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(FRENCH);
    let (run, source, shown) = add_bytes("cafe.txt", &latin1, &[]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "note: {shown}: not UTF-8; read as windows-1252, check the accents \
             (--encoding NAME reads it as another)\n"
        )
    );
    let source = source.unwrap();
    assert_eq!(source.meta.title, "Le caf\u{e9} du port rouvre");
    assert!(texts(&source)[1].contains("tr\u{e8}s t\u{f4}t, s\u{fb}rs"));
}

#[test]
fn a_named_encoding_is_used_instead_of_the_detected_one() {
    // ISO-8859-15 and windows-1252 differ at 0xA4: € in one, ¤ in the other.
    let text = "Le prix du pain\nLe pain co\u{fb}te 2 \u{20ac} au march\u{e9}.\n";
    let (latin9, _, _) = encoding_rs::ISO_8859_15.encode(text);
    let (run, source, _) = add_bytes("prix.txt", &latin9, &["--encoding", "iso-8859-15"]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        texts(&source.unwrap()),
        ["Le pain co\u{fb}te 2 \u{20ac} au march\u{e9}."]
    );

    let (run, source, _) = add_bytes("prix.txt", &latin9, &["--encoding", "klingon"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.starts_with(
            "error: invalid value 'klingon' for '--encoding <NAME>': unknown encoding 'klingon'; \
             use a name such as utf-8, windows-1252, latin1,"
        ),
        "{}",
        run.stderr
    );
    assert!(source.is_none());
}

#[test]
fn flags_replace_what_the_text_says() {
    let text = "Harbour lamps lit again\nBy Mara Quill\nSeptember 4, 2025\n\
        The lamps along the harbour wall were lit again on Thursday evening.\n";
    let flags = [
        "--title",
        "Portsea harbour lamps return",
        "--author",
        "Ada Penhale",
        "--publisher",
        "The Portsea Gazette",
        "--published",
        "2025-09-05",
        "--url",
        "https://gazette.example/lamps",
    ];
    let (run, source, _) = add_bytes("lamps.txt", text.as_bytes(), &flags);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("added content/portsea-harbour-lamps-return.md from "),
        "{}",
        run.stdout
    );
    let source = source.unwrap();
    assert_eq!(source.meta.title, "Portsea harbour lamps return");
    assert_eq!(source.meta.author.as_deref(), Some("Ada Penhale"));
    assert_eq!(
        source.meta.publisher.as_deref(),
        Some("The Portsea Gazette")
    );
    assert_eq!(source.meta.published.as_deref(), Some("2025-09-05"));
    assert_eq!(
        source.meta.url.as_deref(),
        Some("https://gazette.example/lamps")
    );

    // A date the loader would refuse is refused here, before anything is written.
    let (run, source, shown) =
        add_bytes("lamps.txt", text.as_bytes(), &["--published", "Thursday"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with(&format!(
            "error: {shown}: `published` is not a date: 'Thursday'"
        )),
        "{}",
        run.stderr
    );
    assert!(source.is_none());
}

#[test]
fn title_and_url_flags_name_one_source() {
    let project = empty_project();
    let page = fixture("article.html");
    let latin = fixture("latin1.html");
    for flag in ["--title", "--url"] {
        let run = add(
            project.path(),
            &[
                flag.as_ref(),
                "x".as_ref(),
                page.as_os_str(),
                latin.as_os_str(),
            ],
        );
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "error: {flag} names one source: give it with a single file or address, not several or a feed"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(content_files(project.path()).is_empty());
}

#[test]
fn adds_all_files_or_none() {
    let project = empty_project();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, "---\ntitle: X\npublished: last week\n---\n\nText.\n").unwrap();
    let page = fixture("article.html");
    let run = add(project.path(), &[page.as_os_str(), bad.as_os_str()]);
    assert_eq!(run.code, Some(1));
    let shown = bad.to_string_lossy().replace('\\', "/");
    assert!(
        run.stderr.contains(&format!(
            "{shown}:3: `published` is not a date: 'last week'"
        )),
        "{}",
        run.stderr
    );
    assert!(!project.path().join("content").exists());
}

#[test]
fn markdown_keeps_its_front_matter_and_gets_the_rest() {
    let project = empty_project();
    let dir = tempfile::tempdir().unwrap();
    let with = dir.path().join("with.md");
    std::fs::write(
        &with,
        "---\ntitle: \"Given: a title\"\nauthor: Ann Example\ntags: [harbour]\nretrieved: 2025-01-02\n---\n\nFirst paragraph.\n\n## Part\n\nSecond *paragraph*.\n",
    )
    .unwrap();
    let without = dir.path().join("without.md");
    std::fs::write(&without, "# A Heading Title\n\nOnly paragraph here.\n").unwrap();
    let run = add(project.path(), &[with.as_os_str(), without.as_os_str()]);
    assert!(run.success, "{}", run.stderr);

    let with = read_source(&project.path().join("content/given-a-title.md"));
    assert_eq!(with.meta.title, "Given: a title");
    assert_eq!(with.meta.author.as_deref(), Some("Ann Example"));
    assert_eq!(with.meta.tags, ["harbour"]);
    assert_eq!(with.meta.retrieved.as_deref(), Some("2025-01-02"));
    assert_eq!(texts(&with), ["First paragraph.", "Second paragraph."]);

    let without = read_source(&project.path().join("content/a-heading-title.md"));
    assert_eq!(without.meta.title, "A Heading Title");
    assert!(without.meta.retrieved.is_some());
    assert_eq!(texts(&without), ["Only paragraph here."]);
}

/// Without `--no-build`, `add` rebuilds the site and says what changed: the new source, and
/// the briefings that gained passages from it.
#[test]
fn add_rebuilds_the_site_and_says_what_changed() {
    let project = sample_project();
    let root = project.path();
    let built = common::run_build(root);
    assert!(built.success, "{}", built.stderr);
    let page = fixture("article.html");
    let run = run_briefing(&[
        "add".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        page.as_os_str(),
    ]);
    assert!(run.success, "{}", run.stderr);
    let added = content_files(root)
        .into_iter()
        .find(|name| !common::repo().join("content").join(name).exists())
        .expect("a new source in content/");
    let id = added.trim_end_matches(".md");
    assert!(
        run.stdout
            .contains(&format!("since the last build: 1 source added ({id})")),
        "{}",
        run.stdout
    );
    assert!(root.join(format!("site/sources/{id}.html")).exists());
}

/// A wire story as it is copied from a newspaper's page: masthead, headline, byline in
/// capitals, agency line, published and updated dates, picture credits, dateline, the
/// reporters' credit and the copyright line.
const WIRE_STORY: &str = "The Capital
Port Strike Ends After a Week of Talks
By SAMUEL OKAFOR
Associated Press
March 6, 2024 12:36 PM - Updated: March 7, 2024
AP Photo/Jon Gambrell
ROTTERDAM, March 5 (AP) - Dockers at Europe's largest port returned to work on Tuesday after a week-long strike over pay that had halted most container traffic, the union said.
The strike had cost the port an estimated 40 million euros a day, according to the port authority, which said ships had queued for days.
Reporting by Samuel Okafor; Editing by Jane Roe
\u{a9} 2024 The Capital. All rights reserved.
";

#[test]
fn a_copied_wire_story_arrives_with_what_it_says_about_itself() {
    let project = common::fixture_project("minimal");
    let root = project.path();
    let input = root.join("story.txt");
    std::fs::write(&input, WIRE_STORY).unwrap();
    let run = run_briefing(&[
        "add".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--url".as_ref(),
        "https://www.capitalgazette.com/2024/03/06/port-strike/?utm_source=twitter#top".as_ref(),
        input.as_os_str(),
    ]);
    assert!(run.success, "{}", run.stderr);
    let id = "port-strike-ends-after-a-week-of-talks";
    let file = std::fs::read_to_string(root.join(format!("content/{id}.md"))).unwrap();
    let front = file.split("---").nth(1).unwrap();
    let retrieved = front.lines().find(|l| l.starts_with("retrieved:")).unwrap();
    assert_eq!(
        front,
        format!(
            "\nid: {id}\ntitle: Port Strike Ends After a Week of Talks\npublisher: The Capital\n\
             author: Samuel Okafor\npublished: 2024-03-06\nupdated: 2024-03-07\n\
             agency: Associated Press\ndateline: ROTTERDAM\n\
             url: https://www.capitalgazette.com/2024/03/06/port-strike/\n{retrieved}\n"
        )
    );
    let source = read_source(&root.join(format!("content/{id}.md")));
    assert_eq!(
        texts(&source),
        [
            "Dockers at Europe's largest port returned to work on Tuesday after a week-long strike over pay that had halted most container traffic, the union said.",
            "The strike had cost the port an estimated 40 million euros a day, according to the port authority, which said ships had queued for days.",
        ]
    );
    // The source page and briefing.json carry what the page said about itself.
    let page = std::fs::read_to_string(root.join(format!("site/sources/{id}.html"))).unwrap();
    for shown in [
        "<dt>Updated</dt><dd>2024-03-07</dd>",
        "<dt>Wire copy of</dt><dd>Associated Press</dd>",
        "<dt>Dateline</dt><dd>ROTTERDAM</dd>",
    ] {
        assert!(page.contains(shown), "{shown} on the source page");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("site/briefing.json")).unwrap())
            .unwrap();
    let exported = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap();
    assert_eq!(exported["agency"], "Associated Press");
    assert_eq!(exported["dateline"], "ROTTERDAM");
    assert_eq!(exported["updated"], "2024-03-07");
}

/// A sample article as a Markdown input of another publisher: its body with `edit` applied.
fn copy_of_sample(dir: &Path, name: &str, sample: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let text =
        std::fs::read_to_string(repo().join("content").join(format!("{sample}.md"))).unwrap();
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "---\ntitle: A syndicated copy\npublisher: \"Other Wire\"\n---\n{}",
            edit(body)
        ),
    )
    .unwrap();
    path
}

/// The sample's "Xi, Putin, Kim on one stage", one word changed and a paragraph added.
fn syndicated(body: &str) -> String {
    format!(
        "{}\nThis copy was distributed to partner sites by the wire service.\n",
        body.replacen("Beijing", "Peking", 1)
    )
}

#[test]
fn refuses_a_near_copy_naming_the_source_and_how_alike() {
    let project = sample_project();
    let before = content_files(project.path());
    let dir = tempfile::tempdir().unwrap();
    let copy = copy_of_sample(dir.path(), "copy.md", "xi-putin-kim-one-stage", syndicated);
    let run = add(project.path(), &[copy.as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap();
    let alike = first
        .strip_prefix(&format!(
            "error: {}: content/xi-putin-kim-one-stage.md is a near copy of this article (",
            copy.display()
        ))
        .and_then(|rest| rest.strip_suffix("% alike)"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let alike: u32 = alike.parse().unwrap();
    assert!((90..100).contains(&alike), "{first}");
    assert!(
        run.stderr
            .contains("hint: `--allow-similar` adds it anyway as a copy of xi-putin-kim-one-stage"),
        "{}",
        run.stderr
    );
    assert_eq!(content_files(project.path()), before);
}

#[test]
fn adds_other_reports_of_the_same_event() {
    // Each sample article is added to a project that holds the other four: all on one event,
    // none a copy of another.
    for sample in content_files(&repo()) {
        let project = sample_project();
        std::fs::remove_file(project.path().join("content").join(&sample)).unwrap();
        let input = repo().join("content").join(&sample);
        let run = add(project.path(), &[input.as_os_str(), "--dry-run".as_ref()]);
        assert!(run.success, "{sample}: {}", run.stderr);
    }
}

#[test]
fn allow_similar_adds_a_near_copy_as_a_copy_of_its_source() {
    let project = sample_project();
    let dir = tempfile::tempdir().unwrap();
    let copy = copy_of_sample(dir.path(), "copy.md", "xi-putin-kim-one-stage", syndicated);
    let run = add(
        project.path(),
        &[copy.as_os_str(), "--allow-similar".as_ref()],
    );
    assert!(run.success, "{}", run.stderr);
    let added = read_source(&project.path().join(written_for(&run, &copy)));
    assert_eq!(
        added.meta.copy_of.as_ref().map(|id| id.as_str()),
        Some("xi-putin-kim-one-stage")
    );
    assert!(
        run.stderr.contains("is a near copy of this article (")
            && run
                .stderr
                .contains("added as a copy of xi-putin-kim-one-stage"),
        "{}",
        run.stderr
    );
}

#[test]
fn names_both_inputs_when_one_command_gives_two_copies() {
    let project = empty_project();
    let dir = tempfile::tempdir().unwrap();
    let a = copy_of_sample(
        dir.path(),
        "a.md",
        "kim-armored-train-beijing-parade",
        |b| b.to_string(),
    );
    let b = copy_of_sample(
        dir.path(),
        "b.md",
        "kim-armored-train-beijing-parade",
        |b| b.replacen("train", "locomotive", 1),
    );
    let run = add(project.path(), &[a.as_os_str(), b.as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap();
    let expected = format!(
        "error: {}: this article is a near copy of {}, given in the same command (",
        b.display(),
        a.display()
    );
    assert!(
        first.starts_with(&expected) && first.ends_with("% alike)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("content/"), "{}", run.stderr);
    assert!(content_files(project.path()).is_empty());

    // The same file twice is said to be given twice.
    let run = add(project.path(), &[a.as_os_str(), a.as_os_str()]);
    assert!(
        run.stderr.contains(&format!(
            "{}: the file is given twice in the same command",
            a.display()
        )),
        "{}",
        run.stderr
    );

    // Allowed, the second is a copy of the first.
    let run = add(
        project.path(),
        &[a.as_os_str(), b.as_os_str(), "--allow-similar".as_ref()],
    );
    assert!(run.success, "{}", run.stderr);
    let first = read_source(&project.path().join(written_for(&run, &a)));
    let second = read_source(&project.path().join(written_for(&run, &b)));
    assert_eq!(first.meta.copy_of, None);
    assert_eq!(second.meta.copy_of.as_ref(), Some(&first.id));
}

#[test]
fn refuses_a_known_address_with_tracking_parameters() {
    let project = empty_project();
    let page = fixture("article.html");
    assert!(add(project.path(), &[page.as_os_str()]).success);
    let dir = tempfile::tempdir().unwrap();
    let markdown = dir.path().join("shared.md");
    std::fs::write(
        &markdown,
        "---\ntitle: Lamps again\nurl: https://gazette.example/2025/09/harbour-lights-return?utm_source=twitter&fbclid=x\n---\n\nA different text.\n",
    )
    .unwrap();
    let run = add(project.path(), &[markdown.as_os_str()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "shared.md: content/harbour-lights-return-to-portsea.md already has this address"
        ),
        "{}",
        run.stderr
    );
}

/// The claims of a built project's `briefing.json`, by id: (sources, independent, cited sources).
fn claims(root: &Path) -> std::collections::BTreeMap<String, (u64, u64, Vec<String>)> {
    let run = common::run_build(root);
    assert!(run.success, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("site/briefing.json")).unwrap()).unwrap();
    json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|claim| {
            let cited = claim["citations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["source"].as_str().unwrap().to_string())
                .collect();
            (
                claim["id"].as_str().unwrap().to_string(),
                (
                    claim["sources"].as_u64().unwrap(),
                    claim["independent"].as_u64().unwrap(),
                    cited,
                ),
            )
        })
        .collect()
}

#[test]
fn a_copy_never_adds_a_source_or_publisher_to_a_claim() {
    let project = sample_project();
    let without = claims(project.path());
    let dir = tempfile::tempdir().unwrap();
    let copy = copy_of_sample(dir.path(), "copy.md", "xi-putin-kim-one-stage", syndicated);
    let run = add(
        project.path(),
        &[
            copy.as_os_str(),
            "--allow-similar".as_ref(),
            "--id".as_ref(),
            "zz-copy".as_ref(),
        ],
    );
    assert!(run.success, "{}", run.stderr);
    let with = claims(project.path());
    let mut cited = 0;
    for (id, (sources, independent, citing)) in &with {
        if !citing.iter().any(|s| s == "zz-copy") {
            continue;
        }
        cited += 1;
        // A claim the original makes counts as it did; one the copy alone makes (its extra
        // paragraph) is a single source.
        let (before_sources, before_independent) =
            without.get(id).map_or((1, 1), |(s, i, _)| (*s, *i));
        assert_eq!(
            (sources, independent),
            (&before_sources, &before_independent),
            "{id}"
        );
    }
    assert!(cited > 0, "the copy is cited by no claim");
    // Its page links to the original; briefing.json names it.
    let page = std::fs::read_to_string(project.path().join("site/sources/zz-copy.html")).unwrap();
    assert!(
        page.contains("<dt>A copy of</dt><dd><a href=\"../sources/xi-putin-kim-one-stage.html\">"),
        "{page}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(project.path().join("site/briefing.json")).unwrap())
            .unwrap();
    let exported = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "zz-copy")
        .unwrap();
    assert_eq!(exported["copy_of"], "xi-putin-kim-one-stage");

    // The same file without `copy_of` is another publisher's report: it adds support.
    let path = project.path().join("content/zz-copy.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("copy_of: xi-putin-kim-one-stage\n", "")).unwrap();
    let independent = claims(project.path());
    assert!(
        independent.iter().any(|(id, (_, count, _))| without
            .get(id)
            .is_some_and(|(_, before, _)| count > before)),
        "no claim gained a publisher"
    );
}

#[test]
fn one_wire_story_on_two_sites_is_one_independent_publisher() {
    let project = common::fixture_project("minimal");
    let root = project.path();
    let story = "The port handled 14.5 million containers in 2024, up from 13.4 million a year earlier, the port authority said on Tuesday.";
    for (id, publisher) in [
        ("daily-port", "Daily Courier"),
        ("post-port", "Evening Post"),
    ] {
        common::write(
            root,
            &format!("content/{id}.md"),
            &format!(
                "---\nid: {id}\ntitle: Port volumes\npublisher: {publisher}\nagency: Reuters\n\
                 published: 2025-01-07\n---\n\n{story}\n\nA paragraph of {publisher}'s own about the city's harbour front and its new ferry terminal.\n"
            ),
        );
    }
    let support = |claims: &std::collections::BTreeMap<String, (u64, u64, Vec<String>)>| {
        claims
            .values()
            .filter(|(_, _, cited)| {
                cited.iter().any(|s| s == "daily-port") && cited.iter().any(|s| s == "post-port")
            })
            .map(|(sources, independent, _)| (*sources, *independent))
            .collect::<Vec<_>>()
    };
    let wire = support(&claims(root));
    assert!(!wire.is_empty(), "the two copies of the story are joined");
    assert!(
        wire.iter()
            .all(|&(sources, independent)| sources == 2 && independent == 1),
        "{wire:?}"
    );
    // Without the agency the two papers are two publishers.
    for id in ["daily-port", "post-port"] {
        let path = root.join(format!("content/{id}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("agency: Reuters\n", "")).unwrap();
    }
    let own = support(&claims(root));
    assert!(
        own.iter().all(|&(_, independent)| independent == 2),
        "{own:?}"
    );
}

#[test]
fn refuses_a_markdown_input_that_copies_an_unknown_source() {
    let project = sample_project();
    let before = content_files(project.path());
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("declared.md");
    std::fs::write(
        &input,
        "---\ntitle: T\ncopy_of: xi-putin-kim-one-stag\n---\n\nA text of its own.\n",
    )
    .unwrap();
    let run = add(project.path(), &[input.as_os_str()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&format!(
            "{}:3: `copy_of` names no source: 'xi-putin-kim-one-stag'",
            input.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(content_files(project.path()), before);
}
