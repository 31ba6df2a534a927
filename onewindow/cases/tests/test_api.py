"""The cases API over HTTP: intake (idempotent), the art. 32 commands, the notice PDFs, who may do
what, the public progress lookup and the gateway's outbox.

The API reads the real clock (`clock.now()`), so the items here are published as of today and the
numbers and dates are computed from today's date in the hall's time zone.
"""

import dataclasses
import json
import re

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from onewindow.cases import services
from onewindow.cases.models import Case, CaseStatus, CorrectionRequest
from onewindow.cases.tests.factories import (
    company,
    delegate,
    id_card,
    immediate_item,
    person,
    published_item,
)
from onewindow.catalog.tests.factories import make_item, publish
from onewindow.common.identifiers import credit_code_check_character, id_card_check_character
from onewindow.notifications.models import Notification
from onewindow.org.tests.factories import PASSWORD, credit_code
from onewindow.workcalendar.selectors import working_calendar

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"
PROGRESS = "/api/v1/progress"
OUTBOX = "/api/v1/outbox"


# Helpers ---------------------------------------------------------------------------------------


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def token_api(user=None) -> APIClient:
    """A client that authenticates each request with a real API token (no forced user)."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def body(version, applicant: services.Applicant, *, materials=()) -> dict:
    return {
        "item": version.item.implementation_code,
        "applicant": dataclasses.asdict(applicant),
        "materials": list(materials),
    }


def post(client, path, data=None, **headers):
    return client.post(path, data or {}, format="json", **headers)


def intake(client, version, applicant=None, *, materials=()) -> dict:
    response = post(client, CASES, body(version, applicant or company(), materials=materials))
    assert response.status_code == 201, response.data
    return response.data


def receive_now(hall, version, *, user=None, applicant=None, materials=()) -> Case:
    """Received through the service at the real current time (as the API would)."""
    return services.case_receive(
        version=version,
        applicant=applicant or company(),
        materials=list(materials),
        user=user or hall["clerk"].user,
        at=timezone.now(),
    ).case


def accept_now(hall, case, *, user=None) -> Case:
    return services.case_accept(case=case, user=user or hall["clerk"].user, at=timezone.now())


def missing(name: str) -> dict:
    return {"name": name, "state": "MISSING"}


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def food(hall, seeded_calendar, today):
    """食品经营许可 (5 of 20 working days), in force from today."""
    return published_item(hall, today=today)


@pytest.fixture
def quick(hall, seeded_calendar, today):
    """An immediate item (即办件) in force from today, covered by the market chief's delegation."""
    version = immediate_item(hall, today=today)
    delegate(hall, version, valid_from=today)
    return version


@pytest.fixture
def applicant_a(django_user_model):
    return django_user_model.objects.create_user("applicant-a", password=PASSWORD, full_name="张晓梅")


@pytest.fixture
def applicant_b(django_user_model):
    return django_user_model.objects.create_user("applicant-b", password=PASSWORD, full_name="李海涛")


# Intake ----------------------------------------------------------------------------------------


def receipt_pattern(site, day) -> str:
    """SJ + the site's code + yymmdd + six digits."""
    return rf"SJ{site.code}{day:%y%m%d}\d{{6}}"


def test_company_intake_is_received_with_a_receipt_number_and_no_case_number(hall, food, today):
    clerk = api(hall["clerk"].user)
    response = post(
        clerk,
        CASES,
        body(food, company(), materials=[{"name": "经营场所平面图", "state": "RECEIVED"}]),
    )

    assert response.status_code == 201, response.data
    data = response.data
    assert "Idempotent-Replayed" not in response.headers
    assert data["number"] is None
    assert re.fullmatch(receipt_pattern(hall["county"], today), data["receipt_number"])
    assert response.headers["Location"] == data["url"] == f"{CASES}{data['receipt_number']}"
    assert len(data["query_code"]) == 6 and data["query_code"].isdigit()
    assert (data["status"], data["channel"], data["item_code"], data["applicant_name"]) == (
        "RECEIVED",
        "WINDOW",
        food.item.implementation_code,
        "庄河市海味餐饮有限公司",
    )
    assert data["decision_due_date"] == working_calendar().add(today, 5).isoformat()
    assert {row["name"]: row["state"] for row in data["materials"]} == {
        "食品经营许可申请书": "RECEIVED",
        "营业执照": "SHARED",
        "法定代表人身份证明": "RECEIVED",
        "食品安全管理制度": "RECEIVED",
        "经营场所平面图": "RECEIVED",
    }

    detail = clerk.get(data["url"])
    assert detail.status_code == 200
    record = detail.data
    assert (record["receipt_number"], record["number"], record["site"]) == (
        data["receipt_number"],
        None,
        hall["county"].name,
    )
    assert (record["applicant_kind"], record["applicant_name"], record["id_number"]) == (
        "ORGANISATION",
        "庄河市海味餐饮有限公司",
        credit_code(4242),
    )
    assert (record["id_type"], record["legal_representative"], record["contact_name"]) == (
        "",
        "王海",
        "张晓梅",
    )
    assert record["accepted_date"] is None and record["promised_due_date"] is None
    assert record["materials"] == data["materials"]
    assert record["notices"] == []
    assert [(event["action"], event["actor"]) for event in record["events"]] == [("RECEIVED", "王秀英")]
    case = Case.objects.get()
    assert case.received_by == hall["clerk"] and case.created_by == hall["clerk"].user


