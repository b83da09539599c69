//! Pages that stay put: how a long ordered list (a briefing's passages, the sources, the
//! unfiled paragraphs) is cut into pages so that adding one item changes one page.
//!
//! Cutting every `n` items would move every later item to another page when one item is
//! added near the top: at 10,000 articles one added source rewrote most of the site, and
//! every link into a later page went stale. Instead, each item decides by itself whether it
//! opens a page, from a hash of its own stable key (content-defined chunking, as backup tools
//! cut files into blocks). An added item joins the page of the item before it, or, if it
//! opens pages itself, splits that one page in two; no other page changes, and a page is
//! named by the key of the item that opens it, so its address survives too.
//!
//! Pages hold `target` items on average; a ceiling keeps a long run of items that open no page
//! from making one huge page (a local effect: it shifts cuts up to the next item that opens a
//! page).

use std::ops::Range;

/// How a list of items is cut into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The chance that an item opens a page, as one in `odds`.
    pub odds: u64,
    /// Past this many items on a page, an item also opens a page at the looser chance of one
    /// in `loose_odds`, so that long runs end soon, still at items chosen by their own hash.
    pub loose_from: usize,
    /// The looser chance, one in this many.
    pub loose_odds: u64,
    /// The most items on a page: a cut is forced here (rarely reached; such a cut moves when
    /// an item is added before it, up to the next item that opens a page).
    pub ceiling: usize,
}

impl Paging {
    /// Pages of about `target` items on average. There is no floor: a floor would let an item
    /// added just before a suppressed cut revive it, re-cutting a page (and changing the links
    /// of every source on it) far more often than the added item itself opens a page, which
    /// is one time in `target`. A short page now and then is the price. Long pages are ended
    /// by the looser chance past twice the target, as content-defined chunking does.
    pub fn around(target: usize) -> Paging {
        let target = target.max(1);
        Paging {
            odds: u64::try_from(target).unwrap_or(u64::MAX),
            loose_from: target.saturating_mul(2),
            loose_odds: u64::try_from((target / 8).max(1)).unwrap_or(u64::MAX),
            ceiling: target.saturating_mul(8).max(2),
        }
    }

    /// Cuts the items, given by their keys in order, into pages: the ranges of the items on
    /// each page, in order. An empty list makes no page.
    pub fn cut<K: AsRef<[u8]>>(&self, keys: impl IntoIterator<Item = K>) -> Vec<Range<usize>> {
        self.cut_hashed(keys.into_iter().map(|key| stable_hash(key.as_ref())))
    }

    /// [`Paging::cut`], given each key's [`stable_hash`] rather than the key.
    pub fn cut_hashed(&self, hashes: impl IntoIterator<Item = u64>) -> Vec<Range<usize>> {
        let mut pages = Vec::new();
        let mut start = 0;
        let mut count = 0;
        for (index, hash) in hashes.into_iter().enumerate() {
            let on_page = index - start;
            let opens = index > 0
                && (hash % self.odds == 0
                    || (on_page >= self.loose_from && hash % self.loose_odds == 0)
                    || on_page >= self.ceiling);
            if opens {
                pages.push(start..index);
                start = index;
            }
            count = index + 1;
        }
        if count > start {
            pages.push(start..count);
        }
        pages
    }
}

/// FNV-1a over the bytes, then mixed: the same on every platform and every version, which the
/// standard library's hasher does not promise, so pages are cut the same way on every build.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    stable_hash_parts(&[bytes])
}

/// [`stable_hash`] of the parts one after the other, without joining them.
pub fn stable_hash_parts(parts: &[&[u8]]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for &byte in parts.iter().flat_map(|part| part.iter()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    // FNV's low bits are weak for short keys; a final avalanche spreads them.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("source-{i}__t-words")).collect()
    }

    #[test]
    fn hashing_parts_is_hashing_them_joined() {
        assert_eq!(
            stable_hash_parts(&[b"source-1", b"__", b"t-words"]),
            stable_hash(b"source-1__t-words")
        );
    }

    #[test]
    fn covers_every_item_once_in_order() {
        for n in [0, 1, 2, 7, 100, 1000] {
            let pages = Paging::around(20).cut(keys(n));
            let mut next = 0;
            for page in &pages {
                assert_eq!(page.start, next);
                assert!(page.end > page.start);
                next = page.end;
            }
            assert_eq!(next, n);
        }
    }

    #[test]
    fn keeps_pages_near_the_target_size() {
        let paging = Paging::around(100);
        let pages = paging.cut(keys(20_000));
        let mean = 20_000 / pages.len();
        assert!((60..=140).contains(&mean), "mean page size {mean}");
        let longest = pages.iter().map(|p| p.len()).max().unwrap();
        assert!(
            longest <= paging.loose_from + 200,
            "a page of {longest} items"
        );
    }

    #[test]
    fn an_added_item_changes_at_most_the_page_it_lands_on() {
        let paging = Paging::around(10);
        let before = keys(500);
        let cut = paging.cut(&before);
        let pages_of = |keys: &[String], cut: &[Range<usize>]| -> Vec<Vec<String>> {
            cut.iter().map(|r| keys[r.clone()].to_vec()).collect()
        };
        let old_pages = pages_of(&before, &cut);
        let mut worst = 0;
        for at in [0, 1, 37, 250, 499] {
            for extra in 0..20 {
                let mut after = before.clone();
                after.insert(at, format!("added-{extra}__t-new"));
                let new_pages = pages_of(&after, &paging.cut(&after));
                let changed = new_pages.iter().filter(|p| !old_pages.contains(p)).count();
                worst = worst.max(changed);
            }
        }
        // The page it joins, or that page split in two.
        assert!(worst <= 2, "an insertion changed {worst} pages");
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(stable_hash(b""), stable_hash(b""));
        assert_ne!(stable_hash(b"a"), stable_hash(b"b"));
        // Pinned: a change here re-cuts every paginated list of every site.
        assert_eq!(stable_hash(b"kim"), 0x3e6b_513b_d1ea_9ded);
    }
}
