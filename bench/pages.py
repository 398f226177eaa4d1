"""Pages through the Django test client: server time per request (the whole middleware stack, no network),
query count per request, and the ratio to the trivial view for the same user in the same run."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse

from bench.city import Fixtures
from bench.stats import Result, Target, failed, unavailable
from bench.trivial import ROUTE, registered

PAGE_TARGET = Target("p95 < 150 ms", 0.150)
RANKING_TARGET = Target("< 1 s", 1.0)
UrlFor = Callable[[Fixtures], str]


@dataclass(frozen=True)
class Page:
    label: str
    url: UrlFor
    target: Target | None = PAGE_TARGET


def route(
    name: str, query: str | Callable[[Fixtures], str] = "", **kwargs: Callable[[Fixtures], object]
) -> UrlFor:
    """URL of a named route; `query` and the route kwargs may depend on the fixtures."""

    def url(fx: Fixtures) -> str:
        text = query(fx) if callable(query) else query
        return reverse(name, kwargs={key: get(fx) for key, get in kwargs.items()}) + text

    return url


WARMUP = 2
TRIVIAL = Page("trivial view (reference)", route(ROUTE), target=None)
PAGES: tuple[Page, ...] = (
    Page("dashboard", route("core:dashboard")),
    Page("employee list", route("people:employee_list")),
    Page("employee list, page 100", route("people:employee_list", "?page=100")),
    Page("employee list ?q=name", route("people:employee_list", lambda fx: f"?q={fx.name_fragment}")),
    Page("employee list ?unit=", route("people:employee_list", lambda fx: f"?unit={fx.filter_unit_id}")),
    Page("employee list ?rank=", route("people:employee_list", lambda fx: f"?rank={fx.rank}")),
    Page("employee list ?kind=pelaksana", route("people:employee_list", "?kind=pelaksana")),
    Page(
        "employee list ?education_field=",
        route("people:employee_list", lambda fx: f"?education_field={fx.education_field_id}"),
    ),
    Page("employee list ?over_tenure=on", route("people:employee_list", "?over_tenure=on")),
    Page("employee profile", route("people:employee_detail", public_id=lambda fx: fx.employee_public_id)),
    Page("position list", route("organization:position_list")),
    Page("position list ?only_vacant=on", route("organization:position_list", "?only_vacant=on")),
    Page("unit tree", route("organization:unit_tree")),
    Page("data completeness", route("core:completeness")),
)  # the needs pages (planning) are in bench/needs.py, run through the features registry


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """Count SQL statements with an execute wrapper (far lighter than recording them)."""
    counter = [0]

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter


def timed_get(client: Client, url: str) -> tuple[float, int]:
    with counting_queries() as counter:
        start = time.perf_counter()
        response = client.get(
            url, follow=True
        )  # a redirect (e.g. to the viewer's own unit) is part of the page
        elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered HTTP {response.status_code}")
    return elapsed, counter[0]


def peak_mb(client: Client, url: str) -> float:
    """Peak Python-heap allocation of one request (tracemalloc, in a separate untimed request)."""
    tracemalloc.start()
    try:
        client.get(url, follow=True)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def query_label(counts: list[int]) -> str:
    low, high = min(counts), max(counts)
    return str(low) if low == high else f"{low}–{high} (varies)"


def measure(
    client: Client, url: str, reps: int, warmup: int = WARMUP
) -> tuple[list[float], list[int], float]:
    for _ in range(warmup):
        timed_get(client, url)
    runs = [timed_get(client, url) for _ in range(reps)]
    return [t for t, _ in runs], [q for _, q in runs], peak_mb(client, url)


def measure_pages(
    client: Client, role: str, fx: Fixtures, pages: tuple[Page, ...], reps: int
) -> list[Result]:
    """The trivial view first (the reference), then each page, all as one logged-in user."""
    results: list[Result] = []
    reference: Result | None = None
    for page in (TRIVIAL, *pages):
        name = f"{page.label} [{role}]"
        try:
            url = page.url(fx)
        except NoReverseMatch:
            results.append(unavailable("pages", name, "no route (feature not merged yet)", page.target))
            continue
        try:
            samples, queries, peak = measure(client, url, reps, WARMUP)
        except Exception as error:  # noqa: BLE001 - one broken page must not hide the others
            results.append(failed("pages", name, error, page.target))
            continue
        result = Result("pages", name, samples, peak, target=page.target, queries=query_label(queries))
        reference = reference or result
        result.reference, result.reference_median = reference.name, reference.median
        results.append(result)
    return results


def page_results(fx: Fixtures, pages: tuple[Page, ...], reps: int) -> list[Result]:
    """`pages` as the analyst and as the unit head, each with its own trivial-view reference."""
    from django.test.utils import override_settings

    from tepat.accounts.models import User

    results: list[Result] = []
    with registered(), override_settings(ROOT_URLCONF="bench.urls"):
        for role, user_id in (("analyst", fx.analyst_id), ("unit head", fx.unit_head_id)):
            client = Client()
            client.force_login(User.objects.get(pk=user_id))
            results += measure_pages(client, role, fx, pages, reps)
    return results


def run(fx: Fixtures, reps: int = 20) -> list[Result]:
    return page_results(fx, PAGES, reps)
