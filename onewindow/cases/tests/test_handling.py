"""Handling an accepted case to its result, through the services (cases.services.handling, .delivery): joint review
and silent co-departments, suspension and hearings, the one extension, the decision, delivery,
withdrawal, termination, return and resubmission, reporting up, the clocks and lights, and the
timeline.

Every date is explicit (`at(day)`, Asia/Shanghai) and every expected due date is computed with the
working calendar from data: 2026-09-25 (Fri) is the Mid-Autumn holiday, 09-26/27 the weekend,
10-01..07 National Day, Saturday 10-10 a make-up working day.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases import clocks, selectors, services
from onewindow.cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
    Decision,
    Delivery,
    Extension,
    Notice,
    Suspension,
    Task,
)
from onewindow.cases.services import delivery as case_delivery
from onewindow.cases.services import handling
from onewindow.cases.services.delivery import DeliveryDetails
from onewindow.cases.services.handling import Hearing
from onewindow.cases.tests.factories import at, company, delegate, entries, person, published_item, receive
from onewindow.catalog.models import CaseKind, StepKind
from onewindow.common.api import NotAllowed
from onewindow.notifications.models import Notification
from onewindow.org.models import Role
from onewindow.org.services import DelegatedItem, delegation_create
from onewindow.org.tests.factories import make_department, make_staff
from onewindow.workcalendar.selectors import working_calendar

Action = CaseEvent.Action
TaskStatus = Task.Status

MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)
WEDNESDAY = date(2026, 11, 18)
THURSDAY = date(2026, 11, 19)
FRIDAY = date(2026, 11, 20)
NEXT_MONDAY = date(2026, 11, 23)
NEXT_TUESDAY = date(2026, 11, 24)

#: Around the Mid-Autumn and National Day holidays.
SEP_MONDAY = date(2026, 9, 21)
SEP_THURSDAY = date(2026, 9, 24)
SEP_MONDAY_AFTER = date(2026, 9, 28)
SEP_WEDNESDAY = date(2026, 9, 30)


def add(day: date, working_days: int) -> date:
    return working_calendar().add(day, working_days)


# Fixtures and helpers ----------------------------------------------------------------------------


@pytest.fixture
def env(hall):
    """A third department at the county hall (a co-department with no step of its own)."""
    return make_department(site=hall["county"], name="生态环境局")


@pytest.fixture
def staff(hall, env):
    """The co-departments' reviewers and a market chief representative holding no delegation."""
    county = hall["county"]
    return {
        "housing_reviewer": make_staff(
            site=county, roles=[Role.DEPARTMENT_REVIEWER], department=hall["housing"], full_name="住建审核"
        ),
        "env_reviewer": make_staff(
            site=county, roles=[Role.DEPARTMENT_REVIEWER], department=env, full_name="环保审核"
        ),
        "housing_chief": make_staff(
            site=county, roles=[Role.CHIEF_REPRESENTATIVE], department=hall["housing"], full_name="住建首席"
        ),
        "chief_without_letter": make_staff(
            site=county, roles=[Role.CHIEF_REPRESENTATIVE], department=hall["market"], full_name="无授权首席"
        ),
    }


def joint_item(hall, env, *, silence=True, today=date(2026, 11, 2)):
    """A joint item (联办件) of the market department: housing reviews in its own step (4 working
    days), the environment department has no step and gets the item's opinion limit (3); the lead
    reviews twice (2 + 2) and decides (1). 10 of 45 working days."""
    version = published_item(
        hall,
        today=today,
        name="餐饮服务联合审批",
        case_kind=CaseKind.JOINT,
        co_departments=[hall["housing"], env],
        co_opinion_limit=3,
        is_silence_consent=silence,
        promised_limit=10,
        statutory_limit=45,
        steps=[
            {"name": "受理", "limit_days": 1},
            {"name": "初审", "limit_days": 2},
            {"name": "复审", "limit_days": 2},
            {"name": "住建部门审查意见", "limit_days": 4, "department": hall["housing"]},
            {"name": "决定", "limit_days": 1},
        ],
    )
    delegate(hall, version)
    return version


def reported_item(hall, *, today=date(2026, 11, 2)):
    """An item reported up to a higher authority (上报件): one review step, an implicit decision."""
    version = published_item(
        hall,
        today=today,
        name="食品生产许可（上报）",
        case_kind=CaseKind.REPORTED,
        promised_limit=10,
        statutory_limit=20,
        steps=[{"name": "初审", "limit_days": 2}],
    )
    delegate(hall, version)
    return version


@pytest.fixture
def food(hall, seeded_calendar):
    """食品经营许可 (5 of 20 working days; steps 受理 1, 审查 3), covered by the chief's letter."""
    version = published_item(hall)
    delegate(hall, version)
    return version


@pytest.fixture
def autumn_food(hall, seeded_calendar):
    """The same item, in force from September (for the holiday arithmetic)."""
    version = published_item(hall, today=date(2026, 9, 1))
    delegate(hall, version)
    return version


def accepted(hall, version, day=MONDAY, **kwargs) -> Case:
    case = receive(hall, version, day=day, **kwargs)  # at 09:30
    return services.case_accept(case=case, user=hall["clerk"].user, at=at(day, 9, 45))


def online_case(version, user, *, day=MONDAY, hall=None) -> Case:
    """Applied for online by `user` (a person applying as themselves), then accepted."""
    case = services.case_receive(
        version=version, applicant=person(), materials=[], user=user, at=at(day, 8, 0)
    ).case
    brought = dict.fromkeys(("食品经营许可申请书", "法定代表人身份证明", "食品安全管理制度"), "RECEIVED")
    return services.case_accept(
        case=case, user=hall["clerk"].user, at=at(day, 9, 0), materials=entries(version, **brought)
    )


def task(case, name) -> Task:
    return case.tasks.get(name=name)


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def review(hall, case, day, *, hour=10, name="审查") -> Task:
    """The market reviewer agrees to the named lead step."""
    return handling.task_opinion(
        case=case, task_id=task(case, name).pk, user=hall["reviewer"].user, at=at(day, hour), verdict="AGREE"
    )


def decide(hall, case, day, *, hour=15, **kwargs) -> Notice:
    kwargs.setdefault("decision", Decision.APPROVED)
    return handling.case_decide(case=case, user=hall["chief"].user, at=at(day, hour), **kwargs)


def actions(case) -> list[str]:
    return list(fresh(case).events.order_by("at", "id").values_list("action", flat=True))


# 1. Joint case --------------------------------------------------------------------------------------


def test_joint_acceptance_opens_parallel_opinions_and_sequential_lead_steps(hall, seeded_calendar, env):
    case = accepted(hall, joint_item(hall, env))

    rows = list(case.tasks.order_by("sort_order"))
    assert [(row.kind, row.name, row.department, row.role, row.limit_days, row.status) for row in rows] == [
        (
            Task.Kind.OPINION,
            "住建部门审查意见",
            hall["housing"],
            Role.DEPARTMENT_REVIEWER,
            4,
            TaskStatus.ACTIVE,
        ),
        (Task.Kind.OPINION, "生态环境局意见", env, Role.DEPARTMENT_REVIEWER, 3, TaskStatus.ACTIVE),
        (Task.Kind.STEP, "初审", hall["market"], Role.DEPARTMENT_REVIEWER, 2, TaskStatus.ACTIVE),
        (Task.Kind.STEP, "复审", hall["market"], Role.DEPARTMENT_REVIEWER, 2, TaskStatus.WAITING),
        (Task.Kind.STEP, "决定", hall["market"], Role.CHIEF_REPRESENTATIVE, 1, TaskStatus.WAITING),
    ]
    # parallel opinions and the first lead step start on the day of acceptance, each on its own limit
    assert [(row.started_date, row.due_date) for row in rows] == [
        (MONDAY, FRIDAY),  # 4 working days
        (MONDAY, THURSDAY),  # the item's co_opinion_limit, 3
        (MONDAY, WEDNESDAY),  # 2
        (None, None),
        (None, None),
    ]
    assert rows[-1].step_kind == StepKind.DECIDE
    # the co-departments' opinions are marked as help to another department's case (their lists)
    assert [row.assisting for row in rows] == [True, True, False, False, False]
    assert case.promised_due_date == add(MONDAY, 10)
    assert case.statutory_due_date == add(MONDAY, 45)


