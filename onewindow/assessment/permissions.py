"""Who may do what with assessment and attendance (over org.selectors.access_for).

- The center office, the business and the supervision sections (and administrators) read the
  rankings, explanations, attendance sheets and the department report of their site and below.
- The center office of a site or above (and administrators) keeps its scheme and hours, computes
  its months and grants, publishes and revokes awards.
- Every active staff member signs themselves in and out.
"""

from __future__ import annotations

from onewindow.org.models import Role, Site
from onewindow.org.permissions import CONSOLE_ROLES
from onewindow.org.selectors import access_for

#: Who reads the assessment (the office console's roles).
READERS = CONSOLE_ROLES


def can_read(user) -> bool:
    return access_for(user).has_role(*READERS)


def can_manage(user, site: Site) -> bool:
    """The center office of `site` or a site above it, or an administrator."""
    access = access_for(user)
    if access.scope == "all":
        return True
    return (
        access.has_role(Role.CENTER_OFFICE)
        and access.staff is not None
        and site.path.startswith(access.staff.site.path)
    )


def can_manage_any(user) -> bool:
    access = access_for(user)
    return access.scope == "all" or (access.has_role(Role.CENTER_OFFICE) and access.staff is not None)
