"""Defects a review found in window acceptance, each pinned by a test."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from onewindow.cases import services
from onewindow.cases.models import CaseEvent, CreditRecord
from onewindow.cases.tests.factories import (
    State,
    at,
    company,
    delegate,
    immediate_item,
    person,
    receive,
)
from onewindow.common.api import NotAllowed
from onewindow.notifications.models import Notification

MONDAY = date(2026, 11, 16)


def _deferral(food, until):
    material = food.materials.get(name="食品安全管理制度")
    return [services.MaterialEntry(material_id=material.pk, state=State.DEFERRED, deferred_until=until)]


def test_a_deferral_is_judged_again_on_the_day_of_acceptance(hall, food):
    applicant = company()
    case = receive(hall, food, applicant=applicant, materials=_deferral(food, date(2026, 11, 20)))
    CreditRecord.objects.create(
        id_number=applicant.id_number,
        name=applicant.name,
        reason="严重失信",
        listed_date=MONDAY,
        created_by=hall["office"].user,
    )
    with pytest.raises(ValidationError) as error:
        services.case_accept(case=case, user=hall["clerk"].user, at=at(date(2026, 11, 17)))
    assert "失信名单" in str(error.value)


def test_a_deferral_whose_make_up_date_has_passed_is_not_accepted(hall, food):
    case = receive(hall, food, materials=_deferral(food, date(2026, 11, 17)))
    with pytest.raises(ValidationError) as error:
        services.case_accept(case=case, user=hall["clerk"].user, at=at(date(2026, 11, 18)))
    assert "不能早于今天" in str(error.value)


def test_an_immediate_case_decided_late_is_completed_and_supervision_warned(hall, seeded_calendar):
    version = immediate_item(hall)
    delegate(hall, version)
    case = services.case_accept(case=receive(hall, version), user=hall["clerk"].user, at=at(MONDAY))
    services.case_decide_immediately(
        case=case, user=hall["chief"].user, at=at(date(2026, 11, 17)), decision="APPROVED"
    )
    case.refresh_from_db()
    assert case.status == "COMPLETED"
    assert Notification.objects.filter(user=hall["supervision"].user, subject="即办件未当日办结").exists()


def test_the_applicant_sees_no_internal_events_through_the_api(hall, food, django_user_model):
    citizen = django_user_model.objects.create_user("citizen")
    case = services.case_receive(
        version=food, applicant=company(), materials=[], user=citizen, at=at(MONDAY)
    ).case
    services.cases_accept_overdue(at=at(date(2026, 11, 24)))
    client = APIClient()
    client.force_authenticate(citizen)
    case.refresh_from_db()
    events = client.get(f"/api/v1/cases/{case.number}").data["events"]
    assert {event["action"] for event in events} == {"SUBMITTED_ONLINE", "AUTO_ACCEPTED"}
    assert all(event["actor"] == "" and event["comment"] == "" for event in events)
    assert case.events.filter(action=CaseEvent.Action.WARNING).exists()


def test_an_applicant_cannot_declare_materials_received_or_deferred(hall, food, django_user_model):
    citizen = django_user_model.objects.create_user("citizen")
    with pytest.raises(ValidationError):
        services.case_receive(
            version=food, applicant=company(), materials=_deferral(food, MONDAY), user=citizen, at=at(MONDAY)
        )


def test_online_a_person_applies_only_as_themselves(hall, food, django_user_model):
    citizen = django_user_model.objects.create_user("citizen", id_card_number="110105194912310029")
    with pytest.raises(ValidationError) as error:
        services.case_receive(version=food, applicant=person(), materials=[], user=citizen, at=at(MONDAY))
    assert "本人身份" in str(error.value)


def test_a_bad_email_address_is_refused_at_intake(hall, food):
    with pytest.raises(ValidationError) as error:
        receive(hall, food, applicant=person(contact_email="a,b@c.d"))
    assert "contact_email" in error.value.message_dict


def test_credit_codes_of_digits_and_other_documents_can_be_listed_by_the_top_office_only(hall):
    from onewindow.org.tests.factories import credit_code

    digits = "91210283100000000"
    from onewindow.common.identifiers import credit_code_check_character

    code = digits + credit_code_check_character(digits)
    record = services.credit_record_add(
        user=hall["office"].user, id_number=code, name="某厂", reason="失信", source="", listed_date=MONDAY
    )
    assert record.id_number == code
    services.credit_record_add(
        user=hall["office"].user,
        id_number="E12345678",
        name="某人",
        reason="失信",
        source="",
        listed_date=MONDAY,
    )
    with pytest.raises(NotAllowed):
        services.credit_record_add(
            user=hall["township_office"].user,
            id_number=credit_code(7),
            name="某",
            reason="失信",
            source="",
            listed_date=MONDAY,
        )
    with pytest.raises(NotAllowed):
        services.credit_record_lift(user=hall["township_office"].user, record=record, on_date=MONDAY)


def test_a_reused_intake_form_with_other_content_is_refused(client, hall, seeded_calendar):
    from django.utils import timezone

    from onewindow.cases.models import Case
    from onewindow.cases.tests.factories import published_item
    from onewindow.cases.tests.test_pages import intake_post

    current = published_item(hall, today=timezone.localdate())
    client.force_login(hall["clerk"].user)
    client.post(reverse("cases:intake"), intake_post(current))
    response = client.post(reverse("cases:intake"), intake_post(current, applicant_name="另一家公司"))
    assert "这张表单已经提交过一份不同的申请" in response.content.decode()
    assert Case.objects.count() == 1