def test_lead_steps_run_one_after_another(hall, seeded_calendar, env, staff):
    case = accepted(hall, joint_item(hall, env))

    first = review(hall, case, TUESDAY, name="初审")

    assert (first.status, first.verdict, first.completed_date) == (TaskStatus.DONE, "AGREE", TUESDAY)
    assert first.completed_by == hall["reviewer"]
    second = task(case, "复审")
    assert (second.status, second.started_date, second.due_date) == (TaskStatus.ACTIVE, TUESDAY, THURSDAY)
    assert task(case, "决定").status == TaskStatus.WAITING

    review(hall, case, WEDNESDAY, name="复审")
    assert task(case, "决定").status == TaskStatus.WAITING  # the co-departments' opinions are not in

    co_opinion(case, "住建部门审查意见", staff["housing_reviewer"], WEDNESDAY)
    assert task(case, "决定").status == TaskStatus.WAITING
    co_opinion(case, "生态环境局意见", staff["env_reviewer"], WEDNESDAY)
    last = task(case, "决定")
    assert (last.status, last.started_date, last.due_date) == (TaskStatus.ACTIVE, WEDNESDAY, THURSDAY)


def co_opinion(case, name, reviewer, day) -> Task:
    return handling.task_opinion(
        case=case, task_id=task(case, name).pk, user=reviewer.user, at=at(day, 11), verdict="AGREE"
    )


def test_opinions_only_on_running_review_tasks_and_by_their_department(hall, seeded_calendar, env, staff):
    case = accepted(hall, joint_item(hall, env))

    with pytest.raises(services.CaseError) as waiting:
        review(hall, case, TUESDAY, name="复审")
    assert waiting.value.code == "task_not_open"
    with pytest.raises(services.CaseError) as deciding:
        handling.task_opinion(
            case=case,
            task_id=task(case, "决定").pk,
            user=hall["chief"].user,
            at=at(TUESDAY),
            verdict="AGREE",
        )
    assert deciding.value.code == "task_is_decision"
    with pytest.raises(NotAllowed):  # the lead's reviewer does not answer for housing
        review(hall, case, TUESDAY, name="住建部门审查意见")
    with pytest.raises(NotAllowed):  # nor housing for the environment department
        handling.task_opinion(
            case=case,
            task_id=task(case, "生态环境局意见").pk,
            user=staff["housing_reviewer"].user,
            at=at(TUESDAY),
            verdict="AGREE",
        )
    with pytest.raises(ValidationError) as error:
        handling.task_opinion(
            case=case,
            task_id=task(case, "住建部门审查意见").pk,
            user=staff["housing_reviewer"].user,
            at=at(TUESDAY),
            verdict="DISAGREE",
        )
    assert set(error.value.message_dict) == {"opinion"}
    assert all(row.status != TaskStatus.DONE for row in case.tasks.all())
    assert actions(case).count(Action.OPINION) + actions(case).count(Action.CO_OPINION) == 0


def test_co_opinion_in_time_is_done_and_a_silent_one_is_deemed_consent(hall, seeded_calendar, env, staff):
    case = accepted(hall, joint_item(hall, env, silence=True))

    opinion = handling.task_opinion(
        case=case,
        task_id=task(case, "住建部门审查意见").pk,
        user=staff["housing_reviewer"].user,
        at=at(WEDNESDAY),
        verdict="AGREE",
        opinion="符合规划",
    )
    assert (opinion.status, opinion.opinion, opinion.completed_by) == (
        TaskStatus.DONE,
        "符合规划",
        staff["housing_reviewer"],
    )
    co_event = fresh(case).events.get(action=Action.CO_OPINION)
    assert (co_event.actor, co_event.department) == (staff["housing_reviewer"].user, hall["housing"])

    # the environment department's limit ends on Thursday: on that day it is still open
    assert handling.cases_settle_opinions(at=at(THURSDAY, 23)) == []
    assert task(case, "生态环境局意见").status == TaskStatus.ACTIVE

    assert handling.cases_settle_opinions(at=at(FRIDAY, 1)) == [case.number]

    silent = task(case, "生态环境局意见")
    assert (silent.status, silent.verdict, silent.completed_date, silent.completed_by) == (
        TaskStatus.DEEMED,
        "AGREE",
        FRIDAY,
        None,
    )
    deemed = fresh(case).events.get(action=Action.DEEMED_CONSENT)
    assert (deemed.department, deemed.actor, deemed.is_public) == (env, None, True)
    assert "2026-11-19" in deemed.comment
    assert task(case, "住建部门审查意见").status == TaskStatus.DONE  # untouched
    assert fresh(case).status == CaseStatus.ACCEPTED
    assert handling.cases_settle_opinions(at=at(FRIDAY, 2)) == []  # settled once
    assert not fresh(case).events.filter(action=Action.WARNING).exists()


def test_a_silent_co_department_is_escalated_and_blocks_the_decision_until_it_answers(
    hall, seeded_calendar, env, staff
):
    case = accepted(hall, joint_item(hall, env, silence=False))
    review(hall, case, TUESDAY, name="初审")
    review(hall, case, WEDNESDAY, name="复审")
    handling.task_opinion(
        case=case,
        task_id=task(case, "住建部门审查意见").pk,
        user=staff["housing_reviewer"].user,
        at=at(WEDNESDAY),
        verdict="AGREE",
    )

    assert handling.cases_settle_opinions(at=at(FRIDAY, 8)) == [case.number]

    silent = task(case, "生态环境局意见")
    assert (silent.status, silent.completed_at) == (TaskStatus.ESCALATED, None)
    escalated = fresh(case).events.get(action=Action.ESCALATED)
    assert (escalated.department, escalated.is_public) == (env, False)
    warning = fresh(case).events.get(action=Action.WARNING)
    assert warning.is_public is False and "生态环境局" in warning.comment
    assert Notification.objects.filter(
        user=hall["supervision"].user, case=case, subject="联办件协办部门逾期未提出意见"
    ).exists()
    assert handling.cases_settle_opinions(at=at(FRIDAY, 9)) == []  # escalated once

    with pytest.raises(services.CaseError) as blocked:
        decide(hall, case, FRIDAY)
    assert blocked.value.code == "tasks_open"
    assert "生态环境局" in blocked.value.message
    assert fresh(case).status == CaseStatus.ACCEPTED

    late = handling.task_opinion(
        case=case,
        task_id=silent.pk,
        user=staff["env_reviewer"].user,
        at=at(NEXT_MONDAY, 9),
        verdict="AGREE",
        opinion="迟复：同意",
    )
    assert (late.status, late.completed_date) == (TaskStatus.DONE, NEXT_MONDAY)

    decide(hall, case, NEXT_MONDAY)
    assert fresh(case).status == CaseStatus.COMPLETED


def test_a_decision_after_a_co_limit_deems_the_silent_department_first(hall, seeded_calendar, env, staff):
    case = accepted(hall, joint_item(hall, env, silence=True))
    review(hall, case, TUESDAY, name="初审")
    review(hall, case, WEDNESDAY, name="复审")
    handling.task_opinion(
        case=case,
        task_id=task(case, "住建部门审查意见").pk,
        user=staff["housing_reviewer"].user,
        at=at(WEDNESDAY),
        verdict="AGREE",
    )
    with pytest.raises(services.CaseError) as early:  # Thursday: the environment department may still answer
        decide(hall, case, THURSDAY)
    assert early.value.code == "tasks_open"

    decide(hall, case, FRIDAY)

    assert task(case, "生态环境局意见").status == TaskStatus.DEEMED
    assert actions(case)[-2:] == [Action.DEEMED_CONSENT, Action.DECIDED]


