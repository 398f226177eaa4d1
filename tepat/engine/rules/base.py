"""A small builder so each rule states only its decision; the legal basis and version come from rule data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.rules.model import Outcome, RuleResult, Severity
from tepat.engine.rules.parameters import RuleBook, RuleParameter


@dataclass(frozen=True)
class Check:
    rule_id: str
    row: RuleParameter  # the parameter row in force; its legal basis is the rule's legal basis
    severity: Severity
    extra_versions: tuple[str, ...] = ()

    @property
    def value(self) -> Any:
        return self.row.value

    def number(self) -> float:
        """The value as a number; an admin's non-numeric entry is a named error, not a traceback."""
        value = self.row.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.bad_value("harus berupa angka")
        return float(value)

    def choice(self, allowed: Iterable[str]) -> str:
        options = [str(option) for option in allowed]
        if str(self.row.value) not in options:
            raise self.bad_value("harus salah satu dari: " + ", ".join(options))
        return str(self.row.value)

    def bad_value(self, message: str) -> InvalidInput:
        return InvalidInput([FieldProblem(f"params.{self.row.rule_id}.{self.row.parameter}", message)])

    @property
    def enabled(self) -> bool:
        return self.row.value is not False

    def also_using(self, *rows: RuleParameter) -> Check:
        versions = self.extra_versions + tuple(row.version for row in rows)
        return Check(self.rule_id, self.row, self.severity, versions)

    def passed(self, reason: str, message: str) -> RuleResult:
        return self._result(Outcome.PASS, reason, message)

    def failed(self, reason: str, message: str) -> RuleResult:
        return self._result(Outcome.FAIL, reason, message)

    def missing(self, what: tuple[str, ...], message: str) -> RuleResult:
        return self._result(Outcome.MISSING, "data_belum_lengkap", message, what)

    def not_applicable(self, reason: str, message: str) -> RuleResult:
        return self._result(Outcome.NOT_APPLICABLE, reason, message)

    def disabled(self) -> RuleResult:
        return self.not_applicable("dinonaktifkan", "pemeriksaan ini dinonaktifkan dalam data aturan")

    def _result(self, outcome: Outcome, reason: str, message: str, what: tuple[str, ...] = ()) -> RuleResult:
        version = ", ".join((self.row.version, *self.extra_versions))
        return RuleResult(
            self.rule_id, outcome, self.severity, reason, message, self.row.legal_basis, version, what
        )


def check(book: RuleBook, on: date, rule_id: str, parameter: str, severity: Severity) -> Check:
    return Check(rule_id, book.resolve(rule_id, parameter, on), severity)
