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
