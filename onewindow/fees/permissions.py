"""Who may do what with fees. The window bills (开票); the bank counter confirms (收款); the
center office approves refunds; the fee clerk and the office reconcile."""

from onewindow.cases.permissions import is_window_or_lead_chief
from onewindow.cases.selectors import case_visible_to
from onewindow.org.models import Role
from onewindow.org.selectors import access_for, site_visible_to

#: The bank's counter in the hall (收费窗口).
COUNTER_ROLES = (Role.FEE_CLERK,)
#: Who sees the fee console: reconciliation, the fiscal report, statements and refunds.
RECONCILING_ROLES = (Role.FEE_CLERK, Role.CENTER_OFFICE, Role.ADMINISTRATOR)
#: Who approves refunds (退付审批).
REFUND_APPROVING_ROLES = (Role.CENTER_OFFICE, Role.ADMINISTRATOR)


def can_bill(user, case) -> bool:
    """Issue or cancel the case's payment notice: the window (clerks at the case's reach, the lead
    department's chief representative)."""
    return is_window_or_lead_chief(user, case)


def _sees_bank(user, bank) -> bool:
    return site_visible_to(user).filter(pk=bank.site_id).exists()


def can_confirm_at_counter(user, bank) -> bool:
    access = access_for(user)
    return access.staff is not None and access.has_role(*COUNTER_ROLES) and _sees_bank(user, bank)


def can_reconcile(user) -> bool:
    access = access_for(user)
    return access.scope == "all" or (access.staff is not None and access.has_role(*RECONCILING_ROLES))


def can_import_statement(user, bank) -> bool:
    """The fee clerk or the office, for a bank at a site they see."""
    return can_reconcile(user) and _sees_bank(user, bank)


def can_request_refund(user, case) -> bool:
    """The window that billed, or the fee counter, asks for a refund."""
    access = access_for(user)
    return can_bill(user, case) or (
        access.has_role(*COUNTER_ROLES) and case_visible_to(user).filter(pk=case.pk).exists()
    )


def can_approve_refund(user, refund) -> bool:
    """The center office, never the one who asked."""
    access = access_for(user)
    return (
        access.staff is not None
        and access.has_role(*REFUND_APPROVING_ROLES)
        and access.staff.pk != refund.requested_by_id
        and case_visible_to(user).filter(pk=refund.payment.notice.case_id).exists()
    )
