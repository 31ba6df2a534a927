"""The assessment and attendance API: the same answers as the pages, clear 4xx for bad input,
and who may call what (every endpoint × every role of the hall)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from onewindow.assessment.models import Award, Score
from onewindow.assessment.tests.test_scores import NOVEMBER, november  # noqa: F401 - fixture
from onewindow.cases.tests.factories import at

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture(autouse=True)
def december(settings):
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 3), 8, 40)


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_signing_in_and_out_through_the_api(hall, seeded_calendar, settings):
    clerk = api(hall["clerk"].user)
    early_out = clerk.post(f"{API}attendance/sign-out")
    assert early_out.status_code == 409 and early_out.json()["code"] == "not_signed_in"
    first = clerk.post(f"{API}attendance/sign-in")
    assert first.status_code == 201
    assert first.json()["changed"] is True and first.json()["message"] == "签到成功：08:40。"
    again = clerk.post(f"{API}attendance/sign-in")
    assert again.status_code == 200 and again.json()["changed"] is False
    today = clerk.get(f"{API}attendance/today").json()
    assert (
        today["work_date"] == "2026-12-03"
        and today["opens_at"] == "09:00:00"
        and today["signed_out_at"] is None
    )
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 3), 17, 5)
    out = clerk.post(f"{API}attendance/sign-out")
    assert out.status_code == 201 and out.json()["day"]["signed_out_at"].startswith("2026-12-03T17:05")
    applicant = get_user_model().objects.create_user(username="applicant-api", password="x" * 12)
    assert api(applicant).post(f"{API}attendance/sign-in").status_code == 403
    assert api().post(f"{API}attendance/sign-in").status_code in (401, 403)


def test_the_ranking_the_score_and_the_records_behind_it(hall, november):  # noqa: F811
    office = api(hall["office"].user)
    answer = office.get(f"{API}assessment/scores", {"month": "2026-11", "kind": "window"}).json()
    assert answer["count"] == 4
    window1 = next(row for row in answer["results"] if row["score"]["window"] == hall["windows"][0].pk)
    assert window1["rank"] == 2 and window1["score"]["total"] == 43.37
    components = {component["indicator"]: component for component in window1["score"]["components"]}
    assert components["ON_TIME"]["numerator"] == 4 and components["ON_TIME"]["denominator"] == 6
    assert components["COMPLAINTS"]["points"] == -5
    score_id = window1["score"]["id"]
    detail = office.get(f"{API}assessment/scores/{score_id}").json()
    assert detail["url"] == f"/office/assessment/scores/{score_id}/"
    records = office.get(
        f"{API}assessment/scores/{score_id}/records", {"indicator": "EARLY", "limit": 3}
    ).json()
    assert records["count"] == 4 and len(records["results"]) == 3 and records["next"]
    assert {record["kind"] for record in records["results"]} == {"case"}
    assert all(record["flags"]["promised"] for record in records["results"])
    attendance = office.get(f"{API}assessment/scores/{score_id}/records", {"indicator": "ATTENDANCE"}).json()
    assert [record["flags"]["mark"] for record in attendance["results"]] == ["NORMAL", "LATE", "ABSENT"]
    staff = office.get(f"{API}assessment/scores", {"month": "2026-11", "kind": "staff"}).json()
    assert any(
        row["score"]["staff"] == hall["clerk"].pk and row["score"]["total"] == 60.05
        for row in staff["results"]
    )


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("assessment/scores", {"month": "2026-13"}, "month"),
        ("assessment/scores", {"month": "２０２６-11"}, "month"),
        ("assessment/scores", {"kind": "desk"}, "kind"),
        ("assessment/scores", {"site": "12345678901234567890"}, "site"),
        ("assessment/scores", {"limit": "-1"}, "limit"),
        ("attendance/sheet", {"month": "2026-1-1"}, "month"),
        ("assessment/departments", {"year": "1800"}, "year"),
        ("assessment/departments", {"month": "0"}, "month"),
        ("assessment/awards", {"month": "last"}, "month"),
        ("assessment/awards", {"status": "GOLD"}, "status"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(hall, november, path, query, field):  # noqa: F811
    response = api(hall["office"].user).get(f"{API}{path}", query)
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]


def test_bad_records_indicator_and_public_month(hall, november):  # noqa: F811
    score = Score.objects.get(month=NOVEMBER, window=hall["windows"][0])
    response = api(hall["office"].user).get(f"{API}assessment/scores/{score.pk}/records", {"indicator": "X"})
    assert response.status_code == 400 and "indicator" in response.json()["errors"]
    assert api().get(f"{API}assessment/awards/public", {"month": "2026/11"}).status_code == 400


def test_computing_a_month_through_the_api(hall, november):  # noqa: F811
    office = api(hall["office"].user)
    run = office.post(f"{API}assessment/runs", {"month": "2026-11", "site": hall["county"].pk}, format="json")
    assert (
        run.status_code == 200 and run.json()["windows"] == 4 and run.json()["through_date"] == "2026-11-30"
    )
    current = office.post(
        f"{API}assessment/runs", {"month": "2026-12", "site": hall["county"].pk}, format="json"
    )
    assert current.json()["through_date"] == "2026-12-02"
    future = office.post(
        f"{API}assessment/runs", {"month": "2027-01", "site": hall["county"].pk}, format="json"
    )
    assert future.status_code == 400 and future.json()["code"] == "future_month"
    bad = office.post(f"{API}assessment/runs", {"month": "2026-11", "site": "x"}, format="json")
    assert bad.status_code == 400
    township = api(hall["township_office"].user).post(
        f"{API}assessment/runs", {"month": "2026-11", "site": hall["county"].pk}, format="json"
    )
    assert township.status_code == 400 and "site" in township.json()["errors"]  # not a site it sees
    business = api(hall["business"].user).post(
        f"{API}assessment/runs", {"month": "2026-11", "site": hall["county"].pk}, format="json"
    )
    assert business.status_code == 403


def test_the_scheme_through_the_api(hall, seeded_calendar):
    office = api(hall["office"].user)
    url = f"{API}assessment/schemes/{hall['township'].pk}"
    scheme = office.get(url).json()
    assert scheme["weight_on_time"] == 25 and scheme["source_site"] is None
    body = {key: value for key, value in scheme.items() if key != "source_site"}
    body["weight_on_time"] = 20
    refused = office.put(url, body, format="json")
    assert refused.status_code == 400 and refused.json()["errors"]["weights"] == [
        "六项加分指标的权重之和须为100（现为 95）。"
    ]
    body["weight_satisfaction"] = 30
    saved = office.put(url, body, format="json").json()
    assert saved["weight_on_time"] == 20 and saved["source_site"] == hall["township"].pk
    assert office.put(url, {**body, "weight_early": 101}, format="json").status_code == 400
    assert api(hall["supervision"].user).put(url, body, format="json").status_code == 403
    hours = office.put(
        f"{API}attendance/hours/{hall['county'].pk}",
        {"opens_at": "08:30", "closes_at": "17:30", "grace_minutes": 5},
        format="json",
    )
    assert hours.json() == {
        "opens_at": "08:30",
        "closes_at": "17:30",
        "grace_minutes": 5,
        "source_site": hall["county"].pk,
    }
    assert (
        api(hall["office"].user).get(f"{API}attendance/hours/{hall['village'].pk}").json()["grace_minutes"]
        == 5
    )


def test_awards_through_the_api(hall, november):  # noqa: F811
    office = api(hall["office"].user)
    granted = office.post(
        f"{API}assessment/awards",
        {"month": "2026-11", "kind": "RED_FLAG_WINDOW", "window": hall["windows"][1].pk},
        format="json",
    )
    assert granted.status_code == 201 and granted.json()["rank"] == 1 and granted.json()["status"] == "DRAFT"
    twice = office.post(
        f"{API}assessment/awards",
        {"month": "2026-11", "kind": "RED_FLAG_WINDOW", "window": hall["windows"][1].pk},
        format="json",
    )
    assert twice.status_code == 409 and twice.json()["code"] == "already_awarded"
    wrong = office.post(
        f"{API}assessment/awards",
        {"month": "2026-11", "kind": "RED_FLAG_WINDOW", "staff": hall["clerk"].pk},
        format="json",
    )
    assert wrong.status_code == 400 and "window" in wrong.json()["errors"]
    assert api().get(f"{API}assessment/awards/public").json() == []
    published = office.post(
        f"{API}assessment/awards/publish", {"month": "2026-11", "site": hall["county"].pk}, format="json"
    )
    assert published.json() == {"published": 1}
    public = api().get(f"{API}assessment/awards/public", {"month": "2026-11"}).json()
    assert public == [
        {
            "month": "2026-11",
            "kind": "RED_FLAG_WINDOW",
            "kind_label": "红旗窗口",
            "site_name": "测试县政务服务中心",
            "window_label": f"{hall['windows'][1].number}号窗口 测试窗口",
            "staff_name": "",
            "employee_number": "",
            "score_total": float(Score.objects.get(month=NOVEMBER, window=hall["windows"][1]).total),
        }
    ]
    listed = office.get(f"{API}assessment/awards", {"status": "PUBLISHED"}).json()
    assert listed["count"] == 1
    award = Award.objects.get()
    assert (
        office.post(f"{API}assessment/awards/{award.pk}/revoke", {"reason": ""}, format="json").status_code
        == 400
    )
    revoked = office.post(
        f"{API}assessment/awards/{award.pk}/revoke", {"reason": "复核发现数据有误"}, format="json"
    )
    assert revoked.json()["status"] == "REVOKED"
    assert api().get(f"{API}assessment/awards/public").json() == []


def test_the_sheet_and_the_department_report_through_the_api(hall, november):  # noqa: F811
    office = api(hall["office"].user)
    sheet = office.get(f"{API}attendance/sheet", {"month": "2026-11"}).json()
    rows = {row["staff"]: row for row in sheet["rows"]}
    market_a = rows[hall["market_a"].pk]
    assert market_a["totals"] == {"due": 2, "normal": 1, "late": 0, "early": 0, "absent": 1, "leave": 0}
    assert market_a["days"][3] == {
        "date": "2026-11-04",
        "mark": "ABSENT",
        "signed_in_at": None,
        "signed_out_at": None,
    }
    report = office.get(f"{API}assessment/departments", {"year": "2026", "month": "11"}).json()
    assert report["date_from"] == "2026-11-01" and report["date_to"] == "2026-11-30"
    market = next(line for line in report["departments"] if line["department"] == hall["market"].pk)
    assert market["ratings"] == 4 and market["satisfaction"] == 75.0 and market["share"] == 10


ENDPOINTS = [
    ("get", "assessment/scores", None),
    ("get", "assessment/departments", None),
    ("get", "assessment/awards", None),
    ("get", "attendance/sheet", None),
]


@pytest.mark.parametrize(
    "role",
    ["office", "business", "supervision", "clerk", "chief", "reviewer", "fee", "agent", "township_office"],
)
def test_the_permission_matrix(hall, november, role):  # noqa: F811
    """The office and the sections read the assessment (the township office its own tree); window,
    fee and department staff do not; only the office computes and awards; everyone on the staff
    signs themselves."""
    client = api(hall[role].user)
    readers = {"office", "business", "supervision", "township_office"}
    for method, path, _body in ENDPOINTS:
        response = getattr(client, method)(f"{API}{path}")
        assert response.status_code == (200 if role in readers else 403), (role, path, response.content)
    score = Score.objects.get(month=NOVEMBER, window=hall["windows"][0])
    detail = client.get(f"{API}assessment/scores/{score.pk}")
    expected = 200 if role in readers - {"township_office"} else (404 if role == "township_office" else 403)
    assert detail.status_code == expected, (role, detail.content)
    granted = client.post(
        f"{API}assessment/awards",
        {"month": "2026-11", "kind": "RED_FLAG_WINDOW", "window": hall["windows"][0].pk},
        format="json",
    )
    if role == "office":
        assert granted.status_code == 201
    elif role == "township_office":
        assert granted.status_code == 400  # window 1 is not one it sees
    else:
        assert granted.status_code == 403, (role, granted.content)
    assert client.post(f"{API}attendance/sign-in").status_code == 201
