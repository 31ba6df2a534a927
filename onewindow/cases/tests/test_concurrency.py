"""Concurrent clerks on PostgreSQL: the case row lock makes exactly one acceptance win, the site
counter gives gap-free case numbers, one Idempotency-Key gives one case however many retries
arrive at once, and one case is decided once however many decisions arrive together."""

import re
from datetime import date

import pytest

from onewindow.cases import services
from onewindow.cases.models import Case, CaseEvent, CaseStatus, Notice, Task
from onewindow.cases.services import handling
from onewindow.cases.tests.factories import State, at, company, delegate, entries, person, published_item
from onewindow.common import numbering
from onewindow.common.tests.concurrency import fresh_user, run_together
from onewindow.notifications.models import Notification
from onewindow.org.models import Role
from onewindow.org.tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

MONDAY = date(2026, 11, 16)
THREADS = 8


def monday_receipt(site) -> str:
    """A receipt number given at `site` on MONDAY: SJ + the site's code + yymmdd + six digits."""
    return rf"SJ{site.code}261116\d{{6}}"


@pytest.fixture
def food(hall, seeded_calendar):
    return published_item(hall)


@pytest.fixture
def clerks(hall):
    return [make_staff(site=hall["county"], roles=[Role.WINDOW_CLERK]) for _ in range(THREADS)]


def test_eight_clerks_accepting_one_online_case_accept_it_once(hall, food, clerks, django_user_model):
    citizen = django_user_model.objects.create_user("citizen", password=PASSWORD, full_name="张晓梅")
    case = services.case_receive(
        version=food, applicant=person(), materials=[], user=citizen, at=at(MONDAY, 8)
    ).case
    assert (case.channel, case.status) == ("ONLINE", CaseStatus.RECEIVED)
    # online nothing was uploaded yet: the clerk ticks off what the applicant brought
    brought = dict.fromkeys(("食品经营许可申请书", "法定代表人身份证明", "食品安全管理制度"), State.RECEIVED)

    outcomes = run_together(
        [
            (
                lambda clerk=clerk, minute=minute: services.case_accept(
                    case=Case.objects.get(pk=case.pk),
                    user=fresh_user(clerk.user_id),
                    at=at(MONDAY, 10, minute),
                    materials=entries(food, **brought),
                )
            )
            for minute, clerk in enumerate(clerks)
        ]
    )

    winners = [outcome for outcome in outcomes if isinstance(outcome, Case)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, services.WrongState)]
    assert len(winners) == 1, outcomes
    assert len(losers) == THREADS - 1, outcomes
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert case.number == f"{hall['county'].code}-2026-000001"
    assert case.accepted_by_id == winners[0].accepted_by_id
    assert case.accepted_by_id in {clerk.pk for clerk in clerks}
    assert case.events.filter(action=CaseEvent.Action.ACCEPTED).count() == 1
    assert case.notices.filter(kind=Notice.Kind.ACCEPTANCE).count() == 1
    assert numbering.last_number(series=numbering.CASE, site=hall["county"], period=2026) == 1
    for loser in losers:
        assert loser.message == f"办件 {case.number} 当前为“已受理”，不能受理。"


def test_eight_acceptances_at_one_site_at_once_number_without_gaps(hall, food, clerks):
    cases = [
        services.case_receive(
            version=food, applicant=company(), materials=[], user=hall["clerk"].user, at=at(MONDAY, 8)
        ).case
        for _ in range(THREADS)
    ]

    outcomes = run_together(
        [
            (
                lambda case=case, clerk=clerk: services.case_accept(
                    case=Case.objects.get(pk=case.pk), user=fresh_user(clerk.user_id), at=at(MONDAY, 10)
                )
            )
            for case, clerk in zip(cases, clerks, strict=True)
        ]
    )

    assert all(isinstance(outcome, Case) for outcome in outcomes), outcomes
    site_code = hall["county"].code
    numbers = sorted(Case.objects.filter(pk__in=[case.pk for case in cases]).values_list("number", flat=True))
    assert numbers == [f"{site_code}-2026-{index:06d}" for index in range(1, THREADS + 1)]
    assert sorted(outcome.number for outcome in outcomes) == numbers
    assert numbering.last_number(series=numbering.CASE, site=hall["county"], period=2026) == THREADS
    assert Notice.objects.filter(kind=Notice.Kind.ACCEPTANCE).count() == THREADS
    assert set(Notice.objects.values_list("document_number", flat=True)) == {
        f"受〔2026〕{number}号" for number in numbers
    }


