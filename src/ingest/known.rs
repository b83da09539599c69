//! What the project already holds, for `briefing add` to refuse what it would duplicate: the
//! ids and file names in use, the canonical addresses, and each source's text as an exact
//! hash and as a near-copy [`Signature`].
//!
//! The project's sources are read once per run, in parallel, and only as far as comparing
//! needs (the front matter, and the body's words without rendering any HTML); each is kept as
//! a few hundred bytes (its id, address, hash and signature), so a project of 10,000 sources
//! costs one parallel read, and comparing a new article with all of them a few milliseconds. Sources
//! planned earlier in the same run are remembered with the input they come from, so a
//! message about two inputs of one command names both inputs, not a file not yet written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::similar::{Likeness, Signature};
use crate::error::{Diagnostic, Error, display_path};
use crate::fsutil;
use crate::ids::SourceId;
use crate::load::{Source, body_text, parse_front_matter, split_front_matter};

/// Who holds an id, an address or a text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Holder {
    /// Its file, relative to the project root (for a planned source, the file to be written).
    pub path: PathBuf,
    /// For a source planned in this run, the input it is made from.
    pub given: Option<PathBuf>,
}

impl Holder {
    /// How messages name it: its file, or the input of this command it comes from.
    pub fn named(&self) -> String {
        match &self.given {
            Some(input) => format!("{}, given in the same command,", display_path(input)),
            None => display_path(&self.path),
        }
    }
}

/// What a source is compared by.
struct Compared {
    /// Who it is.
    holder: Holder,
    /// Its id.
    id: SourceId,
    /// Its text's signature.
    signature: Signature,
}

/// What the project already holds, and what this run has planned so far.
pub(super) struct Known {
    /// Ids in use (and file names taken, even by files that do not parse).
    pub ids: BTreeMap<String, Holder>,
    /// Canonical addresses, normalised.
    urls: BTreeMap<String, Holder>,
    /// Hashes of the texts' words (see [`Signature::text_hash`]).
    bodies: BTreeMap<u64, (Holder, SourceId)>,
    /// Every source's signature, in the order they were read.
    texts: Vec<Compared>,
}

impl Known {
    /// Whether a source (or an input planned before) has this address.
    pub fn has_address(&self, url: &str) -> bool {
        self.urls.contains_key(&normalise_url(url))
    }
}

/// A source the new one is a near copy of.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NearCopy {
    /// The existing (or earlier planned) source.
    pub holder: Holder,
    /// Its id: what the new source's `copy_of` names.
    pub id: SourceId,
    /// How alike the two are, in percent (100 only for the same text).
    pub percent: u32,
}

/// One file of the content folder, read.
struct Scanned {
    /// Its path, relative to the project root.
    shown: PathBuf,
    /// Its file name without `.md`, which holds the name even if the file does not parse.
    stem: Option<String>,
    /// What it is compared by, if its front matter can be read and has an id.
    source: Option<Summary>,
}

/// What a source is compared by, read from its file without parsing it as the build does
/// (no HTML is rendered or sanitised): a few hundred bytes, however long the text.
struct Summary {
    /// Its id.
    id: SourceId,
    /// Its address.
    url: Option<String>,
    /// Its near-copy signature, which also tells the same text.
    signature: Signature,
}

impl Summary {
    /// Reads a source file's text; `None` if it has no front matter or no valid id.
    fn of(text: &str, path: &Path) -> Option<Summary> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (front, body, _) = split_front_matter(text, path).ok()?;
        let raw = parse_front_matter(front, path, 2).ok()?;
        let id = SourceId::parse(raw.id.as_deref()?.trim())?;
        let body = body_text(body);
        Some(Summary {
            id,
            url: raw.url.filter(|url| !url.trim().is_empty()),
            signature: Signature::of([body.as_str()]),
        })
    }
}

