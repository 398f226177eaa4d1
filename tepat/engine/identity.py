"""NIP and NIK structure checks (SECURITY.md R-16). Pure: returns problems, never raises.

NIP (18 digits): birth date YYYYMMDD · TMT CPNS YYYYMM · gender digit (1 = laki-laki, 2 = perempuan) · serial.
NIK (16 digits): region (6) · DDMMYY with day + 40 for women · serial (4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class IdentityProblem:
    field: str
    message: str
    code: str
    # True where real national data is known to contain such mismatches: an admin may accept it with a reason.
    acceptable_with_reason: bool = False


def _parse_date(text: str) -> date | None:
    try:
        return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def check_nip(
    nip: str, *, birth_date: date | None, gender: str | None, tmt_cpns: date | None
) -> list[IdentityProblem]:
    if len(nip) != 18 or not nip.isdigit():
        return [IdentityProblem("nip", "NIP harus 18 digit angka.", "nip_format")]
    problems: list[IdentityProblem] = []
    embedded_birth = _parse_date(nip[0:8])
    if embedded_birth is None:
        problems.append(
            IdentityProblem("nip", "8 digit pertama NIP bukan tanggal lahir yang valid.", "nip_birth_invalid")
        )
    elif birth_date is not None and embedded_birth != birth_date:
        problems.append(
            IdentityProblem(
                "nip",
                f"Tanggal lahir dalam NIP ({embedded_birth:%d-%m-%Y}) berbeda dengan tanggal lahir "
                f"({birth_date:%d-%m-%Y}).",
                "nip_birth_mismatch",
                acceptable_with_reason=True,
            )
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        problems.append(
            IdentityProblem("nip", "Digit 9–14 NIP bukan bulan TMT CPNS yang valid.", "nip_tmt_invalid")
        )
    elif tmt_cpns is not None and (tmt_cpns.year, tmt_cpns.month) != (year, month):
        problems.append(
            IdentityProblem(
                "nip",
                f"TMT CPNS dalam NIP ({month:02d}-{year}) berbeda dengan TMT CPNS ({tmt_cpns:%m-%Y}).",
                "nip_tmt_mismatch",
                acceptable_with_reason=True,
            )
        )
    gender_digit = nip[14]
    if gender_digit not in "12":
        problems.append(
            IdentityProblem("nip", "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).", "nip_gender")
        )
    elif gender is not None and {"1": "L", "2": "P"}[gender_digit] != gender:
        problems.append(
            IdentityProblem(
                "nip",
                "Kode jenis kelamin dalam NIP tidak sesuai dengan jenis kelamin.",
                "nip_gender_mismatch",
                acceptable_with_reason=True,
            )
        )
    return problems


def check_nik(nik: str, *, birth_date: date | None, gender: str | None) -> list[IdentityProblem]:
    if len(nik) != 16 or not nik.isdigit():
        return [IdentityProblem("nik", "NIK harus 16 digit angka.", "nik_format")]
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    is_female = day > 40
    day = day - 40 if is_female else day
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return [IdentityProblem("nik", "Digit 7–12 NIK bukan tanggal lahir yang valid.", "nik_birth_invalid")]
    problems: list[IdentityProblem] = []
    if birth_date is not None and (birth_date.day, birth_date.month, birth_date.year % 100) != (
        day,
        month,
        year2,
    ):
        problems.append(
            IdentityProblem(
                "nik", "Tanggal lahir dalam NIK berbeda dengan tanggal lahir.", "nik_birth_mismatch"
            )
        )
    if gender is not None and (gender == "P") != is_female:
        problems.append(
            IdentityProblem(
                "nik", "Tanggal dalam NIK tidak sesuai dengan jenis kelamin.", "nik_gender_mismatch"
            )
        )
    return problems


def mask_nik(nik: str) -> str:
    """3374********0001: region prefix and serial only (SECURITY.md D-6)."""
    if len(nik) < 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def make_nip(birth_date: date, tmt_cpns: date, gender: str, serial: int) -> str:
    return f"{birth_date:%Y%m%d}{tmt_cpns:%Y%m}{'1' if gender == 'L' else '2'}{serial:03d}"


def make_nik(region: str, birth_date: date, gender: str, serial: int) -> str:
    day = birth_date.day + (40 if gender == "P" else 0)
    return f"{region}{day:02d}{birth_date:%m%y}{serial:04d}"
