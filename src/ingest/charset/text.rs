//! Bytes of a text or Markdown input → text. Such a file declares nothing, so [`decode_text`]
//! goes by its bytes: a UTF-8, UTF-16 or UTF-32 byte-order mark (UTF-32, which `encoding_rs`
//! leaves out as the Web does not use it, is decoded here), UTF-16 without a mark by where
//! its zero bytes fall, else UTF-8 when the bytes are valid UTF-8, else the encoding
//! `chardetng` guesses — but only when that guess decodes cleanly into text that reads as
//! words, and never for a UTF-8 file with a damaged byte, since a wrong guess silently turns
//! every accent into other letters. Otherwise the file is refused at its first bad byte with
//! the `iconv` command that converts it. `--encoding` ([`TextEncoding`]) overrides it all.

use std::path::Path;

use encoding_rs::Encoding;

use crate::error::{Diagnostic, display_path};
use crate::fsutil::line_of_offset;

/// The encoding of an input: one that `encoding_rs` knows, or UTF-32, which it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// Any encoding of the WHATWG Encoding Standard (UTF-8, UTF-16, windows-1252, …).
    Standard(&'static Encoding),
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
}

impl TextEncoding {
    /// The encoding named by `label` (`latin1`, `utf-16le`, `utf-32`, …), or a message that
    /// lists a few valid names.
    pub fn parse(label: &str) -> Result<TextEncoding, String> {
        let lower = label.trim().to_ascii_lowercase();
        match lower.as_str() {
            "utf-32" | "utf32" | "utf-32le" | "utf32le" => return Ok(TextEncoding::Utf32Le),
            "utf-32be" | "utf32be" => return Ok(TextEncoding::Utf32Be),
            _ => {}
        }
        // `replacement` is the Standard's name for "refuse to decode", not an encoding.
        match Encoding::for_label(lower.as_bytes()) {
            Some(encoding) if encoding != encoding_rs::REPLACEMENT => {
                Ok(TextEncoding::Standard(encoding))
            }
            _ => Err(format!(
                "unknown encoding '{label}'; use a name such as utf-8, windows-1252, latin1, \
                 iso-8859-15, utf-16le, utf-16be, utf-32, shift_jis, gbk or koi8-r"
            )),
        }
    }

    /// The encoding's name, as `iconv` and the Encoding Standard spell it.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Standard(encoding) => encoding.name(),
            TextEncoding::Utf32Le => "UTF-32LE",
            TextEncoding::Utf32Be => "UTF-32BE",
        }
    }

    /// The bytes decoded (without a byte-order mark), and whether any had to be replaced.
    fn decode(self, bytes: &[u8]) -> (String, bool) {
        match self {
            TextEncoding::Standard(encoding) => {
                let (text, errors) = encoding.decode_without_bom_handling(bytes);
                (text.into_owned(), errors)
            }
            TextEncoding::Utf32Le => decode_utf32(bytes, u32::from_le_bytes),
            TextEncoding::Utf32Be => decode_utf32(bytes, u32::from_be_bytes),
        }
    }

    /// The byte-order mark at the start of `bytes`, if any, and its length. UTF-32 LE is
    /// tested before UTF-16 LE, whose mark is its prefix.
    fn for_bom(bytes: &[u8]) -> Option<(TextEncoding, usize)> {
        if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
            return Some((TextEncoding::Utf32Le, 4));
        }
        if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
            return Some((TextEncoding::Utf32Be, 4));
        }
        Encoding::for_bom(bytes).map(|(encoding, len)| (TextEncoding::Standard(encoding), len))
    }
}

