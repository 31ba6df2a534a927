"""The catalog API: the public read-only guide, and the staff's commands with their permissions."""

import pytest
from rest_framework.test import APIClient

from onewindow.catalog.models import ItemVersion
from onewindow.catalog.tests.factories import make_item, publish
from onewindow.common import clock

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "name": "药品零售企业许可",
    "item_type": "01",
    "case_kind": "PROMISED",
    "legal_basis": "《中华人民共和国药品管理法》第五十一条",
    "conditions": "1. 有依法经过资格认定的药师",
    "procedure": "受理、审查、现场检查、决定",
    "statutory_limit": 30,
    "promised_limit": 15,
    "service_objects": ["2"],
    "handling_forms": ["WINDOW", "WEB"],
    "keywords": "药店 药房",
    "themes": ["准营准办"],
    "materials": [
        {"name": "药品经营许可证申请表"},
        {"name": "营业执照", "source": "SHARED", "original_count": 0},
    ],
    "fee_items": [],
    "steps": [{"name": "受理", "limit_days": 1}, {"name": "现场检查", "limit_days": 10}],
}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def food(hall):
    version = make_item(department=hall["market"], user=hall["reviewer"].user, code="API0001")
    return publish(
        version, submitter=hall["reviewer"].user, approver=hall["office"].user, today=clock.today()
    )


def test_public_list_and_detail_need_no_login(food):
    response = api().get("/api/v1/items/", {"search": "食品"})
    assert response.status_code == 200
    assert response.data["count"] == 1
    row = response.data["results"][0]
    assert (row["implementation_code"], row["name"], row["url"]) == (
        "API0001",
        "食品经营许可",
        "/guide/API0001/",
    )
    assert api().get("/api/v1/items/", {"search": "结婚"}).data["count"] == 0
    detail = api().get("/api/v1/items/API0001")
    assert detail.status_code == 200
    assert detail.data["legal_basis"].startswith("《中华人民共和国食品安全法》")
    assert [m["name"] for m in detail.data["materials"]] == ["申请书", "身份证件"]
    assert detail.data["fee_items"][0]["standard"] == "10.00元/本"
    assert detail.data["steps"][1] == {
        "name": "审查",
        "kind": "REVIEW",
        "limit_days": 3,
        "department": None,
        "description": "",
    }
    missing = api().get("/api/v1/items/NOPE")
    assert missing.status_code == 404 and missing.data["code"] == "not_found"


def test_create_draft_submit_return_and_approve(hall):
    reviewer, office = api(hall["reviewer"].user), api(hall["office"].user)
    created = reviewer.post(
        "/api/v1/items/create",
        PAYLOAD
        | {"department": hall["market"].pk, "basic_code": "0100077001", "implementation_code": "YP0001"},
        format="json",
    )
    assert created.status_code == 201, created.data
    assert created.data["status"] == "DRAFT" and created.data["version"] == 1
    assert api().get("/api/v1/items/YP0001").status_code == 404  # not public yet

    too_long = reviewer.put("/api/v1/items/YP0001/draft", PAYLOAD | {"promised_limit": 40}, format="json")
    assert too_long.status_code == 400
    assert too_long.data["code"] == "invalid" and "promised_limit" in too_long.data["errors"]

    assert reviewer.post("/api/v1/items/YP0001/submit", {"summary": "新设"}, format="json").status_code == 200
    assert reviewer.post("/api/v1/items/YP0001/approve", {}, format="json").status_code == 403
    returned = office.post("/api/v1/items/YP0001/return", {"comment": "补充执业药师证明"}, format="json")
    assert returned.status_code == 200 and returned.data["status"] == "RETURNED"
    again = reviewer.put(
        "/api/v1/items/YP0001/draft",
        PAYLOAD | {"materials": [*PAYLOAD["materials"], {"name": "执业药师注册证"}]},
        format="json",
    )
    assert again.status_code == 200 and len(again.data["materials"]) == 3
    reviewer.post("/api/v1/items/YP0001/submit", {}, format="json")
    approved = office.post("/api/v1/items/YP0001/approve", {"comment": "同意"}, format="json")
    assert approved.status_code == 200 and approved.data["status"] == "APPROVED"
    assert api().get("/api/v1/items/YP0001").data["version"] == 1
    versions = reviewer.get("/api/v1/items/YP0001/versions")
    assert [(v["number"], v["status"]) for v in versions.data] == [(1, "APPROVED")]


def test_wrong_state_and_bad_references_are_clear_errors(hall, food):
    office = api(hall["office"].user)
    response = office.post("/api/v1/items/API0001/submit", {}, format="json")
    assert response.status_code == 409 and response.data["code"] == "catalog_wrong_state"
    bad = api(hall["reviewer"].user).put(
        "/api/v1/items/API0001/draft",
        PAYLOAD | {"themes": ["不存在"], "co_departments": [999999]},
        format="json",
    )
    assert bad.status_code == 400 and set(bad.data["errors"]) == {"themes", "co_departments"}
    # a refused PUT leaves no draft behind
    assert not ItemVersion.objects.filter(item__implementation_code="API0001", number=2).exists()


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("reviewer", 200),  # their own department's item
        ("chief", 200),
        ("office", 200),
        ("housing_a", 403),  # a window clerk of another department
        ("clerk", 403),
        ("fee", 403),
        ("township_office", 404),  # cannot see the county's items
    ],
)
def test_who_may_write_a_draft(hall, food, person, expected):
    response = api(hall[person].user).put("/api/v1/items/API0001/draft", PAYLOAD, format="json")
    assert response.status_code == expected, response.data


def test_drafts_are_not_for_window_clerks(hall, food):
    for person in ("clerk", "fee", "agent"):
        assert api(hall[person].user).get("/api/v1/items/API0001/versions").status_code == 403
        assert api(hall[person].user).get("/api/v1/items/API0001/versions/1").status_code == 403
    assert api(hall["supervision"].user).get("/api/v1/items/API0001/versions").status_code == 200


def test_anonymous_staff_commands_are_refused(food):
    for path in ("/api/v1/items/API0001/draft", "/api/v1/items/API0001/submit", "/api/v1/items/create"):
        assert api().post(path, {}, format="json").status_code in (401, 403)
    assert api().get("/api/v1/items/API0001/versions").status_code in (401, 403)


def test_withdraw_through_the_api(hall, food):
    today = clock.today()
    refused = api(hall["reviewer"].user).post(
        "/api/v1/items/API0001/withdraw",
        {"withdrawal_date": today.isoformat(), "reason": "取消"},
        format="json",
    )
    assert refused.status_code == 403
    response = api(hall["office"].user).post(
        "/api/v1/items/API0001/withdraw",
        {"withdrawal_date": today.isoformat(), "reason": "庄政办发〔2026〕12号"},
        format="json",
    )
    assert response.status_code == 200
    assert api().get("/api/v1/items/API0001").status_code == 404
    assert api().get("/api/v1/items/").data["count"] == 0
