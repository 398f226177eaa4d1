"""Excel export of one evaluation round, through tepat.exchange.safety (safe cells, audited, no-store)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse

from tepat.evaluation.selectors.rounds import RoundView
from tepat.exchange.safety import Sheet, xlsx_response

SUBJECT = "evaluation.round"
MOVER_HEADERS = [
    "Nama", "NIP", "TMT", "Unit asal", "Unit tujuan", "Jabatan baru", "Usulan", "SKP sebelum", "SKP sesudah",
    "Perubahan", "Perubahan pembanding", "Efek", "Jumlah pembanding", "Penilaian", "Peringatan dini",
    "Alasan tidak dinilai", "Kalimat",
]  # fmt: skip
GROUP_HEADERS = [
    "Kelompok",
    "Efek (poin)",
    "IK bawah",
    "IK atas",
    "Dinilai",
    "Semua",
    "Perlu dukungan",
    "Kalimat",
]


def _group_rows(groups: list[dict[str, Any]]) -> Iterator[list[Any]]:
    for g in groups:
        yield [g["label"], g["effect"], g["ci_low"], g["ci_high"], g["movers"], g["movers_total"],
               g["needs_support"], g["sentence"]]  # fmt: skip


def _mover_rows(movers: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    for m in movers:
        yield [
            m["name"], m["nip"], m["tmt"], m.get("from_unit", ""), m.get("sub_label", ""), m.get("position_name", ""),
            m["batch_label"], m["pre"], m["post"], m["own_change"], m["comparison_change"], m["effect"],
            m["comparisons"], m["class_label"], "; ".join(w["text"] for w in m["warnings"]), m["reason"],
            m["sentence"],
        ]  # fmt: skip


def round_xlsx(view: RoundView, *, actor: Any) -> HttpResponse:
    run, s = view.run, view.summary
    summary_rows: list[list[Any]] = [
        ["Tahun putaran", run.round_year],
        ["Lingkup", run.scope_label + (" (bagian dalam cakupan Anda)" if view.partial else "")],
        ["Efek rata-rata (poin SKP)", s.get("effect")],
        ["IK bawah", s.get("ci_low")],
        ["IK atas", s.get("ci_high")],
        ["Metode interval", s.get("interval_method")],
        ["Pegawai dimutasi yang dinilai", s.get("movers")],
        ["Pegawai pembanding", s.get("comparisons")],
        ["Dimutasi tanpa pembanding", s.get("unmatched")],
        ["Perlu dukungan", s.get("needs_support")],
        ["Kesimpulan", s.get("sentence")],
        ["Hash masukan", run.inputs_hash],
        ["Versi mesin", run.engine_version],
    ]
    sheets: list[Sheet] = [
        Sheet("Ringkasan", ["Butir", "Nilai"], summary_rows),
        Sheet("Per unit", GROUP_HEADERS, _group_rows(view.units)),
        Sheet("Per usulan", GROUP_HEADERS, _group_rows(view.batches)),
        Sheet(
            "Pegawai",
            [
                "Nama",
                "NIP",
                "TMT",
                "Unit asal",
                "Unit tujuan",
                "Jabatan baru",
                "Usulan",
                "SKP sebelum",
                "SKP sesudah",
                "Perubahan",
                "Perubahan pembanding",
                "Efek",
                "Jumlah pembanding",
                "Penilaian",
                "Peringatan dini",
                "Alasan tidak dinilai",
                "Kalimat",
            ],
            _mover_rows(view.movers),
            frozenset({"NIP"}),
        ),
    ]
    return xlsx_response(f"evaluasi-mutasi-{run.round_year}", sheets, actor=actor, subject=SUBJECT)
