"""The center office's queue pages as the office uses them: the live floor (figures, windows, long
waits in red, refreshed by htmx) with a ticket issued for someone and its slip; the KPIs of a
small scripted day, exact to the second, with their Excel export; and the service categories with
their per-slot capacity. Wrong people get the login page, a 403 or a 404; bad filters a 400."""

import io
import re
from datetime import time
from html import unescape
from urllib.parse import quote

import pytest
from django.test import Client
from openpyxl import load_workbook

from onewindow.common.spreadsheet import cell_text
from onewindow.org.models import Window
from onewindow.queueing import export, services
from onewindow.queueing.models import Category, PriorityGroup, SlotCapacity, Ticket
from onewindow.queueing.tests.factories import TUESDAY, at, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock_at(settings):
    def stop(hour: int, minute: int = 0):
        settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, hour, minute)

    stop(9, 0)
    return stop


def client_for(staff=None, *, user=None) -> Client:
    client = Client()
    if staff is not None or user is not None:
        client.force_login(user or staff.user)
    return client


def text(response) -> str:
    return unescape(response.content.decode())


def issue(queue, prefix: str, minute: int, **fields) -> Ticket:
    return services.ticket_issue(category=queue[prefix], at=at(TUESDAY, 9, minute), **fields)


def scripted_day(queue) -> None:
    """At window 1 (王秀英): A001 issued 9:00, called 9:10, finished 9:25 (wait 10:00, service
    15:00); A002 issued 9:05, called 9:25, skipped 9:27 (wait 20:00, not served)."""
    hall = queue["hall"]
    window, clerk = hall["windows"][0], hall["clerk"].user
    issue(queue, "A", 0)
    issue(queue, "A", 5)
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10))
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 25))
    services.call_skip(user=clerk, window=window, at=at(TUESDAY, 9, 27))


# Who may ------------------------------------------------------------------------------------------------

PAGES = ["/office/queue/", "/office/queue/live/", "/office/queue/kpis/", "/office/queue/kpis/export.xlsx"]
CATEGORY_PAGES = ["/office/queue/categories/", "/office/queue/categories/new/"]


def test_anonymous_users_go_to_the_login_page(queue):
    for url in [*PAGES, *CATEGORY_PAGES]:
        response = client_for().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="), url
    assert client_for().post("/office/queue/issue/", {"category": queue["A"].pk}).status_code == 302
    assert not Ticket.objects.exists()


def test_the_permission_matrix(queue, django_user_model, clock_at):
    hall = queue["hall"]
    citizen = django_user_model.objects.create_user("citizen", password="x")
    expected = {
        "office": (200, 200),
        "business": (200, 403),
        "supervision": (200, 403),
        "clerk": (403, 403),
        "chief": (403, 403),
        "reviewer": (403, 403),
        "township_office": (200, 200),
    }
    for who, (console, categories) in expected.items():
        client = client_for(hall[who])
        for url in PAGES:
            assert client.get(url).status_code == console, (who, url)
        for url in CATEGORY_PAGES:
            assert client.get(url).status_code == categories, (who, url)
    for url in [*PAGES, *CATEGORY_PAGES]:
        assert client_for(user=citizen).get(url).status_code == 403, url
    # A township's office sees its own site only; the county's office sees the township too.
    county, township = hall["county"], hall["township"]
    township_office = client_for(hall["township_office"])
    for url in ("/office/queue/", "/office/queue/live/", "/office/queue/categories/"):
        assert township_office.get(url, {"site": county.pk}).status_code == 404, url
        assert client_for(hall["office"]).get(url, {"site": township.pk}).status_code == 200, url
    for bad in ("abc", "0", "-1", "9" * 30):
        assert client_for(hall["office"]).get("/office/queue/", {"site": bad}).status_code == 404, bad
    assert township_office.get(f"/office/queue/categories/{queue['A'].pk}/").status_code == 404
    assert client_for(hall["office"]).get("/office/queue/categories/999999/").status_code == 404


# The floor ---------------------------------------------------------------------------------------------


