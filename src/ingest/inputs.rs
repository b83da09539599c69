//! What `briefing add` is given — files, page addresses, feeds — turned into [`Arrival`]s:
//! bytes, a name for messages, and the metadata known before the bytes are read.
//!
//! Everything after this (decoding, reading, the checks, writing) is the same whatever the
//! input was, so a fetched page is read exactly as the same page saved from a browser would
//! be. What the command line and the network add is carried beside the bytes as two layers
//! over what the reader finds: overrides (the `--title`, `--url`, … flags, and a fetched
//! page's final address) and fallbacks (what a feed says about its item), applied by
//! [`Given::apply`] before the checks, so a wrong flag is caught like a wrong front matter.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
use crate::load::RawFrontMatter;

use super::fetch::{Fetcher, Wanted};
use super::known::normalise_url;
use super::{AddOptions, DraftMeta, Kind, kind_of};

/// One thing to add, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddInput {
    /// A file on disk: text, a saved page or Markdown.
    File(PathBuf),
    /// The address of an article page, to fetch.
    Page(String),
    /// The address of an RSS or Atom feed, whose articles are fetched.
    Feed(String),
}

impl AddInput {
    /// A command-line argument: an `http://` or `https://` address is a page to fetch,
    /// anything else a file.
    pub fn from_arg(arg: &OsStr) -> AddInput {
        match arg.to_str() {
            Some(text) if is_web_address(text) => AddInput::Page(text.to_string()),
            _ => AddInput::File(PathBuf::from(arg)),
        }
    }
}

fn is_web_address(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Why flags that name one source (`--id`, `--title`, `--url`) cannot be used with
/// `inputs`, if they cannot: several inputs, or a feed, make several sources.
pub fn one_source_conflict(options: &AddOptions, inputs: &[AddInput]) -> Option<String> {
    let several = inputs.len() > 1 || inputs.iter().any(|i| matches!(i, AddInput::Feed(_)));
    if !several {
        return None;
    }
    let flag = [
        ("--id", options.id.is_some()),
        ("--title", options.given.title.is_some()),
        ("--url", options.given.url.is_some()),
    ]
    .into_iter()
    .find_map(|(flag, set)| set.then_some(flag))?;
    Some(format!(
        "{flag} names one source: give it with a single file or address, not several or a feed"
    ))
}

/// The metadata of one input known before it is read: what replaces and what backs up the
/// reader's findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Given {
    /// Values that win over the input's own (flags, a fetched page's final address).
    pub overrides: DraftMeta,
    /// Values used where the input says nothing (a feed's).
    pub fallbacks: DraftMeta,
}

impl Given {
    /// The front matter an input gave and the metadata its reader found, with the overrides
    /// put into both and the fallbacks under what was found.
    pub(crate) fn apply(
        &self,
        mut front: RawFrontMatter,
        found: DraftMeta,
    ) -> (RawFrontMatter, DraftMeta) {
        let o = &self.overrides;
        let pick = |over: &Option<String>, mine: Option<String>| over.clone().or(mine);
        front.title = pick(&o.title, front.title);
        front.author = pick(&o.author, front.author);
        front.publisher = pick(&o.publisher, front.publisher);
        front.published = pick(&o.published, front.published);
        front.url = pick(&o.url, front.url);
        front.language = pick(&o.language, front.language);
        (front, fill(found, &self.fallbacks))
    }
}

/// `meta` with its empty fields taken from `backup`.
fn fill(meta: DraftMeta, backup: &DraftMeta) -> DraftMeta {
    let or = |mine: Option<String>, other: &Option<String>| mine.or_else(|| other.clone());
    DraftMeta {
        title: or(meta.title, &backup.title),
        author: or(meta.author, &backup.author),
        publisher: or(meta.publisher, &backup.publisher),
        published: or(meta.published, &backup.published),
        updated: or(meta.updated, &backup.updated),
        agency: or(meta.agency, &backup.agency),
        dateline: or(meta.dateline, &backup.dateline),
        url: or(meta.url, &backup.url),
        language: or(meta.language, &backup.language),
    }
}

