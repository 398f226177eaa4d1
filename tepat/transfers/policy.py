"""Routes of the transfers app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY.

The services check the workflow table again per action (a route open to several roles still refuses an action
the table does not give the actor's role); objects are scoped by `visible_to(user)` (404 outside).
"""

from tepat.core.policy_types import BKPP, GOVERNMENT_READERS, PUBLIC, STAFF_READERS, Policy
from tepat.engine.roles import Role

HR = frozenset({Role.HR_ADMIN})
PROPOSERS = frozenset({Role.ANALYST, Role.UNIT_HEAD})
BOARD = frozenset({Role.BOARD_MEMBER})
EMPLOYEE = frozenset({Role.EMPLOYEE})
MOVE_READERS = STAFF_READERS | BOARD
ACTORS = PROPOSERS | HR | {Role.APPROVER}
PPK = frozenset({Role.APPROVER})
AUTHORITY_READERS = frozenset({Role.APPROVER, Role.HR_ADMIN, Role.AUDITOR})

ROUTES: dict[str, Policy] = {
    "transfers:proposal_list": STAFF_READERS,
    "transfers:proposal_create": {"GET": PROPOSERS, "POST": PROPOSERS},
    "transfers:proposal_detail": STAFF_READERS,
    "transfers:proposal_batch": {"POST": PROPOSERS | HR},
    "transfers:move_detail": MOVE_READERS,
    "transfers:move_act": {"POST": ACTORS},
    "transfers:document_upload": {"POST": PROPOSERS | HR},
    "transfers:document_download": MOVE_READERS,
    "transfers:closing_done": {"POST": HR},
    "transfers:petikan_download": MOVE_READERS | EMPLOYEE,
    "transfers:override_record": {"POST": PPK},
    "transfers:own_request": {"GET": EMPLOYEE, "POST": EMPLOYEE},
    "transfers:delegation_list": {"GET": AUTHORITY_READERS, "POST": PPK},
    "transfers:acting_list": {"GET": AUTHORITY_READERS, "POST": HR},
    "transfers:decree_settings": {"GET": HR | {Role.AUDITOR}, "POST": HR},
    "transfers:decree_correct": {"POST": HR},
    "transfers:board_list": {"GET": GOVERNMENT_READERS | BOARD, "POST": HR},
    "transfers:board_detail": GOVERNMENT_READERS | BOARD,
    "transfers:board_act": {"POST": HR | BOARD},
    "transfers:board_minutes": GOVERNMENT_READERS | BOARD,
    "transfers:decision_list": frozenset({Role.APPROVER, Role.HR_ADMIN, Role.AUDITOR}),
    "transfers:decree_list": {"GET": STAFF_READERS, "POST": HR},
    "transfers:decree_detail": STAFF_READERS,
    "transfers:decree_download": STAFF_READERS,
    "transfers:sk_verify": PUBLIC,
    "transfers:my_notices": EMPLOYEE,
    "transfers:notice_read": {"POST": EMPLOYEE},
    # communication: objections (answered by the BKPP; unit heads, PPK, auditor read), corrections, surveys
    "transfers:objection_create": {"GET": EMPLOYEE, "POST": EMPLOYEE},
    "transfers:objection_list": STAFF_READERS,
    "transfers:objection_detail": STAFF_READERS | EMPLOYEE,
    "transfers:objection_answer": {"POST": BKPP},
    "transfers:correction_list": HR | {Role.AUDITOR},
    "transfers:correction_create": {"GET": EMPLOYEE, "POST": EMPLOYEE},
    "transfers:correction_detail": {"GET": HR | {Role.AUDITOR} | EMPLOYEE, "POST": HR},
    "transfers:survey_list": EMPLOYEE,
    "transfers:survey_answer": {"GET": EMPLOYEE, "POST": EMPLOYEE},
    "transfers:survey_results": STAFF_READERS,
    "transfers:resistance": STAFF_READERS,
}
