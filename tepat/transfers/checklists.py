"""Document checklist per mutation type (DOMAIN.md §1.4), kept as data in one place.

For intra-Pemkot moves (A_INTRA) the law only requires the PPK's decision after the Tim Penilai Kinerja; any
internal checklist is local policy [U], so nothing is required there beyond the employee's own letter when the
move is at their own request. Inter-instansi moves need the full list of Peraturan BKN 5/2019 practice.
"""

from __future__ import annotations

from dataclasses import dataclass

from tepat.engine.rules import MutationType


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str


DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("status_pns", "(1) Bukti status PNS (bukan CPNS)"),
    DocumentKind("anjab_abk", "(2) ANJAB dan ABK jabatan tujuan"),
    DocumentKind("permohonan", "(3) Surat permohonan pegawai"),
    DocumentKind("melepas", "(4) Surat pernyataan melepas dari kepala OPD asal"),
    DocumentKind("usul_ppk_penerima", "(5) Surat usul mutasi dari PPK penerima"),
    DocumentKind("persetujuan_ppk_asal", "(6) Surat persetujuan PPK asal"),
    DocumentKind("bebas_disiplin", "(7) Pernyataan tidak sedang proses/hukuman disiplin atau pidana"),
    DocumentKind("sk_kepegawaian", "(8) Salinan sah SK CPNS, SK PNS, SK pangkat dan SK jabatan terakhir"),
    DocumentKind("ijazah", "(9) Ijazah terakhir yang diakui"),
    DocumentKind("skp", "(10) Penilaian kinerja/SKP paling rendah baik 2 tahun terakhir"),
    DocumentKind("bebas_tugas_belajar", "(11) Pernyataan tidak tugas belajar/ikatan dinas"),
    DocumentKind("bebas_temuan", "(12) Surat keterangan bebas temuan Inspektorat"),
    DocumentKind("pendukung", "(13) Dokumen pendukung alasan (mis. akta nikah dan SK pasangan)"),
    DocumentKind("lainnya", "Dokumen lain"),
)
KIND_LABELS = {kind.code: kind.label for kind in DOCUMENT_KINDS}
INTER_INSTANSI = (
    "status_pns", "anjab_abk", "melepas", "usul_ppk_penerima", "persetujuan_ppk_asal", "bebas_disiplin",
    "sk_kepegawaian", "ijazah", "skp", "bebas_tugas_belajar", "bebas_temuan",
)  # fmt: skip


def required_documents(mutation_type: str, own_request: bool) -> tuple[str, ...]:
    base: tuple[str, ...] = () if mutation_type == MutationType.A_INTRA else INTER_INSTANSI
    return (*base, "permohonan") if own_request else base


def missing_documents(mutation_type: str, own_request: bool, present: set[str]) -> list[str]:
    return [code for code in required_documents(mutation_type, own_request) if code not in present]
