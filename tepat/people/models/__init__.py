from tepat.people.models.employee import Employee, EmploymentStatusChoices, Gender
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
    "CompetencyAssessment",
    "DisciplinaryRecord",
    "EducationHistory",
    "Employee",
    "EmploymentStatusChoices",
    "FamilyRelation",
    "Gender",
    "PerformanceRecord",
    "PositionHistory",
    "RankHistory",
    "StudyLeave",
    "TrainingRecord",
]
