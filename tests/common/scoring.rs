//! Scoring theme filing against labels, shared by the classification test and the
//! `news_eval` tool: counts per theme, precision, recall and F1, and the rule that a list is
//! filed under every theme one of its items is filed under (labels are per paragraph).

use briefing::analyse::{Filing, SourceAnalysis};

/// True positives, false positives and false negatives of one theme.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Adds one paragraph: whether it was labelled with the theme, and whether it was filed.
    pub fn add(&mut self, want: bool, got: bool) {
        match (want, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }

    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The filings of paragraph `n`; for a list, those of all its items.
pub fn filed_under(analysis: &SourceAnalysis, n: u32) -> Vec<&Filing> {
    analysis
        .filings
        .iter()
        .filter(|(at, _)| at.n == n)
        .flat_map(|(_, filed)| filed)
        .collect()
}
