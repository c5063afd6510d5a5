//! The spin language model of `newslint/families/spin/model.py`: tokens and misfits, read from the
//! memory-mapped table Python hands over (no copy). Every read is bounds-checked: a corrupt
//! table is an error, never a panic.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::dense::Dense;
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

    #[inline(always)]
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
    /// Built once per process, when the word map is (`Model::new`).
    pub dense: std::sync::OnceLock<Option<Dense>>,
}

pub struct Words {
    pub text: String,
    pub known: Vec<(usize, usize)>,
    pub rare: Vec<(usize, usize)>,
    ids: std::sync::OnceLock<WordMap>,
    asked: std::sync::atomic::AtomicUsize,
}

/// Word ids by word: the words of up to 15 bytes (nearly all) keyed by their bytes and length
/// in one `u128`, compared in registers; the longer ones by their bytes.
type WordMap = (HashMap<u128, i64, BuildHasherDefault<Fx>>, HashMap<Box<[u8]>, i64, BuildHasherDefault<Fx>>);

/// `word`'s key in the first map of a `WordMap`, when it is short enough.
#[inline]
fn short_key(word: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..word.len()).filter(|_| word.len() < 16)?.copy_from_slice(word);
    buf[15] = word.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// Lookups answered by bisection before the hash map is built: building it takes ~20 ms, as
/// long as this many bisections, which one article never needs (a one-file run starts fast).
const MAP_AFTER: usize = 40_000;

/// A small multiply-rotate hash (as rustc's FxHasher): word lookups are most of a scan, and
/// SipHash would double them. The keys are the model's own words, so no flooding concern.
#[derive(Default)]
pub struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    #[inline]
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
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
        Words { text, known: all, rare, ids: std::sync::OnceLock::new(), asked: Default::default() }
    }

    /// Both lists in code-point (= UTF-8 byte) order, as bisection needs and the table has.
    pub fn sorted(&self) -> bool {
        let b = self.text.as_bytes();
        [&self.known, &self.rare].iter().all(|list| list.windows(2).all(|w| b[w[0].0..w[0].1] <= b[w[1].0..w[1].1]))
    }

    /// `Model.word_id`: a model word's index, a rare word's `len(known) + index`, -1 else. The
    /// first id of a duplicated word wins, as bisection finds it.
    pub fn word_id(&self, word: &[u8]) -> i64 {
        use std::sync::atomic::Ordering::Relaxed;
        if self.ids.get().is_none() && self.asked.fetch_add(1, Relaxed) < MAP_AFTER {
            let bytes = self.text.as_bytes();
            let find = |list: &[(usize, usize)]| {
                let at = list.partition_point(|&(s, e)| &bytes[s..e] < word);
                list.get(at).filter(|&&(s, e)| &bytes[s..e] == word).map(|_| at)
            };
            return match (find(&self.known), find(&self.rare)) {
                (Some(at), _) => at as i64,
                (None, Some(at)) => (self.known.len() + at) as i64,
                _ => -1,
            };
        }
        let (short, long) = self.ids.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut maps: WordMap = (HashMap::with_capacity_and_hasher(self.known.len() + self.rare.len(), Default::default()),
                                     Default::default());
            for (k, &(s, e)) in self.known.iter().enumerate().chain(self.rare.iter().enumerate().map(|(k, r)| (k + self.known.len(), r))) {
                match short_key(&bytes[s..e]) {
                    Some(key) => maps.0.entry(key).or_insert(k as i64),
                    None => maps.1.entry(Box::from(&bytes[s..e])).or_insert(k as i64),
                };
            }
            maps
        });
        match short_key(word) {
            Some(key) => short.get(&key),
            None => long.get(word),
        }.copied().unwrap_or(-1)
    }

    /// Whether this process has made `MAP_AFTER` look-ups: a run of many articles, which pays
    /// for tables built once.
    pub fn warm(&self) -> bool {
        self.ids.get().is_some()
    }
}

