"""Two members of the supervision section accept the same complaint at the same moment: the row
lock lets one in; the other waits, sees it accepted and gets a clear error. One acceptance, one
event, one message to the complainant, on PostgreSQL."""

import pytest

from onewindow.cases.tests.factories import at
from onewindow.common.tests.concurrency import fresh_user, run_together
from onewindow.complaints import services
from onewindow.complaints.models import ComplaintEvent, Status
from onewindow.complaints.tests.conftest import MONDAY, file_complaint
from onewindow.notifications.models import Notification

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_accepts_at_once_one_wins(hall, seeded_calendar, investigator):
    complaint = file_complaint(hall)
    users = [hall["supervision"].user.pk, investigator.user.pk]

    def accept(user_id):
        return lambda: services.complaint_accept(
            complaint=complaint, user=fresh_user(user_id), answer_days=10, at=at(MONDAY, 15)
        )

    results = run_together([accept(user_id) for user_id in users])
    errors = [result for result in results if isinstance(result, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], services.ComplaintError) and errors[0].status_code == 409
    assert "不能受理" in errors[0].message
    complaint.refresh_from_db()
    assert complaint.status == Status.ACCEPTED
    assert ComplaintEvent.objects.filter(complaint=complaint, action="ACCEPTED").count() == 1
    assert Notification.objects.filter(address="13912345678", subject__startswith="投诉已受理").count() == 1
