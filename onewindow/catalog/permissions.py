"""Who may edit and who may approve catalog items.

- A department's chief representative or reviewer edits their own department's items.
- The center office (and administrators) edit and approve the items of departments at their
  site and every site below it; the office is the approver (审核发布).
"""

from onewindow.org.models import Role
from onewindow.org.permissions import ORG_MANAGERS
from onewindow.org.selectors import access_for

#: Department staff who maintain their department's items.
DEPARTMENT_EDITORS = (Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER)
#: Everyone who may edit some items.
CATALOG_EDITORS = (*DEPARTMENT_EDITORS, *ORG_MANAGERS)
#: Everyone who may read drafts and history in the console (and download a draft's files).
CATALOG_READERS = (*CATALOG_EDITORS, Role.BUSINESS_SECTION, Role.SUPERVISION_SECTION)


def _site_reachable(access, site) -> bool:
    return access.scope == "all" or site.path.startswith(access.staff.site.path)


def can_edit_department(user, department) -> bool:
    access = access_for(user)
    if access.scope == "all":
        return True
    if access.staff is None:
        return False
    if access.has_role(*ORG_MANAGERS):
        return _site_reachable(access, department.site)
    if access.has_role(*DEPARTMENT_EDITORS):
        return access.staff.department_id == department.pk
    return False


def can_edit_item(user, item) -> bool:
    return can_edit_department(user, item.department)


def can_approve_department(user, department) -> bool:
    access = access_for(user)
    if access.scope == "all":
        return True
    return (
        access.staff is not None
        and access.has_role(*ORG_MANAGERS)
        and _site_reachable(access, department.site)
    )


def can_approve_item(user, item) -> bool:
    return can_approve_department(user, item.department)