/// A token's (start, end, lowercase) in code points of the text; (0, 0, false) for a token
/// that is not a word.
pub type Span = (usize, usize, bool);

/// Token ids and (start, end, lowercase) per token, as `spin_model._tokens` makes them with
/// `[A-Za-z]+(?:['’][A-Za-z]+)*|[.!?]+|\n|[^\sA-Za-z]+`; sentence ends become `</s> <s>`.
pub fn tokens(b: &[u8], words: &Words) -> (Vec<i64>, Vec<Span>) {
    let mut tok = Tokenizer::new(b, words);
    let (mut out, mut spans) = (vec![tok.start_id], vec![(0, 0, false)]);
    tok.fill(b.len(), &mut out, &mut spans);
    out.push(tok.end_id);
    spans.push((0, 0, false));
    (out, spans)
}

/// `tokens` a piece at a time: its place in the text stays between calls to `fill`, so
/// `Model::misfits` holds one window's tokens, not a whole big file's.
pub struct Tokenizer<'a> {
    b: &'a [u8],
    words: &'a Words,
    at: Cursor,
    lower: Vec<u8>,
    pub start_id: i64,
    pub end_id: i64,
}

impl<'a> Tokenizer<'a> {
    pub fn new(b: &'a [u8], words: &'a Words) -> Tokenizer<'a> {
        let (start_id, end_id) = (words.word_id(b"<s>"), words.word_id(b"</s>"));
        Tokenizer { b, words, at: Cursor { i: 0, cp: 0 }, lower: Vec::with_capacity(32), start_id, end_id }
    }

    /// Whether the whole text is tokenised.
    pub fn done(&self) -> bool {
        self.at.i >= self.b.len()
    }

    /// Append the tokens that start before byte `until` to `out` and `spans`, which end with the
    /// tokens before them (a sentence end right after `<s>` adds nothing). A token is read whole
    /// from the text, so any `until` gives the same tokens.
    pub fn fill(&mut self, until: usize, out: &mut Vec<i64>, spans: &mut Vec<Span>) {
        let (b, words, start_id, end_id) = (self.b, self.words, self.start_id, self.end_id);
        let (at, lower) = (&mut self.at, &mut self.lower);
        while at.i < until.min(b.len()) {
            let (c, n) = next_cp(b, at.i);
            let s_cp = at.cp;
            if is_ascii_letter(c) {
                let is_lower = word(b, at, lower);
                out.push(words.word_id(lower));
                spans.push((s_cp, at.cp, is_lower));
            } else if c == '.' as u32 || c == '!' as u32 || c == '?' as u32 || c == '\n' as u32 {
                if c == '\n' as u32 {
                    at.step(1);
                } else {
                    while matches!(b.get(at.i), Some(b'.' | b'!' | b'?')) {
                        at.step(1);
                    }
                }
                if out.last() != Some(&start_id) {
                    out.extend([end_id, start_id]);
                    spans.extend([(0, 0, false), (0, 0, false)]);
                }
            } else if is_py_space(c) {
                at.step(n);
            } else if is_alpha(c) {
                let (is_lower, ascii) = other(b, at, Some(lower));
                out.push(if ascii { words.word_id(lower) } else { -1 });
                spans.push((s_cp, at.cp, is_lower));
            } else {
                other(b, at, None);
                out.push(-1);
                spans.push((0, 0, false));
            }
        }
    }
}

/// Bytes of text `Model::misfits` tokenises at a time (1 MB: about 200k tokens, 6 MB of token
/// vectors), unless its caller gives another size.
pub const WINDOW: usize = 1 << 20;

/// The end of the window that begins at byte `from`: just after the first line break at least
/// `window` bytes on (a character boundary), or the text's end.
fn cut(b: &[u8], from: usize, window: usize) -> usize {
    let at = from.saturating_add(window.max(1));
    if at >= b.len() {
        return b.len();
    }
    b[at..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| at + p + 1)
}

/// A place in the text: byte and code point.
struct Cursor {
    i: usize,
    cp: usize,
}

