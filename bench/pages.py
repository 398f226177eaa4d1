"""Pages through the Django test client: server time per request (the whole middleware stack, no network),
query count per request, and the ratio to the trivial view for the same user in the same run."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
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


STAFF = frozenset({"analyst", "unit head"})


@dataclass(frozen=True)
class Page:
    label: str
    url: UrlFor
    target: Target | None = PAGE_TARGET
    roles: frozenset[str] = STAFF  # who requests it (the auditor's and the employee's own pages: only them)


class NoFixture(LookupError):
    """The database holds no object of this kind (e.g. the test government has no evaluation run)."""


def added(name: str) -> Callable[[Fixtures], object]:
    """A field of the session-2 fixtures (bench/city_rows.py); NoFixture when the database has none."""

    def get(fx: Fixtures) -> object:
        value = getattr(fx.added, name, "") if fx.added else ""
        if not value:
            raise NoFixture(f"no {name.replace('_', ' ')} in this database")
        return value

    return get


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
AUDITOR, EMPLOYEE = frozenset({"auditor"}), frozenset({"employee"})
ADDED_PAGES: tuple[Page, ...] = (  # session 2: evaluation, development, communication, auditor, Data Saya
    Page("evaluation overview", route("evaluation:overview")),
    Page("evaluation round", route("evaluation:round_detail", public_id=added("round_public_id"))),
    Page("review list", route("evaluation:review_list")),
    Page("talent map (Peta Talenta)", route("evaluation:talent_map")),
    Page("talent box list (fullest box)",
         route("evaluation:talent_list", lambda fx: f"?kotak={added('talent_box')(fx)}")),
    Page("development plan list", route("development:plan_list")),
    Page("development plan detail", route("development:plan_detail", public_id=added("plan_public_id"))),
    Page("objection queue", route("transfers:objection_list")),
    Page("Peta Resistensi", route("transfers:resistance")),
    Page("survey results", route("transfers:survey_results")),
    Page("audit trail", route("core:audit_trail"), roles=AUDITOR),
    Page("audit case trail", route("core:audit_case", public_id=added("move_public_id")), roles=AUDITOR),
    Page("breach report (bench.analyst, 90 days)", route("core:audit_breach", lambda fx: breach_query()),
         roles=AUDITOR),
    Page("my development plan", route("development:my_plan"), roles=EMPLOYEE),
    Page("Data Saya", route("people:my_data"), roles=EMPLOYEE),
    Page("Data Saya download (.xlsx)", route("people:my_data_download", fmt=lambda fx: "xlsx"), roles=EMPLOYEE),
)  # fmt: skip
EXPORT_TARGET = Target("< 10 s (a job, not a page)", 10.0, "median")
EXPORTS: tuple[Page, ...] = (  # whole-scope Excel files: timed once per role (no warm-up)
    Page("talent export (.xlsx)", route("evaluation:talent_export"), EXPORT_TARGET),
    Page("development plan export (.xlsx)", route("development:plan_export"), EXPORT_TARGET),
    Page("evaluation round export", route("evaluation:round_export", public_id=added("round_public_id")),
         EXPORT_TARGET),
)  # fmt: skip


def breach_query() -> str:
    from tepat.core.scoping import today

    end = today()
    return f"?account=bench.analyst&start={end - timedelta(days=89):%Y-%m-%d}&end={end:%Y-%m-%d}"


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
    client: Client, role: str, fx: Fixtures, pages: tuple[Page, ...], reps: int, warmup: int = WARMUP
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
        except NoFixture as missing:
            results.append(unavailable("pages", name, str(missing), page.target))
            continue
        try:
            samples, queries, peak = measure(client, url, reps, warmup)
        except Exception as error:  # noqa: BLE001 - one broken page must not hide the others
            results.append(failed("pages", name, error, page.target))
            continue
        result = Result("pages", name, samples, peak, target=page.target, queries=query_label(queries))
        reference = reference or result
        result.reference, result.reference_median = reference.name, reference.median
        results.append(result)
    return results


def role_users(fx: Fixtures) -> tuple[tuple[str, int], ...]:
    extra = (("auditor", fx.added.auditor_id), ("employee", fx.added.employee_user_id)) if fx.added else ()
    return (("analyst", fx.analyst_id), ("unit head", fx.unit_head_id), *extra)


def page_results(fx: Fixtures, pages: tuple[Page, ...], reps: int, warmup: int = WARMUP) -> list[Result]:
    """`pages` as each role that requests them (the analyst and the unit head unless a page says otherwise),
    each role with its own trivial-view reference."""
    from django.test.utils import override_settings

    from tepat.accounts.models import User

    results: list[Result] = []
    with registered(), override_settings(ROOT_URLCONF="bench.urls"):
        for role, user_id in role_users(fx):
            own = tuple(page for page in pages if role in page.roles)
            if not own:
                continue
            client = Client()
            client.force_login(User.objects.get(pk=user_id))
            results += measure_pages(client, role, fx, own, reps, warmup)
    return results


def run(fx: Fixtures, reps: int = 20) -> list[Result]:
    results = page_results(fx, PAGES + ADDED_PAGES, reps)
    return results + page_results(fx, EXPORTS, reps=1, warmup=0)
