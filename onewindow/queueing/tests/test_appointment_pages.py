"""预约取号 on the portal, through the pages: the steps, the slot grid, the booking and its
refusals as form errors, the confirmation, cancelling, "my appointments", limits, bad input."""

import re
from datetime import date

import pytest

from onewindow.org.tests.factories import PASSWORD
from onewindow.queueing.models import Appointment, Category, SlotCapacity
from onewindow.queueing.tests.factories import TUESDAY, WEDNESDAY, at, book, id_number
from onewindow.queueing.views import appointments as views

NOW = at(TUESDAY, 10, 0)
THURSDAY = date(2026, 11, 19)
PERSON = id_number("19850612", "321")
URL = "/queue/appointments/"


@pytest.fixture(autouse=True)
def frozen(settings, monkeypatch):
    settings.ONEWINDOW_FROZEN_NOW = NOW
    monkeypatch.setattr("django_ratelimit.core.time.time", lambda: 1_800_000_000.0)


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user(
        "citizen", password=PASSWORD, full_name="王小明", phone="13900139000", id_card_number=PERSON
    )


def text_of(response) -> str:
    return response.content.decode()


def steps(queue, day=TUESDAY, prefix="A") -> str:
    return f"?site={queue['hall']['county'].pk}&category={queue[prefix].pk}&day={day.isoformat()}"


def post(client, queue, *, day=WEDNESDAY, slot="10:30", prefix="A", **fields):
    data = {
        "site": queue["hall"]["county"].pk,
        "category": queue[prefix].pk,
        "day": day if isinstance(day, str) else day.isoformat(),
        "slot": slot,
        "name": "张晓梅",
        "id_number": PERSON,
        "phone": "13800138000",
        **fields,
    }
    return client.post(URL, data)


# The steps ---------------------------------------------------------------------------------------


def test_the_only_site_taking_appointments_is_chosen_and_its_categories_shown(client, queue):
    Category.objects.create(site=queue["hall"]["county"], prefix="C", name="不约业务", slot_capacity=0)
    response = client.get(URL)
    page = text_of(response)
    assert response.status_code == 200
    assert re.findall(r'class="queue-choice active" href="\?site=(\d+)#step-category"', page) == [
        str(queue["hall"]["county"].pk)
    ]
    assert "测试镇便民服务中心" not in page  # no categories there
    assert "A · 市场准入" in page and "B · 不动产登记" in page and "不约业务" not in page
    assert 'id="step-day"' not in page and 'id="step-slot"' not in page


def test_several_sites_are_offered_and_a_slot_capacity_alone_opens_a_category(client, queue):
    township = queue["hall"]["township"]
    own = Category.objects.create(site=township, prefix="T", name="镇综合", slot_capacity=0)
    SlotCapacity.objects.create(category=own, slot_start="09:00", capacity=1)
    page = text_of(client.get(URL))
    assert "测试县政务服务中心" in page and "测试镇便民服务中心" in page
    assert 'id="step-category"' not in page
    page = text_of(client.get(f"{URL}?site={township.pk}"))
    assert "T · 镇综合" in page and "市场准入" not in page


def test_the_days_are_the_bookable_working_days(client, queue, settings):
    settings.ONEWINDOW_FROZEN_NOW = at(THURSDAY, 10, 0)
    page = text_of(client.get(f"{URL}?site={queue['hall']['county'].pk}&category={queue['A'].pk}"))
    days = re.findall(r"day=(\d{4}-\d\d-\d\d)", page)
    assert days == ["2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"]
    assert "今天 周四" in page and "明天 周五" in page


