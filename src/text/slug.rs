//! Slugs: the one way a name or a title becomes part of an id or a file name.
//!
//! Two kinds are made, from one walk over the text, because existing sites already hold
//! ids of both and an id, once published, must not change:
//!
//! - [`slug`] keeps any letter or digit, lowercased, and joins the runs with hyphens: the
//!   anchors of names on the pages (`name-kim-jong-un`, `name-people-s-liberation-army`).
//! - [`ascii_slug`] folds accented Latin letters to ASCII and drops apostrophes inside words
//!   (`Xi’s` is `xis`), for a new source's id, which names a file and a URL.

/// How a slug treats one (lowercased) character.
enum Piece {
    /// Written into the slug as these letters.
    Letters(String),
    /// Left out without separating words (an apostrophe in an ASCII slug).
    Skip,
    /// Separates words.
    Gap,
}

/// Joins the pieces of `chars` with single hyphens between words, none at either end.
fn join(chars: impl Iterator<Item = char>, piece: impl Fn(char) -> Piece) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in chars {
        match piece(c) {
            Piece::Letters(letters) if !letters.is_empty() => {
                if gap && !slug.is_empty() {
                    slug.push('-');
                }
                gap = false;
                slug.push_str(&letters);
            }
            Piece::Skip => {}
            Piece::Letters(_) | Piece::Gap => gap = true,
        }
    }
    slug
}

/// `name` lowercased, every run of letters and digits (in any script) joined by hyphens:
/// "People’s Liberation Army" is `people-s-liberation-army`.
pub(crate) fn slug(name: &str) -> String {
    join(name.chars().flat_map(char::to_lowercase), |c| {
        if c.is_alphanumeric() {
            Piece::Letters(c.to_string())
        } else {
            Piece::Gap
        }
    })
}

/// `title` as lowercase ASCII letters and digits joined by hyphens, accents folded
/// ("Été à Zürich" is `ete-a-zurich`), apostrophes dropped (`Xi’s` is `xis`) and letters
/// without an ASCII form left out.
pub(crate) fn ascii_slug(title: &str) -> String {
    join(title.chars(), |c| {
        if matches!(c, '\'' | '’' | 'ʼ') {
            Piece::Skip
        } else {
            Piece::Letters(fold(c).to_string())
        }
    })
}

/// `c` as lowercase ASCII letters or digits; empty for anything that separates words.
fn fold(c: char) -> &'static str {
    const ASCII: [&str; 36] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h",
        "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    if c.is_ascii_digit() {
        return ASCII[(c as u8 - b'0') as usize];
    }
    if c.is_ascii_alphabetic() {
        return ASCII[10 + (c.to_ascii_lowercase() as u8 - b'a') as usize];
    }
    let lower: String = c.to_lowercase().collect();
    match lower.as_str() {
        "à" | "á" | "â" | "ã" | "ä" | "å" | "ā" | "ă" | "ą" => "a",
        "æ" => "ae",
        "ç" | "ć" | "č" | "ĉ" | "ċ" => "c",
        "ď" | "đ" | "ð" => "d",
        "è" | "é" | "ê" | "ë" | "ē" | "ė" | "ę" | "ě" => "e",
        "ğ" | "ģ" => "g",
        "ì" | "í" | "î" | "ï" | "ī" | "į" | "ı" => "i",
        "ķ" => "k",
        "ł" | "ľ" | "ĺ" | "ļ" => "l",
        "ñ" | "ń" | "ň" | "ņ" => "n",
        "ò" | "ó" | "ô" | "õ" | "ö" | "ø" | "ō" | "ő" => "o",
        "œ" => "oe",
        "ř" | "ŕ" => "r",
        "ś" | "š" | "ş" | "ș" => "s",
        "ß" => "ss",
        "ť" | "ţ" | "ț" => "t",
        "þ" => "th",
        "ù" | "ú" | "û" | "ü" | "ū" | "ů" | "ű" | "ų" => "u",
        "ý" | "ÿ" => "y",
        "ź" | "ž" | "ż" => "z",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_names_in_any_script() {
        let cases = [
            ("Kim Jong Un", "kim-jong-un"),
            ("People’s Liberation Army", "people-s-liberation-army"),
            ("  --Hello--World!!  ", "hello-world"),
            ("Zürich", "zürich"),
            ("朝鲜", "朝鲜"),
            ("U.S. Navy", "u-s-navy"),
        ];
        for (name, slug_) in cases {
            assert_eq!(slug(name), slug_, "{name}");
        }
    }

    #[test]
    fn slugs_titles_as_ascii() {
        let cases = [
            ("Putin, Kim Join Xi’s Show", "putin-kim-join-xis-show"),
            ("Été à Zürich: 3 leçons", "ete-a-zurich-3-lecons"),
            ("  --Hello--World!!  ", "hello-world"),
            ("日本語のタイトル", ""),
            ("Straße", "strasse"),
        ];
        for (title, slug_) in cases {
            assert_eq!(ascii_slug(title), slug_, "{title}");
        }
    }
}
