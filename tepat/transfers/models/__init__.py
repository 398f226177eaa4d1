"""Transfer workflow tables, split by sub-domain: proposals and moves, board sessions, decrees, follow-up."""

from tepat.transfers.models.board import Attendance, BoardSession, BoardVote, ConflictDeclaration
from tepat.transfers.models.decree import Decree, DecreeCounter, DecreeExtract, DecreeSettings
from tepat.transfers.models.feedback import CorrectionRequest, Objection, PulseSurvey
from tepat.transfers.models.followup import ActingAppointment, ClosingItem, MoveEvent, Notice
from tepat.transfers.models.proposals import (
    Move,
    MoveDocument,
    MoveStep,
    MutationTypeChoices,
    Proposal,
    RuleOverride,
)

__all__ = [
    "ActingAppointment",
    "Attendance",
    "BoardSession",
    "BoardVote",
    "ClosingItem",
    "ConflictDeclaration",
    "CorrectionRequest",
    "Decree",
    "DecreeCounter",
    "DecreeExtract",
    "DecreeSettings",
    "Move",
    "MoveDocument",
    "MoveEvent",
    "MoveStep",
    "MutationTypeChoices",
    "Notice",
    "Objection",
    "Proposal",
    "PulseSurvey",
    "RuleOverride",
]