def test_the_slot_grid_shows_room_left_and_disables_full_and_past_slots(client, queue):
    book(queue, slot=(11, 0), person="19700101", serial="111")
    book(queue, slot=(11, 0), person="19700101", serial="222")
    book(queue, slot=(14, 0), person="19700101", serial="333")
    page = text_of(client.get(URL + steps(queue)))
    slots = dict(
        re.findall(r'value="(\d\d:\d\d)"[^>]*>\s*<strong>[^<]+</strong>\s*<small>([^<]+)</small>', page)
    )
    assert slots["09:00"] == slots["09:30"] == slots["10:00"] == "已过"  # 10:00 begins now
    assert slots["10:30"] == "剩余 2" and slots["11:00"] == "已约满" and slots["14:00"] == "剩余 1"
    assert re.search(r'value="11:00" disabled', page) and re.search(r'value="10:00" disabled', page)
    assert not re.search(r'value="10:30" disabled', page)
    assert "请在预约时段开始前 30 分钟至开始后 15 分钟内" in page


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?site=abc", 400, "没有这个可预约的服务中心"),
        ("?site=99999999999999999999999", 400, "没有这个可预约的服务中心"),
        ("?site=999999999", 404, "没有这个可预约的服务中心"),
        ("?site={site}&category=x", 400, "本中心没有这个可预约的业务"),
        ("?site={site}&category=999999", 404, "本中心没有这个可预约的业务"),
        ("?site={site}&category={category}&day=tomorrow", 400, "不是有效日期"),
        ("?site={site}&category={category}&day=9999-01-01", 400, "预约日期须在"),
        ("?site={site}&category={category}&day=2026-11-21", 400, "该日期不可预约"),
        ("?site={site}&category={category}&day=2026-11-16", 400, "该日期不可预约"),
    ],
)
def test_a_bad_choice_in_the_address_is_a_clear_error(client, queue, query, status, message):
    address = URL + query.format(site=queue["hall"]["county"].pk, category=queue["A"].pk)
    response = client.get(address)
    assert response.status_code == status
    assert message in text_of(response)
    assert 'id="step-slot"' not in text_of(response)


def test_a_category_of_another_site_is_not_offered(client, queue):
    township = queue["hall"]["township"]
    Category.objects.create(site=township, prefix="T", name="镇综合")
    response = client.get(f"{URL}?site={township.pk}&category={queue['A'].pk}")
    assert response.status_code == 404


# Booking ---------------------------------------------------------------------------------------------


def test_booking_leads_to_the_confirmation_with_the_code_and_the_rules(client, queue):
    response = post(client, queue, day=TUESDAY, slot="10:30")
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/queue/appointments/{appointment.token}/"
    assert (appointment.channel, appointment.user, appointment.status) == ("PORTAL", None, "BOOKED")
    assert (appointment.service_date, appointment.slot_start.isoformat()) == (TUESDAY, "10:30:00")
    page = text_of(client.get(response["Location"]))
    assert f'<p class="code" id="appointment-code">{appointment.code}</p>' in page
    assert "预约成功！请记下预约码，按时到大厅取号机签到。" in page
    assert "2026年11月17日 周二" in page and "10:30–11:00" in page
    assert "签到时间：11月17日 10:00 至 10:45" in page
    assert "请在预约时段开始前 30 分钟至开始后 15 分钟内签到。" in page
    assert "30 天内爽约 3 次，30 天内不能网上预约" in page
    # the page is public by its token: the person's details masked
    assert "张*梅" in page and "138****8000" in page and PERSON not in page and "330102********" in page
    assert 'id="cancel-form"' in page


def test_a_logged_in_citizen_books_with_their_details_and_sees_their_appointments(client, queue, citizen):
    client.force_login(citizen)
    page = text_of(client.get(URL + steps(queue, day=WEDNESDAY)))
    assert 'value="王小明"' in page and f'value="{PERSON}"' in page and 'value="13900139000"' in page
    assert post(client, queue, name="王小明").status_code == 302
    other = book(queue, day=WEDNESDAY, slot=(9, 0), person="19700101", serial="999")  # someone else's
    mine = Appointment.objects.get(user=citizen)
    listed = client.get("/queue/appointments/mine/")
    table = text_of(listed)
    assert listed.status_code == 200
    assert f"/queue/appointments/{mine.token}/" in table and mine.code in table
    assert other.token not in table
    assert "2026-11-18" in table and "10:30–11:00" in table and "已预约" in table