def test_no_consent_is_deemed_while_the_case_is_suspended(hall, seeded_calendar, env):
    case = accepted(hall, joint_item(hall, env, silence=True))
    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(TUESDAY),
        kind="EXPERT_REVIEW",
        reason="专家评审",
        expected_days=5,
    )

    assert handling.cases_settle_opinions(at=at(NEXT_MONDAY)) == []
    assert task(case, "生态环境局意见").status == TaskStatus.ACTIVE

    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(NEXT_MONDAY)
    )
    moved = task(case, "生态环境局意见")
    assert moved.due_date == add(THURSDAY, 4)  # 11-18, 19, 20, 23 did not count
    assert handling.cases_settle_opinions(at=at(moved.due_date, 18)) == []
    assert handling.cases_settle_opinions(at=at(add(moved.due_date, 1), 8)) == [case.number]
    assert task(case, "生态环境局意见").status == TaskStatus.DEEMED


def test_a_joint_review_meeting_is_recorded(hall, seeded_calendar, env):
    case = accepted(hall, joint_item(hall, env))
    meeting = handling.meeting_record(
        case=case,
        user=hall["office"].user,
        at=at(TUESDAY, 16),
        held_date=TUESDAY,
        departments=[hall["market"], hall["housing"], env],
        participants="市场监管局陈海燕；住建局；生态环境局",
        conclusions="同意按联办件办理",
        place="三楼会议室",
    )
    assert set(meeting.departments.all()) == {hall["market"], hall["housing"], env}
    assert meeting.recorded_by == hall["office"]
    event = fresh(case).events.get(action=Action.MEETING)
    assert (event.actor, event.department) == (hall["office"].user, hall["market"])

    with pytest.raises(ValidationError) as error:
        handling.meeting_record(
            case=case,
            user=hall["office"].user,
            at=at(TUESDAY, 16),
            held_date=WEDNESDAY,
            departments=[],
            participants=" ",
            conclusions="",
        )
    assert set(error.value.message_dict) == {"held_date", "departments", "participants", "conclusions"}


# 2. Suspension ---------------------------------------------------------------------------------------


def test_suspension_moves_both_due_dates_and_running_tasks_by_the_working_days_it_lasted(hall, autumn_food):
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    promised, statutory = case.promised_due_date, case.statutory_due_date
    assert promised == date(2026, 9, 29)
    step = task(case, "审查")
    assert step.due_date == SEP_THURSDAY

    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(SEP_THURSDAY, 10),
        kind=Suspension.Kind.TESTING,
        reason="委托检测机构检测",
        expected_days=3,
    )

    assert fresh(case).status == CaseStatus.SUSPENDED
    assert suspension.expected_end_date == SEP_WEDNESDAY  # 09-25..27 are not working days
    assert suspension.notice.kind == Notice.Kind.SUSPENSION
    assert fresh(case).notices.filter(kind=Notice.Kind.SUSPENSION).count() == 1
    with pytest.raises(services.WrongState):
        decide(hall, case, SEP_MONDAY_AFTER)
    assert fresh(case).status == CaseStatus.SUSPENDED

    ended = handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(SEP_WEDNESDAY, 11)
    )

    assert (ended.working_days, ended.ended_date) == (3, SEP_WEDNESDAY)
    case = fresh(case)
    assert case.status == CaseStatus.ACCEPTED
    assert case.suspended_days == 3
    assert case.promised_due_date == add(promised, 3) == date(2026, 10, 9)
    assert case.statutory_due_date == add(statutory, 3)
    assert task(case, "审查").due_date == add(SEP_THURSDAY, 3) == SEP_WEDNESDAY
    assert task(case, "决定").due_date is None  # not started: nothing to move
    assert actions(case)[-2:] == [Action.SUSPENDED, Action.RESUMED]


def test_two_suspensions_add_up(hall, autumn_food):
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    promised, statutory = case.promised_due_date, case.statutory_due_date
    first = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(SEP_THURSDAY),
        kind=Suspension.Kind.INSPECTION,
        reason="现场检验",
        expected_days=3,
    )
    handling.suspension_end(
        case=case, suspension_id=first.pk, user=hall["reviewer"].user, at=at(SEP_WEDNESDAY)
    )
    second = handling.case_suspend(
        case=case,
        user=hall["chief"].user,
        at=at(date(2026, 10, 8)),
        kind=Suspension.Kind.EXPERT_REVIEW,
        reason="专家评审",
        expected_days=2,
    )
    ended = handling.suspension_end(
        case=case, suspension_id=second.pk, user=hall["chief"].user, at=at(date(2026, 10, 12))
    )

    assert ended.working_days == 3  # 10-09 (Fri), 10-10 (make-up Saturday), 10-12 (Mon)
    case = fresh(case)
    total = 3 + 3
    assert case.suspended_days == total
    assert case.promised_due_date == add(promised, total)
    assert case.statutory_due_date == add(statutory, total)
    assert list(case.notices.filter(kind=Notice.Kind.SUSPENSION).values_list("sequence", flat=True)) == [1, 2]
    assert case.notices.get(kind=Notice.Kind.SUSPENSION, sequence=2).document_number.endswith("-2号")


def test_a_suspension_cannot_start_twice_and_only_an_open_one_ends(hall, autumn_food):
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(SEP_THURSDAY),
        kind=Suspension.Kind.TESTING,
        reason="检测",
        expected_days=3,
    )
    with pytest.raises(services.WrongState):
        handling.case_suspend(
            case=case,
            user=hall["reviewer"].user,
            at=at(SEP_THURSDAY, 11),
            kind=Suspension.Kind.APPRAISAL,
            reason="鉴定",
            expected_days=3,
        )
    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(SEP_WEDNESDAY)
    )
    with pytest.raises(services.WrongState):
        handling.suspension_end(
            case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(SEP_WEDNESDAY, 12)
        )
    assert fresh(case).suspended_days == 3


def test_suspension_needs_a_kind_a_reason_and_a_duration(hall, food):
    case = accepted(hall, food)
    with pytest.raises(ValidationError) as error:
        handling.case_suspend(case=case, user=hall["reviewer"].user, at=at(TUESDAY), kind="NAP", reason=" ")
    assert set(error.value.message_dict) == {"kind", "reason"}
    with pytest.raises(ValidationError) as error:
        handling.case_suspend(
            case=case,
            user=hall["reviewer"].user,
            at=at(TUESDAY),
            kind="TESTING",
            reason="检测",
            expected_days=0,
        )
    assert set(error.value.message_dict) == {"expected_days"}
    assert fresh(case).status == CaseStatus.ACCEPTED


def test_a_step_started_while_suspended_moves_only_by_the_suspended_days_after_its_start(hall, autumn_food):
    """Opinions go on while the clock is stopped. The review finished on Monday 09-28, during a
    suspension that began on Thursday 09-24, starts the decision step (1 working day: due 09-29).
    The suspension ends on Wednesday 09-30: of its three working days (09-28, 09-29, 09-30) only
    two (09-29, 09-30) came after the step started, so the step is due 10-08 (= one working day
    after the clock restarted on 09-30), not 10-09."""
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(SEP_THURSDAY, 10),
        kind=Suspension.Kind.TESTING,
        reason="检测",
        expected_days=3,
    )
    review(hall, case, SEP_MONDAY_AFTER)
    started = task(case, "决定")
    assert (started.started_date, started.due_date) == (SEP_MONDAY_AFTER, date(2026, 9, 29))

    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(SEP_WEDNESDAY)
    )

    assert task(case, "决定").due_date == date(2026, 10, 8)


NOTIFIED = date(2026, 11, 10)  # Tuesday: the applicant is told of the right to a hearing
REQUESTED = date(2026, 11, 13)  # Friday: 3 working days later


def hearing(**fields) -> Hearing:
    return Hearing(
        **{
            "rights_notified_date": NOTIFIED,
            "requested_date": REQUESTED,
            "announced_date": MONDAY,
            "hearing_date": date(2026, 11, 25),  # 7 working days after Monday the 16th
            "place": "听证室",
            **fields,
        }
    )


