"""What `onewindow demo` loads for supervision (idempotent): the department heads' mobiles, the
sweep over the demo's cases (they are green, yellow and red today), and one order to the market
department about its oldest red case, so the board shows every part at once."""

from __future__ import annotations

from datetime import datetime

from onewindow.cases.models import Case, CaseStatus
from onewindow.org.models import Department, Role, Site, Staff
from onewindow.supervision import services
from onewindow.supervision.models import Order, Record

#: The department heads reached by SMS on red (demo numbers).
HEADS = {
    "市场监管": ("市场监督管理局副局长 孙立新", "13904110001"),
    "不动产": ("自然资源局副局长 王欣", "13904110002"),
}


def supervision_demo_load(*, county: Site, now: datetime) -> int:
    """Sweep the demo's cases once and issue one order; returns how many cases were warned about
    (0 when supervision was already loaded)."""
    if Record.objects.filter(site=county).exists() or Order.objects.filter(site=county).exists():
        return 0
    for short, (name, phone) in HEADS.items():
        Department.objects.filter(site=county, short_name=short).update(head_name=name, head_phone=phone)
    result = services.escalation_sweep(at=now)
    section = Staff.objects.filter(
        site=county, role_rows__role=Role.SUPERVISION_SECTION, user__username="supervision"
    ).first()
    oldest = (
        Case.objects.filter(site=county, status=CaseStatus.ACCEPTED, promised_due_date__lt=now.date())
        .select_related("department")
        .order_by("promised_due_date", "id")
        .first()
    )
    if section is not None and oldest is not None:
        record = Record.objects.filter(case=oldest).first()
        services.order_issue(
            user=section.user,
            department=oldest.department,
            subject="办件超期未办结",
            body="该办件已超过承诺办结期限。请立即核查超期原因，落实整改，并于期限内书面回复。",
            reply_days=3,
            case=oldest,
            record=record,
            at=now,
        )
    return result.total
