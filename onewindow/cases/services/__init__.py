"""Writing cases, one module per stage, over the kernel in `cases.transitions`:

- `intake` — receiving an application, at the window or online (收件);
- `acceptance` — the decision of 行政许可法 art. 32 (accept, correction notice, refusal, the 5 days);
- `handling` — steps, opinions, joint review, reporting up, suspension, extension, the decision;
- `delivery` — handing over the result (送达), with the checks other apps plug in;
- `credit` — the bad-credit list;
- `records` — numbers, notices, messages and warnings every stage writes.

The names below are the package's public face (`services.case_accept`, …); each module's
underscored names are its own.
"""

from onewindow.cases.services.acceptance import (
    INTAKE_OUTCOMES,
    DecisionOverdue,
    case_accept,
    case_apply_deemed_acceptance,
    case_correction_notice,
    case_decide_immediately,
    case_intake,
    case_refuse,
    case_resubmit,
    cases_accept_overdue,
    visible_case_as_of,
)
from onewindow.cases.services.credit import (
    CREDIT_LIST_ROLES,
    credit_record_add,
    credit_record_lift,
    keeps_credit_list,
)
from onewindow.cases.services.intake import (
    DECISION_WORKING_DAYS,
    OTHER_ID,
    PHONE,
    Applicant,
    IdempotencyConflict,
    IntakeResult,
    MaterialEntry,
    case_receive,
    channel_for_site,
    clean_applicant,
    default_state,
    promised_due_if_accepted,
)
from onewindow.cases.services.records import (
    notify_applicant,
    site_code,
    warn_supervision,
)
from onewindow.cases.transitions import CaseError, WrongState, local_date

__all__ = [
    "CREDIT_LIST_ROLES",
    "DECISION_WORKING_DAYS",
    "INTAKE_OUTCOMES",
    "OTHER_ID",
    "PHONE",
    "Applicant",
    "CaseError",
    "DecisionOverdue",
    "IdempotencyConflict",
    "IntakeResult",
    "MaterialEntry",
    "WrongState",
    "case_accept",
    "case_apply_deemed_acceptance",
    "case_correction_notice",
    "case_decide_immediately",
    "case_intake",
    "case_receive",
    "case_refuse",
    "case_resubmit",
    "cases_accept_overdue",
    "channel_for_site",
    "clean_applicant",
    "credit_record_add",
    "credit_record_lift",
    "default_state",
    "keeps_credit_list",
    "local_date",
    "notify_applicant",
    "promised_due_if_accepted",
    "site_code",
    "visible_case_as_of",
    "warn_supervision",
]
