//! A new source's id: a stable slug made from its title, unique in the project.
//!
//! The id names the source's file, page and citations for good, so it is made once, here,
//! from the headline: ASCII (accented Latin letters lose their accents rather than vanishing),
//! lowercase, words joined by hyphens, apostrophes dropped inside words (`Xi’s` is `xis`, not
//! `xi-s`), cut at a word boundary to [`MAX_LEN`] characters. A slug already taken gets the
//! first free suffix `-2`, `-3`, …. The slug itself is [`crate::text::slug::ascii_slug`].

use std::collections::BTreeSet;

use crate::ids::is_safe_slug;

/// The longest slug made from a title; ids may be longer when given with `--id`.
pub const MAX_LEN: usize = 60;

/// The slug for `title`, or `fallback` when the title has no usable letters.
pub fn slug_from_title(title: &str, fallback: &str) -> String {
    let mut slug = crate::text::slug::ascii_slug(title);
    if slug.len() > MAX_LEN {
        let cut = slug[..=MAX_LEN].rfind('-').unwrap_or(MAX_LEN);
        slug.truncate(cut);
    }
    if is_safe_slug(&slug) {
        slug
    } else {
        fallback.to_string()
    }
}

/// `base`, or `base-2`, `base-3`, … whichever is not in `taken`.
pub fn unique(base: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_slugs_from_titles() {
        let cases = [
            (
                "Putin, Kim Join Xi’s Massive Military Show in Beijing",
                "putin-kim-join-xis-massive-military-show-in-beijing",
            ),
            ("Été à Zürich: 3 leçons", "ete-a-zurich-3-lecons"),
            ("  --Hello--World!!  ", "hello-world"),
            ("日本語のタイトル", "source"),
            (
                "Explained: How Xi’s Beijing Parade Became a Platform for Anti-West Signaling",
                "explained-how-xis-beijing-parade-became-a-platform-for-anti",
            ),
        ];
        for (title, slug) in cases {
            let made = slug_from_title(title, "source");
            assert_eq!(made, slug, "{title}");
            assert!(made.len() <= MAX_LEN && is_safe_slug(&made));
        }
    }

    #[test]
    fn suffixes_taken_slugs() {
        let taken: BTreeSet<String> = ["a".to_string(), "a-2".to_string()].into();
        assert_eq!(unique("a", &taken), "a-3");
        assert_eq!(unique("b", &taken), "b");
    }
}
