"""The dashboard's "Perlu perhatian" cards: each role's starting points into the later features.

Only composition of the apps' own selectors: a card is built only when the viewer's roles may open the page it
links to (the access policy decides), so nobody is shown a link that answers 403. Each card costs at most one
aggregate query, whatever the number of rows behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format

from tepat.core.policy import allowed_roles
from tepat.core.scoping import Scope, today, user_scope
from tepat.core.types import Viewer
from tepat.development.selectors import my_plans, my_progress, plan_summary
from tepat.engine.roles import Role
from tepat.evaluation.selectors.reviews import FILTER_OPEN, review_counts
from tepat.planning.needs.selectors import needs_report
from tepat.transfers.models import BoardSession
from tepat.transfers.selectors import board_session_list, inbox_counts, notices_for
from tepat.transfers.selectors_feedback import notices_with_feedback, objection_queue, open_surveys


@dataclass(frozen=True)
class Card:
    title: str
    figure: int | None  # None: a card that only links (no count to show)
    note: str
    url: str
    link_text: str
    urgent: bool = False
    extra: list[tuple[str, str]] = field(default_factory=list)  # further links: (text, url)


def may_open(scope: Scope, route: str) -> bool:
    roles = allowed_roles(route, "GET")
    return bool(roles and scope.roles & roles)


def staff_cards(*, viewer: Viewer) -> list[Card]:
    """Work waiting for a staff role within its scope: moves to act on, reviews, objections, plans."""
    scope, cards = user_scope(viewer), []
    if scope.has(Role.AUDITOR) and may_open(scope, "core:audit_trail"):
        cards.append(
            Card(
                "Jejak Audit",
                None,
                "Siapa melihat, mengekspor atau mengubah data apa; laporan per pengguna dan periode.",
                reverse("core:audit_trail"),
                "Buka Jejak Audit",
                extra=[("Pelingkupan insiden", reverse("core:audit_breach"))],
            )
        )
    if may_open(scope, "transfers:proposal_list"):
        states = inbox_counts(viewer=viewer)
        if any(row["actionable"] for row in states):  # read-only roles have nothing to act on
            waiting = sum(row["count"] for row in states if row["actionable"])
            cards.append(
                Card(
                    "Usulan menunggu tindakan Anda",
                    waiting,
                    "Usulan mutasi pada tahap yang dapat Anda proses.",
                    reverse("transfers:proposal_list"),
                    "Buka Usulan Mutasi",
                    urgent=bool(waiting),
                )
            )
    if may_open(scope, "planning:needs_overview"):
        cards.append(_needs_card(viewer, scope))
    if scope.has(Role.BOARD_MEMBER) and may_open(scope, "transfers:board_list"):
        open_sessions = board_session_list(viewer=viewer).filter(status=BoardSession.Status.OPEN).count()
        cards.append(
            Card(
                "Sidang Tim Penilai terbuka",
                open_sessions,
                "Sidang yang masih menunggu kehadiran dan rekomendasi Anda.",
                reverse("transfers:board_list"),
                "Buka Sidang Tim Penilai",
                urgent=bool(open_sessions),
            )
        )
    if may_open(scope, "evaluation:review_list"):
        counts = review_counts(viewer=viewer)
        note = f"{counts.overdue} terlambat" if counts.overdue else "Tinjauan 3 bulan pegawai pindahan."
        cards.append(
            Card(
                "Tinjauan pegawai baru jatuh tempo",
                counts.open,
                note,
                reverse("evaluation:review_list") + f"?status={FILTER_OPEN}",
                "Isi tinjauan" if scope.has(Role.UNIT_HEAD) else "Lihat tinjauan",
                urgent=bool(counts.overdue),
                extra=_evaluation_links(scope),
            )
        )
    if may_open(scope, "transfers:objection_list"):
        open_objections = objection_queue(viewer=viewer).count()
        cards.append(
            Card(
                "Keberatan belum dijawab",
                open_objections,
                "Keberatan pegawai atas SK mutasi.",
                reverse("transfers:objection_list"),
                "Lihat keberatan",
                urgent=bool(open_objections),
                extra=[("Peta Resistensi", reverse("transfers:resistance"))],
            )
        )
    if may_open(scope, "development:plan_list"):
        plans = plan_summary(viewer=viewer)
        cards.append(
            Card(
                "Rencana pengembangan tertinggal JP",
                plans.behind,
                f"dari {plans.active} rencana aktif; {plans.reassessment_due} perlu asesmen ulang.",
                reverse("development:plan_list") + "?status=aktif&behind=on",
                "Lihat rencana",
            )
        )
    return cards


def _needs_card(viewer: Viewer, scope: Scope) -> Card:
    """Kebutuhan vs bezetting over the viewer's scope; the database counts the people (no names needed)."""
    report = needs_report(viewer=viewer, with_ids=False)
    total = report.total
    extra = (
        [("Peta Lowongan", reverse("planning:vacancy_map"))]
        if may_open(scope, "planning:vacancy_map")
        else []
    )
    return Card(
        "Kekurangan pegawai (ANJAB/ABK)",
        total.kekurangan,
        f"Kebutuhan {_dotted(total.required)} orang, ada {_dotted(total.present)}; kelebihan "
        f"{_dotted(total.kelebihan)} (per {date_format(report.reference, 'j F Y')}).",
        reverse("planning:needs_overview"),
        "Buka Kebutuhan Pegawai",
        urgent=bool(total.kekurangan),
        extra=extra,
    )


