//! Render: briefings for print and for the mail — each briefing as one self-contained file
//! (`print/<theme>.html`), and every briefing one after another on `print.html`.
//!
//! A take-away is read without the site: its stylesheet is inlined in one `<style>` element
//! that its Content-Security-Policy allows by hash (computed here, so the policy stays strict:
//! no script, no other style), its citations link to its own endnotes, and the endnotes give
//! each cited passage's words, source title, publisher, date and live address. Nothing in it
//! points at another file of the site. It holds what a reader needs of a briefing — the
//! bottom line, overview or key points, timeline, who's who, quotes — and the strongest
//! [`PASSAGES_SHOWN`] passages of the evidence, counting the rest, so that it stays the size
//! of a document at any size of corpus (a paged briefing of 10,000 sources has far more).

use rustc_hash::FxHashSet;
use serde::Serialize;

use super::analysis::BottomLine;
use super::marks::mark_words;
use super::notes::{NoteBook, note_claims, note_context, note_text};
use super::pages::{CiteView, CitedView, PageNotes, SiteView};
use super::views::SiteModel;
use crate::cite::Cite;
use crate::load::{Project, Theme};
use crate::urls::Page;

/// Evidence passages a printed briefing shows, strongest groups first; the rest are counted.
pub const PASSAGES_SHOWN: usize = 30;

/// A briefing as printed: on its own in a take-away, or one of many on `print.html`.
#[derive(Serialize)]
pub struct PrintedBriefing<'a> {
    /// Theme id.
    pub id: &'a str,
    /// Element id of the briefing's section.
    pub anchor: String,
    /// Title.
    pub title: &'a str,
    /// The question the briefing answers.
    pub question: &'a str,
    /// What is filed here.
    pub scope: &'a str,
    /// Claims, discrepancies, figures, timeline, who's who, quotes.
    pub bottom_line: BottomLine<'a>,
    /// The editor's overview.
    pub overview: Option<CitedView<'a>>,
    /// Key points, when there is no overview.
    pub key_points: Vec<CitedView<'a>>,
    /// The first passages of the evidence, in their groups.
    pub groups: Vec<PrintedGroup<'a>>,
    /// Passages in the briefing.
    pub passage_count: usize,
    /// Passages not shown here.
    pub more: usize,
    /// Link to the briefing on the site (on `print.html`; a take-away links to no file).
    pub href: Option<String>,
    /// The endnotes (and, on `print.html`, the preview data).
    pub notes: PageNotes<'a>,
}

/// A group of printed passages.
#[derive(Serialize)]
pub struct PrintedGroup<'a> {
    /// Heading.
    pub title: &'a str,
    /// The passages shown.
    pub passages: Vec<PrintedPassage<'a>>,
}

/// A printed evidence passage.
#[derive(Serialize)]
pub struct PrintedPassage<'a> {
    /// Its citation (to its endnote in a take-away).
    pub cite: CiteView<'a>,
    /// Element id.
    pub anchor: String,
    /// The paragraph's plain text, escaped, with the words that filed it marked.
    pub html: String,
}

/// `print/<theme>.html`.
#[derive(Serialize)]
pub struct TakeawayPage<'a> {
    /// Site title.
    pub site_title: &'a str,
    /// `lang` attribute.
    pub language: &'a str,
    /// The stylesheet, inlined.
    pub style: &'a str,
    /// `sha256-…` of `style`, for the Content-Security-Policy.
    pub style_hash: &'a str,
    /// The briefing.
    pub briefing: PrintedBriefing<'a>,
}

/// `print.html`.
#[derive(Serialize)]
pub struct PrintPage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// Every briefing, in theme order.
    pub briefings: Vec<PrintedBriefing<'a>>,
    /// Most passages shown per briefing.
    pub passages_shown: usize,
}

/// The stylesheet a take-away inlines: the site's `style.css` and `syntax.css` (as the site
/// has them), and its hash for the Content-Security-Policy.
pub struct TakeawayStyle {
    /// The CSS.
    pub css: String,
    /// `sha256-<base64>`.
    pub hash: String,
}

impl TakeawayStyle {
    /// From the project's assets (`syntax.css` is made when the templates bring none).
    pub fn new(project: &Project) -> TakeawayStyle {
        let assets = &project.templates.assets;
        let text = |name: &str| {
            assets
                .get(name)
                .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        };
        let mut css = text("style.css").unwrap_or_default();
        css.push('\n');
        css.push_str(&text("syntax.css").unwrap_or_else(crate::highlight::stylesheet));
        // The element must not end early: `</style` cannot occur in valid CSS but in a comment
        // or a string, where an escaped slash means the same.
        let css = css.replace("</", "<\\/");
        let hash = csp_hash(&css);
        TakeawayStyle { css, hash }
    }
}

