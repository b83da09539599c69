//! Stage 4, output: the site's files → the site folder. The only module that writes the site.
//!
//! Two ways, both checking every path before anything is written (a file may only land inside
//! the output folder, and the output folder is only replaced if it is empty or holds a
//! previous briefing site):
//!
//! - **Whole** ([`write_site`]): the site is written into a staging folder beside the output
//!   folder and swapped in by two renames at the end, so a failed build never leaves a
//!   half-written site and the previous good site stays until the new one is complete.
//! - **Update** ([`update_site`]), when the last build's manifest is known: a file whose input
//!   key is unchanged, and whose file on disk is as it was written, is neither rendered nor
//!   touched; a file whose bytes come out the same is not rewritten; every other file is
//!   rendered first — all of them, so a render error stops the build before anything is
//!   written — and then replaced one by one (each written beside its place and renamed over
//!   it, so no file is ever half-written), and files the site no longer has are removed. A
//!   build where nothing changed writes nothing. If the folder was changed behind the build's
//!   back, the files that differ from the manifest are rewritten.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::cache::{Manifest, PartAt, WrittenFile};
use crate::config::CONFIG_FILE;
use crate::error::Error;
use crate::load::Digest;
use crate::render::{FileError, PartSink, SiteFiles};

/// A file every briefing site has; its presence marks a folder the build may replace.
const SITE_MARKER: &str = "briefing.json";

/// Writes `files` as the new content of `out_dir`, replacing what was there. Each file is
/// produced straight into its file on disk, in parallel, so memory holds the pages being
/// written rather than the whole site.
pub fn write_site(out_dir: &Path, files: &(impl SiteFiles + ?Sized)) -> Result<(), Error> {
    write_whole(out_dir, files).map(|_| ())
}

/// What [`update_site`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Update {
    /// Files rendered (their inputs changed, or the site was written whole).
    pub rendered: usize,
    /// Files written (new, or with new bytes).
    pub written: usize,
    /// Files removed.
    pub removed: usize,
    /// Whether the site was written whole, through a staging folder.
    pub whole: bool,
}

/// Brings `out_dir` up to date with `files`, given the manifest of what the last build wrote
/// there (`None` when unknown: the site is then written whole). Returns the new manifest, and
/// the removal of what the update left beside the site, still under way.
pub fn update_site(
    out_dir: &Path,
    files: &(impl SiteFiles + ?Sized),
    previous: Option<&Manifest>,
) -> Result<(Manifest, Update, Removal), Error> {
    let previous = match previous {
        // When what every page depends on changed (templates, settings, themes, the tool),
        // nearly every page changes: the whole site is written and swapped in, which keeps
        // memory bounded and the change atomic.
        Some(previous) if holds_site(out_dir) && previous.global == files.global_key() => previous,
        _ => {
            return whole(out_dir, files)
                .map(|(manifest, update)| (manifest, update, Removal(None)));
        }
    };
    check_paths(out_dir, files)?;
    check_replaceable(out_dir)?;
    let known: std::collections::HashMap<&str, &WrittenFile> = previous
        .files
        .iter()
        .map(|file| (file.path.as_str(), file))
        .collect();
    let on_disk = |file: &WrittenFile| {
        std::fs::metadata(out_dir.join(&file.path))
            .ok()
            .is_some_and(|meta| meta.len() == file.size && modified(&meta) == file.modified)
    };
    // Each file's key, made once: the key of a briefing's first page holds its bottom line,
    // which costs as much to make as to render, so it is not made again for the manifest.
    let keys: Vec<Option<Digest>> = (0..files.len())
        .into_par_iter()
        .map(|index| files.key(index))
        .collect();
    // What each file needs: kept as written, or rendered.
    let plans: Vec<Option<WrittenFile>> = (0..files.len())
        .into_par_iter()
        .map(|index| {
            let key = keys[index];
            known
                .get(files.path(index))
                .filter(|file| key.is_some() && file.key == key && on_disk(file))
                .map(|file| (*file).clone())
        })
        .collect();
    let stale = plans.iter().filter(|plan| plan.is_none()).count();
    let spill = Spill::beside(out_dir);
    let result = render_and_replace(out_dir, files, &keys, &plans, &known, &on_disk, &spill);
    let removal = spill.remove();
    let written = result?;
    let mut fresh: std::collections::HashMap<String, WrittenFile> =
        std::collections::HashMap::new();
    for file in written {
        fresh.insert(file.path.clone(), file);
    }
    let wanted: std::collections::HashSet<&str> = (0..files.len()).map(|i| files.path(i)).collect();
    let mut removed = 0;
    for file in &previous.files {
        if !wanted.contains(file.path.as_str()) {
            let path = out_dir.join(&file.path);
            match std::fs::remove_file(&path) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(&path, err));
                }
                _ => removed += 1,
            }
            remove_empty_folders(out_dir, &path);
        }
    }
    let mut manifest = Manifest {
        global: files.global_key(),
        files: Vec::new(),
    };
    let mut update = Update {
        rendered: stale,
        written: fresh.len(),
        removed,
        whole: false,
    };
    for (index, plan) in plans.into_iter().enumerate() {
        let path = files.path(index);
        let entry = match (fresh.remove(path), plan) {
            (Some(file), _) => file,
            (None, Some(file)) => file,
            (None, None) => {
                // Rendered to the same bytes: kept, under its new key.
                let mut file = (*known[path]).clone();
                file.key = keys[index];
                file
            }
        };
        manifest.files.push(entry);
    }
    update.rendered = stale;
    Ok((manifest, update, removal))
}

