//! Reference exchange rates, so that amounts given in different currencies can be compared:
//! "10 billion yuan in loans" and "$1.4 billion in loans" are one amount, and a reader is shown
//! "10 billion CNY (≈ 1.39 billion USD at 2025 rates)" rather than two figures that seem to
//! disagree.
//!
//! The table is dated and shipped with the tool (no network): one rate per currency, units of
//! the currency per US dollar, rounded approximations of the 2025 annual average. A rate this
//! coarse tells equal amounts from different ones (news rounds amounts to two or three
//! figures); it is never used to state a converted amount as a fact, only shown beside the
//! source's own figure and marked as approximate.

/// The year the rates are averages of, as shown to readers.
pub const RATES_YEAR: i32 = 2025;

/// Units of each currency per US dollar (approximate 2025 averages).
const PER_USD: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("CNY", 7.20),
    ("EUR", 0.885),
    ("GBP", 0.755),
    ("JPY", 149.0),
    ("KRW", 1415.0),
    ("RUB", 82.0),
];

/// How far apart two converted amounts may be and still be the same amount: news rounds, and
/// the rate is an average.
pub const SAME_AMOUNT: f64 = 0.05;

/// `amount` of the currency `code` in US dollars, when the table has the currency.
pub fn in_usd(amount: f64, code: &str) -> Option<f64> {
    PER_USD
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, rate)| amount / rate)
}

/// Whether two amounts in two currencies are the same amount at the reference rates (within
/// [`SAME_AMOUNT`]); `None` when a currency is not in the table.
pub fn same_amount(a: f64, a_code: &str, b: f64, b_code: &str) -> Option<bool> {
    let (x, y) = (in_usd(a, a_code)?, in_usd(b, b_code)?);
    let larger = x.abs().max(y.abs());
    Some(larger == 0.0 || (x - y).abs() / larger <= SAME_AMOUNT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_amounts_in_two_currencies_are_one_amount() {
        let cases = [
            (10e9, "CNY", 1.4e9, "USD", true),
            (2e9, "CNY", 280e6, "USD", true),
            (10e9, "CNY", 10e9, "USD", false),
            (1e9, "EUR", 1.13e9, "USD", true),
            (1e9, "EUR", 1e9, "GBP", false),
        ];
        for (a, a_code, b, b_code, same) in cases {
            assert_eq!(
                same_amount(a, a_code, b, b_code),
                Some(same),
                "{a} {a_code} / {b} {b_code}"
            );
        }
        assert_eq!(same_amount(1.0, "XYZ", 1.0, "USD"), None);
    }
}