def test_person_intake_defaults_to_the_resident_id_card(hall, food, today):
    clerk = api(hall["clerk"].user)
    applicant = person(id_number=id_card("11010519491231002"))
    data = intake(clerk, food, applicant)

    assert data["number"] is None
    assert re.fullmatch(receipt_pattern(hall["county"], today), data["receipt_number"])
    record = clerk.get(data["url"]).data
    assert (record["applicant_kind"], record["applicant_name"], record["id_type"], record["id_number"]) == (
        "PERSON",
        "张晓梅",
        "RESIDENT_ID",
        id_card("11010519491231002"),
    )
    assert record["legal_representative"] == ""


def test_the_same_idempotency_key_replays_the_same_case(hall, food):
    clerk = api(hall["clerk"].user)
    payload = body(food, company())

    first = post(clerk, CASES, payload, HTTP_IDEMPOTENCY_KEY="intake-2026-0001")
    again = post(clerk, CASES, payload, HTTP_IDEMPOTENCY_KEY="intake-2026-0001")

    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first.headers
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.data["receipt_number"] == first.data["receipt_number"]
    assert again.data["query_code"] == first.data["query_code"]
    assert Case.objects.count() == 1


def test_the_same_idempotency_key_with_another_body_is_a_conflict(hall, food):
    clerk = api(hall["clerk"].user)
    first = post(clerk, CASES, body(food, company()), HTTP_IDEMPOTENCY_KEY="intake-2026-0002")
    other = post(
        clerk, CASES, body(food, company(name="庄河市海鲜酒楼")), HTTP_IDEMPOTENCY_KEY="intake-2026-0002"
    )

    assert other.status_code == 409
    assert other.data["code"] == "idempotency_key_reused"
    assert first.data["receipt_number"] in other.data["message"]
    assert list(Case.objects.values_list("applicant_name", flat=True)) == ["庄河市海味餐饮有限公司"]


def test_an_idempotency_key_belongs_to_the_user_who_sent_it(hall, food):
    payload = body(food, company())
    first = post(api(hall["clerk"].user), CASES, payload, HTTP_IDEMPOTENCY_KEY="shared-key")
    second = post(api(hall["clerk_b"].user), CASES, payload, HTTP_IDEMPOTENCY_KEY="shared-key")
    without_key = post(api(hall["clerk"].user), CASES, payload)

    assert (first.status_code, second.status_code, without_key.status_code) == (201, 201, 201)
    assert (
        len({first.data["receipt_number"], second.data["receipt_number"], without_key.data["receipt_number"]})
        == 3
    )
    assert Case.objects.count() == 3


def test_an_id_card_number_with_a_wrong_check_character_is_refused(hall, food):
    good = id_card()
    wrong = "0" if good[-1] != "0" else "1"
    response = post(api(hall["clerk"].user), CASES, body(food, person(id_number=good[:-1] + wrong)))

    assert response.status_code == 400
    message = f"身份证号码校验位错误：末位应为 {id_card_check_character(good[:17])}，实为 {wrong}。"
    assert response.data == {"code": "invalid", "message": message, "errors": {"id_number": [message]}}
    assert not Case.objects.exists()


def test_a_credit_code_with_a_wrong_check_character_is_refused(hall, food):
    good = credit_code(4242)
    wrong = "0" if good[-1] != "0" else "1"
    response = post(api(hall["clerk"].user), CASES, body(food, company(id_number=good[:-1] + wrong)))

    assert response.status_code == 400
    message = f"统一社会信用代码校验位错误：末位应为 {credit_code_check_character(good[:17])}，实为 {wrong}。"
    assert response.data["code"] == "invalid"
    assert response.data["errors"] == {"id_number": [message]}
    assert not Case.objects.exists()


def test_an_unknown_item_code_is_item_not_found(hall, food):
    response = post(api(hall["clerk"].user), CASES, body(food, company()) | {"item": "NO-SUCH-ITEM"})
    assert response.status_code == 400
    assert response.data == {"code": "item_not_found", "message": "没有实施编码为 NO-SUCH-ITEM 的现行事项。"}
    assert not Case.objects.exists()


def test_an_item_not_yet_in_force_is_item_not_found(hall, seeded_calendar, today):
    draft = make_item(department=hall["market"], user=hall["reviewer"].user, code="LATER001")
    later = publish(
        draft,
        submitter=hall["reviewer"].user,
        approver=hall["office"].user,
        today=today,
        effective_date=today.replace(year=today.year + 1),
    )
    response = post(api(hall["clerk"].user), CASES, body(later, company()))
    assert response.status_code == 400 and response.data["code"] == "item_not_found"


