"""Just enough PDF reading for tests: the text a reportlab document shows, through the ToUnicode maps
of its embedded font subsets (no pdftotext or PDF library is installed)."""

from __future__ import annotations

import base64
import re
import zlib

OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
STREAM = re.compile(rb"stream\r?\n", re.S)
LENGTH = re.compile(rb"/Length (\d+)")


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in OBJ.finditer(data)}


def _stream(obj: bytes) -> bytes:
    m = STREAM.search(obj)
    length = LENGTH.search(obj)
    if not m or not length:
        return b""
    head = obj[:m.start()]
    raw = obj[m.end():m.end() + int(length.group(1))]
    if b"/ASCII85Decode" in head:
        raw = base64.a85decode(raw.strip().removesuffix(b"~>"), adobe=False)
    if b"/FlateDecode" in head:
        raw = zlib.decompress(raw)
    return raw


def _cmap(text: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    return out


def _unescape(s: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == 0x5C:  # backslash
            i += 1
            nxt = s[i:i + 1]
            if nxt.isdigit():
                octal = re.match(rb"[0-7]{1,3}", s[i:]).group(0)  # type: ignore[union-attr]
                out.append(int(octal, 8))
                i += len(octal)
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}.get(nxt, nxt)
        else:
            out.append(c)
        i += 1
    return bytes(out)


def pdf_text(data: bytes) -> str:
    """The text of every page, each shown string decoded with its font's ToUnicode map."""
    objects = _objects(data)
    fonts: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        name = re.search(rb"/Name\s*/(\S+?)[\s/>]", body)
        to_unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", body)
        if name and to_unicode:
            fonts[name.group(1)] = _cmap(_stream(objects[int(to_unicode.group(1))]))
    text: list[str] = []
    for body in objects.values():
        content = _stream(body)
        if b" Tj" not in content and b"TJ" not in content:
            continue
        font: dict[int, str] = {}
        for token in re.finditer(rb"/(\S+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj|T\*|ET", content, re.S):
            if token.group(1):
                font = fonts.get(token.group(1), {})
            elif token.group(2) is not None:
                raw = _unescape(token.group(2))
                text.append("".join(font.get(b, chr(b)) for b in raw) if font else raw.decode("latin-1"))
            else:
                text.append("\n")
    return "".join(text)