impl Cursor {
    #[inline]
    fn step(&mut self, bytes: usize) {
        self.i += bytes;
        self.cp += 1;
    }
}

/// `[A-Za-z]+(?:['’][A-Za-z]+)*` from `at`, lowercased into `lower` with `’` as `'`; true when
/// the text was already that (no capital, no curly apostrophe).
fn word(b: &[u8], at: &mut Cursor, lower: &mut Vec<u8>) -> bool {
    let mut plain = true;
    lower.clear();
    loop {
        while let Some(&x) = b.get(at.i) {
            if !x.is_ascii_alphabetic() {
                break;
            }
            plain &= !x.is_ascii_uppercase();
            lower.push(x.to_ascii_lowercase());
            at.step(1);
        }
        let (q, qn) = next_cp(b, at.i);
        if at.i < b.len() && (q == '\'' as u32 || q == 0x2019) && b.get(at.i + qn).is_some_and(u8::is_ascii_alphabetic) {
            plain &= q != 0x2019;
            lower.push(b'\'');
            at.step(qn);
        } else {
            return plain;
        }
    }
}

/// `[^\sA-Za-z]+` from `at`. With `lower`: the token lowercased there (`’` as `'`), and
/// (unchanged by lowercasing, lowercase all ASCII: the model's words are ASCII).
fn other(b: &[u8], at: &mut Cursor, mut lower: Option<&mut Vec<u8>>) -> (bool, bool) {
    let (mut unchanged, mut ascii) = (true, true);
    if let Some(low) = lower.as_deref_mut() {
        low.clear();
    }
    while at.i < b.len() {
        let (x, xn) = next_cp(b, at.i);
        if is_py_space(x) || is_ascii_letter(x) {
            break;
        }
        if let Some(low) = lower.as_deref_mut() {
            match char::from_u32(x) {
                Some('\u{2019}') => {
                    unchanged = false;
                    low.push(b'\'');
                }
                Some(ch) => {
                    let mut folded = ch.to_lowercase();
                    unchanged &= folded.len() == 1 && folded.next() == Some(ch);
                    for l in ch.to_lowercase() {
                        let mut buf = [0u8; 4];
                        let enc = l.encode_utf8(&mut buf);
                        ascii &= enc.len() == 1;
                        low.extend_from_slice(enc.as_bytes());
                    }
                }
                None => ascii = false, // a surrogate: no model word holds one
            }
        }
        at.step(xn);
    }
    (unchanged, ascii)
}

/// One misfit: (start, end, restored original's word id or -1, margin, rare, token index,
/// frequency margin: `frequency` for an ill-fitting word, 0 for a rare synonym).
pub type Misfit = (usize, usize, i64, f64, bool, usize, f64);
/// A scan: (misfits, judged, pairs of model words, pairs never seen, deletable judged words).
pub type Scan = (Vec<Misfit>, usize, usize, usize, usize);

/// `spin_model.DELETABLE`: how much more probable (log10) the text must read without a word.
const DELETABLE: f64 = 2.0;

/// `spin_model.AMBIGUOUS`: how much better (log10) a restored original must fit than the next.
const AMBIGUOUS: f64 = 0.5;

/// How many tokens ahead the scan asks for the pairs it will read (`Model::prefetch`).
const AHEAD: usize = 4;