def test_the_floor_shows_todays_figures_windows_and_long_waits(queue, clock_at):
    hall = queue["hall"]
    first, second, third = hall["windows"]
    issue(queue, "A", 0, name="张晓梅")
    issue(queue, "A", 1, name="李海涛")
    issue(queue, "B", 2)
    services.call_next(user=hall["clerk"].user, window=first, at=at(TUESDAY, 9, 10))  # A001
    services.window_pause(user=hall["market_a"].user, window=second, at=at(TUESDAY, 9, 11), reason="业务培训")
    clock_at(9, 31)  # A002 has waited 30 minutes (the alert's limit), B001 29
    page = client_for(hall["office"]).get("/office/queue/")
    assert page.status_code == 200
    figures = page.context["figures"]
    assert (figures.issued, figures.waiting, figures.serving, figures.finished, figures.no_show) == (
        3,
        2,
        1,
        0,
        0,
    )
    rows = {row["window"].number: row for row in page.context["window_rows"]}
    assert (rows["1"]["staff"].name, rows["1"]["call"].ticket.code, rows["1"]["waiting"]) == (
        "王秀英",
        "A001",
        2,
    )
    assert (rows["2"]["is_paused"], rows["2"]["pause_reason"], rows["2"]["waiting"]) == (True, "业务培训", 1)
    assert (rows["3"]["staff"].name, rows["3"]["call"], rows["3"]["waiting"]) == ("梁磊", None, 1)
    html = text(page)
    assert re.findall(r'<tr class="is-late"><td><strong>(\w+)</strong>', html) == ["A002"]
    assert "<td>李*涛</td>" in html and "30 分钟" in html
    assert '<div class="floor-window is-paused">' in html and "业务培训" in html
    assert f'hx-get="/office/queue/live/?site={hall["county"].pk}" hx-trigger="every 15s"' in html
    assert "queueing/desk.css" in html

    live = client_for(hall["office"]).get("/office/queue/live/", HTTP_HX_REQUEST="true")
    assert live.status_code == 200 and text(live).startswith('<div id="floor-live"')
    assert "代取号" not in text(live)


