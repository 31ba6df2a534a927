"""The pages each audience uses: who may open them, what they show, and bad input on forms."""

import pytest
from django.test import Client

from onewindow.org.models import Department, DutyAssignment
from onewindow.org.tests.factories import credit_code
from onewindow.workcalendar.models import CalendarDay

pytestmark = pytest.mark.django_db

CONSOLE_PAGES = [
    "/office/",
    "/office/org/sites/",
    "/office/org/departments/",
    "/office/org/windows/",
    "/office/org/staff/",
    "/office/org/delegations/",
    "/office/org/duty/?date=2026-11-23",
    "/office/calendar/",
    "/office/calendar/2026/",
]
MANAGER_PAGES = [
    "/office/org/departments/new/",
    "/office/org/windows/new/",
    "/office/org/staff/new/",
    "/office/org/delegations/new/",
]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_portal_home_is_public_and_lists_the_windows_in_order(seeded_calendar, hall):
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "测试县政务服务中心" in html and "测试镇便民服务中心" in html
    assert html.index(">1</div>") < html.index(">2</div>") < html.index(">3</div>")


@pytest.mark.parametrize("url", CONSOLE_PAGES + MANAGER_PAGES)
def test_the_office_opens_every_console_page(seeded_calendar, hall, url):
    assert logged_in(hall["office"].user).get(url).status_code == 200


@pytest.mark.parametrize("url", CONSOLE_PAGES)
def test_supervision_reads_the_console_but_cannot_edit(seeded_calendar, hall, url):
    client = logged_in(hall["supervision"].user)
    assert client.get(url).status_code == 200
    assert client.get("/office/org/departments/new/").status_code == 403


@pytest.mark.parametrize("who", ["clerk", "reviewer", "fee", "township_clerk"])
def test_window_staff_get_the_desk_not_the_console(seeded_calendar, hall, who):
    client = logged_in(hall[who].user)
    assert client.get("/desk/").status_code == 200
    assert client.get("/office/").status_code == 403
    assert client.get("/office/org/staff/").status_code == 403


def test_anonymous_users_are_sent_to_login_and_applicants_are_refused(
    seeded_calendar, hall, django_user_model
):
    response = Client().get("/office/org/duty/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/accounts/login/?next=/office/org/duty/"
    )
    applicant = django_user_model.objects.create_user(username="citizen", password="x")
    assert logged_in(applicant).get("/desk/").status_code == 403


def test_login_lands_each_role_where_its_work_starts(seeded_calendar, hall):
    assert logged_in(hall["office"].user).get("/accounts/home/")["Location"] == "/office/"
    assert logged_in(hall["clerk"].user).get("/accounts/home/")["Location"] == "/desk/cases/"


