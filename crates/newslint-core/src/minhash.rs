//! MinHash signatures exactly as `newslint/families/repetition/minhash.py` computes them with numpy.

use crate::perm::{PERM_A, PERM_B};
use crate::text::{crc32, spaced_words};

pub const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// 64-bit hashes of every `size`-word shingle of the words of `lowered` (repeats kept).
pub fn shingle_hashes(lowered: &[u8], size: usize) -> (usize, Vec<u64>) {
    let words = spaced_words(lowered);
    let h: Vec<u64> = words.iter().map(|&(s, e)| crc32(&lowered[s..e]) as u64).collect();
    let size = size.max(1);
    if h.len() < size {
        return (h.len(), Vec::new());
    }
    let count = h.len() - size + 1;
    let out = (0..count)
        .map(|i| h[i + 1..i + size].iter().fold(h[i], |acc, &x| acc.wrapping_mul(MIX).wrapping_add(x)))
        .collect();
    (h.len(), out)
}

/// The signature (128 little-endian u32 minima), or None when there are no shingles.
pub fn signature(hashes: &[u64]) -> Option<Vec<u8>> {
    if hashes.is_empty() {
        return None;
    }
    let folded: Vec<u32> = hashes.iter().map(|&x| (x ^ (x >> 32)) as u32).collect();
    let mut out = Vec::with_capacity(PERM_A.len() * 4);
    for (&a, &b) in PERM_A.iter().zip(PERM_B.iter()) {
        let low = folded.iter().map(|&x| (x ^ b).wrapping_mul(a)).min().unwrap_or(u32::MAX);
        out.extend_from_slice(&low.to_le_bytes());
    }
    Some(out)
}
