"""A supervision record's life: the responsible department explains, the supervision section
closes it or returns it; a site's rules are kept by its supervision section. Wrong people and wrong
states get a clear error and nothing is written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases.tests.factories import at
from onewindow.common.api import NotAllowed
from onewindow.fees.tests.factories import accepted_case
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff
from onewindow.supervision import services
from onewindow.supervision.models import Policy, Record
from onewindow.supervision.selectors import records_visible_to, rules_for

pytestmark = pytest.mark.django_db

EXPLANATION = "现场核查需补充检验报告，已督促申请人补交，明日办结。"


@pytest.fixture
def record(hall, version):
    accepted_case(hall, version, day=date(2026, 11, 16))
    services.escalation_sweep(at=at(date(2026, 11, 24), 8))
    return Record.objects.get()


def test_explained_then_closed(hall, record):
    services.record_explain(
        record=record, user=hall["chief"].user, explanation=EXPLANATION, at=at(date(2026, 11, 24), 10)
    )
    record.refresh_from_db()
    assert (record.status, record.explained_by) == (Record.Status.EXPLAINED, hall["chief"])
    services.record_review(
        record=record, user=hall["supervision"].user, accept=True, conclusion="", at=at(date(2026, 11, 25))
    )
    record.refresh_from_db()
    assert (record.status, record.closed_by) == (Record.Status.CLOSED, hall["supervision"])


def test_returned_explanation_is_due_again(hall, record):
    services.record_explain(
        record=record, user=hall["reviewer"].user, explanation=EXPLANATION, at=at(date(2026, 11, 24), 10)
    )
    services.record_review(
        record=record,
        user=hall["supervision"].user,
        accept=False,
        conclusion="未写明整改措施",
        at=at(date(2026, 11, 25)),
    )
    record.refresh_from_db()
    assert (record.status, record.returned_count, record.explain_due_date) == (
        Record.Status.OPEN,
        1,
        date(2026, 11, 27),
    )


@pytest.mark.parametrize("who", ["clerk", "housing_a", "supervision", "office"])
def test_only_the_department_explains(hall, record, who):
    with pytest.raises(NotAllowed):
        services.record_explain(
            record=record, user=hall[who].user, explanation=EXPLANATION, at=at(date(2026, 11, 24))
        )
    record.refresh_from_db()
    assert record.status == Record.Status.OPEN and record.explanation == ""


def test_wrong_states_and_empty_text(hall, record):
    with pytest.raises(services.RecordError):
        services.record_review(
            record=record,
            user=hall["supervision"].user,
            accept=True,
            conclusion="",
            at=at(date(2026, 11, 24)),
        )
    with pytest.raises(ValidationError):
        services.record_explain(
            record=record, user=hall["chief"].user, explanation="已处理", at=at(date(2026, 11, 24))
        )
    services.record_explain(
        record=record, user=hall["chief"].user, explanation=EXPLANATION, at=at(date(2026, 11, 24))
    )
    with pytest.raises(services.RecordError):
        services.record_explain(
            record=record, user=hall["chief"].user, explanation=EXPLANATION, at=at(date(2026, 11, 24))
        )
    with pytest.raises(ValidationError):
        services.record_review(
            record=record,
            user=hall["supervision"].user,
            accept=False,
            conclusion=" ",
            at=at(date(2026, 11, 25)),
        )
    with pytest.raises(NotAllowed):
        services.record_review(
            record=record, user=hall["office"].user, accept=True, conclusion="", at=at(date(2026, 11, 25))
        )


def test_who_sees_which_records(hall, record):
    assert list(records_visible_to(hall["supervision"].user)) == [record]
    assert list(records_visible_to(hall["chief"].user)) == [record]
    assert list(records_visible_to(hall["housing_a"].user)) == []
    assert list(records_visible_to(hall["township_office"].user)) == []  # a county case
    assert list(records_visible_to(hall["clerk"].user)) == []
    assert list(records_visible_to(hall["market_a"].user)) == []  # a window clerk of the department


def test_a_chief_who_also_sits_at_a_window_answers_for_the_department(hall, record):
    """As in the demo: the market chief representative is a window clerk too (site scope)."""
    from onewindow.supervision.selectors import department_board, orders_visible_to

    both = make_staff(
        site=hall["county"],
        roles=[Role.CHIEF_REPRESENTATIVE, Role.WINDOW_CLERK],
        department=hall["market"],
        full_name="兼窗口首席",
    )
    order = services.order_issue(
        user=hall["supervision"].user,
        department=hall["market"],
        subject="办件超期未办结",
        body="请立即核查超期原因并书面回复。",
        reply_days=3,
        record=record,
        at=at(date(2026, 11, 24), 10),
    )
    assert list(records_visible_to(both.user)) == [record]
    assert list(orders_visible_to(both.user)) == [order]
    board = department_board(both.user, today=date(2026, 11, 24), warning_days=1)
    assert (board["records"], board["orders"]) == ([record], [order])
    services.record_explain(
        record=record, user=both.user, explanation=EXPLANATION, at=at(date(2026, 11, 24), 11)
    )


def test_rules_are_kept_by_the_supervision_section_and_inherited(hall):
    policy = services.policy_save(
        site=hall["county"],
        user=hall["supervision"].user,
        at=at(date(2026, 11, 16)),
        warn_on_yellow=False,
        warn_on_red=True,
        record_on_red=True,
        explain_working_days=5,
        disabled_checks=["FEE_MISMATCH"],
    )
    assert rules_for(hall["township"]).explain_working_days == 5
    assert rules_for(hall["township"]).source_site_id == hall["county"].pk
    assert rules_for(hall["township"]).disabled_checks == frozenset({"FEE_MISMATCH"})
    with pytest.raises(NotAllowed):
        services.policy_save(
            site=hall["county"],
            user=hall["office"].user,
            at=at(date(2026, 11, 16)),
            warn_on_yellow=True,
            warn_on_red=True,
            record_on_red=True,
            explain_working_days=2,
        )
    township_section = make_staff(site=hall["township"], roles=[Role.SUPERVISION_SECTION])
    with pytest.raises(NotAllowed):  # a township's section does not keep its county's rules
        services.policy_save(
            site=hall["county"],
            user=township_section.user,
            at=at(date(2026, 11, 16)),
            warn_on_yellow=True,
            warn_on_red=True,
            record_on_red=True,
            explain_working_days=2,
        )
    for bad in ({"explain_working_days": 0}, {"explain_working_days": 31}, {"disabled_checks": ["NOPE"]}):
        with pytest.raises(ValidationError):
            services.policy_save(
                site=hall["county"],
                user=hall["supervision"].user,
                at=at(date(2026, 11, 17)),
                **{
                    "warn_on_yellow": True,
                    "warn_on_red": True,
                    "record_on_red": True,
                    "explain_working_days": 2,
                    **bad,
                },
            )
    policy.refresh_from_db()
    assert (policy.explain_working_days, Policy.objects.count()) == (5, 1)
