//! Reading helpers that put the path into every error, so no caller has to.
//!
//! Writing lives in `output.rs`, the only module that touches the output folder.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// Reads a UTF-8 text file. Invalid UTF-8 is the user's mistake (a diagnostic), not a fault.
pub fn read_text(path: &Path, shown_as: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io(Error::io(path, source)))?;
    String::from_utf8(bytes).map_err(|err| {
        let line = line_of_offset(err.as_bytes(), err.utf8_error().valid_up_to());
        ReadError::Input(
            Diagnostic::new(shown_as, "the file is not valid UTF-8 text")
                .at_line(line)
                .with_hint("save the file as UTF-8"),
        )
    })
}

/// Why a text file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused.
    Io(Error),
    /// The bytes are not text.
    Input(Diagnostic),
}

/// The 1-based line that holds byte `offset`.
pub fn line_of_offset(text: &[u8], offset: usize) -> usize {
    text[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Lists the files directly in `dir` whose extension is `ext`, sorted by name so every build
/// sees them in the same order. A missing folder is an empty list.
pub fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|err| walk_error(dir, err))?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == ext) {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

/// Lists every file below `dir`, recursively, sorted, skipping hidden files and folders
/// (editor swap files, `.DS_Store`).
pub fn files_below(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|err| walk_error(dir, err))?;
        if entry.file_type().is_file() {
            files.push(entry.path().to_path_buf());
        }
    }
    Ok(files)
}

fn walk_error(dir: &Path, err: walkdir::Error) -> Error {
    let path = err.path().unwrap_or(dir).to_path_buf();
    let source = err
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("file system loop"));
    Error::io(path, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_line_of_byte_offset() {
        let text = b"a\nbc\nd";
        assert_eq!(line_of_offset(text, 0), 1);
        assert_eq!(line_of_offset(text, 2), 2);
        assert_eq!(line_of_offset(text, 5), 3);
        assert_eq!(line_of_offset(text, 99), 3);
    }
}
