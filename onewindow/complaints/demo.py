"""What `onewindow demo` loads for the complaints center (idempotent): complaints in every state,
registered on earlier working days so the inbox, the lights and the board's late section show:

- a 12345 hotline work order about a demo case, accepted and being investigated;
- an anonymous web complaint nobody has accepted yet, now past its 5 working days (red);
- a web complaint by the demo applicant, answered (upheld against a window) and rated 满意;
- a letter answered 不属实, rated 不满意, whose review waits for the center office;
- a phone complaint declined as outside the center's remit.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from onewindow.cases.models import Case
from onewindow.complaints import services
from onewindow.complaints.models import Channel, Complaint, Rating, Result
from onewindow.org.models import Department, Site, Staff, Window
from onewindow.workcalendar.selectors import working_calendar

_DEMO_PHOTO = (  # a 1×1 PNG: the "photo" attached to a complaint
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def complaints_demo_load(*, county: Site, now: datetime) -> int:
    """Load the demo complaints once; returns how many were created (0 when present)."""
    if Complaint.objects.filter(site__path__startswith=county.path).exists():
        return 0
    users = get_user_model().objects
    section = users.filter(username="supervision").first()
    if section is None:
        return 0
    investigator = Staff.objects.filter(user__username="supervision2").first() or Staff.objects.get(
        user=section
    )
    citizen = users.filter(username="citizen").first()
    market = Department.objects.filter(site=county, short_name="市场监管").first()
    window = (
        Window.objects.filter(site=county, is_active=True, departments=market).first() if market else None
    )
    case = (
        Case.objects.filter(site=county, number__isnull=False)
        .select_related("department")
        .order_by("id")
        .first()
    )
    local = timezone.localtime(now)
    calendar = working_calendar()
    today = local.date()

    def moment(back: int, hour: int = 10) -> datetime:
        return datetime.combine(calendar.add(today, -back), time(hour, 0), tzinfo=local.tzinfo)

    # A 12345 work order about a case: accepted and being investigated.
    hotline = services.complaint_file(
        user=section,
        channel=Channel.HOTLINE,
        hotline_order_number="GD20260000123",
        title="办件进度慢，多次询问无答复",
        content="市民来电反映：食品经营许可申请已受理多日，电话询问窗口两次均未得到明确答复，希望尽快办理。",
        complainant_name="于洪涛",
        complainant_phone="13604112233",
        case_reference=case.reference if case else "",
        at=moment(3, 9),
    )
    services.complaint_accept(
        complaint=hotline, user=section, answer_days=10, investigator=investigator, at=moment(2, 10)
    )

    # An anonymous web complaint left unaccepted past its 5 working days: red on the board.
    services.complaint_file(
        user=None,
        channel=Channel.WEB,
        is_anonymous=True,
        title="窗口午休时间无人值守",
        content="中午12点10分到窗口办事，窗口无人，等候二十分钟后才有工作人员回来，没有AB岗替补。",
        window=window,
        attachments=[ContentFile(_DEMO_PHOTO, name="窗口照片.png")],
        at=moment(7, 12),
    )

    # A web complaint by the demo applicant: answered (upheld against a window) and rated 满意.
    happy = services.complaint_file(
        user=citizen,
        channel=Channel.WEB,
        title="工作人员态度生硬",
        content="在综合窗口咨询材料要求时，工作人员语气不耐烦，没有一次性告知需要补充的材料，导致跑了两次。",
        complainant_name=citizen.get_full_name() if citizen else "张晓梅",
        complainant_phone="13904112233",
        complainant_email="zhangxiaomei@example.com",
        window=window,
        department=market,
        at=moment(12, 9),
    )
    services.complaint_accept(complaint=happy, user=section, investigator=investigator, at=moment(11, 10))
    services.complaint_answer(
        complaint=happy,
        user=investigator.user,
        investigation="调取窗口录像并约谈当班人员，确认未一次性告知补正材料，服务用语不规范。",
        result=Result.PARTLY_UPHELD,
        reply="经调查，您反映的未一次性告知问题属实，已对窗口进行通报批评并组织服务规范培训。感谢您的监督。",
        window=window,
        department=market,
        at=moment(6, 15),
    )
    services.complaint_rate(complaint=happy, rating=Rating.SATISFIED, comment="处理及时", at=moment(5, 9))

    # A letter answered 不属实, rated 不满意; the review waits for the center office.
    letter = services.complaint_file(
        user=section,
        channel=Channel.LETTER,
        title="收费与公示标准不一致",
        content="来信反映：办理不动产登记时被收取工本费20元，与大厅公示的收费标准不符，要求退还。",
        complainant_name="庄河市海湾渔业合作社（邹海）",
        complainant_phone="13998554466",
        at=moment(14, 9),
    )
    services.complaint_accept(complaint=letter, user=section, investigator=investigator, at=moment(13, 10))
    services.complaint_answer(
        complaint=letter,
        user=investigator.user,
        investigation="核对缴款通知书和收费目录：申请人领取两本证书，第二本起每本10元，收费符合标准。",
        result=Result.NOT_UPHELD,
        reply="经核查，您办理的登记领取证书两本，按标准收取工本费，收费符合规定。",
        at=moment(4, 16),
    )
    services.complaint_rate(complaint=letter, rating=Rating.DISSATISFIED, at=moment(3, 10))
    services.complaint_review_request(
        complaint=letter,
        reason="窗口当时未说明第二本证书要收费，请中心复核收费依据并书面说明。",
        at=moment(3, 10),
    )

    # A phone complaint outside the center's remit: declined with the reason.
    declined = services.complaint_file(
        user=section,
        channel=Channel.PHONE,
        title="小区物业收费过高",
        content="来电反映所住小区物业费上涨，要求政务服务中心出面处理。",
        complainant_name="姜丽娜",
        complainant_phone="13842651122",
        at=moment(2, 14),
    )
    services.complaint_decline(
        complaint=declined,
        user=section,
        reason="物业收费不属于政务服务中心的投诉受理范围，已告知向住建部门或12345热线反映。",
        at=moment(1, 9),
    )
    return Complaint.objects.filter(site__path__startswith=county.path).count()
