from onewindow.queueing import services, tasks
from onewindow.queueing.models import Appointment, Ticket
from onewindow.queueing.tests.factories import TUESDAY, WEDNESDAY, at, book


def test_the_periodic_tasks_alert_mark_no_shows_and_close_yesterday(queue, settings):
    book(queue, slot=(9, 0))
    services.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, 0))
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 9, 40)
    assert tasks.wait_alerts.delay().get() == 1
    assert tasks.no_shows.delay().get() == {"no_shows": 1, "expired_tickets": 0}
    settings.ONEWINDOW_FROZEN_NOW = at(WEDNESDAY, 8, 0)
    assert tasks.no_shows.delay().get() == {"no_shows": 0, "expired_tickets": 1}
    assert Appointment.objects.get().status == Appointment.Status.NO_SHOW
    assert Ticket.objects.get().status == Ticket.Status.EXPIRED
