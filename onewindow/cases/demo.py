"""Demo cases for `onewindow demo`: a morning at the counter, so every list has something real in it.

An accepted 食品经营许可 with a 容缺 material, one waiting for correction, an online application
waiting for pre-review from the demo applicant `citizen`, an immediate item decided by the chief
representative, and a refusal naming the competent authority; plus one bad-credit record.

And cases in handling, accepted on earlier working days so the clocks show every colour: a joint
建设工程规划许可 with one co-department's opinion in and the other's pending, a 食品经营许可 red
(past its promised date), one yellow (due today), one in an expert review (特别程序), and one
decided and waiting to be delivered.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from onewindow.cases import services
from onewindow.cases.models import ApplicantKind, Case, CaseMaterial, CreditRecord, RefusalKind
from onewindow.cases.services import handling
from onewindow.catalog.models import ItemVersion
from onewindow.catalog.selectors import versions_in_force
from onewindow.common.identifiers import credit_code_check_character, id_card_check_character
from onewindow.org.demo import DEMO_PASSWORD
from onewindow.org.models import Site
from onewindow.workcalendar.selectors import working_calendar

State = CaseMaterial.State
#: (username, name, what) for the login list.
CITIZEN = ("citizen", "张晓梅", "申请人（网上办事、我的办件）")

_MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def id_card_with_check(body: str) -> str:
    return body + id_card_check_character(body)


def _credit(body: str) -> str:
    return body + credit_code_check_character(body)


def demo_version_in_force(county: Site, name: str, today) -> ItemVersion:
    return versions_in_force(on_date=today).get(item__department__site=county, name=name)


def _entry(version: ItemVersion, name: str, state: str, **fields) -> services.MaterialEntry:
    return services.MaterialEntry(material_id=version.materials.get(name=name).pk, state=state, **fields)


def cases_demo_load(*, county: Site, now: datetime) -> int:
    """Load the demo cases once; returns how many were created (0 when present)."""
    if Case.objects.filter(site=county).exists():
        return 0
    users = get_user_model().objects
    clerk, chief, office = (
        users.get(username="clerk"),
        users.get(username="chief"),
        users.get(username="office"),
    )
    today = services.local_date(now)
    citizen, _created = users.get_or_create(
        username=CITIZEN[0],
        defaults={
            "full_name": CITIZEN[1],
            "id_card_number": id_card_with_check("21028319900315232"),
            "phone": "13904112233",
            "email": "zhangxiaomei@example.com",
        },
    )
    citizen.set_password(DEMO_PASSWORD)
    citizen.save()
    food = demo_version_in_force(county, "食品经营许可（新办）", today)
    food_change = demo_version_in_force(county, "食品经营许可（变更）", today)
    sole_trader = demo_version_in_force(county, "个体工商户设立登记", today)
    pharmacy = demo_version_in_force(county, "药品零售企业许可（新办）", today)
    company = services.Applicant(
        kind=ApplicantKind.ORGANISATION,
        name="庄河市海味轩餐饮有限公司",
        id_number=_credit("91210283MA0Y8K3T2"),
        legal_representative="孙海涛",
        contact_name="李婷",
        contact_id_number=id_card_with_check("21028319920608402"),
        contact_phone="13842612345",
    )
    moment = iter(now - timedelta(minutes=minutes) for minutes in (150, 120, 95, 70, 40, 20, 10, 5))
    with transaction.atomic():
        CreditRecord.objects.get_or_create(
            id_number=_credit("91210283MA0X1B2C3"),
            defaults={
                "name": "庄河市某某食品加工厂",
                "reason": "食品安全严重违法失信（生产经营过期食品）",
                "source": "庄河市市场监督管理局",
                "listed_date": today - timedelta(days=200),
                "created_by": office,
            },
        )
        # 1. Accepted with the safety-management list deferred (容缺) to the promised date.
        at = next(moment)
        case = services.case_receive(
            version=food,
            applicant=company,
            materials=[
                _entry(
                    food,
                    "食品安全管理制度目录及食品安全管理人员名单",
                    State.DEFERRED,
                    deferred_until=services.promised_due_if_accepted(food, today),
                )
            ],
            user=clerk,
            at=at,
        ).case
        services.case_accept(case=case, user=clerk, at=at + timedelta(minutes=6))
        # 2. One material missing: the correction notice, waiting for the applicant.
        at = next(moment)
        case = services.case_receive(
            version=food,
            applicant=services.Applicant(
                kind=ApplicantKind.PERSON,
                name="王立军",
                id_number=id_card_with_check("21028319780921003"),
                contact_phone="13700001111",
            ),
            materials=[_entry(food, "法定代表人（负责人）居民身份证", State.MISSING)],
            user=clerk,
            at=at,
        ).case
        services.case_correction_notice(case=case, user=clerk, at=at + timedelta(minutes=4))
        # 3. An immediate item decided on the spot by the chief representative.
        at = next(moment)
        case = services.case_receive(
            version=sole_trader,
            applicant=services.Applicant(
                kind=ApplicantKind.PERSON,
                name="陈小芳",
                id_number=id_card_with_check("21028319850101882"),
                contact_phone="15940801234",
            ),
            materials=[],
            user=clerk,
            at=at,
        ).case
        case = services.case_accept(case=case, user=clerk, at=at + timedelta(minutes=3))
        services.case_decide_immediately(
            case=case,
            user=chief,
            at=at + timedelta(minutes=9),
            decision="APPROVED",
            result_number="92210283MA0Z7Q1K5P",
        )
        # 4. Not this authority's competence.
        at = next(moment)
        case = services.case_receive(
            version=pharmacy,
            applicant=services.Applicant(
                kind=ApplicantKind.ORGANISATION,
                name="大连康宁大药房连锁有限公司",
                id_number=_credit("91210200MA0T5R7W1"),
                legal_representative="周康宁",
                contact_name="吴敏",
                contact_id_number=id_card_with_check("21020219880715124"),
                contact_phone="13998765432",
            ),
            materials=[],
            user=clerk,
            at=at,
        ).case
        services.case_refuse(
            case=case,
            user=clerk,
            at=at + timedelta(minutes=5),
            kind=RefusalKind.NOT_COMPETENT,
            reason="申请经营场所位于普兰店区，不在本县（市）行政区域内。",
            competent_authority="大连市普兰店区市场监督管理局",
        )
        # 5. Online, from the demo applicant: waiting for the window's pre-review.
        at = next(moment)
        services.case_receive(
            version=food_change,
            applicant=services.Applicant(
                kind=ApplicantKind.PERSON,
                name=citizen.full_name,
                id_number=citizen.id_card_number,
                contact_phone=citizen.phone,
                contact_email=citizen.email,
            ),
            materials=[
                _entry(food_change, name, State.RECEIVED, file=ContentFile(_MINIMAL_PDF, name=f"{index}.pdf"))
                for index, name in enumerate(
                    ("食品经营许可变更申请书", "食品经营许可证正本、副本", "与变更事项有关的材料")
                )
            ],
            user=citizen,
            at=at,
        )
        handled = _handling_cases(county=county, now=now, company=company)
    return 5 + handled


def _handling_cases(*, county: Site, now: datetime, company: services.Applicant) -> int:
    users = get_user_model().objects
    clerk, chief, planreview, housing, reviewer = (
        users.get(username=name) for name in ("clerk", "chief", "planreview", "housing", "reviewer")
    )
    local = timezone.localtime(now)
    today = local.date()
    calendar = working_calendar()

    def day(back: int) -> date:
        return calendar.add(today, -back)

    def moment(on: date, hour: int = 10) -> datetime:
        return datetime.combine(on, time(hour, 0), tzinfo=local.tzinfo)

    planning = demo_version_in_force(county, "建设工程规划许可证核发", today)
    food = demo_version_in_force(county, "食品经营许可（新办）", today)

    def accepted(version, applicant, on: date):
        case = services.case_receive(
            version=version, applicant=applicant, materials=[], user=clerk, at=moment(on, 9)
        ).case
        return services.case_accept(case=case, user=clerk, at=moment(on, 9) + timedelta(minutes=8))

    def person(name: str, body: str, phone: str) -> services.Applicant:
        return services.Applicant(
            kind=ApplicantKind.PERSON, name=name, id_number=id_card_with_check(body), contact_phone=phone
        )

    developer = services.Applicant(
        kind=ApplicantKind.ORGANISATION,
        name="庄河市金港置业有限公司",
        id_number=_credit("91210283MA0W6P4N8"),
        legal_representative="赵金港",
        contact_name="刘洋",
        contact_id_number=id_card_with_check("21028319870211305"),
        contact_phone="13332218866",
        contact_email="liuyang@example.com",
    )
    # 6. Joint: the housing bureau has given its opinion, the ecology bureau's is due.
    case = accepted(planning, developer, day(2))
    opinion = case.tasks.get(department__short_name="住建")
    handling.task_opinion(
        case=case,
        task_id=opinion.pk,
        user=housing,
        at=moment(day(1), 15),
        verdict="AGREE",
        opinion="建筑设计方案符合工程建设强制性标准，同意。",
    )
    # 7. Red: past its promised date with the review still open.
    accepted(food, person("林海波", "21028319760503111", "13898761234"), day(8))
    # 8. Yellow: due today.
    accepted(food, person("曲晓丽", "21028319910718222", "13591112222"), day(5))
    # 9. In an expert review since two working days ago.
    case = accepted(planning, company, day(4))
    handling.case_suspend(
        case=case,
        user=planreview,
        at=moment(day(2), 14),
        kind="EXPERT_REVIEW",
        reason="建筑高度超过60米，组织规划设计方案专家评审。",
        expected_days=5,
    )
    # 10. Decided yesterday, to be delivered.
    case = accepted(food, person("宋佳音", "21028319880909333", "13700223344"), day(6))
    while step := case.tasks.filter(status="ACTIVE", step_kind="REVIEW").first():
        handling.task_opinion(
            case=case,
            task_id=step.pk,
            user=reviewer,
            at=moment(day(4), 11),
            verdict="AGREE",
            opinion="经审查符合要求。",
        )
    handling.case_decide(
        case=case, user=chief, at=moment(day(1), 16), decision="APPROVED", result_number="JY22102830012345"
    )
    return 5