impl<'a> SiteModel<'a> {
    /// A briefing as printed, linked from `page`. In a take-away (`standalone`) citations
    /// link to the endnotes and nothing links to another file.
    fn printed_briefing(
        &self,
        theme: &'a Theme,
        page: &Page,
        standalone: bool,
    ) -> Option<PrintedBriefing<'a>> {
        let briefing = self.analysis.briefing(&theme.id)?;
        let mut bottom_line = self.bottom_line(&theme.id, page);
        let mut overview = briefing.overview.as_ref().map(|t| self.cited(t, page));
        let mut key_points: Vec<CitedView> = if overview.is_some() {
            Vec::new()
        } else {
            briefing
                .key_points
                .iter()
                .map(|t| self.cited(t, page))
                .collect()
        };
        let mut groups = Vec::new();
        let mut left = PASSAGES_SHOWN;
        for group in &briefing.groups {
            if left == 0 {
                break;
            }
            let passages: Vec<PrintedPassage> = group
                .passages
                .iter()
                .take(left)
                .filter_map(|passage| {
                    let at = &passage.paragraph;
                    let source = self.source_of(&at.source)?;
                    let (text, _) = source.unit(at)?;
                    let words: Vec<&str> = self
                        .filings(at)
                        .iter()
                        .find(|f| f.theme == theme.id)
                        .map(|f| f.words(text).collect())
                        .unwrap_or_default();
                    let escaped = html_escape::encode_text(text);
                    Some(PrintedPassage {
                        cite: self.cite(&Cite::Paragraph(at.clone()), page),
                        anchor: format!(
                            "{}-{}",
                            theme.id,
                            crate::urls::passage_anchor(&at.source, source.anchor(at)?)
                        ),
                        html: mark_words(&escaped, &words),
                    })
                })
                .collect();
            left = left.saturating_sub(group.passages.len());
            groups.push(PrintedGroup {
                title: &group.title,
                passages,
            });
        }
        let shown: usize = groups.iter().map(|g| g.passages.len()).sum();

        let prefix = if standalone {
            String::new()
        } else {
            format!("{}-", theme.id)
        };
        let mut book = NoteBook::new(self, &prefix);
        if standalone {
            book = book.linking_to_notes();
        }
        note_claims(&mut book, &mut bottom_line);
        for text in overview.iter_mut().chain(&mut key_points) {
            note_text(&mut book, text);
        }
        note_context(&mut book, &mut bottom_line);
        for passage in groups.iter_mut().flat_map(|g| &mut g.passages) {
            if standalone {
                book.note(&mut passage.cite);
            } else {
                book.preview(&mut passage.cite);
            }
        }
        if standalone {
            // Only what the file itself holds: a claim's discrepancy if it is shown here.
            let shown: std::collections::HashSet<&str> =
                bottom_line.discrepancies.iter().map(|d| d.id).collect();
            for claim in bottom_line
                .corroborated
                .iter_mut()
                .chain(&mut bottom_line.figures)
            {
                claim.disputed_href = claim
                    .disputed_href
                    .take()
                    .filter(|_| shown.contains(claim.id))
                    .map(|_| format!("#{}", claim.id));
            }
            bottom_line.discrepancies_href.clear();
            bottom_line.timeline_href.clear();
            bottom_line.entities_href.clear();
        }
        let passage_count = briefing.passage_count();
        Some(PrintedBriefing {
            id: theme.id.as_str(),
            anchor: format!("briefing-{}", theme.id),
            title: &theme.title,
            question: &theme.question,
            scope: &theme.scope,
            bottom_line,
            overview,
            key_points,
            groups,
            passage_count,
            more: passage_count.saturating_sub(shown),
            href: (!standalone).then(|| page.link_to(&Page::briefing(&theme.id))),
            notes: book.finish(),
        })
    }

    /// The take-away of a theme's briefing.
    pub fn takeaway_page(
        &self,
        theme: &'a Theme,
        style: &'a TakeawayStyle,
    ) -> Option<TakeawayPage<'a>> {
        let page = Page::Takeaway(theme.id.clone());
        let config = &self.project.config;
        Some(TakeawayPage {
            site_title: &config.title,
            language: &config.language,
            style: &style.css,
            style_hash: &style.hash,
            briefing: self.printed_briefing(theme, &page, true)?,
        })
    }

    /// `print.html`: every briefing, one after another.
    pub fn print_page(&self) -> PrintPage<'a> {
        let page = Page::Print;
        let mut briefings: Vec<PrintedBriefing> = self
            .corpus
            .themes
            .iter()
            .filter_map(|theme| self.printed_briefing(theme, &page, false))
            .collect();
        // A claim, discrepancy or entity of several briefings keeps its id (the target of
        // links within the page) where it is first printed only: ids are unique on a page.
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for bottom in briefings.iter_mut().map(|b| &mut b.bottom_line) {
            let ids = bottom
                .corroborated
                .iter_mut()
                .chain(&mut bottom.figures)
                .map(|c| &mut c.id)
                .chain(bottom.discrepancies.iter_mut().map(|d| &mut d.id))
                .chain(bottom.entities.iter_mut().map(|e| &mut e.id));
            for id in ids {
                if !seen.insert(*id) {
                    *id = "";
                }
            }
        }
        PrintPage {
            site: self.site(&page),
            briefings,
            passages_shown: PASSAGES_SHOWN,
        }
    }
}

/// How a Content-Security-Policy names an inline style: `sha256-` and the base64 of the
/// style's SHA-256.
fn csp_hash(text: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_style_as_a_content_security_policy_does() {
        // SHA-256 test vectors (FIPS 180-4), in base64 as a policy writes them.
        let cases = [
            ("", "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
            ("abc", "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="),
        ];
        for (text, want) in cases {
            assert_eq!(csp_hash(text), want, "{text:?}");
        }
    }
}
