"""What `onewindow demo` loads for supervision (idempotent): the department heads' mobiles, the
sweep over the demo's cases (they are green, yellow and red today), and one order to the market
department about its oldest red case, so the board shows every part at once."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from onewindow.cases.demo import demo_version_in_force, id_card_with_check
from onewindow.cases.models import ApplicantKind, Case, CaseStatus
from onewindow.cases.services import Applicant, case_accept, case_receive
from onewindow.common.identifiers import credit_code_check_character
from onewindow.org.models import Department, Role, Site, Staff
from onewindow.supervision import services
from onewindow.supervision.models import Order, Record
from onewindow.workcalendar.selectors import working_calendar

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
    _late_cases(county=county, now=now)
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


def _late_cases(*, county: Site, now: datetime) -> None:
    """A few more cases left late, in two departments, so the board's counts and drill-down have
    something to show beside the cases demo's one red case."""
    clerk = get_user_model().objects.get(username="clerk")
    local = timezone.localtime(now)
    today = local.date()
    calendar = working_calendar()
    food = demo_version_in_force(county, "食品经营许可（新办）", today)
    planning = demo_version_in_force(county, "建设工程规划许可证核发", today)
    people = [
        ("于洪涛", "21028319690314151", "13604112233", food, 12),
        ("姜丽娜", "21028319850922262", "13842651122", food, 9),
        ("庄河市海湾渔业合作社", None, "13998554466", planning, 31),
    ]
    for name, body, phone, version, back in people:
        on = calendar.add(today, -back)
        moment = datetime.combine(on, time(9, 30), tzinfo=local.tzinfo)
        if body is None:
            applicant = Applicant(
                kind=ApplicantKind.ORGANISATION,
                name=name,
                id_number="93210283MA0Y7K2P1" + credit_code_check_character("93210283MA0Y7K2P1"),
                legal_representative="邹海",
                contact_name="邹海",
                contact_id_number=id_card_with_check("21028319750603171"),
                contact_phone=phone,
            )
        else:
            applicant = Applicant(
                kind=ApplicantKind.PERSON, name=name, id_number=id_card_with_check(body), contact_phone=phone
            )
        case = case_receive(version=version, applicant=applicant, materials=[], user=clerk, at=moment).case
        case_accept(case=case, user=clerk, at=moment + timedelta(minutes=7))
