//! The site's URL scheme, in one place: where every page lives and how any page links to any
//! other, to a paragraph, or to a passage.
//!
//! Every link the site contains is relative (`../sources/x.html#p4`), so the site reads the
//! same from `file://`, from a USB stick or from any static host, under any prefix. Render,
//! `briefing.json` and anything later (search, feeds, a local server) ask this module rather
//! than formatting paths themselves, so the scheme can change in one place.
//!
//! | page | path |
//! |---|---|
//! | index | `index.html` |
//! | briefing, first page | `themes/<theme>.html` |
//! | briefing, page k ≥ 2 | `themes/<theme>/page-<k>.html` |
//! | source | `sources/<source>.html`, paragraph anchors `#p<n>` |
//! | list of sources, page k ≥ 1 (large sites only) | `coverage/page-<k>.html` |
//! | paragraphs filed under no theme, first page | `unfiled.html` |
//! | paragraphs filed under no theme, page k ≥ 2 | `unfiled/page-<k>.html` |
//! | machine-readable export | `briefing.json` |
//! | static files | `assets/<path>` |
//!
//! Later pages of a briefing live in a folder of their own, which no theme id can collide
//! with; the list of sources lives outside `sources/`, so no source id can collide with it.

use crate::ids::{ParagraphRef, SourceId, ThemeId};

/// A page (or file) of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    /// `index.html`.
    Index,
    /// One page of a theme's briefing; `page` counts from 0.
    Briefing {
        /// The theme.
        theme: ThemeId,
        /// Which page, from 0.
        page: usize,
    },
    /// A source's page.
    Source(SourceId),
    /// One page of the list of sources with their coverage, for sites too large to list every
    /// source on the index; `page` counts from 0.
    Coverage {
        /// Which page, from 0.
        page: usize,
    },
    /// One page of the paragraphs filed under no theme; `page` counts from 0.
    Unfiled {
        /// Which page, from 0.
        page: usize,
    },
    /// `briefing.json`.
    Json,
    /// A static file below `assets/`.
    Asset(String),
}

impl Page {
    /// The first page of a theme's briefing.
    pub fn briefing(theme: &ThemeId) -> Page {
        Page::Briefing {
            theme: theme.clone(),
            page: 0,
        }
    }

    /// The page's path below the site root, `/`-separated.
    pub fn path(&self) -> String {
        match self {
            Page::Index => "index.html".to_string(),
            Page::Briefing { theme, page: 0 } => format!("themes/{theme}.html"),
            Page::Briefing { theme, page } => format!("themes/{theme}/page-{}.html", page + 1),
            Page::Source(source) => format!("sources/{source}.html"),
            Page::Coverage { page } => format!("coverage/page-{}.html", page + 1),
            Page::Unfiled { page: 0 } => "unfiled.html".to_string(),
            Page::Unfiled { page } => format!("unfiled/page-{}.html", page + 1),
            Page::Json => "briefing.json".to_string(),
            Page::Asset(path) => format!("assets/{path}"),
        }
    }

    /// The prefix that leads from this page back to the site root: `""`, `"../"`, ….
    pub fn root(&self) -> &'static str {
        match self {
            Page::Index | Page::Json | Page::Unfiled { page: 0 } => "",
            Page::Briefing { page: 0, .. }
            | Page::Source(_)
            | Page::Coverage { .. }
            | Page::Unfiled { .. } => "../",
            Page::Briefing { .. } => "../../",
            Page::Asset(path) => ROOTS[(path.matches('/').count() + 1).min(ROOTS.len() - 1)],
        }
    }

    /// The relative link from this page to `to` (a full relative path even when `to` is this
    /// page, so a link means the same wherever its markup is copied).
    pub fn link_to(&self, to: &Page) -> String {
        format!("{}{}", self.root(), to.path())
    }

    /// The relative link from this page to the element `anchor` of `to`.
    pub fn link_to_anchor(&self, to: &Page, anchor: &str) -> String {
        format!("{}#{anchor}", self.link_to(to))
    }

    /// The relative link from this page to a paragraph (or list item) on its source's page.
    pub fn link_to_paragraph(&self, paragraph: &ParagraphRef) -> String {
        self.link_to_anchor(
            &Page::Source(paragraph.source.clone()),
            &anchor_of(paragraph),
        )
    }
}

