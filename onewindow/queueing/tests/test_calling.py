import pytest

from onewindow.evaluations.models import Service
from onewindow.queueing import selectors, services
from onewindow.queueing.models import Call, Ticket, TicketCase
from onewindow.queueing.tests.factories import ELDERLY_ID, TUESDAY, WEDNESDAY, at, book


def issue(queue, prefix, minute, **kwargs):
    return services.ticket_issue(category=queue[prefix], at=at(TUESDAY, 9, minute), **kwargs)


@pytest.fixture
def window_one(queue):
    """Window 1 (serves A and B), clerk 王秀英 on duty."""
    return queue["hall"]["windows"][0], queue["hall"]["clerk"].user


def test_call_next_takes_priority_then_first_come_and_only_served_categories(queue):
    hall = queue["hall"]
    first = issue(queue, "A", 1)
    housing = issue(queue, "B", 2)
    elderly = issue(queue, "A", 3, id_number=ELDERLY_ID)
    second_window, market_clerk = hall["windows"][1], hall["market_a"].user  # serves A only
    order = []
    for minute in (10, 11):
        result = services.call_next(user=market_clerk, window=second_window, at=at(TUESDAY, 9, minute))
        order.append(result.call.ticket.code)
    assert order == [elderly.code, first.code]
    with pytest.raises(services.QueueEmpty):
        # The window finishes A001 and nobody else of A waits: the finish is kept, nothing called.
        result = services.call_next(user=market_clerk, window=second_window, at=at(TUESDAY, 9, 20))
        assert result.call is None
        services.call_next(user=market_clerk, window=second_window, at=at(TUESDAY, 9, 21))
    assert Ticket.objects.get(pk=first.pk).status == Ticket.Status.FINISHED
    assert Ticket.objects.get(pk=housing.pk).status == Ticket.Status.WAITING


def test_appointments_that_checked_in_come_before_priority(queue):
    elderly = issue(queue, "A", 1, id_number=ELDERLY_ID)
    booked = book(queue, slot=(10, 0), booked_at=at(TUESDAY, 8, 0))
    ticket = services.appointment_check_in(appointment=booked, at=at(TUESDAY, 9, 40))
    window, clerk = queue["hall"]["windows"][0], queue["hall"]["clerk"].user
    called = services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 41)).call
    assert called.ticket_id == ticket.pk
    assert selectors.people_ahead(elderly) == 0


def test_wait_and_service_seconds_are_recorded(queue, window_one):
    window, clerk = window_one
    ticket = issue(queue, "A", 0)
    call = services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10)).call
    services.call_finish(user=clerk, window=window, at=at(TUESDAY, 9, 25))
    call.refresh_from_db()
    ticket.refresh_from_db()
    assert (call.wait_seconds, call.service_seconds, call.outcome) == (600, 900, Call.Outcome.FINISHED)
    assert (ticket.status, ticket.first_called_at, ticket.finished_at) == (
        Ticket.Status.FINISHED,
        at(TUESDAY, 9, 10),
        at(TUESDAY, 9, 25),
    )


def test_only_staff_on_duty_at_the_window_may_call(queue):
    hall = queue["hall"]
    issue(queue, "A", 1)
    with pytest.raises(services.NotOnDuty, match="不在 2 号窗口值班"):
        services.call_next(user=hall["clerk"].user, window=hall["windows"][1], at=at(TUESDAY, 9, 5))
    with pytest.raises(services.NotOnDuty):
        services.call_next(user=hall["clerk"].user, window=hall["windows"][0], at=at(WEDNESDAY, 9, 5))
    with pytest.raises(services.NotOnDuty, match="只有窗口工作人员"):
        services.call_next(user=hall["office"].user, window=hall["windows"][0], at=at(TUESDAY, 9, 5))


def test_skip_puts_the_ticket_back_behind_n_tickets_once(queue, window_one, settings):
    settings.ONEWINDOW_QUEUE_SKIP_BEHIND = 2
    window, clerk = window_one
    codes = [issue(queue, "A", minute).code for minute in range(1, 6)]  # A001…A005
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10))
    skipped = services.call_skip(user=clerk, window=window, at=at(TUESDAY, 9, 12))
    assert (skipped.status, skipped.skip_count) == (Ticket.Status.WAITING, 1)
    order = [ticket.code for ticket in selectors.window_queue(window, on_date=TUESDAY)]
    assert order == [codes[1], codes[2], codes[0], codes[3], codes[4]]
    # Called again after two others, skipped again: dropped.
    for minute in (13, 14, 15):
        services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, minute))
    again = services.call_skip(user=clerk, window=window, at=at(TUESDAY, 9, 16))
    assert again.pk == skipped.pk
    assert again.status == Ticket.Status.NO_SHOW
    assert list(Call.objects.filter(ticket=again).values_list("outcome", flat=True).order_by("id")) == [
        "SKIPPED",
        "SKIPPED",
    ]