def suspend_for(hall, case, value: Hearing) -> Suspension:
    return handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(MONDAY, 16),
        kind=Suspension.Kind.HEARING,
        reason="申请人申请听证",
        hearing=value,
    )


def test_a_hearing_within_its_limits_suspends_until_the_hearing_day(hall, food):
    case = accepted(hall, food)

    suspension = suspend_for(hall, case, hearing())

    assert (suspension.hearing_date, suspension.announced_date) == (date(2026, 11, 25), MONDAY)
    assert (suspension.rights_notified_date, suspension.requested_date) == (NOTIFIED, REQUESTED)
    assert suspension.hearing_place == "听证室"
    assert suspension.expected_days == 7 and suspension.expected_end_date == date(2026, 11, 25)
    assert fresh(case).status == CaseStatus.SUSPENDED


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        # asked 5 working days after being told (11-02 + 5 = 11-09) is in time; 11-10 is late
        ({"rights_notified_date": date(2026, 11, 2), "requested_date": date(2026, 11, 10)}, "requested_date"),
        # held within 20 working days of the request: 11-13 + 20 = 12-11; 12-14 is too late
        ({"hearing_date": date(2026, 12, 14)}, "hearing_date"),
        # announced 7 working days ahead: Monday 11-16 to 11-24 is only 6
        ({"hearing_date": date(2026, 11, 24)}, "announced_date"),
        (
            {"announced_date": TUESDAY, "hearing_date": date(2026, 12, 1)},
            "announced_date",
        ),  # not yet announced
        ({"requested_date": date(2026, 11, 9)}, "requested_date"),  # before being told of the right
        ({"rights_notified_date": None}, "rights_notified_date"),  # asked, but when was he told?
    ],
)
def test_a_hearing_outside_its_limits_is_refused(hall, food, fields, field):
    case = accepted(hall, food)
    with pytest.raises(ValidationError) as error:
        suspend_for(hall, case, hearing(**fields))
    assert set(error.value.message_dict) == {field}
    assert fresh(case).status == CaseStatus.ACCEPTED
    assert not Suspension.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"rights_notified_date": date(2026, 11, 2), "requested_date": date(2026, 11, 9)},
        {"hearing_date": date(2026, 12, 11)},
        {"requested_date": None, "rights_notified_date": None},  # of the authority's own motion
    ],
)
def test_a_hearing_on_the_edge_of_its_limits_is_accepted(hall, food, fields):
    case = accepted(hall, food)
    assert suspend_for(hall, case, hearing(**fields)).kind == Suspension.Kind.HEARING


def test_a_hearing_needs_its_dates(hall, food):
    case = accepted(hall, food)
    with pytest.raises(ValidationError) as error:
        suspend_for(hall, case, None)
    assert set(error.value.message_dict) == {"hearing_date"}


# 3. Extension --------------------------------------------------------------------------------------------


def test_an_extension_is_at_most_10_working_days_for_a_single_department(hall, food):
    case = accepted(hall, food)
    with pytest.raises(ValidationError) as error:
        handling.extension_request(
            case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="复杂", days=11
        )
    assert set(error.value.message_dict) == {"days"}
    extension = handling.extension_request(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="复杂"
    )
    assert (extension.days, extension.status, extension.requested_by) == (
        10,
        Extension.Status.REQUESTED,
        hall["reviewer"],
    )
    assert fresh(case).promised_due_date == add(MONDAY, 5)  # nothing moves before approval
    assert Notification.objects.filter(user=hall["chief"].user, subject="延长办理期限待批准").exists()


def test_an_extension_is_at_most_15_working_days_for_a_joint_case(hall, seeded_calendar, env):
    case = accepted(hall, joint_item(hall, env))
    with pytest.raises(ValidationError) as error:
        handling.extension_request(
            case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="复杂", days=16
        )
    assert set(error.value.message_dict) == {"days"}
    extension = handling.extension_request(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="复杂"
    )
    assert extension.days == 15


def test_the_delegated_chief_approves_an_extension_which_moves_both_due_dates_once(hall, food, staff):
    case = accepted(hall, food)
    promised, statutory = case.promised_due_date, case.statutory_due_date
    extension = handling.extension_request(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="需补充现场核查", days=10
    )
    with pytest.raises(NotAllowed) as reviewer:
        handling.extension_decide(
            case=case, extension_id=extension.pk, user=hall["reviewer"].user, at=at(WEDNESDAY), approve=True
        )
    assert reviewer.value.code == "not_extension_approver"
    with pytest.raises(NotAllowed) as unlettered:
        handling.extension_decide(
            case=case,
            extension_id=extension.pk,
            user=staff["chief_without_letter"].user,
            at=at(WEDNESDAY),
            approve=True,
        )
    assert unlettered.value.code == "not_extension_approver"

    approved = handling.extension_decide(
        case=case, extension_id=extension.pk, user=hall["chief"].user, at=at(WEDNESDAY), approve=True
    )

    assert (approved.status, approved.decided_by) == (Extension.Status.APPROVED, hall["chief"])
    assert approved.notice.kind == Notice.Kind.EXTENSION
    case = fresh(case)
    assert case.promised_due_date == add(promised, 10)
    assert case.statutory_due_date == add(statutory, 10)
    assert case.extended_days == 10
    assert case.events.filter(action=Action.EXTENSION_APPROVED, actor=hall["chief"].user).count() == 1

    with pytest.raises(services.CaseError) as again:
        handling.extension_request(
            case=case, user=hall["reviewer"].user, at=at(THURSDAY), reason="仍需时间", days=1
        )
    assert again.value.code == "extension_used"
    assert fresh(case).promised_due_date == add(promised, 10)


def test_a_refused_extension_moves_nothing_and_another_may_be_asked(hall, food):
    case = accepted(hall, food)
    promised = case.promised_due_date
    first = handling.extension_request(case=case, user=hall["agent"].user, at=at(TUESDAY), reason="材料复杂")
    with pytest.raises(services.CaseError) as pending:
        handling.extension_request(case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="再次")
    assert pending.value.code == "extension_pending"
    refused = handling.extension_decide(
        case=case,
        extension_id=first.pk,
        user=hall["chief"].user,
        at=at(WEDNESDAY),
        approve=False,
        comment="不必",
    )
    assert refused.status == Extension.Status.REJECTED and refused.notice is None
    assert fresh(case).promised_due_date == promised
    assert not fresh(case).notices.filter(kind=Notice.Kind.EXTENSION).exists()
    second = handling.extension_request(
        case=case, user=hall["chief"].user, at=at(THURSDAY), reason="确需延长", days=3, approve=True
    )
    assert second.status == Extension.Status.APPROVED
    assert fresh(case).promised_due_date == add(promised, 3)


def test_no_extension_after_the_statutory_date_or_while_suspended(hall, food):
    case = accepted(hall, food)
    handling.case_suspend(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), kind="TESTING", reason="检测", expected_days=2
    )
    with pytest.raises(services.WrongState):
        handling.extension_request(case=case, user=hall["reviewer"].user, at=at(WEDNESDAY), reason="延长")

    other = accepted(hall, food)
    late = add(other.statutory_due_date, 1)
    with pytest.raises(services.CaseError) as error:
        handling.extension_request(case=other, user=hall["reviewer"].user, at=at(late), reason="延长")
    assert error.value.code == "extension_too_late"


def test_a_letter_naming_the_item_does_not_make_another_departments_chief_an_approver(
    hall, seeded_calendar, env, staff
):
    """Only the lead department's chief representative decides (decision_authority's docstring:
    "the chief representative of the lead department whose letter covers the item"); a
    co-department's chief whose letter happens to name the item is not the lead."""
    version = joint_item(hall, env)
    delegation_create(
        chief_representative=staff["housing_chief"],
        letter_number="住建授〔2026〕1号",
        signed_by="王局长",
        valid_from_date=date(2026, 1, 1),
        items=[DelegatedItem(item_code=version.item.implementation_code, item_name=version.name)],
    )
    case = accepted(hall, version)
    extension = handling.extension_request(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="复杂"
    )
    with pytest.raises(NotAllowed):
        handling.extension_decide(
            case=case,
            extension_id=extension.pk,
            user=staff["housing_chief"].user,
            at=at(TUESDAY),
            approve=True,
        )
    assert fresh(case).extended_days == 0


