"""The office's pages, the desk's buttons and the portal's page, through what their users touch."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from onewindow.assessment.models import AttendanceDay, Award, Scheme, Score
from onewindow.assessment.tests.test_scores import NOVEMBER, november  # noqa: F401 - fixture
from onewindow.cases.tests.factories import at

pytestmark = pytest.mark.django_db

URL = "/office/assessment/"


@pytest.fixture(autouse=True)
def december(settings):
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 3), 10, 0)


def text(response) -> str:
    return response.content.decode()


def window_score(hall, number=0) -> Score:
    return Score.objects.get(month=NOVEMBER, window=hall["windows"][number])


def test_the_office_sees_last_months_window_ranking_and_each_components_points(client, hall, november):  # noqa: F811
    client.force_login(hall["office"].user)
    page = text(client.get(URL))
    assert "2026年11月 · 窗口排名" in page
    score = window_score(hall)
    assert f'href="/office/assessment/scores/{score.pk}/"' in page and ">43.37</a>" in page
    assert "-5.00" in page and "-3.00" in page  # the complaint and the finding
    assert "重新计算2026年11月考核" in page  # the office may recompute
    staff = text(client.get(URL, {"kind": "staff"}))
    assert "王秀英（" in staff and ">60.05</a>" in staff


def test_the_explanation_lists_the_components_and_the_records_behind_them(client, hall, november):  # noqa: F811
    client.force_login(hall["office"].user)
    score = window_score(hall)
    page = text(client.get(f"{URL}scores/{score.pk}/"))
    assert "按时办结 4 ÷ 办结 6" in page
    assert "（应出勤 3 − 缺勤 1 − 0.5 ×（迟到 1 + 早退或未签退 0））÷ 应出勤 3" in page
    assert "属实 1 × 5.00 分" in page and "警告 1 × 3.00 分" in page
    for name in ("c1", "c2", "c3", "c4", "c5", "c9"):
        case = november["cases"][name]
        assert f'href="/desk/cases/{case.number}/"' in page
    assert november["cases"]["c7"].number not in page  # received when the clerk sat at no window
    ratings = text(client.get(f"{URL}scores/{score.pk}/", {"indicator": "SATISFACTION"}))
    assert "共 4 条" in ratings and "非常不满意" in ratings
    attendance = text(client.get(f"{URL}scores/{score.pk}/", {"indicator": "ATTENDANCE"}))
    assert "缺勤" in attendance and "打开当月考勤表" in attendance
    coverage = text(client.get(f"{URL}scores/{score.pk}/", {"indicator": "AB_COVERAGE", "page": "x"}))
    assert "共 21 条" in coverage and "无人值守" in coverage
    assert client.get(f"{URL}scores/{score.pk}/", {"indicator": "COLOUR"}).status_code == 400


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"month": "2026-13"}, "月份格式应为 YYYY-MM"),
        ({"month": "11/2026"}, "月份格式应为 YYYY-MM"),
        ({"month": "1899-01"}, "月份格式应为 YYYY-MM"),
        ({"kind": "desk"}, "选择一个有效的选项"),
        ({"site": "99999999999999999999999"}, "选择一个有效的选项"),
    ],
)
def test_bad_filters_are_a_form_error_not_a_500(client, hall, november, query, message):  # noqa: F811
    client.force_login(hall["office"].user)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in text(response)


def test_who_sees_what(client, hall, november):  # noqa: F811
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(hall["clerk"].user)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}scores/{window_score(hall).pk}/").status_code == 403
    client.force_login(hall["township_office"].user)
    township = text(client.get(URL))
    assert f"/office/assessment/scores/{window_score(hall).pk}/" not in township
    assert client.get(f"{URL}scores/{window_score(hall).pk}/").status_code == 404
    client.force_login(hall["business"].user)
    business = text(client.get(URL))
    assert ">43.37</a>" in business
    assert 'id="assess-compute"' not in business and 'value="RED_FLAG_WINDOW"' not in business


def test_the_office_recomputes_a_month_and_others_may_not(client, hall, november):  # noqa: F811
    client.force_login(hall["office"].user)
    response = client.post(f"{URL}compute/", {"month": "2026-11", "site": hall["county"].pk}, follow=True)
    assert "2026-11 考核已计算" in text(response)
    assert client.post(f"{URL}compute/", {"month": "2026-1x", "site": hall["county"].pk}).status_code == 400
    future = client.post(f"{URL}compute/", {"month": "2027-03", "site": hall["county"].pk}, follow=True)
    assert "2027-03 尚未开始，不能考核。" in text(future)
    client.force_login(hall["business"].user)
    assert client.post(f"{URL}compute/", {"month": "2026-11", "site": hall["county"].pk}).status_code == 403


def test_awards_from_the_ranking_to_the_portal(client, hall, november):  # noqa: F811
    client.force_login(hall["office"].user)
    window = hall["windows"][1]
    back = f"{URL}?month=2026-11"
    client.post(
        f"{URL}awards/", {"month": "2026-11", "kind": "RED_FLAG_WINDOW", "window": window.pk, "next": back}
    )
    client.post(f"{URL}awards/", {"month": "2026-11", "kind": "MODEL_STAFF", "staff": hall["clerk"].pk})
    again = client.post(
        f"{URL}awards/", {"month": "2026-11", "kind": "RED_FLAG_WINDOW", "window": window.pk}, follow=True
    )
    assert "该对象已被评为本月的红旗窗口或服务标兵。" in text(again)
    assert "2号窗口 测试窗口" not in text(client.get("/awards/"))  # not yet published
    published = client.post(
        f"{URL}awards/publish/", {"month": "2026-11", "site": hall["county"].pk}, follow=True
    )
    assert "已在门户网站公示 2 项评定。" in text(published)
    client.logout()
    portal = text(client.get("/awards/"))
    assert "2号窗口 测试窗口" in portal and "王秀英" in portal and hall["clerk"].employee_number in portal
    assert 'href="/awards/"' in text(client.get("/"))  # the portal's navigation
    client.force_login(hall["office"].user)
    award = Award.objects.get(staff=hall["clerk"])
    client.post(f"{URL}awards/{award.pk}/revoke/", {"reason": "当月有投诉部分属实"})
    client.logout()
    assert "王秀英" not in text(client.get("/awards/"))


def test_the_attendance_sheet_and_its_excel(client, hall, november):  # noqa: F811
    client.force_login(hall["office"].user)
    page = text(client.get(f"{URL}attendance/", {"month": "2026-11"}))
    assert "测试县政务服务中心 · 2026年11月" in page and "考勤时间 09:00–17:00" in page
    assert 'class="mark-ABSENT"' in page and 'class="mark-LATE"' in page
    response = client.get(f"{URL}attendance/export.xlsx", {"month": "2026-11"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "测试县政务服务中心 2026-11 考勤表"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[1]}
    assert rows["刘建国"][2 + 3] == "缺"  # the 4th of November, at window 1
    assert client.get(f"{URL}attendance/", {"month": "2026-00"}).status_code == 400
    assert client.get(f"{URL}attendance/export.xlsx", {"month": "x"}).status_code == 400


def test_the_department_report_and_its_excel(client, hall, november):  # noqa: F811
    client.force_login(hall["office"].user)
    page = text(client.get(f"{URL}departments/", {"year": "2026", "month": "11"}))
    assert "市场监督管理局" in page and "2026年11月" in page and "满分 10" in page
    response = client.get(f"{URL}departments/export.xlsx", {"year": "2026"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "进驻部门窗口考核报表（2026年度）"
    names = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "市场监督管理局" in names
    assert client.get(f"{URL}departments/", {"year": "20x6"}).status_code == 400
    assert client.get(f"{URL}departments/export.xlsx", {"month": "13"}).status_code == 400


def test_the_scheme_page_checks_the_weights_beside_the_fields(client, hall, seeded_calendar):
    client.force_login(hall["office"].user)
    page = text(client.get(f"{URL}scheme/"))
    assert "默认方案" in page and "默认 09:00–17:00" in page
    values = {
        "action": "scheme",
        "weight_on_time": 30,
        "weight_early": 10,
        "weight_satisfaction": 25,
        "weight_attendance": 15,
        "weight_ab_coverage": 10,
        "weight_on_site": 15,
        "complaint_upheld_points": 5,
        "complaint_partly_points": 2,
        "finding_reminder_points": 1,
        "finding_warning_points": 3,
        "finding_criticism_points": 5,
        "finding_referral_points": 10,
        "department_share": 10,
    }
    response = client.post(f"{URL}scheme/?site={hall['county'].pk}", values)
    assert response.status_code == 400 and "六项加分指标的权重之和须为100（现为 105）。" in text(response)
    values["weight_on_time"] = 25
    response = client.post(f"{URL}scheme/?site={hall['county'].pk}", values)
    assert response.status_code == 302 and Scheme.objects.filter(site=hall["county"]).exists()
    hours = client.post(
        f"{URL}scheme/?site={hall['county'].pk}",
        {"action": "hours", "opens_at": "08:30", "closes_at": "08:00", "grace_minutes": 5},
    )
    assert hours.status_code == 400 and "下班时间须晚于上班时间。" in text(hours)
    assert client.get(f"{URL}scheme/", {"site": "abc"}).status_code == 400
    client.force_login(hall["supervision"].user)
    assert "只有本中心或上级中心的中心办公室可以修改。" in text(client.get(f"{URL}scheme/"))
    assert client.post(f"{URL}scheme/", values).status_code == 403


def test_the_clerk_signs_in_and_out_at_the_desk(client, hall, settings, seeded_calendar):
    client.force_login(hall["clerk"].user)
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 3), 8, 47)
    desk = text(client.get("/desk/"))
    assert 'id="sign-in"' in desk and "未签到" in desk
    done = text(client.post("/desk/attendance/sign-in/", follow=True))
    assert "签到成功：08:47。" in done and 'id="sign-out"' in done
    again = text(client.post("/desk/attendance/sign-in/", follow=True))
    assert "您今天已于 08:47 签到，无需重复签到。" in again
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 3), 16, 40)
    out = text(client.post("/desk/attendance/sign-out/", follow=True))
    assert "签退成功：16:40。下班时间为 17:00，记为早退。" in out and 'id="sign-out"' not in out
    assert AttendanceDay.objects.get(staff=hall["clerk"]).signed_out_at == at(date(2026, 12, 3), 16, 40)
    assert client.get("/desk/attendance/sign-in/").status_code == 405


def test_an_applicant_has_no_attendance(client, hall, seeded_calendar):
    from django.contrib.auth import get_user_model

    citizen = get_user_model().objects.create_user(username="citizen-a", password="x" * 12)
    client.force_login(citizen)
    assert client.post("/desk/attendance/sign-in/").status_code == 403
