"""Who may do what with complaints: pure functions over org.selectors.access_for.

Complaints are handled by the supervision section (监察科) of the complaint's site or a site above
it, the center office (中心办公室) of those sites, and the investigator assigned; they see the
complainant's personal data. Anyone else who may read a complaint (the business section, a chief
representative about their own department) sees it masked.
"""

from __future__ import annotations

from onewindow.complaints.models import Complaint
from onewindow.org.models import Role, Site
from onewindow.org.selectors import access_for

#: Who opens the complaints list in the office console.
OFFICE_ROLES = (Role.SUPERVISION_SECTION, Role.CENTER_OFFICE, Role.BUSINESS_SECTION, Role.ADMINISTRATOR)
#: Who opens the complaints inbox in the desk.
DESK_ROLES = (Role.SUPERVISION_SECTION, Role.CENTER_OFFICE, Role.CHIEF_REPRESENTATIVE, Role.ADMINISTRATOR)


def covers(user, site: Site) -> bool:
    """The user's site is `site` or above it (an administrator covers every site)."""
    access = access_for(user)
    if access.scope == "all":
        return True
    return access.staff is not None and site.path.startswith(access.staff.site.path)


def is_section_for(user, site: Site) -> bool:
    """A member of the supervision section at `site` or above (or an administrator)."""
    access = access_for(user)
    return access.scope == "all" or (access.has_role(Role.SUPERVISION_SECTION) and covers(user, site))


def is_office_for(user, site: Site) -> bool:
    """The center office at `site` or above (or an administrator)."""
    access = access_for(user)
    return access.scope == "all" or (access.has_role(Role.CENTER_OFFICE) and covers(user, site))


def is_investigator_of(user, complaint: Complaint) -> bool:
    access = access_for(user)
    return access.staff is not None and complaint.investigator_id == access.staff.pk


def handles(user, complaint: Complaint) -> bool:
    """The user handles the complaint and sees the complainant's personal data unmasked."""
    return (
        is_section_for(user, complaint.site)
        or is_office_for(user, complaint.site)
        or is_investigator_of(user, complaint)
    )


def handles_complaints(user) -> bool:
    """The user is one who handles complaints at all (the section, the office, an administrator)."""
    access = access_for(user)
    return access.scope == "all" or access.has_role(Role.SUPERVISION_SECTION, Role.CENTER_OFFICE)


def can_register(user) -> bool:
    """Registering a complaint received by phone, letter, e-mail, in person or from 12345."""
    access = access_for(user)
    return access.scope == "all" or access.has_role(Role.SUPERVISION_SECTION)


def can_accept(user, complaint: Complaint) -> bool:
    return is_section_for(user, complaint.site)


can_decline = can_accept
can_assign = can_accept


def can_answer(user, complaint: Complaint) -> bool:
    return is_investigator_of(user, complaint)


def can_decide_review(user, complaint: Complaint) -> bool:
    return is_office_for(user, complaint.site)