# 4. Decision -------------------------------------------------------------------------------------------------


def test_no_decision_while_review_steps_are_open(hall, food):
    case = accepted(hall, food)
    with pytest.raises(services.CaseError) as error:
        decide(hall, case, TUESDAY)
    assert error.value.code == "tasks_open"
    assert "审查" in error.value.message
    assert fresh(case).status == CaseStatus.ACCEPTED
    assert not fresh(case).events.filter(action=Action.DECIDED).exists()


def test_approval_sets_the_result_and_issues_decision_and_certificate(hall, food):
    case = accepted(hall, food)
    review(hall, case, TUESDAY)

    notice = decide(hall, case, WEDNESDAY, valid_until=date(2031, 11, 17))

    assert notice.kind == Notice.Kind.DECISION
    case = fresh(case)
    assert case.status == CaseStatus.COMPLETED
    assert (case.decision, case.decision_reason, case.remedies) == (Decision.APPROVED, "", "")
    assert case.result_name == food.result_name == "食品经营许可证"
    assert case.result_number == case.number
    assert (case.result_valid_from, case.result_valid_until) == (WEDNESDAY, date(2031, 11, 17))
    assert (case.decided_date, case.decided_by) == (WEDNESDAY, hall["chief"])
    assert case.delivery_due_date == add(WEDNESDAY, 10) == date(2026, 12, 2)
    assert sorted(case.notices.values_list("kind", flat=True)) == sorted(
        [Notice.Kind.ACCEPTANCE, Notice.Kind.DECISION, Notice.Kind.CERTIFICATE]
    )
    assert not case.tasks.filter(status__in=handling.OPEN_TASK_STATUSES).exists()
    decided = task(case, "决定")
    assert (decided.status, decided.completed_by) == (TaskStatus.DONE, hall["chief"])
    assert not case.events.filter(action=Action.WARNING).exists()  # in time
    with pytest.raises(services.WrongState):
        decide(hall, case, THURSDAY)


def test_approval_keeps_a_given_result_name_and_number(hall, food):
    case = accepted(hall, food)
    review(hall, case, TUESDAY)
    decide(hall, case, WEDNESDAY, result_name="食品经营许可证（副本）", result_number="JY12102830001234")
    case = fresh(case)
    assert (case.result_name, case.result_number) == ("食品经营许可证（副本）", "JY12102830001234")


def test_a_denial_needs_reasons_and_states_the_remedies(hall, food):
    case = accepted(hall, food)
    review(hall, case, TUESDAY)
    with pytest.raises(ValidationError) as error:
        decide(hall, case, WEDNESDAY, decision=Decision.DENIED, reason="  ")
    assert set(error.value.message_dict) == {"reason"}

    decide(hall, case, WEDNESDAY, decision=Decision.DENIED, reason="经营场所不符合要求")

    case = fresh(case)
    assert (case.decision, case.decision_reason) == (Decision.DENIED, "经营场所不符合要求")
    assert case.remedies == str(handling.REMEDIES)
    assert "行政复议" in case.remedies and "行政诉讼" in case.remedies
    assert (case.result_name, case.result_number, case.result_valid_from) == ("", "", None)
    assert not case.notices.filter(kind=Notice.Kind.CERTIFICATE).exists()
    assert case.notices.filter(kind=Notice.Kind.DECISION).count() == 1
    assert task(case, "决定").verdict == "DISAGREE"


def test_only_a_delegated_chief_decides(hall, food, staff):
    case = accepted(hall, food)
    review(hall, case, TUESDAY)
    for user in (staff["chief_without_letter"].user, hall["reviewer"].user, hall["clerk"].user):
        with pytest.raises(NotAllowed) as error:
            handling.case_decide(case=case, user=user, at=at(WEDNESDAY), decision=Decision.APPROVED)
        assert error.value.code == "no_delegation"
    assert fresh(case).status == CaseStatus.ACCEPTED


def test_an_expired_letter_does_not_decide(hall, seeded_calendar):
    version = published_item(hall)
    delegation_create(
        chief_representative=hall["chief"],
        letter_number="市监授〔2026〕99号",
        signed_by="李局长",
        valid_from_date=date(2026, 1, 1),
        valid_to_date=WEDNESDAY,
        items=[DelegatedItem(item_code=version.item.implementation_code, item_name=version.name)],
    )
    case = accepted(hall, version)
    review(hall, case, TUESDAY)
    with pytest.raises(NotAllowed) as error:
        decide(hall, case, WEDNESDAY)
    assert error.value.code == "no_delegation"
    decide(hall, case, TUESDAY, hour=16)
    assert fresh(case).decided_by == hall["chief"]


def test_a_late_decision_warns_supervision(hall, food):
    case = accepted(hall, food)
    review(hall, case, TUESDAY)
    decide(hall, case, add(case.promised_due_date, 1))
    assert fresh(case).events.filter(action=Action.WARNING).count() == 1
    assert Notification.objects.filter(user=hall["supervision"].user, case=case, subject="办结超期").exists()


def test_a_validity_ending_before_the_decision_day_is_refused(hall, food):
    """Without `valid_from` the result is valid from the decision day; an end before that day is
    as wrong as an end before a given start (case_decide checks only the latter)."""
    case = accepted(hall, food)
    review(hall, case, TUESDAY)
    with pytest.raises(ValidationError) as error:
        decide(hall, case, WEDNESDAY, valid_until=date(2026, 11, 1))
    assert set(error.value.message_dict) == {"valid_until"}
    assert fresh(case).status == CaseStatus.ACCEPTED


# 5. Delivery ------------------------------------------------------------------------------------------


WINDOW = DeliveryDetails(method=Delivery.Method.WINDOW, recipient_name="张晓梅")


def decided(hall, version, day=MONDAY) -> Case:
    case = accepted(hall, version, day=day)
    review(hall, case, day, hour=11)
    decide(hall, case, day)
    return fresh(case)


def test_no_delivery_before_the_decision(hall, food):
    case = accepted(hall, food)
    with pytest.raises(services.WrongState):
        case_delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(TUESDAY), details=WINDOW)
    assert not Delivery.objects.exists()


def test_mail_needs_a_carrier_a_waybill_and_an_address(hall, food):
    case = decided(hall, food)
    with pytest.raises(ValidationError) as error:
        case_delivery.case_deliver(
            case=case,
            user=hall["clerk"].user,
            at=at(TUESDAY),
            details=DeliveryDetails(
                method=Delivery.Method.MAIL, carrier=" ", waybill_number="12", address=""
            ),
        )
    assert set(error.value.message_dict) == {"carrier", "waybill_number", "address"}
    with pytest.raises(ValidationError) as error:
        case_delivery.case_deliver(
            case=case, user=hall["clerk"].user, at=at(TUESDAY), details=DeliveryDetails(method="WINDOW")
        )
    assert set(error.value.message_dict) == {"recipient_name"}
    assert fresh(case).status == CaseStatus.COMPLETED


def test_delivery_by_mail_in_time(hall, food):
    case = decided(hall, food)
    delivery = case_delivery.case_deliver(
        case=case,
        user=hall["agent"].user,
        at=at(TUESDAY),
        details=DeliveryDetails(
            method=Delivery.Method.MAIL,
            carrier="中国邮政EMS",
            waybill_number="EA123456789CN",
            address="庄河市昌盛街1号",
        ),
    )
    assert (delivery.is_late, delivery.delivered_date, delivery.delivered_by) == (
        False,
        TUESDAY,
        hall["agent"],
    )
    case = fresh(case)
    assert case.status == CaseStatus.DELIVERED
    event = case.events.get(action=Action.DELIVERED)
    assert "EA123456789CN" in event.comment and event.actor == hall["agent"].user
    assert not case.events.filter(action=Action.WARNING).exists()
    with pytest.raises(services.WrongState):
        case_delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(TUESDAY, 11), details=WINDOW)


