//! The build cache: what one build leaves for the next, so that the next redoes only what
//! changed. It lives in `.briefing-cache/` in the project folder, never in the site.
//!
//! - **Per source** (`sources/<digest>.bin`): the parsed source and its analysis, keyed by the
//!   hash of the file's text. A build reads a source file, hashes it, and takes the parsed
//!   value from here when the hash is known; the analysis is reused only if it was made with
//!   the same themes. One small file per source, so adding a source writes one file.
//! - **Per output folder** (`output-<hash of its path>.bin`): the manifest of the last site
//!   written there: every file's path, the key of the inputs it was made from, the hash of its
//!   bytes, and its size and modification time as written. See [`crate::output`].
//!
//! Every record carries the key of the tool that wrote it (a hash of the running program), so
//! a new version of `briefing` never trusts an old record, and a checksum of its bytes, so a
//! damaged record reads as missing. Whatever goes wrong reading the cache, the build falls
//! back to doing the work: the cache can make a build faster, never different.

use std::collections::HashSet;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analyse::claims::Claim;
use crate::analyse::facts::SourceFacts;
use crate::analyse::figures::{Reading, Role, Trivial};
use crate::analyse::frame::Frame;
use crate::analyse::quotes::{Quote, Term};
use crate::analyse::{Filing, SourceAnalysis};
use crate::ids::{ParagraphRef, SourceId};
use crate::load::{Digest, Source};

/// The cache folder, in the project folder.
pub const CACHE_DIR: &str = ".briefing-cache";

/// The record of what plainly cited paragraphs said, in the cache folder.
const CITED_FILE: &str = "cited.bin";

/// The record of the last build's sources and briefings, in the cache folder.
const LAST_BUILD_FILE: &str = "last-build.bin";

/// What a build had: each source's id and digest, and each briefing's theme id and number of
/// passages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LastBuild {
    /// `(id, digest)` of every source.
    pub sources: Vec<(String, Digest)>,
    /// `(theme id, passages)` of every briefing.
    pub briefings: Vec<(String, usize)>,
}

/// One plainly cited paragraph: source id, ¶, list item, text.
type CitedRecord = (String, u32, Option<u32>, String);

/// Raised when the layout of a record changes.
const FORMAT: u32 = 2;

/// A key for the running program: its version and a hash of its executable, so that any
/// rebuild of the tool (a new classifier, a new page layout) invalidates what the old one
/// cached.
pub fn tool_key() -> Digest {
    static KEY: OnceLock<Digest> = OnceLock::new();
    *KEY.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::read)
            .unwrap_or_default();
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(&FORMAT.to_le_bytes());
        hasher.update(&exe);
        Digest::from_hash(&hasher.finalize())
    })
}

/// A source as cached: its parsed value and, if it was analysed, the analysis with the key of
/// the themes it was made with.
#[derive(Serialize, Deserialize)]
struct SourceRecord {
    tool: Digest,
    source: Source,
    analysis: Option<CachedAnalysis>,
}

#[derive(Serialize, Deserialize)]
struct CachedAnalysis {
    themes: Digest,
    /// `(¶, item, filings)` for each filed paragraph or list item.
    filings: Vec<(u32, Option<u32>, Vec<Filing>)>,
    /// The source's claims, quotations and mentions, with paragraphs as `(¶, item)`.
    facts: CachedFacts,
}

/// [`SourceFacts`] without the source's id in every paragraph reference.
#[derive(Serialize, Deserialize)]
struct CachedFacts {
    claims: Vec<CachedClaim>,
    quotes: Vec<CachedQuote>,
    terms: Vec<CachedTerm>,
    mentions: Vec<(u32, Option<u32>, Vec<u32>)>,
    names: Vec<(u32, Option<u32>, Vec<String>)>,
}

/// `(¶, item, span, text, speaker)`.
type CachedQuote = (u32, Option<u32>, Range<usize>, String, Option<String>);

