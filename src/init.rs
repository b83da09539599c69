//! `briefing init`: a new project that builds at once — settings, one theme, a starter
//! gazetteer of commented examples, one example source and a README for its editors — and, with `--templates`, the built-in templates
//! written out for editing.
//!
//! Nothing that exists is ever replaced: every file is created with `create_new`, and the
//! files of a new project are all checked before the first is written, so a refused `init`
//! writes nothing. A README or `.gitignore` already in the folder (a Git repository, say) is
//! kept and reported, since neither is needed to build.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Paths};
use crate::error::{Diagnostic, Error};

/// The files of a new project: (path in the project, text, kept when one exists already).
const PROJECT_FILES: [(&str, &str, bool); 6] = [
    (CONFIG_FILE, include_str!("scaffold/briefing.toml"), false),
    (
        "themes/energy-security.yaml",
        include_str!("scaffold/theme.yaml"),
        false,
    ),
    // The gazetteer, with its entries commented out: an example of each kind to copy, and
    // the matching rules beside them, without naming anyone the editor's sources do not.
    (
        "themes/entities.yaml",
        include_str!("scaffold/entities.yaml"),
        false,
    ),
    (
        "content/example-source.md",
        include_str!("scaffold/example.md"),
        false,
    ),
    ("README.md", include_str!("scaffold/EDITORS.md"), true),
    (".gitignore", include_str!("scaffold/gitignore"), true),
];

/// What `init` should write.
#[derive(Debug, Clone, Copy, Default)]
pub struct InitOptions {
    /// Also (or, in an existing project, only) write the built-in templates into the
    /// project's templates folder.
    pub templates: bool,
}

/// What `init` did, paths relative to the project folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Whether a new project was made (false when only templates were written).
    pub created_project: bool,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Files left as they were because they exist already.
    pub kept: Vec<PathBuf>,
}

/// Makes a project in `dir` (created when missing), or writes the built-in templates into the
/// project there with `options.templates`.
pub fn init(dir: &Path, options: InitOptions) -> Result<InitReport, Error> {
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    let mut report = InitReport::default();
    let existing_project = dir.join(CONFIG_FILE).exists();
    if existing_project && !options.templates {
        return Err(Error::Input(vec![
            Diagnostic::new(
                dir.join(CONFIG_FILE),
                "this folder is a briefing project already; nothing was written",
            )
            .with_hint(
                "run `briefing init --templates` there to write the built-in templates for editing, or give init a new folder",
            ),
        ]));
    }
    if !existing_project {
        let refused: Vec<Diagnostic> = PROJECT_FILES
            .iter()
            .filter(|(path, _, keep)| !keep && dir.join(path).exists())
            .map(|(path, _, _)| {
                Diagnostic::new(dir.join(path), "exists already; init never replaces a file")
                    .with_hint("move it away or give init a new folder")
            })
            .collect();
        if !refused.is_empty() {
            return Err(Error::Input(refused));
        }
        for (path, text, _) in PROJECT_FILES {
            write_new(dir, Path::new(path), text.as_bytes(), &mut report)?;
        }
        report.created_project = true;
    }
    if options.templates {
        let folder = templates_folder(dir)?;
        for (name, bytes) in crate::defaults::files() {
            write_new(dir, &folder.join(name), bytes, &mut report)?;
        }
    }
    Ok(report)
}

/// The templates folder of the project in `dir`: the one its `briefing.toml` names, or the
/// default.
fn templates_folder(dir: &Path) -> Result<PathBuf, Error> {
    let path = dir.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(crate::config::configured_paths(&text)
            .unwrap_or_default()
            .templates),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Paths::default().templates),
        Err(err) => Err(Error::io(path, err)),
    }
}

/// Writes `bytes` to `dir/path` unless a file is there already, which is kept and reported.
fn write_new(dir: &Path, path: &Path, bytes: &[u8], report: &mut InitReport) -> Result<(), Error> {
    let full = dir.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|err| Error::io(parent, err))?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
    {
        Ok(mut file) => {
            file.write_all(bytes).map_err(|err| Error::io(&full, err))?;
            report.written.push(path.to_path_buf());
        }
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            report.kept.push(path.to_path_buf());
        }
        Err(err) => return Err(Error::io(&full, err)),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::display_path;

    #[test]
    fn a_new_project_has_settings_a_theme_a_gazetteer_a_source_and_a_readme() {
        let dir = tempfile::tempdir().unwrap();
        let report = init(dir.path(), InitOptions::default()).unwrap();
        assert!(report.created_project);
        let written: Vec<String> = report.written.iter().map(|p| display_path(p)).collect();
        assert_eq!(
            written,
            [
                "briefing.toml",
                "themes/energy-security.yaml",
                "themes/entities.yaml",
                "content/example-source.md",
                "README.md",
                ".gitignore"
            ]
        );
        assert!(report.kept.is_empty());
        assert!(!dir.path().join("templates").exists());
    }

    #[test]
    fn an_existing_project_is_refused_without_templates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "title = \"Mine\"\n").unwrap();
        let Err(Error::Input(found)) = init(dir.path(), InitOptions::default()) else {
            panic!("init accepted a folder that is a project already");
        };
        assert!(found[0].message.contains("briefing project already"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap(),
            "title = \"Mine\"\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_in_the_way_refuses_the_whole_project() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/example-source.md"), "mine").unwrap();
        let Err(Error::Input(found)) = init(dir.path(), InitOptions::default()) else {
            panic!("init went ahead over an existing file");
        };
        assert_eq!(found.len(), 1);
        assert!(found[0].path.ends_with("content/example-source.md"));
        assert!(!dir.path().join(CONFIG_FILE).exists(), "wrote part of it");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("content/example-source.md")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn templates_are_written_into_the_configured_folder_and_never_replace_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "title = \"T\"\n[paths]\ntemplates = \"layout\"\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("layout")).unwrap();
        std::fs::write(dir.path().join("layout/base.html"), "my own").unwrap();
        let report = init(dir.path(), InitOptions { templates: true }).unwrap();
        assert!(!report.created_project);
        assert_eq!(report.kept, [PathBuf::from("layout/base.html")]);
        assert_eq!(report.written.len(), crate::defaults::files().count() - 1);
        assert!(dir.path().join("layout/theme.html").is_file());
        assert!(dir.path().join("layout/assets/style.css").is_file());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("layout/base.html")).unwrap(),
            "my own"
        );
    }
}