def test_late_delivery_is_flagged_and_warns_supervision(hall, food):
    case = decided(hall, food)
    assert case.delivery_due_date == add(MONDAY, 10)
    delivery = case_delivery.case_deliver(
        case=case, user=hall["clerk"].user, at=at(add(case.delivery_due_date, 1)), details=WINDOW
    )
    assert delivery.is_late is True
    assert fresh(case).events.filter(action=Action.WARNING).count() == 1
    assert Notification.objects.filter(user=hall["supervision"].user, case=case, subject="送达超期").exists()


def test_delivery_on_the_due_day_is_not_late(hall, food):
    case = decided(hall, food)
    delivery = case_delivery.case_deliver(
        case=case, user=hall["clerk"].user, at=at(case.delivery_due_date, 17), details=WINDOW
    )
    assert delivery.is_late is False


def test_the_delivery_clock_of_a_result_delivered_early_in_the_morning_after_its_due_day_is_red(hall, food):
    """Delivered at 07:00 Shanghai time on the day after the delivery limit (23:00 UTC on the due
    day): late by the hall's calendar, and the delivery clock must say so."""
    case = decided(hall, food)
    late_day = add(case.delivery_due_date, 1)
    delivery = case_delivery.case_deliver(
        case=case, user=hall["clerk"].user, at=at(late_day, 7, 0), details=WINDOW
    )
    assert delivery.is_late is True

    delivery_clock = selectors.case_clocks(fresh(case), today=late_day, warning_days=1)[-1]

    assert delivery_clock.name == "送达期限"
    assert (delivery_clock.finished, delivery_clock.light) == (late_day, clocks.RED)


# 6. Withdrawal, termination, return and resubmission ------------------------------------------------------


@pytest.fixture
def applicant_a(django_user_model):
    return django_user_model.objects.create_user("applicant-a", full_name="张晓梅")


@pytest.fixture
def applicant_b(django_user_model):
    return django_user_model.objects.create_user("applicant-b", full_name="李海涛")


def test_the_applicant_withdraws_their_own_case(hall, food, applicant_a, applicant_b):
    case = online_case(food, applicant_a, hall=hall)
    assert case.applicant_user == applicant_a

    with pytest.raises(NotAllowed):
        handling.case_withdraw(case=case, user=applicant_b, at=at(TUESDAY), reason="不办了")
    assert fresh(case).status == CaseStatus.ACCEPTED
    with pytest.raises(ValidationError) as error:
        handling.case_withdraw(case=case, user=applicant_a, at=at(TUESDAY), reason=" ")
    assert set(error.value.message_dict) == {"reason"}

    handling.case_withdraw(case=case, user=applicant_a, at=at(TUESDAY), reason="经营计划调整")

    case = fresh(case)
    assert (case.status, case.closing_reason) == (CaseStatus.WITHDRAWN, "经营计划调整")
    assert case.closed_at == at(TUESDAY)
    assert set(case.tasks.values_list("status", flat=True)) == {TaskStatus.CANCELLED}
    event = case.events.get(action=Action.WITHDRAWN)
    assert (event.actor, event.from_status, event.to_status) == (applicant_a, "ACCEPTED", "WITHDRAWN")
    with pytest.raises(services.WrongState):
        handling.case_withdraw(case=case, user=applicant_a, at=at(WEDNESDAY), reason="再撤")


def test_withdrawal_while_suspended_ends_the_suspension(hall, autumn_food):
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(SEP_THURSDAY),
        kind="TESTING",
        reason="检测",
        expected_days=3,
    )
    handling.case_withdraw(
        case=case, user=hall["clerk"].user, at=at(SEP_WEDNESDAY), reason="申请人书面申请撤回"
    )
    suspension.refresh_from_db()
    assert (suspension.ended_date, suspension.working_days) == (SEP_WEDNESDAY, 3)
    assert fresh(case).status == CaseStatus.WITHDRAWN
    assert fresh(case).suspended_days == 3


def test_a_withdrawal_before_acceptance(hall, food):
    case = receive(hall, food)
    handling.case_withdraw(case=case, user=hall["clerk"].user, at=at(MONDAY, 11), reason="申请人撤回")
    assert fresh(case).status == CaseStatus.WITHDRAWN and fresh(case).number is None


def test_termination_by_the_delegated_chief_only(hall, food, staff):
    case = accepted(hall, food)
    for user in (hall["reviewer"].user, staff["chief_without_letter"].user, hall["clerk"].user):
        with pytest.raises(NotAllowed) as error:
            handling.case_terminate(case=case, user=user, at=at(TUESDAY), reason="申请人已注销")
        assert error.value.code == "no_delegation"

    notice = handling.case_terminate(
        case=case, user=hall["chief"].user, at=at(TUESDAY), reason="申请人已注销"
    )

    assert notice.kind == Notice.Kind.TERMINATION
    case = fresh(case)
    assert (case.status, case.closing_reason) == (CaseStatus.TERMINATED, "申请人已注销")
    assert set(case.tasks.values_list("status", flat=True)) == {TaskStatus.CANCELLED}


def test_return_and_resubmission(hall, food):
    applicant = company()
    case = accepted(hall, food, applicant=applicant)

    notice = handling.case_return(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="经营场所与申请不符"
    )

    assert notice.kind == Notice.Kind.RETURN
    assert notice.document_number == f"退〔2026〕{case.number}号"
    returned = fresh(case)
    assert (returned.status, returned.closing_reason) == (CaseStatus.RETURNED, "经营场所与申请不符")
    assert set(returned.tasks.values_list("status", flat=True)) == {TaskStatus.CANCELLED}

    again = receive(hall, food, day=NEXT_MONDAY, applicant=company(), original=returned)

    assert again.original == returned
    assert again.status == CaseStatus.RECEIVED
    assert again.kind_label == "补办件"
    assert returned.number in again.events.get(action=Action.RECEIVED).comment
    assert list(returned.resubmissions.all()) == [again]


def test_a_resubmission_needs_a_returned_case_of_the_same_applicant_and_item(hall, food):
    open_case = accepted(hall, food)
    with pytest.raises(ValidationError) as error:
        receive(hall, food, day=TUESDAY, original=open_case)
    assert set(error.value.message_dict) == {"original"}

    returned = accepted(hall, food)
    handling.case_return(case=returned, user=hall["reviewer"].user, at=at(TUESDAY), reason="退回")
    with pytest.raises(ValidationError) as error:
        receive(hall, food, day=WEDNESDAY, applicant=person(), original=fresh(returned))
    assert set(error.value.message_dict) == {"original"}
    other_item = published_item(hall, name="食品小作坊登记")
    with pytest.raises(ValidationError) as error:
        receive(hall, other_item, day=WEDNESDAY, original=fresh(returned))
    assert set(error.value.message_dict) == {"original"}
    assert Case.objects.filter(original__isnull=False).count() == 0


def test_return_is_for_the_lead_department(hall, food):
    case = accepted(hall, food)
    for user in (hall["clerk"].user, hall["agent"].user):
        with pytest.raises(NotAllowed):
            handling.case_return(case=case, user=user, at=at(TUESDAY), reason="退回")
    assert fresh(case).status == CaseStatus.ACCEPTED


# 7. Reported up -----------------------------------------------------------------------------------------