/// Renders the stale files (those without a plan), then — only once all of them rendered —
/// replaces those whose bytes changed. Returns what was written.
fn render_and_replace(
    out_dir: &Path,
    files: &(impl SiteFiles + ?Sized),
    keys: &[Option<Digest>],
    plans: &[Option<WrittenFile>],
    known: &std::collections::HashMap<&str, &WrittenFile>,
    on_disk: &(impl Fn(&WrittenFile) -> bool + Sync),
    spill: &Spill,
) -> Result<Vec<WrittenFile>, Error> {
    let rendered: Vec<Result<Option<Rendered>, Error>> = (0..files.len())
        .into_par_iter()
        .filter(|&index| plans[index].is_none())
        .map(|index| {
            let path = files.path(index);
            // The file as the last build wrote it, to copy unchanged parts from.
            let previous = known
                .get(path)
                .filter(|file| !file.parts.is_empty() && on_disk(file))
                .map(|file| Previous::of(out_dir.join(path), &file.parts));
            let mut body = Body::new(spill, index, previous);
            let failed = |err| match err {
                FileError::Render(err) => err,
                FileError::Io(err) => Error::io(out_dir.join(path), err),
            };
            files.write_parts(index, &mut body).map_err(failed)?;
            let (content, body, parts) = body.finish().map_err(failed)?;
            let same = known
                .get(path)
                .is_some_and(|file| file.content == content && on_disk(file));
            if same {
                body.discard();
                return Ok(None);
            }
            Ok(Some((index, body, content, parts)))
        })
        .collect();
    let mut to_write = Vec::new();
    let mut diagnostics = Vec::new();
    let mut failure = None;
    for result in rendered {
        match result {
            Ok(Some(file)) => to_write.push(file),
            Ok(None) => {}
            Err(Error::Input(found)) => diagnostics.extend(found),
            Err(other) => failure = failure.or(Some(other)),
        }
    }
    if let Some(failure) = failure {
        return Err(failure);
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(crate::error::sorted(diagnostics)));
    }

    // Everything is rendered: now change the folder, large files first, so that freeing the
    // files they replace (see [`Kept::replace`]) starts as early as it can.
    to_write.sort_by_key(|(_, body, ..)| !matches!(body, Kept::Spilled(_)));
    to_write
        .into_par_iter()
        .map(|(index, body, content, parts)| {
            body.replace(&out_dir.join(files.path(index)))?;
            written_file(out_dir, files.path(index), keys[index], content, parts)
        })
        .collect()
}

