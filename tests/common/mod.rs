//! Shared helpers for the integration tests: copy a project into a temp dir, run the real
//! binary on it, read what it wrote.

#![allow(dead_code)]

pub mod scoring;
pub mod serve;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `from` into `to` recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temp project: `tests/fixtures/<fixture>` plus the repository's templates.
pub fn fixture_project(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures").join(fixture), dir.path());
    copy_dir(&repo().join("templates"), &dir.path().join("templates"));
    dir
}

/// An empty project: the sample's settings, no sources (what `briefing add` is tried on).
pub fn empty_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("briefing.toml"),
        dir.path().join("briefing.toml"),
    )
    .unwrap();
    dir
}

/// Runs `briefing add --no-build --root ROOT ARGS…`: what `add` writes into content/.
pub fn add(root: &Path, args: &[&OsStr]) -> Run {
    let mut all: Vec<&OsStr> = vec![
        "add".as_ref(),
        "--no-build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
    ];
    all.extend_from_slice(args);
    run_briefing(&all)
}

/// A temp copy of the sample project (config, content, themes, templates).
pub fn sample_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("briefing.toml"),
        dir.path().join("briefing.toml"),
    )
    .unwrap();
    for folder in ["content", "themes", "templates"] {
        copy_dir(&repo().join(folder), &dir.path().join(folder));
    }
    dir
}

/// What a run of the binary did.
pub struct Run {
    pub success: bool,
    /// The exit code; `None` if a signal ended the process.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `briefing build --root <root>`.
pub fn run_build(root: &Path) -> Run {
    run_briefing(&["build".as_ref(), "--root".as_ref(), root.as_os_str()])
}

/// Runs the binary with `args`.
pub fn run_briefing(args: &[&OsStr]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .output()
        .unwrap();
    Run {
        success: output.status.success(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Writes `text` to `root/relative`, creating folders.
pub fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Inserts a "Correction:" paragraph above every paragraph of a sample source: what an
/// edited web article does to the numbering of everything below.
pub fn insert_correction(root: &Path, source: &str) {
    let path = root.join(format!("content/{source}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (front, body) = text[4..].split_once("\n---\n").unwrap();
    std::fs::write(
        &path,
        format!("---\n{front}\n---\n\nCorrection: an earlier version misspelt a name.\n{body}"),
    )
    .unwrap();
}

/// Every file below `dir` as (relative path, bytes), sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap();
            files.push((
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    // By path as a string, as a build lists its files: the walk puts `search/x.js` before
    // `search.js`, comparing names rather than paths.
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// `html` without the tags that load the site's own scripts (`<script src="…assets/x.js"`),
/// so any other script left is one that came from a source.
pub fn without_own_scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<script src=\"") {
        out.push_str(&rest[..at]);
        let src = &rest[at + "<script src=\"".len()..];
        let path = src.split('"').next().unwrap_or("");
        let own = path
            .trim_start_matches("../")
            .trim_start_matches('/')
            .starts_with("assets/")
            && path.ends_with(".js")
            && !path.contains(':');
        if own {
            rest = src;
        } else {
            out.push_str("<script");
            rest = &rest[at + "<script".len()..];
        }
    }
    out.push_str(rest);
    out
}
