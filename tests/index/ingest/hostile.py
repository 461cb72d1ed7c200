"""A local server for the fetch tests that answers as an attacker or a broken site would.

`HostileSite` serves on 127.0.0.1 from a thread (http.server). Each route is a function
that writes a whole answer, raw bytes and all, so a test can drip headers, send a
compression bomb, lie about a charset or stream a feed that never ends. Every answer that
waits stops by itself after `HANG_SECONDS`, so a client that fails to give up cannot keep
the test run alive.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG_SECONDS = 40.0
Route = Callable[[BaseHTTPRequestHandler], None]


def answer(handler: BaseHTTPRequestHandler, body: bytes, content_type: str = "text/html",
           headers: dict[str, str] | None = None, status: int = 200) -> None:
    """A complete, ordinary answer."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def page(title: str, paragraphs: list[str], head: str = "") -> str:
    """An article page with enough text for the extractor to keep it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head>{head}<title>{title}</title></head><body><main>"
            f"<article><h1>{title}</h1>{body}</article></main></body></html>")


def gzip_bomb(size: int, layers: int = 2) -> bytes:
    """`size` bytes of zeros gzipped `layers` times: a few kilobytes on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1024 * 1024)
    data = b"".join(compressor.compress(block) for _ in range(size // len(block)))
    data += compressor.flush()
    for _ in range(layers - 1):
        data = gzip.compress(data, 9)
    return data


def drip(handler: BaseHTTPRequestHandler, head: bytes, byte: bytes, every: float) -> None:
    """Send `head`, then `byte` every `every` seconds until the client leaves."""
    stop = time.monotonic() + HANG_SECONDS
    try:
        handler.wfile.write(head)
        handler.wfile.flush()
        while time.monotonic() < stop:
            time.sleep(every)
            handler.wfile.write(byte)
            handler.wfile.flush()
    except OSError:
        pass  # the client gave up, as it should


class HostileSite:
    """`with HostileSite({"/path": route, ...}) as site:`; `site.url(path)` is a full URL."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                site.hits.append(self.path)
                route = site.routes.get(self.path.split("?")[0])
                if route is None:
                    answer(self, b"not found", "text/plain", status=404)
                else:
                    route(self)
                self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_port

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> HostileSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


# What a feed or a page can put in an outlet name or a title to forge what is shown: an ESC
# colour sequence, the 8-bit CSI, a right-to-left override, a bidi isolate, and a newline
# starting a line of its own.
FORGERY = "\x1b[31m\x9b2J\u202eswen\u2066\nFORGED line\r\x07"
SHOWN_FIELDS = frozenset({"source", "sources", "title", "story_title", "about", "quote",
                          "authorities", "question", "notice", "counted", "reason", "warnings",
                          "error", "status", "name", "roles", "quotes", "date", "author"})


def poison(value, field: str | None = None):
    """`value` with FORGERY appended to every string a renderer shows (SHOWN_FIELDS)."""
    import dataclasses

    if isinstance(value, str):
        return value + FORGERY if field in SHOWN_FIELDS else value
    if isinstance(value, tuple | list):
        return type(value)(poison(item, field) for item in value)
    if isinstance(value, dict):
        return {key: poison(item, field) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: poison(getattr(value, f.name), f.name)
                                             for f in dataclasses.fields(value) if f.init})
    return value


def forged(text: str) -> list[str]:
    """What in `text` would forge the display: control and bidi characters (other than the
    renderer's own line breaks), and lines that start with the forged text."""
    controls = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - {"\n"}
    bidi = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
               "\u2028\u2029")
    found = [f"U+{ord(c):04X}" for c in text if c in controls or c in bidi]
    return found + [line for line in text.splitlines() if line.startswith("FORGED")]
