"""A fetched body made text: compression undone within a cap, then decoded to `str`.

Decompression is ours, streaming and capped, whatever library reads the page later: a few
kilobytes of gzip can hold gigabytes (a "zip bomb", and a body gzipped twice hides one
layer from a client that undoes only `Content-Encoding`). Each layer is inflated as the
bytes arrive with `zlib`'s `max_length`, so no call ever produces more than the cap, and
the body is refused as soon as any layer passes it. Only gzip and deflate are asked for.

The charset comes from the HTTP header, then the document's own declaration (a byte-order
mark first, as browsers do; `<meta charset>`, `http-equiv`, an XML declaration), then
detection (`charset_normalizer`). Latin-1 labels mean windows-1252, as on the web.
"""

from __future__ import annotations

import codecs
import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"
MAX_LAYERS = 3  # Content-Encoding layers plus gzip found inside the body
SNIFF_BYTES = 4096
DETECT_BYTES = 200_000
ASCII = bytes(range(128))
FEW_NON_ASCII = 0.02  # at most this share of non-ASCII bytes: Latin text in windows-1252
DECLARED = (re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE),
            re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE))
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
WEB_ALIASES = {"latin1": "cp1252", "latin_1": "cp1252", "ascii": "cp1252",
               "iso8859_1": "cp1252", "iso8859_9": "cp1254", "iso8859_11": "cp874"}


class BodyError(ValueError):
    """A body that cannot be read within the limits; the message completes "<url> ..."."""


class Inflater:
    """Undo one or more compression layers as bytes arrive, never past `cap` bytes out."""

    def __init__(self, encodings: list[str], cap: int) -> None:
        layers = [e for e in reversed(encodings) if e not in ("identity", "")]
        if len(layers) > MAX_LAYERS:
            raise BodyError(f"is compressed {len(layers)} times over: refused.")
        for name in layers:
            if name not in ("gzip", "x-gzip", "deflate"):
                raise BodyError(f"is compressed as {name!r}, which is not read here.")
        self.cap = cap
        self.layers = [_decompressor(name) for name in layers]
        self.made = [0] * len(layers)

    def feed(self, data: bytes) -> bytes:
        for position, layer in enumerate(self.layers):
            if not data:
                break
            room = self.cap - self.made[position]
            try:
                data = layer.decompress(data, room + 1)
            except zlib.error as exc:
                raise BodyError(f"sends a compressed body that is corrupt ({exc}).") from None
            self.made[position] += len(data)
            if self.made[position] > self.cap:
                raise BodyError(f"decompresses to more than the {self.cap // (1024 * 1024)} "
                                "MB a page may be: refused (a compression bomb?).")
        return data


def _decompressor(name: str) -> zlib._Decompress:
    """gzip, or deflate (zlib-wrapped as the standard says; a gzip header is read too)."""
    return zlib.decompressobj(zlib.MAX_WBITS | 16 if "gzip" in name else zlib.MAX_WBITS | 32)


def unwrap(body: bytes, cap: int) -> bytes:
    """The body with gzip found inside it (a page gzipped twice, a `.gz` file) undone."""
    for _ in range(MAX_LAYERS):
        if not body.startswith(GZIP_MAGIC):
            return body
        inflater = Inflater(["gzip"], cap)
        body = inflater.feed(body)
    if body.startswith(GZIP_MAGIC):
        raise BodyError(f"is compressed more than {MAX_LAYERS} times over: refused.")
    return body


def codec(label: str | bytes | None) -> str | None:
    """Python's codec for a charset label, as browsers read it; None if unknown."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name.replace("-", "_")
    except LookupError:
        return None
    return WEB_ALIASES.get(name, name)


def declared(body: bytes) -> str | None:
    """The charset the document declares in its first bytes (BOM, meta, XML declaration)."""
    for bom, name in BOMS:
        if body.startswith(bom):
            return name
    head = body[:SNIFF_BYTES]
    for pattern in DECLARED:
        found = pattern.search(head)
        if found and (label := codec(found.group(1))):
            return "utf_8" if label.startswith(("utf_16", "utf_32")) else label
    return None


def decode(body: bytes, header_charset: str | None) -> str:
    """The body as text: header charset, then the document's declaration, then detection."""
    bom = next((name for mark, name in BOMS if body.startswith(mark)), None)
    name = bom or codec(header_charset) or declared(body) or detect(body)
    return body.decode(name, errors="replace")


def detect(body: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8; windows-1252 (browsers' fallback) when only a
    few letters are not ASCII, as in English or French text, where guessing from so few
    bytes goes wrong; else charset_normalizer's best guess (Cyrillic, Greek, ...)."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    sample = body[:DETECT_BYTES]
    if len(sample.translate(None, ASCII)) <= len(sample) * FEW_NON_ASCII:
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return (best.encoding if best else None) or "cp1252"