def test_an_unknown_material_name_is_refused(hall, food):
    response = post(
        api(hall["clerk"].user),
        CASES,
        body(food, company(), materials=[{"name": "不存在的材料", "state": "RECEIVED"}]),
    )
    assert response.status_code == 400
    assert response.data["code"] == "material_unknown"
    assert not Case.objects.exists()


def test_online_application_by_an_applicant_account(hall, food, applicant_a):
    client = api(applicant_a)
    data = intake(client, food, person())

    assert (data["channel"], data["status"], data["number"]) == ("ONLINE", "RECEIVED", None)
    assert {row["name"]: row["state"] for row in data["materials"]}["食品经营许可申请书"] == "MISSING"
    record = client.get(data["url"]).data
    assert record["site"] == hall["county"].name
    assert [(event["action"], event["actor"]) for event in record["events"]] == [
        ("SUBMITTED_ONLINE", "")  # an applicant does not see staff names or notes
    ]
    assert Case.objects.get().applicant_user == applicant_a


# The art. 32 commands --------------------------------------------------------------------------


def test_accept_numbers_the_case_and_issues_the_acceptance_notice(hall, food, today):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food)["receipt_number"]

    response = post(clerk, f"{CASES}{receipt}/accept")

    assert response.status_code == 200, response.data
    data = response.data
    number = f"{hall['county'].code}-{today.year}-000001"
    assert (data["number"], data["receipt_number"], data["status"]) == (number, receipt, "ACCEPTED")
    assert data["accepted_date"] == today.isoformat()
    assert data["promised_due_date"] == working_calendar().add(today, 5).isoformat()
    assert data["statutory_due_date"] == working_calendar().add(today, 20).isoformat()
    assert data["agent"] == hall["agent"].name
    assert [(notice["kind"], notice["document_number"]) for notice in data["notices"]] == [
        ("ACCEPTANCE", f"受〔{today.year}〕{number}号")
    ]
    assert [row["name"] for row in data["materials"]] == [material.name for material in food.materials.all()]
    record = clerk.get(data["url"]).data  # the whole record, as the lean answer says
    assert [event["action"] for event in record["events"]] == ["RECEIVED", "ACCEPTED", "AGENT_ASSIGNED"]
    assert {name: record[name] for name in data if name not in ("materials", "url")} == {
        name: value for name, value in data.items() if name not in ("materials", "url")
    }
    # the case is now found by its case number as well as its receipt number
    assert api(hall["clerk"].user).get(f"{CASES}{number}").data["receipt_number"] == receipt


def test_intake_and_acceptance_in_one_call(hall, food, today, django_assert_max_num_queries):
    """The window's 收件并受理: one request, one transaction, the same rows as receive + accept."""
    clerk = token_api(hall["clerk"].user)
    request = {**body(food, company()), "outcome": "accept", "corrected_on_the_spot": "更正了联系电话"}

    with django_assert_max_num_queries(
        28
    ):  # token, version, staff, the writes, calendar revisions; no re-read
        response = post(clerk, CASES, request, HTTP_IDEMPOTENCY_KEY="window-3-0001")

    assert response.status_code == 201, response.data
    data = response.data
    number = f"{hall['county'].code}-{today.year}-000001"
    assert (data["status"], data["number"], data["accepted_date"]) == ("ACCEPTED", number, today.isoformat())
    assert data["promised_due_date"] == working_calendar().add(today, 5).isoformat()
    assert [notice["kind"] for notice in data["notices"]] == ["ACCEPTANCE"]
    record = clerk.get(data["url"]).data
    assert [event["action"] for event in record["events"]] == [
        "RECEIVED",
        "CORRECTED",
        "ACCEPTED",
        "AGENT_ASSIGNED",
    ]
    assert record["tasks"] and record["light"] == "green"
    assert Notification.objects.filter(case__number=number, subject="申请已受理").exists()

    # the clerk's screen retries (a timeout): the same case, not a second number
    again = post(clerk, CASES, request, HTTP_IDEMPOTENCY_KEY="window-3-0001")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.data["number"] == number and Case.objects.count() == 1


def test_the_intake_answer_is_the_intake_serializers_output(hall, food):
    """api.intake_answer builds IntakeSerializer's output by hand (for speed): the same, always."""
    from onewindow.cases.api import IntakeSerializer, intake_answer

    clerk = api(hall["clerk"].user)
    received = intake(clerk, food, materials=[missing("法定代表人身份证明")])
    corrected = post(clerk, f"{CASES}{received['receipt_number']}/correction-notice")
    accepted = post(clerk, CASES, {**body(food, company()), "outcome": "accept"}).data
    assert corrected.status_code == 200 and accepted["status"] == "ACCEPTED"
    for case in Case.objects.all():
        assert intake_answer(case) == IntakeSerializer(case).data  # read back: agent, notices, lines
    assert accepted == IntakeSerializer(Case.objects.get(number=accepted["number"])).data


