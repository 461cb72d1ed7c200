"""Fetching a URL stays within its limits: scheme, address, size, type."""

from __future__ import annotations

import pytest

from index.ingest.fetch import FetchError, check_url, fetch
from tests.pages import NewsSite

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def site():
    with NewsSite() as running:
        yield running


def test_a_local_page_is_fetched_when_private_addresses_are_allowed(site):
    reply = fetch(site.url("/officers.html"), allow_private=True)
    assert reply.status == 200 and b"Twenty-six police officers" in reply.body


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "Only http:// and https:// URLs"),
    ("ftp://example.org/a", "Only http:// and https:// URLs"),
    ("http://169.254.169.254/latest/meta-data/", "link-local address"),
    ("http://127.0.0.1:9/", "loopback address"),
    ("http://10.1.2.3/", "private address"),
    ("http://[::1]/", "loopback address"),
    ("http://localhost/", "loopback address"),
])
def test_urls_that_could_reach_the_host_or_its_network_are_refused(url, reason):
    with pytest.raises(FetchError, match=reason):
        check_url(url, allow_private=False)


def test_every_redirect_hop_is_checked_like_the_first(site):
    with pytest.raises(FetchError, match="Only http:// and https:// URLs"):
        fetch(site.url("/to-file"), allow_private=True)


def test_a_50_mb_page_is_abandoned_and_a_non_page_refused(site):
    with pytest.raises(FetchError, match="more than the 5 MB"):
        fetch(site.url("/huge.html"), allow_private=True)
    with pytest.raises(FetchError, match="image/png, not a web page"):
        fetch(site.url("/photo.png"), allow_private=True)
    with pytest.raises(FetchError, match="answered 404"):
        fetch(site.url("/missing.html"), allow_private=True)
