"""`python -m tepat.engine` for development (DOMAIN.md §7): gaps, proposed plan items, JP progress, re-assessment.

{"method": "development", "tmt": "2026-09-01", "on": "2026-11-28" (optional, default tmt),
 "standard": [{"code", "name"?, "group": teknis|manajerial|sosial_kultural, "level": 1-5}],
 "achieved": {code: level | null}, "catalogue": [{"code", "name", "route", "jp", "competencies": [codes]}] (optional),
 "field_changed": false (optional), "trainings": [{"end": date, "jp": number}] (optional),
 "params": {"min_jp_per_year": 20, "jp_minutes": 45} (optional)}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from tepat.engine.development import (
    Course,
    DevelopmentRules,
    Group,
    Route,
    Standard,
    jp_progress,
    negative_gaps,
    plan_decision,
    propose_items,
    reassessment_due,
)
from tepat.engine.ranking import Problems, read_list, read_mapping, read_number

GROUPS = [g.value for g in Group]
ROUTES = [r.value for r in Route]


def _date(value: Any, path: str, problems: Problems) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.add(path, "harus berupa tanggal YYYY-MM-DD")
    return None


def _standard(case: Mapping[str, Any], problems: Problems) -> list[Standard]:
    rows = []
    for n, row in enumerate(read_list(case, "standard", problems)):
        path = f"standard[{n}]"
        item = read_mapping(row, path, problems)
        code = item.get("code")
        if not isinstance(code, str) or not code:
            problems.add(f"{path}.code", "harus berupa teks yang tidak kosong")
        if item.get("group") not in GROUPS:
            problems.add(f"{path}.group", "harus salah satu dari: " + ", ".join(GROUPS))
        level = read_number(item.get("level"), f"{path}.level", problems, low=1, high=5)
        if isinstance(code, str) and item.get("group") in GROUPS and level is not None:
            rows.append(Standard(code, str(item.get("name") or code), str(item["group"]), level))
    return rows


def _catalogue(case: Mapping[str, Any], problems: Problems) -> list[Course]:
    courses = []
    raw = case.get("catalogue", [])
    if not isinstance(raw, list):
        problems.add("catalogue", "harus berupa daftar")
        return []
    for n, row in enumerate(raw):
        path = f"catalogue[{n}]"
        item = read_mapping(row, path, problems)
        if item.get("route") not in ROUTES:
            problems.add(f"{path}.route", "harus klasikal atau nonklasikal")
        jp = read_number(item.get("jp"), f"{path}.jp", problems, low=0.5)
        codes = item.get("competencies", [])
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            problems.add(f"{path}.competencies", "harus berupa daftar kode kompetensi")
            codes = []
        if item.get("route") in ROUTES and jp is not None:
            name = str(item.get("name") or item.get("code") or "")
            courses.append(
                Course(str(item.get("code", "")), name, str(item["route"]), Decimal(str(jp)), tuple(codes))
            )
    return courses


def _achieved(case: Mapping[str, Any], problems: Problems) -> dict[str, float | None]:
    raw = read_mapping(case.get("achieved", {}), "achieved", problems)
    levels: dict[str, float | None] = {}
    for code, value in raw.items():
        levels[code] = (
            None if value is None else read_number(value, f"achieved.{code}", problems, low=0, high=5)
        )
    return levels


def _trainings(case: Mapping[str, Any], problems: Problems) -> list[tuple[date, Decimal]]:
    rows = []
    raw = case.get("trainings", [])
    if not isinstance(raw, list):
        problems.add("trainings", "harus berupa daftar")
        return []
    for n, row in enumerate(raw):
        item = read_mapping(row, f"trainings[{n}]", problems)
        end = _date(item.get("end"), f"trainings[{n}].end", problems)
        jp = read_number(item.get("jp"), f"trainings[{n}].jp", problems, low=0)
        if end is not None and jp is not None:
            rows.append((end, Decimal(str(jp))))
    return rows


def _rules(case: Mapping[str, Any], problems: Problems) -> DevelopmentRules:
    params = read_mapping(case.get("params", {}), "params", problems)
    target = read_number(params.get("min_jp_per_year", 20), "params.min_jp_per_year", problems, low=0)
    minutes = read_number(params.get("jp_minutes", 45), "params.jp_minutes", problems, low=1)
    return DevelopmentRules(min_jp_per_year=Decimal(str(target or 20)), jp_minutes=int(minutes or 45))


def run_case(case: Mapping[str, Any]) -> dict[str, Any]:
    problems = Problems()
    tmt = _date(case.get("tmt"), "tmt", problems)
    on = _date(case["on"], "on", problems) if "on" in case else tmt
    standard, achieved = _standard(case, problems), _achieved(case, problems)
    catalogue, trainings, rules = (
        _catalogue(case, problems),
        _trainings(case, problems),
        _rules(case, problems),
    )
    changed = case.get("field_changed", False)
    if not isinstance(changed, bool):
        problems.add("field_changed", "harus berupa true atau false")
    problems.raise_if_any()
    if tmt is None or on is None:  # already reported as problems above
        raise AssertionError
    analysis = negative_gaps(standard, achieved, rules)
    items = propose_items(analysis, tmt=tmt, catalogue=catalogue, rules=rules, field_changed=bool(changed))
    progress = jp_progress(trainings, year=on.year, on=on, rules=rules)
    decision = plan_decision(analysis, field_changed=bool(changed))
    return {
        "method": "development",
        "plan": {"open": decision.open, "reason": decision.reason},
        "gaps": [asdict(gap) for gap in analysis.gaps],
        "missing": list(analysis.missing),
        "items": [_item(asdict(item)) for item in items],
        "jp": {
            "year": progress.year,
            "earned": float(progress.earned_jp),
            "minutes": progress.minutes,
            "target": float(progress.target_jp),
            "expected": float(progress.expected_jp),
            "shortfall": float(progress.shortfall_jp),
            "status": progress.status.value,
            "sentence": progress.sentence(),
        },
        "reassessment": {"due": reassessment_due(tmt, [], rules).due.isoformat()},
    }


def _item(item: dict[str, Any]) -> dict[str, Any]:
    return {
        **item,
        "route": str(item["route"]),
        "due": item["due"].isoformat(),
        "jp": float(item["jp"]),
        "also_covers": list(item["also_covers"]),
    }