def test_a_reported_case_is_forwarded_in_3_days_and_the_applicant_told_in_2_after_the_reply(
    hall, seeded_calendar
):
    case = accepted(hall, reported_item(hall))
    report = case.tasks.get(kind=Task.Kind.REPORT)
    assert (report.status, report.role, report.department) == (
        TaskStatus.ACTIVE,
        Role.CHIEF_REPRESENTATIVE,
        hall["market"],
    )
    assert (report.started_date, report.due_date) == (MONDAY, add(MONDAY, 3)) == (MONDAY, THURSDAY)

    with pytest.raises(services.CaseError) as early:
        handling.case_report_reply(
            case=case,
            user=hall["chief"].user,
            at=at(TUESDAY),
            reply_date=TUESDAY,
            verdict="AGREE",
            text="同意",
        )
    assert early.value.code == "not_yet_reported"

    forwarded = handling.case_report_up(
        case=case,
        user=hall["chief"].user,
        at=at(TUESDAY),
        authority="大连市市场监督管理局",
        reference="庄市监〔2026〕8号",
    )
    assert (forwarded.status, forwarded.counterpart, forwarded.reference) == (
        TaskStatus.DONE,
        "大连市市场监督管理局",
        "庄市监〔2026〕8号",
    )
    with pytest.raises(services.CaseError) as twice:
        handling.case_report_up(case=case, user=hall["chief"].user, at=at(TUESDAY, 11), authority="大连市")
    assert twice.value.code == "already_reported"
    review(hall, case, WEDNESDAY, name="初审")

    inform = handling.case_report_reply(
        case=case,
        user=hall["reviewer"].user,
        at=at(NEXT_MONDAY),
        reply_date=FRIDAY,
        verdict="AGREE",
        text="同意许可",
        reference="大市监复〔2026〕3号",
    )
    assert (inform.kind, inform.status, inform.started_date) == (Task.Kind.INFORM, TaskStatus.ACTIVE, FRIDAY)
    assert inform.due_date == add(FRIDAY, 2) == NEXT_TUESDAY
    assert inform.counterpart == "大连市市场监督管理局"

    decide(hall, case, NEXT_MONDAY)

    inform.refresh_from_db()
    assert (inform.status, inform.completed_date) == (TaskStatus.DONE, NEXT_MONDAY)
    assert fresh(case).status == CaseStatus.COMPLETED
    assert not fresh(case).events.filter(action=Action.WARNING).exists()
    assert actions(case).count(Action.REPORTED_UP) == actions(case).count(Action.REPORT_REPLY) == 1


def test_a_late_forwarding_warns_supervision(hall, seeded_calendar):
    case = accepted(hall, reported_item(hall))
    handling.case_report_up(
        case=case, user=hall["chief"].user, at=at(FRIDAY), authority="大连市市场监督管理局"
    )
    assert Notification.objects.filter(user=hall["supervision"].user, case=case, subject="上报超期").exists()


def test_a_reply_may_not_predate_the_forwarding(hall, seeded_calendar):
    case = accepted(hall, reported_item(hall))
    handling.case_report_up(
        case=case, user=hall["chief"].user, at=at(WEDNESDAY), authority="大连市市场监督管理局"
    )
    with pytest.raises(ValidationError) as error:
        handling.case_report_reply(
            case=case,
            user=hall["chief"].user,
            at=at(THURSDAY),
            reply_date=TUESDAY,
            verdict="AGREE",
            text="同意",
        )
    assert set(error.value.message_dict) == {"reply_date"}


def test_a_reported_case_is_not_decided_before_the_higher_authority_replies(hall, seeded_calendar):
    """_awaited_by_decision: "for a reported-up case the forwarding and the higher authority's
    reply" must be in before deciding. Forwarded and reviewed, but no reply yet."""
    case = accepted(hall, reported_item(hall))
    handling.case_report_up(
        case=case, user=hall["chief"].user, at=at(TUESDAY), authority="大连市市场监督管理局"
    )
    review(hall, case, WEDNESDAY, name="初审")

    with pytest.raises(services.CaseError) as error:
        decide(hall, case, THURSDAY)

    assert error.value.code == "tasks_open"
    assert fresh(case).status == CaseStatus.ACCEPTED


def test_a_reported_case_is_not_decided_before_it_is_forwarded(hall, seeded_calendar):
    case = accepted(hall, reported_item(hall))
    review(hall, case, TUESDAY, name="初审")
    with pytest.raises(services.CaseError) as error:
        decide(hall, case, WEDNESDAY)
    assert error.value.code == "tasks_open" and "上报上级机关" in error.value.message


def test_only_a_reported_item_is_reported_up(hall, food):
    case = accepted(hall, food)
    with pytest.raises(services.CaseError) as error:
        handling.case_report_up(case=case, user=hall["chief"].user, at=at(TUESDAY), authority="大连市")
    assert error.value.code == "not_reported"


# 8. Clocks and lights ---------------------------------------------------------------------------------------


def test_the_warning_window_defaults_to_one_working_day():
    assert handling.warning_days() == 1


def test_green_until_the_last_day_yellow_on_it_red_after(hall, food):
    case = accepted(hall, food)
    due = case.promised_due_date
    assert due == NEXT_MONDAY

    def light(day, warning_days=1):
        return selectors.case_light(case, today=day, warning_days=warning_days)

    assert light(FRIDAY) == clocks.GREEN
    assert light(date(2026, 11, 22)) == clocks.GREEN  # Sunday: one working day is still left
    assert light(NEXT_MONDAY) == clocks.YELLOW
    assert light(NEXT_TUESDAY) == clocks.RED
    assert light(FRIDAY, warning_days=2) == clocks.YELLOW  # a wider window is a setting
    assert light(THURSDAY, warning_days=2) == clocks.GREEN


def test_lit_cases_are_exactly_the_yellow_and_red_ones_and_not_the_suspended(hall, food):
    red = accepted(hall, food, day=date(2026, 11, 13))  # due Friday 11-20
    yellow = accepted(hall, food, day=MONDAY)  # due Monday 11-23
    green = accepted(hall, food, day=TUESDAY)  # due Tuesday 11-24
    stopped = accepted(hall, food, day=date(2026, 11, 12))  # due Thursday 11-19, but suspended
    handling.case_suspend(
        case=stopped,
        user=hall["reviewer"].user,
        at=at(TUESDAY),
        kind="TESTING",
        reason="检测",
        expected_days=5,
    )
    assert [case.promised_due_date for case in (red, yellow, green)] == [FRIDAY, NEXT_MONDAY, NEXT_TUESDAY]

    lit = selectors.lit_cases(Case.objects.all(), today=NEXT_MONDAY, warning_days=1)

    assert set(lit) == {fresh(red), fresh(yellow)}
    assert list(selectors.lit_in_handling(Case.objects.all(), today=NEXT_MONDAY, warning_days=1)) == [
        fresh(red),
        fresh(yellow),
    ]
    assert selectors.lit_count(Case.objects.all(), today=NEXT_MONDAY, warning_days=1) == 2
    lights = {
        case.pk: selectors.case_light(fresh(case), today=NEXT_MONDAY, warning_days=1)
        for case in (red, yellow, green, stopped)
    }
    assert lights == {red.pk: "red", yellow.pk: "yellow", green.pk: "green", stopped.pk: "paused"}
    for case in Case.objects.all():  # the query and the light agree
        assert (case in lit) == (
            selectors.case_light(case, today=NEXT_MONDAY, warning_days=1) in ("yellow", "red")
        )


def test_a_decided_case_is_lit_by_its_delivery_date(hall, food):
    case = decided(hall, food)
    due = case.delivery_due_date
    assert list(selectors.lit_cases(Case.objects.all(), today=add(due, -1), warning_days=1)) == []
    assert list(selectors.lit_cases(Case.objects.all(), today=due, warning_days=1)) == [case]
    assert selectors.case_light(case, today=due, warning_days=1) == clocks.YELLOW
    case_delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(due), details=WINDOW)
    assert list(selectors.lit_cases(Case.objects.all(), today=add(due, 5), warning_days=1)) == []


def test_clocks_stand_still_while_suspended(hall, autumn_food):
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(SEP_THURSDAY),
        kind="TESTING",
        reason="检测",
        expected_days=3,
    )

    statutory, promised, step = selectors.case_clocks(fresh(case), today=date(2026, 10, 9), warning_days=1)

    assert [statutory.name, promised.name] == ["法定期限", "承诺期限"]
    assert {statutory.light, promised.light, step.light} == {clocks.PAUSED}
    # 09-22, 09-23, 09-24 used; two left (09-28, 09-29) however long it stands
    assert (promised.used, promised.remaining, promised.due) == (3, 2, date(2026, 9, 29))
    assert step.name == "审查（市场监督管理局）"
    assert (step.used, step.remaining) == (3, 0)
    assert selectors.case_light(fresh(case), today=date(2026, 10, 9), warning_days=1) == clocks.PAUSED
    assert list(selectors.lit_cases(Case.objects.all(), today=date(2026, 10, 9), warning_days=1)) == []


