"""Fetching against a hostile server: bombs, dripped headers, lying charsets, disguised
addresses. Every answer comes from a real HTTP server on loopback (`hostile.HostileSite`)."""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import threading
import time

import pytest

from index.adding import fetch_page
from index.ingest import fetch as fetch_module
from index.ingest.fetch import FetchError, check_url, fetch
from tests.index.ingest.hostile import HostileSite, answer, drip, gzip_bomb, page

pytestmark = pytest.mark.fast

PARAGRAPHS = ["Le café de la place Saint-André a rouvert ses portes à Zürich après les "
              "inondations, a déclaré le maire, qui a salué le travail des bénévoles.",
              "Les dégâts sont estimés à plusieurs millions de francs, selon les assureurs "
              "de la région, et la reconstruction durera jusqu'à l'été prochain."]
CYRILLIC = ["Городской совет заявил, что более двухсот семей были эвакуированы из нижней "
            "части города за ночь, когда река вышла из берегов.",
            "Добровольцы наполняли мешки с песком до самого утра, а школы открылись как "
            "временные убежища для жителей."]
FEW_ACCENTS = ["The mayor of the town, José Núñez, said on Monday that the river had risen "
               "above the old bridge and that families in the lower districts were moved to "
               "the school overnight.", "Volunteers filled sandbags until dawn, and the "
               "council said the water would fall by Wednesday, the fire service said."]
BOMB = gzip_bomb(64 * 1024 * 1024)


def routes() -> dict:
    latin = page("Le café rouvre", PARAGRAPHS).encode("latin-1")
    meta = page("Наводнение", CYRILLIC, "<meta charset='windows-1251'>").encode("cp1251")
    lying_meta = page("Flood", FEW_ACCENTS, "<meta charset='utf-8'>").encode("latin-1")
    few = page("Flood", FEW_ACCENTS).encode("latin-1")
    return {
        "/latin1.html": lambda h: answer(h, latin, "text/html; charset=iso-8859-1"),
        "/latin1-few-accents.html": lambda h: answer(h, few, "text/html; charset=ISO-8859-1"),
        "/quoted-charset.html": lambda h: answer(h, few, 'text/html; charset="latin1"'),
        "/header-beats-meta.html": lambda h: answer(h, lying_meta,
                                                    "text/html; charset=ISO-8859-1"),
        "/meta-cp1251.html": lambda h: answer(h, meta, "text/html"),
        "/undeclared-cp1251.html": lambda h: answer(
            h, page("Наводнение", CYRILLIC).encode("cp1251"), "text/html"),
        "/bomb.html": lambda h: answer(h, BOMB, "text/html", {"Content-Encoding": "gzip"}),
        "/bomb-two-layers.html": lambda h: answer(h, BOMB, "text/html",
                                                  {"Content-Encoding": "gzip, gzip"}),
        "/gzip-ok.html": lambda h: answer(h, gzip.compress(latin), "text/html; "
                                          "charset=iso-8859-1", {"Content-Encoding": "gzip"}),
        "/drip-headers": lambda h: drip(h, b"HTTP/1.1 200 OK\r\n", b"X", 0.5),
        "/drip-body": lambda h: drip(h, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                                     b"<html><body>", b"<p>x</p>", 0.5),
        "/to-mapped-metadata": lambda h: answer(
            h, b"", headers={"Location": "http://[::ffff:169.254.169.254]/"}, status=302),
        "/to-alibaba-metadata": lambda h: answer(
            h, b"", headers={"Location": "http://100.100.100.200/latest/"}, status=301),
        "/to-bad-port": lambda h: answer(
            h, b"", headers={"Location": "http://127.0.0.1:99999/"}, status=302),
    }


@pytest.fixture(scope="module")
def site():
    with HostileSite(routes()) as running:
        yield running


@pytest.mark.parametrize(("path", "expected"), [
    ("/latin1.html", "Le café de la place Saint-André a rouvert ses portes à Zürich"),
    ("/latin1-few-accents.html", "The mayor of the town, José Núñez, said"),
    ("/quoted-charset.html", "José Núñez"),
    ("/header-beats-meta.html", "José Núñez"),
    ("/meta-cp1251.html", "Городской совет заявил"),
    ("/undeclared-cp1251.html", "Добровольцы наполняли мешки"),
    ("/gzip-ok.html", "rouvert ses portes à Zürich"),
])
def test_a_page_is_decoded_by_header_then_declaration_then_detection(site, path, expected):
    page_found, _ = fetch_page(site.url(path), allow_private=True)
    assert expected in page_found.text
    assert "\ufffd" not in page_found.text and "Ã" not in page_found.text


@pytest.mark.parametrize("path", ["/bomb.html", "/bomb-two-layers.html"])
def test_a_gzip_bomb_is_refused_by_our_own_cap(site, path):
    assert len(BOMB) < 100_000
    with pytest.raises(FetchError, match="decompresses to more than the 5 MB"):
        fetch(site.url(path), allow_private=True)


def test_a_gzip_bomb_keeps_peak_memory_low(site):
    """In a fresh process: what it held at its peak (VmHWM: ru_maxrss would count the
    parent's memory from before the exec), fetching a 64 MB two-layer bomb."""
    code = ("import re, sys\nfrom index.ingest.fetch import fetch, FetchError\n"
            "try:\n    fetch(sys.argv[1], allow_private=True)\nexcept FetchError as e:\n"
            "    print(e)\nstatus = open('/proc/self/status').read()\n"
            "print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n")
    done = subprocess.run([sys.executable, "-c", code, site.url("/bomb-two-layers.html")],
                          capture_output=True, text=True, timeout=120, check=True)
    message, peak_kb = done.stdout.strip().splitlines()
    assert "decompresses to more than" in message
    assert int(peak_kb) < 250 * 1024, f"peak {int(peak_kb) // 1024} MB"


