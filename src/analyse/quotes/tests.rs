//! Tables of sentences and the quotations, speakers and terms read from them; and the sample
//! sources' every quotation, with its speaker written down by hand from the text.

use super::*;

type Read = (Vec<(String, Option<String>)>, Vec<String>);

/// The quotes (words, speaker) and terms of a source given as paragraphs.
fn read(units: &[&str]) -> Read {
    let keyed: Vec<(usize, &str)> = units.iter().copied().enumerate().collect();
    let found = in_source(&keyed);
    for (u, q) in &found.quotes {
        assert_eq!(&units[*u][q.span.clone()], q.text);
    }
    (
        found
            .quotes
            .into_iter()
            .map(|(_, q)| (q.text, q.speaker))
            .collect(),
        found.terms.into_iter().map(|(_, t)| t.text).collect(),
    )
}

fn said(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    pairs
        .iter()
        .map(|(t, s)| (t.to_string(), s.map(str::to_string)))
        .collect()
}

fn terms(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// Quotations expected: words and speaker.
type Said<'a> = &'a [(&'a str, Option<&'a str>)];

/// A sample source: id, text, its quotes, its terms.
type Sample<'a> = (&'a str, &'a str, Said<'a>, &'a [&'a str]);

const ORDER: &str = "We will never accept this order";

#[test]
fn speakers_named_in_the_quotations_sentence() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "Military expert Yang Uk from Seoul’s Asan Institute noted: “We will never accept this order”.",
            Some("Yang Uk"),
        ),
        (
            "Xi declared that “We will never accept this order” and left.",
            Some("Xi"),
        ),
        (
            "“We will never accept this order,” Putin said.",
            Some("Putin"),
        ),
        (
            "“We will never accept this order,” said Putin.",
            Some("Putin"),
        ),
        (
            "“We will never accept this order,” said Kim Jong Un, North Korea's leader.",
            Some("Kim Jong Un"),
        ),
        (
            "“We will never accept this order,” according to Hegseth.",
            Some("Hegseth"),
        ),
        (
            "According to Hegseth, “We will never accept this order”.",
            Some("Hegseth"),
        ),
        (
            "“We will never accept this order,” Xi told the crowd.",
            Some("Xi"),
        ),
        (
            "Putin told reporters: “We will never accept this order”.",
            Some("Putin"),
        ),
        (
            "“We will never accept this order,” North Korean leader Kim Jong Un said.",
            Some("Kim Jong Un"),
        ),
    ];
    for &(text, speaker) in cases {
        assert_eq!(read(&[text]).0, said(&[(ORDER, speaker)]), "{text}");
    }
}

#[test]
fn titles_give_the_name_and_organisations_speak_as_named() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "“We will never accept this order,” said Foreign Minister Wang Yi.",
            Some("Wang Yi"),
        ),
        (
            "Chinese President Xi Jinping said “We will never accept this order”.",
            Some("Xi Jinping"),
        ),
        (
            "“We will never accept this order,” the foreign ministry said.",
            Some("the foreign ministry"),
        ),
        (
            "China’s foreign ministry said: “We will never accept this order”.",
            Some("China’s foreign ministry"),
        ),
        (
            "“We will never accept this order,” the Kremlin said.",
            Some("Kremlin"),
        ),
        (
            "South Korea’s National Intelligence Service states, “We will never accept this order”.",
            Some("South Korea’s National Intelligence Service"),
        ),
        // A title alone names nobody.
        (
            "“We will never accept this order,” the President said.",
            None,
        ),
    ];
    for &(text, speaker) in cases {
        assert_eq!(read(&[text]).0, said(&[(ORDER, speaker)]), "{text}");
    }
}

#[test]
fn a_nationality_is_never_the_speaker() {
    for text in [
        "South Korean officials said “We will never accept this order”.",
        "Russian officials warned that “We will never accept this order”.",
        "“We will never accept this order,” a Chinese official said.",
        "“We will never accept this order,” South Korean officials said.",
        "Chinese said “We will never accept this order”.",
    ] {
        assert_eq!(read(&[text]).0, said(&[(ORDER, None)]), "{text}");
    }
}

