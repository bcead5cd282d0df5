"""A paginator told its count, so that a list can count with a cap (see people.selectors.person_directory_counted)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """`count` given, not computed. `capped`: the real number is larger than `count` (pages stop there)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int, capped: bool = False) -> None:
        super().__init__(object_list, per_page)
        self._given_count = count
        self.capped = capped

    @cached_property
    def count(self) -> int:
        return self._given_count
