"""Proposals (usulan) and their moves: one state per move, so a board or a PPK can act on part of a batch."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from tepat.core.scoping import user_scope
from tepat.engine.roles import Role
from tepat.engine.rules import MutationType
from tepat.engine.workflow import ACTIVE_STATES, STATE_LABELS, State
from tepat.transfers.checklists import KIND_LABELS

if TYPE_CHECKING:
    from tepat.core.types import Viewer

STATE_CHOICES = [(state.value, STATE_LABELS[state]) for state in State]
# A seat is promised from the decision until the move takes effect (or is cancelled): R-08 "no double booking".
PROMISED_STATES = frozenset({State.DISETUJUI, State.SK_TERBIT, State.DITAHAN})


class MutationTypeChoices(models.TextChoices):
    """Peraturan BKN 5/2019 Pasal 2 ayat (3) (DOMAIN.md §1.3)."""

    A_INTRA = MutationType.A_INTRA.value, "Dalam satu instansi daerah"
    B_INTER_KABKOTA_SAME_PROV = (
        MutationType.B_INTER_KABKOTA_SAME_PROV.value,
        "Antar-kab/kota dalam satu provinsi",
    )
    C_INTER_PROV = MutationType.C_INTER_PROV.value, "Antar-kab/kota lain provinsi / antar-provinsi"
    D_DAERAH_PUSAT = MutationType.D_DAERAH_PUSAT.value, "Daerah ↔ Instansi Pusat"
    E_INTER_PUSAT = MutationType.E_INTER_PUSAT.value, "Antar-Instansi Pusat"
    F_ABROAD = MutationType.F_ABROAD.value, "Ke Perwakilan NKRI di luar negeri"


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def visible_to(self, user: Viewer) -> ProposalQuerySet:
        """A proposal is visible when the viewer may see at least one of its moves (R-03)."""
        scope = user_scope(user)
        if scope.government_wide:
            return self
        return self.filter(Exists(Move.objects.visible_to(user).filter(proposal=OuterRef("pk"))))


class Proposal(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "Diusulkan manual"
        OWN_REQUEST = "permintaan_sendiri", "Atas permintaan sendiri"
        SCENARIO = "skenario", "Dari skenario perencanaan"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("judul usulan", max_length=200)
    source = models.CharField("sumber", max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_ref = models.CharField("rujukan sumber", max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "usulan mutasi"
        verbose_name_plural = "usulan mutasi"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transfers:proposal_detail", kwargs={"public_id": self.public_id})


class MoveQuerySet(models.QuerySet["Move"]):
    def visible_to(self, user: Viewer) -> MoveQuerySet:
        """BKPP, PPK and auditor: all; a unit head: origin or target inside the subtree; a board member:
        moves on an agenda; an employee: their own moves (R-03)."""
        scope = user_scope(user)
        if scope.government_wide:
            return self
        query = scope.unit_q("origin_unit__path") | scope.unit_q("target_seat__position__unit__path")
        if scope.has(Role.BOARD_MEMBER):
            query |= Q(board_session__isnull=False)
        if scope.has(Role.EMPLOYEE):
            query |= Q(employee__user_id=scope.user_id)
        return self.filter(query)

    def active(self) -> MoveQuerySet:
        return self.filter(status__in=ACTIVE_STATES)


class Move(models.Model):
    """One employee to one seat. `status` changes only in `services.workflow.move_transition` (R-05)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="moves")
    employee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="moves")
    origin_seat = models.ForeignKey(
        "organization.Seat", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    origin_unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_seat = models.ForeignKey(
        "organization.Seat", on_delete=models.PROTECT, related_name="incoming_moves"
    )
    mutation_type = models.CharField(
        "jenis mutasi",
        max_length=30,
        choices=MutationTypeChoices.choices,
        default=MutationTypeChoices.A_INTRA,
    )
    own_request = models.BooleanField("atas permintaan sendiri", default=False)
    reason = models.TextField("alasan usulan")
    external_instansi = models.CharField("instansi lain", max_length=200, blank=True)
    external_letter_number = models.CharField("nomor surat instansi lain", max_length=100, blank=True)
    external_letter_date = models.DateField("tanggal surat instansi lain", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=STATE_CHOICES, default=State.DRAF)
    version = models.PositiveIntegerField(default=1)
    proposed_snapshot = models.JSONField("penilaian saat diusulkan", default=dict)
    verification_snapshot = models.JSONField("penilaian saat verifikasi", default=dict, blank=True)
    tmt_snapshot = models.JSONField("penilaian saat TMT", default=dict, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    board_session = models.ForeignKey(
        "transfers.BoardSession", on_delete=models.PROTECT, null=True, blank=True, related_name="moves"
    )
    board_recommends = models.BooleanField("rekomendasi Tim", null=True, blank=True)
    board_note = models.TextField("catatan Tim", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("tanggal keputusan", null=True, blank=True)
    decision_reason = models.TextField("alasan keputusan", blank=True)
    decree = models.ForeignKey(
        "transfers.Decree", on_delete=models.PROTECT, null=True, blank=True, related_name="moves"
    )
    tmt = models.DateField("TMT", null=True, blank=True)
    hold_reason = models.TextField("alasan ditahan", blank=True)
    note = models.TextField("catatan terakhir", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MoveQuerySet.as_manager()

    class Meta:
        verbose_name = "usulan pindah"
        verbose_name_plural = "usulan pindah"
        ordering = ["proposal_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(status__in=sorted(ACTIVE_STATES)),
                name="one_active_move_per_employee",
            ),
            models.UniqueConstraint(
                fields=["target_seat"],
                condition=Q(status__in=sorted(PROMISED_STATES)),
                name="one_promise_per_seat",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in State]), name="move_status_known"
            ),
        ]
        indexes = [models.Index(fields=["status", "tmt"]), models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.employee.full_name} → {self.target_seat.position.name}"

    def get_absolute_url(self) -> str:
        return reverse("transfers:move_detail", kwargs={"public_id": self.public_id})

    @property
    def status_label(self) -> str:
        return STATE_LABELS[State(self.status)]


class MoveStep(models.Model):
    """The timeline of one move: every successful transition, with who, as which role, and why."""

    move = models.ForeignKey(Move, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=30)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    actor_label = models.CharField(max_length=150)
    role = models.CharField(max_length=20)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "riwayat proses"
        verbose_name_plural = "riwayat proses"
        ordering = ["move_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    @property
    def to_label(self) -> str:
        return STATE_LABELS.get(State(self.to_state), self.to_state)


class RuleOverride(models.Model):
    """An authorised exception to one failing hard rule (DOMAIN.md §1.5), recorded before verification."""

    move = models.ForeignKey(Move, on_delete=models.CASCADE, related_name="overrides")
    rule_id = models.CharField("kode aturan", max_length=30)
    reason = models.TextField("alasan dan dasar pengecualian")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("tanggal")

    class Meta:
        verbose_name = "pengecualian aturan"
        verbose_name_plural = "pengecualian aturan"
        constraints = [models.UniqueConstraint(fields=["move", "rule_id"], name="one_override_per_rule")]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.reason[:40]}"


class MoveDocument(models.Model):
    """A supporting PDF (DOMAIN.md §1.4) stored under MEDIA_ROOT, served only by the scoped download view."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    move = models.ForeignKey(Move, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("jenis dokumen", max_length=40)
    file = models.FileField(upload_to="transfers/dokumen/%Y/%m/", max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "dokumen usulan"
        verbose_name_plural = "dokumen usulan"
        ordering = ["move_id", "kind", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"

    @property
    def kind_label(self) -> str:
        """The checklist's name for the kind ("(3) Surat permohonan pegawai"), the code if it has none."""
        return KIND_LABELS.get(self.kind, self.kind)