def _dotted(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Indonesian thousands separator


def _evaluation_links(scope: Scope) -> list[tuple[str, str]]:
    links = [("Evaluasi pascamutasi", "evaluation:overview"), ("Peta Talenta", "evaluation:talent_map")]
    return [(text, reverse(route)) for text, route in links if may_open(scope, route)]


def employee_cards(*, viewer: Viewer) -> list[Card]:
    """The employee's own: the latest transfer notice, open pulse surveys, this year's JP."""
    day = today()
    notices = notices_with_feedback(notices=notices_for(viewer=viewer)[:5], on=day)
    unread = sum(1 for notice in notices if notice.read_at is None)
    notice_note = _notice_note(notices[0]) if notices else "Belum ada pemberitahuan mutasi."
    surveys = open_surveys(viewer=viewer, on=day).count()
    progress, _records = my_progress(viewer=viewer, on=day)
    has_plan = my_plans(viewer=viewer).exists()
    return [
        Card(
            "Pemberitahuan mutasi belum dibaca",
            unread,
            notice_note,
            reverse("transfers:my_notices"),
            "Buka pemberitahuan",
            urgent=bool(unread),
        ),
        Card(
            "Survei yang menunggu jawaban Anda",
            surveys,
            "Survei singkat setelah mutasi (lima pertanyaan)." if surveys else "Belum ada survei untuk Anda.",
            reverse("transfers:survey_list"),
            "Buka survei",
            urgent=bool(surveys),
        ),
        Card(
            "Jam pelajaran (JP) tahun ini",
            None,
            _jp_note(progress, has_plan),
            reverse("development:my_plan"),
            "Lihat rencana dan riwayat pelatihan",
        ),
    ]


def _notice_note(latest: Any) -> str:
    """The latest notice's title, then where its objection stands (window open, pending or answered)."""
    feedback = latest.feedback
    if feedback.has_open_objection:
        return f"{latest.title}. Keberatan Anda sedang diproses BKPP."
    if feedback.objections:
        return f"{latest.title}. BKPP telah menjawab keberatan Anda."
    if feedback.carries_window and feedback.window.open:
        return f"{latest.title}. {feedback.window.message}"
    return str(latest.title)


def _jp_note(progress: Any, has_plan: bool) -> str:
    plan = "" if has_plan else " Belum ada rencana pengembangan."
    return f"{progress.sentence()}{plan}"


def dashboard_cards(*, viewer: Viewer) -> list[Card]:
    scope = user_scope(viewer)
    if scope.roles <= {Role.EMPLOYEE}:
        return employee_cards(viewer=viewer)
    return staff_cards(viewer=viewer)
