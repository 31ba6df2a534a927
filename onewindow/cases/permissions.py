"""Who may do what with a case. Visibility is `selectors.case_visible_to`; these add the role, and
`case_available_actions` gathers them for one case (the page's buttons, the API's allowed_actions)."""

from datetime import date

from onewindow.cases import workflow
from onewindow.cases.models import Case, CaseEvent, Task
from onewindow.cases.selectors import case_is_visible_to, decision_authority
from onewindow.catalog.models import CaseKind
from onewindow.org.models import Role
from onewindow.org.selectors import access_for

#: The hall's counter: comprehensive window clerks (and township / village clerks) and the
#: departments' chief representatives take in and decide on acceptance.
INTAKE_ROLES = (Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE)


def can_receive(user) -> bool:
    access = access_for(user)
    return access.staff is not None and access.has_role(*INTAKE_ROLES)


def can_decide_acceptance(user, case) -> bool:
    """Accept, send a correction notice, refuse, record a resubmission: an intake role and the
    case within the user's reach (their site, or their department for a chief representative)."""

    return can_receive(user) and sees(user, case)


#: Who works on an accepted case in its lead department.
HANDLING_ROLES = (Role.DEPARTMENT_REVIEWER, Role.CHIEF_REPRESENTATIVE)
#: The hall's own people who may remind departments (besides the case's agent).
REMINDING_ROLES = (Role.CENTER_OFFICE, Role.BUSINESS_SECTION, Role.SUPERVISION_SECTION, Role.ADMINISTRATOR)


def sees(user, case) -> bool:
    """Whether the case is within the user's reach: selectors.case_is_visible_to, which a page or
    API call that loaded the case through selectors.visible_case_or_404 has already answered."""
    return case_is_visible_to(user, case)


def _in_lead_department(access, case, *roles) -> bool:
    return (
        access.staff is not None
        and access.staff.department_id == case.department_id
        and access.has_role(*roles)
    )


def can_handle(user, case) -> bool:
    """The lead department's work on the case (suspend, extend, return, report up): its reviewers
    and chief representatives."""
    return _in_lead_department(access_for(user), case, *HANDLING_ROLES)


def can_coordinate(user, case) -> bool:
    """Joint review meetings: the lead department, or the hall's office and business section,
    which convene them."""
    access = access_for(user)
    return can_handle(user, case) or (
        access.has_role(Role.CENTER_OFFICE, Role.BUSINESS_SECTION) and sees(user, case)
    )


def can_work_on_task(user, task) -> bool:
    """An opinion on a task: staff of the task's department in its role (a chief representative
    may answer for his department too)."""
    access = access_for(user)
    return (
        access.staff is not None
        and access.staff.department_id == task.department_id
        and access.has_role(task.role, Role.CHIEF_REPRESENTATIVE)
    )


def is_agent(user, case) -> bool:
    access = access_for(user)
    return access.staff is not None and case.agent_id == access.staff.pk


def can_remind(user, case) -> bool:
    access = access_for(user)
    return is_agent(user, case) or (access.has_role(*REMINDING_ROLES) and sees(user, case))


def can_deliver(user, case) -> bool:
    """The window hands over the result: intake staff at the case's reach, the lead department's
    chief representative, or the case's agent."""
    return is_agent(user, case) or is_window_or_lead_chief(user, case)


def is_window_or_lead_chief(user, case) -> bool:
    """Window clerks at the case's reach, and the lead department's chief representative (not a
    co-department's, who sees the case only for its opinion)."""
    access = access_for(user)
    if not sees(user, case):
        return False
    return access.has_role(Role.WINDOW_CLERK) or _in_lead_department(access, case, Role.CHIEF_REPRESENTATIVE)


def can_withdraw(user, case) -> bool:
    """The applicant themselves, or the window recording their written request."""
    if case.applicant_user_id is not None and case.applicant_user_id == getattr(user, "pk", None):
        return True
    return is_window_or_lead_chief(user, case)


def case_available_actions(*, case: Case, user, today: date, tasks=None, extensions=None) -> frozenset[str]:
    """What `user` may do on `case` today, by name: the case page shows these buttons, the API's
    case record lists them (`allowed_actions`). Each name is allowed by the workflow table in the
    case's status and by the user's role; the services check the same again when called.

    Names: accept, correction_notice, refuse (art. 32); decide_immediately; suspend, resume,
    extend, approve_extension, meeting, report, reply, decide, deliver, withdraw, return, terminate.
    `tasks` and `extensions`, when the caller has them loaded, save their queries."""
    Action = CaseEvent.Action
    allowed = workflow.allowed_actions(case.status)
    staff = access_for(user).staff
    names = {"withdraw"} if can_withdraw(user, case) and Action.WITHDRAWN in allowed else set()
    if can_decide_acceptance(user, case):
        names |= {
            name
            for name, action in (
                ("accept", Action.ACCEPTED),
                ("correction_notice", Action.CORRECTION_NOTICE),
                ("refuse", Action.REFUSED),
            )
            if action in allowed
        }
    if case.accepted_date is None:
        return frozenset(names)
    tasks = list(case.tasks.all()) if tasks is None else tasks
    extensions = list(case.extensions.all()) if extensions is None else extensions
    may_handle = can_handle(user, case)
    may_decide = (
        staff is not None
        and decision_authority(staff, case=case, on_date=today, on_the_spot=False) is not None
    )
    pending_extension = any(row.status == row.Status.REQUESTED for row in extensions)
    has_extension = any(row.status == row.Status.APPROVED for row in extensions)
    report = next((task for task in tasks if task.kind == Task.Kind.REPORT), None)
    checks = {
        "decide_immediately": case.is_immediate
        and Action.DECIDED in allowed
        and staff is not None
        and decision_authority(staff, case=case, on_date=today) is not None,
        "suspend": may_handle and Action.SUSPENDED in allowed,
        "resume": may_handle and Action.RESUMED in allowed,
        "extend": (may_handle or is_agent(user, case))
        and Action.EXTENSION_REQUESTED in allowed
        and not has_extension
        and not pending_extension,
        "approve_extension": may_decide and pending_extension,
        "meeting": can_coordinate(user, case)
        and Action.MEETING in allowed
        and case.version.case_kind == CaseKind.JOINT,
        "report": may_handle
        and Action.REPORTED_UP in allowed
        and report is not None
        and report.status == Task.Status.ACTIVE,
        "reply": may_handle
        and Action.REPORT_REPLY in allowed
        and report is not None
        and report.status == Task.Status.DONE
        and not any(task.kind == Task.Kind.INFORM for task in tasks),
        "decide": may_decide and Action.DECIDED in allowed and not case.is_immediate,
        "deliver": can_deliver(user, case) and Action.DELIVERED in allowed,
        "return": may_handle and Action.RETURNED in allowed,
        "terminate": may_decide and Action.TERMINATED in allowed,
    }
    return frozenset(names | {name for name, may in checks.items() if may})
