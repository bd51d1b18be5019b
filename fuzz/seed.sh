#!/usr/bin/env bash
# Builds the fuzz corpora from the repository's fixtures (they are not committed):
#   fuzz/corpus/text      corpus/*.txt, tests/fixtures/encodings/*, tests/fixtures/bad/*.txt
#   fuzz/corpus/docx      tests/fixtures/docx/*.docx, tests/fixtures/bad/*.docx
#   fuzz/corpus/docx_xml  document.xml 0xFF numbering.xml 0xFF styles.xml of each fixture .docx
# Files over the target's -max_len (text 16384, docx 65536 bytes) are cut into
# pieces at line breaks (text) or skipped (docx); files over 200 KB are skipped.
# Usage: bash fuzz/seed.sh   (from anywhere; needs python3, stdlib only)
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import glob, hashlib, io, os, zipfile

MAX_SEED = 200 * 1024
TEXT_LEN, DOCX_LEN = 16384, 65536

def put(dir, data):
    os.makedirs(dir, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(dir, name), "wb") as f:
        f.write(data)

def pieces(data, limit):
    """Cuts bytes into pieces of at most `limit` bytes at line breaks.
    UTF-16 input (BOM or NULs) is cut at even offsets after a "\\n" unit."""
    if len(data) <= limit:
        return [data]
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1:200:2].count(0) > 50 or data[0:200:2].count(0) > 50
    step = 2 if utf16 else 1
    out, start = [], 0
    while start < len(data):
        end = min(start + limit, len(data))
        if end < len(data):
            cut = end
            while cut > start + step:
                if utf16 and cut % 2 == 0 and b"\n" in data[cut - 2:cut]:
                    break
                if not utf16 and data[cut - 1] == 0x0A:
                    break
                cut -= step
            end = cut if cut > start + step else end - (end - start) % step
        out.append(data[start:end])
        start = end
    return out

n = {"text": 0, "docx": 0, "docx_xml": 0}
texts = glob.glob("../corpus/*.txt") + glob.glob("../tests/fixtures/encodings/*.txt") + glob.glob("../tests/fixtures/bad/*.txt")
for path in sorted(texts):
    if os.path.getsize(path) > MAX_SEED:
        continue
    for p in pieces(open(path, "rb").read(), TEXT_LEN):
        put("corpus/text", p); n["text"] += 1

docxs = sorted(glob.glob("../tests/fixtures/docx/*.docx") + glob.glob("../tests/fixtures/bad/*.docx"))
for path in docxs:
    data = open(path, "rb").read()
    if len(data) <= DOCX_LEN:
        put("corpus/docx", data); n["docx"] += 1
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
        if "word/document.xml" not in names:
            continue
        parts = [z.read("word/document.xml")]
        for extra in ("word/numbering.xml", "word/styles.xml"):
            parts.append(z.read(extra) if extra in names else b"")
        if sum(map(len, parts)) > MAX_SEED:
            continue
        seed = b"\xff".join(parts)
        if len(seed) > DOCX_LEN:
            seed = b"\xff".join(parts[:2])  # styles are the largest part and the least interesting
        if len(seed) <= DOCX_LEN:
            put("corpus/docx_xml", seed); n["docx_xml"] += 1
        # The document part alone, too: small seeds mutate faster.
        if len(parts[0]) <= DOCX_LEN:
            put("corpus/docx_xml", parts[0]); n["docx_xml"] += 1
    except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, OSError):
        pass
print(", ".join(f"{k}: {v} seeds" for k, v in n.items()))
PY
