"""Intake and the five outcomes of 行政许可法 art. 32, through the services."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases import services
from onewindow.cases.models import CaseEvent, CaseStatus, CreditRecord, Notice, RefusalKind
from onewindow.cases.tests.factories import (
    State,
    at,
    company,
    delegate,
    entries,
    id_card,
    immediate_item,
    person,
    published_item,
    receive,
)
from onewindow.common.api import NotAllowed
from onewindow.notifications.models import Notification

MONDAY = date(2026, 11, 16)


def test_intake_keeps_version_and_builds_the_checklist(hall, food):
    case = receive(hall, food)

    assert case.status == CaseStatus.RECEIVED
    assert case.version == food
    assert re.fullmatch(rf"SJ{hall['county'].code}261116\d{{6}}", case.receipt_number)
    assert len(case.query_code) == 6 and case.query_code.isdigit()
    assert case.decision_due_date == date(2026, 11, 23)  # 5 working days after Monday 16th
    states = {line.name: line.state for line in case.materials.all()}
    assert states == {
        "食品经营许可申请书": State.RECEIVED,
        "营业执照": State.SHARED,
        "法定代表人身份证明": State.RECEIVED,
        "食品安全管理制度": State.RECEIVED,
        "经营场所平面图": State.NOT_PROVIDED,
    }
    assert list(case.events.values_list("action", flat=True)) == [CaseEvent.Action.RECEIVED]


def test_accept_gives_gap_free_number_due_dates_agent_and_notice(hall, food):
    first = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    second = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY, 10))

    site_code = hall["county"].code
    assert first.number == f"{site_code}-2026-000001"
    assert second.number == f"{site_code}-2026-000002"
    assert first.status == CaseStatus.ACCEPTED
    assert first.accepted_date == MONDAY
    assert first.promised_due_date == date(2026, 11, 23)  # 5 working days
    assert first.statutory_due_date == date(2026, 12, 14)  # 20 working days
    assert first.agent == hall["agent"]
    assert [notice.kind for notice in first.notices.all()] == [Notice.Kind.ACCEPTANCE]
    assert first.notices.get().document_number == f"受〔2026〕{first.number}号"


def test_promised_date_counts_working_days_across_a_holiday(hall, seeded_calendar):
    # 2026-09-30 (Wednesday) + 5 working days: 10-01..10-07 is National Day, 10-10 (Saturday) is
    # a make-up working day: 10-08, 10-09, 10-10, 10-12, 10-13.
    food = published_item(hall, today=date(2026, 9, 1))
    case = receive(hall, food, day=date(2026, 9, 30))
    case = services.case_accept(case=case, user=hall["clerk"].user, at=at(date(2026, 9, 30)))
    assert case.promised_due_date == date(2026, 10, 13)


def test_accept_refuses_while_a_required_material_is_missing(hall, food):
    case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    with pytest.raises(services.CaseError) as error:
        services.case_accept(case=case, user=hall["clerk"].user, at=at(MONDAY))
    assert error.value.code == "materials_outstanding"
    assert "法定代表人身份证明" in error.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.number is None


def test_correction_notice_lists_exactly_the_missing_material_and_resubmission_accepts(hall, food):
    case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    notice = services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(MONDAY))

    assert [request.case_material.name for request in notice.requests.all()] == ["法定代表人身份证明"]
    assert notice.requests.get().problem == "缺少该材料"
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTION

    thursday = date(2026, 11, 19)
    case = services.case_resubmit(
        case=case,
        user=hall["clerk_b"].user,
        at=at(thursday),
        materials=entries(food, 法定代表人身份证明=State.RECEIVED),
    )
    assert case.status == CaseStatus.RECEIVED
    assert case.decision_due_date == date(2026, 11, 26)
    assert notice.requests.get().supplied_at is not None
    case = services.case_accept(case=case, user=hall["clerk_b"].user, at=at(thursday, 11))
    assert case.status == CaseStatus.ACCEPTED and case.accepted_date == thursday


def test_resubmission_only_takes_what_the_notice_asked_for(hall, food):
    case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(MONDAY))
    with pytest.raises(ValidationError) as error:
        services.case_resubmit(
            case=case,
            user=hall["clerk"].user,
            at=at(MONDAY, 11),
            materials=entries(food, 食品经营许可申请书=State.RECEIVED),
        )
    assert "补正告知书未要求该材料" in str(error.value)


def test_second_notice_asking_something_new_is_flagged_and_supervision_warned(hall, food):
    case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(MONDAY))
    services.case_resubmit(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY, 14),
        materials=entries(food, 法定代表人身份证明=State.RECEIVED),
    )
    second = services.case_correction_notice(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY, 15),
        materials=[
            services.MaterialEntry(
                material_id=food.materials.get(name="食品经营许可申请书").pk,
                state=State.DEFECTIVE,
                problem="未签字",
            )
        ],
    )

    assert second.sequence == 2 and second.has_new_requests
    assert second.requests.get().is_new and second.requests.get().problem == "未签字"
    assert case.events.filter(action=CaseEvent.Action.WARNING, is_public=False).exists()
    assert Notification.objects.filter(user=hall["supervision"].user, case=case).exists()


def test_a_repeated_request_is_not_flagged(hall, food):
    case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(MONDAY))
    services.case_resubmit(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY, 14),
        materials=[
            services.MaterialEntry(
                material_id=food.materials.get(name="法定代表人身份证明").pk, state=State.RECEIVED
            )
        ],
    )
    second = services.case_correction_notice(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY, 15),
        materials=[
            services.MaterialEntry(
                material_id=food.materials.get(name="法定代表人身份证明").pk,
                state=State.DEFECTIVE,
                problem="复印件不清晰",
            )
        ],
    )
    assert not second.has_new_requests


def test_correction_notice_with_nothing_missing_is_refused(hall, food):
    with pytest.raises(services.CaseError) as error:
        services.case_correction_notice(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    assert error.value.code == "nothing_to_correct"


def test_corrected_on_the_spot_is_logged_before_acceptance(hall, food):
    case = services.case_accept(
        case=receive(hall, food),
        user=hall["clerk"].user,
        at=at(MONDAY),
        corrected_on_the_spot="申请书联系电话笔误，当场更正",
    )
    actions = list(case.events.values_list("action", flat=True))
    assert actions[:3] == [
        CaseEvent.Action.RECEIVED,
        CaseEvent.Action.CORRECTED_ON_THE_SPOT,
        CaseEvent.Action.ACCEPTED,
    ]


def test_refuse_not_subject_to_licensing(hall, food):
    case = receive(hall, food)
    notice = services.case_refuse(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY),
        kind=RefusalKind.NOT_SUBJECT,
        reason="预包装食品仅销售，已备案即可",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED and case.number is None
    assert notice.kind == Notice.Kind.NON_ACCEPTANCE


def test_refuse_not_competent_must_name_the_authority(hall, food):
    case = receive(hall, food)
    with pytest.raises(ValidationError) as error:
        services.case_refuse(
            case=case,
            user=hall["clerk"].user,
            at=at(MONDAY),
            kind=RefusalKind.NOT_COMPETENT,
            reason="跨区经营",
        )
    assert "competent_authority" in error.value.message_dict
    services.case_refuse(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY),
        kind=RefusalKind.NOT_COMPETENT,
        reason="经营场所位于瓦房店市",
        competent_authority="瓦房店市市场监督管理局",
    )
    case.refresh_from_db()
    assert case.competent_authority == "瓦房店市市场监督管理局"


def test_no_decision_in_five_working_days_means_accepted_as_of_receipt(hall, food):
    case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    assert services.cases_accept_overdue(at=at(date(2026, 11, 23), 18)) == []  # the 5th day is still in time

    numbers = services.cases_accept_overdue(at=at(date(2026, 11, 24), 1))
    case.refresh_from_db()
    assert numbers == [case.number]
    assert case.status == CaseStatus.ACCEPTED and case.is_auto_accepted
    assert case.accepted_date == MONDAY
    assert case.promised_due_date == date(2026, 11, 23)
    assert case.events.filter(action=CaseEvent.Action.AUTO_ACCEPTED, actor__isnull=True).exists()
    assert Notification.objects.filter(
        user=hall["supervision"].user, case=case, subject="逾期未作受理决定"
    ).exists()


def test_a_late_correction_notice_is_refused_and_the_case_is_accepted(hall, food):
    case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    with pytest.raises(services.DecisionOverdue):
        services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(date(2026, 11, 24)))
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.is_auto_accepted and case.accepted_date == MONDAY


# 容缺 -------------------------------------------------------------------------------------


def _deferred(food, until):
    material = food.materials.get(name="食品安全管理制度")
    return [services.MaterialEntry(material_id=material.pk, state=State.DEFERRED, deferred_until=until)]


def test_deferral_within_the_promised_limit_is_accepted(hall, food):
    case = receive(hall, food, materials=_deferred(food, date(2026, 11, 23)))
    case = services.case_accept(case=case, user=hall["clerk"].user, at=at(MONDAY))
    assert case.status == CaseStatus.ACCEPTED
    assert case.materials.get(name="食品安全管理制度").deferred_until == date(2026, 11, 23)


def test_deferral_past_the_promised_limit_is_refused(hall, food):
    with pytest.raises(ValidationError) as error:
        receive(hall, food, materials=_deferred(food, date(2026, 11, 24)))
    assert "不能晚于承诺办结日期 2026-11-23" in str(error.value)


def test_deferral_of_a_material_not_on_the_list_is_refused(hall, food):
    material = food.materials.get(name="法定代表人身份证明")
    with pytest.raises(ValidationError) as error:
        receive(
            hall,
            food,
            materials=[
                services.MaterialEntry(material_id=material.pk, state=State.DEFERRED, deferred_until=MONDAY)
            ],
        )
    assert "不在本事项的容缺材料清单内" in str(error.value)


def test_deferral_refused_for_an_applicant_with_bad_credit(hall, food):
    applicant = company()
    CreditRecord.objects.create(
        id_number=applicant.id_number,
        name=applicant.name,
        reason="食品安全严重违法失信",
        listed_date=date(2026, 1, 1),
        created_by=hall["office"].user,
    )
    with pytest.raises(ValidationError) as error:
        receive(hall, food, applicant=applicant, materials=_deferred(food, date(2026, 11, 20)))
    assert "失信名单" in str(error.value)


# Applicants -------------------------------------------------------------------------------


def test_invalid_id_card_number_gets_a_clear_message(hall, food):
    bad = id_card()[:-1] + ("0" if id_card()[-1] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        receive(hall, food, applicant=person(id_number=bad))
    assert "身份证号码校验位错误" in error.value.message_dict["id_number"][0]


def test_invalid_credit_code_gets_a_clear_message(hall, food):
    with pytest.raises(ValidationError) as error:
        receive(hall, food, applicant=company(id_number="91210283MA0QXXXXX0"))
    assert "统一社会信用代码" in error.value.message_dict["id_number"][0]


def test_company_needs_legal_representative_and_contact(hall, food):
    with pytest.raises(ValidationError) as error:
        receive(hall, food, applicant=company(legal_representative="", contact_name="", contact_id_number=""))
    assert set(error.value.message_dict) == {"legal_representative", "contact_name", "contact_id_number"}


def test_bad_phone_is_refused(hall, food):
    with pytest.raises(ValidationError) as error:
        receive(hall, food, applicant=person(contact_phone="12345"))
    assert "contact_phone" in error.value.message_dict


# Idempotency and permissions --------------------------------------------------------------


def test_intake_with_the_same_idempotency_key_returns_the_same_case(hall, food):
    first = receive(hall, food, idempotency_key="k-1", fingerprint="abc")
    second = services.case_receive(
        version=food,
        applicant=company(),
        materials=[],
        user=hall["clerk"].user,
        at=at(MONDAY, 10),
        idempotency_key="k-1",
        fingerprint="abc",
    )
    assert second.is_replay and second.case.pk == first.pk
    with pytest.raises(services.IdempotencyConflict):
        services.case_receive(
            version=food,
            applicant=person(),
            materials=[],
            user=hall["clerk"].user,
            at=at(MONDAY, 10),
            idempotency_key="k-1",
            fingerprint="different",
        )


def test_only_intake_roles_receive(hall, food):
    with pytest.raises(NotAllowed):
        receive(hall, food, user=hall["fee"].user)


def test_a_clerk_of_another_site_cannot_decide(hall, food):
    case = receive(hall, food)
    with pytest.raises(NotAllowed):
        services.case_accept(case=case, user=hall["township_clerk"].user, at=at(MONDAY))


def test_township_intake_uses_the_township_channel_and_numbering(hall, food):
    case = receive(hall, food, user=hall["township_clerk"].user)
    case = services.case_accept(case=case, user=hall["township_clerk"].user, at=at(MONDAY))
    assert case.channel == "TOWNSHIP"
    assert case.number == f"{hall['township'].code}-2026-000001"


def test_accepting_twice_is_a_wrong_state(hall, food):
    case = receive(hall, food)
    services.case_accept(case=case, user=hall["clerk"].user, at=at(MONDAY))
    with pytest.raises(services.WrongState):
        services.case_accept(case=case, user=hall["clerk_b"].user, at=at(MONDAY))


# Immediate items -------------------------------------------------------------------------


def test_immediate_item_is_decided_by_the_delegated_chief_representative(hall, seeded_calendar):
    version = immediate_item(hall)
    delegate(hall, version)
    case = services.case_accept(case=receive(hall, version), user=hall["clerk"].user, at=at(MONDAY))
    assert case.promised_due_date == MONDAY

    with pytest.raises(NotAllowed):  # a comprehensive window's clerk has no delegation
        services.case_decide_immediately(
            case=case, user=hall["clerk"].user, at=at(MONDAY, 10), decision="APPROVED"
        )

    notice = services.case_decide_immediately(
        case=case,
        user=hall["chief"].user,
        at=at(MONDAY, 10),
        decision="APPROVED",
        result_number="ZH2026-0001",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED and case.decision == "APPROVED"
    assert notice.kind == Notice.Kind.DECISION


def test_the_department_window_clerk_decides_under_the_department_delegation(hall, seeded_calendar):
    version = immediate_item(hall)
    delegate(hall, version)
    case = services.case_accept(
        case=receive(hall, version, user=hall["market_a"].user), user=hall["market_a"].user, at=at(MONDAY)
    )
    services.case_decide_immediately(
        case=case, user=hall["market_a"].user, at=at(MONDAY, 10), decision="APPROVED"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED


def test_without_a_delegation_nobody_decides_on_the_spot(hall, seeded_calendar):
    version = immediate_item(hall)
    case = services.case_accept(case=receive(hall, version), user=hall["clerk"].user, at=at(MONDAY))
    with pytest.raises(NotAllowed) as error:
        services.case_decide_immediately(
            case=case, user=hall["chief"].user, at=at(MONDAY), decision="APPROVED"
        )
    assert error.value.code == "no_delegation"


def test_immediate_denial_needs_reasons_and_a_promised_item_is_not_immediate(hall, food):
    version = immediate_item(hall)
    delegate(hall, version)
    case = services.case_accept(case=receive(hall, version), user=hall["clerk"].user, at=at(MONDAY))
    with pytest.raises(ValidationError):
        services.case_decide_immediately(case=case, user=hall["chief"].user, at=at(MONDAY), decision="DENIED")

    delegate(hall, food)
    promised = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    with pytest.raises(services.CaseError) as error:
        services.case_decide_immediately(
            case=promised, user=hall["chief"].user, at=at(MONDAY), decision="APPROVED"
        )
    assert error.value.code == "not_immediate"


def test_person_applicant_with_passport(hall, food):
    case = receive(hall, food, applicant=person(id_type="PASSPORT", id_number="e12345678"))
    assert case.id_number == "E12345678"


def test_online_application_by_an_applicant(hall, food, django_user_model):
    applicant_user = django_user_model.objects.create_user("citizen", password="x", full_name="张晓梅")
    result = services.case_receive(
        version=food,
        applicant=person(contact_email="zhang@example.com"),
        materials=[],
        user=applicant_user,
        at=at(MONDAY),
    )
    case = result.case
    assert case.channel == "ONLINE" and case.site == hall["county"] and case.applicant_user == applicant_user
    assert case.materials.get(name="食品经营许可申请书").state == State.MISSING  # nothing uploaded
    assert case.events.get().action == CaseEvent.Action.SUBMITTED_ONLINE
    channels = set(Notification.objects.filter(case=case).values_list("channel", flat=True))
    assert channels == {"IN_APP", "SMS", "EMAIL"}


def test_the_agent_is_the_least_loaded_at_the_nearest_site(hall, food):
    from onewindow.org.models import Role
    from onewindow.org.tests.factories import make_staff

    second = make_staff(site=hall["county"], roles=[Role.CASE_AGENT], full_name="周代办")
    first = hall["agent"]

    def accept(user):
        case = receive(hall, food, user=user)
        return services.case_accept(case=case, user=user, at=at(date(2026, 11, 16))).agent

    # both free: the first by number; then the one with fewer cases in handling
    assert [accept(hall["clerk"].user) for _ in range(3)] == [first, second, first]
    # a township case: no agent at the township, so the county's least loaded
    assert accept(hall["township_clerk"].user) == second
    township_agent = make_staff(site=hall["township"], roles=[Role.CASE_AGENT], full_name="吴代办")
    # an agent at the township itself comes before the county's, however loaded
    assert accept(hall["township_clerk"].user) == township_agent
    assert accept(hall["township_clerk"].user) == township_agent
