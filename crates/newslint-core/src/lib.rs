//! newslint's optional compiled core (see docs/core.md). Python keeps the rules; this module does
//! the per-word work and hands back compact results: offsets, ids, bytes. Each heavy call reads
//! its input with the GIL released, so `-j` threads can run it side by side.

use std::borrow::Cow;

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

mod dense;
mod language;
mod minhash;
mod perm;
mod pyunicode;
pub mod spin;
pub mod text;

/// The UTF-8 bytes of a `str`; a string holding lone surrogates is encoded with "surrogatepass",
/// the way the pure-Python code encodes text (newslint.api.phrases.spaced_words).
fn utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, [u8]>> {
    match s.to_str() {
        Ok(text) => Ok(Cow::Borrowed(text.as_bytes())),
        Err(_) => {
            let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            Ok(Cow::Owned(encoded.cast_into::<PyBytes>()?.as_bytes().to_vec()))
        }
    }
}

/// A big `str`'s UTF-8 without leaving a copy on it: an ASCII str's own bytes, else a bytes
/// object that lives as long as the call (`to_str` would cache the UTF-8 of a non-ASCII str on
/// it as long as it lives: a big file's prose, its size again for the rest of its checks). Lone
/// surrogates are encoded with "surrogatepass", as `utf8` does.
enum Transient<'a, 'py> {
    Ascii(&'a str),
    Encoded(Bound<'py, PyBytes>),
}

impl<'a, 'py> Transient<'a, 'py> {
    fn new(s: &'a Bound<'py, PyString>) -> PyResult<Transient<'a, 'py>> {
        if s.call_method0("isascii")?.is_truthy()? {
            return Ok(Transient::Ascii(s.to_str()?)); // an ASCII str's data: no copy, no cache
        }
        Ok(Transient::Encoded(s.call_method1("encode", ("utf-8", "surrogatepass"))?.cast_into::<PyBytes>()?))
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Transient::Ascii(text) => text.as_bytes(),
            Transient::Encoded(bytes) => bytes.as_bytes(),
        }
    }
}

/// `newslint.families.repetition.minhash.words` + `shingle_hashes` + `signature` on already lowercased text: the
/// signature as bytes, or None under `min_words` words or without a single shingle.
#[pyfunction]
#[pyo3(signature = (lowered, size, min_words = 0))]
fn minhash_signature<'py>(py: Python<'py>, lowered: &Bound<'py, PyString>, size: usize, min_words: usize)
    -> PyResult<Option<Bound<'py, PyBytes>>> {
    let bytes = utf8(lowered)?;
    let data: &[u8] = &bytes;
    let sig = py.detach(|| {
        let (count, hashes) = minhash::shingle_hashes(data, size);
        if count < min_words { None } else { minhash::signature(&hashes) }
    });
    Ok(sig.map(|s| PyBytes::new(py, &s)))
}

/// The shingle hashes of `lowered` as little-endian u64 bytes (for the differential test).
#[pyfunction]
fn shingle_hashes<'py>(py: Python<'py>, lowered: &Bound<'py, PyString>, size: usize) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = utf8(lowered)?;
    let data: &[u8] = &bytes;
    let out: Vec<u8> = py.detach(|| minhash::shingle_hashes(data, size).1.iter().flat_map(|h| h.to_le_bytes()).collect());
    Ok(PyBytes::new(py, &out))
}

/// Byte spans of `spaced_words(lowered).split()`, flattened (start, end, start, end, ...) as
/// little-endian u32 bytes: offsets into the "surrogatepass" UTF-8 of `lowered`.
#[pyfunction]
fn word_spans<'py>(py: Python<'py>, lowered: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = utf8(lowered)?;
    let data: &[u8] = &bytes;
    let out: Vec<u8> = py.detach(|| {
        text::spaced_words(data).iter().flat_map(|&(s, e)| [s as u32, e as u32]).flat_map(u32::to_le_bytes).collect()
    });
    Ok(PyBytes::new(py, &out))
}

/// The spin table (`rules/data/spin-lm.bin`, memory-mapped by Python) and its word list.
#[pyclass(frozen, module = "newslint_core")]
struct SpinModel {
    buffer: PyBuffer<u8>,
    tables: spin::Tables,
    words: spin::Words,
}

fn table(arrays: &[(String, String, usize, usize)], name: &str, total: usize) -> PyResult<spin::Array> {
    let (_, dtype, offset, count) = arrays.iter().find(|a| a.0 == name)
        .ok_or_else(|| PyValueError::new_err(format!("spin table: no array {name}")))?;
    spin::Array::new(dtype, *offset, *count, total).map_err(|e| PyValueError::new_err(format!("spin table: {e}")))
}

