//! Watching a project for `briefing serve`: which paths are its inputs, which file-system
//! changes call for a rebuild, and the watcher that reports them.
//!
//! The inputs are `briefing.toml` and the content, themes and templates folders it names
//! ([`WatchSet`], read afresh after every build so a changed `[paths]` is followed). Changes
//! arrive from `notify` through a short debounce, so the several events of one save (write,
//! chmod, rename of a temporary file) make one rebuild. Two pure rules decide what counts:
//! [`is_change`] drops mere reads (the build itself opens every input, so counting opens
//! would rebuild forever), and [`WatchSet::triggers_rebuild`] keeps anything below an input
//! folder or `briefing.toml` itself, but never the output folder, its staging folders, hidden
//! files or editors' temporary files (which the build does not read).

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{self, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::{self, CONFIG_FILE, Paths};

/// How long a path must be quiet before its change is reported: long enough to gather one
/// save's events, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// The paths of a project that a rebuild depends on, all absolute (or all relative to the
/// same folder), as the watcher reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchSet {
    /// The project folder; watched on its own level only, for `briefing.toml`.
    pub root: PathBuf,
    /// The content, themes and templates folders, watched with everything below them.
    pub folders: Vec<PathBuf>,
    /// The output folder, whose changes are the build's own and never trigger one.
    pub output: PathBuf,
}

impl WatchSet {
    /// The inputs of the project at `root` as `briefing.toml` names them now (the default
    /// folders when it is missing or not TOML).
    pub fn for_project(root: &Path) -> WatchSet {
        let paths = std::fs::read_to_string(root.join(CONFIG_FILE))
            .ok()
            .and_then(|text| config::configured_paths(&text))
            .unwrap_or_default();
        WatchSet::from_paths(root, &paths)
    }

    /// The inputs of the project at `root` with folders `paths`.
    pub fn from_paths(root: &Path, paths: &Paths) -> WatchSet {
        let mut folders: Vec<PathBuf> = [&paths.content, &paths.themes, &paths.templates]
            .into_iter()
            .map(|folder| normalise(&root.join(folder)))
            .collect();
        folders.sort();
        folders.dedup();
        WatchSet {
            root: root.to_path_buf(),
            folders,
            output: normalise(&root.join(&paths.output)),
        }
    }

    /// Whether a change at `path` (as the watcher reports it) should rebuild the site.
    pub fn triggers_rebuild(&self, path: &Path) -> bool {
        let path = normalise(path);
        if path.starts_with(&self.output) {
            return false;
        }
        if path == self.root.join(CONFIG_FILE) {
            return true;
        }
        self.folders.iter().any(|folder| {
            path.strip_prefix(folder).is_ok_and(|below| {
                below
                    .components()
                    .all(|part| !is_ignored_name(&part.as_os_str().to_string_lossy()))
            })
        })
    }
}

/// Hidden files and folders (which the build skips too, and which include the build's own
/// `.site.staging-…` folders) and the temporary files editors write beside the one being
/// saved: `foo.md~`, `#foo.md#`, `.#foo.md`, `foo.md.swp`, vim's `4913` probe.
pub fn is_ignored_name(name: &str) -> bool {
    const TEMP_SUFFIXES: [&str; 6] = ["~", ".swp", ".swo", ".swx", ".tmp", ".crswap"];
    name.starts_with('.')
        || name.starts_with('#')
        || name == "4913"
        || TEMP_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

/// Drops `.` parts so that `root/./content` and `root/content` compare equal; `..` is kept,
/// as resolving it without the file system could be wrong where links are involved.
fn normalise(path: &Path) -> PathBuf {
    path.components()
        .filter(|part| !matches!(part, std::path::Component::CurDir))
        .collect()
}

/// Whether an event of this kind may change what a build reads: not an open, a read or a
/// close after reading.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A running watcher: reports each debounced batch of changed paths to a callback.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    /// The folders registered with the operating system now.
    watched: Vec<(PathBuf, RecursiveMode)>,
}

impl Watcher {
    /// Starts watching nothing yet; `report` gets every batch of changed paths (reads left
    /// out; a batch of reads alone is not reported), on the watcher's own thread, and every
    /// watcher error as text.
    pub fn start(
        mut report: impl FnMut(Result<Vec<PathBuf>, String>) + Send + 'static,
    ) -> Result<Watcher, notify::Error> {
        let debouncer =
            new_debouncer(
                DEBOUNCE,
                None,
                move |result: DebounceEventResult| match result {
                    Ok(events) => {
                        let paths: Vec<PathBuf> = events
                            .into_iter()
                            .filter(|event| is_change(&event.kind))
                            .flat_map(|event| event.event.paths)
                            .collect();
                        if !paths.is_empty() {
                            report(Ok(paths));
                        }
                    }
                    Err(errors) => {
                        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
                        report(Err(errors.join("; ")));
                    }
                },
            )?;
        Ok(Watcher {
            debouncer,
            watched: Vec::new(),
        })
    }

    /// Watches `set`, replacing what was watched before when it differs, or always when
    /// `renew` (an input folder itself was created or removed, so its old watch is gone). A
    /// folder that does not exist is skipped: its creation shows in the root, triggers a
    /// rebuild, and the `watch` after that picks it up.
    pub fn watch(&mut self, set: &WatchSet, renew: bool) -> Result<(), notify::Error> {
        let wanted: Vec<(PathBuf, RecursiveMode)> = targets(set)
            .into_iter()
            .filter(|(path, _)| path.is_dir())
            .collect();
        if wanted == self.watched && !renew {
            return Ok(());
        }
        for (path, _) in std::mem::take(&mut self.watched) {
            // A folder removed since it was watched has already lost its watch.
            let _ = self.debouncer.unwatch(&path);
        }
        for (path, mode) in wanted {
            self.debouncer.watch(&path, mode)?;
            self.watched.push((path, mode));
        }
        Ok(())
    }