/// A file rendered to new bytes: its index, its bytes, their hash, and where its parts are.
type Rendered = (usize, Kept, Digest, Vec<PartAt>);

/// Files larger than this are kept on disk rather than in memory between rendering and
/// replacing: `briefing.json` runs to hundreds of megabytes on a large corpus.
const SPILL_AT: usize = 4 << 20;

/// The folder beside the output folder where large rendered files wait to be moved into the
/// site (beside it, so that a rename moves them; never inside it, so a failed build leaves
/// nothing in the site). Made on first use, removed when the update ends.
struct Spill {
    folder: PathBuf,
}

impl Spill {
    fn beside(out_dir: &Path) -> Spill {
        Spill {
            folder: beside(out_dir, "update"),
        }
    }

    /// Removes the folder on a thread of its own, with the previous versions of the files it
    /// replaced (see [`Kept::replace`]).
    fn remove(self) -> Removal {
        let folder = self.folder.clone();
        let spawned = std::thread::Builder::new()
            .name("remove".into())
            .spawn(move || {
                let _ = std::fs::remove_dir_all(folder);
            });
        match spawned {
            Ok(thread) => Removal(Some(thread)),
            Err(_) => {
                let _ = std::fs::remove_dir_all(&self.folder);
                Removal(None)
            }
        }
    }
}

/// The removal of the folder an update spilled large files into, under way. It holds the
/// previous `briefing.json` once the new one is in place, and freeing 90 MB takes a file
/// system about a tenth of a second, which the rest of the build need not wait for. Dropping
/// it waits for the removal to finish, so a build leaves nothing behind when it returns.
#[must_use = "dropping a removal waits for it"]
pub struct Removal(Option<std::thread::JoinHandle<()>>);

impl Drop for Removal {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

/// A rendered file's bytes, hashed as they are written: in memory, or past [`SPILL_AT`] in a
/// file of the [`Spill`] folder. Its keyed parts can be copied from the previous file.
struct Body<'a> {
    spill: &'a Spill,
    index: usize,
    memory: Vec<u8>,
    file: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
    hasher: blake3::Hasher,
    parts: Parts,
    previous: Option<Previous>,
    /// Parts copied from the previous file and not yet stored: copies are gathered into one
    /// run while they follow each other there, so that a run of unchanged sources is one copy.
    run: Option<Run>,
}

/// Consecutive bytes of the previous file to be copied, `len` of them from `offset`, then
/// `after`: bytes written after the last part of the run (a separator) that the next copied
/// part may take into the run, if the previous file holds the same bytes before that part.
struct Run {
    offset: u64,
    len: u64,
    after: Vec<u8>,
}

/// Bytes written after a run beyond which the run is stored rather than kept open: parts are
/// separated by a comma, not by pages.
const RUN_GAP: usize = 64;

/// The file the last build wrote, with where its parts are; opened on the first copy.
struct Previous {
    path: PathBuf,
    parts: std::collections::HashMap<Digest, (u64, u64)>,
    file: Option<std::fs::File>,
}

impl Previous {
    fn of(path: PathBuf, parts: &[PartAt]) -> Previous {
        Previous {
            path,
            parts: parts
                .iter()
                .map(|part| (part.key, (part.offset, part.len)))
                .collect(),
            file: None,
        }
    }

    /// Where the part with this key is: its offset and length.
    fn at(&self, key: &Digest) -> std::io::Result<(u64, u64)> {
        self.parts
            .get(key)
            .copied()
            .ok_or_else(|| std::io::Error::other("the previous file has no such part"))
    }

    /// The previous file, positioned at `offset`.
    fn seek(&mut self, offset: u64) -> std::io::Result<&std::fs::File> {
        use std::io::Seek;
        if self.file.is_none() {
            self.file = Some(std::fs::File::open(&self.path)?);
        }
        let mut file = self
            .file
            .as_ref()
            .ok_or_else(|| std::io::Error::other("the previous file went missing"))?;
        file.seek(std::io::SeekFrom::Start(offset))?;
        Ok(file)
    }