def test_recall_counts_and_needs_a_ticket_being_served(queue, window_one):
    window, clerk = window_one
    with pytest.raises(services.WrongTicketState):
        services.call_recall(user=clerk, window=window, at=at(TUESDAY, 9, 10))
    issue(queue, "A", 1)
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10))
    call = services.call_recall(user=clerk, window=window, at=at(TUESDAY, 9, 11))
    assert call.recall_count == 1


def test_transfer_to_a_category_or_a_window_keeps_the_place(queue, window_one):
    hall = queue["hall"]
    window, clerk = window_one
    early = issue(queue, "A", 1)
    later_b = issue(queue, "B", 2)
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10))
    moved = services.call_transfer(user=clerk, window=window, at=at(TUESDAY, 9, 12), category=queue["B"])
    assert (moved.pk, moved.category_id, moved.status) == (early.pk, queue["B"].pk, Ticket.Status.WAITING)
    third = hall["windows"][2]  # serves B only
    assert [ticket.pk for ticket in selectors.window_queue(third, on_date=TUESDAY)] == [early.pk, later_b.pk]
    # To a given window: only that window calls it.
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 13))
    with pytest.raises(services.QueueError, match="不办理"):
        services.call_transfer(
            user=clerk, window=window, at=at(TUESDAY, 9, 14), category=queue["A"], target_window=third
        )
    services.call_transfer(user=clerk, window=window, at=at(TUESDAY, 9, 14), target_window=third)
    assert selectors.window_queue(window, on_date=TUESDAY)[0].pk != early.pk
    result = services.call_next(user=hall["housing_a"].user, window=third, at=at(TUESDAY, 9, 15))
    assert result.call.ticket_id == early.pk
    assert result.call.wait_seconds == 60  # since the transfer


def test_pause_stops_calling_and_not_while_serving(queue, window_one):
    window, clerk = window_one
    issue(queue, "A", 1)
    issue(queue, "A", 2)
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10))
    with pytest.raises(services.WrongTicketState, match="先办结"):
        services.window_pause(user=clerk, window=window, at=at(TUESDAY, 9, 11))
    services.call_finish(user=clerk, window=window, at=at(TUESDAY, 9, 12))
    services.window_pause(user=clerk, window=window, at=at(TUESDAY, 9, 13), reason="午间交接")
    assert selectors.window_snapshot(window.pk, on_date=TUESDAY)["paused"] is True
    with pytest.raises(services.QueueError, match="暂停服务"):
        services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 14))
    services.window_resume(user=clerk, window=window, at=at(TUESDAY, 9, 15))
    assert services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 16)).call is not None


def test_finishing_links_the_cases_received_since_the_call_and_asks_the_tablet(queue, window_one):
    from onewindow.cases.tests.factories import delegate, published_item
    from onewindow.fees.tests.factories import decided_case

    hall = queue["hall"]
    window, clerk = window_one
    version = published_item(hall)
    delegate(hall, version)
    before = decided_case(hall, version, day=TUESDAY)  # received by a clerk at 9:30 on Tuesday
    issue(queue, "A", 40)
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 45))
    # The case the clerk made: received after the call.
    case = decided_case(hall, version, day=TUESDAY)
    from onewindow.cases.models import Case

    Case.objects.filter(pk=case.pk).update(received_by=hall["clerk"], received_at=at(TUESDAY, 9, 50))
    Case.objects.filter(pk=before.pk).update(received_by=hall["clerk"], received_at=at(TUESDAY, 9, 30))
    result = services.call_finish(user=clerk, window=window, at=at(TUESDAY, 9, 55))
    assert [linked.pk for linked in result.cases] == [case.pk]
    assert list(TicketCase.objects.values_list("case_id", flat=True)) == [case.pk]
    service = Service.objects.get()
    assert (service.window_id, service.case_id, service.status) == (
        window.pk,
        case.pk,
        Service.Status.WAITING,
    )


def test_finishing_refuses_cases_not_made_for_the_ticket(queue, window_one):
    window, clerk = window_one
    issue(queue, "A", 1)
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10))
    with pytest.raises(services.QueueError, match="只能关联"):
        services.call_finish(user=clerk, window=window, at=at(TUESDAY, 9, 12), case_ids=[999999])
    assert Ticket.objects.get().status == Ticket.Status.CALLED  # nothing half-done


def test_long_waits_alert_the_center_office_once(queue):
    from onewindow.notifications.models import Notification

    issue(queue, "A", 0)
    issue(queue, "A", 20)
    assert services.wait_alerts_send(at=at(TUESDAY, 9, 29)) == 0
    assert services.wait_alerts_send(at=at(TUESDAY, 9, 31)) == 1
    assert services.wait_alerts_send(at=at(TUESDAY, 9, 40)) == 0
    notes = Notification.objects.filter(user=queue["hall"]["office"].user)
    assert notes.count() == 1
    assert "A001 已等候 31 分钟" in notes.get().body


def test_yesterdays_waiting_tickets_expire(queue):
    ticket = issue(queue, "A", 1)
    assert services.tickets_expire(at=at(WEDNESDAY, 0, 5)) == 1
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.EXPIRED
