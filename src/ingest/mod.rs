//! `briefing add`: new sources into the project's content folder, from plain text copied out of
//! a browser, a saved web page (`.html`, `.htm`, also gzipped), Markdown, a page fetched by
//! its address, or the new articles of a feed.
//!
//! Not part of the build pipeline: it runs before it and writes the files the build reads.
//! Every input first arrives as bytes with what is known beside them (`inputs`: a file's
//! name, a fetched page's response, a feed item's metadata, the flags). Each is then read
//! into a [`Draft`] by a pure reader ([`read_text`], [`read_html`],
//! `markdown_in`), which recognises the body's blocks and what the input says about itself;
//! the draft becomes a complete source file (front matter filled, a unique slug id) that is
//! checked by the loader's own [`parse_source`], so `add` never writes a file the build
//! would refuse. Then come the project's checks ([`known`]): an id or canonical URL that an
//! existing source already has is refused, naming that source's file, and so is a text that
//! is the same as or a near copy of an existing source's ([`similar`]), unless the user says
//! it is another publisher's copy (`--allow-similar`), which the file then records as
//! `copy_of`.
//!
//! All inputs are checked before anything is written, and a failure writes nothing. Files
//! are written next to their final name and hard-linked into place, which fails rather than
//! replace an existing file: nothing in the content folder is ever overwritten, and no reader
//! ever sees half a file.

mod address;
mod byline;
mod charset;
mod dates;
mod draft;
mod feed;
mod fetch;
mod html;
mod html_meta;
mod inputs;
mod known;
mod markdown_in;
mod publishers;
mod similar;
mod slug;
mod text;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub use charset::{TextEncoding, decode_html};
pub use draft::{Draft, DraftBlock, DraftMeta};
pub use html::read_html;
pub use inputs::{AddInput, FeedReport, one_source_conflict};
pub use similar::{Likeness, NEAR_COPY, Signature};
pub use text::{TextHints, read_text};

use crate::config::{CONFIG_FILE, Config, key_line};
use crate::error::{Diagnostic, Error, display_path, sorted};
use crate::fsutil;
use crate::ids::SourceId;
use crate::load::{RawFrontMatter, parse_source, write_front_matter};
use known::Known;

/// How `add` behaves.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// The id to give the (single) new source instead of a slug of its title.
    pub id: Option<String>,
    /// Check and show what would be written, write nothing.
    pub dry_run: bool,
    /// Add a near copy of an existing source anyway, as a copy of it (`copy_of`).
    pub allow_similar: bool,
    /// Metadata given on the command line, replacing what the inputs say (`title` and `url`
    /// for a single source only).
    pub given: DraftMeta,
    /// The encoding of every text, Markdown and HTML input, instead of the one detected.
    pub encoding: Option<TextEncoding>,
}

/// What a run of `add` did.
#[derive(Debug, Clone, PartialEq)]
pub struct AddReport {
    /// The sources added (or, on a dry run, that would be).
    pub added: Vec<Added>,
    /// For each feed, how many of its items were added and skipped.
    pub feeds: Vec<FeedReport>,
}

/// One source added (or, on a dry run, that would be added).
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    /// Its id.
    pub id: SourceId,
    /// Its file, relative to the project root (`content/<id>.md`).
    pub path: PathBuf,
    /// The input it was made from, as given.
    pub from: PathBuf,
    /// How many citable paragraphs it has.
    pub paragraphs: usize,
    /// The whole file.
    pub text: String,
    /// Things the user should check, such as a title that had to be guessed.
    pub notes: Vec<String>,
}

/// Adds `files` as new sources of the project at `root`: all of them, or on any mistake none.
pub fn add(root: &Path, files: &[PathBuf], options: &AddOptions) -> Result<Vec<Added>, Error> {
    let inputs: Vec<AddInput> = files.iter().cloned().map(AddInput::File).collect();
    add_inputs(root, &inputs, options).map(|report| report.added)
}