#[test]
fn speakers_in_the_next_or_previous_sentence() {
    let cases: &[(&[&str], Said)] = &[
        // A speech quoted over two sentences, attributed after the second.
        (
            &[
                "“We will never be bullied by anyone.” “Nobody can stop the Chinese people,” Xi told the crowd.",
            ],
            &[
                ("We will never be bullied by anyone.", Some("Xi")),
                ("Nobody can stop the Chinese people", Some("Xi")),
            ],
        ),
        (
            &[
                "“We will never be bullied by anyone.”",
                "Xi said so in his speech.",
            ],
            &[("We will never be bullied by anyone.", Some("Xi"))],
        ),
        // A paragraph after "Putin told reporters:".
        (
            &[
                "Putin told reporters:",
                "“The West has lost its way in this war.”",
            ],
            &[("The West has lost its way in this war.", Some("Putin"))],
        ),
        (
            &["Putin said the talks were useful. “We understand each other very well.”"],
            &[("We understand each other very well.", Some("Putin"))],
        ),
        // Two neighbours naming two people: neither.
        (
            &[
                "Putin said the talks were useful. “We understand each other very well.” “Nothing has been agreed yet,” Trump said.",
            ],
            &[
                ("We understand each other very well.", None),
                ("Nothing has been agreed yet", Some("Trump")),
            ],
        ),
        // A quotation inside a sentence of its own borrows nothing.
        (
            &[
                "Putin said the talks were useful. The leaders signed “a treaty of lasting friendship and trust” later.",
            ],
            &[],
        ),
    ];
    for &(units, quotes) in cases {
        assert_eq!(read(units).0, said(quotes), "{units:?}");
    }
}

#[test]
fn a_paragraph_left_open_continues_in_the_next() {
    let units = [
        "Xi spoke for an hour. “We have waited for this day for eighty years.",
        "“Today the world sees a strong and united China,” Xi said.",
    ];
    assert_eq!(
        read(&units).0,
        said(&[
            ("We have waited for this day for eighty years.", Some("Xi")),
            ("Today the world sees a strong and united China", Some("Xi")),
        ])
    );
}

#[test]
fn pronouns_follow_back_to_one_person() {
    let cases: &[(&[&str], Option<&str>)] = &[
        (
            &[
                "Russian President Vladimir Putin arrived on Tuesday. He also said “We will never accept this order”.",
            ],
            Some("Vladimir Putin"),
        ),
        (
            &[
                "Foreign Minister Choe Son Hui spoke first.",
                "“We will never accept this order,” she said.",
            ],
            Some("Choe Son Hui"),
        ),
        // "He also said" after a named speaker.
        (
            &[
                "“The talks were useful,” said President Xi Jinping. He also said “We will never accept this order”.",
            ],
            Some("Xi Jinping"),
        ),
        // Two people named since: nobody.
        (
            &[
                "Russian President Vladimir Putin greeted North Korean leader Kim Jong Un. He said “We will never accept this order”.",
            ],
            None,
        ),
        (
            &[
                "President Xi Jinping met President Vladimir Putin.",
                "“We will never accept this order,” he said.",
            ],
            None,
        ),
        // Nobody named before, or a country rather than a person.
        (&["“We will never accept this order,” he said."], None),
        (
            &["China rejected the plan. He said “We will never accept this order”."],
            None,
        ),
    ];
    for &(units, speaker) in cases {
        let quotes = read(units).0;
        let order = quotes.iter().find(|(t, _)| t == ORDER).cloned();
        assert_eq!(
            order,
            Some((ORDER.to_string(), speaker.map(str::to_string))),
            "{units:?}"
        );
    }
}

#[test]
fn quoted_phrases_without_a_speaker_are_terms() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Analysts see an emerging “anti-American axis of upheaval” in the making.",
            &["anti-American axis of upheaval"],
        ),
        (
            "Yonhap calls the train a moving “fortress” on rails.",
            &["fortress"],
        ),
        (
            "His book “The Long Game of Power Politics” sold well.",
            &["The Long Game of Power Politics"],
        ),
        (
            "## ‘Axis of upheaval’ narrative picks up steam",
            &["Axis of upheaval"],
        ),
        // Short, with a verb of saying but no named speaker.
        (
            "Officials said it was a “wake-up call” for allies.",
            &["wake-up call"],
        ),
        ("Putin thanked “his dear friend” Xi.", &["his dear friend"]),
    ];
    for &(text, expected) in cases {
        let (quotes, found) = read(&[text]);
        assert!(quotes.is_empty(), "{text}: {quotes:?}");
        assert_eq!(found, terms(expected), "{text}");
    }
}

#[test]
fn short_quotes_with_a_named_speaker_are_quotes() {
    assert_eq!(
        read(&["Xi declared that the world faced a choice between “peace or war.”"]).0,
        said(&[("peace or war.", Some("Xi"))])
    );
    assert_eq!(
        read(&["“Never,” Putin said."]).0,
        said(&[("Never", Some("Putin"))])
    );
}