def test_my_appointments_needs_a_login(client, queue):
    response = client.get("/queue/appointments/mine/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_full_slot_is_a_form_error_beside_the_slots(client, queue):
    book(queue, day=WEDNESDAY, slot=(10, 30), person="19700101", serial="111")
    book(queue, day=WEDNESDAY, slot=(10, 30), person="19700101", serial="222")
    response = post(client, queue, slot="10:30")
    page = text_of(response)
    assert response.status_code == 409
    assert re.search(r'id="slot-errors"><li>2026-11-18 10:30 时段已约满，请选择其他时段。</li>', page)
    assert 'value="张晓梅"' in page  # what was typed stays
    assert Appointment.objects.count() == 2


@pytest.mark.parametrize(
    ("day", "slot", "status", "message", "where"),
    [
        (TUESDAY, "09:30", 400, "该时段已经开始，请选择以后的时段。", "slot-errors"),
        (TUESDAY, "09:45", 400, "没有 09:45 开始的预约时段。", "slot-errors"),
        (date(2026, 11, 16), "10:00", 400, "不能预约已经过去的日期。", "booking-form-errors"),
        (
            date(2026, 11, 23),
            "10:00",
            400,
            "最多可预约 3 个工作日内（至 2026-11-20）。",
            "booking-form-errors",
        ),
    ],
)
def test_a_refused_booking_is_a_form_error(client, queue, day, slot, status, message, where):
    response = post(client, queue, day=day, slot=slot)
    page = text_of(response)
    assert response.status_code == status
    assert re.search(rf'id="{where}"><li>{re.escape(message)}</li>', page), page
    assert not Appointment.objects.exists()


def test_a_day_off_within_the_horizon_is_refused(client, queue, settings):
    settings.ONEWINDOW_FROZEN_NOW = at(THURSDAY, 10, 0)
    response = post(client, queue, day=date(2026, 11, 21), slot="10:00")
    assert response.status_code == 409
    assert "2026-11-21 不是工作日，不能预约。" in text_of(response)


def test_a_person_who_booked_the_category_and_day_already_is_told(client, queue):
    assert post(client, queue, slot="10:30").status_code == 302
    response = post(client, queue, slot="14:00")
    assert response.status_code == 400
    assert "您已预约该业务当天的时段，如需改时间请先取消原预约。" in text_of(response)
    assert Appointment.objects.count() == 1


def test_a_no_show_ban_is_a_form_error(client, queue):
    missed = [
        book(queue, day=date(2026, 11, day), person="19850612", serial="321").pk for day in (10, 11, 12)
    ]
    Appointment.objects.filter(pk__in=missed).update(status=Appointment.Status.NO_SHOW)
    response = post(client, queue)
    assert response.status_code == 403
    assert "近30天内爽约已达 3 次，2026-12-12 前暂停网上预约，请现场取号。" in text_of(response)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"id_number": PERSON[:17] + ("0" if PERSON[17] != "0" else "1")}, "id_number", "校验位错误"),
        ({"phone": "12345"}, "phone", "手机号码应为以 1 开头的 11 位数字。"),
        ({"name": ""}, "name", "请填写姓名。"),
        ({"id_number": ""}, "id_number", "请填写身份证号码。"),
        ({"slot": ""}, "slot", "请选择预约时段。"),
        ({"slot": "ab:cd"}, "slot", "请选择预约时段。"),
        ({"name": "张" * 101}, "name", "100"),
    ],
)
def test_bad_fields_are_shown_beside_the_field(client, queue, fields, field, message):
    response = post(client, queue, **fields)
    page = text_of(response)
    assert response.status_code == 400
    if field == "slot":
        assert re.search(rf'id="slot-errors"><li>{re.escape(message)}', page)
    else:
        block = next(part for part in page.split('<div class="field') if f'for="id_{field}"' in part)
        assert message in block.split('class="errorlist"')[1]
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("field", ["name", "id_number", "phone", "slot", "day", "site"])
def test_a_nul_byte_in_a_posted_field_is_a_clear_error(client, queue, field):
    response = post(client, queue, **{field: "1\x00"})
    assert response.status_code == 400
    assert "提交的内容含有不允许的控制字符，请删除后重新提交。" in text_of(response)
    assert not Appointment.objects.exists()