/// An input's bytes, ready to be read.
pub(crate) struct Arrival {
    /// How the input is named in messages and in `Added::from`: its path or address.
    pub name: PathBuf,
    /// The bytes, still compressed when `gzipped`.
    pub bytes: Vec<u8>,
    /// What reader reads it.
    pub kind: Kind,
    /// Whether the bytes are gzipped (a `.gz` file).
    pub gzipped: bool,
    /// The charset its server declared.
    pub served_charset: Option<String>,
    /// The metadata known beside the bytes.
    pub given: Given,
    /// The feed it is an item of: its place in [`Arrived::feeds`].
    pub feed: Option<usize>,
}

/// What a feed gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// The feed's address, as given.
    pub url: String,
    /// Items fetched to be added.
    pub added: usize,
    /// Items skipped because a source already has their address.
    pub known: usize,
    /// Items that link to no article.
    pub without_link: usize,
}

/// What came of the inputs before any was read.
pub(crate) struct Arrived {
    /// The inputs' bytes (a feed gives one per new item), in order.
    pub arrivals: Vec<Arrival>,
    /// Inputs that could not be had (a failed fetch, a feed that is not one).
    pub diagnostics: Vec<Diagnostic>,
    /// What each feed gave.
    pub feeds: Vec<FeedReport>,
}

/// Every input as arrivals, with the mistakes found so far and a report per feed. `is_known` says whether a source already has an address; an item
/// whose address (before or after redirects) is known is skipped and counted.
pub(crate) fn arrive(
    inputs: &[AddInput],
    flags: &DraftMeta,
    is_known: &dyn Fn(&str) -> bool,
) -> Result<Arrived, Error> {
    let mut run = Arriving {
        fetcher: Fetcher::new(),
        flags,
        is_known,
        seen: BTreeSet::new(),
        arrived: Arrived {
            arrivals: Vec::new(),
            diagnostics: Vec::new(),
            feeds: Vec::new(),
        },
    };
    for input in inputs {
        match input {
            AddInput::File(path) => run.arrived.arrivals.push(from_file(path, flags)?),
            AddInput::Page(url) => {
                match fetch_page(&run.fetcher, url, flags, &DraftMeta::default()) {
                    Ok(arrival) => run.arrived.arrivals.push(arrival),
                    Err(found) => run.arrived.diagnostics.push(found),
                }
            }
            AddInput::Feed(url) => run.feed(url),
        }
    }
    Ok(run.arrived)
}

/// The state of one [`arrive`].
struct Arriving<'a> {
    fetcher: Fetcher,
    flags: &'a DraftMeta,
    is_known: &'a dyn Fn(&str) -> bool,
    /// Feed items' addresses met so far, normalised, so two feeds listing one article add it
    /// once.
    seen: BTreeSet<String>,
    arrived: Arrived,
}

impl Arriving<'_> {
    /// Fetches the feed at `url` and each of its items that is new.
    fn feed(&mut self, url: &str) {
        let items = self
            .fetcher
            .get(url, Wanted::Feed)
            .and_then(|fetched| super::feed::read_feed(&fetched.bytes, &fetched.url));
        let items = match items {
            Ok(items) => items,
            Err(found) => return self.arrived.diagnostics.push(found),
        };
        let mut report = FeedReport {
            url: url.to_string(),
            added: 0,
            known: 0,
            without_link: 0,
        };
        for item in items {
            let Some(link) = item.link else {
                report.without_link += 1;
                continue;
            };
            if self.is_old(&link) {
                report.known += 1;
                continue;
            }
            match fetch_page(&self.fetcher, &link, self.flags, &item.meta) {
                // Redirected to an address a source has.
                Ok(arrival)
                    if arrival
                        .given
                        .overrides
                        .url
                        .as_deref()
                        .is_some_and(|reached| reached != link && self.is_old(reached)) =>
                {
                    report.known += 1;
                }
                Ok(arrival) => {
                    report.added += 1;
                    self.arrived.arrivals.push(Arrival {
                        feed: Some(self.arrived.feeds.len()),
                        ..arrival
                    });
                }
                Err(found) => self.arrived.diagnostics.push(found),
            }
        }
        self.arrived.feeds.push(report);
    }

    /// Whether a source, or an item met before, has the address; remembers it.
    fn is_old(&mut self, url: &str) -> bool {
        (self.is_known)(url) || !self.seen.insert(normalise_url(url))
    }
}

