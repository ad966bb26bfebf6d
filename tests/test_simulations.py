"""cvbook.simulations: the toy TTL-cache model behind the blog's notebook."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from cvbook.simulations import Outcome, Workload, simulate, sweep_ttl, ttl_chart

SMALL = Workload(keys=50, requests=5_000, seed=7)
events_strategy = st.lists(st.tuples(st.booleans(), st.integers(0, 5)), max_size=200)


def test_the_same_workload_gives_the_same_events() -> None:
    assert SMALL.events() == SMALL.events()
    assert Workload(seed=1, requests=100).events() != Workload(seed=2, requests=100).events()


def test_events_respect_the_workload() -> None:
    events = SMALL.events()
    assert len(events) == SMALL.requests
    assert {key for _, key in events} <= set(range(SMALL.keys))
    writes = sum(is_write for is_write, _ in events)
    assert 0 < writes < SMALL.requests * SMALL.write_share * 2


def test_hand_worked_example() -> None:
    # tick: 0 read(miss, fill until 3)  1 read(hit)  2 write  3 read(expired: miss)  4 read(hit)
    events = [(False, 1), (False, 1), (True, 1), (False, 1), (False, 1)]
    assert simulate(events, 3, invalidate_on_write=False) == Outcome(3, False, reads=4, hits=2, stale_hits=0)
    # Without invalidation the hit at tick 1 is fresh; let the write fall inside the TTL instead:
    events = [(False, 1), (True, 1), (False, 1)]
    assert simulate(events, 3, invalidate_on_write=False).stale_hits == 1
    assert simulate(events, 3, invalidate_on_write=True) == Outcome(3, True, reads=2, hits=0, stale_hits=0)


@given(events=events_strategy, ttl=st.integers(0, 50), invalidate=st.booleans())
def test_rates_are_shares_of_reads(events: list[tuple[bool, int]], ttl: int, invalidate: bool) -> None:
    outcome = simulate(events, ttl, invalidate_on_write=invalidate)
    assert outcome.reads == sum(not is_write for is_write, _ in events)
    assert 0 <= outcome.stale_hits <= outcome.hits <= outcome.reads
    assert 0.0 <= outcome.stale_rate <= outcome.hit_rate <= 1.0


@given(events=events_strategy, ttl=st.integers(0, 50))
def test_invalidation_on_write_never_serves_stale_values(events: list[tuple[bool, int]], ttl: int) -> None:
    assert simulate(events, ttl, invalidate_on_write=True).stale_hits == 0


@given(events=events_strategy, invalidate=st.booleans())
def test_ttl_zero_never_caches(events: list[tuple[bool, int]], invalidate: bool) -> None:
    assert simulate(events, 0, invalidate_on_write=invalidate).hits == 0


def test_longer_ttl_hits_more_and_without_invalidation_goes_staler() -> None:
    outcomes = sweep_ttl(SMALL, [0, 10, 100, 1_000])
    ttl_only = [o for o in outcomes if not o.invalidate_on_write]
    assert [o.ttl for o in ttl_only] == [0, 10, 100, 1_000]
    assert [o.hit_rate for o in ttl_only] == sorted(o.hit_rate for o in ttl_only)
    assert ttl_only[0].stale_rate == 0 < ttl_only[-1].stale_rate
    assert len(outcomes) == 8


def test_negative_ttl_is_refused() -> None:
    with pytest.raises(ValueError, match="ttl"):
        simulate([], -1, invalidate_on_write=False)


def test_chart_draws_four_labelled_series() -> None:
    figure = ttl_chart(sweep_ttl(SMALL, [0, 10, 100]))
    assert isinstance(figure, Figure)
    (axes,) = figure.axes
    assert len(axes.lines) == 4
    assert "Illustrative" in axes.get_title(loc="left")