/// A prefetch: only a hint to the processor, a no-op elsewhere than x86-64.
#[inline(always)]
fn hint(at: *const i8) {
    #[cfg(target_arch = "x86_64")]
    // Safety: a prefetch reads nothing and cannot fault; `at` points into the table anyway.
    unsafe {
        std::arch::x86_64::_mm_prefetch(at, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

const CORRUPT: &str = "an index outside the table";

pub struct Model<'a> {
    pub data: &'a [u8],
    pub t: &'a Tables,
    pub known: i64,
    dense: Option<&'a Dense>,
}

impl<'a> Model<'a> {
    /// The model over `data`, with its dense rows and columns once `words` is warm (building
    /// them costs ~10 ms, which a one-file run would pay for nothing).
    pub fn new(data: &'a [u8], t: &'a Tables, words: &Words) -> Model<'a> {
        let mut model = Model { data, t, known: words.known.len() as i64, dense: None };
        if words.warm() {
            model.dense = t.dense.get_or_init(|| Dense::build(&model, t)).as_ref();
        }
        model
    }

    #[inline(always)]
    fn at(&self, a: &Array, i: i64) -> Option<i64> {
        if i < 0 {
            return None;
        }
        a.get(self.data, i as usize)
    }

    /// The stored log10 P(b | a) * quant, or None when the model has not seen the pair.
    #[inline]
    fn bigram(&self, a: i64, b: i64) -> Option<Option<i64>> {
        if let Some(found) = self.dense.and_then(|d| d.get(a, b)) {
            return Some(found);
        }
        let t = self.t;
        let lo = self.at(&t.bigram_offsets, a)?;
        let hi = self.at(&t.bigram_offsets, a + 1)?;
        // bisect_left(second, b, lo, hi): the first place holding b or more. Ids in a row are
        // spread over the whole vocabulary, so an interpolated guess lands near b; steps
        // alternate with halving, so a skewed row costs at most twice a plain bisection (a
        // row of 20,000 pairs took ten cache misses to bisect, most of a scan's time).
        let (mut l, mut h) = (lo, hi);
        let mut guess = true;
        while l < h {
            let mid = if guess && h - l > 16 {
                let (vl, vh) = (self.at(&t.bigram_second, l)?, self.at(&t.bigram_second, h - 1)?);
                if b <= vl {
                    break; // l is the answer
                }
                if b > vh {
                    l = h;
                    break;
                }
                // vl < b <= vh: a place in [l, h - 1]
                // (an i128 product cost a library division call; a product past u64 halves)
                match ((b - vl) as u64).checked_mul((h - 1 - l) as u64) {
                    Some(n) => l + (n / (vh - vl) as u64) as i64,
                    None => l + (h - l) / 2,
                }
            } else {
                l + (h - l) / 2
            };
            guess = !guess;
            if self.at(&t.bigram_second, mid)? < b {
                l = mid + 1;
            } else {
                h = mid;
            }
        }
        if l < hi && self.at(&t.bigram_second, l)? == b {
            return Some(Some(self.at(&t.bigram_logprob, l)?));
        }
        Some(None)
    }

    #[inline]
    fn logprob(&self, a: i64, b: i64) -> Option<(f64, bool)> {
        if let Some(v) = self.bigram(a, b)? {
            return Some((v as f64 / self.t.quant, true));
        }
        let sum = self.at(&self.t.backoff, a)? + self.at(&self.t.unigram, b)?;
        Some((sum as f64 / self.t.quant, false))
    }

    /// Ask the memory for what `logprob(a, b)` reads first (its dense byte, or its row's
    /// offsets), so that a word's dozen neighbours wait for their cache misses side by side
    /// rather than one after another: the table is 8 MB, read at random.
    #[inline(always)]
    fn prefetch(&self, a: i64, b: i64) {
        match self.dense.and_then(|d| d.place(a, b)) {
            Some(at) => hint(at),
            None => self.hint_at(&self.t.bigram_offsets, a),
        }
    }

    /// `hint` at item `i` of `a`, when there is one.
    #[inline(always)]
    fn hint_at(&self, a: &Array, i: i64) {
        if let Some(i) = usize::try_from(i).ok().filter(|&i| i < a.count) {
            hint(self.data[a.offset + i * a.width..].as_ptr() as *const i8);
        }
    }

    fn neighbours(&self, w: i64) -> Option<std::ops::Range<i64>> {
        let lo = self.at(&self.t.neighbour_offsets, w)?.max(0);
        let hi = self.at(&self.t.neighbour_offsets, w + 1)?.min(self.t.neighbours.count as i64);
        Some(lo..hi.max(lo))
    }

    /// `prefetch` for each neighbour `c` of `w` between `p` and `q`.
    fn prefetch_around(&self, p: i64, w: i64, q: i64) {
        let Some(range) = self.neighbours(w) else { return };
        for k in range {
            if let Some(c) = self.at(&self.t.neighbours, k) {
                self.prefetch(p, c);
                self.prefetch(c, q);
            }
        }
    }

    /// `spin_model._better`: how much better (log10) the best neighbour of `w` fits between `p`
    /// and `q`, when that is more than `margin` and the model has not seen `w` beside both.
    /// `left` and `right`: `logprob(p, w)` and `logprob(w, q)`, which the scan has read already.
    fn better(&self, p: i64, w: i64, q: i64, margin: f64, left: (f64, bool), right: (f64, bool)) -> Option<Option<f64>> {
        let ((left, seen_left), (right, seen_right)) = (left, right);
        if seen_left && seen_right {
            return Some(None);
        }
        let mut best: Option<f64> = None;
        self.prefetch_around(p, w, q);
        for k in self.neighbours(w)? {
            let c = self.at(&self.t.neighbours, k)?;
            let score = self.logprob(p, c)?.0 + self.logprob(c, q)?.0;
            if best.is_none_or(|b| score > b) {
                best = Some(score);
            }
        }
        // Python's `best - (left + right) <= margin` rejects: a NaN margin rejects nothing.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        Some(match best {
            Some(b) if !(b - (left + right) <= margin) => Some(b - (left + right)),
            _ => None,
        })
    }

    /// `spin_model._restore`: the neighbour of `w` that fits best between `p` and `q`, when the
    /// model has seen it beside both and it leads the next neighbour by `AMBIGUOUS`; -1 else.
    fn restore(&self, p: i64, w: i64, q: i64) -> Option<i64> {
        let (mut best, mut second) = (-1e9f64, -1e9f64);
        let mut found = -1i64;
        for k in self.neighbours(w)? {
            let c = self.at(&self.t.neighbours, k)?;
            let (left, seen_left) = self.logprob(p, c)?;
            let (right, seen_right) = self.logprob(c, q)?;
            let score = left + right;
            if score > best {
                (second, best) = (best, score);
                found = if seen_left && seen_right { c } else { -1 };
            } else if score > second {
                second = score;
            }
        }
        Some(if best - second >= AMBIGUOUS { found } else { -1 })
    }

    /// `counted.frequency_margin`: how much better (log10) the best neighbour `c` of `w` fits
    /// between `p` and `q` than `w` does, each less its own unigram log-probability. The same
    /// float64 operations in the same order as the Python (`max` keeps the first of equals).
    fn frequency(&self, p: i64, w: i64, q: i64) -> Option<f64> {
        let fit = |c: i64| -> Option<f64> {
            Some(self.logprob(p, c)?.0 + self.logprob(c, q)?.0 - self.at(&self.t.unigram, c)? as f64 / self.t.quant)
        };
        let mut best: Option<f64> = None;
        for k in self.neighbours(w)? {
            let score = fit(self.at(&self.t.neighbours, k)?)?;
            if best.is_none_or(|b| score > b) {
                best = Some(score);
            }
        }
        Some(best.unwrap_or(-1e9) - fit(w)?)
    }

    /// `spin_model.misfits` without the Python objects: the misfits (each with its token index,
    /// for `_trusted_context`, and its frequency margin, for NL203's `counted`), how many words
    /// were judged, how many adjacent pairs of model words were read and how many of them the
    /// model has never seen; and the token ids as native int32 bytes, which NL203 and NL204 read
    /// around a misfit. The text is tokenised `window` bytes at a time (`cut`), the last two
    /// tokens of a window kept as the next one's context: a big file holds one window's token
    /// vectors (32 bytes a token) and 4 bytes a token of ids, not 36 bytes a token at once.
    pub fn misfits(&self, b: &[u8], words: &Words, margin: f64, window: usize) -> Result<(Scan, Vec<u8>), &'static str> {
        let mut tok = Tokenizer::new(b, words);
        let (mut ids, mut spans) = (vec![tok.start_id], vec![(0, 0, false)]);
        let mut all: Vec<u8> = Vec::new(); // every token's id, int32 bytes
        let (mut base, mut next) = (0, 1); // the token index of ids[0]; the next token to judge
        let known = self.known;
        let mut out = Vec::new();
        let (mut judged, mut pairs, mut unseen, mut deletable) = (0, 0, 0, 0);
        let drop = DELETABLE * self.t.quant;
        let mut left: Option<i64> = None;
        let mut carried: Option<(usize, Option<i64>)> = None; // (token, its `left`) read as a `right`
        loop {
            tok.fill(cut(b, tok.at.i, window), &mut ids, &mut spans);
            let done = tok.done();
            if done {
                ids.push(tok.end_id);
                spans.push((0, 0, false));
            }
            for &id in &ids[all.len() / 4 - base..] {
                all.extend_from_slice(&(id as i32).to_ne_bytes());
            }
            // each token with both neighbours in the window (the window's last waits for the next)
            for i in next..base + ids.len() - 1 {
                let l = i - base;
                let (w, p, q) = (ids[l], ids[l - 1], ids[l + 1]);
                if let Some(&[p, w, q]) = ids.get(l + AHEAD - 1..l + AHEAD + 2) {
                    // the three pairs a judged word reads, a few tokens ahead
                    self.prefetch(p, w);
                    self.prefetch(w, q);
                    self.prefetch(p, q);
                }
                if (0..known).contains(&p) && (0..known).contains(&w) {
                    pairs += 1;
                    left = match carried {
                        Some((at, pair)) if at == i => pair,
                        _ => self.bigram(p, w).ok_or(CORRUPT)?,
                    };
                    unseen += left.is_none() as usize;
                }
                if w < 0 || p < 0 || q < 0 || p >= known || q >= known || !spans[l].2 {
                    continue;
                }
                judged += 1;
                let (s, e, _) = spans[l];
                if w >= known {
                    let found = self.restore(p, w, q).ok_or(CORRUPT)?;
                    out.push((s, e, found, 0.0, true, i, 0.0));
                    continue;
                }
                // Quantised log-probabilities summed as integers, as Python does: equal counts.
                let right = self.bigram(w, q).ok_or(CORRUPT)?;
                carried = Some((i + 1, right)); // the next token's `left`: the same pair
                let skip = self.bigram(p, q).ok_or(CORRUPT)?;
                let back = |a: i64, b: i64| -> Option<i64> { Some(self.at(&self.t.backoff, a)? + self.at(&self.t.unigram, b)?) };
                let ql = match left { Some(v) => v, None => back(p, w).ok_or(CORRUPT)? };
                let qr = match right { Some(v) => v, None => back(w, q).ok_or(CORRUPT)? };
                let without = match skip { Some(v) => v, None => back(p, q).ok_or(CORRUPT)? };
                deletable += ((without - (ql + qr)) as f64 > drop) as usize;
                if left.is_some() && right.is_some() {
                    continue; // seen beside both: not a misfit (`better` would say so)
                }
                let sides = ((ql as f64 / self.t.quant, left.is_some()), (qr as f64 / self.t.quant, right.is_some()));
                if let Some(m) = self.better(p, w, q, margin, sides.0, sides.1).ok_or(CORRUPT)? {
                    let restored = self.restore(p, w, q).ok_or(CORRUPT)?;
                    let frequency = self.frequency(p, w, q).ok_or(CORRUPT)?;
                    out.push((s, e, restored, m, false, i, frequency));
                }
            }
            if done {
                break;
            }
            next = next.max(base + ids.len() - 1);
            let keep = next - 1 - base; // the tokens before the next one's left neighbour go
            ids.drain(..keep);
            spans.drain(..keep);
            base += keep;
        }
        Ok(((out, judged, pairs, unseen, deletable), all))
    }
}
