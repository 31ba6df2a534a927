"""The escalation sweep: a case's clock turning yellow warns the handlers and the agent, turning red
warns the department's chief representative, its head (SMS) and the supervision section and
opens one supervision record; nothing is ever sent twice; a site's rules decide."""

import re
from datetime import date

import pytest

from onewindow.cases.models import CaseEvent
from onewindow.cases.tests.factories import at
from onewindow.fees.tests.factories import accepted_case, decided_case
from onewindow.notifications.models import Notification
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff
from onewindow.supervision import services
from onewindow.supervision.models import Cause, Clock, Light, LightWarning, Policy, Record

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)  # accepted: promised in 5 working days, due Monday 23 November
FRIDAY = date(2026, 11, 20)  # green (due after the next working day)
DUE_DAY = date(2026, 11, 23)  # yellow (the warning window is one working day)
TUESDAY = date(2026, 11, 24)  # red


def inbox(staff) -> list[str]:
    return list(
        Notification.objects.filter(user=staff.user, channel=Notification.Channel.IN_APP)
        .order_by("id")
        .values_list("subject", flat=True)
    )


def sms(phone) -> list[str]:
    return list(Notification.objects.filter(address=phone).values_list("subject", flat=True))


@pytest.fixture
def case(hall, version):
    hall["market"].head_phone = "13800001111"
    hall["market"].head_name = "市场监管局副局长"
    hall["market"].save()
    return accepted_case(hall, version, day=MONDAY)


def test_a_green_case_is_left_alone(case):
    result = services.escalation_sweep(at=at(FRIDAY, 10))
    assert result.total == 0 and not LightWarning.objects.exists()


def test_yellow_warns_the_step_handlers_and_the_agent_once(hall, case):
    assert case.agent_id == hall["agent"].pk
    result = services.escalation_sweep(at=at(DUE_DAY, 8))
    assert result.warned[(Clock.HANDLING, Light.YELLOW)] == 1 and result.records == 0
    # the running step is the market reviewer's; the agent follows the case
    assert inbox(hall["reviewer"]) == [f"黄灯预警：{case.number} 即将到期"]
    assert inbox(hall["agent"]) == [f"黄灯预警：{case.number} 即将到期"]
    assert inbox(hall["chief"]) == [] and inbox(hall["supervision"]) == []
    assert case.events.filter(action=CaseEvent.Action.WARNING, is_public=False).count() == 1

    again = services.escalation_sweep(at=at(DUE_DAY, 16))
    assert again.total == 0
    assert len(inbox(hall["reviewer"])) == 1 and len(inbox(hall["agent"])) == 1


def test_red_warns_the_chain_and_opens_one_record(hall, case):
    services.escalation_sweep(at=at(DUE_DAY, 8))
    result = services.escalation_sweep(at=at(TUESDAY, 8))
    assert result.warned[(Clock.HANDLING, Light.RED)] == 1 and result.records == 1
    red = f"红灯告警：{case.number} 已超期"
    assert inbox(hall["chief"]) == [red]
    assert inbox(hall["supervision"]) == [red]
    assert sms("13800001111") == [red]
    assert inbox(hall["reviewer"]) == [f"黄灯预警：{case.number} 即将到期"]  # yellow only, once
    record = Record.objects.get()
    assert (record.case, record.department, record.cause, record.status) == (
        case,
        hall["market"],
        Cause.RED,
        Record.Status.OPEN,
    )
    assert record.explain_due_date == date(2026, 11, 26)  # two working days after Tuesday
    assert record.evidence == {"clock": "HANDLING", "due_date": "2026-11-23", "lit_on": "2026-11-24"}

    for day in (TUESDAY, date(2026, 11, 25)):
        assert services.escalation_sweep(at=at(day, 17)).total == 0
    assert Record.objects.count() == 1 and len(inbox(hall["chief"])) == 1 and len(sms("13800001111")) == 1


def test_a_case_first_seen_red_gets_the_red_warning_only(hall, case):
    services.escalation_sweep(at=at(TUESDAY, 8))
    assert list(LightWarning.objects.values_list("light", flat=True)) == [Light.RED]
    assert inbox(hall["reviewer"]) == []