/// Adds files, fetched pages and the new items of feeds as new sources of the project at
/// `root`: all of them, or on any mistake none.
pub fn add_inputs(
    root: &Path,
    inputs: &[AddInput],
    options: &AddOptions,
) -> Result<AddReport, Error> {
    let config = read_config(root)?;
    let content = config.paths.content.clone();
    let mut known = Known::scan(root, &content)?;
    let now = chrono::Local::now().date_naive();
    let today = now.format("%Y-%m-%d").to_string();
    let hints = TextHints {
        today: Some(now),
        ..TextHints::default()
    };

    let is_known = |url: &str| known.has_address(url);
    let inputs::Arrived {
        arrivals,
        mut diagnostics,
        mut feeds,
    } = inputs::arrive(inputs, &options.given, &is_known)?;
    let mut planned = Vec::new();
    for mut arrival in arrivals {
        let feed = arrival.feed;
        let (input, note) = match read_input(&mut arrival, options.encoding, &hints) {
            Ok(read) => read,
            Err(found) => {
                diagnostics.extend(found);
                continue;
            }
        };
        let file = &arrival.name;
        match plan(
            file,
            input,
            &arrival.given,
            options,
            &content,
            &today,
            &mut known,
        ) {
            Ok(mut added) => {
                added.notes.splice(0..0, note);
                planned.push(added);
            }
            Err(found) => match feed {
                // A feed item whose text a source has (under another address) is not new.
                Some(i)
                    if found.iter().all(|d| {
                        d.hint
                            .as_deref()
                            .is_some_and(|h| h.starts_with(known::ALREADY_A_SOURCE))
                    }) =>
                {
                    feeds[i].added -= 1;
                    feeds[i].known += 1;
                }
                _ => diagnostics.extend(found),
            },
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(sorted(diagnostics)));
    }
    if !options.dry_run {
        write_all(root, &planned)?;
    }
    Ok(AddReport {
        added: planned,
        feeds,
    })
}

fn read_config(root: &Path) -> Result<Config, Error> {
    let path = root.join(CONFIG_FILE);
    match fsutil::read_text(&path, Path::new(CONFIG_FILE)) {
        Ok(text) => Config::parse(&text, Path::new(CONFIG_FILE)).map_err(Error::Input),
        Err(fsutil::ReadError::Io(Error::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Err(Error::Input(vec![
                Diagnostic::new(CONFIG_FILE, "no briefing.toml in the project root").with_hint(
                    format!(
                        "run briefing in the project folder or pass --root (looked in {}), or start a project there with `briefing init`",
                        root.display()
                    ),
                ),
            ]))
        }
        Err(fsutil::ReadError::Io(err)) => Err(err),
        Err(fsutil::ReadError::Input(diagnostic)) => Err(Error::Input(vec![diagnostic])),
    }
}

/// What kind of input a file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Markdown,
    Html,
}

fn kind_of(path: &Path) -> (Kind, bool) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let gzipped = name.ends_with(".gz");
    let name = name.trim_end_matches(".gz");
    let kind = if [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| name.ends_with(e))
    {
        Kind::Html
    } else if [".md", ".markdown"].iter().any(|e| name.ends_with(e)) {
        Kind::Markdown
    } else {
        Kind::Text
    };
    (kind, gzipped)
}

/// An input read and recognised.
enum Input {
    /// Text or HTML, read into a draft.
    Draft(Draft),
    /// Markdown, with what it gave.
    Markdown(markdown_in::MarkdownInput, String),
}

/// Decodes and recognises one input that has arrived (taking its bytes): the input and, when
/// its encoding was guessed, a note saying so.
fn read_input(
    arrival: &mut inputs::Arrival,
    forced: Option<TextEncoding>,
    hints: &TextHints,
) -> Result<(Input, Option<String>), Vec<Diagnostic>> {
    let raw = std::mem::take(&mut arrival.bytes);
    let file = arrival.name.as_path();
    let mut plain = Vec::new();
    let bytes = if arrival.gzipped {
        if let Err(err) = flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut plain) {
            return Err(vec![
                Diagnostic::new(file, format!("cannot decompress the file: {err}"))
                    .with_hint("a name ending in .gz must be a gzip file"),
            ]);
        }
        plain
    } else {
        raw
    };
    if arrival.kind == Kind::Html && forced.is_none() {
        let (text, _) = charset::decode_html_served(&bytes, arrival.served_charset.as_deref());
        return Ok((Input::Draft(read_html(&text)), None));
    }
    let (text, note) = charset::decode_text(bytes, file, forced).map_err(|d| vec![d])?;
    let input = match arrival.kind {
        Kind::Html => Input::Draft(read_html(&text)),
        Kind::Markdown => Input::Markdown(markdown_in::read_markdown(&text, file)?, text.clone()),
        Kind::Text => {
            // What is known of the address beside the text (`--url`, a feed's link) helps
            // read it: the site's name, the order of numeric dates.
            let given = &arrival.given;
            let hints = TextHints {
                url: given
                    .overrides
                    .url
                    .clone()
                    .or_else(|| given.fallbacks.url.clone()),
                language: given
                    .overrides
                    .language
                    .clone()
                    .or_else(|| given.fallbacks.language.clone()),
                ..hints.clone()
            };
            Input::Draft(read_text(&text, &hints))
        }
    };
    Ok((input, note))
}

