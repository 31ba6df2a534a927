from datetime import date, time

import pytest

from onewindow.queueing import selectors, services
from onewindow.queueing.models import Appointment, SlotCapacity, Ticket
from onewindow.queueing.tests.factories import SATURDAY, TUESDAY, WEDNESDAY, at, book, id_number

MONDAY = date(2026, 11, 16)


def test_a_booking_takes_a_place_in_its_slot(queue):
    appointment = book(queue, slot=(10, 0))
    assert (appointment.status, appointment.slot_end, len(appointment.code)) == (
        Appointment.Status.BOOKED,
        time(10, 30),
        6,
    )
    slots = {slot.start: slot for slot in selectors.slots_for(queue["A"], TUESDAY, now=at(MONDAY, 20, 0))}
    assert (slots[time(10, 0)].capacity, slots[time(10, 0)].left) == (2, 1)
    assert slots[time(9, 0)].left == 2


def test_a_full_slot_is_refused(queue):
    book(queue, serial="001")
    book(queue, serial="002")
    with pytest.raises(services.SlotFull, match="已约满"):
        book(queue, serial="003")


def test_a_slot_capacity_override_counts(queue):
    SlotCapacity.objects.create(category=queue["A"], slot_start=time(10, 0), capacity=1)
    book(queue, serial="001")
    with pytest.raises(services.SlotFull):
        book(queue, serial="002")


def test_one_booking_per_person_category_and_day(queue):
    book(queue, slot=(10, 0))
    with pytest.raises(services.QueueError, match="已预约该业务当天"):
        book(queue, slot=(11, 0))
    assert book(queue, prefix="B", slot=(11, 0)).status == Appointment.Status.BOOKED


@pytest.mark.parametrize(
    ("day", "slot", "booked_at", "error", "message"),
    [
        (MONDAY, (10, 0), at(TUESDAY, 8, 0), services.QueueError, "已经过去"),
        (TUESDAY, (9, 0), at(TUESDAY, 9, 10), services.QueueError, "已经开始"),
        (date(2026, 11, 20), (9, 0), at(MONDAY, 8, 0), services.QueueError, "最多可预约 3 个工作日"),
        (SATURDAY, (9, 0), at(date(2026, 11, 19), 8, 0), services.HallClosed, "不是工作日"),
        (TUESDAY, (12, 0), at(MONDAY, 8, 0), services.QueueError, "没有 12:00 开始的预约时段"),
        (TUESDAY, (9, 10), at(MONDAY, 8, 0), services.QueueError, "没有 09:10"),
    ],
)
def test_bookings_outside_the_rules_are_clear_errors(queue, day, slot, booked_at, error, message):
    with pytest.raises(error, match=message):
        book(queue, day=day, slot=slot, booked_at=booked_at)
    assert not Appointment.objects.exists()


def test_the_horizon_counts_working_days(queue):
    """Booked on Friday 2026-11-20: 3 working days ahead is Wednesday 2026-11-25 (the weekend skipped)."""
    friday = date(2026, 11, 20)
    assert services.appointment_horizon(friday) == date(2026, 11, 25)
    assert book(queue, day=date(2026, 11, 25), booked_at=at(friday, 10, 0)).status == "BOOKED"
    assert selectors.bookable_days(friday) == [
        friday,
        date(2026, 11, 23),
        date(2026, 11, 24),
        date(2026, 11, 25),
    ]


def test_check_in_within_the_window_turns_a_booking_into_a_ticket(queue):
    appointment = book(queue, slot=(10, 0))
    found = services.appointment_find_for_check_in(
        site=queue["A"].site, code=appointment.code, at=at(TUESDAY, 9, 31)
    )
    with pytest.raises(services.QueueError, match="请于 09:30 后签到"):
        services.appointment_check_in(appointment=found, at=at(TUESDAY, 9, 29))
    ticket = services.appointment_check_in(appointment=found, at=at(TUESDAY, 9, 31))
    assert (ticket.source, ticket.lane, ticket.code) == (Ticket.Source.APPOINTMENT, 0, "A001")
    # A double tap or a retried request: the same ticket, not an error and not a second one.
    again = services.appointment_find_for_check_in(
        site=queue["A"].site, code=appointment.code, at=at(TUESDAY, 9, 32)
    )
    assert services.appointment_check_in(appointment=again, at=at(TUESDAY, 9, 32)) == ticket
    assert Ticket.objects.count() == 1


