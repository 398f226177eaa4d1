"""The one exception tree of Tepat. Django layers map these to HTTP and form errors in one place."""

from __future__ import annotations

from dataclasses import dataclass


class ApplicationError(Exception):
    """Root of every expected, user-facing error. `message` is Bahasa Indonesia and safe to show."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one input field; `path` names it (e.g. `candidates[2].values.K3`)."""

    path: str
    message: str

    def line(self) -> str:
        return f"error: {self.path}: {self.message}"


class InvalidInput(ApplicationError):
    """Input that breaks the documented format; carries every problem found, not just the first."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        first = problems[0] if problems else FieldProblem("", "masukan tidak valid")
        super().__init__(first.message, field=first.path)
        self.problems = problems


class IllegalTransition(ApplicationError):
    """A workflow action that the transition table does not allow from the current state or for the role."""


class NotEligible(ApplicationError):
    """A hard eligibility rule fails and no authorised override is recorded."""


class ConcurrentUpdate(ApplicationError):
    """Someone else changed the object first (compare-and-set or version check failed)."""


class Infeasible(ApplicationError):
    """Constraints that cannot all hold at once (e.g. a fixed pair that is also forbidden)."""