def test_eight_intakes_at_one_site_at_once_get_distinct_receipt_numbers(hall, food, clerks):
    """Eight clerks receiving at once at one site: every intake goes through, each with its own
    receipt number."""
    outcomes = run_together(
        [
            (
                lambda clerk=clerk: (
                    services.case_receive(
                        version=food,
                        applicant=company(),
                        materials=[],
                        user=fresh_user(clerk.user_id),
                        at=at(MONDAY, 9),
                    ).case
                )
            )
            for clerk in clerks
        ]
    )

    assert all(isinstance(outcome, Case) for outcome in outcomes), outcomes
    receipts = list(Case.objects.values_list("receipt_number", flat=True))
    assert len(receipts) == THREADS and len(set(receipts)) == THREADS
    assert sorted(receipts) == sorted(outcome.receipt_number for outcome in outcomes)
    assert all(re.fullmatch(monday_receipt(hall["county"]), receipt) for receipt in receipts), receipts
    assert all(outcome.status == CaseStatus.RECEIVED and outcome.number is None for outcome in outcomes)


def test_eight_retries_of_one_intake_with_one_idempotency_key_make_one_case(hall, food):
    clerk = hall["clerk"].user

    outcomes = run_together(
        [
            (
                lambda: services.case_receive(
                    version=food,
                    applicant=company(),
                    materials=[],
                    user=fresh_user(clerk.pk),
                    at=at(MONDAY, 9),
                    idempotency_key="intake-retry-1",
                    fingerprint="0f1e2d3c",
                )
            )
            for _ in range(THREADS)
        ]
    )

    assert all(isinstance(outcome, services.IntakeResult) for outcome in outcomes), outcomes
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert {outcome.case.pk for outcome in outcomes} == {case.pk}
    assert sorted(outcome.is_replay for outcome in outcomes) == [False] + [True] * (THREADS - 1)
    assert re.fullmatch(monday_receipt(hall["county"]), case.receipt_number)
    assert case.events.count() == 1 and case.materials.count() == 5


def test_retries_with_one_key_but_different_bodies_make_one_case_and_conflicts(hall, food):
    clerk = hall["clerk"].user

    outcomes = run_together(
        [
            (
                lambda index=index: services.case_receive(
                    version=food,
                    applicant=company(),
                    materials=[],
                    user=fresh_user(clerk.pk),
                    at=at(MONDAY, 9),
                    idempotency_key="intake-retry-2",
                    fingerprint=f"body-{index % 2}",
                )
            )
            for index in range(THREADS)
        ]
    )

    case = Case.objects.get()
    results = [outcome for outcome in outcomes if isinstance(outcome, services.IntakeResult)]
    conflicts = [outcome for outcome in outcomes if isinstance(outcome, services.IdempotencyConflict)]
    assert len(results) + len(conflicts) == THREADS, outcomes
    assert len(results) == THREADS // 2 and len(conflicts) == THREADS // 2
    assert {result.case.pk for result in results} == {case.pk}
    assert all(case.receipt_number in conflict.message for conflict in conflicts)


DECIDERS = 20


def test_twenty_decisions_at_once_on_one_case_decide_it_once(hall, food):
    """Twenty requests to decide one accepted case arrive together (a double-clicking chief
    representative, retries): the row lock lets exactly one decide; the others find it decided."""
    delegate(hall, food)
    case = services.case_receive(
        version=food, applicant=company(), materials=[], user=hall["clerk"].user, at=at(MONDAY, 8)
    ).case
    case = services.case_accept(case=case, user=hall["clerk"].user, at=at(MONDAY, 9))
    handling.task_opinion(
        case=case,
        task_id=case.tasks.get(name="审查").pk,
        user=hall["reviewer"].user,
        at=at(MONDAY, 10),
        verdict="AGREE",
    )
    chief = hall["chief"].user

    outcomes = run_together(
        [
            (
                lambda minute=minute: handling.case_decide(
                    case=Case.objects.get(pk=case.pk),
                    user=fresh_user(chief.pk),
                    at=at(MONDAY, 11, minute),
                    decision="APPROVED",
                )
            )
            for minute in range(DECIDERS)
        ]
    )

    winners = [outcome for outcome in outcomes if isinstance(outcome, Notice)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, services.WrongState)]
    assert len(winners) == 1, outcomes
    assert len(losers) == DECIDERS - 1, outcomes
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    assert case.decided_at == winners[0].issued_at
    assert case.events.filter(action=CaseEvent.Action.DECIDED).count() == 1
    assert case.notices.filter(kind=Notice.Kind.DECISION).get() == winners[0]
    assert case.notices.filter(kind=Notice.Kind.CERTIFICATE).count() == 1
    assert case.tasks.get(name="决定").completed_at == case.decided_at
    assert not case.tasks.filter(status__in=(Task.Status.ACTIVE, Task.Status.WAITING)).exists()
    assert (
        Notification.objects.filter(case=case, channel=Notification.Channel.SMS, subject="办件已办结").count()
        == 1
    )
    for loser in losers:
        assert loser.message == f"办件 {case.number} 当前为“已办结”，不能办结。"