def test_no_check_in_to_a_category_switched_off_since_the_booking(queue):
    appointment = book(queue, slot=(10, 0))
    queue["A"].is_active = False
    queue["A"].save()
    with pytest.raises(services.QueueError, match="已停止叫号"):
        services.appointment_check_in(appointment=appointment, at=at(TUESDAY, 9, 45))
    assert not Ticket.objects.exists()


def test_check_in_by_id_number_and_too_late(queue):
    appointment = book(queue, slot=(10, 0))
    found = services.appointment_find_for_check_in(
        site=queue["A"].site, code=appointment.id_number, at=at(TUESDAY, 10, 15)
    )
    with pytest.raises(services.QueueError, match="已超过签到时间"):
        services.appointment_check_in(appointment=found, at=at(TUESDAY, 10, 15))


def test_cancel_before_the_slot_only(queue):
    appointment = book(queue, slot=(10, 0))
    with pytest.raises(services.WrongTicketState, match="已经开始"):
        services.appointment_cancel(appointment=appointment, at=at(TUESDAY, 10, 0))
    cancelled = services.appointment_cancel(appointment=appointment, at=at(TUESDAY, 9, 0))
    assert cancelled.status == Appointment.Status.CANCELLED
    with pytest.raises(services.WrongTicketState):
        services.appointment_cancel(appointment=appointment, at=at(TUESDAY, 9, 1))
    assert book(queue, slot=(11, 0), booked_at=at(TUESDAY, 9, 2)).status == "BOOKED"  # may book again


def test_three_no_shows_in_30_days_refuse_bookings_for_a_period(queue, settings):
    settings.ONEWINDOW_QUEUE_NO_SHOW_BAN_DAYS = 30
    days = [date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 19)]
    for day in days:
        book(queue, day=day, slot=(9, 0), booked_at=at(MONDAY, 8, 0))
    assert services.appointments_mark_no_shows(at=at(date(2026, 11, 19), 9, 16)) == 3
    with pytest.raises(services.NoShowBan, match="2026-12-19 前暂停"):
        book(queue, day=date(2026, 11, 20), slot=(9, 0), booked_at=at(date(2026, 11, 19), 10, 0))
    assert services.no_show_ban_until(id_number("19900101", "123"), today=date(2026, 12, 19)) is None
    # Another person is not affected.
    assert book(queue, day=date(2026, 11, 20), serial="999", booked_at=at(date(2026, 11, 19), 10, 0))


def test_no_shows_are_marked_only_after_the_check_in_window(queue):
    book(queue, slot=(10, 0))
    assert services.appointments_mark_no_shows(at=at(TUESDAY, 10, 14)) == 0
    assert services.appointments_mark_no_shows(at=at(TUESDAY, 10, 15)) == 1


def test_the_run_just_after_midnight_leaves_the_new_days_bookings_alone(queue):
    """At 00:07 the check-in window of 15 minutes reaches back to 23:52 of the day before: only
    earlier days' bookings can be no-shows then, not the morning's."""
    late_yesterday = book(queue, day=MONDAY, slot=(16, 30), booked_at=at(date(2026, 11, 13), 9, 0))
    this_morning = book(queue, slot=(9, 0), serial="777")
    assert services.appointments_mark_no_shows(at=at(TUESDAY, 0, 7)) == 1
    late_yesterday.refresh_from_db()
    this_morning.refresh_from_db()
    assert (late_yesterday.status, this_morning.status) == (
        Appointment.Status.NO_SHOW,
        Appointment.Status.BOOKED,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("id_number", "", "身份证号码"), ("phone", "", "手机号码"), ("name", " ", "姓名")],
)
def test_a_booking_needs_name_id_and_phone(queue, field, value, message):
    values = {"name": "李四", "id_number": id_number(), "phone": "13800138000", field: value}
    with pytest.raises(services.QueueError, match=message):
        services.appointment_book(
            category=queue["A"], service_date=WEDNESDAY, slot_start=time(9, 0), at=at(TUESDAY, 9, 0), **values
        )
