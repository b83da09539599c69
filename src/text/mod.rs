//! The text layer every stage reads prose through: words, sentences, slugs, the calendar's
//! names and a stable hash.
//!
//! Filing, figures, names, dates, claims and the estimative-language lint all cut the same
//! paragraphs into words and sentences. When each cut them its own way, one sentence was split
//! in two places ("U.S." ended a sentence for one stage and not for another) and `South
//! Korea’s` was a word `Korea’s` for one stage and `Korea` for the next, so the stages
//! disagreed about what a text says. Here each of those decisions is made once:
//!
//! - [`words`]: words with their byte ranges, built on the Unicode word boundaries of UAX #29
//!   (so accents written as combining marks stay inside their word), with possessives cut off,
//!   hyphenated words kept whole, dotted initials read as one word, and numbers with their
//!   separators, currency sign and percent sign.
//! - [`sentences`]: sentences as byte ranges, which do not end at abbreviations, titles,
//!   initials or decimals.
//! - [`slug`]: the one way a name or title becomes an id.
//! - [`calendar`]: month and weekday names.
//! - [`hash`]: a hash of words that is the same on every run, machine and compiler release.
//!
//! Everything is a pure function of the text; nothing allocates per word beyond the result.

pub(crate) mod calendar;
pub(crate) mod hash;
pub(crate) mod sentences;
pub(crate) mod slug;
pub(crate) mod words;

pub(crate) use sentences::sentences;
pub(crate) use words::{WordKind, words};
