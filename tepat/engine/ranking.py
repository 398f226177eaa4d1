"""Competition ranking and the case-reading helpers shared by the scoring methods (JPM, PM, MCDM).

Ranks are competition ranks: scores within `TIE_TOLERANCE` of each other share a rank (1, 1, 3) and tied
candidates are listed by id, so a result never depends on input order. A candidate with no score at all
(nothing assessed) is never dropped: it comes last with `score: None`, all such candidates sharing the rank
after the scored ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tepat.engine.errors import FieldProblem, InvalidInput

TIE_TOLERANCE = 1e-9
# Weights this close to a sum of 1 are taken as already normalised (float noise, not a user mistake).
WEIGHT_SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Scored:
    id: str
    score: float | None
    details: Mapping[str, Any] = field(default_factory=dict)


def rank(items: Iterable[Scored], tolerance: float = TIE_TOLERANCE) -> list[dict[str, Any]]:
    """Best first; returns the `ranking` items {"id", "rank", "score", "details"} of the result envelope."""
    pool = list(items)
    scored = sorted((s for s in pool if s.score is not None), key=lambda s: (-_score(s), s.id))
    unscored = sorted((s for s in pool if s.score is None), key=lambda s: s.id)
    ranking: list[dict[str, Any]] = []
    start = 0
    while start < len(scored):
        leader = _score(scored[start])
        end = start
        while end < len(scored) and leader - _score(scored[end]) <= tolerance:
            end += 1
        for item in sorted(scored[start:end], key=lambda s: s.id):
            ranking.append(_entry(item, start + 1))
        start = end
    ranking.extend(_entry(item, len(scored) + 1) for item in unscored)
    return ranking


def _score(item: Scored) -> float:
    return float(item.score) if item.score is not None else -math.inf


def _entry(item: Scored, position: int) -> dict[str, Any]:
    return {"id": item.id, "rank": position, "score": item.score, "details": dict(item.details)}


def result(
    method: str, ranking: list[dict[str, Any]], warnings: Sequence[str], **extra: Any
) -> dict[str, Any]:
    return {"method": method, "ranking": ranking, "warnings": list(warnings), **extra}


def finite_or_none(value: float) -> float | None:
    """JSON output never carries NaN: a value that does not exist is `None` (null)."""
    return float(value) if math.isfinite(value) else None


def normalise_weights(weights: np.ndarray, path: str, warnings: list[str]) -> np.ndarray:
    """Weights that do not sum to 1 are rescaled, never silently: the warning names the original sum.

    Chosen over rejecting because published cases often give percentages (35/33/32) or raw points (3, 5, 4).
    Callers have already rejected negative weights and an all-zero weight vector.
    """
    total = float(weights.sum())
    if abs(total - 1.0) <= WEIGHT_SUM_TOLERANCE:
        return weights
    warnings.append(f"{path}: bobot berjumlah {total:g}, bukan 1; bobot dinormalisasi agar berjumlah 1")
    return weights / total


class Problems:
    """Collects every input problem so one `InvalidInput` names them all, not just the first."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(FieldProblem(path, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise InvalidInput(list(self.items))


def is_number(value: Any) -> bool:
    # bool is an int subclass in Python; `true` is never a valid score.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def read_number(
    value: Any, path: str, problems: Problems, *, low: float | None = None, high: float | None = None
) -> float | None:
    if not is_number(value) or (low is not None and value < low) or (high is not None and value > high):
        problems.add(path, _number_message(low, high))
        return None
    return float(value)


def _number_message(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"harus berupa angka {low:g} sampai {high:g}"
    if low is not None:
        return f"harus berupa angka minimal {low:g}"
    return "harus berupa angka"


def field_of(item: Any, key: str) -> Any:
    """`item[key]` when `item` is an object, else None (the object's own error is reported elsewhere)."""
    return item.get(key) if isinstance(item, Mapping) else None


def read_list(case: Mapping[str, Any], key: str, problems: Problems, *, path: str | None = None) -> list[Any]:
    value = case.get(key)
    if not isinstance(value, list) or not value:
        problems.add(path or key, "harus berupa daftar yang tidak kosong")
        return []
    return value


def read_mapping(value: Any, path: str, problems: Problems) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        problems.add(path, "harus berupa objek JSON")
        return {}
    return value


def read_choice(
    case: Mapping[str, Any], key: str, choices: Sequence[str], default: str, problems: Problems
) -> str:
    value = case.get(key, default)
    if value not in choices:
        problems.add(key, "harus salah satu dari: " + ", ".join(choices))
        return default
    return str(value)


def read_ids(values: Sequence[Any], paths: Sequence[str], problems: Problems, what: str = "id") -> list[str]:
    """Ids are non-empty strings and unique; a duplicate is reported at its second occurrence."""
    seen: set[str] = set()
    ids: list[str] = []
    for value, path in zip(values, paths, strict=True):
        if not isinstance(value, str) or not value:
            problems.add(path, f"{what} harus berupa teks yang tidak kosong")
        elif value in seen:
            problems.add(path, f"{what} ganda: {value}")
        else:
            seen.add(value)
        ids.append(value if isinstance(value, str) else str(value))
    return ids