    /// Whether the previous file holds `bytes` at `offset`.
    fn holds(&mut self, offset: u64, bytes: &[u8]) -> std::io::Result<bool> {
        use std::io::Read;
        let mut found = [0; RUN_GAP];
        let found = found
            .get_mut(..bytes.len())
            .ok_or_else(|| std::io::Error::other("more bytes than a run's gap"))?;
        match self.seek(offset)?.read_exact(found) {
            Ok(()) => Ok(found == bytes),
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
            Err(err) => Err(err),
        }
    }
}

/// Counts the bytes of a file as they are written, and where each keyed part lies.
#[derive(Default)]
struct Parts {
    written: u64,
    parts: Vec<PartAt>,
}

impl Parts {
    fn wrote(&mut self, n: usize) {
        self.written += n as u64;
    }

    fn part(&mut self, key: &Digest, len: usize) {
        self.parts.push(PartAt {
            key: *key,
            offset: self.written - len as u64,
            len: len as u64,
        });
    }
}

/// A finished [`Body`].
enum Kept {
    Memory(Vec<u8>),
    Spilled(PathBuf),
}

impl<'a> Body<'a> {
    fn new(spill: &'a Spill, index: usize, previous: Option<Previous>) -> Body<'a> {
        Body {
            spill,
            index,
            memory: Vec::new(),
            file: None,
            hasher: blake3::Hasher::new(),
            parts: Parts::default(),
            previous,
            run: None,
        }
    }

    fn finish(mut self) -> Result<(Digest, Kept, Vec<PartAt>), FileError> {
        self.store_run()?;
        let content = Digest::from_hash(&self.hasher.finalize());
        let parts = std::mem::take(&mut self.parts.parts);
        match self.file.take() {
            None => Ok((content, Kept::Memory(self.memory), parts)),
            Some((path, mut file)) => {
                std::io::Write::flush(&mut file)?;
                Ok((content, Kept::Spilled(path), parts))
            }
        }
    }
}

impl Body<'_> {
    /// Keeps bytes, neither hashing nor counting them (see [`PartSink::write_part`] below).
    fn store(&mut self, buf: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        match &mut self.file {
            Some((_, file)) => file.write_all(buf),
            None => {
                self.memory.extend_from_slice(buf);
                if self.memory.len() > SPILL_AT {
                    self.spill_now()?;
                }
                Ok(())
            }
        }
    }

    /// Moves the bytes held in memory into a file of the spill folder, where later bytes go.
    fn spill_now(&mut self) -> std::io::Result<()> {
        use std::io::Write;
        if self.file.is_none() {
            std::fs::create_dir_all(&self.spill.folder)?;
            let path = self.spill.folder.join(self.index.to_string());
            let mut file =
                std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&path)?);
            file.write_all(&self.memory)?;
            self.memory = Vec::new();
            self.file = Some((path, file));
        }
        Ok(())
    }

    /// Stores the pending run: its bytes from the previous file, then the bytes written after
    /// it. Into a file, they are copied by the kernel (`copy_file_range` on Linux, which
    /// `std::io::copy` uses between files) rather than read into memory and written out.
    fn store_run(&mut self) -> std::io::Result<()> {
        use std::io::Read;
        let Some(Run { offset, len, after }) = self.run.take() else {
            return Ok(());
        };
        let short = || std::io::Error::other("the previous file is shorter than its parts");
        let fits = usize::try_from(len)
            .ok()
            .filter(|&len| self.file.is_none() && self.memory.len() + len <= SPILL_AT);
        if fits.is_none() {
            self.spill_now()?;
        }
        let (Some(previous), file) = (self.previous.as_mut(), self.file.as_mut()) else {
            return Err(std::io::Error::other(
                "no previous file to copy a part from",
            ));
        };
        match (fits, file) {
            (Some(len), _) => {
                let start = self.memory.len();
                self.memory.resize(start + len, 0);
                previous
                    .seek(offset)?
                    .read_exact(&mut self.memory[start..])
                    .map_err(|_| short())?;
            }
            (None, Some((_, file))) => {
                let mut source = previous.seek(offset)?.take(len);
                if std::io::copy(&mut source, file)? != len {
                    return Err(short());
                }
            }
            (None, None) => return Err(std::io::Error::other("the spilled file went missing")),
        }
        self.store(&after)
    }
}