def test_the_site_rules_decide_and_a_township_follows_its_county(hall, case):
    Policy.objects.create(
        site=hall["county"],
        warn_on_yellow=False,
        warn_on_red=False,
        record_on_red=True,
        explain_working_days=3,
        updated_at=at(MONDAY),
        updated_by=hall["supervision"].user,
    )
    services.escalation_sweep(at=at(DUE_DAY, 8))
    assert inbox(hall["reviewer"]) == [] and inbox(hall["agent"]) == []
    services.escalation_sweep(at=at(TUESDAY, 8))
    # no red warnings: only the department that must explain is told of its record
    assert inbox(hall["supervision"]) == [] and sms("13800001111") == []
    assert len(inbox(hall["chief"])) == 1
    assert Record.objects.get().explain_due_date == date(2026, 11, 27)
    assert LightWarning.objects.count() == 2  # marked, so a later change of rules does not flood


def test_late_delivery_opens_its_own_record(hall, version):
    case = decided_case(hall, version, day=MONDAY)
    assert case.delivery_due_date is not None
    late = case.delivery_due_date.toordinal() + 1
    services.escalation_sweep(at=at(date.fromordinal(late), 9))
    record = Record.objects.get()
    assert (record.cause, record.case) == (Cause.DELIVERY_LATE, case)


def test_an_extension_moves_the_due_date_and_warns_anew(hall, case):
    services.escalation_sweep(at=at(TUESDAY, 8))
    type(case).objects.filter(pk=case.pk).update(promised_due_date=date(2026, 11, 25))
    services.escalation_sweep(at=at(date(2026, 11, 26), 8))
    assert Record.objects.count() == 2
    assert sorted(Record.objects.values_list("cause_key", flat=True)) == ["2026-11-23", "2026-11-25"]


def test_many_cases_are_handled_in_batches(hall, version):
    cases = [accepted_case(hall, version, day=MONDAY) for _ in range(5)]
    result = services.escalation_sweep(at=at(TUESDAY, 8), batch_size=2)
    assert result.warned[(Clock.HANDLING, Light.RED)] == 5 and result.records == 5
    assert set(Record.objects.values_list("case_id", flat=True)) == {case.pk for case in cases}


def test_an_inactive_chief_is_not_warned_and_a_second_chief_is(hall, case):
    second = make_staff(
        site=hall["county"],
        roles=[Role.CHIEF_REPRESENTATIVE],
        department=hall["market"],
        full_name="二号首席",
    )
    hall["chief"].is_active = False
    hall["chief"].save()
    services.escalation_sweep(at=at(TUESDAY, 8))
    assert inbox(hall["chief"]) == [] and len(inbox(second)) == 1


def test_the_periodic_task_sweeps_and_runs_the_anomaly_checks(hall, case, monkeypatch):
    from onewindow.common import clock
    from onewindow.supervision import tasks

    monkeypatch.setattr(clock, "now", lambda: at(TUESDAY, 8))
    # one red case warned; its review step is overdue too (an anomaly check's record)
    assert tasks.sweep.delay().get() == 2
    assert sorted(Record.objects.values_list("cause", flat=True)) == [Cause.RED, Cause.STEP_OVERDUE]
    assert tasks.sweep.delay().get() == 0


def test_the_warnings_reach_each_persons_inbox_page_and_api(hall, case, client):
    from rest_framework.test import APIClient

    services.escalation_sweep(at=at(TUESDAY, 8))
    client.force_login(hall["chief"].user)
    page = client.get("/desk/inbox/").content.decode()
    assert f"红灯告警：{case.number} 已超期" in page and "未读 1 条" in page
    active = re.findall(r'<a href="[^"]*" class="active">([^<]+)</a>', page)
    assert active == ["消息"]  # the inbox, not the workbench too
    api = APIClient()
    api.force_authenticate(hall["chief"].user)
    [message] = api.get("/api/v1/inbox", {"unread": "1"}).json()["results"]
    assert message["case"] == case.reference
    other = APIClient()
    other.force_authenticate(hall["clerk"].user)
    assert other.post("/api/v1/inbox/read", {"ids": [message["id"]]}, format="json").json() == {"marked": 0}
    # an id past 64 bits is a clear 400 (it once overflowed SQLite's driver in the IN list)
    too_long = api.post("/api/v1/inbox/read", {"ids": [message["id"], 2**64]}, format="json")
    assert too_long.status_code == 400 and "ids" in too_long.json()["errors"]
    assert api.post("/api/v1/inbox/read", {"ids": [message["id"]]}, format="json").json() == {"marked": 1}
    assert api.get("/api/v1/inbox", {"unread": "1"}).json()["results"] == []
    client.post("/desk/inbox/")
    assert "未读 0 条" in client.get("/desk/inbox/").content.decode()
