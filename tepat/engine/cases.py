"""JSON case runner: `python -m tepat.engine CASE.json` dispatches on `method` to a pure engine function.

Each method module exposes `run_case(case: Mapping) -> dict` which validates its own input, raising
`InvalidInput` with every problem it found (paths like `candidates[2].values.K3`).
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from tepat.engine.errors import FieldProblem, Infeasible, InvalidInput

# method name -> "module:function"; imported lazily so one method's dependencies never slow another.
METHODS: dict[str, str] = {
    "profile_matching": "tepat.engine.profile_matching:run_case",
    "saw": "tepat.engine.mcdm:run_saw_case",
    "topsis": "tepat.engine.mcdm:run_topsis_case",
    "ahp": "tepat.engine.mcdm:run_ahp_case",
    "jpm": "tepat.engine.jpm:run_case",
    "placement": "tepat.engine.placement:run_case",
    "evaluation": "tepat.engine.evaluation.case:run_case",
    "talent": "tepat.engine.talent:run_case",
    "development": "tepat.engine.development.case:run_case",
}


def handler_for(method: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    module_name, func_name = METHODS[method].split(":")
    handler: Callable[[Mapping[str, Any]], dict[str, Any]] = getattr(
        importlib.import_module(module_name), func_name
    )
    return handler


def run(case: Any) -> dict[str, Any]:
    """Validate the envelope, dispatch, and check the result holds no NaN or infinity."""
    if not isinstance(case, Mapping):
        raise InvalidInput([FieldProblem("$", "kasus harus berupa objek JSON")])
    method = case.get("method")
    if method not in METHODS:
        known = ", ".join(sorted(METHODS))
        raise InvalidInput([FieldProblem("method", f"harus salah satu dari: {known}")])
    result = handler_for(method)(case)
    _assert_finite(result, "$")
    return result


def _assert_finite(value: Any, path: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{path}: hasil bukan angka hingga ({value})")
    if isinstance(value, Mapping):
        for key, item in value.items():
            _assert_finite(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _assert_finite(item, f"{path}[{index}]")


def load(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (json.JSONDecodeError, ValueError) as exc:
        raise InvalidInput([FieldProblem("$", f"JSON tidak valid: {exc}")]) from exc


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} tidak diizinkan")


def main(
    argv: list[str], stdin_text: Callable[[], str], out: Callable[[str], None], err: Callable[[str], None]
) -> int:
    if len(argv) != 1:
        err("error: $: pemakaian: python -m tepat.engine CASE.json (atau - untuk stdin)")
        return 2
    try:
        text = stdin_text() if argv[0] == "-" else _read_file(argv[0])
        result = run(load(text))
    except InvalidInput as exc:
        for problem in exc.problems:
            err(problem.line())
        return 2
    except Infeasible as exc:
        err(f"error: {exc.field or '$'}: {exc.message}")
        return 2
    out(json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False))
    return 0


def _read_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise InvalidInput([FieldProblem("$", f"berkas tidak dapat dibaca: {exc.strerror}")]) from exc
    except UnicodeDecodeError as exc:
        raise InvalidInput([FieldProblem("$", "berkas harus berkodekan UTF-8")]) from exc
