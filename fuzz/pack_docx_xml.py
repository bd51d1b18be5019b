#!/usr/bin/env python3
"""Packs a docx_xml fuzz input into the .docx the target feeds the extractor.

Usage: python3 fuzz/pack_docx_xml.py INPUT OUTPUT.docx
The input is split on 0xFF into word/document.xml, word/numbering.xml and
word/styles.xml (at most three parts; missing ones are left out), stored
uncompressed with the same [Content_Types].xml and relationships as
fuzz_targets/docx_xml.rs.
"""
import io
import sys
import zipfile

CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
ROOT = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
DOC = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>'


def pack(data: bytes) -> bytes:
    parts = data.split(b"\xff", 2)
    names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        def put(name, content):
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), content)
        put("[Content_Types].xml", CT)
        put("_rels/.rels", ROOT)
        put("word/_rels/document.xml.rels", DOC)
        for name, content in zip(names, parts):
            put(name, content)
    return buf.getvalue()


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    with open(sys.argv[2], "wb") as f:
        f.write(pack(data))