/// Turns one recognised input into the source file to write, checked.
fn plan(
    file: &Path,
    input: Input,
    given_beside: &inputs::Given,
    options: &AddOptions,
    content: &Path,
    today: &str,
    known: &mut Known,
) -> Result<Added, Vec<Diagnostic>> {
    let mut notes = Vec::new();
    let (given, found, body, original) = match input {
        Input::Draft(draft) => {
            notes.extend(
                draft
                    .notes
                    .iter()
                    .map(|note| format!("{}: {note}", display_path(file))),
            );
            (
                RawFrontMatter::default(),
                draft.meta.clone(),
                draft.body_markdown(),
                None,
            )
        }
        Input::Markdown(input, original) => {
            let found = DraftMeta {
                title: input.heading_title.clone(),
                ..DraftMeta::default()
            };
            (input.front_matter, found, input.body, Some(original))
        }
    };
    let (given, found) = given_beside.apply(given, found);
    let title = given
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or(found.title)
        .or_else(|| {
            let guessed = fallback_title(&body)?;
            notes.push(format!(
                "{}: no headline found; the title \"{guessed}\" was taken from the first \
                 sentence, edit it in the new file",
                display_path(file)
            ));
            Some(guessed)
        });
    let id = choose_id(file, options, &given, title.as_deref(), known)?;
    // An address is recorded without its tracking parameters; one that is no web address is
    // left for the loader to report.
    let url = given
        .url
        .or(found.url)
        .map(|url| address::canonical(&url).unwrap_or(url));
    // The site's name is looked for in all the article says: its title, credits and body.
    let body_lines: Vec<&str> = [title.as_deref(), found.agency.as_deref()]
        .into_iter()
        .flatten()
        .chain(body.lines())
        .collect();
    let publisher = given
        .publisher
        .or(found.publisher)
        .or_else(|| address::site_name(url.as_deref()?, &body_lines));
    let published = given.published.or(found.published).or_else(|| {
        crate::analyse::relative::url_day(url.as_deref()).map(|d| d.format("%Y-%m-%d").to_string())
    });
    // A dateline that credits the publisher itself (`TEHRAN (Tasnim)` on Tasnim's site) names
    // no wire agency.
    let letters = |s: &str| s.to_lowercase().replace(|c: char| !c.is_alphanumeric(), "");
    let agency = given.agency.or(found.agency).filter(|agency| {
        !publisher
            .as_deref()
            .is_some_and(|p| letters(p).starts_with(&letters(agency)))
    });
    let front_matter = RawFrontMatter {
        id: Some(id.clone()),
        title,
        publisher,
        author: given.author.or(found.author),
        published,
        updated: given.updated.or(found.updated),
        agency,
        dateline: given.dateline.or(found.dateline),
        url,
        retrieved: given.retrieved.or_else(|| Some(today.to_string())),
        language: given.language.or(found.language),
        tags: given.tags,
        copy_of: given.copy_of,
    };
    let declared = front_matter.copy_of.is_some();
    let path = content.join(format!("{id}.md"));
    let file_text = |front_matter: &RawFrontMatter| {
        format!(
            "---\n{}---\n\n{}",
            write_front_matter(front_matter),
            body.trim_start_matches('\n')
        )
    };
    let mut text = file_text(&front_matter);
    let mut source =
        parse_source(&text, &path).map_err(|found| relocate(found, file, original.as_deref()))?;
    if let Some(of) = &source.meta.copy_of
        && !known.ids.contains_key(of.as_str())
    {
        let unknown = Diagnostic::new(file, format!("`copy_of` names no source: '{of}'"))
            .with_hint("give the id of a source in the content folder, or remove `copy_of`");
        return Err(relocate(vec![unknown], file, original.as_deref()));
    }
    let copy = known.refuse_duplicates(file, &source, &text, options.allow_similar, declared)?;
    if let Some(copy) = copy {
        notes.push(copy.note(file));
        let front_matter = RawFrontMatter {
            copy_of: Some(copy.id.to_string()),
            ..front_matter
        };
        text = file_text(&front_matter);
        source = parse_source(&text, &path)
            .map_err(|found| relocate(found, file, original.as_deref()))?;
    }
    known.remember(&text, &path, file);
    Ok(Added {
        id: source.id.clone(),
        path,
        from: file.to_path_buf(),
        paragraphs: source.paragraphs.len(),
        text,
        notes,
    })
}

