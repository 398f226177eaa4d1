from tepat.people.models.employee import Employee, EmploymentStatusChoices, Gender
from tepat.people.models.preferences import MAX_PREFERENCES, EmployeePreference, PreferenceReason
from tepat.people.models.records import (
    CompetencyAssessment,
    DisciplinaryRecord,
    EducationHistory,
    FamilyRelation,
    PerformanceRecord,
    PositionHistory,
    RankHistory,
    StudyLeave,
    TrainingRecord,
)

__all__ = [
    "MAX_PREFERENCES",
    "CompetencyAssessment",
    "DisciplinaryRecord",
    "EducationHistory",
    "Employee",
    "EmployeePreference",
    "EmploymentStatusChoices",
    "FamilyRelation",
    "Gender",
    "PerformanceRecord",
    "PositionHistory",
    "PreferenceReason",
    "RankHistory",
    "StudyLeave",
    "TrainingRecord",
]
