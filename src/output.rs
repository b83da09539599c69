//! Stage 4, output: `Vec<OutputFile>` → the site folder. The only module that writes.
//!
//! The site is written into a staging folder beside the output folder and swapped in by two
//! renames at the end, so a failed build never leaves a half-written site and the previous
//! good site stays until the new one is complete. Every path is checked before anything is
//! written: a file may only land inside the output folder, and the output folder is only
//! replaced if it is empty or holds a previous briefing site.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::error::Error;
use crate::render::{FileError, SiteFiles};

/// A file every briefing site has; its presence marks a folder the build may replace.
const SITE_MARKER: &str = "briefing.json";

/// Writes `files` as the new content of `out_dir`, replacing what was there. Each file is
/// produced straight into its file on disk, in parallel, so memory holds the pages being
/// written rather than the whole site.
pub fn write_site(out_dir: &Path, files: &(impl SiteFiles + ?Sized)) -> Result<(), Error> {
    for index in 0..files.len() {
        let path = files.path(index);
        check_relative(path).map_err(|reason| Error::UnsafeOutput {
            path: out_dir.join(path),
            reason,
        })?;
    }
    check_replaceable(out_dir)?;

    let parent = match out_dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".to_string());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));

    remove_if_present(&staging)?;
    let written = write_all(&staging, files);
    if let Err(err) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    swap_in(&staging, out_dir, &previous)
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

fn write_all(root: &Path, files: &(impl SiteFiles + ?Sized)) -> Result<(), Error> {
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
    let results: Vec<Result<(), Error>> = (0..files.len())
        .into_par_iter()
        .map(|index| {
            let path = root.join(files.path(index));
            let mut file = std::fs::File::create(&path).map_err(|err| Error::io(&path, err))?;
            files.write(index, &mut file).map_err(|err| match err {
                FileError::Render(err) => err,
                FileError::Io(err) => Error::io(&path, err),
            })
        })
        .collect();
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok(()) => {}
            Err(Error::Input(found)) => diagnostics.extend(found),
            Err(other) => return Err(other),
        }
    }
    if diagnostics.is_empty() {
        Ok(())
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
