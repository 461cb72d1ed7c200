"""A local news site for the web tests: saved pages, a feed, and hostile answers.

`NewsSite` serves on 127.0.0.1 from a thread (http.server): article pages wrapped in the
furniture real sites have (navigation, a cookie banner, related links, comments, a
footer), an RSS feed that honours If-None-Match, a 50 MB page, an image, a failing feed and
a redirect to the cloud metadata address. It counts requests and keeps their headers.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAV = ("<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news section</a></li>"
       "<li><a href='/sport'>Sport and football results</a></li></ul></nav>")
COOKIES = ("<div id='cookie-banner' class='cookie-consent'><p>We use cookies to improve your "
           "experience and show personalised advertising. By continuing you accept all "
           "cookies.</p><button>Accept all cookies</button></div>")
RELATED = ("<aside class='related'><h3>Related stories</h3><ul><li><a href='/x'>Celebrity chef "
           "opens third restaurant downtown</a></li><li><a href='/y'>Ten gadgets for a "
           "smarter kitchen this winter</a></li></ul></aside>")
COMMENTS = ("<section id='comments' class='comments'><h3>42 comments</h3><div class='comment'>"
            "<p>Unbelievable, the government is lying again about everything - posted by "
            "angry_reader_77</p></div></section>")
FOOTER = "<footer><p>© 2022 Steppe Herald Media Group. All rights reserved.</p></footer>"

# Every phrase of the furniture above that must never reach a passage.
FURNITURE = ("World news section", "We use cookies", "Accept all cookies", "Celebrity chef",
             "smarter kitchen", "angry_reader_77", "government is lying", "All rights reserved")


def article_page(title: str, site: str, date: str, url: str, author: str,
                 paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title} | {site}"
            f"</title><meta property='og:site_name' content='{site}'><meta name='author' "
            f"content='{author}'><meta property='article:published_time' content='{date}"
            f"T09:30:00Z'><link rel='canonical' href='{url}'></head><body>{NAV}{COOKIES}"
            f"<main><article><h1>{title}</h1><p class='byline'>By {author}</p>{body}"
            f"</article>{RELATED}{COMMENTS}</main>{FOOTER}</body></html>")


OFFICERS = article_page(
    "Kazakhstan unrest: 26 police officers killed, ministry says", "Steppe Herald",
    "2022-01-07", "https://steppe-herald.example/kz-officers", "Aigerim Bek", [
        "Twenty-six police officers were killed in the unrest in Almaty, the interior "
        "ministry said on Friday, a sharp rise on the toll given a day earlier.",
        "The ministry said more than 4,000 people had been detained across the country as "
        "security forces regained control of the city's main square.",
        "Residents described gunfire through the night near the mayor's office, which was "
        "set on fire by crowds on Wednesday.",
    ])
ENTRIES = [article_page(
    f"Flood update {n}: river crest passes the old bridge", "Valley Courier", f"2023-05-0{n}",
    f"https://valley.example/flood-{n}", "Tom Reed", [
        f"At least {40 + n} families were evacuated from the lower town overnight, the fire "
        "service said, as the river crest passed the old bridge.",
        "Volunteers filled sandbags at the community hall until the early morning, and "
        "the council opened two schools as shelters for the night.",
    ]) for n in (1, 2)]


def feed_xml(base: str) -> str:
    items = "".join(
        f"<item><title>Flood update {n}</title><link>{base}/entry-{n}.html</link>"
        f"<guid>valley-flood-{n}</guid><pubDate>Mon, 0{n} May 2023 08:00:00 GMT</pubDate>"
        "<description>Short teaser.</description></item>" for n in (1, 2))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Valley Courier</title>"
            f"<link>{base}/</link><description>News</description>{items}</channel></rss>")


class NewsSite:
    """Start with `with NewsSite() as site:`; `site.url(path)` is a full URL."""

    ETAG = '"feed-v1"'

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append((self.path, dict(self.headers)))
                site.answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        pages = {"/officers.html": OFFICERS, "/entry-1.html": ENTRIES[0],
                 "/entry-2.html": ENTRIES[1]}
        if path in pages:
            self.send(handler, 200, "text/html; charset=utf-8", pages[path].encode())
        elif path == "/feed.xml":
            if handler.headers.get("If-None-Match") == self.ETAG:
                self.send(handler, 304, None, b"")
            else:
                self.send(handler, 200, "application/rss+xml",
                          feed_xml(self.url("")).encode(), {"ETag": self.ETAG})
        elif path == "/plain-feed.xml":  # a server that ignores conditional requests
            self.send(handler, 200, "application/rss+xml", feed_xml(self.url("")).encode())
        elif path == "/broken-feed.xml":
            self.send(handler, 500, "text/plain", b"internal error")
        elif path == "/huge.html":
            self.stream_huge(handler)
        elif path == "/photo.png":
            self.send(handler, 200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(2000))
        elif path == "/to-metadata":
            self.send(handler, 302, "text/html", b"", {"Location": "http://169.254.169.254/"})
        elif path == "/to-file":
            self.send(handler, 302, "text/html", b"", {"Location": "file:///etc/passwd"})
        else:
            self.send(handler, 404, "text/plain", b"not found")

    @staticmethod
    def send(handler, status: int, content_type: str | None, body: bytes,
             headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        if content_type:
            handler.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if body:
            handler.wfile.write(body)

    @staticmethod
    def stream_huge(handler) -> None:
        """50 MB of page, sent without a Content-Length: only reading it shows its size."""
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"<p>" + b"filler text " * 5000 + b"</p>"
        try:
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                handler.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