def test_a_refused_acceptance_in_one_call_leaves_no_case_and_no_number(hall, food, today):
    clerk = api(hall["clerk"].user)
    request = {**body(food, company(), materials=[missing("法定代表人身份证明")]), "outcome": "accept"}

    response = post(clerk, CASES, request)

    assert response.status_code == 400 and response.data["code"] == "materials_outstanding"
    assert not Case.objects.exists()  # not a received case left half-done
    accepted = post(clerk, CASES, {**body(food, company()), "outcome": "accept"})
    assert accepted.data["number"] == f"{hall['county'].code}-{today.year}-000001"  # no gap


def test_intake_with_the_correction_notice_in_one_call(hall, food, today):
    clerk = api(hall["clerk"].user)
    request = {**body(food, company(), materials=[missing("法定代表人身份证明")]), "outcome": "correction"}

    response = post(clerk, CASES, request)

    assert response.status_code == 201, response.data
    assert (response.data["status"], response.data["number"]) == ("CORRECTION", None)
    assert [notice["kind"] for notice in response.data["notices"]] == ["CORRECTION"]
    assert {row["name"]: row["state"] for row in response.data["materials"]}[
        "法定代表人身份证明"
    ] == "MISSING"


def test_an_unknown_intake_outcome_is_refused(hall, food):
    response = post(api(hall["clerk"].user), CASES, {**body(food, company()), "outcome": "approve"})

    assert response.status_code == 400 and "outcome" in response.data["errors"]
    assert not Case.objects.exists()


def test_accepting_twice_is_a_wrong_state(hall, food, today):
    receipt = intake(api(hall["clerk"].user), food)["receipt_number"]
    assert post(api(hall["clerk"].user), f"{CASES}{receipt}/accept").status_code == 200

    again = post(api(hall["clerk_b"].user), f"{CASES}{receipt}/accept")

    number = f"{hall['county'].code}-{today.year}-000001"
    assert again.status_code == 409
    assert again.data == {"code": "case_wrong_state", "message": f"办件 {number} 当前为“已受理”，不能受理。"}
    case = Case.objects.get()
    assert case.accepted_by == hall["clerk"] and case.notices.count() == 1


def test_accept_with_a_missing_material_is_materials_outstanding(hall, food):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food, materials=[missing("法定代表人身份证明")])["receipt_number"]

    response = post(clerk, f"{CASES}{receipt}/accept")

    assert response.status_code == 400
    assert response.data == {
        "code": "materials_outstanding",
        "message": "材料不齐，不能受理：法定代表人身份证明。请出具补正材料告知书，或按容缺受理。",
    }
    detail = clerk.get(f"{CASES}{receipt}").data
    assert (detail["status"], detail["number"], detail["notices"]) == ("RECEIVED", None, [])

    # brought at the counter and ticked off in the same request: accepted
    accepted = post(
        clerk,
        f"{CASES}{receipt}/accept",
        {"materials": [{"name": "法定代表人身份证明", "state": "RECEIVED"}]},
    )
    assert accepted.status_code == 200 and accepted.data["status"] == "ACCEPTED"


def test_correction_notice_lists_exactly_the_missing_material_then_resubmit_and_accept(hall, food, today):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food, materials=[missing("法定代表人身份证明")])["receipt_number"]

    response = post(clerk, f"{CASES}{receipt}/correction-notice", {"note": "请补交法定代表人身份证明"})

    assert response.status_code == 200, response.data
    assert response.data["status"] == "CORRECTION" and response.data["number"] is None
    assert [(notice["kind"], notice["document_number"]) for notice in response.data["notices"]] == [
        ("CORRECTION", f"补〔{today.year}〕{receipt}号")
    ]
    requests = CorrectionRequest.objects.filter(notice__case__receipt_number=receipt)
    assert [(request.case_material.name, request.problem) for request in requests] == [
        ("法定代表人身份证明", "缺少该材料")
    ]

    # only what the notice asked for may be resubmitted
    wrong = post(
        clerk,
        f"{CASES}{receipt}/resubmit",
        {"materials": [{"name": "食品经营许可申请书", "state": "RECEIVED"}]},
    )
    application = food.materials.get(name="食品经营许可申请书")
    assert wrong.status_code == 400
    assert wrong.data["errors"] == {f"material_{application.pk}": ["补正告知书未要求该材料。"]}

    resubmitted = post(
        api(hall["clerk_b"].user),
        f"{CASES}{receipt}/resubmit",
        {"materials": [{"name": "法定代表人身份证明", "state": "RECEIVED"}]},
    )
    assert resubmitted.status_code == 200, resubmitted.data
    assert resubmitted.data["status"] == "RECEIVED"
    assert {row["name"]: row["state"] for row in resubmitted.data["materials"]}[
        "法定代表人身份证明"
    ] == "RECEIVED"
    assert requests.get().supplied_at is not None

    accepted = post(api(hall["clerk_b"].user), f"{CASES}{receipt}/accept")
    assert accepted.status_code == 200
    assert accepted.data["status"] == "ACCEPTED"
    assert [event["action"] for event in clerk.get(accepted.data["url"]).data["events"]] == [
        "RECEIVED",
        "CORRECTION_NOTICE",
        "RESUBMITTED",
        "ACCEPTED",
        "AGENT_ASSIGNED",
    ]


