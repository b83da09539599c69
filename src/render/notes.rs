//! Render: what a page's citations need beside them, made once the page's views are built.
//!
//! A citation is a link to a paragraph of another page. So that a reader can check it where
//! it stands, every page also carries, once each, the plain text of the paragraphs it cites
//! and the title, publisher and date of their sources (hidden; `assets/previews.js` shows them
//! in a popover), and a numbered endnote per cited passage with the cited words (hidden on
//! screen, printed, and shown in the take-away briefings, which have no other way to the
//! sources). Both are made here from the citations in the order the page shows them, so a
//! paragraph cited ten times is carried once and a page holds only what it cites: a later
//! page of a long list carries the paragraphs of its own items, nothing more.
//!
//! A paragraph the page already shows (an evidence passage, an unfiled paragraph) is not
//! copied: its citation points at the element that shows it.

use std::collections::{HashMap, HashSet};

use super::pages::{CiteView, CitedParagraph, CitedSource, Endnote, PageNotes};
use super::views::SiteModel;
use crate::cite::Cite;
use crate::ids::{ParagraphRef, SourceId};

/// Collects the notes of one page while its citations are numbered, in reading order.
pub(super) struct NoteBook<'m, 'a> {
    model: &'m SiteModel<'a>,
    /// Put before every element id, so several briefings can share a page (`print.html`).
    prefix: String,
    /// Whether citations link to their endnote rather than to the source page (a take-away
    /// has no source pages).
    link_to_notes: bool,
    notes: PageNotes<'a>,
    numbers: HashMap<(Cite, Option<String>), usize>,
    sources: HashMap<SourceId, usize>,
    paragraphs: HashSet<ParagraphRef>,
    /// Paragraphs the page shows itself, by the id of the element that shows them.
    shown: HashMap<ParagraphRef, String>,
}

impl<'m, 'a> NoteBook<'m, 'a> {
    /// Notes for a page whose element ids start with `prefix`.
    pub(super) fn new(model: &'m SiteModel<'a>, prefix: &str) -> Self {
        NoteBook {
            model,
            prefix: prefix.to_string(),
            link_to_notes: false,
            notes: PageNotes {
                heading: format!("{prefix}notes"),
                ..PageNotes::default()
            },
            numbers: HashMap::new(),
            sources: HashMap::new(),
            paragraphs: HashSet::new(),
            shown: HashMap::new(),
        }
    }

    /// Citations link to their endnote (for a page that must stand alone).
    pub(super) fn linking_to_notes(mut self) -> Self {
        self.link_to_notes = true;
        self.notes.link_urls = true;
        self
    }

    /// Says that the page shows `paragraph` in the element with id `id`.
    pub(super) fn shown(&mut self, paragraph: &ParagraphRef, id: &str) {
        self.shown.insert(paragraph.clone(), id.to_string());
    }

    /// Gives a citation its preview data and its endnote number.
    pub(super) fn note(&mut self, cite: &mut CiteView<'a>) {
        self.preview(cite);
        let words = cite.quote.clone().filter(|_| cite.exact);
        let key = (cite.cite.clone(), words);
        let next = self.notes.endnotes.len() + 1;
        let number = *self.numbers.entry(key).or_insert(next);
        if number == next {
            self.notes.endnotes.push(self.endnote(cite, number));
        }
        cite.note = number;
        cite.note_href = format!("#{}note-{number}", self.prefix);
        if self.link_to_notes {
            // The note gives the words; no script reads them from the link.
            cite.href = cite.note_href.clone();
            cite.quote = None;
        }
    }

    /// Gives a citation its preview data only: for a passage shown in full beside it. A page
    /// that stands alone runs no script, so it gets none.
    pub(super) fn preview(&mut self, cite: &mut CiteView<'a>) {
        if self.link_to_notes {
            return;
        }
        let source = cite.cite.source();
        let Some(found) = self.model.source_of(source) else {
            return;
        };
        let at = match self.sources.get(source) {
            Some(&at) => at,
            None => {
                self.sources
                    .insert(source.clone(), self.notes.sources.len());
                self.notes.sources.push(CitedSource {
                    id: format!("{}cs-{source}", self.prefix),
                    title: &found.meta.title,
                    publisher: found.meta.publisher.as_deref(),
                    published: found.meta.published.as_deref(),
                    paragraphs: Vec::new(),
                });
                self.notes.sources.len() - 1
            }
        };
        cite.source_ref = Some(self.notes.sources[at].id.clone());
        let Cite::Paragraph(paragraph) = &cite.cite else {
            return;
        };
        if let Some(id) = self.shown.get(paragraph) {
            cite.para = Some(id.clone());
            return;
        }
        let (Some((text, _)), Some(anchor)) = (found.unit(paragraph), found.anchor(paragraph))
        else {
            return;
        };
        let id = format!(
            "{}cp-{}",
            self.prefix,
            crate::urls::passage_anchor(source, anchor)
        );
        if self.paragraphs.insert(paragraph.clone()) {
            self.notes.sources[at].paragraphs.push(CitedParagraph {
                id: id.clone(),
                text,
            });
        }
        cite.para = Some(id);
    }