#[test]
fn quotation_marks_in_any_mix() {
    for text in [
        "“We will never accept this order,” Putin said.",
        "\"We will never accept this order,\" Putin said.",
        "“We will never accept this order,\" Putin said.",
        "\"We will never accept this order,” Putin said.",
    ] {
        assert_eq!(read(&[text]).0, said(&[(ORDER, Some("Putin"))]), "{text}");
    }
    // Single marks inside double ones are words of the quotation; an apostrophe is no mark.
    assert_eq!(
        read(&["“They call it ‘the axis’ but Xi’s view is friendship,” Putin said."]),
        (
            said(&[(
                "They call it ‘the axis’ but Xi’s view is friendship",
                Some("Putin")
            )]),
            vec![]
        )
    );
    assert_eq!(
        read(&["Xi’s speech was long and Kim’s was short."]),
        (vec![], vec![])
    );
}

/// The sample sources: every quotation in them, with who said it as read by hand. Where the
/// text shows who spoke but not with a verb of saying, the phrase is a term (noted).
#[test]
fn sample_sources_quotes_and_speakers() {
    let samples: &[Sample] = &[
        (
            "beijing-parade-anti-west-signaling",
            include_str!("../../../content/beijing-parade-anti-west-signaling.md"),
            &[],
            &[
                "gray zone cooperation",
                "livelihood",
                "security from Russia, economy from China",
                "livelihood loophole",
            ],
        ),
        (
            "china-russia-north-korea-alliance-parade",
            include_str!("../../../content/china-russia-north-korea-alliance-parade.md"),
            &[],
            &[
                "star",
                // Xi's words ("Xi's recent call to …"), but no verb of saying.
                "reshape the international order",
                "axis of convenience.",
                "new global order.",
                "invisible steel cable.",
                "axis of autocrats",
                "wake-up call",
                "force multiplier",
            ],
        ),
        (
            "kim-armored-train-beijing-parade",
            include_str!("../../../content/kim-armored-train-beijing-parade.md"),
            &[("peace or war.", Some("Xi"))],
            &[],
        ),
        (
            "putin-kim-join-xi-military-show",
            include_str!("../../../content/putin-kim-join-xi-military-show.md"),
            &[
                (
                    "Standing side by side with Xi Jinping and Putin on Tiananmen Gate, he will reproduce the triangular solidarity structure of the Cold War era",
                    Some("South Korea’s National Intelligence Service"),
                ),
                ("hegemonism and politics of force", Some("Xi")),
                (
                    "I do believe that the sales for weapons are one of the purposes of this visit",
                    Some("Yang Uk"),
                ),
                ("global governance has reached a new crossroads", Some("Xi")),
                (
                    "all countries, whatever their size, strength and wealth, are equal participants",
                    Some("Xi"),
                ),
                // "He pointed out that …": Putin, named in the sentence before.
                ("Euro-centric models", Some("Putin")),
                (
                    "genuinely think about the interests of a broad range of countries",
                    Some("Putin"),
                ),
                // "He claimed …" after "Putin kicked off the expanded BRICS summit …".
                ("the dollar is being used as a weapon", Some("Putin")),
            ],
            &[
                // Yonhap's word for the train.
                "fortress",
                "anti-American axis of upheaval",
                // Putin's ("Putin thanked …", "and said … an “unprecedented level”"): the
                // second's verb has no subject of its own.
                "his dear friend",
                "unprecedented level",
                // Unattributed in the text.
                "should be deemed acceptable by the international community, whatever the democratic West or the US may think",
                // Xi's ("He stood firm against … and cautioned that …"): too far from the verb.
                "double standards",
                "house rules",
                // Wang Yi's ("called this a …").
                "clear direction",
                // Putin's ("Putin celebrated …"): no verb of saying.
                "genuine multilateralism",
                "a new system of stability and security in Eurasia",
                "true multilateralism",
            ],
        ),
        (
            "xi-putin-kim-one-stage",
            include_str!("../../../content/xi-putin-kim-one-stage.md"),
            &[],
            &[
                "loyal wingman",
                "world-class",
                "memory war",
                "Great Patriotic War",
                "intelligentized",
                "coalition hygiene",
            ],
        ),
    ];
    for &(id, text, quotes, expected_terms) in samples {
        let source = crate::load::parse_source(text, std::path::Path::new(id))
            .unwrap_or_else(|_| panic!("{id} parses"));
        let units: Vec<&str> = source.units().map(|(_, t)| t).collect();
        let (found, found_terms) = read(&units);
        assert_eq!(found, said(quotes), "{id}");
        assert_eq!(found_terms, terms(expected_terms), "{id}");
    }
}