def test_a_body_that_is_not_a_form_is_refused(client, queue):
    response = client.post(URL, data=["not", "an", "object"], content_type="application/json")
    assert response.status_code == 400
    assert "请先选择服务中心、业务和日期。" in text_of(response)


@pytest.mark.parametrize(
    ("fields", "status"),
    [({"site": "999999999999999999999"}, 400), ({"category": "0"}, 400), ({"day": "someday"}, 400)],
)
def test_a_posted_choice_that_makes_no_sense_is_refused(client, queue, fields, status):
    assert post(client, queue, **fields).status_code == status
    assert not Appointment.objects.exists()


def test_bookings_from_one_address_are_limited(client, queue, monkeypatch):
    monkeypatch.setattr(views, "BOOKING_LIMIT", ("queueing-appointments", "2/h"))
    assert post(client, queue, id_number=id_number("19700101", "111")).status_code == 302
    assert post(client, queue, id_number="bad").status_code == 400  # refusals do not count
    assert post(client, queue, id_number=id_number("19700101", "222")).status_code == 302
    response = post(client, queue, id_number=id_number("19700101", "333"))
    assert response.status_code == 429
    assert "本网络地址一小时内预约过多，请稍后再试，或到大厅现场取号。" in text_of(response)
    assert Appointment.objects.count() == 2


# The confirmation and cancelling -------------------------------------------------------------------------


def test_cancelling_frees_the_slot_and_cannot_be_done_twice(client, queue):
    appointment = book(queue, day=WEDNESDAY, slot=(10, 30))
    response = client.post(f"/queue/appointments/{appointment.token}/cancel/")
    assert response.status_code == 302 and response["Location"] == f"/queue/appointments/{appointment.token}/"
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    page = text_of(client.get(response["Location"]))
    assert (
        "预约已取消。" in page and 'id="appointment-status">已取消' in page and 'id="cancel-form"' not in page
    )
    again = client.post(f"/queue/appointments/{appointment.token}/cancel/")
    assert again.status_code == 409
    assert "该预约已取消，不能取消。" in text_of(again)


def test_a_slot_begun_cannot_be_cancelled(client, queue, settings):
    appointment = book(queue, slot=(10, 0))
    page = text_of(client.get(f"/queue/appointments/{appointment.token}/"))
    assert 'id="cancel-form"' not in page  # 10:00 has begun
    response = client.post(f"/queue/appointments/{appointment.token}/cancel/")
    assert response.status_code == 409
    assert "预约时段已经开始，不能再取消。" in text_of(response)


def test_a_checked_in_appointment_links_its_ticket(client, queue, settings):
    appointment = book(queue, slot=(10, 30))
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 10)
    client.post(f"/queue/kiosk/{queue['hall']['county'].code}/check-in/", {"code": appointment.code})
    appointment.refresh_from_db()
    page = text_of(client.get(f"/queue/appointments/{appointment.token}/"))
    assert f'href="/queue/ticket/{appointment.ticket.token}/"' in page and "A001" in page
    assert 'id="appointment-status">已签到' in page


@pytest.mark.parametrize("token", ["nope", "x" * 32, "x" * 33, "x" * 999])
def test_an_unknown_appointment_is_a_404(client, queue, token):
    assert client.get(f"/queue/appointments/{token}/").status_code == 404
    assert client.post(f"/queue/appointments/{token}/cancel/").status_code == 404


def test_cancel_answers_post_only(client, queue):
    appointment = book(queue, day=WEDNESDAY)
    assert client.get(f"/queue/appointments/{appointment.token}/cancel/").status_code == 405
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.BOOKED
