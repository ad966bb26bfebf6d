"""Toy models behind the blog's notebooks. Illustrative only: synthetic workloads, not measurements.

``sweep_ttl`` runs one deterministic stream of reads and writes through a single
in-process TTL cache, once per TTL, with and without invalidation on write, and reports
how often reads hit the cache and how often a hit returned a value that had already
changed at the source (a stale read).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from matplotlib.figure import Figure

from .charts import ACCENT, INK

STALE_COLOUR = "#b4543a"  # mid-tone, like charts.ACCENT, so the dark-mode CSS can adapt it


@dataclass(frozen=True)
class Workload:
    """A synthetic request stream: one request per tick over ``keys`` keys of Zipf-like popularity."""

    keys: int = 500
    requests: int = 50_000
    write_share: float = 0.02  # the share of requests that change a key at the source
    skew: float = 1.1  # Zipf exponent: a few keys are hot, most are rarely read
    seed: int = 2026

    def events(self) -> list[tuple[bool, int]]:
        """``(is_write, key)`` per tick; the same list for the same workload, every time."""
        rng = random.Random(self.seed)
        weights = [1 / (rank + 1) ** self.skew for rank in range(self.keys)]
        cumulative = list(accumulate(weights))
        keys = rng.choices(range(self.keys), cum_weights=cumulative, k=self.requests)
        return [(rng.random() < self.write_share, key) for key in keys]


@dataclass(frozen=True)
class Outcome:
    ttl: int  # in ticks (requests); 0 means "never cache"
    invalidate_on_write: bool
    reads: int
    hits: int
    stale_hits: int

    @property
    def hit_rate(self) -> float:
        return self.hits / self.reads if self.reads else 0.0

    @property
    def stale_rate(self) -> float:
        """Stale reads as a share of all reads."""
        return self.stale_hits / self.reads if self.reads else 0.0


def simulate(events: Sequence[tuple[bool, int]], ttl: int, *, invalidate_on_write: bool) -> Outcome:
    """Replay ``events`` through a TTL cache that is filled on a miss with the source's current version."""
    if ttl < 0:
        raise ValueError(f"ttl must be 0 or more ticks, got {ttl}")
    source_version: dict[int, int] = {}
    cached: dict[int, tuple[int, int]] = {}  # key -> (version, tick it expires at)
    reads = hits = stale_hits = 0
    for tick, (is_write, key) in enumerate(events):
        if is_write:
            source_version[key] = source_version.get(key, 0) + 1
            if invalidate_on_write:
                cached.pop(key, None)
            continue
        reads += 1
        current = source_version.get(key, 0)
        entry = cached.get(key)
        if entry is not None and tick < entry[1]:
            hits += 1
            stale_hits += entry[0] != current
        elif ttl:
            cached[key] = (current, tick + ttl)
    return Outcome(ttl, invalidate_on_write, reads, hits, stale_hits)


def sweep_ttl(workload: Workload, ttls: Iterable[int]) -> list[Outcome]:
    """Every TTL in ``ttls``, each with and without invalidation on write, over the same events."""
    events = workload.events()
    return [
        simulate(events, ttl, invalidate_on_write=invalidate) for invalidate in (False, True) for ttl in ttls
    ]


def ttl_chart(outcomes: Sequence[Outcome]) -> Figure:
    """Hit rate and stale reads against TTL: solid without invalidation, dashed with it."""
    figure = Figure(figsize=(7.5, 3.6), layout="constrained")
    axes = figure.subplots()
    for invalidate, style in ((False, "-"), (True, "--")):
        series = sorted((o for o in outcomes if o.invalidate_on_write is invalidate), key=lambda o: o.ttl)
        suffix = "with invalidation" if invalidate else "TTL only"
        ttls = [o.ttl for o in series]
        for metric, colour, name in (("hit_rate", ACCENT, "hit rate"), ("stale_rate", STALE_COLOUR, "stale reads")):
            values = [getattr(outcome, metric) for outcome in series]
            axes.plot(ttls, values, style, color=colour, marker="o", markersize=3, label=f"{name}, {suffix}")
    axes.set_xscale("symlog", linthresh=10)
    axes.set_ylim(0, 1)
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    axes.set_xlabel("TTL, in requests", color=INK, fontsize=9)
    axes.set_title("Illustrative: a synthetic workload, not measurements", color=INK, fontsize=10, loc="left")
    legend = axes.legend(frameon=False, fontsize=8, loc="upper left")
    for text in legend.get_texts():
        text.set_color(INK)
    _style(axes)
    return figure


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("bottom", "left"):
        axes.spines[side].set_color(INK)
    axes.tick_params(colors=INK, labelsize=9)
    axes.set_facecolor("none")
    axes.figure.set_facecolor("none")
