//! The function-word count of `newslint/model/language.py`'s `detect`: words as Python's `re` reads
//! `[^\W\d_]+`, lowercased as `str.lower` does, looked up in the stopword table.

use std::collections::HashMap;

use crate::pyunicode::{LETTERS, LOWER};
use crate::text::next_cp;

#[inline]
pub fn is_letter(c: u32) -> bool {
    if c < 128 {
        return (c | 0x20).wrapping_sub(b'a' as u32) < 26;
    }
    let at = LETTERS.partition_point(|&(_, hi)| hi < c);
    LETTERS.get(at).is_some_and(|&(lo, _)| lo <= c)
}

pub struct Stopwords {
    map: HashMap<Vec<u8>, usize>,
    max_len: usize,
}

impl Stopwords {
    pub fn new(words: Vec<(String, usize)>) -> Stopwords {
        let max_len = words.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        let mut map = HashMap::new();
        for (w, lang) in words {
            map.entry(w.into_bytes()).or_insert(lang);
        }
        Stopwords { map, max_len }
    }

    /// (words read, [(language, hits)] in the order each language was first hit), reading at
    /// most `limit` words (at least one, as the Python loop does).
    pub fn count(&self, b: &[u8], limit: usize) -> (usize, Vec<(usize, usize)>) {
        let mut total = 0;
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let mut lower: Vec<u8> = Vec::with_capacity(16);
        let mut i = 0;
        while i < b.len() {
            let (c, n) = next_cp(b, i);
            if !is_letter(c) {
                i += n;
                continue;
            }
            lower.clear();
            let mut possible = true;
            while i < b.len() {
                let (c, n) = next_cp(b, i);
                if !is_letter(c) {
                    break;
                }
                if possible {
                    if c < 128 {
                        lower.push((c as u8).to_ascii_lowercase());
                    } else {
                        match LOWER.binary_search_by_key(&c, |&(k, _)| k) {
                            Ok(at) => lower.extend_from_slice(LOWER[at].1.as_bytes()),
                            Err(_) => possible = false, // its lowercase is in no stopword
                        }
                    }
                    possible &= lower.len() <= self.max_len;
                }
                i += n;
            }
            total += 1;
            if possible {
                if let Some(&lang) = self.map.get(&lower) {
                    match hits.iter_mut().find(|h| h.0 == lang) {
                        Some(h) => h.1 += 1,
                        None => hits.push((lang, 1)),
                    }
                }
            }
            if total >= limit {
                break;
            }
        }
        (total, hits)
    }
}
