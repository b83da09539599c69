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
        let hash = format!("sha256-{}", base64(&sha256(css.as_bytes())));
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

/// SHA-256 (FIPS 180-4) of `data`: what a Content-Security-Policy names an inline style by.
/// Written out rather than taken from a crate: one hash of one stylesheet per build.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&(data.len() as u64).wrapping_mul(8).to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (state, value) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *state = state.wrapping_add(value);
        }
    }
    let mut out = [0u8; 32];
    for (bytes, word) in out.chunks_exact_mut(4).zip(h) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// Standard base64 with padding, as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hashes_as_sha256_does() {
        let cases = [
            (
                "",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                "abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(hex(&sha256(text.as_bytes())), want, "{text:?}");
        }
        let million = "a".repeat(1_000_000);
        assert_eq!(
            hex(&sha256(million.as_bytes())),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn encodes_base64_with_padding() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (text, want) in cases {
            assert_eq!(base64(text.as_bytes()), want);
        }
    }
}
