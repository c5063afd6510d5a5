//! The spin language model of `newslint/checks/spin_model.py`: tokens and misfits, read from the
//! memory-mapped table Python hands over (no copy). Every read is bounds-checked: a corrupt
//! table is an error, never a panic.

use crate::text::{is_alpha, is_ascii_letter, is_py_space, next_cp};

#[derive(Clone, Copy)]
pub struct Array {
    pub offset: usize,
    pub count: usize,
    pub width: usize,
    pub signed: bool,
}

impl Array {
    pub fn new(dtype: &str, offset: usize, count: usize, total: usize) -> Result<Array, String> {
        let (width, signed) = match dtype {
            "int8" => (1, true),
            "uint8" => (1, false),
            "int16" => (2, true),
            "uint16" => (2, false),
            "int32" => (4, true),
            "uint32" => (4, false),
            _ => return Err(format!("unknown dtype {dtype}")),
        };
        let end = count.checked_mul(width).and_then(|n| n.checked_add(offset));
        match end {
            Some(end) if end <= total => Ok(Array { offset, count, width, signed }),
            _ => Err("array outside the table".to_string()),
        }
    }

    #[inline]
    pub fn get(&self, data: &[u8], i: usize) -> Option<i64> {
        if i >= self.count {
            return None;
        }
        let at = self.offset + i * self.width;
        let raw = data.get(at..at + self.width)?;
        Some(match (self.width, self.signed) {
            (1, true) => raw[0] as i8 as i64,
            (1, false) => raw[0] as i64,
            (2, true) => i16::from_ne_bytes([raw[0], raw[1]]) as i64,
            (2, false) => u16::from_ne_bytes([raw[0], raw[1]]) as i64,
            (4, true) => i32::from_ne_bytes([raw[0], raw[1], raw[2], raw[3]]) as i64,
            _ => u32::from_ne_bytes([raw[0], raw[1], raw[2], raw[3]]) as i64,
        })
    }
}

pub struct Tables {
    pub unigram: Array,
    pub backoff: Array,
    pub bigram_offsets: Array,
    pub bigram_second: Array,
    pub bigram_logprob: Array,
    pub neighbour_offsets: Array,
    pub neighbours: Array,
    pub quant: f64,
}

pub struct Words {
    pub text: String,
    pub known: Vec<(usize, usize)>,
    pub rare: Vec<(usize, usize)>,
}

impl Words {
    /// `text.split("\n")`: the first `known` are model words, the rest but the last rare ones.
    pub fn new(text: String, known: usize) -> Words {
        let mut all = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                all.push((start, i));
                start = i + 1;
            }
        }
        all.push((start, text.len()));
        let k = known.min(all.len());
        let rare_end = all.len().saturating_sub(1).max(k);
        let rare = all[k..rare_end].to_vec();
        all.truncate(k);
        Words { text, known: all, rare }
    }

    fn bisect(&self, list: &[(usize, usize)], word: &[u8]) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let at = list.partition_point(|&(s, e)| &bytes[s..e] < word);
        match list.get(at) {
            Some(&(s, e)) if &bytes[s..e] == word => Some(at),
            _ => None,
        }
    }

    /// `Model.word_id`: a model word's index, a rare word's `len(known) + index`, -1 else.
    pub fn word_id(&self, word: &[u8]) -> i64 {
        if let Some(at) = self.bisect(&self.known, word) {
            return at as i64;
        }
        match self.bisect(&self.rare, word) {
            Some(at) => (self.known.len() + at) as i64,
            None => -1,
        }
    }
}

/// Token ids and (start, end, lowercase) per token, as `spin_model._tokens` makes them.
pub fn tokens(b: &[u8], words: &Words) -> (Vec<i64>, Vec<(usize, usize, bool)>) {
    let start_id = words.word_id(b"<s>");
    let end_id = words.word_id(b"</s>");
    let mut out = vec![start_id];
    let mut spans = vec![(0, 0, false)];
    let mut i = 0; // byte position
    let mut cp = 0; // code point position
    let mut lower: Vec<u8> = Vec::with_capacity(32);
    while i < b.len() {
        let (c, n) = next_cp(b, i);
        if is_ascii_letter(c) {
            // [A-Za-z]+(?:['’][A-Za-z]+)*
            let (s, s_cp) = (i, cp);
            let mut has_upper = false;
            let mut has_curly = false;
            lower.clear();
            loop {
                while let Some(&x) = b.get(i) {
                    if !x.is_ascii_alphabetic() {
                        break;
                    }
                    has_upper |= x.is_ascii_uppercase();
                    lower.push(x.to_ascii_lowercase());
                    i += 1;
                    cp += 1;
                }
                let (q, qn) = next_cp(b, i);
                if i < b.len() && (q == '\'' as u32 || q == 0x2019) && b.get(i + qn).is_some_and(u8::is_ascii_alphabetic) {
                    has_curly |= q == 0x2019;
                    lower.push(b'\'');
                    i += qn;
                    cp += 1;
                } else {
                    break;
                }
            }
            let _ = s;
            out.push(words.word_id(&lower));
            spans.push((s_cp, cp, !has_upper && !has_curly));
        } else if c == '.' as u32 || c == '!' as u32 || c == '?' as u32 || c == '\n' as u32 {
            if c == '\n' as u32 {
                i += 1;
                cp += 1;
            } else {
                while matches!(b.get(i), Some(b'.' | b'!' | b'?')) {
                    i += 1;
                    cp += 1;
                }
            }
            if out.last() != Some(&start_id) {
                out.push(end_id);
                out.push(start_id);
                spans.push((0, 0, false));
                spans.push((0, 0, false));
            }
        } else if is_py_space(c) {
            i += n;
            cp += 1;
        } else {
            // [^\sA-Za-z]+
            let s_cp = cp;
            let first_alpha = is_alpha(c);
            let mut text_is_lower = true;
            let mut ascii = true;
            lower.clear();
            while i < b.len() {
                let (x, xn) = next_cp(b, i);
                if is_py_space(x) || is_ascii_letter(x) {
                    break;
                }
                if first_alpha {
                    if x == 0x2019 {
                        text_is_lower = false;
                        lower.push(b'\'');
                    } else {
                        match char::from_u32(x) {
                            Some(ch) => {
                                let mut low = ch.to_lowercase();
                                if low.len() != 1 || low.next() != Some(ch) {
                                    text_is_lower = false;
                                }
                                for l in ch.to_lowercase() {
                                    let mut buf = [0u8; 4];
                                    let enc = l.encode_utf8(&mut buf);
                                    ascii &= enc.len() == 1;
                                    lower.extend_from_slice(enc.as_bytes());
                                }
                            }
                            None => ascii = false, // a surrogate: no model word holds one
                        }
                    }
                }
                i += xn;
                cp += 1;
            }
            if first_alpha {
                out.push(if ascii { words.word_id(&lower) } else { -1 });
                spans.push((s_cp, cp, text_is_lower));
            } else {
                out.push(-1);
                spans.push((0, 0, false));
            }
        }
    }
    out.push(end_id);
    spans.push((0, 0, false));
    (out, spans)
}