/// `(¶, item, span, text)`.
type CachedTerm = (u32, Option<u32>, Range<usize>, String);

#[derive(Serialize, Deserialize)]
struct CachedClaim {
    n: u32,
    item: Option<u32>,
    span: Range<usize>,
    sentence: Range<usize>,
    reading: Reading,
    inferred: bool,
    role: Role,
    trivial: Option<Trivial>,
    topic: Vec<u32>,
    statement: u64,
    frame: Frame,
}

impl CachedFacts {
    fn of(facts: &SourceFacts) -> CachedFacts {
        CachedFacts {
            claims: facts
                .claims
                .iter()
                .map(|c| CachedClaim {
                    n: c.at.n,
                    item: c.at.item,
                    span: c.span.clone(),
                    sentence: c.sentence.clone(),
                    reading: c.reading.clone(),
                    inferred: c.inferred,
                    role: c.role,
                    trivial: c.trivial,
                    topic: c.topic.clone(),
                    statement: c.statement,
                    frame: c.frame.clone(),
                })
                .collect(),
            quotes: facts
                .quotes
                .iter()
                .map(|(at, q)| {
                    (
                        at.n,
                        at.item,
                        q.span.clone(),
                        q.text.clone(),
                        q.speaker.clone(),
                    )
                })
                .collect(),
            terms: facts
                .terms
                .iter()
                .map(|(at, t)| (at.n, at.item, t.span.clone(), t.text.clone()))
                .collect(),
            mentions: facts
                .mentions
                .iter()
                .map(|(at, e)| (at.n, at.item, e.clone()))
                .collect(),
            names: facts
                .names
                .iter()
                .map(|(at, names)| (at.n, at.item, names.clone()))
                .collect(),
        }
    }

    fn into_facts(self, source: &SourceId) -> SourceFacts {
        let at = |n: u32, item: Option<u32>| ParagraphRef {
            source: source.clone(),
            n,
            item,
        };
        SourceFacts {
            claims: self
                .claims
                .into_iter()
                .map(|c| Claim {
                    at: at(c.n, c.item),
                    span: c.span,
                    sentence: c.sentence,
                    reading: c.reading,
                    inferred: c.inferred,
                    role: c.role,
                    trivial: c.trivial,
                    topic: c.topic,
                    statement: c.statement,
                    frame: c.frame,
                })
                .collect(),
            quotes: self
                .quotes
                .into_iter()
                .map(|(n, item, span, text, speaker)| {
                    (
                        at(n, item),
                        Quote {
                            span,
                            text,
                            speaker,
                        },
                    )
                })
                .collect(),
            terms: self
                .terms
                .into_iter()
                .map(|(n, item, span, text)| (at(n, item), Term { span, text }))
                .collect(),
            mentions: self
                .mentions
                .into_iter()
                .map(|(n, item, e)| (at(n, item), e))
                .collect(),
            names: self
                .names
                .into_iter()
                .map(|(n, item, names)| (at(n, item), names))
                .collect(),
        }
    }
}

/// A cached analysis and the key of the themes it was made with.
#[derive(Debug, Clone)]
pub struct Analysed {
    /// The key of the themes and gazetteer (see [`crate::analyse::analysis_key`]).
    pub themes: Digest,
    /// The analysis.
    pub analysis: SourceAnalysis,
}

/// One file of a written site, as the manifest remembers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WrittenFile {
    /// Its path below the output folder, `/`-separated.
    pub path: String,
    /// The key of the inputs it was made from; `None` for files made on every build.
    pub key: Option<Digest>,
    /// The hash of its bytes.
    pub content: Digest,
    /// Its size as written.
    pub size: u64,
    /// Its modification time as written, in nanoseconds since the epoch.
    pub modified: i128,
    /// For a file written in keyed parts (see [`crate::render::PartSink`]), where each is.
    pub parts: Vec<PartAt>,
}

/// Where one keyed part of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PartAt {
    /// The part's key.
    pub key: Digest,
    /// Its first byte in the file.
    pub offset: u64,
    /// Its length in bytes.
    pub len: u64,
}