def _finishes_within(seconds: float, call) -> BaseException | None:
    """Run `call` in a thread; the exception it raised, or fail if it outlives `seconds`."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still fetching after {seconds} s"
    return outcome[0]


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body"])
def test_one_deadline_covers_a_fetch_from_connect_to_last_byte(site, path, monkeypatch):
    monkeypatch.setattr(fetch_module, "TOTAL_SECONDS", 2.0)
    started = time.monotonic()
    error = _finishes_within(8, lambda: fetch(site.url(path), allow_private=True))
    assert isinstance(error, FetchError) and "took longer than the 2 s" in str(error)
    assert time.monotonic() - started < 4


DISGUISED_PRIVATE = [
    "http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b:1::a00:1]/",
    "http://[::127.0.0.1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:0:7f00:1]/",
    "http://[2002:7f00:1::]/", "http://[2002:c0a8:101::1]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
    "http://0x7f.1/", "http://2130706433/", "http://0177.0.0.1/", "http://127.1/",
    "http://0x0a.0.0.1/", "http://[::]/", "http://0.0.0.0/",
]
METADATA = [
    "http://169.254.169.254/", "http://[::ffff:169.254.169.254]/", "http://[::a9fe:a9fe]/",
    "http://[64:ff9b::169.254.169.254]/", "http://[2002:a9fe:a9fe::]/",
    "http://0xa9.0xfe.0xa9.0xfe/", "http://2852039166/", "http://0251.0376.0251.0376/",
    "http://[fd00:ec2::254]/", "http://[fd20:ce::254]/", "http://100.100.100.200/",
    "http://[::ffff:100.100.100.200]/", "http://[64:ff9b::6464:64c8]/", "http://[fe80::1]/",
]


@pytest.mark.parametrize("url", DISGUISED_PRIVATE + METADATA)
def test_every_spelling_of_a_private_address_is_refused_by_default(url):
    with pytest.raises(FetchError, match="address"):
        check_url(url, allow_private=False)


@pytest.mark.parametrize("url", METADATA)
def test_metadata_endpoints_are_refused_even_with_private_addresses_allowed(url):
    with pytest.raises(FetchError, match="never fetched"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("path", ["/to-mapped-metadata", "/to-alibaba-metadata"])
def test_a_redirect_to_a_metadata_endpoint_is_refused_in_any_spelling(site, path):
    with pytest.raises(FetchError, match="never fetched"):
        fetch(site.url(path), allow_private=True)


def test_a_malformed_redirect_is_one_clear_error(site):
    with pytest.raises(FetchError, match="not a valid URL"):
        fetch(site.url("/to-bad-port"), allow_private=True)


def test_the_address_connected_to_is_checked_after_dns_not_only_before(site, monkeypatch):
    """DNS rebinding: the name resolves to a public address when checked, then to
    loopback when connected to. The connection is refused; the page never fetched."""
    real = socket.getaddrinfo
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 0))]])

    def rebinding(host, port, *args, **kwargs):
        if host == "news.rebind.example":
            found = next(answers, None)
            return found or real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    hits = len(site.hits)
    with pytest.raises(FetchError, match="loopback address"):
        fetch(f"http://news.rebind.example:{site.port}/latin1.html", allow_private=False)
    assert len(site.hits) == hits, "the loopback server must not have been asked"


@pytest.mark.parametrize(("url", "reason"), [
    ("", "No URL given"),
    ("   ", "No URL given"),
    ("http://[::1", "not a valid URL"),
    ("http://[::1/x", "not a valid URL"),
    ("http://exa mple.org/", "a space or a character a host name cannot hold"),
    ("http://example.org:99999/", "not a valid URL"),
    ("http://example.org:0/", "port 0"),
    ("http://example.org:http/", "not a valid URL"),
    ("http://" + "a" * 10_000 + ".org/", "characters long"),
    ("http://example.org/" + "x" * 10_000, "characters long"),
    ("http://", "names no host"),
    ("http://[zz::1]/", "not a valid URL|no valid IPv6"),
    ("http://ex\nample.org/", "control character"),
    ("http://user:secret@example.org/", "user name or password"),
    ("http://" + "a" * 70 + ".org/", "host name that cannot be used"),
    ("javascript:alert(1)", "Only http:// and https://"),
    ("example.org/news", "has no http:// or https://"),
    ("//example.org/news", "has no http:// or https://"),
])
def test_a_malformed_url_is_one_sentence_saying_what_is_wrong(url, reason):
    with pytest.raises(FetchError, match=reason) as refused:
        check_url(url, allow_private=False)
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 300


def test_a_saved_page_is_decompressed_by_us_never_by_the_extractor(caplog):
    """A corpus `.html` that is gzip: read within our cap; a bomb is refused by our cap,
    whatever the installed trafilatura would do with it."""
    from index.ingest.html import extract_page

    found = extract_page(gzip.compress(page("Flood", FEW_ACCENTS).encode("latin-1")))
    assert found is not None and "José Núñez" in found.text
    with caplog.at_level("WARNING", logger="index.ingest.html"):
        assert extract_page(BOMB) is None
    assert any("decompresses to more than the 5 MB" in r.getMessage() for r in caplog.records)