def test_correction_notice_with_nothing_missing_is_refused(hall, food):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food)["receipt_number"]
    response = post(clerk, f"{CASES}{receipt}/correction-notice")
    assert response.status_code == 400
    assert response.data == {"code": "nothing_to_correct", "message": "材料齐全，无需补正，请直接受理。"}


def test_resubmit_outside_correction_is_a_wrong_state(hall, food):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food)["receipt_number"]
    response = post(
        clerk,
        f"{CASES}{receipt}/resubmit",
        {"materials": [{"name": "法定代表人身份证明", "state": "RECEIVED"}]},
    )
    assert response.status_code == 409 and response.data["code"] == "case_wrong_state"


def test_refuse_not_competent_needs_the_competent_authority(hall, food, today):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food)["receipt_number"]

    without = post(
        clerk, f"{CASES}{receipt}/refuse", {"kind": "NOT_COMPETENT", "reason": "经营场所位于瓦房店市"}
    )

    message = "不属于本机关职权范围的，须告知申请人向有关行政机关申请：请填写有权机关。"
    assert without.status_code == 400
    assert without.data == {
        "code": "invalid",
        "message": message,
        "errors": {"competent_authority": [message]},
    }
    assert clerk.get(f"{CASES}{receipt}").data["status"] == "RECEIVED"

    refused = post(
        clerk,
        f"{CASES}{receipt}/refuse",
        {
            "kind": "NOT_COMPETENT",
            "reason": "经营场所位于瓦房店市",
            "competent_authority": "瓦房店市市场监督管理局",
        },
    )
    assert refused.status_code == 200, refused.data
    data = refused.data
    assert (data["status"], data["number"], data["refusal_kind"]) == ("REFUSED", None, "NOT_COMPETENT")
    assert (data["refusal_reason"], data["competent_authority"]) == (
        "经营场所位于瓦房店市",
        "瓦房店市市场监督管理局",
    )
    assert [(notice["kind"], notice["document_number"]) for notice in data["notices"]] == [
        ("NON_ACCEPTANCE", f"不受〔{today.year}〕{receipt}号")
    ]

    again = post(clerk, f"{CASES}{receipt}/refuse", {"kind": "NOT_SUBJECT", "reason": "无需许可"})
    assert again.status_code == 409 and again.data["code"] == "case_wrong_state"


def test_refuse_with_an_unknown_kind_is_invalid(hall, food):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food)["receipt_number"]
    response = post(clerk, f"{CASES}{receipt}/refuse", {"kind": "BECAUSE", "reason": "无"})
    assert response.status_code == 400
    assert response.data["code"] == "invalid" and set(response.data["errors"]) == {"kind"}


def test_an_immediate_item_is_decided_by_the_delegated_chief_representative(hall, quick, today):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, quick, person())["receipt_number"]
    accepted = post(clerk, f"{CASES}{receipt}/accept")
    assert accepted.status_code == 200
    number = accepted.data["number"]
    assert accepted.data["promised_due_date"] == today.isoformat()  # 0 days: decided the same day

    # a comprehensive window's clerk has no delegation letter
    by_clerk = post(clerk, f"{CASES}{number}/decide", {"decision": "APPROVED"})
    assert by_clerk.status_code == 403 and by_clerk.data["code"] == "no_delegation"

    chief = api(hall["chief"].user)
    denial_without_reason = post(chief, f"{CASES}{number}/decide", {"decision": "DENIED"})
    assert denial_without_reason.status_code == 400
    assert denial_without_reason.data["errors"] == {"reason": ["不予许可的，须说明理由。"]}

    decided = post(chief, f"{CASES}{number}/decide", {"decision": "APPROVED", "result_number": "ZH2026-0001"})
    assert decided.status_code == 200, decided.data
    data = decided.data
    assert (data["status"], data["decision"], data["result_number"]) == (
        "COMPLETED",
        "APPROVED",
        "ZH2026-0001",
    )
    assert [(notice["kind"], notice["document_number"]) for notice in data["notices"]] == [
        ("ACCEPTANCE", f"受〔{today.year}〕{number}号"),
        ("DECISION", f"结〔{today.year}〕{number}号"),
        ("CERTIFICATE", f"证〔{today.year}〕{number}号"),
    ]
    assert data["events"][-1]["action"] == "DECIDED" and data["events"][-1]["actor"] == "宋首席"

    again = post(chief, f"{CASES}{number}/decide", {"decision": "APPROVED"})
    assert again.status_code == 409 and again.data["code"] == "case_wrong_state"


def test_a_promised_item_is_not_decided_on_the_spot(hall, food, today):
    delegate(hall, food, valid_from=today)
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food)["receipt_number"]
    number = post(clerk, f"{CASES}{receipt}/accept").data["number"]
    response = post(api(hall["chief"].user), f"{CASES}{number}/decide", {"decision": "APPROVED"})
    assert response.status_code == 400 and response.data["code"] == "not_immediate"


# Notices ---------------------------------------------------------------------------------------