def test_the_office_issues_a_green_channel_ticket_and_prints_its_slip(queue, clock_at):
    hall = queue["hall"]
    issue(queue, "A", 0)
    clock_at(9, 5)
    office = client_for(hall["office"])
    page = text(office.get("/office/queue/"))
    assert '<option value="GREEN_CHANNEL">重大项目绿色通道</option>' in page
    response = office.post(
        "/office/queue/issue/",
        {
            "site": hall["county"].pk,
            "category": queue["A"].pk,
            "priority_group": PriorityGroup.GREEN_CHANNEL,
            "name": "海味餐饮有限公司",
            "id_number": "",
            "phone": "13912345678",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/office/queue/?site={hall['county'].pk}"
    ticket = Ticket.objects.get(code="A002")
    assert (ticket.priority_group, ticket.source, ticket.issued_by_id, ticket.phone) == (
        "GREEN_CHANNEL",
        "STAFF",
        hall["office"].user.pk,
        "13912345678",
    )
    shown = text(office.get(response["Location"]))
    assert "已取号 A002（市场准入），前面还有 0 人。" in shown  # the green channel goes first
    assert '<span class="floor-serving">A002</span>' in shown
    assert f'href="/queue/ticket/{ticket.token}/slip/"' in shown and "打印取号单" in shown
    assert "刚取的号" not in text(office.get(response["Location"]))  # shown once


def test_issuing_refuses_bad_input_in_place(queue, clock_at):
    hall = queue["hall"]
    office = client_for(hall["office"])
    base = {
        "site": hall["county"].pk,
        "category": queue["A"].pk,
        "priority_group": "",
        "name": "",
        "phone": "",
    }
    valid = id_number("19900101", "123")
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")  # a wrong check character
    bad_id = office.post("/office/queue/issue/", {**base, "id_number": wrong})
    assert bad_id.status_code == 400
    assert bad_id.context["issue_form"].errors["id_number"]
    bad_group = office.post("/office/queue/issue/", {**base, "priority_group": "VIP"})
    assert bad_group.status_code == 400 and "priority_group" in bad_group.context["issue_form"].errors
    foreign = Category.objects.create(site=hall["township"], prefix="A", name="乡镇综合")
    wrong_site = office.post("/office/queue/issue/", {**base, "category": foreign.pk})
    assert wrong_site.status_code == 400 and "category" in wrong_site.context["issue_form"].errors
    nul = office.post("/office/queue/issue/", {**base, "name": "张\x00三"})
    assert nul.status_code == 400
    clock_at(12, 30)  # lunch: the hall is closed
    closed = office.post("/office/queue/issue/", base)
    assert closed.status_code == 409
    assert "现在不在办公时间（09:00-12:00、13:30-17:30），暂停取号。" in text(closed)
    assert not Ticket.objects.exists()
    # The business section watches the floor but does not issue tickets.
    business = client_for(hall["business"])
    assert "代取号" not in text(business.get("/office/queue/"))
    assert business.post("/office/queue/issue/", base).status_code == 403


def test_an_elderly_person_issued_by_id_number_goes_to_the_priority_lane(queue, clock_at):
    hall = queue["hall"]
    office = client_for(hall["office"])
    response = office.post(
        "/office/queue/issue/",
        {"site": hall["county"].pk, "category": queue["B"].pk, "id_number": id_number("19500301", "456")},
    )
    assert response.status_code == 302
    assert Ticket.objects.get().priority_group == PriorityGroup.ELDERLY


# KPIs -----------------------------------------------------------------------------------------------------


def test_the_kpis_of_a_scripted_day_are_exact(queue, clock_at):
    scripted_day(queue)
    clock_at(17, 0)
    office = client_for(queue["hall"]["office"])
    page = office.get("/office/queue/kpis/")  # today, by category
    assert page.status_code == 200
    (row,) = page.context["rows"]
    assert {key: row[key] for key in ("key", "calls", "served", "skipped")} == {
        "key": "A 市场准入",
        "calls": 2,
        "served": 1,
        "skipped": 1,
    }
    assert (row["wait_average"], row["wait_longest"], row["service_average"], row["service_longest"]) == (
        900,
        1200,
        900,
        900,
    )
    html = text(page)
    assert re.search(
        r"<td>A 市场准入</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td>\s*"
        r'<td class="kpi-time">15:00</td><td class="kpi-time">20:00</td>\s*'
        r'<td class="kpi-time">15:00</td><td class="kpi-time">15:00</td>',
        html,
    )
    assert '<span class="kpi-w100"></span>' in html
    assert 'href="/office/queue/kpis/export.xlsx?from=2026-11-17&to=2026-11-17&by=category"' in html

    by_hour = office.get("/office/queue/kpis/", {"from": "2026-11-17", "to": "2026-11-17", "by": "hour"})
    assert [(row["key"], row["calls"], row["wait_longest"]) for row in by_hour.context["rows"]] == [
        ("09:00", 2, 1200)
    ]
    by_window = office.get("/office/queue/kpis/", {"by": "window"})
    assert [(row["key"], row["served"]) for row in by_window.context["rows"]] == [("1 测试窗口", 1)]
    by_day = office.get("/office/queue/kpis/", {"from": "2026-11-01", "to": "2026-11-30", "by": "day"})
    assert [(row["key"], row["calls"]) for row in by_day.context["rows"]] == [("2026-11-17", 2)]
    other_day = office.get("/office/queue/kpis/", {"from": "2026-11-16", "to": "2026-11-16"})
    assert other_day.context["rows"] == [] and "所选期间没有叫号记录。" in text(other_day)
    # The township's office sees none of the county's calls.
    township = client_for(queue["hall"]["township_office"]).get("/office/queue/kpis/")
    assert township.context["rows"] == []


def test_the_kpis_by_staff_name_the_clerk(queue, clock_at):
    scripted_day(queue)
    clock_at(17, 0)
    page = client_for(queue["hall"]["office"]).get("/office/queue/kpis/", {"by": "staff"})
    assert page.status_code == 200
    clerk = queue["hall"]["clerk"]
    assert [(row["key"], row["calls"]) for row in page.context["rows"]] == [
        (f"{clerk.employee_number} 王秀英", 2)
    ]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"from": "2026-02-30"}, "from", "输入一个有效的日期。"),
        ({"from": "17/11/2026"}, "from", "输入一个有效的日期。"),
        ({"from": "2026-11-17", "to": "2026-11-16"}, "to", "截止日期不能早于起始日期。"),
        (
            {"from": "2025-11-17", "to": "2026-11-18"},
            "to",
            "一次最多统计 366 天（2025-11-17 起至多到 2026-11-17）。",
        ),
        ({"from": "0001-01-01"}, "from", "日期须在 1991-01-01 至 2199-12-31 之间。"),
        ({"by": "department"}, "by", "选择一个有效的选项。"),
        ({"site": "abc"}, "site", "选择一个有效的选项"),
        ({"site": "9" * 25}, "site", "选择一个有效的选项"),
    ],
)
def test_bad_kpi_filters_are_form_errors(queue, clock_at, query, field, message):
    office = client_for(queue["hall"]["office"])
    page = office.get("/office/queue/kpis/", query)
    assert page.status_code == 400
    assert any(message in error for error in page.context["form"].errors[field])
    assert message in text(page)
    export_response = office.get("/office/queue/kpis/export.xlsx", query)
    assert export_response.status_code == 400 and message in text(export_response)