/// One misfit: (start, end, better word id or -1, margin, rare).
pub type Misfit = (usize, usize, i64, f64, bool);

pub struct Model<'a> {
    pub data: &'a [u8],
    pub t: &'a Tables,
    pub known: i64,
}

impl Model<'_> {
    fn at(&self, a: &Array, i: i64) -> Result<i64, String> {
        if i < 0 {
            return Err("negative index".into());
        }
        a.get(self.data, i as usize).ok_or_else(|| "spin table index out of range".to_string())
    }

    fn bigram(&self, a: i64, b: i64) -> Result<Option<i64>, String> {
        let lo = self.at(&self.t.bigram_offsets, a)?;
        let hi = self.at(&self.t.bigram_offsets, a + 1)?;
        // bisect_left(second, b, lo, hi)
        let (mut l, mut h) = (lo, hi);
        while l < h {
            let mid = l + (h - l) / 2;
            if self.at(&self.t.bigram_second, mid)? < b {
                l = mid + 1;
            } else {
                h = mid;
            }
        }
        if l < hi && self.at(&self.t.bigram_second, l)? == b {
            return Ok(Some(self.at(&self.t.bigram_logprob, l)?));
        }
        Ok(None)
    }

    fn logprob(&self, a: i64, b: i64) -> Result<(f64, bool), String> {
        if let Some(v) = self.bigram(a, b)? {
            return Ok((v as f64 / self.t.quant, true));
        }
        let sum = self.at(&self.t.backoff, a)? + self.at(&self.t.unigram, b)?;
        Ok((sum as f64 / self.t.quant, false))
    }

    fn neighbours(&self, w: i64) -> Result<Vec<i64>, String> {
        let lo = self.at(&self.t.neighbour_offsets, w)?.max(0);
        let hi = self.at(&self.t.neighbour_offsets, w + 1)?.min(self.t.neighbours.count as i64);
        (lo..hi).map(|k| self.at(&self.t.neighbours, k)).collect()
    }

    fn better(&self, p: i64, w: i64, q: i64, margin: f64) -> Result<Option<(i64, f64)>, String> {
        let (left, seen_left) = self.logprob(p, w)?;
        let (right, seen_right) = self.logprob(w, q)?;
        if seen_left && seen_right {
            return Ok(None);
        }
        let base = left + right + margin;
        let (mut best, mut gain) = (-1i64, 0.0f64);
        for c in self.neighbours(w)? {
            let score = self.logprob(p, c)?.0 + self.logprob(c, q)?.0;
            if score > base && score - base > gain {
                best = c;
                gain = score - base;
            }
        }
        Ok(if best >= 0 { Some((best, gain + margin)) } else { None })
    }

    fn restore(&self, p: i64, w: i64, q: i64) -> Result<i64, String> {
        let (mut best, mut top) = (-1i64, 0.0f64);
        for c in self.neighbours(w)? {
            let (left, seen_left) = self.logprob(p, c)?;
            let (right, seen_right) = self.logprob(c, q)?;
            if seen_left && seen_right && (best < 0 || left + right > top) {
                best = c;
                top = left + right;
            }
        }
        Ok(best)
    }

    /// `spin_model.misfits` without the Python objects: the misfits and how many words were judged.
    pub fn misfits(&self, b: &[u8], words: &Words, margin: f64) -> Result<(Vec<Misfit>, usize), String> {
        let (ids, spans) = tokens(b, words);
        let known = self.known;
        let mut out = Vec::new();
        let mut judged = 0;
        for i in 1..ids.len().saturating_sub(1) {
            let (w, p, q) = (ids[i], ids[i - 1], ids[i + 1]);
            if w < 0 || p < 0 || q < 0 || p >= known || q >= known || !spans[i].2 {
                continue;
            }
            judged += 1;
            let (s, e, _) = spans[i];
            if w >= known {
                let found = self.restore(p, w, q)?;
                out.push((s, e, found, 0.0, true));
                continue;
            }
            if let Some((c, m)) = self.better(p, w, q, margin)? {
                out.push((s, e, c, m, false));
            }
        }
        Ok((out, judged))
    }
}