impl Known {
    /// Reads every source of the content folder, in parallel.
    pub fn scan(root: &Path, content: &Path) -> Result<Known, Error> {
        let files = fsutil::files_with_extension(&root.join(content), "md")?;
        let scanned: Vec<Scanned> = files
            .par_iter()
            .map(|path| {
                let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                // A file the build would refuse is the build's to report; it still holds its
                // name, and what can be read of it is compared.
                let source = fsutil::read_text(path, &shown)
                    .ok()
                    .and_then(|text| Summary::of(&text, &shown));
                Scanned {
                    shown,
                    stem,
                    source,
                }
            })
            .collect();
        let mut known = Known {
            ids: BTreeMap::new(),
            urls: BTreeMap::new(),
            bodies: BTreeMap::new(),
            texts: Vec::with_capacity(scanned.len()),
        };
        for file in scanned {
            let holder = Holder {
                path: file.shown,
                given: None,
            };
            if let Some(stem) = file.stem {
                known.ids.insert(stem, holder.clone());
            }
            if let Some(summary) = file.source {
                known.insert(holder, summary);
            }
        }
        Ok(known)
    }

    /// Remembers a source planned in this run, made from `given`: the file `text`, to be
    /// written at `path`.
    pub fn remember(&mut self, text: &str, path: &Path, given: &Path) {
        let holder = Holder {
            path: path.to_path_buf(),
            given: Some(given.to_path_buf()),
        };
        if let Some(summary) = Summary::of(text, path) {
            self.insert(holder, summary);
        }
    }

    fn insert(&mut self, holder: Holder, summary: Summary) {
        let Summary { id, url, signature } = summary;
        self.ids.insert(id.as_str().to_string(), holder.clone());
        if let Some(url) = url {
            self.urls.insert(normalise_url(&url), holder.clone());
        }
        self.bodies
            .entry(signature.text_hash())
            .or_insert_with(|| (holder.clone(), id.clone()));
        self.texts.push(Compared {
            holder,
            id,
            signature,
        });
    }

    /// The source whose text `source` copies, most alike first (the first read on a tie),
    /// or `None` when it copies none.
    fn near_copy_of(&self, new: &Summary) -> Option<NearCopy> {
        if let Some((holder, id)) = self.bodies.get(&new.signature.text_hash()) {
            return Some(NearCopy {
                holder: holder.clone(),
                id: id.clone(),
                percent: 100,
            });
        }
        let (index, likeness) = self
            .texts
            .par_iter()
            .enumerate()
            .map(|(index, known)| (index, known.signature.likeness(&new.signature)))
            .filter(|(_, likeness)| likeness.is_near_copy())
            .max_by(|a, b| {
                a.1.contained
                    .total_cmp(&b.1.contained)
                    .then_with(|| b.0.cmp(&a.0))
            })?;
        let known = &self.texts[index];
        Some(NearCopy {
            holder: known.holder.clone(),
            id: known.id.clone(),
            // Not the same text, so never "100%", whatever the estimate.
            percent: Likeness::percent(&likeness).min(99),
        })
    }

    /// Refuses a source (the file `text` made from the input `file`) whose address an
    /// existing (or earlier planned) source has, or whose text copies one, unless
    /// `allow_similar`; returns the source it copies, if any. `declared` is a `copy_of` the
    /// input gave itself: its text is then not checked.
    pub fn refuse_duplicates(
        &self,
        file: &Path,
        source: &Source,
        text: &str,
        allow_similar: bool,
        declared: bool,
    ) -> Result<Option<NearCopy>, Vec<Diagnostic>> {
        let mut found = Vec::new();
        if let Some(url) = &source.meta.url
            && let Some(holder) = self.urls.get(&normalise_url(url))
        {
            let hint = match holder.given {
                Some(_) => "give each article once",
                None => ALREADY_A_SOURCE,
            };
            found.push(
                Diagnostic::new(
                    file,
                    format!("{} already has this address ({url})", holder.named()),
                )
                .with_hint(hint),
            );
        }
        let copy = if declared {
            None
        } else {
            Summary::of(text, &source.path).and_then(|new| self.near_copy_of(&new))
        };
        if let Some(copy) = &copy
            && !allow_similar
        {
            found.push(near_copy_diagnostic(file, copy));
        }
        if found.is_empty() {
            Ok(copy)
        } else {
            Err(found)
        }
    }
}