/// What the last build wrote into one output folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The key of what every file depends on (see [`crate::render::SiteFiles::global_key`]).
    pub global: Option<Digest>,
    /// Every file, by path order.
    pub files: Vec<WrittenFile>,
}

#[derive(Serialize, Deserialize)]
struct ManifestRecord {
    tool: Digest,
    manifest: Manifest,
}

/// The cache of one project.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of the project at `root` (nothing is read or made until asked).
    pub fn of_project(root: &Path) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR),
        }
    }

    fn source_file(&self, digest: &Digest) -> PathBuf {
        self.dir
            .join("sources")
            .join(format!("{}.bin", digest.hex()))
    }

    fn manifest_file(&self, out_dir: &Path) -> PathBuf {
        let absolute = std::path::absolute(out_dir).unwrap_or_else(|_| out_dir.to_path_buf());
        let key = Digest::of(absolute.to_string_lossy().as_bytes());
        self.dir.join(format!("output-{}.bin", key.hex()))
    }

    /// The parsed source whose file, at `path`, has text hashing to `digest`, and its analysis
    /// with the key of the themes it was made with.
    pub fn source(&self, digest: &Digest, path: &Path) -> Option<(Source, Option<Analysed>)> {
        let record: SourceRecord = read_record(&self.source_file(digest))?;
        if record.tool != tool_key()
            || record.source.digest != *digest
            || record.source.path != path
        {
            return None;
        }
        let analysis = record.analysis.map(|cached| Analysed {
            themes: cached.themes,
            analysis: SourceAnalysis {
                source: record.source.id.clone(),
                facts: cached.facts.into_facts(&record.source.id),
                filings: cached
                    .filings
                    .into_iter()
                    .map(|(n, item, filings)| {
                        let at = ParagraphRef {
                            source: record.source.id.clone(),
                            n,
                            item,
                        };
                        (at, filings)
                    })
                    .collect(),
            },
        });
        Some((record.source, analysis))
    }

    /// Remembers a source and its analysis (made with the themes `themes`).
    pub fn store_source(
        &self,
        source: &Source,
        analysis: &SourceAnalysis,
        themes: &Digest,
    ) -> std::io::Result<()> {
        let record = SourceRecord {
            tool: tool_key(),
            source: source.clone(),
            analysis: Some(CachedAnalysis {
                themes: *themes,
                filings: analysis
                    .filings
                    .iter()
                    .map(|(at, filings)| (at.n, at.item, filings.clone()))
                    .collect(),
                facts: CachedFacts::of(&analysis.facts),
            }),
        };
        write_record(&self.source_file(&source.digest), &record)
    }

    /// Deletes the cached sources that are not among `keep`, so the cache does not grow with
    /// every edit.
    pub fn prune_sources(&self, keep: &HashSet<Digest>) {
        let Ok(entries) = std::fs::read_dir(self.dir.join("sources")) else {
            return;
        };
        let kept: HashSet<String> = keep.iter().map(|d| format!("{}.bin", d.hex())).collect();
        for entry in entries.flatten() {
            if !kept.contains(entry.file_name().to_string_lossy().as_ref()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The manifest of the site last written to `out_dir`, if the cache holds a sound one.
    pub fn manifest(&self, out_dir: &Path) -> Option<Manifest> {
        let record: ManifestRecord = read_record(&self.manifest_file(out_dir))?;
        (record.tool == tool_key()).then_some(record.manifest)
    }

    /// Remembers what was written to `out_dir`.
    pub fn store_manifest(&self, out_dir: &Path, manifest: Manifest) -> std::io::Result<()> {
        let record = ManifestRecord {
            tool: tool_key(),
            manifest,
        };
        write_record(&self.manifest_file(out_dir), &record)
    }

    /// What each paragraph cited by number alone said at the last successful build (see
    /// [`crate::stale`]); nothing when the cache has no such record or it is damaged.
    pub fn cited_texts(&self) -> crate::stale::CitedTexts {
        let Some(record) = read_record::<Vec<CitedRecord>>(&self.dir.join(CITED_FILE)) else {
            return Default::default();
        };
        record
            .into_iter()
            .filter_map(|(source, n, item, text)| {
                let source = crate::ids::SourceId::parse(&source)?;
                let at = match item {
                    None => crate::ids::ParagraphRef::new(source, n),
                    Some(item) => crate::ids::ParagraphRef::item(source, n, item),
                };
                Some((at, text))
            })
            .collect()
    }

    /// Remembers what each paragraph cited by number alone says now.
    pub fn store_cited_texts(&self, texts: &crate::stale::CitedTexts) -> std::io::Result<()> {
        let record: Vec<CitedRecord> = texts
            .iter()
            .map(|(at, text)| (at.source.as_str().to_string(), at.n, at.item, text.clone()))
            .collect();
        write_record(&self.dir.join(CITED_FILE), &record)
    }

    /// The sources (id and digest) and briefing sizes of the last successful build, to tell
    /// the editor what changed since; `None` when unknown.
    pub fn last_build(&self) -> Option<LastBuild> {
        read_record(&self.dir.join(LAST_BUILD_FILE))
    }

    /// Remembers the sources and briefing sizes of this build.
    pub fn store_last_build(&self, last: &LastBuild) -> std::io::Result<()> {
        write_record(&self.dir.join(LAST_BUILD_FILE), last)
    }

    /// Forgets what was written to `out_dir`, before the folder is changed: if the build stops
    /// half-way, the next one finds no manifest and writes the whole site.
    pub fn forget_manifest(&self, out_dir: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(self.manifest_file(out_dir)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

/// Reads a record: its bytes, then the hash of those bytes. Anything amiss reads as `None`.
fn read_record<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let split = bytes.len().checked_sub(16)?;
    let (body, check) = bytes.split_at(split);
    if Digest::of(body).0 != check {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// Writes a record whole (into a temporary file, then renamed), so a reader never sees half.
fn write_record<T: Serialize>(path: &Path, record: &T) -> std::io::Result<()> {
    let body = postcard::to_stdvec(record).map_err(std::io::Error::other)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut temporary = tempfile_in(folder)?;
    temporary.1.write_all(&body)?;
    temporary.1.write_all(&Digest::of(&body).0)?;
    // No fsync: a record cut short by a crash fails its hash check and reads as missing, and
    // the cache only ever saves work, so waiting for the disk would buy nothing.
    drop(temporary.1);
    std::fs::rename(&temporary.0, path)
}

/// A new file with a unique name in `folder`.
fn tempfile_in(folder: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = folder.join(format!(".tmp-{}-{n}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_record_reads_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.bin");
        write_record(&path, &(1u32, "text".to_string())).unwrap();
        assert_eq!(
            read_record::<(u32, String)>(&path),
            Some((1, "text".to_string()))
        );
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[2] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read_record::<(u32, String)>(&path), None);
        std::fs::write(&path, b"short").unwrap();
        assert_eq!(read_record::<(u32, String)>(&path), None);
    }

    #[test]
    fn remembers_a_manifest_per_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::of_project(dir.path());
        let manifest = Manifest {
            global: None,
            files: vec![WrittenFile {
                path: "index.html".into(),
                key: None,
                content: Digest::of(b"x"),
                size: 1,
                modified: 5,
                parts: Vec::new(),
            }],
        };
        cache
            .store_manifest(&dir.path().join("site"), manifest.clone())
            .unwrap();
        assert_eq!(cache.manifest(&dir.path().join("site")), Some(manifest));
        assert_eq!(cache.manifest(&dir.path().join("elsewhere")), None);
        cache.forget_manifest(&dir.path().join("site")).unwrap();
        assert_eq!(cache.manifest(&dir.path().join("site")), None);
    }
}
