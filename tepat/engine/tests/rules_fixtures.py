"""Shared facts for the eligibility-rule tests: a clean candidate, a seat, and helpers to vary them."""

from dataclasses import replace
from datetime import date
from typing import Any

from tepat.engine.reference import EmploymentStatus, PositionKind, Predikat
from tepat.engine.rules import (
    DEFAULT_RULE_BOOK,
    AbkStatus,
    CandidateFacts,
    ChainHead,
    Education,
    SkpRecord,
    TargetFacts,
    evaluate,
)

ON = date(2026, 7, 1)
PEMERINTAHAN = Education("S1", "ip", "Ilmu Pemerintahan", "sospol", "Ilmu Sosial dan Politik")
HUKUM = Education("S1", "hk", "Ilmu Hukum", "sospol", "Ilmu Sosial dan Politik")
SIPIL = Education("S1", "ts", "Teknik Sipil", "teknik", "Teknik")

GOOD = CandidateFacts(
    employee_id="e1",
    status=EmploymentStatus.PNS,
    rank_code=33,
    post_start=date(2023, 7, 1),  # 36 months on ON
    current_position_kind=PositionKind.PELAKSANA,
    educations=(PEMERINTAHAN,),
    relative_ids=frozenset({"rel1"}),
    audit_finding=False,
    skp=(SkpRecord(2025, Predikat.BAIK), SkpRecord(2024, Predikat.SANGAT_BAIK)),
    origin_abk=AbkStatus(kebutuhan=2, bezetting=3),
)
SEAT = TargetFacts(
    position_id="p1",
    position_name="Kasi Pemerintahan",
    unit_name="Kelurahan Ngesrep",
    position_kind=PositionKind.PENGAWAS,
    rank_min=33,
    rank_max=34,
    min_education_level="D4",
    accepted_field_ids=frozenset({"ip"}),
    accepted_rumpun_ids=frozenset({"sospol"}),
    field_requirement_label="Ilmu Pemerintahan",
    chain_heads=(
        ChainHead("u1", "Kelurahan Ngesrep", "lurah1"),
        ChainHead("u0", "Kecamatan Banyumanik", "camat1"),
    ),
    case_actor_ids=frozenset({"ppk1", "tim1"}),
    jpm=85.0,
    target_abk=AbkStatus(kebutuhan=1, bezetting=0),
)


def run(rule_id: str, candidate: CandidateFacts = GOOD, target: TargetFacts = SEAT, **kw: Any) -> Any:
    book = kw.pop("book", DEFAULT_RULE_BOOK)
    return evaluate(candidate, target, kw.pop("on", ON), book).result(rule_id)


def with_c(**changes: Any) -> CandidateFacts:
    return replace(GOOD, **changes)


def with_t(**changes: Any) -> TargetFacts:
    return replace(SEAT, **changes)


B, SB, BP = Predikat.BAIK, Predikat.SANGAT_BAIK, Predikat.BUTUH_PERBAIKAN