def test_an_invalid_department_shows_the_error_beside_the_field_and_saves_nothing(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    response = client.post(
        "/office/org/departments/new/",
        {
            "site": hall["county"].pk,
            "name": "市气象局",
            "credit_code": credit_code(5)[:-1] + "Z",
            "sort_order": 1,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field has-error' in html and "不允许的字符" in html
    assert not Department.objects.filter(name="市气象局").exists()
    response = client.post(
        "/office/org/departments/new/",
        {"site": hall["county"].pk, "name": "市气象局", "credit_code": credit_code(5), "sort_order": 1},
    )
    assert response.status_code == 302
    assert Department.objects.filter(name="市气象局").exists()


def test_a_department_head_is_reached_by_a_valid_mobile_number(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    path = f"/office/org/departments/{hall['market'].pk}/"
    form = {
        "site": hall["county"].pk,
        "name": hall["market"].name,
        "credit_code": hall["market"].credit_code,
        "sort_order": 1,
        "head_name": "李副局长",
    }
    response = client.post(path, {**form, "head_phone": "0411-1234"})
    assert response.status_code == 200 and "请填写11位手机号码" in response.content.decode()
    assert client.post(path, {**form, "head_phone": "13900002222"}).status_code == 302
    hall["market"].refresh_from_db()
    assert (hall["market"].head_name, hall["market"].head_phone) == ("李副局长", "13900002222")
    assert 'value="13900002222"' in client.get(path).content.decode()


def test_the_office_generates_and_adjusts_the_roster_on_the_page(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    response = client.post(
        "/office/org/duty/generate/", {"site": hall["county"].pk, "date": "2026-11-23"}, follow=True
    )
    assert "已按AB岗排班 3 个窗口" in response.content.decode()
    window = hall["windows"][2]
    client.post(f"/office/org/duty/windows/{window.pk}/", {"date": "2026-11-23", "staff": ""})
    page = client.get(f"/office/org/duty/?site={hall['county'].pk}&date=2026-11-23").content.decode()
    assert 'id="gap-count"><div class="label">无人值守（空岗）</div><div class="value">1</div>' in page
    response = client.post(
        f"/office/org/duty/windows/{window.pk}/",
        {"date": "2026-11-23", "staff": hall["clerk"].pk},
        follow=True,
    )
    assert "当天已在1号窗口" in response.content.decode()
    assert not DutyAssignment.objects.filter(window=window).exists()


def test_a_closed_day_says_so_and_a_bad_date_is_explained(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    assert "这一天不是工作日" in client.get("/office/org/duty/?date=2026-10-01").content.decode()
    response = client.get("/office/org/duty/?date=2026-02-30")
    assert "「2026-02-30」不是有效日期" in response.content.decode()


def test_pages_say_plainly_when_a_year_has_no_holiday_data(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    assert "2027 年节假日安排尚未录入" in client.get("/office/calendar/2027/").content.decode()
    assert "2027 年节假日安排尚未录入" in client.get("/office/org/duty/?date=2027-03-01").content.decode()
    assert "年节假日安排尚未录入" not in client.get("/office/org/duty/?date=2026-11-23").content.decode()


def test_the_office_enters_next_years_holidays_on_the_page(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    client.post("/office/calendar/", {"year": 2027})
    response = client.post(
        "/office/calendar/2027/",
        {
            "arrangement": "1",
            "name": "春节",
            "first_date": "2027-02-05",
            "last_date": "2027-02-13",
            "makeup_dates": "2027-01-31，2027-02-30",
        },
    )
    assert "「2027-02-30」不是有效日期" in response.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    client.post(
        "/office/calendar/2027/",
        {
            "arrangement": "1",
            "name": "春节",
            "first_date": "2027-02-05",
            "last_date": "2027-02-13",
            "makeup_dates": "2027-01-31 2027-02-20",
        },
    )
    assert CalendarDay.objects.filter(date__year=2027).count() == 11
    response = client.post(
        "/office/calendar/2027/publish/", {"notice_reference": "国办发明电〔2026〕7号"}, follow=True
    )
    assert "2027 年工作日历已发布生效" in response.content.decode()
    assert (
        logged_in(hall["clerk"].user)
        .get("/desk/due-date/", {"start": "2027-02-04", "days": "1"})
        .content.decode()
        .count("2027-02-15")
        == 1
    )


def test_the_due_date_reckoner_explains_bad_input(seeded_calendar, hall):
    client = logged_in(hall["clerk"].user)
    assert (
        "2026-02-24" in client.get("/desk/due-date/", {"start": "2026-02-13", "days": "2"}).content.decode()
    )
    assert "不是整数" in client.get("/desk/due-date/", {"start": "2026-02-13", "days": "x"}).content.decode()
    assert (
        "须在 0 至 400 之间"
        in client.get("/desk/due-date/", {"start": "2026-02-13", "days": "999"}).content.decode()
    )


def test_english_is_one_click_away(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/office/"})
    html = client.get("/office/org/duty/?date=2026-11-23").content.decode()
    assert "Duty roster" in html
    assert "值班表" not in html
