//! Embeds the default templates and assets (the sample project's `templates/`) in the binary,
//! so a project without its own `templates/` builds, and `briefing init --templates` can write
//! them out. Every file below `templates/` is listed, sorted by path, in
//! `$OUT_DIR/default_templates.rs` as `(path, include_bytes!(…))`; `include_bytes!` makes
//! cargo rebuild when a file changes, and the folder itself is watched for added files.

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = root.join("templates");
    println!("cargo:rerun-if-changed=templates");
    let mut files = Vec::new();
    collect(&dir, &dir, &mut files);
    files.sort();
    let mut code = String::from("/// The default templates: (path below `templates/`, bytes).\n");
    code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (relative, absolute) in &files {
        code.push_str(&format!(
            "    ({relative:?}, include_bytes!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("default_templates.rs"), code).expect("OUT_DIR is writable");
}

/// Every file below `dir`, as (`/`-separated path relative to `base`, absolute path).
fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(base, &path, files);
        } else if let Ok(relative) = path.strip_prefix(base) {
            let relative: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push((relative.join("/"), path));
        }
    }
}
