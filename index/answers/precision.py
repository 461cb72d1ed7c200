"""The interval a figure is compared in, from how precisely it is written.

An exact figure written round ("14,000", "52%", "1.4 million") may be a rounding of the
exact one; a hedged one ("about $2.6 billion", "up to 1.6 million") covers what rounds to
it at its last written digit; an open-ended one ("at least 8") stands for at most twice
its figure.
"""

from __future__ import annotations

import re

from ..records import Claim

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
ROUNDING = 0.05  # a rounding wider than 5% of the figure ("20,000" ±5,000) is not assumed
# "more than 200" is a bound, but not one that 2,000 meets: reporters round a figure down to
# a nearby round number, so an open-ended hedge stands for at most twice its figure when
# typing a pair ("at least 8" fits 12 and 13; "more than 200" conflicts with 2,000).
OPEN_ENDED = 2.0
# Hedges whose figure is compared at its stated precision (see `stated`).
STATED_HEDGES = {"about", "up to"}
OPEN_END = 0.999  # the upper end of a stated interval is open


def rounding(claim: Claim) -> float:
    """How far a rounded figure may stand from the exact one, in the compared unit: half the
    unit of its last written digit ("52%" ±0.5, "1.4 million" ±50,000, "14,000" ±500) —
    outlets round, and "52%" beside "51.8%" is one figure. Only where that is at most
    ROUNDING of the value and the figure is a share, a scaled amount or at least 1,000:
    "40 dead" beside "43 dead" is a real difference, not a rounding."""
    digits = NUMBER.search(claim.figure or "")
    value = claim.value if isinstance(claim.value, int | float) else None
    if claim.qualifier is not None or digits is None or not value or claim.dimension == "date":
        return 0.0
    written = digits.group(0).replace(",", "")
    stated = float(written)
    decimals = len(written.partition(".")[2])
    unit = 10.0 ** -decimals if decimals else 10.0 ** (len(written) - len(written.rstrip("0")))
    scale = value / stated if stated else 1.0
    half = unit * scale / 2
    if half > ROUNDING * abs(value) or not (claim.dimension == "%" or scale > 1 or value >= 1000):
        return 0.0
    compared = claim.span[0] / value if claim.span[0] else 1.0
    return half * compared


def stated(claim: Claim) -> tuple[float, float]:
    """The interval a figure is compared in. "about $2.6 billion", "some 16", "up to 1.6
    million" cover what rounds to the figure at its last written digit (2.55-2.65 billion,
    15.5-16.5, 1.55-1.65 million), not a percentage around it: an outlet that writes a
    figure to a digit vouches for that digit, and "as many as 1.5 million" beside "up to
    1.6 million" are two outlets' different figures for one ceiling. The upper end is
    open (1.55 million is "1.6", not "1.5"). Other hedges keep the parser's interval."""
    digits = NUMBER.search(claim.figure or "")
    value = claim.value if isinstance(claim.value, int | float) else None
    if claim.qualifier not in STATED_HEDGES or digits is None or not value:
        return claim.span[0], _plausible_high(claim)
    written = digits.group(0).replace(",", "")
    decimals = len(written.partition(".")[2])
    stated_value = float(written)
    if not stated_value:
        return claim.span[0], _plausible_high(claim)
    center = claim.normalized if claim.normalized is not None else value
    half = 10.0 ** -decimals / 2 * center / stated_value
    return center - half, center + half * OPEN_END


def _plausible_high(claim: Claim) -> float:
    low, high = claim.span
    if high == float("inf") and claim.qualifier in ("at least", "more than") and low > 0:
        return OPEN_ENDED * low
    return high
