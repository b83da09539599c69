//! A stable hash of words and strings.
//!
//! Claims are compared by hashes of their words, and those hashes are kept in the build cache
//! and decide which claims are grouped. `std`'s `DefaultHasher` is documented to change
//! between Rust releases, so a rebuild with a new compiler could group differently; FNV-1a is
//! fixed by its definition, fast on short keys (a word is a few bytes), and needs no crate.

use std::hash::Hasher;

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a (64 bits) as a [`Hasher`], so values that derive `Hash` can be hashed stably.
/// Integers are fed in little-endian order, so the result is the same on every machine.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> StableHasher {
        StableHasher(OFFSET)
    }
}

impl Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    fn write_u16(&mut self, n: u16) {
        self.write(&n.to_le_bytes());
    }

    fn write_u32(&mut self, n: u32) {
        self.write(&n.to_le_bytes());
    }

    fn write_u64(&mut self, n: u64) {
        self.write(&n.to_le_bytes());
    }

    fn write_u128(&mut self, n: u128) {
        self.write(&n.to_le_bytes());
    }

    fn write_usize(&mut self, n: usize) {
        // Widened, so 32- and 64-bit machines agree.
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The stable 64-bit hash of `text`'s bytes.
pub(crate) fn hash_str(text: &str) -> u64 {
    let mut hasher = StableHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// The stable hash of a word, folded to 32 bits (both halves kept, so no bit of the word is
/// lost), for tables of many words where half the size matters more than rare collisions.
pub(crate) fn word_hash(word: &str) -> u32 {
    let hash = hash_str(word);
    (hash ^ (hash >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    #[test]
    fn hashes_are_the_published_fnv1a_values() {
        // The reference values of FNV-1a 64: a change here would regroup every cached claim.
        assert_eq!(hash_str(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash_str("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hashing_values_is_stable_and_tells_them_apart() {
        let hash = |value: &dyn Fn(&mut StableHasher)| {
            let mut hasher = StableHasher::default();
            value(&mut hasher);
            hasher.finish()
        };
        let a = hash(&|h| (1u8, "troops").hash(h));
        assert_eq!(a, hash(&|h| (1u8, "troops").hash(h)));
        assert_ne!(a, hash(&|h| (2u8, "troops").hash(h)));
        assert_ne!(word_hash("parade"), word_hash("parades"));
    }
}
