//! Bytes of an input → text: a web page in the character set it (or its server) declares;
//! text and Markdown files in [`text`], by their byte-order mark, as UTF-8, or by a
//! detector's confident guess.
//!
//! A page saved from a browser keeps its original encoding, and many older news sites still
//! serve ISO-8859-1 or windows-1252: reading such a page as UTF-8 would turn every `é` into
//! mojibake. The order follows the HTML standard's sniffing, simplified: a byte-order mark
//! wins, then a `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">`
//! in the first 4 KiB, then UTF-8 if the bytes are valid UTF-8, else windows-1252 (what
//! browsers assume for an undeclared Western page). Labels are resolved by `encoding_rs`, so
//! `latin1`, `iso-8859-1` and `cp1252` all mean windows-1252, as in browsers.

mod text;

pub use text::TextEncoding;
pub(crate) use text::decode_text;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a charset declaration is looked for (the standard says 1024 bytes;
/// saved pages often carry long `<head>` preambles, so a little more is read).
const PRESCAN: usize = 4096;

/// Decodes an HTML page. Returns the text and the name of the encoding used.
pub fn decode_html(bytes: &[u8]) -> (String, &'static str) {
    decode_html_served(bytes, None)
}

/// Decodes an HTML page whose server declared `transport` (the `charset` of its
/// `Content-Type`), which comes after a byte-order mark and before the page's own `<meta>`,
/// as in browsers. A label `encoding_rs` does not know counts as no declaration.
pub(crate) fn decode_html_served(bytes: &[u8], transport: Option<&str>) -> (String, &'static str) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    let served = transport.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    let encoding = served
        .or_else(|| declared_charset(&bytes[..bytes.len().min(PRESCAN)]))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding.name())
}

/// The encoding named by the first `charset=` of a `<meta>` tag in `head`, if `encoding_rs`
/// knows it. UTF-16 declared in a page that has no BOM is read as UTF-8, as browsers do.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| start + p);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag) {
            if let Some(encoding) = Encoding::for_label(label) {
                return Some(if encoding.name().starts_with("UTF-16") {
                    UTF_8
                } else {
                    encoding
                });
            }
        }
        from = end;
    }
    None
}

/// The value after `charset=` in one (lowercased) tag, without quotes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")?;
    let rest = &tag[at + b"charset".len()..];
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let rest = rest.strip_prefix(b"=")?;
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b'"' | b'\''))
        .map_or(&rest[rest.len()..], |p| &rest[p..]);
    let len = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_in_the_declared_charset() {
        let cases: [(&[u8], &str, &str); 6] = [
            (
                b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>",
                "windows-1252",
                "caf\u{e9}",
            ),
            (
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1252\"><p>\x93q\x94</p>",
                "windows-1252",
                "\u{201c}q\u{201d}",
            ),
            (
                "<meta charset=utf-8><p>café</p>".as_bytes(),
                "UTF-8",
                "café",
            ),
            (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "UTF-8", "café"),
            // Undeclared: valid UTF-8 stays UTF-8, anything else is read as windows-1252.
            ("<p>café</p>".as_bytes(), "UTF-8", "café"),
            (b"<p>caf\xe9</p>", "windows-1252", "caf\u{e9}"),
        ];
        for (bytes, encoding, expected) in cases {
            let (text, used) = decode_html(bytes);
            assert_eq!(used, encoding, "{text}");
            assert!(text.contains(expected), "{text}");
        }
    }

    #[test]
    fn reads_charset_values() {
        let cases: [(&[u8], Option<&[u8]>); 4] = [
            (b"<meta charset='latin1'", Some(b"latin1")),
            (
                b"<meta content=\"text/html; charset=koi8-r\"",
                Some(b"koi8-r"),
            ),
            (b"<meta name=\"x\" content=\"y\"", None),
            (b"<meta charset=", None),
        ];
        for (tag, expected) in cases {
            assert_eq!(charset_in(tag), expected);
        }
    }

    #[test]
    fn a_served_charset_comes_before_the_page_own() {
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        let cases: [(Option<&str>, &str); 3] = [
            (Some("windows-1252"), "windows-1252"),
            (Some("no-such-charset"), "UTF-8"),
            (None, "UTF-8"),
        ];
        for (served, used) in cases {
            assert_eq!(decode_html_served(page, served).1, used, "{served:?}");
        }
    }
}