fn decode_utf32(bytes: &[u8], word: fn([u8; 4]) -> u32) -> (String, bool) {
    let mut errors = bytes.len() % 4 != 0;
    let text = bytes
        .chunks(4)
        .map(|chunk| {
            let decoded = <[u8; 4]>::try_from(chunk)
                .ok()
                .and_then(|b| char::from_u32(word(b)));
            decoded.unwrap_or_else(|| {
                errors = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, errors)
}

/// A text or Markdown input as text. `Ok` holds the text and, when its encoding was
/// guessed, a note telling the user to check it; `Err` a diagnostic about `file`.
pub(crate) fn decode_text(
    bytes: Vec<u8>,
    file: &Path,
    forced: Option<TextEncoding>,
) -> Result<(String, Option<String>), Diagnostic> {
    if let Some(encoding) = forced {
        let skip = match TextEncoding::for_bom(&bytes) {
            Some((found, len)) if found == encoding => len,
            _ => 0,
        };
        let (text, errors) = encoding.decode(&bytes[skip..]);
        if errors {
            return Err(Diagnostic::new(
                file,
                format!("the file is not valid {} text", encoding.name()),
            )
            .with_hint("name the file's real encoding with --encoding, or leave it out to have it detected"));
        }
        return Ok((text, None));
    }
    if let Some((encoding, len)) = TextEncoding::for_bom(&bytes) {
        let (text, errors) = encoding.decode(&bytes[len..]);
        if errors {
            return Err(Diagnostic::new(
                file,
                format!(
                    "the file starts with a {} byte-order mark but is not valid {0} text",
                    encoding.name()
                ),
            )
            .with_hint("save the file again as UTF-8"));
        }
        return Ok((text, None));
    }
    if let Some(encoding) = utf16_without_bom(&bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(&bytes);
        if !errors && reads_as_words(&text) {
            let note = format!(
                "{}: read as {} (it has no byte-order mark); check the text",
                display_path(file),
                encoding.name()
            );
            return Ok((text.into_owned(), Some(note)));
        }
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            None => return Ok((text, None)),
            Some(at) => {
                return Err(located(text.as_bytes(), at, file, "the file holds NUL bytes, so it is not text".into())
                    .with_hint("add the article's text, a saved page (.html) or Markdown; a word-processor file must be saved as plain text first"));
            }
        },
        Err(err) => err.into_bytes(),
    };
    if mostly_utf8(&bytes) {
        return Err(not_utf8(&bytes, file).with_hint(
            "the rest of the file is UTF-8: retype the character at that place, or save the file again as UTF-8",
        ));
    }
    let guess = detect(&bytes);
    let (text, errors) = guess.decode_without_bom_handling(&bytes);
    if !errors && reads_as_words(&text) {
        let note = format!(
            "{}: not UTF-8; read as {}, check the accents (--encoding NAME reads it as another)",
            display_path(file),
            guess.name()
        );
        return Ok((text.into_owned(), Some(note)));
    }
    Err(not_utf8(&bytes, file).with_hint(conversion_hint(file, guess.name())))
}

/// UTF-16 without a byte-order mark, told by where its zero bytes fall: text in a Latin
/// script has a zero in the high byte of nearly every unit, and UTF-8 text almost never
/// holds a zero byte at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 || bytes.len() % 2 != 0 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let many = |n: usize| n * 10 >= pairs * 4;
    let few = |n: usize| n * 20 < pairs;
    if many(odd) && few(even) {
        Some(encoding_rs::UTF_16LE)
    } else if many(even) && few(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether invalid bytes are the exception in text that is otherwise UTF-8 (as many
/// characters beyond ASCII decode as fail to): a damaged UTF-8 file, which read in another
/// encoding would turn every accent into two letters.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut decoded, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        decoded += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    decoded > 0 && decoded >= invalid
}

/// What `chardetng` takes the bytes to be, with the generic (`.com`) top-level domain.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// Whether decoded text reads as words: no control characters but line breaks and tabs, and
/// nine in ten of its characters beyond ASCII letters or common punctuation. Bytes read in
/// the wrong single-byte encoding still decode, but into C1 controls and stray symbols.
fn reads_as_words(text: &str) -> bool {
    let mut beyond_ascii = 0usize;
    let mut wordlike = 0usize;
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
            return false;
        }
        if c.is_ascii() {
            continue;
        }
        beyond_ascii += 1;
        let punctuation = matches!(
            c,
            '\u{2010}'
                ..='\u{205E}' | '\u{a0}' | '«' | '»' | '°' | '€' | '£' | '§' | '·' | '¿' | '¡'
        );
        if c.is_alphabetic() || punctuation {
            wordlike += 1;
        }
    }
    wordlike * 10 >= beyond_ascii * 9
}

/// The refusal of a file that is neither UTF-8 nor confidently anything else: at the line,
/// column and byte offset of its first invalid byte.
fn not_utf8(bytes: &[u8], file: &Path) -> Diagnostic {
    let offset = std::str::from_utf8(bytes)
        .err()
        .map_or(bytes.len(), |err| err.valid_up_to());
    located(
        bytes,
        offset,
        file,
        format!("the file is not valid UTF-8 text (invalid byte at offset {offset})"),
    )
}

/// A diagnostic at the line and column of byte `offset`.
fn located(bytes: &[u8], offset: usize, file: &Path, message: String) -> Diagnostic {
    let line = line_of_offset(bytes, offset);
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&bytes[line_start..offset])
        .chars()
        .count()
        + 1;
    Diagnostic::new(file, message).at(line, column)
}