def test_clocks_after_a_suspension_do_not_count_it(hall, autumn_food):
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(SEP_THURSDAY),
        kind="TESTING",
        reason="检测",
        expected_days=3,
    )
    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(SEP_WEDNESDAY)
    )

    statutory, promised, step = selectors.case_clocks(fresh(case), today=date(2026, 10, 8), warning_days=1)

    # 09-22..09-24 and 10-08 used; 09-28..09-30 not counted; due 10-09
    assert (promised.used, promised.remaining, promised.due, promised.light) == (
        4,
        1,
        date(2026, 10, 9),
        "green",
    )
    assert (step.used, step.due, step.light) == (4, SEP_WEDNESDAY, "red")


def test_a_finished_clock_is_done_or_red(hall, food):
    case = decided(hall, food, day=MONDAY)
    statutory, promised, delivery = selectors.case_clocks(case, today=FRIDAY, warning_days=1)
    assert (promised.light, promised.finished) == (clocks.DONE, MONDAY)
    assert (delivery.light, delivery.due) == (clocks.GREEN, add(MONDAY, 10))


def test_my_tasks_are_my_departments_running_tasks_in_my_role(hall, seeded_calendar, env, staff):
    case = accepted(hall, joint_item(hall, env))

    assert [row.name for row in selectors.tasks_for(hall["reviewer"].user)] == ["初审"]
    assert [row.name for row in selectors.tasks_for(staff["housing_reviewer"].user)] == ["住建部门审查意见"]
    assert [row.name for row in selectors.tasks_for(staff["env_reviewer"].user)] == ["生态环境局意见"]
    assert list(selectors.tasks_for(hall["clerk"].user)) == []
    review(hall, case, TUESDAY, name="初审")
    review(hall, case, WEDNESDAY, name="复审")
    assert list(selectors.tasks_for(hall["chief"].user)) == []  # the decision waits for the opinions
    co_opinion(case, "住建部门审查意见", staff["housing_reviewer"], WEDNESDAY)
    co_opinion(case, "生态环境局意见", staff["env_reviewer"], WEDNESDAY)
    assert [row.name for row in selectors.tasks_for(hall["chief"].user)] == ["决定"]
    assert list(selectors.tasks_for(hall["reviewer"].user)) == []


# 9. Timeline -------------------------------------------------------------------------------------------------------


def test_every_action_appends_one_event_with_actor_and_department_and_the_public_see_only_public_ones(
    hall, autumn_food
):
    case = accepted(hall, autumn_food, day=SEP_MONDAY)
    market = hall["market"]

    def one_new(action, user, call, *, public=True):
        before = list(fresh(case).events.values_list("pk", flat=True))
        call()
        new = list(fresh(case).events.exclude(pk__in=before))
        assert [(event.action, event.actor, event.department, event.is_public) for event in new] == [
            (action, user.user, market, public)
        ]

    review_step = task(case, "审查")
    one_new(
        Action.REMINDED,
        hall["agent"],
        lambda: handling.task_remind(
            case=case, task_id=review_step.pk, user=hall["agent"].user, at=at(SEP_MONDAY, 11)
        ),
        public=False,
    )
    one_new(
        Action.EXTENSION_REQUESTED,
        hall["reviewer"],
        lambda: handling.extension_request(
            case=case, user=hall["reviewer"].user, at=at(date(2026, 9, 22)), reason="复杂", days=5
        ),
        public=False,
    )
    extension = fresh(case).extensions.get()
    one_new(
        Action.EXTENSION_APPROVED,
        hall["chief"],
        lambda: handling.extension_decide(
            case=case,
            extension_id=extension.pk,
            user=hall["chief"].user,
            at=at(date(2026, 9, 22), 11),
            approve=True,
        ),
    )
    one_new(
        Action.SUSPENDED,
        hall["reviewer"],
        lambda: handling.case_suspend(
            case=case,
            user=hall["reviewer"].user,
            at=at(SEP_THURSDAY),
            kind="TESTING",
            reason="检测",
            expected_days=3,
        ),
    )
    suspension = fresh(case).suspensions.get()
    one_new(
        Action.RESUMED,
        hall["reviewer"],
        lambda: handling.suspension_end(
            case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(SEP_WEDNESDAY)
        ),
    )
    one_new(Action.OPINION, hall["reviewer"], lambda: review(hall, case, SEP_WEDNESDAY, hour=14))
    one_new(Action.DECIDED, hall["chief"], lambda: decide(hall, case, date(2026, 10, 8)))
    one_new(
        Action.DELIVERED,
        hall["clerk"],
        lambda: case_delivery.case_deliver(
            case=case, user=hall["clerk"].user, at=at(date(2026, 10, 9)), details=WINDOW
        ),
    )

    public = [event.action for event in selectors.public_timeline(fresh(case))]
    assert public == [
        Action.RECEIVED,
        Action.ACCEPTED,
        Action.EXTENSION_APPROVED,
        Action.SUSPENDED,
        Action.RESUMED,
        Action.OPINION,
        Action.DECIDED,
        Action.DELIVERED,
    ]
    hidden = set(fresh(case).events.filter(is_public=False).values_list("action", flat=True))
    assert hidden == {Action.AGENT_ASSIGNED, Action.REMINDED, Action.EXTENSION_REQUESTED}


def test_a_reminder_reaches_the_tasks_department_staff(hall, seeded_calendar, env, staff):
    case = accepted(hall, joint_item(hall, env))
    opinion = task(case, "住建部门审查意见")
    reminded = handling.task_remind(
        case=case, task_id=opinion.pk, user=hall["agent"].user, at=at(WEDNESDAY), message="请尽快出具意见"
    )
    assert reminded.reminded_at == at(WEDNESDAY)
    recipients = set(Notification.objects.filter(subject__startswith="催办").values_list("user", flat=True))
    assert recipients == {staff["housing_reviewer"].user_id, staff["housing_chief"].user_id}
    event = fresh(case).events.get(action=Action.REMINDED)
    assert (event.department, event.is_public) == (hall["housing"], False)
    with pytest.raises(NotAllowed):
        handling.task_remind(case=case, task_id=opinion.pk, user=hall["reviewer"].user, at=at(WEDNESDAY))
    with pytest.raises(services.CaseError) as error:
        handling.task_remind(
            case=case, task_id=task(case, "复审").pk, user=hall["agent"].user, at=at(WEDNESDAY)
        )
    assert error.value.code == "task_not_open"


def test_the_lights_page_lists_red_and_yellow_cases_and_overdue_steps_for_supervision(
    hall, food, client, settings
):
    red = accepted(hall, food, day=date(2026, 11, 13))  # due Friday 11-20, its first step long overdue
    yellow = accepted(hall, food, day=MONDAY)  # due Monday 11-23
    green = accepted(hall, food, day=TUESDAY)  # due Tuesday 11-24: not listed
    settings.ONEWINDOW_FROZEN_NOW = at(NEXT_MONDAY)
    client.force_login(hall["supervision"].user)

    page = client.get("/desk/cases/lights/").content.decode()

    red_part, rest = page.split("<h2>黄灯</h2>", 1)
    yellow_part = rest.split("<h2>环节超期</h2>", 1)[0]
    assert fresh(red).number in red_part.split("<h2>红灯</h2>", 1)[1]
    assert fresh(yellow).number in yellow_part and fresh(red).number not in yellow_part
    overdue = rest.split("<h2>环节超期</h2>", 1)[1]
    assert fresh(red).number in overdue and task(red, "审查").name in overdue
    assert fresh(green).number not in red_part + yellow_part  # its case clock is green