/// The id: `--id`, else the given front matter's, else a unique slug of the title. An id the
/// user chose must be free; a made one is suffixed until it is.
fn choose_id(
    file: &Path,
    options: &AddOptions,
    given: &RawFrontMatter,
    title: Option<&str>,
    known: &Known,
) -> Result<String, Vec<Diagnostic>> {
    let chosen = options.id.clone().or_else(|| given.id.clone());
    if let Some(id) = chosen {
        if SourceId::parse(&id).is_none() {
            return Err(vec![
                Diagnostic::new(file, format!("source id '{id}' is not a safe slug")).with_hint(
                    format!(
                        "use lowercase letters, digits and single hyphens, e.g. '{}'",
                        SourceId::suggest(&id)
                    ),
                ),
            ]);
        }
        if let Some(holder) = known.ids.get(&id) {
            return Err(vec![
                Diagnostic::new(
                    file,
                    format!("source id '{id}' is already taken by {}", holder.named())
                        .trim_end_matches(',')
                        .to_string(),
                )
                .with_hint("choose another id with --id"),
            ]);
        }
        return Ok(id);
    }
    let base = slug::slug_from_title(title.unwrap_or_default(), "source");
    let taken: BTreeSet<String> = known.ids.keys().cloned().collect();
    Ok(slug::unique(&base, &taken))
}

/// The loader's diagnostics about the generated file, placed on the input: at the line of
/// the key in a Markdown input's own front matter, else on the file as a whole.
fn relocate(found: Vec<Diagnostic>, file: &Path, original: Option<&str>) -> Vec<Diagnostic> {
    let front = original.and_then(|text| {
        let rest = text.strip_prefix("---\n")?;
        Some(&rest[..rest.find("\n---").unwrap_or(rest.len())])
    });
    found
        .into_iter()
        .map(|d| {
            if d.message == "the source has no paragraphs" {
                return Diagnostic::new(file, "no article text was found in the file")
                    .with_hint("check that the file holds the article; nothing was added");
            }
            let mut moved = Diagnostic::new(file, d.message.clone());
            let key = ["published", "retrieved", "url", "id", "title", "copy_of"]
                .into_iter()
                .find(|key| d.message.contains(&format!("`{key}`")));
            if let (Some(front), Some(key)) = (front, key)
                && let Some(line) = key_line(front, key)
            {
                moved = moved.at_line(line + 1);
            }
            match d.hint {
                Some(hint) => moved.with_hint(hint),
                None => moved,
            }
        })
        .collect()
}

/// A title for an input without a headline: the first sentence of its first paragraph, cut
/// to twelve words.
fn fallback_title(body: &str) -> Option<String> {
    let probe = format!("---\nid: x\ntitle: x\n---\n\n{body}");
    let source = parse_source(&probe, Path::new("x.md")).ok()?;
    let first = &source.paragraphs.first()?.text;
    let sentence_end = first
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && first[i + 1..].starts_with(' '))
        .map_or(first.len(), |(i, _)| i);
    let words: Vec<&str> = first[..sentence_end].split_whitespace().collect();
    let mut title = words[..words.len().min(12)].join(" ");
    if words.len() > 12 {
        title.push('…');
    }
    (!title.is_empty()).then_some(title)
}

/// Writes every planned file, or on a failure removes the ones this call wrote.
fn write_all(root: &Path, planned: &[Added]) -> Result<(), Error> {
    let mut written: Vec<PathBuf> = Vec::new();
    for added in planned {
        if let Err(err) = write_new(&root.join(&added.path), &added.text) {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            return Err(err);
        }
        written.push(root.join(&added.path));
    }
    Ok(())
}

/// Writes `text` to `path`, which must not exist: into a temporary file beside it, then
/// hard-linked to its name (which fails if the name is taken), so the file appears whole.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .map_err(|err| Error::io(&temporary, err))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|err| Error::io(&temporary, err))?;
        std::fs::hard_link(&temporary, path).map_err(|err| Error::io(path, err))
    })();
    let _ = std::fs::remove_file(&temporary);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_inputs_apart_by_name() {
        let cases = [
            ("a.txt", Kind::Text, false),
            ("a", Kind::Text, false),
            ("a.HTML", Kind::Html, false),
            ("a.htm.gz", Kind::Html, true),
            ("a.md", Kind::Markdown, false),
            ("a.markdown", Kind::Markdown, false),
        ];
        for (name, kind, gzipped) in cases {
            assert_eq!(kind_of(Path::new(name)), (kind, gzipped), "{name}");
        }
    }

    #[test]
    fn guesses_a_title_from_the_first_sentence() {
        let cases = [
            ("Short one. Then more.\n", Some("Short one")),
            (
                "One two three four five six seven eight nine ten eleven twelve thirteen.\n",
                Some("One two three four five six seven eight nine ten eleven twelve…"),
            ),
            ("", None),
        ];
        for (body, title) in cases {
            assert_eq!(fallback_title(body).as_deref(), title, "{body}");
        }
    }
}
