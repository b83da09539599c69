//! Errors, in two kinds.
//!
//! [`Diagnostic`] is a mistake in the user's input (a source, a theme, an editor text, the
//! config, a template). Every stage collects all of them instead of stopping at the first, so
//! one run shows everything to fix; they print as `path:line:col: message` with a `hint:` line
//! where the fix is known. [`Error`] is everything else: I/O faults, a refused output folder,
//! or the collected diagnostics of a failed stage.

use std::fmt;
use std::path::{Path, PathBuf};

/// A mistake in the user's input, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the project root where possible, so messages stay short.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, in one sentence without a trailing full stop.
    pub message: String,
    /// How to fix it, when the fix is known.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Places the diagnostic on a 1-based line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Places the diagnostic on a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Adds the fix the user should make.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col` as editors and terminals recognise it.
    pub fn location(&self) -> String {
        let mut out = display_path(&self.path);
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                out.push_str(&format!(":{column}"));
            }
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Paths print with `/` on every platform, so messages and snapshots agree.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Sorts diagnostics by file, then line, then column, and drops exact repeats.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort();
    diagnostics.dedup();
    diagnostics
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", display_path(path))]
    Io {
        /// The file or folder the operation was about.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input has mistakes; all of them, sorted.
    #[error("{}", render_diagnostics(.0))]
    Input(Vec<Diagnostic>),
    /// The output folder is not one the build may replace.
    #[error("refusing to write {}: {reason}", display_path(path))]
    UnsafeOutput {
        /// The folder that was refused.
        path: PathBuf,
        /// Why it was refused and what to do instead.
        reason: String,
    },
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

fn render_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    format!("{}\n{}", lines.join("\n"), errors_found(diagnostics.len()))
}

fn errors_found(count: usize) -> String {
    format!("{count} error{} found", if count == 1 { "" } else { "s" })
}

/// The last line of a failed build's report: how many mistakes, and what became of the site.
/// `previous_site` is the output folder when it holds a site from an earlier build.
pub fn failure_summary(count: usize, previous_site: Option<&Path>) -> String {
    match previous_site {
        Some(dir) => format!(
            "{}; the previous site in {} was left untouched",
            errors_found(count),
            display_path(dir)
        ),
        None => format!("{}; no site was written", errors_found(count)),
    }
}

/// Result of a stage that may report input mistakes.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_location_with_line_and_column_and_hint() {
        let cases = [
            (Diagnostic::new("content/a.md", "bad"), "content/a.md: bad"),
            (
                Diagnostic::new("content/a.md", "bad").at_line(3),
                "content/a.md:3: bad",
            ),
            (
                Diagnostic::new("content/a.md", "bad")
                    .at(3, 7)
                    .with_hint("do this"),
                "content/a.md:3:7: bad\n  hint: do this",
            ),
        ];
        for (diagnostic, expected) in cases {
            assert_eq!(diagnostic.to_string(), expected);
        }
    }

    #[test]
    fn summarises_a_failed_build_truthfully() {
        let cases = [
            (1, None, "1 error found; no site was written"),
            (3, None, "3 errors found; no site was written"),
            (
                2,
                Some(Path::new("out/site")),
                "2 errors found; the previous site in out/site was left untouched",
            ),
        ];
        for (count, previous_site, expected) in cases {
            assert_eq!(failure_summary(count, previous_site), expected);
        }
    }

    #[test]
    fn sorts_by_path_then_line() {
        let sorted = sorted(vec![
            Diagnostic::new("b.md", "x").at_line(1),
            Diagnostic::new("a.md", "y").at_line(9),
            Diagnostic::new("a.md", "z").at_line(2),
        ]);
        let locations: Vec<String> = sorted.iter().map(Diagnostic::location).collect();
        assert_eq!(locations, ["a.md:2", "a.md:9", "b.md:1"]);
    }
}