/// How to convert `file` from `guess` with `iconv`, or name its encoding.
fn conversion_hint(file: &Path, guess: &str) -> String {
    let name = file
        .file_name()
        .map_or_else(|| "in.txt".into(), |n| n.to_string_lossy().into_owned());
    let stem = Path::new(&name)
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    let extension = Path::new(&name)
        .extension()
        .map_or_else(String::new, |e| format!(".{}", e.to_string_lossy()));
    format!(
        "convert it to UTF-8, e.g. `iconv -f {} -t UTF-8 {name} > {stem}.utf8{extension}`, or name its encoding with --encoding; a saved web page should keep its .html name",
        guess.to_ascii_uppercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let bytes = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0, 0, 0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE, 0, 0]
        };
        for c in text.chars() {
            let bytes = if big_endian {
                (c as u32).to_be_bytes()
            } else {
                (c as u32).to_le_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn reads_text_by_its_byte_order_mark_or_as_utf8() {
        let text = "Caf\u{e9} \u{201c}\u{e0} c\u{f4}t\u{e9}\u{201d} \u{1f600}\n";
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(text.as_bytes());
        let cases = [
            ("UTF-8", text.as_bytes().to_vec()),
            ("UTF-8 with BOM", utf8_bom),
            ("UTF-16LE", utf16(text, false)),
            ("UTF-16BE", utf16(text, true)),
            ("UTF-32LE", utf32(text, false)),
            ("UTF-32BE", utf32(text, true)),
        ];
        for (name, bytes) in cases {
            let (decoded, note) = decode_text(bytes, Path::new("in.txt"), None).unwrap();
            assert_eq!(decoded, text, "{name}");
            assert_eq!(note, None, "{name}");
        }
    }

    #[test]
    fn detects_a_legacy_encoding_only_when_the_guess_reads_as_words() {
        let french = b"Le caf\xe9 \xe9tait ferm\xe9 ; \xe0 c\xf4t\xe9, l'\xe9l\xe8ve attendait \
            \x93patiemment\x94 que la boulang\xe8re ouvr\xeet. Tr\xe8s s\xfbr, disait-il.\n";
        let (text, note) = decode_text(french.to_vec(), Path::new("in.txt"), None).unwrap();
        assert!(
            text.starts_with("Le caf\u{e9} \u{e9}tait ferm\u{e9}"),
            "{text}"
        );
        assert!(text.contains("\u{201c}patiemment\u{201d}"), "{text}");
        assert_eq!(
            note.as_deref(),
            Some(
                "in.txt: not UTF-8; read as windows-1252, check the accents \
                 (--encoding NAME reads it as another)"
            )
        );

        let cases: [(&str, &str); 3] = [
            ("caf\u{e9} au lait", "words"),
            ("caf\u{e9}\u{81}\u{8d}", "C1 controls"),
            (
                "\u{a4}\u{a6}\u{a8}\u{b4}\u{b8}\u{bc} is \u{b1}",
                "stray symbols",
            ),
        ];
        for (text, what) in cases {
            assert_eq!(reads_as_words(text), what == "words", "{what}");
        }
    }

    #[test]
    fn refuses_undetectable_bytes_with_the_command_that_converts_them() {
        let diagnostic =
            decode_text(b"ok\nab\xff\x01c".to_vec(), Path::new("notes/in.txt"), None).unwrap_err();
        let shown = diagnostic.to_string();
        let mut lines = shown.lines();
        assert_eq!(
            lines.next().unwrap(),
            "notes/in.txt:2:3: the file is not valid UTF-8 text (invalid byte at offset 5)"
        );
        let hint = lines.next().unwrap();
        assert!(
            hint.starts_with("  hint: convert it to UTF-8, e.g. `iconv -f ")
                && hint.contains(
                    " -t UTF-8 in.txt > in.utf8.txt`, or name its encoding with --encoding"
                ),
            "{hint}"
        );
    }

    #[test]
    fn tells_utf16_without_a_mark_damaged_utf8_and_binary_apart() {
        let french = "Le caf\u{e9} est ouvert \u{e0} nouveau.\n";
        let le: Vec<u8> = french.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = french.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut damaged = "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e, "
            .as_bytes()
            .to_vec();
        damaged.extend_from_slice(b"na\xefve.\n");
        let cases: [(&str, Vec<u8>, Result<&str, &str>); 4] = [
            (
                "UTF-16LE",
                le,
                Ok("in.txt: read as UTF-16LE (it has no byte-order mark); check the text"),
            ),
            (
                "UTF-16BE",
                be,
                Ok("in.txt: read as UTF-16BE (it has no byte-order mark); check the text"),
            ),
            (
                "damaged UTF-8",
                damaged,
                Err(
                    "in.txt:1:22: the file is not valid UTF-8 text (invalid byte at offset 25)\n  hint: the rest of the file is UTF-8",
                ),
            ),
            (
                "binary",
                b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(),
                Err(
                    "in.txt:1:6: the file holds NUL bytes, so it is not text\n  hint: add the article's text",
                ),
            ),
        ];
        for (what, bytes, expected) in cases {
            match (decode_text(bytes, Path::new("in.txt"), None), expected) {
                (Ok((text, note)), Ok(want)) => {
                    assert_eq!(text, french, "{what}");
                    assert_eq!(note.as_deref(), Some(want), "{what}");
                }
                (Err(d), Err(want)) => {
                    assert!(d.to_string().starts_with(want), "{what}: {d}");
                }
                (got, _) => panic!("{what}: {got:?}"),
            }
        }
    }

    #[test]
    fn a_forced_encoding_wins() {
        let latin1 = TextEncoding::parse("latin1").unwrap();
        let cases: [(TextEncoding, &[u8], Result<&str, &str>); 5] = [
            (latin1, b"caf\xe9", Ok("caf\u{e9}")),
            // Valid UTF-8, read as what the user said it is.
            (latin1, "caf\u{e9}".as_bytes(), Ok("caf\u{c3}\u{a9}")),
            (TextEncoding::Utf32Be, b"\0\0\xfe\xff\0\0\0A", Ok("A")),
            (
                TextEncoding::parse("utf-8").unwrap(),
                b"caf\xe9",
                Err("in.txt: the file is not valid UTF-8 text"),
            ),
            (
                TextEncoding::Utf32Le,
                b"A\0\0",
                Err("in.txt: the file is not valid UTF-32LE text"),
            ),
        ];
        for (encoding, bytes, expected) in cases {
            let got = decode_text(bytes.to_vec(), Path::new("in.txt"), Some(encoding));
            match (got, expected) {
                (Ok((text, note)), Ok(want)) => {
                    assert_eq!(text, want);
                    assert_eq!(note, None);
                }
                (Err(d), Err(want)) => assert_eq!(d.to_string().lines().next().unwrap(), want),
                (got, want) => panic!("{got:?} for {want:?}"),
            }
        }
    }

    #[test]
    fn resolves_encoding_names() {
        let cases = [
            ("latin1", Ok("windows-1252")),
            ("ISO-8859-1", Ok("windows-1252")),
            ("utf-16le", Ok("UTF-16LE")),
            ("UTF-32", Ok("UTF-32LE")),
            ("utf-32be", Ok("UTF-32BE")),
            ("Shift_JIS", Ok("Shift_JIS")),
            ("klingon", Err(())),
            ("replacement", Err(())),
        ];
        for (label, expected) in cases {
            let got = TextEncoding::parse(label);
            match expected {
                Ok(name) => assert_eq!(got.map(TextEncoding::name), Ok(name), "{label}"),
                Err(()) => assert!(
                    got.unwrap_err().starts_with(&format!(
                        "unknown encoding '{label}'; use a name such as utf-8, windows-1252,"
                    )),
                    "{label}"
                ),
            }
        }
    }
}