fn from_file(path: &Path, flags: &DraftMeta) -> Result<Arrival, Error> {
    let bytes = std::fs::read(path).map_err(|err| Error::io(path, err))?;
    let (kind, gzipped) = kind_of(path);
    Ok(Arrival {
        name: path.to_path_buf(),
        bytes,
        kind,
        gzipped,
        served_charset: None,
        given: Given {
            overrides: flags.clone(),
            fallbacks: DraftMeta::default(),
        },
        feed: None,
    })
}

/// Fetches an article page. The address it was reached at is its `url` unless `--url`
/// says otherwise.
fn fetch_page(
    fetcher: &Fetcher,
    url: &str,
    flags: &DraftMeta,
    fallbacks: &DraftMeta,
) -> Result<Arrival, Diagnostic> {
    let fetched = fetcher.get(url, Wanted::Page)?;
    let mut overrides = flags.clone();
    overrides.url = overrides.url.or(Some(fetched.url));
    Ok(Arrival {
        name: PathBuf::from(url),
        bytes: fetched.bytes,
        kind: Kind::Html,
        gzipped: false,
        served_charset: fetched.charset,
        given: Given {
            overrides,
            fallbacks: fallbacks.clone(),
        },
        feed: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_addresses_from_files() {
        let cases = [
            (
                "https://example.org/a",
                AddInput::Page("https://example.org/a".into()),
            ),
            (
                "HTTP://example.org",
                AddInput::Page("HTTP://example.org".into()),
            ),
            ("http.txt", AddInput::File("http.txt".into())),
            ("notes/https.md", AddInput::File("notes/https.md".into())),
            (
                "ftp://example.org/a",
                AddInput::File("ftp://example.org/a".into()),
            ),
        ];
        for (arg, expected) in cases {
            assert_eq!(AddInput::from_arg(arg.as_ref()), expected, "{arg}");
        }
    }

    #[test]
    fn flags_for_one_source_refuse_several() {
        let file = || AddInput::File("a.txt".into());
        let feed = AddInput::Feed("https://x.example/feed".into());
        let with = |id: bool, title: bool, url: bool, author: bool| AddOptions {
            id: id.then(|| "x".to_string()),
            given: DraftMeta {
                title: title.then(|| "T".to_string()),
                url: url.then(|| "https://x.example/a".to_string()),
                author: author.then(|| "A".to_string()),
                ..DraftMeta::default()
            },
            ..AddOptions::default()
        };
        let cases = [
            (with(true, true, true, true), vec![file()], None),
            (with(false, false, false, true), vec![file(), file()], None),
            (with(false, false, false, true), vec![feed.clone()], None),
            (
                with(true, false, false, false),
                vec![file(), file()],
                Some("--id"),
            ),
            (
                with(false, true, false, false),
                vec![file(), file()],
                Some("--title"),
            ),
            (
                with(false, false, true, false),
                vec![feed.clone()],
                Some("--url"),
            ),
            (
                with(false, true, false, false),
                vec![file(), feed],
                Some("--title"),
            ),
        ];
        for (flags, inputs, refused) in cases {
            let got = one_source_conflict(&flags, &inputs);
            assert_eq!(
                got,
                refused.map(|flag| format!(
                    "{flag} names one source: give it with a single file or address, not several or a feed"
                )),
                "{flags:?} {inputs:?}"
            );
        }
    }

    #[test]
    fn overrides_win_and_fallbacks_fill() {
        let meta = |title: &str, author: &str, published: &str| DraftMeta {
            title: (!title.is_empty()).then(|| title.to_string()),
            author: (!author.is_empty()).then(|| author.to_string()),
            published: (!published.is_empty()).then(|| published.to_string()),
            ..DraftMeta::default()
        };
        let given = Given {
            overrides: meta("Flag title", "", ""),
            fallbacks: meta("Feed title", "Feed author", "2025-01-02"),
        };
        let front = RawFrontMatter {
            title: Some("Front title".into()),
            author: Some("Front author".into()),
            ..RawFrontMatter::default()
        };
        let (front, found) = given.apply(front, meta("Page title", "", "2025-03-04"));
        assert_eq!(front.title.as_deref(), Some("Flag title"));
        assert_eq!(front.author.as_deref(), Some("Front author"));
        assert_eq!(found, meta("Page title", "Feed author", "2025-03-04"));
    }
}