    fn endnote(&self, cite: &CiteView<'a>, number: usize) -> Endnote<'a> {
        let source = self.model.source_of(cite.cite.source());
        let text = match &cite.cite {
            Cite::Paragraph(at) => source.and_then(|s| s.unit(at)).map(|(text, _)| text),
            Cite::Source { .. } => None,
        };
        let words = cite.quote.clone().unwrap_or_default();
        let (cut_before, cut_after) = match text.and_then(|t| Some((t, t.find(words.as_str())?))) {
            Some((text, at)) => (
                text[..at].chars().any(char::is_alphanumeric),
                text[at + words.len()..].chars().any(char::is_alphanumeric),
            ),
            None => (false, false),
        };
        Endnote {
            number,
            anchor: format!("{}note-{number}", self.prefix),
            label: cite.label.clone(),
            n: cite.n.clone(),
            words: words.trim().to_string(),
            cut_before,
            cut_after,
            title: cite.title,
            publisher: source.and_then(|s| s.meta.publisher.as_deref()),
            published: source.and_then(|s| s.meta.published.as_deref()),
            url: source
                .and_then(|s| s.meta.url.as_deref())
                .filter(|url| url.starts_with("https://") || url.starts_with("http://")),
        }
    }

    /// The notes, in the order they were first cited.
    pub(super) fn finish(self) -> PageNotes<'a> {
        self.notes
    }
}

/// Numbers the citations of a cited text (an overview, a key point).
pub(super) fn note_text<'a>(book: &mut NoteBook<'_, 'a>, text: &mut super::pages::CitedView<'a>) {
    for part in &mut text.parts {
        note_all(book, part.cites.iter_mut().flatten());
    }
}

/// Numbers citations in order.
pub(super) fn note_all<'c, 'a: 'c>(
    book: &mut NoteBook<'_, 'a>,
    cites: impl IntoIterator<Item = &'c mut CiteView<'a>>,
) {
    for cite in cites {
        book.note(cite);
    }
}

/// Numbers the citations of the bottom line's first half, as the briefing shows it before
/// the overview: claims, discrepancies, key figures.
pub(super) fn note_claims<'a>(
    book: &mut NoteBook<'_, 'a>,
    bottom: &mut super::analysis::BottomLine<'a>,
) {
    for claim in &mut bottom.corroborated {
        note_claim(book, claim);
    }
    for d in &mut bottom.discrepancies {
        note_discrepancy(book, d);
    }
    for claim in &mut bottom.figures {
        note_claim(book, claim);
    }
}

/// Numbers the citations of the bottom line's second half, shown after the overview:
/// the timeline, who's who and the quotes.
pub(super) fn note_context<'a>(
    book: &mut NoteBook<'_, 'a>,
    bottom: &mut super::analysis::BottomLine<'a>,
) {
    for e in &mut bottom.timeline {
        note_all(book, &mut e.citations);
    }
    for e in &mut bottom.entities {
        note_all(book, &mut e.citations);
    }
    for q in &mut bottom.quotes {
        note_all(book, &mut q.citations);
    }
}

fn note_claim<'a>(book: &mut NoteBook<'_, 'a>, claim: &mut super::analysis::ClaimView<'a>) {
    note_all(book, &mut claim.citations);
    for d in &mut claim.differing {
        note_all(book, &mut d.cites);
    }
}

/// Numbers the citations of a discrepancy, position by position.
pub(super) fn note_discrepancy<'a>(
    book: &mut NoteBook<'_, 'a>,
    d: &mut super::analysis::DiscrepancyView<'a>,
) {
    for p in &mut d.positions {
        note_all(book, &mut p.citations);
    }
}