/// The hint of a refused duplicate of an existing source, by which a feed's items that are
/// already sources are told from its mistakes (an identical text's hint goes on after it).
pub(super) const ALREADY_A_SOURCE: &str = "the article is already a source; edit that file instead";

/// The refusal of a near copy, naming the source it copies and how to add it anyway.
fn near_copy_diagnostic(file: &Path, copy: &NearCopy) -> Diagnostic {
    if copy.holder.given.as_deref() == Some(file) {
        return Diagnostic::new(file, "the file is given twice in the same command")
            .with_hint("give each file once");
    }
    let anyway = format!("`--allow-similar` adds it anyway as a copy of {}", copy.id);
    let message = match &copy.holder.given {
        Some(_) if copy.percent == 100 => format!("{} has the same text", copy.holder.named()),
        Some(input) => format!(
            "this article is a near copy of {}, given in the same command ({}% alike)",
            display_path(input),
            copy.percent
        ),
        None if copy.percent == 100 => {
            format!(
                "{} already has the same text",
                display_path(&copy.holder.path)
            )
        }
        None => format!(
            "{} is a near copy of this article ({}% alike)",
            display_path(&copy.holder.path),
            copy.percent
        ),
    };
    let hint = match (&copy.holder.given, copy.percent) {
        (Some(_), _) => format!("give each article once; {anyway}"),
        (None, 100) => {
            format!("{ALREADY_A_SOURCE}, or {anyway}")
        }
        (None, _) => anyway,
    };
    Diagnostic::new(file, message).with_hint(hint)
}

impl NearCopy {
    /// What `add` notes when it adds the copy anyway.
    pub fn note(&self, file: &Path) -> String {
        let of = display_path(self.holder.given.as_deref().unwrap_or(&self.holder.path));
        let alike = if self.percent == 100 {
            format!("{of} has the same text")
        } else {
            format!(
                "{of} is a near copy of this article ({}% alike)",
                self.percent
            )
        };
        format!(
            "{}: {alike}; added as a copy of {}",
            display_path(file),
            self.id
        )
    }
}

/// Query parameters that say where a reader came from, not what the page is.
const TRACKING: [&str; 8] = [
    "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "igshid",
];

/// An address compared without its fragment, trailing slash, scheme, `www.` or tracking
/// parameters (`utm_*` and [`TRACKING`]).
pub(super) fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let url = url.strip_prefix("www.").unwrap_or(url);
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("").to_lowercase();
            !(key.is_empty() || key.starts_with("utm_") || TRACKING.contains(&key.as_str()))
        })
        .collect();
    let path = path.trim_end_matches('/');
    let url = if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    };
    url.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_urls_for_comparison() {
        let same = [
            "https://www.example.org/a/",
            "http://example.org/a#top",
            " https://EXAMPLE.org/a ",
            "https://example.org/a?utm_source=twitter&utm_medium=social",
            "https://example.org/a/?fbclid=abc",
            "https://example.org/a?gclid=1&mc_cid=2&mc_eid=3&ref=home",
        ];
        for url in same {
            assert_eq!(normalise_url(url), "example.org/a", "{url}");
        }
        let kept = [
            (
                "https://example.org/a?id=7&utm_source=x",
                "example.org/a?id=7",
            ),
            ("https://example.org/a?page=2", "example.org/a?page=2"),
            (
                "https://example.org/a?referrer=x",
                "example.org/a?referrer=x",
            ),
        ];
        for (url, normalised) in kept {
            assert_eq!(normalise_url(url), normalised, "{url}");
        }
    }
}
