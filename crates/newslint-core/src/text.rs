//! Text as Python gives it: UTF-8 bytes in which a lone surrogate may appear as its three-byte
//! "surrogatepass" form. Offsets handed back to Python count code points, as `str` indexes do.

/// The code point at byte `i` and its length in bytes. Never panics: a malformed byte (none come
/// from a Python `str`) is read as U+FFFD, one byte long. Surrogates come back as their values.
#[inline]
pub fn next_cp(b: &[u8], i: usize) -> (u32, usize) {
    let lead = match b.get(i) {
        Some(&x) => x,
        None => return (0xFFFD, 1),
    };
    if lead < 0x80 {
        return (lead as u32, 1);
    }
    let (len, init) = if lead & 0xE0 == 0xC0 {
        (2, (lead & 0x1F) as u32)
    } else if lead & 0xF0 == 0xE0 {
        (3, (lead & 0x0F) as u32)
    } else if lead & 0xF8 == 0xF0 {
        (4, (lead & 0x07) as u32)
    } else {
        return (0xFFFD, 1);
    };
    let mut cp = init;
    for k in 1..len {
        match b.get(i + k) {
            Some(&c) if c & 0xC0 == 0x80 => cp = (cp << 6) | (c & 0x3F) as u32,
            _ => return (0xFFFD, 1),
        }
    }
    (cp, len)
}

/// `str.isspace()` (and `\s` of Python's `re` on `str`), as of Python 3.11.
#[inline]
pub fn is_py_space(c: u32) -> bool {
    matches!(c, 0x09..=0x0D | 0x1C..=0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029
        | 0x202F | 0x205F | 0x3000)
}

#[inline]
pub fn is_ascii_letter(c: u32) -> bool {
    (c | 0x20).wrapping_sub(b'a' as u32) < 26
}

/// `str.isalpha()` of one character, closely enough for its one use (see `spin::tokens`).
#[inline]
pub fn is_alpha(c: u32) -> bool {
    char::from_u32(c).is_some_and(char::is_alphabetic)
}

/// CRC-32 (IEEE, as `zlib.crc32`).
pub fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (n, slot) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc = table[((crc ^ byte as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc ^ 0xFFFF_FFFF
}

/// The typographic marks that `newslint.api.phrases.spaced_words` turns into spaces, as UTF-8.
pub const TYPOGRAPHY: [&[u8]; 10] = [
    "\u{201c}".as_bytes(), "\u{201d}".as_bytes(), "\u{2018}".as_bytes(), "\u{2019}".as_bytes(),
    "\u{2014}".as_bytes(), "\u{2013}".as_bytes(), "\u{2026}".as_bytes(), "\u{00ab}".as_bytes(),
    "\u{00bb}".as_bytes(), "\u{00a0}".as_bytes(),
];

/// The words of `spaced_words(lowered).split()` (keep = "_", the usual marks) as byte ranges.
pub fn spaced_words(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let byte = b[i];
        let sep_len = if byte < 0x80 {
            if byte.is_ascii_alphanumeric() || byte == b'_' { 0 } else { 1 }
        } else if matches!(byte, 0xC2 | 0xE2) {
            TYPOGRAPHY.iter().find(|m| b[i..].starts_with(m)).map_or(0, |m| m.len())
        } else {
            0
        };
        if sep_len > 0 {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            i += sep_len;
        } else {
            if start.is_none() {
                start = Some(i);
            }
            i += 1;
        }
    }
    if let Some(s) = start {
        out.push((s, b.len()));
    }
    out
}