    /// Stops watching and waits for the watcher's thread to end.
    pub fn stop(self) {
        self.debouncer.stop();
    }
}

/// The folders a watch set asks the operating system about: the root on its own level, each
/// input folder with everything below it.
fn targets(set: &WatchSet) -> Vec<(PathBuf, RecursiveMode)> {
    let mut targets = vec![(set.root.clone(), RecursiveMode::NonRecursive)];
    targets.extend(
        set.folders
            .iter()
            .map(|folder| (folder.clone(), RecursiveMode::Recursive)),
    );
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> WatchSet {
        WatchSet::from_paths(Path::new("/p"), &Paths::default())
    }

    #[test]
    fn rebuilds_on_inputs_only() {
        let cases = [
            ("/p/briefing.toml", true),
            ("/p/content/a.md", true),
            ("/p/content", true),
            ("/p/content/sub/b.md", true),
            ("/p/themes/diplomacy.yaml", true),
            ("/p/templates/assets/style.css", true),
            ("/p/./content/a.md", true),
            // The build's own output and staging folders.
            ("/p/site/index.html", false),
            ("/p/site", false),
            ("/p/.site.staging-42/index.html", false),
            ("/p/.site.previous-42", false),
            // Editors' temporary and hidden files.
            ("/p/content/.a.md.swp", false),
            ("/p/content/a.md~", false),
            ("/p/content/#a.md#", false),
            ("/p/content/.#a.md", false),
            ("/p/content/4913", false),
            ("/p/content/.git/index", false),
            ("/p/briefing.toml~", false),
            // Other files of the project folder.
            ("/p/README.md", false),
            ("/p/target/debug/briefing", false),
            ("/elsewhere/content/a.md", false),
        ];
        let set = sample();
        for (path, expected) in cases {
            assert_eq!(set.triggers_rebuild(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn follows_configured_folders() {
        let paths = Paths {
            content: "articles".into(),
            themes: "../shared/themes".into(),
            templates: "look".into(),
            output: "public".into(),
        };
        let set = WatchSet::from_paths(Path::new("/p"), &paths);
        let cases = [
            ("/p/articles/a.md", true),
            ("/p/../shared/themes/t.yaml", true),
            ("/p/look/base.html", true),
            ("/p/content/a.md", false),
            ("/p/public/index.html", false),
            ("/p/site/index.html", false),
        ];
        for (path, expected) in cases {
            assert_eq!(set.triggers_rebuild(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn an_output_folder_inside_an_input_folder_is_still_ignored() {
        let paths = Paths {
            output: "content/site".into(),
            ..Paths::default()
        };
        let set = WatchSet::from_paths(Path::new("/p"), &paths);
        assert!(!set.triggers_rebuild(Path::new("/p/content/site/index.html")));
        assert!(set.triggers_rebuild(Path::new("/p/content/a.md")));
    }

    #[test]
    fn reads_folders_from_the_config_or_falls_back_to_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(
            WatchSet::for_project(root),
            WatchSet::from_paths(root, &Paths::default())
        );
        std::fs::write(
            root.join(CONFIG_FILE),
            "title = \"T\"\n[paths]\ncontent = \"articles\"\n",
        )
        .unwrap();
        assert!(
            WatchSet::for_project(root)
                .folders
                .contains(&root.join("articles"))
        );
    }

    #[test]
    fn recognises_editor_temporary_names() {
        let cases = [
            ("a.md", false),
            ("style.css", false),
            ("4913.md", false),
            (".a.md.swp", true),
            ("a.md.swx", true),
            ("a.md~", true),
            ("#a.md#", true),
            (".#a.md", true),
            ("4913", true),
            ("a.md.tmp", true),
            (".DS_Store", true),
        ];
        for (name, expected) in cases {
            assert_eq!(is_ignored_name(name), expected, "{name}");
        }
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};
        let cases = [
            (EventKind::Access(AccessKind::Open(AccessMode::Any)), false),
            (EventKind::Access(AccessKind::Read), false),
            (
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                false,
            ),
            (EventKind::Access(AccessKind::Any), false),
            (
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                true,
            ),
            (EventKind::Create(CreateKind::File), true),
            (EventKind::Modify(ModifyKind::Data(DataChange::Any)), true),
            (EventKind::Modify(ModifyKind::Name(RenameMode::To)), true),
            (EventKind::Remove(RemoveKind::File), true),
            (EventKind::Any, true),
            (EventKind::Other, true),
        ];
        for (kind, expected) in cases {
            assert_eq!(is_change(&kind), expected, "{kind:?}");
        }
    }

    #[test]
    fn reports_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let mut watcher = Watcher::start(move |batch| {
            let _ = sender.send(batch);
        })
        .unwrap();
        watcher.watch(&WatchSet::for_project(&root), false).unwrap();
        std::fs::write(root.join("content/a.md"), "x").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let batch = receiver.recv_timeout(left).expect("no change reported");
            if batch.unwrap().contains(&root.join("content/a.md")) {
                break;
            }
        }
        watcher.stop();
    }
}
