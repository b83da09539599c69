//! Identities: how anything in the build names a source, a theme or a paragraph.
//!
//! Everything that points at a source, theme or paragraph holds one of these values, never a
//! position in a list: positions change when a source is added or the themes are reordered in
//! `briefing.toml`, and a cache, a citation or a link keyed on a position would silently start
//! to mean something else. The slug rules live here, on the types, so an id that exists has
//! already been checked.
//!
//! Ids are reference-counted strings: they are cloned into every filing, passage and citation,
//! and a clone must cost a counter increment, not an allocation.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// Whether `id` is a slug safe as a file name and URL fragment: lowercase ASCII letters and
/// digits in words joined by single hyphens, at most 100 characters.
pub fn is_safe_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A safe slug close to `text`, for hints and for naming new sources: lowercase ASCII letters
/// and digits, every other run of characters one hyphen, at most 100 characters; `fallback`
/// when nothing usable is left.
pub fn suggest_slug(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > 100 {
        slug.truncate(100);
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Declares a validated slug type: constructed only through `parse`, cheap to clone, ordered
/// and hashed as its text, serialised as a plain string.
macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident, $fallback:literal) => {
        $(#[$doc])*
        #[derive(Clone, Eq)]
        pub struct $name(Arc<str>);

        // Hashes the text, as equality compares it (sharing is only a shortcut).
        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.0.hash(state);
            }
        }

        // Ids are compared millions of times in a large build (every paragraph reference
        // starts with its source's id), and most comparisons are of one shared id with
        // itself: the same allocation is equal without reading its bytes.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                if Arc::ptr_eq(&self.0, &other.0) {
                    std::cmp::Ordering::Equal
                } else {
                    self.0.cmp(&other.0)
                }
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl $name {
            /// The id, if `text` is a safe slug (see [`is_safe_slug`]).
            pub fn parse(text: &str) -> Option<Self> {
                is_safe_slug(text).then(|| $name(Arc::from(text)))
            }

            /// A valid id close to `text`, for the hint that tells the user what to write.
            pub fn suggest(text: &str) -> String {
                suggest_slug(text, $fallback)
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("'{text}' is not a valid id"))
                })
            }
        }
    };
}

slug_id!(
    /// A source's id: the `id` of its front matter, its page name and its citation key.
    SourceId,
    "my-source"
);

slug_id!(
    /// A theme's id: the name of its `themes/<id>.yaml` file and of its briefing page.
    ThemeId,
    "my-theme"
);

/// One paragraph of one source — or one item of a list paragraph: the source's id, the
/// paragraph's number as the reader sees it (`¶n`, counted from 1 in body order, the `#pn`
/// anchor of the source page), and for a list item its number in the list (`¶n.i`, anchor
/// `#pn-i`). A list keeps one top-level number, so numbering never shifts. This is the only
/// way anything refers to a paragraph.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ParagraphRef {
    /// The source.
    pub source: SourceId,
    /// The paragraph number, from 1.
    pub n: u32,
    /// The item of a list paragraph, from 1; `None` for the paragraph as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
}

impl ParagraphRef {
    /// Paragraph `n` (from 1) of `source`.
    pub fn new(source: SourceId, n: u32) -> Self {
        ParagraphRef {
            source,
            n,
            item: None,
        }
    }

    /// Item `item` (from 1) of list paragraph `n` of `source`.
    pub fn item(source: SourceId, n: u32, item: u32) -> Self {
        ParagraphRef {
            source,
            n,
            item: Some(item),
        }
    }

    /// The number a reader sees after `¶`: `7`, or `7.2` for an item of a list.
    pub fn number(&self) -> String {
        match self.item {
            Some(item) => format!("{}.{item}", self.n),
            None => self.n.to_string(),
        }
    }
}

impl fmt::Display for ParagraphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, ¶{}", self.source, self.number())
    }
}

impl fmt::Debug for ParagraphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ParagraphRef({} ¶{})", self.source, self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_safe_slugs() {
        for ok in ["a", "abc-123", "x-y-z"] {
            assert!(is_safe_slug(ok), "{ok}");
            assert_eq!(SourceId::parse(ok).unwrap().as_str(), ok);
        }
        for bad in ["", "A", "a--b", "-a", "a-", "a_b", "../x", "a b", "é"] {
            assert!(!is_safe_slug(bad), "{bad}");
            assert!(ThemeId::parse(bad).is_none(), "{bad}");
        }
        assert!(!is_safe_slug(&"a".repeat(101)));
    }

    #[test]
    fn suggests_slugs() {
        let cases = [
            ("Not A Slug!", "not-a-slug"),
            ("../Beta Report", "beta-report"),
            ("Été 2025", "t-2025"),
            ("???", "my-source"),
        ];
        for (text, slug) in cases {
            assert_eq!(SourceId::suggest(text), slug, "{text}");
            assert!(is_safe_slug(&SourceId::suggest(text)));
        }
        assert_eq!(ThemeId::suggest(""), "my-theme");
        assert!(is_safe_slug(&suggest_slug(&"ab ".repeat(80), "x")));
    }

    #[test]
    fn paragraph_refs_order_by_source_then_number() {
        let a = SourceId::parse("a").unwrap();
        let b = SourceId::parse("b").unwrap();
        let mut refs = vec![
            ParagraphRef::new(b.clone(), 1),
            ParagraphRef::item(a.clone(), 2, 1),
            ParagraphRef::new(a.clone(), 10),
            ParagraphRef::new(a.clone(), 2),
        ];
        refs.sort();
        assert_eq!(
            refs,
            [
                ParagraphRef::new(a.clone(), 2),
                ParagraphRef::item(a.clone(), 2, 1),
                ParagraphRef::new(a, 10),
                ParagraphRef::new(b, 1)
            ]
        );
        assert_eq!(refs[1].number(), "2.1");
        assert_eq!(refs[1].to_string(), "a, ¶2.1");
    }
}
