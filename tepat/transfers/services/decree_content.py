"""The frozen content of a Keputusan (DOMAIN.md §1.7): data blocks, the attachment rows, the berita acara."""

from __future__ import annotations

from datetime import date
from typing import Any

from tepat.engine.rules.dates import format_date
from tepat.transfers.models import Decree, DecreeSettings, Move

TITLE = "PEMINDAHAN/MUTASI PEGAWAI NEGERI SIPIL DI LINGKUNGAN PEMERINTAH KOTA SEMARANG"

DEFAULT_BLOCKS: dict[str, str] = {
    "menimbang": "\n".join(
        [
            "bahwa untuk kepentingan dinas dan kelancaran pelaksanaan tugas, dipandang perlu melakukan "
            "pemindahan Pegawai Negeri Sipil di lingkungan Pemerintah Kota Semarang;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
            "Wali Kota tentang Pemindahan/Mutasi Pegawai Negeri Sipil di Lingkungan Pemerintah Kota Semarang;",
        ]
    ),
    "mengingat": "\n".join(
        [
            "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana "
            "telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
            "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi;",
            "Peraturan Daerah Kota Semarang tentang Pembentukan dan Susunan Perangkat Daerah;",
        ]
    ),
    "tembusan": "\n".join(
        [
            "Kepala Badan Kepegawaian Negara / Kepala Kantor Regional I BKN Yogyakarta;",
            "Kepala Badan Kepegawaian, Pendidikan dan Pelatihan Kota Semarang;",
            "Kepala Perangkat Daerah asal dan tujuan yang bersangkutan;",
            "Pegawai Negeri Sipil yang bersangkutan.",
        ]
    ),
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _row(index: int, move: Move, tmt: date) -> dict[str, Any]:
    employee = move.employee
    old_seat = employee.seat
    new_position = move.target_seat.position
    return {
        "no": index,
        "name": employee.full_name,
        "nip": employee.nip,
        "pangkat": f"{employee.pangkat} ({employee.golongan})" if employee.rank else "—",
        "old_position": old_seat.position.name if old_seat else "—",
        "old_unit": old_seat.position.unit.name
        if old_seat
        else (employee.unit.name if employee.unit else "—"),
        "new_position": new_position.name,
        "new_unit": new_position.unit.name,
        "tmt": format_date(tmt),
        "move": str(move.public_id),
    }


def _memperhatikan(moves: list[Move]) -> list[str]:
    sessions = {m.board_session_id: m.board_session for m in moves if m.board_session is not None}
    return [
        f"Berita Acara Sidang Tim Penilai Kinerja PNS Nomor {s.number} tanggal {format_date(s.held_on)}"
        for s in sorted(sessions.values(), key=lambda s: (s.held_on, s.number))
    ]


def build_content(
    blocks: DecreeSettings,
    moves: list[Move],
    number_text: str,
    tmt: date,
    day: date,
    corrects: Decree | None,
    correction_reason: str,
) -> dict[str, Any]:
    return {
        "number": number_text,
        "government": blocks.government,
        "head_title": blocks.head_title,
        "title": TITLE,
        "menimbang": _lines(blocks.menimbang),
        "mengingat": _lines(blocks.mengingat),
        "memperhatikan": _memperhatikan(moves),
        "tmt": format_date(tmt),
        "tmt_iso": tmt.isoformat(),
        "place": blocks.place,
        "issued_on": format_date(day),
        "signer": {"name": blocks.signer_name, "rank": blocks.signer_rank, "nip": blocks.signer_nip},
        "tembusan": _lines(blocks.tembusan),
        "rows": [_row(i, move, tmt) for i, move in enumerate(moves, start=1)],
        "corrects": {"number": corrects.number_text, "date": format_date(corrects.issued_on)}
        if corrects
        else None,
        "correction_reason": correction_reason.strip(),
    }