impl std::io::Write for Body<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.hasher.update(buf);
        self.parts.wrote(buf.len());
        match &mut self.run {
            Some(run) if run.after.len() + buf.len() <= RUN_GAP => run.after.extend_from_slice(buf),
            Some(_) => {
                self.store_run()?;
                self.store(buf)?;
            }
            None => self.store(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl PartSink for Body<'_> {
    fn has_part(&self, key: &Digest) -> bool {
        self.previous
            .as_ref()
            .is_some_and(|previous| previous.parts.contains_key(key))
    }

    /// The part joins the pending run when it follows it in the previous file with the same
    /// bytes between them as were written here; otherwise the run is stored and a new one
    /// opens. Either way nothing is read yet.
    fn copy_part(&mut self, key: &Digest) -> std::io::Result<()> {
        let previous = self
            .previous
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no previous file to copy a part from"))?;
        let (offset, len) = previous.at(key)?;
        let joins = match &self.run {
            Some(run) => {
                let end = run.offset + run.len;
                end + run.after.len() as u64 == offset
                    && (run.after.is_empty() || previous.holds(end, &run.after)?)
            }
            None => false,
        };
        match &mut self.run {
            Some(run) if joins => {
                run.len += run.after.len() as u64 + len;
                run.after.clear();
            }
            _ => {
                self.store_run()?;
                self.run = Some(Run {
                    offset,
                    len,
                    after: Vec::new(),
                });
            }
        }
        self.hasher.update(PART_MARK);
        self.hasher.update(&key.0);
        let len = usize::try_from(len).map_err(std::io::Error::other)?;
        self.parts.wrote(len);
        self.parts.part(key, len);
        Ok(())
    }

    /// A part's bytes are a function of its key, so the content hash covers the key rather
    /// than the bytes: equal hashes still mean equal files, and 100 MB of copied parts are not
    /// hashed again.
    fn write_part(&mut self, key: &Digest, bytes: &[u8]) -> std::io::Result<()> {
        self.store_run()?;
        self.hasher.update(PART_MARK);
        self.hasher.update(&key.0);
        self.store(bytes)?;
        self.parts.wrote(bytes.len());
        self.parts.part(key, bytes.len());
        Ok(())
    }
}

/// What a part stands for in a content hash, before its key: bytes no page has, so a part
/// never hashes like literal text.
const PART_MARK: &[u8] = b"\0\xffpart\0";

impl Kept {
    fn discard(self) {
        if let Kept::Spilled(path) = self {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Puts the bytes at `path`, never leaving a half-written file there.
    fn replace(self, path: &Path) -> Result<(), Error> {
        match self {
            Kept::Memory(bytes) => replace_file(path, &bytes),
            Kept::Spilled(spilled) => {
                let folder = path.parent().unwrap_or(Path::new("."));
                std::fs::create_dir_all(folder).map_err(|err| Error::io(folder, err))?;
                // The file being replaced keeps a second name in the spill folder, so the
                // rename below only unlinks it, and the file is freed when that folder is
                // removed, beside the rest of the build (see [`Removal`]). Without it (a new
                // file, or a file system without hard links) the rename frees the file.
                let _ = std::fs::hard_link(path, spilled.with_extension("replaced"));
                if std::fs::rename(&spilled, path).is_ok() {
                    return Ok(());
                }
                // Another file system (an output folder that is a mount point): copied.
                let bytes = std::fs::read(&spilled).map_err(|err| Error::io(&spilled, err))?;
                replace_file(path, &bytes)
            }
        }
    }
}

/// Writes the site whole and reads back what the manifest needs.
fn whole(out_dir: &Path, files: &(impl SiteFiles + ?Sized)) -> Result<(Manifest, Update), Error> {
    let contents = write_whole(out_dir, files)?;
    let mut manifest = Manifest {
        global: files.global_key(),
        files: Vec::new(),
    };
    for (index, (content, parts)) in contents.into_iter().enumerate() {
        manifest.files.push(written_file(
            out_dir,
            files.path(index),
            files.key(index),
            content,
            parts,
        )?);
    }
    let update = Update {
        rendered: files.len(),
        written: files.len(),
        removed: 0,
        whole: true,
    };
    Ok((manifest, update))
}

/// What the manifest remembers of the file at `path`, just written: its key, content hash and
/// parts, and the size and modification time it has on disk.
fn written_file(
    out_dir: &Path,
    path: &str,
    key: Option<Digest>,
    content: Digest,
    parts: Vec<PartAt>,
) -> Result<WrittenFile, Error> {
    let meta =
        std::fs::metadata(out_dir.join(path)).map_err(|err| Error::io(out_dir.join(path), err))?;
    Ok(WrittenFile {
        path: path.to_string(),
        key,
        content,
        size: meta.len(),
        modified: modified(&meta),
        parts,
    })
}

/// A file's modification time in nanoseconds since the epoch (0 if the system cannot say).
fn modified(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos() as i128)
}

/// Replaces the file at `path` with `bytes`: written beside it, then renamed over it.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|err| Error::io(folder, err))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{name}.new-{}", std::process::id()));
    std::fs::write(&temporary, bytes).map_err(|err| Error::io(&temporary, err))?;
    std::fs::rename(&temporary, path).map_err(|err| {
        let _ = std::fs::remove_file(&temporary);
        Error::io(path, err)
    })
}

/// Removes the folders above a removed file that are left empty, up to the output folder.
fn remove_empty_folders(out_dir: &Path, removed: &Path) {
    let mut folder = removed.parent();
    while let Some(current) = folder {
        if current == out_dir || !current.starts_with(out_dir) {
            break;
        }
        if std::fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
}

fn check_paths(out_dir: &Path, files: &(impl SiteFiles + ?Sized)) -> Result<(), Error> {
    for index in 0..files.len() {
        let path = files.path(index);
        check_relative(path).map_err(|reason| Error::UnsafeOutput {
            path: out_dir.join(path),
            reason,
        })?;
    }
    Ok(())
}

/// A working folder beside the output folder, `.<name>.<what>-<process id>`: on the same file
/// system, so renames move files into the site, and never inside it.
fn beside(out_dir: &Path, what: &str) -> PathBuf {
    let parent = match out_dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".to_string());
    parent.join(format!(".{name}.{what}-{}", std::process::id()))
}

/// Writes the site into a staging folder and swaps it in; returns each file's content hash.
fn write_whole(out_dir: &Path, files: &(impl SiteFiles + ?Sized)) -> Result<Vec<Written>, Error> {
    for index in 0..files.len() {
        let path = files.path(index);
        check_relative(path).map_err(|reason| Error::UnsafeOutput {
            path: out_dir.join(path),
            reason,
        })?;
    }
    check_replaceable(out_dir)?;

    let staging = beside(out_dir, "staging");
    let previous = beside(out_dir, "previous");

    remove_if_present(&staging)?;
    let contents = match write_all(&staging, files) {
        Ok(contents) => contents,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(err);
        }
    };
    swap_in(&staging, out_dir, &previous)?;
    Ok(contents)
}

/// Whether `dir` holds a previous briefing site (a `briefing.json`).
pub fn holds_site(dir: &Path) -> bool {
    dir.join(SITE_MARKER).is_file()
}

/// Refuses absolute paths, `..`, and anything else that could leave the output folder.
fn check_relative(path: &str) -> Result<(), String> {
    let relative = Path::new(path);
    let safe = !path.is_empty()
        && !path.contains('\\')
        && relative
            .components()
            .all(|component| matches!(component, Component::Normal(_)));
    if safe {
        Ok(())
    } else {
        Err(format!(
            "'{path}' would be written outside the output folder"
        ))
    }
}

/// The output folder may be replaced only if it is absent, empty, or a previous site.
fn check_replaceable(out_dir: &Path) -> Result<(), Error> {
    let refuse = |reason: &str| Error::UnsafeOutput {
        path: out_dir.to_path_buf(),
        reason: reason.to_string(),
    };
    if !out_dir.exists() {
        return Ok(());
    }
    if !out_dir.is_dir() {
        return Err(refuse(
            "it exists and is not a folder; remove it or choose another output folder",
        ));
    }
    if out_dir.join(CONFIG_FILE).exists() {
        return Err(refuse(
            "it holds a briefing.toml, so it looks like a project, not its output",
        ));
    }
    let mut entries = std::fs::read_dir(out_dir).map_err(|err| Error::io(out_dir, err))?;
    let empty = entries.next().is_none();
    if !empty && !holds_site(out_dir) {
        return Err(refuse(
            "it is not empty and holds no briefing.json, so it is not a previous briefing site; remove it or choose another output folder",
        ));
    }
    Ok(())
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
    parts: Parts,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.parts.wrote(n);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A file written whole has no previous file: its parts are only recorded.
impl<W: std::io::Write> PartSink for Hashing<W> {
    fn has_part(&self, _key: &Digest) -> bool {
        false
    }

    fn copy_part(&mut self, _key: &Digest) -> std::io::Result<()> {
        Err(std::io::Error::other(
            "no previous file to copy a part from",
        ))
    }

    /// As for [`Body`]: the content hash covers the part's key, not its bytes.
    fn write_part(&mut self, key: &Digest, bytes: &[u8]) -> std::io::Result<()> {
        self.hasher.update(PART_MARK);
        self.hasher.update(&key.0);
        self.inner.write_all(bytes)?;
        self.parts.wrote(bytes.len());
        self.parts.part(key, bytes.len());
        Ok(())
    }
}

/// A file written whole: the hash of its bytes and where its parts are.
type Written = (Digest, Vec<PartAt>);

fn write_all(root: &Path, files: &(impl SiteFiles + ?Sized)) -> Result<Vec<Written>, Error> {
    std::fs::create_dir_all(root).map_err(|err| Error::io(root, err))?;
    let mut folders: Vec<PathBuf> = (0..files.len())
        .filter_map(|index| Path::new(files.path(index)).parent())
        .filter(|parent| !parent.as_os_str().is_empty())
        .map(|parent| root.join(parent))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(|err| Error::io(folder, err))?;
    }
    let results: Vec<Result<Written, Error>> = (0..files.len())
        .into_par_iter()
        .map(|index| {
            let path = root.join(files.path(index));
            let file = std::fs::File::create(&path).map_err(|err| Error::io(&path, err))?;
            let mut out = Hashing {
                inner: std::io::BufWriter::new(file),
                hasher: blake3::Hasher::new(),
                parts: Parts::default(),
            };
            let failed = |err| match err {
                FileError::Render(err) => err,
                FileError::Io(err) => Error::io(&path, err),
            };
            files.write_parts(index, &mut out).map_err(failed)?;
            std::io::Write::flush(&mut out).map_err(|err| Error::io(&path, err))?;
            Ok((Digest::from_hash(&out.hasher.finalize()), out.parts.parts))
        })
        .collect();
    let mut contents = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok(content) => contents.push(content),
            Err(Error::Input(found)) => diagnostics.extend(found),
            Err(other) => return Err(other),
        }
    }
    if diagnostics.is_empty() {
        Ok(contents)
    } else {
        Err(Error::Input(crate::error::sorted(diagnostics)))
    }
}