#[pymethods]
impl SpinModel {
    /// `buffer`: the whole table; `arrays`: (name, dtype, byte offset in `buffer`, count).
    #[new]
    fn new(buffer: &Bound<'_, PyAny>, arrays: Vec<(String, String, usize, usize)>, words: String, known: usize,
           quant: f64) -> PyResult<SpinModel> {
        let buffer = PyBuffer::<u8>::get(buffer)?;
        if !buffer.is_c_contiguous() {
            return Err(PyValueError::new_err("spin table: buffer not contiguous"));
        }
        let total = buffer.len_bytes();
        let tables = spin::Tables {
            unigram: table(&arrays, "unigram", total)?,
            backoff: table(&arrays, "backoff", total)?,
            bigram_offsets: table(&arrays, "bigram_offsets", total)?,
            bigram_second: table(&arrays, "bigram_second", total)?,
            bigram_logprob: table(&arrays, "bigram_logprob", total)?,
            neighbour_offsets: table(&arrays, "neighbour_offsets", total)?,
            neighbours: table(&arrays, "neighbours", total)?,
            quant,
            dense: Default::default(),
        };
        if !(quant.is_finite() && quant != 0.0) {
            return Err(PyValueError::new_err("spin table: bad quant"));
        }
        let words = spin::Words::new(words, known);
        if !words.sorted() {
            return Err(PyValueError::new_err("spin table: word list not sorted"));
        }
        Ok(SpinModel { buffer, tables, words })
    }

    /// (misfits, judged, pairs, unseen, deletable, ids) as `newslint.families.spin.model.misfits`
    /// counts them: each misfit (start, end, restored original's id or -1, margin, rare, token
    /// index, frequency margin), offsets in code points of `prose`; `ids` the token ids as native
    /// int32 bytes (`memoryview(ids).cast("i")`: 4 bytes a token, no Python int each). A newline
    /// that only wraps a sentence must come as a space (Python decides which with its own
    /// `str.islower`: `spin_model._unwrapped`).
    /// `window`: bytes of prose tokenised at a time (`spin::WINDOW` unless given; tests give a
    /// tiny one to check that a cut changes nothing).
    #[allow(clippy::type_complexity)]
    #[pyo3(signature = (prose, margin, window = spin::WINDOW))]
    fn misfits<'py>(&self, py: Python<'py>, prose: &Bound<'py, PyString>, margin: f64, window: usize)
        -> PyResult<(Vec<spin::Misfit>, usize, usize, usize, usize, Bound<'py, PyBytes>)> {
        let text = Transient::new(prose)?;
        let data: &[u8] = text.bytes();
        // Safety: the buffer export keeps the memory alive and unmoved while `self` lives, and
        // the table is read-only (Python maps it with ACCESS_READ).
        let table: &[u8] = unsafe { std::slice::from_raw_parts(self.buffer.buf_ptr() as *const u8, self.buffer.len_bytes()) };
        let model = spin::Model::new(table, &self.tables, &self.words);
        let words = &self.words;
        let ((found, judged, pairs, unseen, deletable), ids) = py.detach(|| {
            model.misfits(data, words, margin, window)
        }).map_err(|e| PyValueError::new_err(format!("spin table: {e}")))?;
        Ok((found, judged, pairs, unseen, deletable, PyBytes::new(py, &ids)))
    }

    /// `Model.word_id` (for tests).
    fn word_id(&self, word: &Bound<'_, PyString>) -> PyResult<i64> {
        Ok(self.words.word_id(&utf8(word)?))
    }

    /// Token ids as `spin_model._tokens` makes them (for tests).
    fn token_ids(&self, py: Python<'_>, prose: &Bound<'_, PyString>) -> PyResult<Vec<i64>> {
        let text = Transient::new(prose)?;
        let data: &[u8] = text.bytes();
        let words = &self.words;
        Ok(py.detach(|| spin::tokens(data, words).0))
    }
}

/// The stopword table of `newslint.model.language` (word, language number) for `count`.
#[pyclass(frozen, module = "newslint_core")]
struct Stopwords(language::Stopwords);

#[pymethods]
impl Stopwords {
    #[new]
    fn new(words: Vec<(String, usize)>) -> Stopwords {
        Stopwords(language::Stopwords::new(words))
    }

    /// (words read, [(language number, hits)] in first-hit order), at most `limit` words.
    fn count(&self, py: Python<'_>, prose: &Bound<'_, PyString>, limit: usize) -> PyResult<(usize, Vec<(usize, usize)>)> {
        let bytes = utf8(prose)?;
        let data: &[u8] = &bytes;
        let table = &self.0;
        Ok(py.detach(|| table.count(data, limit)))
    }
}

#[pymodule]
fn newslint_core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ABI", 5)?; // bumped when an entry point changes; newslint.model.core checks it
    m.add_function(wrap_pyfunction!(minhash_signature, m)?)?;
    m.add_function(wrap_pyfunction!(shingle_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(word_spans, m)?)?;
    m.add_class::<SpinModel>()?;
    m.add_class::<Stopwords>()?;
    m.add("UNICODE", pyunicode::UNICODE)?;
    Ok(())
}
