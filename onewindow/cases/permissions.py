"""Who may do what with a case. Visibility is `selectors.case_visible_to`; these add the role."""

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
    from onewindow.cases.selectors import case_visible_to

    return can_receive(user) and case_visible_to(user).filter(pk=case.pk).exists()


#: Who works on an accepted case in its lead department.
HANDLING_ROLES = (Role.DEPARTMENT_REVIEWER, Role.CHIEF_REPRESENTATIVE)
#: The hall's own people who may remind departments (besides the case's agent).
REMINDING_ROLES = (Role.CENTER_OFFICE, Role.BUSINESS_SECTION, Role.SUPERVISION_SECTION, Role.ADMINISTRATOR)


def _sees(user, case) -> bool:
    from onewindow.cases.selectors import case_visible_to

    return case_visible_to(user).filter(pk=case.pk).exists()


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
        access.has_role(Role.CENTER_OFFICE, Role.BUSINESS_SECTION) and _sees(user, case)
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
    return is_agent(user, case) or (access.has_role(*REMINDING_ROLES) and _sees(user, case))


def can_deliver(user, case) -> bool:
    """The window hands over the result: intake staff at the case's reach, the lead department's
    chief representative, or the case's agent."""
    return is_agent(user, case) or is_window_or_lead_chief(user, case)


def is_window_or_lead_chief(user, case) -> bool:
    """Window clerks at the case's reach, and the lead department's chief representative (not a
    co-department's, who sees the case only for its opinion)."""
    access = access_for(user)
    if not _sees(user, case):
        return False
    return access.has_role(Role.WINDOW_CLERK) or _in_lead_department(access, case, Role.CHIEF_REPRESENTATIVE)


def can_withdraw(user, case) -> bool:
    """The applicant themselves, or the window recording their written request."""
    if case.applicant_user_id is not None and case.applicant_user_id == getattr(user, "pk", None):
        return True
    return is_window_or_lead_chief(user, case)