const ROOTS: [&str; 5] = ["", "../", "../../", "../../../", "../../../../"];

/// The anchor of paragraph `n` on its source's page: `p<n>`.
pub fn paragraph_anchor(n: u32) -> String {
    format!("p{n}")
}

/// The anchor of a paragraph or list item on its source's page: `p<n>` or `p<n>-<item>`.
pub fn anchor_of(paragraph: &ParagraphRef) -> String {
    match paragraph.item {
        Some(item) => format!("p{}-{item}", paragraph.n),
        None => paragraph_anchor(paragraph.n),
    }
}

/// The anchor of a passage on a briefing page: `<source>-p<n>` (or `<source>-p<n>-<item>`).
/// It is unambiguous because what follows the last `-p` is digits only.
pub fn passage_anchor(paragraph: &ParagraphRef) -> String {
    format!("{}-{}", paragraph.source, anchor_of(paragraph))
}

/// The anchor of a passage group on a briefing page, numbered from 1 in page order.
pub fn group_anchor(number: usize) -> String {
    format!("group-{number}")
}

/// The anchor of a source's entry in a briefing's reference list.
pub fn reference_anchor(source: &SourceId) -> String {
    format!("ref-{source}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(id: &str) -> ThemeId {
        ThemeId::parse(id).unwrap()
    }

    fn source(id: &str) -> SourceId {
        SourceId::parse(id).unwrap()
    }

    #[test]
    fn places_every_page() {
        let cases = [
            (Page::Index, "index.html", ""),
            (
                Page::briefing(&theme("diplomacy")),
                "themes/diplomacy.html",
                "../",
            ),
            (
                Page::Briefing {
                    theme: theme("diplomacy"),
                    page: 2,
                },
                "themes/diplomacy/page-3.html",
                "../../",
            ),
            (Page::Source(source("a-b")), "sources/a-b.html", "../"),
            (Page::Coverage { page: 0 }, "coverage/page-1.html", "../"),
            (Page::Json, "briefing.json", ""),
            (Page::Unfiled { page: 0 }, "unfiled.html", ""),
            (Page::Unfiled { page: 1 }, "unfiled/page-2.html", "../"),
            (Page::Asset("style.css".into()), "assets/style.css", "../"),
            (
                Page::Asset("img/x.png".into()),
                "assets/img/x.png",
                "../../",
            ),
        ];
        for (page, path, root) in cases {
            assert_eq!(page.path(), path);
            assert_eq!(page.root(), root, "{path}");
            assert_eq!(page.path().matches('/').count(), root.matches('/').count());
        }
    }

    #[test]
    fn links_relatively_between_pages() {
        let index = Page::Index;
        let later = Page::Briefing {
            theme: theme("t"),
            page: 1,
        };
        let paragraph = ParagraphRef::new(source("s"), 4);
        assert_eq!(index.link_to_paragraph(&paragraph), "sources/s.html#p4");
        assert_eq!(
            later.link_to_paragraph(&paragraph),
            "../../sources/s.html#p4"
        );
        assert_eq!(
            Page::Source(source("s")).link_to_paragraph(&paragraph),
            "../sources/s.html#p4"
        );
        assert_eq!(later.link_to(&Page::Index), "../../index.html");
        let item = ParagraphRef::item(source("s"), 4, 2);
        assert_eq!(index.link_to_paragraph(&item), "sources/s.html#p4-2");
        assert_eq!(passage_anchor(&item), "s-p4-2");
        assert_eq!(
            Page::Source(source("s")).link_to_anchor(&later, &passage_anchor(&paragraph)),
            "../themes/t/page-2.html#s-p4"
        );
    }
}