def test_the_notice_pdf_linked_from_the_case(hall, food):
    clerk = api(hall["clerk"].user)
    receipt = intake(clerk, food)["receipt_number"]
    data = post(clerk, f"{CASES}{receipt}/accept").data
    [notice] = data["notices"]
    assert notice["pdf_url"] == f"{CASES}{data['number']}/notices/{notice['id']}.pdf"

    response = clerk.get(notice["pdf_url"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("inline; filename*=UTF-8''")


def test_a_notice_is_only_found_under_its_own_case(hall, food):
    clerk = api(hall["clerk"].user)
    first = post(clerk, f"{CASES}{intake(clerk, food)['receipt_number']}/accept").data
    second = intake(clerk, food)["receipt_number"]
    notice_id = first["notices"][0]["id"]

    assert clerk.get(f"{CASES}{second}/notices/{notice_id}.pdf").status_code == 404
    assert clerk.get(f"{CASES}{first['number']}/notices/{notice_id + 1000}.pdf").status_code == 404


# Who may do what -------------------------------------------------------------------------------

ROLES = ["anonymous", "applicant", "fee", "clerk_b", "township_clerk", "chief", "office"]

#: endpoint → expected status per role, in the order of ROLES.
MATRIX = {
    "list": (401, 200, 200, 200, 200, 200, 200),
    "detail": (401, 404, 200, 200, 404, 200, 200),
    "detail_own": (401, 200, 200, 200, 404, 200, 200),
    "notice_pdf": (401, 404, 200, 200, 404, 200, 200),
    "intake": (401, 201, 403, 201, 201, 201, 403),
    "accept": (401, 403, 403, 200, 404, 200, 403),
    "correction": (401, 403, 403, 200, 404, 200, 403),
    "refuse": (401, 403, 403, 200, 404, 200, 403),
    "resubmit": (401, 400, 403, 200, 404, 200, 403),  # an applicant resubmits files, through the portal
    "decide": (401, 403, 403, 403, 404, 200, 403),
    "outbox": (401, 403, 403, 403, 403, 403, 403),
    "outbox_sent": (401, 403, 403, 403, 403, 403, 403),
    "progress": (200, 200, 200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(hall, food, quick, applicant_a, role):
    """Every endpoint for one role, each command on its own fresh case, over token authentication."""
    window_case = accept_now(hall, receive_now(hall, food))
    own_case = receive_now(hall, food, user=applicant_a, applicant=person())
    to_resubmit = receive_now(hall, food, user=applicant_a, applicant=person())
    services.case_correction_notice(case=to_resubmit, user=hall["clerk"].user, at=timezone.now())
    to_accept, to_correct, to_refuse = (receive_now(hall, food) for _ in range(3))
    immediate = accept_now(hall, receive_now(hall, quick, applicant=person()))
    sms = Notification.objects.filter(channel=Notification.Channel.SMS).first()
    notice = window_case.notices.get()
    all_receipts = set(Case.objects.values_list("receipt_number", flat=True))

    user = (
        {"anonymous": None, "applicant": applicant_a}[role]
        if role in ("anonymous", "applicant")
        else hall[role].user
    )
    client = token_api(user)

    listed = client.get(CASES)
    calls = {
        "list": listed,
        "detail": client.get(f"{CASES}{window_case.number}"),
        "detail_own": client.get(f"{CASES}{own_case.receipt_number}"),
        "notice_pdf": client.get(f"{CASES}{window_case.number}/notices/{notice.pk}.pdf"),
        "intake": post(client, CASES, body(food, company())),
        "accept": post(client, f"{CASES}{to_accept.receipt_number}/accept"),
        "correction": post(
            client,
            f"{CASES}{to_correct.receipt_number}/correction-notice",
            {"materials": [missing("法定代表人身份证明")]},
        ),
        "refuse": post(
            client, f"{CASES}{to_refuse.receipt_number}/refuse", {"kind": "NOT_SUBJECT", "reason": "无需许可"}
        ),
        "resubmit": post(
            client,
            f"{CASES}{to_resubmit.receipt_number}/resubmit",
            {"materials": [{"name": "法定代表人身份证明", "state": "RECEIVED"}]},
        ),
        "decide": post(client, f"{CASES}{immediate.number}/decide", {"decision": "APPROVED"}),
        "outbox": client.get(OUTBOX),
        "outbox_sent": post(client, f"{OUTBOX}/{sms.pk}/sent"),
        "progress": client.get(
            PROGRESS, {"number": window_case.number, "query_code": window_case.query_code}
        ),
    }

    column = ROLES.index(role)
    expected = {endpoint: statuses[column] for endpoint, statuses in MATRIX.items()}
    assert {endpoint: response.status_code for endpoint, response in calls.items()} == expected

    # what each role's list holds
    visible = {
        "anonymous": set(),
        "applicant": {own_case.receipt_number, to_resubmit.receipt_number},
        "township_clerk": set(),
    }.get(role, all_receipts)
    if listed.status_code == 200:
        assert {row["receipt_number"] for row in listed.data["results"]} == visible
    # nothing a refused caller asked for happened
    statuses = dict(Case.objects.values_list("receipt_number", "status"))
    assert statuses[to_accept.receipt_number] == ("ACCEPTED" if expected["accept"] == 200 else "RECEIVED")
    assert statuses[to_correct.receipt_number] == (
        "CORRECTION" if expected["correction"] == 200 else "RECEIVED"
    )
    assert statuses[to_refuse.receipt_number] == ("REFUSED" if expected["refuse"] == 200 else "RECEIVED")
    assert statuses[to_resubmit.receipt_number] == (
        "RECEIVED" if expected["resubmit"] == 200 else "CORRECTION"
    )
    assert statuses[immediate.receipt_number] == ("COMPLETED" if expected["decide"] == 200 else "ACCEPTED")
    sms.refresh_from_db()
    assert sms.sent_at is None
    if expected["intake"] == 201:
        assert calls["intake"].data["receipt_number"] not in all_receipts


def test_an_applicant_sees_only_their_own_cases(hall, food, applicant_a, applicant_b):
    own = intake(api(applicant_a), food, person())
    other = intake(api(applicant_b), food, person(name="李海涛", id_number=id_card("21028319900101002")))
    client = token_api(applicant_a)

    assert client.get(f"{CASES}{own['receipt_number']}").status_code == 200
    response = client.get(f"{CASES}{other['receipt_number']}")
    assert response.status_code == 404 and response.data["code"] == "not_found"
    assert [row["receipt_number"] for row in client.get(CASES).data["results"]] == [own["receipt_number"]]
    assert client.get(CASES, {"search": other["receipt_number"]}).data == {"next": None, "results": []}

    accept = post(client, f"{CASES}{own['receipt_number']}/accept")
    assert accept.status_code == 403 and accept.data["code"] == "permission_denied"
    refuse = post(client, f"{CASES}{own['receipt_number']}/refuse", {"kind": "NOT_SUBJECT", "reason": "撤回"})
    assert refuse.status_code == 403
    assert Case.objects.get(receipt_number=own["receipt_number"]).status == CaseStatus.RECEIVED


def test_an_applicant_resubmits_their_own_correction_but_not_another_s(hall, food, applicant_a, applicant_b):
    own = receive_now(hall, food, user=applicant_a, applicant=person())
    other = receive_now(hall, food, user=applicant_b, applicant=person(name="李海涛"))
    for case in (own, other):
        services.case_correction_notice(case=case, user=hall["clerk"].user, at=timezone.now())
    supplied = {"materials": [{"name": "法定代表人身份证明", "state": "RECEIVED"}]}

    denied = post(api(applicant_a), f"{CASES}{other.receipt_number}/resubmit", supplied)
    done = post(api(applicant_a), f"{CASES}{own.receipt_number}/resubmit", supplied)

    assert denied.status_code == 404
    # An applicant cannot certify a material as received: the files go up through the portal.
    assert done.status_code == 400 and "网上提交只能上传材料文件" in done.data["message"]
    for case in (own, other):
        case.refresh_from_db()
        assert case.status == CaseStatus.CORRECTION


# Public progress -------------------------------------------------------------------------------


def test_progress_shows_status_and_timeline_without_personal_data(hall, food, today):
    applicant = company()
    case = accept_now(hall, receive_now(hall, food, applicant=applicant))

    response = api().get(PROGRESS, {"number": case.number, "query_code": case.query_code})

    assert response.status_code == 200
    data = response.data
    assert set(data) == {
        "number",
        "item_name",
        "department",
        "status",
        "status_label",
        "received_date",
        "accepted_date",
        "promised_due_date",
        "timeline",
    }
    assert (data["number"], data["status"], data["status_label"]) == (case.number, "ACCEPTED", "已受理")
    assert (data["item_name"], data["department"]) == ("食品经营许可", "市场监督管理局")
    assert data["accepted_date"] == today.isoformat()
    assert data["promised_due_date"] == case.promised_due_date.isoformat()
    # the agent assignment is staff-only
    assert [dict(row) for row in data["timeline"]] == [
        {"label": "收件", "department": "市场监督管理局", "date": today.isoformat()},
        {"label": "受理", "department": "市场监督管理局", "date": today.isoformat()},
    ]
    text = response.content.decode()
    readable = json.dumps(response.json(), ensure_ascii=False)
    for personal in (
        applicant.name,
        applicant.id_number,
        applicant.contact_phone,
        applicant.contact_name,
        applicant.contact_id_number,
        applicant.legal_representative,
        "王秀英",  # the clerk who received it
    ):
        assert personal not in text and personal not in readable


def test_progress_by_receipt_number_before_acceptance(hall, food):
    case = receive_now(hall, food, applicant=person())
    response = api().get(PROGRESS, {"number": case.receipt_number.lower(), "query_code": case.query_code})
    assert response.status_code == 200
    assert (response.data["number"], response.data["status"]) == (case.receipt_number, "RECEIVED")
    assert response.data["accepted_date"] is None and response.data["promised_due_date"] is None
    body_text = json.dumps(response.json(), ensure_ascii=False)
    assert "张晓梅" not in body_text and id_card() not in body_text and "13912345678" not in body_text


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_progress_with_a_wrong_code_is_not_found(hall, food):
    case = accept_now(hall, receive_now(hall, food))
    for query in (
        {"number": case.number, "query_code": _wrong(case.query_code)},
        {"number": case.number, "query_code": ""},
        {"number": "NOPE-2026-000001", "query_code": case.query_code},
        {},
    ):
        response = api().get(PROGRESS, query)
        assert response.status_code == 404, query
        assert response.data == {"code": "not_found", "message": "没有找到该办件，请核对办件编号和查询码。"}


def test_progress_refuses_an_address_after_too_many_failures(hall, food, settings):
    settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = 3
    case = accept_now(hall, receive_now(hall, food))
    right = {"number": case.number, "query_code": case.query_code}
    wrong = {"number": case.number, "query_code": _wrong(case.query_code)}
    guesser = APIClient(REMOTE_ADDR="203.0.113.7")

    assert guesser.get(PROGRESS, right).status_code == 200  # successes are not counted
    assert [guesser.get(PROGRESS, wrong).status_code for _ in range(3)] == [404, 404, 404]

    blocked = guesser.get(PROGRESS, right)
    assert blocked.status_code == 429
    assert blocked.data == {
        "code": "too_many_attempts",
        "message": "查询失败次数过多，请一小时后再试，或携带告知书到窗口查询。",
    }
    # another address is not held back
    assert APIClient(REMOTE_ADDR="198.51.100.20").get(PROGRESS, right).status_code == 200


# The outbox ------------------------------------------------------------------------------------


def test_the_administrator_takes_pending_sms_and_marks_them_sent(hall, food, applicant_a, django_user_model):
    admin = django_user_model.objects.create_superuser("gateway", password=PASSWORD)
    first = accept_now(hall, receive_now(hall, food))  # window intake: one SMS, on acceptance
    online = receive_now(
        hall,
        food,
        user=applicant_a,
        applicant=person(contact_phone="13800001111", contact_email="z@example.com"),
    )
    gateway = token_api(admin)

    pending = gateway.get(OUTBOX, {"channel": "SMS"})

    assert pending.status_code == 200
    waiting = pending.data["results"]
    assert [(row["channel"], row["address"], row["subject"]) for row in waiting] == [
        ("SMS", "13912345678", "申请已受理"),
        ("SMS", "13800001111", "网上申请已提交"),
    ]
    assert first.number in waiting[0]["body"] and first.query_code in waiting[0]["body"]
    everything = gateway.get(OUTBOX).data["results"]
    assert [row["channel"] for row in everything] == ["SMS", "SMS", "EMAIL"]  # never the in-app ones

    sent = post(gateway, f"{OUTBOX}/{waiting[0]['id']}/sent")
    assert sent.status_code == 200 and sent.data["id"] == waiting[0]["id"]
    assert Notification.objects.get(pk=waiting[0]["id"]).sent_at is not None

    failed = post(gateway, f"{OUTBOX}/{waiting[1]['id']}/sent", {"failure": "号码已停机"})
    assert failed.status_code == 200
    message = Notification.objects.get(pk=waiting[1]["id"])
    assert (message.sent_at, message.failure) == (None, "号码已停机")

    assert [row["address"] for row in gateway.get(OUTBOX, {"channel": "SMS"}).data["results"]] == [
        "13800001111"
    ]
    in_app = Notification.objects.get(case=online, channel=Notification.Channel.IN_APP)
    assert post(gateway, f"{OUTBOX}/{in_app.pk}/sent").status_code == 404
    assert post(gateway, f"{OUTBOX}/999999/sent").status_code == 404


def test_a_clerk_may_not_read_or_mark_the_outbox(hall, food):
    accept_now(hall, receive_now(hall, food))
    sms = Notification.objects.get(channel=Notification.Channel.SMS)
    clerk = api(hall["clerk"].user)

    listed = clerk.get(OUTBOX)
    marked = post(clerk, f"{OUTBOX}/{sms.pk}/sent")

    assert listed.status_code == 403 and listed.data["code"] == "permission_denied"
    assert marked.status_code == 403
    sms.refresh_from_db()
    assert sms.sent_at is None


# Listing ---------------------------------------------------------------------------------------


def test_list_searches_and_filters_by_status(hall, food):
    clerk = api(hall["clerk"].user)
    first = intake(clerk, food)
    second = intake(clerk, food, person(), materials=[missing("法定代表人身份证明")])
    post(clerk, f"{CASES}{first['receipt_number']}/accept")

    assert [row["receipt_number"] for row in clerk.get(CASES).data["results"]] == [
        second["receipt_number"],
        first["receipt_number"],
    ]
    assert [row["receipt_number"] for row in clerk.get(CASES, {"status": "RECEIVED"}).data["results"]] == [
        second["receipt_number"]
    ]
    assert [row["receipt_number"] for row in clerk.get(CASES, {"search": "庄河市海味"}).data["results"]] == [
        first["receipt_number"]
    ]
    assert [row["receipt_number"] for row in clerk.get(CASES, {"search": id_card()}).data["results"]] == [
        second["receipt_number"],
        first["receipt_number"],
    ]  # the person's ID number, and the company's contact ID number
