"""Which network addresses a fetch may connect to, whatever way they are spelled.

An address can hide another: IPv6 carries IPv4 addresses in several standard forms
(IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` and
`64:ff9b:1::/48`, IPv4-translated `::ffff:0:a.b.c.d`, 6to4 `2002:AABB:CCDD::`, Teredo,
ISATAP), and a router may deliver a packet for any of them to the IPv4 address inside.
So every address is checked together with each IPv4 address it embeds, and refused if
any of them is. Octal, hexadecimal and decimal IPv4 spellings (`0177.0.0.1`, `0x7f.1`,
`2130706433`) need nothing here: they are resolved to an address first (`getaddrinfo`),
and that address is checked.

Cloud metadata services (169.254.169.254 and the rest of link-local, AWS's `fd00:ec2::254`,
Alibaba's 100.100.100.200, Azure's 168.63.129.16, Google's `fd20:ce::254`) hand out
credentials to whoever asks from the host: they are refused always, even with
ALLOW_PRIVATE_URLS=1. Other non-public addresses (loopback, private, multicast, reserved)
are refused unless it is set.
"""

from __future__ import annotations

import ipaddress
import socket
from functools import cache

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

LINK_LOCAL = ("169.254.0.0/16", "fe80::/10")
METADATA = ("fd00:ec2::254/128", "fd20:ce::254/128", "100.100.100.200/32", "168.63.129.16/32")
NAT64 = ("64:ff9b::/96", "64:ff9b:1::/48")
SIIT = "::ffff:0:0:0/96"  # IPv4-translated (RFC 2765): ::ffff:0:a.b.c.d
LOW_32 = 0xFFFFFFFF


class AddressRefused(ValueError):
    """An address the fetcher may not connect to; the message says which and why."""


@cache
def _networks(spelled: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network,
                                                 ...]:
    return tuple(ipaddress.ip_network(n) for n in spelled)


def embedded(address: Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (none for an IPv4 address)."""
    if address.version == 4:
        return []
    value, found = int(address), []
    if address.ipv4_mapped:
        found.append(address.ipv4_mapped)
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)  # the Teredo server and the (obfuscated) client
    nat = any(address in n for n in _networks(NAT64)) or address in _networks((SIIT,))[0]
    compatible = value >> 32 == 0 and value > 1
    isatap = (value >> 32) & 0xFFFDFFFF == 0x00005EFE
    if nat or compatible or isatap:
        found.append(ipaddress.IPv4Address(value & LOW_32))
    return found


def never(address: Address) -> str | None:
    """'link-local' or 'cloud metadata' for an address never fetched, in any spelling."""
    for name, spelled in (("link-local", LINK_LOCAL), ("cloud metadata", METADATA)):
        if any(a in n for a in (address, *embedded(address)) for n in _networks(spelled)
               if a.version == n.version):
            return name
    return None


def refusal(address: Address, allow_private: bool) -> str | None:
    """Why `address` may not be fetched, or None when it may."""
    if name := never(address):
        return (f"{address} is a {name} address, where cloud metadata and device settings "
                "live: it is never fetched, whatever ALLOW_PRIVATE_URLS says")
    if allow_private:
        return None
    for candidate in (address, *embedded(address)):
        if not candidate.is_global or candidate.is_multicast:
            inside = f" (it carries {candidate})" if candidate != address else ""
            return (f"{address} is a {kind(candidate)} address{inside}: only public sites "
                    "can be added (ALLOW_PRIVATE_URLS=1 lifts this on a trusted setup)")
    return None


def kind(address: Address) -> str:
    """'loopback', 'private', ...: the word a refusal uses for a non-public address."""
    for name in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{name}", False):
            return name.replace("_", "-")
    return "non-public"


def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port or None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise AddressRefused(f"{host} cannot be found ({reason}): check the address") from None
    return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0])
                              for info in infos))


def allowed(host: str, port: int, allow_private: bool) -> list[Address]:
    """The addresses of `host` if every one may be fetched, else AddressRefused."""
    addresses = resolve(host, port)
    for address in addresses:
        reason = refusal(address, allow_private)
        if reason:
            shown = "" if host.strip("[]") == str(address) else f"{host}: "
            raise AddressRefused(shown + reason)
    return addresses
