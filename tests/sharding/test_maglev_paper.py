"""Maglev's populate loop on the example of Eisenbud et al. (2016), Table 1, worked by hand."""

from __future__ import annotations

import pytest

from week4.sharding import MaglevStrategy, shard_names
from week4.sharding.strategies.maglev import is_prime, populate

# Table 1 of the paper: three backends, a table of size 7.
OFFSETS, SKIPS = [3, 0, 3], [4, 2, 1]


def test_the_papers_three_backends_fill_the_papers_lookup_table():
    # B0 prefers 3 0 4 1 5 2 6, B1 0 2 4 6 1 3 5, B2 3 4 5 6 0 1 2. Turns: B0 takes 3,
    # B1 0, B2 4 (3 is taken); B0 1, B1 2, B2 5; B0 6, and the table is full.
    assert populate(OFFSETS, SKIPS, [1.0, 1.0, 1.0], 7) == [1, 0, 1, 0, 2, 2, 0]


def test_removing_the_papers_b1_gives_its_slots_to_the_others():
    # B0 takes 3, B2 4; B0 0, B2 5; B0 1, B2 6; B0 2.
    table = populate([OFFSETS[0], OFFSETS[2]], [SKIPS[0], SKIPS[2]], [1.0, 1.0], 7)
    assert table == [0, 0, 0, 0, 1, 1, 1]


def test_a_heavier_backend_takes_more_turns():
    table = populate(OFFSETS, SKIPS, [2.0, 1.0, 1.0], 7)
    assert table.count(0) > table.count(1)


def test_every_shard_gets_its_share_of_the_table_give_or_take_one():
    strategy = MaglevStrategy(shard_names(10), table_size=65537)
    counts = [strategy.table.count(i) for i in range(10)]
    assert max(counts) - min(counts) <= 1
    assert sum(counts) == 65537


@pytest.mark.parametrize(
    ("number", "prime"),
    [(2, True), (7, True), (65537, True), (65536, False), (1, False), (262147, True)],
)
def test_primality_is_checked_exactly(number, prime):
    assert is_prime(number) is prime
