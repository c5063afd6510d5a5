//! Dense rows and columns of the spin model's bigram table, for its most used words (issue 15).
//!
//! A bigram look-up searches its first word's row of the sorted pair table: a few cache misses
//! in a row of thousands ("the" has 29,000 pairs), and most look-ups of a scan are in such rows
//! (the word before a thesaurus neighbour is "the", "a", "of" ...) or end in such a column (the
//! word after it is "</s>", "and", "of" ...). A dense row holds `P(b | a)` for every `b`, a dense
//! column `P(b | a)` for every `a`: one read each. They are the same bytes as the table, so a
//! look-up answers exactly what the search would.

use crate::spin::{Model, Tables};

/// Rows (first words with the longest rows) and columns (second words in the most pairs) made
/// dense: 64 of each, 8 MB for the 65,535 words, built in ~10 ms, answer most look-ups of a scan.
const DENSE: usize = 64;

/// A pair the model has not seen; no stored log-probability is positive.
const UNSEEN: i8 = i8::MAX;

pub struct Dense {
    width: usize,
    row_slot: Vec<u16>, // first word -> 1 + its dense row, 0 for none
    col_slot: Vec<u16>, // second word -> 1 + its dense column, 0 for none
    rows: Vec<i8>,
    cols: Vec<i8>,
}

impl Dense {
    /// The dense tables of `t`, or None when the table cannot be made dense exactly: an index
    /// outside it, a row out of order (the search would then not find the first match), or a
    /// log-probability that is not a non-positive int8. The search answers then, as before.
    pub fn build(m: &Model<'_>, t: &Tables) -> Option<Dense> {
        let width = usize::try_from(m.known).ok()?;
        let mut span = Vec::with_capacity(width);
        let mut uses = vec![0u32; width];
        for a in 0..width {
            let lo = usize::try_from(t.bigram_offsets.get(m.data, a)?).ok()?;
            let hi = usize::try_from(t.bigram_offsets.get(m.data, a + 1)?).ok()?;
            let mut last = -1;
            for k in lo..hi {
                let b = t.bigram_second.get(m.data, k)?;
                if b < last {
                    return None;
                }
                last = b;
                if let Some(n) = uses.get_mut(b as usize) {
                    *n += 1;
                }
            }
            span.push((lo, hi));
        }
        let top = |len: &dyn Fn(usize) -> usize| {
            let mut order: Vec<usize> = (0..width).collect();
            order.sort_by_key(|&w| (std::cmp::Reverse(len(w)), w));
            order.truncate(DENSE);
            order
        };
        let (rows_of, cols_of) = (top(&|a| span[a].1.saturating_sub(span[a].0)), top(&|b| uses[b] as usize));
        let mut dense = Dense {
            width,
            row_slot: vec![0; width],
            col_slot: vec![0; width],
            rows: vec![UNSEEN; rows_of.len() * width],
            cols: vec![UNSEEN; cols_of.len() * width],
        };
        for (slot, &a) in rows_of.iter().enumerate() {
            dense.row_slot[a] = slot as u16 + 1;
        }
        for (slot, &b) in cols_of.iter().enumerate() {
            dense.col_slot[b] = slot as u16 + 1;
        }
        for (a, &(lo, hi)) in span.iter().enumerate() {
            let row = dense.row_slot[a] as usize;
            for k in lo..hi {
                let b = t.bigram_second.get(m.data, k)? as usize; // in order, checked above
                if b >= width {
                    continue; // a rare word's id: never asked
                }
                let col = dense.col_slot[b] as usize;
                if row == 0 && col == 0 {
                    continue;
                }
                let v = i8::try_from(t.bigram_logprob.get(m.data, k)?).ok().filter(|&v| v <= 0)?;
                // The first of equal pairs, as bisect_left finds it (a real table has none).
                if row > 0 && dense.rows[(row - 1) * width + b] == UNSEEN {
                    dense.rows[(row - 1) * width + b] = v;
                }
                if col > 0 && dense.cols[(col - 1) * width + a] == UNSEEN {
                    dense.cols[(col - 1) * width + a] = v;
                }
            }
        }
        Some(dense)
    }

    /// The place `get(a, b)` reads, when it would answer.
    #[inline(always)]
    pub fn place(&self, a: i64, b: i64) -> Option<*const i8> {
        let (a, b) = (usize::try_from(a).ok()?, usize::try_from(b).ok()?);
        if a >= self.width || b >= self.width {
            return None;
        }
        match (self.row_slot[a], self.col_slot[b]) {
            (0, 0) => None,
            (0, col) => Some(&self.cols[(col as usize - 1) * self.width + a] as *const i8),
            (row, _) => Some(&self.rows[(row as usize - 1) * self.width + b] as *const i8),
        }
    }

    /// `Some(stored log-probability or None)` when `(a, b)` is in a dense row or column; None
    /// when the search must answer.
    #[inline(always)]
    pub fn get(&self, a: i64, b: i64) -> Option<Option<i64>> {
        let (a, b) = (usize::try_from(a).ok()?, usize::try_from(b).ok()?);
        if a >= self.width || b >= self.width {
            return None;
        }
        let v = match (self.row_slot[a], self.col_slot[b]) {
            (0, 0) => return None,
            (0, col) => self.cols[(col as usize - 1) * self.width + a],
            (row, _) => self.rows[(row as usize - 1) * self.width + b],
        };
        Some(if v == UNSEEN { None } else { Some(v as i64) })
    }
}
