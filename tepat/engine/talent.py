"""The 9-box talent map (Peta Talenta) of PermenPANRB 3/2020 (DOMAIN.md §5).

The X axis is potensial, read from the JPM of the latest competency assessment against the employee's own
position; the Y axis is kinerja, read from the latest SKP predikat. The cut-offs are not set nationally, so they
are rule data (`DEFAULT_TALENT_PARAMETERS`, rule id "TALENT"), overridable by an admin like every other rule row.

Placement is vectorised: `place_boxes` takes one array of JPM values and one of predikat codes for the whole
government (15,000 rows in well under a millisecond of numpy) and returns the box number per row, 0 when one
of the two axes is missing (the reason is `UNPLACED_*`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.ranking import Problems, field_of, read_ids, read_list, read_mapping, read_number
from tepat.engine.reference import Predikat
from tepat.engine.rules.model import RuleStatus
from tepat.engine.rules.parameters import RuleBook, RuleParameter

RULE_ID = "TALENT"
PERMENPANRB_3_2020 = date(2020, 1, 1)
_BASIS = "PermenPANRB 3/2020 (Manajemen Talenta ASN); batas sumbu tidak ditetapkan nasional"

# DOMAIN §5: JPM on scale A (Tinggi ≥ 90, Menengah 78–< 90) [P]; Sangat Baik → di atas, Baik → sesuai [U].
DEFAULT_TALENT_PARAMETERS: tuple[RuleParameter, ...] = (
    RuleParameter(RULE_ID, "potential_high_min", 90, "persen JPM", _BASIS, RuleStatus.PRACTICE,
                  PERMENPANRB_3_2020, notes="potensial tinggi: JPM ≥ batas ini"),
    RuleParameter(RULE_ID, "potential_middle_min", 78, "persen JPM", _BASIS, RuleStatus.PRACTICE,
                  PERMENPANRB_3_2020, notes="potensial menengah: JPM ≥ batas ini; di bawahnya rendah"),
    RuleParameter(RULE_ID, "performance_above", [Predikat.SANGAT_BAIK.value], "predikat", _BASIS,
                  RuleStatus.UNCONFIRMED, PERMENPANRB_3_2020, notes="kinerja di atas ekspektasi"),
    RuleParameter(RULE_ID, "performance_meets", [Predikat.BAIK.value], "predikat", _BASIS,
                  RuleStatus.UNCONFIRMED, PERMENPANRB_3_2020, notes="kinerja sesuai ekspektasi; lainnya di bawah"),
)  # fmt: skip


class Potential(IntEnum):
    RENDAH = 0
    MENENGAH = 1
    TINGGI = 2


class Performance(IntEnum):
    DI_BAWAH = 0
    SESUAI = 1
    DI_ATAS = 2


POTENTIAL_LABELS = {Potential.RENDAH: "Rendah", Potential.MENENGAH: "Menengah", Potential.TINGGI: "Tinggi"}
PERFORMANCE_LABELS = {
    Performance.DI_BAWAH: "Di bawah ekspektasi",
    Performance.SESUAI: "Sesuai ekspektasi",
    Performance.DI_ATAS: "Di atas ekspektasi",
}
# BOX_GRID[performance][potential] (DOMAIN §5 layout).
BOX_GRID = np.array([[1, 3, 6], [2, 5, 8], [4, 7, 9]], dtype=np.int8)
_AXES_OF_BOX = {int(BOX_GRID[row, col]): (row, col) for row in range(3) for col in range(3)}
UNPLACED_NO_POTENTIAL = -1  # no assessment against the own position's standard
UNPLACED_NO_PERFORMANCE = -2  # no SKP recorded
UNPLACED_LABELS = {
    UNPLACED_NO_POTENTIAL: "Potensial belum diukur (belum ada asesmen kompetensi)",
    UNPLACED_NO_PERFORMANCE: "Kinerja belum tercatat (belum ada SKP)",
}

BOX_RECOMMENDATIONS: dict[int, tuple[str, ...]] = {
    9: ("Dipromosikan dan dipertahankan", "Masuk Kelompok Rencana Suksesi Instansi/Nasional", "Penghargaan"),
    8: ("Dipertahankan", "Masuk Kelompok Rencana Suksesi Instansi", "Rotasi/Perluasan jabatan",
        "Bimbingan kinerja"),
    7: ("Dipertahankan", "Masuk Kelompok Rencana Suksesi Instansi", "Rotasi/Pengayaan jabatan",
        "Pengembangan kompetensi", "Tugas belajar"),
    6: ("Penempatan yang sesuai", "Bimbingan kinerja", "Konseling kinerja"),
    5: ("Penempatan yang sesuai", "Bimbingan kinerja", "Pengembangan kompetensi"),
    4: ("Rotasi", "Pengembangan kompetensi"),
    3: ("Bimbingan kinerja", "Konseling kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    2: ("Bimbingan kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    1: ("Diproses sesuai ketentuan peraturan perundang-undangan",),
}  # fmt: skip
SUCCESSION_INSTANSI = frozenset({7, 8, 9})
SUCCESSION_NASIONAL = frozenset({9})


@dataclass(frozen=True)
class TalentCutoffs:
    potential_high_min: float = 90.0
    potential_middle_min: float = 78.0
    performance_above: frozenset[str] = frozenset({Predikat.SANGAT_BAIK.value})
    performance_meets: frozenset[str] = frozenset({Predikat.BAIK.value})

    def __post_init__(self) -> None:
        problems = []
        if not 0 <= self.potential_middle_min < self.potential_high_min:
            problems.append(
                FieldProblem(
                    f"params.{RULE_ID}.potential_middle_min",
                    "batas potensial menengah harus ≥ 0 dan lebih kecil dari batas potensial tinggi",
                )
            )
        known = {p.value for p in Predikat}
        for name in ("performance_above", "performance_meets"):
            unknown = sorted(set(getattr(self, name)) - known)
            if unknown:
                problems.append(
                    FieldProblem(f"params.{RULE_ID}.{name}", f"predikat tidak dikenal: {unknown}")
                )
        if self.performance_above & self.performance_meets:
            problems.append(
                FieldProblem(
                    f"params.{RULE_ID}.performance_meets", "satu predikat tidak boleh di dua tingkat kinerja"
                )
            )
        if problems:
            raise InvalidInput(problems)

    def sentences(self) -> tuple[str, ...]:
        """The cut-offs as the page shows them."""
        return (
            f"Potensial tinggi: JPM ≥ {self.potential_high_min:g} %; menengah: {self.potential_middle_min:g} % "
            f"sampai di bawah {self.potential_high_min:g} %; rendah: di bawah {self.potential_middle_min:g} %.",
            f"Kinerja di atas ekspektasi: predikat {_join(self.performance_above)}; sesuai ekspektasi: "
            f"{_join(self.performance_meets)}; predikat lain: di bawah ekspektasi.",
        )


def _join(predikat: frozenset[str]) -> str:
    order = [p.value for p in Predikat]
    return ", ".join(sorted(predikat, key=order.index)) or "—"


def talent_cutoffs(book: RuleBook, on: date) -> TalentCutoffs:
    """The cut-offs in force on `on`; the book must hold the TALENT rows (defaults or an admin's versions)."""

    def value(parameter: str) -> object:
        return book.resolve(RULE_ID, parameter, on).value

    try:
        high = float(value("potential_high_min"))  # type: ignore[arg-type]
        middle = float(value("potential_middle_min"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(
            [FieldProblem(f"params.{RULE_ID}.potential_high_min", "batas potensial harus berupa angka")]
        ) from None
    return TalentCutoffs(
        potential_high_min=high,
        potential_middle_min=middle,
        performance_above=frozenset(_strings(value("performance_above"), "performance_above")),
        performance_meets=frozenset(_strings(value("performance_meets"), "performance_meets")),
    )


def _strings(raw: object, name: str) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return raw
    raise InvalidInput([FieldProblem(f"params.{RULE_ID}.{name}", "harus berupa daftar predikat")])


def potential_levels(jpm: npt.ArrayLike, cutoffs: TalentCutoffs) -> npt.NDArray[np.int8]:
    """0 rendah, 1 menengah, 2 tinggi; -1 where JPM is NaN (not assessed)."""
    values = np.asarray(jpm, dtype=float)
    levels = np.where(values >= cutoffs.potential_middle_min - 1e-9, 1, 0)
    levels = np.where(values >= cutoffs.potential_high_min - 1e-9, 2, levels)
    return np.where(np.isnan(values), UNPLACED_NO_POTENTIAL, levels).astype(np.int8)


def performance_levels(predikat: Sequence[str | None], cutoffs: TalentCutoffs) -> npt.NDArray[np.int8]:
    """0 di bawah, 1 sesuai, 2 di atas; -2 where no SKP is recorded (None or "")."""
    lookup: dict[str | None, int] = {p.value: int(Performance.DI_BAWAH) for p in Predikat}
    lookup.update({p: int(Performance.SESUAI) for p in cutoffs.performance_meets})
    lookup.update({p: int(Performance.DI_ATAS) for p in cutoffs.performance_above})
    return np.fromiter(
        (lookup.get(p, UNPLACED_NO_PERFORMANCE) for p in predikat), dtype=np.int8, count=len(predikat)
    )


def place_boxes(
    jpm: npt.ArrayLike, predikat: Sequence[str | None], cutoffs: TalentCutoffs
) -> npt.NDArray[np.int8]:
    """The box (1–9) of each row; a missing potential gives -1, else a missing performance gives -2."""
    potential = potential_levels(jpm, cutoffs)
    performance = performance_levels(predikat, cutoffs)
    if potential.shape != performance.shape:
        raise InvalidInput([FieldProblem("predikat", "jumlah baris JPM dan predikat harus sama")])
    placed = (potential >= 0) & (performance >= 0)
    boxes = BOX_GRID[np.clip(performance, 0, 2), np.clip(potential, 0, 2)]
    boxes = np.where(placed, boxes, np.where(potential < 0, UNPLACED_NO_POTENTIAL, UNPLACED_NO_PERFORMANCE))
    return boxes.astype(np.int8)


def box_counts(boxes: npt.ArrayLike) -> dict[int, int]:
    """Count per box 1–9 plus the two unplaced codes, every key present."""
    values = np.asarray(boxes, dtype=np.int64)
    counts = np.bincount(values[values > 0], minlength=10)
    result = {box: int(counts[box]) for box in range(1, 10)}
    for code in UNPLACED_LABELS:
        result[code] = int(np.count_nonzero(values == code))
    return result


@dataclass(frozen=True)
class BoxInfo:
    number: int
    performance: Performance
    potential: Potential
    recommendations: tuple[str, ...]

    @property
    def title(self) -> str:
        return (
            f"Kotak {self.number}: kinerja {PERFORMANCE_LABELS[self.performance].lower()}, "
            f"potensial {POTENTIAL_LABELS[self.potential].lower()}"
        )

    @property
    def succession(self) -> str:
        """The Kelompok Rencana Suksesi the box belongs to (DOMAIN §5), or ""."""
        if self.number in SUCCESSION_NASIONAL:
            return "Kelompok Rencana Suksesi Instansi dan Nasional"
        if self.number in SUCCESSION_INSTANSI:
            return "Kelompok Rencana Suksesi Instansi"
        return ""


def box_info(number: int) -> BoxInfo:
    if number not in BOX_RECOMMENDATIONS:
        raise InvalidInput([FieldProblem("kotak", "nomor kotak harus 1 sampai 9")])
    performance, potential = _AXES_OF_BOX[number]
    return BoxInfo(number, Performance(performance), Potential(potential), BOX_RECOMMENDATIONS[number])


def grid_rows() -> tuple[tuple[BoxInfo, ...], ...]:
    """The 3×3 grid top row first (kinerja di atas ekspektasi), potensial rendah → tinggi left to right."""
    return tuple(tuple(box_info(int(n)) for n in row) for row in BOX_GRID[::-1])


def run_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """`python -m tepat.engine`: {"method": "talent", "employees": [{"id", "jpm": number|null, "predikat":
    str|null}], "cutoffs": {optional TalentCutoffs fields}} → each employee's box with its recommendations."""
    problems = Problems()
    items = read_list(case, "employees", problems)
    ids = read_ids(
        [field_of(i, "id") for i in items], [f"employees[{n}].id" for n in range(len(items))], problems
    )
    jpm: list[float] = []
    predikat: list[str | None] = []
    for n, item in enumerate(items):
        read_mapping(item, f"employees[{n}]", problems)
        raw = field_of(item, "jpm")
        value = None if raw is None else read_number(raw, f"employees[{n}].jpm", problems, low=0)
        jpm.append(np.nan if value is None else value)
        label = field_of(item, "predikat")
        if label is not None and label not in {p.value for p in Predikat}:
            problems.add(f"employees[{n}].predikat", "predikat SKP tidak dikenal")
        predikat.append(label)
    cutoffs = _case_cutoffs(case.get("cutoffs", {}), problems)
    problems.raise_if_any()
    assert cutoffs is not None  # noqa: S101 - problems were raised above
    boxes = place_boxes(np.array(jpm, dtype=float), predikat, cutoffs).tolist()
    return {
        "method": "talent",
        "cutoffs": list(cutoffs.sentences()),
        "employees": [_case_row(employee, box) for employee, box in zip(ids, boxes, strict=True)],
        "counts": {str(box): count for box, count in box_counts(np.array(boxes)).items()},
    }


def _case_cutoffs(raw: Any, problems: Problems) -> TalentCutoffs | None:
    fields = read_mapping(raw, "cutoffs", problems)
    values: dict[str, Any] = {}
    for name in ("potential_high_min", "potential_middle_min"):
        if name in fields:
            values[name] = read_number(fields[name], f"cutoffs.{name}", problems, low=0)
    for name in ("performance_above", "performance_meets"):
        if name in fields:
            items = fields[name]
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                problems.add(f"cutoffs.{name}", "harus berupa daftar predikat")
                continue
            values[name] = frozenset(items)
    if problems.items:
        return None
    try:
        return TalentCutoffs(**values)
    except InvalidInput as error:
        for problem in error.problems:
            problems.add(problem.path.replace(f"params.{RULE_ID}.", "cutoffs."), problem.message)
        return None


def _case_row(employee: str, box: int) -> dict[str, Any]:
    if box <= 0:
        return {"id": employee, "box": None, "unplaced": UNPLACED_LABELS[box]}
    info = box_info(box)
    return {
        "id": employee,
        "box": box,
        "performance": PERFORMANCE_LABELS[info.performance],
        "potential": POTENTIAL_LABELS[info.potential],
        "recommendations": list(info.recommendations),
        "succession": info.succession,
    }
