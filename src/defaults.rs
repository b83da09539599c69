//! The default templates and assets, built into the binary from the sample project's
//! `templates/` (see `build.rs`). A project's own templates folder overrides them file by
//! file: a project with no `templates/` at all builds with these, and one that only has its own
//! `base.html` gets every other page from here. `briefing init --templates` writes them out.

include!(concat!(env!("OUT_DIR"), "/default_templates.rs"));

/// The default templates and assets, sorted by path below `templates/` (`index.html`,
/// `assets/style.css`, …).
pub fn files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    FILES.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_required_template_is_built_in() {
        let names: Vec<&str> = files().map(|(name, _)| name).collect();
        for required in crate::render::REQUIRED_TEMPLATES {
            assert!(names.contains(&required), "{required} is not built in");
        }
        assert!(names.contains(&"base.html") && names.contains(&"assets/style.css"));
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "not sorted, so not deterministic");
    }

    #[test]
    fn built_in_files_are_the_ones_in_the_templates_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for (name, bytes) in files() {
            let on_disk = std::fs::read(dir.join(name)).unwrap();
            assert_eq!(on_disk, bytes, "{name} differs from templates/{name}");
        }
    }
}