/// Moves the finished staging folder into place, keeping the previous site until it is.
fn swap_in(staging: &Path, out_dir: &Path, previous: &Path) -> Result<(), Error> {
    let had_previous = out_dir.exists();
    if had_previous {
        remove_if_present(previous)?;
        std::fs::rename(out_dir, previous).map_err(|err| Error::io(out_dir, err))?;
    }
    if let Err(err) = std::fs::rename(staging, out_dir) {
        if had_previous {
            let _ = std::fs::rename(previous, out_dir);
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(Error::io(out_dir, err));
    }
    if had_previous {
        remove_if_present(previous)?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, err)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// What a file's pieces are, in order: literal bytes or keyed parts.
    enum Piece<'a> {
        Text(&'a str),
        Part(u8, Vec<u8>),
    }

    fn key(n: u8) -> Digest {
        Digest([n; 16])
    }

    /// Writes `pieces` through a [`Body`] that may copy parts from `previous`, copying every
    /// part it has; returns the file's bytes, content hash and parts.
    fn body_of(
        spill: &Spill,
        previous: Option<(&Path, &[PartAt])>,
        pieces: &[Piece],
    ) -> (Vec<u8>, Digest, Vec<PartAt>) {
        use std::io::Write;
        let previous = previous.map(|(path, parts)| Previous::of(path.to_path_buf(), parts));
        let mut body = Body::new(spill, 0, previous);
        for piece in pieces {
            match piece {
                Piece::Text(text) => body.write_all(text.as_bytes()).unwrap(),
                Piece::Part(n, _) if body.has_part(&key(*n)) => body.copy_part(&key(*n)).unwrap(),
                Piece::Part(n, bytes) => body.write_part(&key(*n), bytes).unwrap(),
            }
        }
        let (content, kept, parts) = body.finish().unwrap();
        let bytes = match kept {
            Kept::Memory(bytes) => bytes,
            Kept::Spilled(path) => std::fs::read(path).unwrap(),
        };
        (bytes, content, parts)
    }

    #[test]
    fn copies_parts_from_the_previous_file_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill {
            folder: dir.path().join("spill"),
        };
        // Small parts stay in memory; parts of 3 MB make runs past SPILL_AT, copied by the
        // kernel into the spilled file.
        for size in [5, 3 << 20] {
            let part = |n: u8| Piece::Part(n, vec![b'a' + n; size + n as usize]);
            let before = [
                Piece::Text("{["),
                part(1),
                Piece::Text(","),
                part(2),
                Piece::Text(";"),
                part(3),
                Piece::Text(","),
                part(4),
                Piece::Text("]}"),
            ];
            let (bytes, _, parts) = body_of(&spill, None, &before);
            let previous = dir.path().join("previous");
            std::fs::write(&previous, &bytes).unwrap();
            // Part 5 is new between copied ones; between 2 and 3 the separator changed, so the
            // previous file's bytes there must not be copied.
            let after = [
                Piece::Text("{["),
                part(1),
                Piece::Text(","),
                part(5),
                Piece::Text(","),
                part(2),
                Piece::Text(","),
                part(3),
                Piece::Text(","),
                part(4),
                Piece::Text("]}"),
            ];
            let copied = body_of(&spill, Some((&previous, &parts)), &after);
            let written = body_of(&spill, None, &after);
            assert!(copied.0 == written.0, "bytes differ for parts of {size}");
            assert_eq!(copied.1, written.1);
            assert_eq!(copied.2, written.2);
        }
    }

    #[test]
    fn refuses_paths_leaving_the_output_folder() {
        for bad in [
            "../x.html",
            "/etc/passwd",
            "a/../../b",
            "",
            "a\\..\\b",
            "./a",
        ] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
        for ok in ["index.html", "themes/a.html", "assets/style.css"] {
            assert!(check_relative(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn replaces_previous_site_and_removes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(
            &out,
            &[file("briefing.json", "{}"), file("old.html", "old")][..],
        )
        .unwrap();
        write_site(
            &out,
            &[file("briefing.json", "{}"), file("themes/new.html", "new")][..],
        )
        .unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("themes/new.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folders left behind");
    }

    #[test]
    fn refuses_to_replace_a_folder_that_is_not_a_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
        let err = write_site(dir.path(), &[file("briefing.json", "{}")][..]).unwrap_err();
        assert!(
            err.to_string().contains("not a previous briefing site"),
            "{err}"
        );
        assert!(dir.path().join("notes.txt").exists());
    }
}