def test_a_range_of_366_days_is_allowed_and_a_nul_byte_is_refused(queue, clock_at):
    office = client_for(queue["hall"]["office"])
    assert office.get("/office/queue/kpis/", {"from": "2025-11-18", "to": "2026-11-18"}).status_code == 200
    assert office.get("/office/queue/kpis/", {"from": "2026-11-17\x00"}).status_code == 400


def test_the_export_has_the_table_and_a_chinese_file_name(queue, clock_at):
    scripted_day(queue)
    clock_at(17, 0)
    response = client_for(queue["hall"]["office"]).get(
        "/office/queue/kpis/export.xlsx", {"from": "2026-11-17", "to": "2026-11-17", "by": "category"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == export.XLSX
    assert (
        response["Content-Disposition"]
        == f"attachment; filename*=UTF-8''{quote('排队叫号统计-2026-11-17.xlsx')}"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "排队叫号统计（全部服务中心，2026-11-17，按业务类别）"
    assert rows[1] == export.kpi_headers("业务类别")
    assert rows[2] == ["A 市场准入", 2, 1, 1, "15:00", "20:00", "15:00", "15:00", 900, 1200, 900, 900]
    assert len(rows) == 3


def test_the_export_keeps_formulas_as_text(queue, clock_at):
    hall = queue["hall"]
    Window.objects.filter(pk=hall["windows"][0].pk).update(number="=1", name='HYPERLINK("http://x")')
    scripted_day(queue)
    clock_at(17, 0)
    response = client_for(hall["office"]).get("/office/queue/kpis/export.xlsx", {"by": "window"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A3"].value == '\'=1 HYPERLINK("http://x")' and sheet["A3"].data_type == "s"
    assert [cell_text(value) for value in ("+1", "-1", "@SUM(A1)", "\tx", "A=1", 5)] == [
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "A=1",
        5,
    ]
    assert [export.minutes_seconds(seconds) for seconds in (0, 59, 600, 3725, None)] == [
        "0:00",
        "0:59",
        "10:00",
        "62:05",
        "0:00",
    ]


# Categories -----------------------------------------------------------------------------------------------


def category_post(queue, **fields) -> dict:
    hall = queue["hall"]
    data = {
        "prefix": "C",
        "name": "社保医保",
        "description": "参保登记、医保报销",
        "windows": [hall["windows"][2].pk],
        "departments": [hall["housing"].pk],
        "slot_capacity": "3",
        "sort_order": "3",
        "is_active": "on",
        "slot_0900": "1",
        "slot_0930": "3",  # equal to the default: not kept as an override
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_the_office_lists_and_creates_categories(queue, clock_at):
    hall = queue["hall"]
    office = client_for(hall["office"])
    listing = text(office.get("/office/queue/categories/"))
    assert re.search(r'<span class="category-prefix">A</span></td>\s*<td><strong>市场准入</strong>', listing)
    assert '<span class="badge badge-blue">1号</span><span class="badge badge-blue">2号</span>' in listing

    form = text(office.get(f"/office/queue/categories/new/?site={hall['county'].pk}"))
    assert 'name="slot_0900"' in form and 'name="slot_1330"' in form and 'name="slot_1200"' not in form
    response = office.post(
        f"/office/queue/categories/new/?site={hall['county'].pk}", category_post(queue, prefix="c")
    )
    assert (
        response.status_code == 302
        and response["Location"] == f"/office/queue/categories/?site={hall['county'].pk}"
    )
    category = Category.objects.get(prefix="C")
    assert (
        category.site_id,
        category.name,
        category.slot_capacity,
        category.sort_order,
        category.is_active,
    ) == (
        hall["county"].pk,
        "社保医保",
        3,
        3,
        True,
    )
    assert list(category.windows.values_list("number", flat=True)) == ["3"]
    assert list(SlotCapacity.objects.filter(category=category).values_list("slot_start", "capacity")) == [
        (time(9, 0), 1)
    ]
    assert "09:00 × 1" in text(office.get("/office/queue/categories/"))


def test_category_rules_are_form_errors(queue, clock_at):
    hall = queue["hall"]
    office = client_for(hall["office"])
    url = f"/office/queue/categories/new/?site={hall['county'].pk}"
    taken = office.post(url, category_post(queue, prefix="A"))
    assert taken.status_code == 400
    assert taken.context["form"].errors["prefix"] == ["字头“A”在测试县政务服务中心已被“市场准入”使用。"]
    digits = office.post(url, category_post(queue, prefix="A1"))
    assert digits.status_code == 400
    assert digits.context["form"].errors["prefix"] == ["号码字头应为一至两个大写字母（A–Z），如 A、GC。"]
    foreign = office.post(url, category_post(queue, windows=[hall["township_window"].pk]))
    assert foreign.status_code == 400 and "windows" in foreign.context["form"].errors
    too_many = office.post(url, category_post(queue, slot_0900="5000", slot_capacity="-1"))
    assert too_many.status_code == 400
    assert set(too_many.context["form"].errors) == {"slot_0900", "slot_capacity"}
    huge = office.post(url, category_post(queue, windows=["9" * 30]))
    assert huge.status_code == 400
    assert Category.objects.count() == 2


def test_editing_a_category_in_use(queue, clock_at):
    hall = queue["hall"]
    office = client_for(hall["office"])
    market = queue["A"]
    url = f"/office/queue/categories/{market.pk}/"
    page = text(office.get(url))
    assert 'name="prefix" value="A"' in page
    renamed = office.post(
        url, category_post(queue, prefix="A", name="企业开办", windows=[hall["windows"][1].pk])
    )
    assert renamed.status_code == 302
    market.refresh_from_db()
    assert (market.name, list(market.windows.values_list("number", flat=True))) == ("企业开办", ["2"])

    issue(queue, "A", 0)
    new_prefix = office.post(url, category_post(queue, prefix="M"))
    assert new_prefix.status_code == 400
    assert new_prefix.context["form"].errors["prefix"] == [
        "“企业开办”今天已经发号，不能修改字头（明天起可改）。"
    ]
    switched_off = office.post(url, category_post(queue, prefix="A", is_active=None))
    assert switched_off.status_code == 400
    assert switched_off.context["form"].errors["is_active"] == [
        "“企业开办”还有 1 个号在等候或办理，请办结或转移后再停用。"
    ]
    market.refresh_from_db()
    assert (market.prefix, market.is_active) == ("A", True)
