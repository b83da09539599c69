//! Highlights the words that filed a passage, inside the passage's HTML.
//!
//! The classifier reports the words as written in the paragraph's plain text; the passage is
//! shown as sanitised HTML. Each word is looked for in the HTML's text only — never inside a
//! tag or an attribute — as a whole word, and wrapped in `<mark class="term">`, so a reader
//! sees why the passage is here without reading scores.

/// `html` with every whole-word occurrence of `words` in its text wrapped in
/// `<mark class="term">`. Longer words win where two overlap.
pub fn mark_words(html: &str, words: &[&str]) -> String {
    if words.is_empty() {
        return html.to_string();
    }
    // Words are compared with the HTML as it is escaped: `&` is `&amp;` there.
    let mut wanted: Vec<String> = words
        .iter()
        .filter(|w| !w.trim().is_empty())
        .map(|w| html_escape::encode_double_quoted_attribute(w).into_owned())
        .collect();
    wanted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut out = String::with_capacity(html.len() + 40 * words.len());
    let mut rest = html;
    while !rest.is_empty() {
        // Copy a tag through untouched.
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        mark_text(&rest[..end], &wanted, &mut out);
        rest = &rest[end..];
    }
    out
}

/// Marks the words in one run of text between tags: every whole-word occurrence of each
/// word is found once, then the leftmost (longest on a tie) non-overlapping ones are marked.
fn mark_text(text: &str, wanted: &[String], out: &mut String) {
    let mut found: Vec<(usize, &str)> = wanted
        .iter()
        .flat_map(|word| {
            text.match_indices(word.as_str())
                .filter(|(index, _)| is_whole_word(text, *index, word.len()))
                .map(|(index, _)| (index, word.as_str()))
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort_by_key(|&(index, word)| (index, std::cmp::Reverse(word.len())));
    let mut at = 0;
    for (index, word) in found {
        if index < at {
            continue;
        }
        out.push_str(&text[at..index]);
        out.push_str("<mark class=\"term\">");
        out.push_str(word);
        out.push_str("</mark>");
        at = index + word.len();
    }
    out.push_str(&text[at..]);
}

/// Whether `text[index..index + len]` is not part of a longer word.
fn is_whole_word(text: &str, index: usize, len: usize) -> bool {
    let before = text[..index].chars().next_back();
    let after = text[index + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(html: &str, words: &[&str]) -> String {
        mark_words(html, words)
    }

    #[test]
    fn marks_whole_words_in_text_only() {
        let cases = [
            (
                "<p>Missiles and missile parts.</p>",
                &["Missiles", "missile"][..],
                "<p><mark class=\"term\">Missiles</mark> and <mark class=\"term\">missile</mark> parts.</p>",
            ),
            (
                "<p><a href=\"summit.html\" title=\"summit\">the summit</a> summits</p>",
                &["summit"],
                "<p><a href=\"summit.html\" title=\"summit\">the <mark class=\"term\">summit</mark></a> summits</p>",
            ),
            (
                "<p>Kim Jong Un met Kim.</p>",
                &["Kim", "Kim Jong Un"],
                "<p><mark class=\"term\">Kim Jong Un</mark> met <mark class=\"term\">Kim</mark>.</p>",
            ),
            (
                "<p>AT&amp;T</p>",
                &["AT&T"],
                "<p><mark class=\"term\">AT&amp;T</mark></p>",
            ),
            ("<p>nothing</p>", &[], "<p>nothing</p>"),
        ];
        for (html, words, expected) in cases {
            assert_eq!(marked(html, words), expected, "{html}");
        }
    }
}
