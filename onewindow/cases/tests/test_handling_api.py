"""The handling API over HTTP: who may do what (every command × every role), the answers and
error codes, my tasks and the traffic lights.

The API reads `clock.now()`; `settings.ONEWINDOW_FROZEN_NOW` stops it at Tuesday 2026-11-17 10:00
(Asia/Shanghai), and every case is prepared through the services on Monday the 16th.
"""

from dataclasses import dataclass, field
from datetime import date

import pytest
from rest_framework.test import APIClient

from onewindow.cases import services
from onewindow.cases.models import Case, CaseStatus, Suspension, Task
from onewindow.cases.services import handling
from onewindow.cases.tests.factories import at, delegate, entries, person, published_item
from onewindow.catalog.models import CaseKind
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff
from onewindow.workcalendar.selectors import working_calendar

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)
NOW = at(TUESDAY, 10, 0)
CASES = "/api/v1/cases"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# The world: one hall, a joint item, a reported item, the people ----------------------------------


@dataclass
class World:
    hall: dict
    joint: object
    users: dict
    reported: object = None
    extra: dict = field(default_factory=dict)

    def user(self, role):
        return self.users[role]

    def online_case(self, version, *, owner="applicant") -> Case:
        """Applied for online by the applicant's own account on Monday and accepted at 09:00."""
        case = services.case_receive(
            version=version, applicant=person(), materials=[], user=self.users[owner], at=at(MONDAY, 8)
        ).case
        brought = dict.fromkeys(("食品经营许可申请书", "法定代表人身份证明", "食品安全管理制度"), "RECEIVED")
        return services.case_accept(
            case=case,
            user=self.hall["clerk"].user,
            at=at(MONDAY, 9),
            materials=entries(version, **brought),
        )

    def reported_item(self):
        if self.reported is None:
            self.reported = published_item(
                self.hall,
                name="食品生产许可（上报）",
                case_kind=CaseKind.REPORTED,
                promised_limit=10,
                statutory_limit=20,
                steps=[{"name": "初审", "limit_days": 2}],
            )
            delegate(self.hall, self.reported)
        return self.reported


@pytest.fixture
def world(hall, seeded_calendar, settings, django_user_model):
    settings.ONEWINDOW_FROZEN_NOW = NOW
    county = hall["county"]
    joint = published_item(
        hall,
        name="餐饮服务联合审批",
        case_kind=CaseKind.JOINT,
        co_departments=[hall["housing"]],
        promised_limit=10,
        statutory_limit=45,
        steps=[{"name": "受理", "limit_days": 1}, {"name": "审查", "limit_days": 3}],
    )
    delegate(hall, joint)
    users = {
        "clerk": hall["clerk"].user,
        "reviewer": hall["reviewer"].user,
        "co_reviewer": make_staff(
            site=county, roles=[Role.DEPARTMENT_REVIEWER], department=hall["housing"], full_name="住建审核"
        ).user,
        "chief": hall["chief"].user,
        "chief_without_letter": make_staff(
            site=county, roles=[Role.CHIEF_REPRESENTATIVE], department=hall["market"], full_name="无授权首席"
        ).user,
        "agent": hall["agent"].user,
        "office": hall["office"].user,
        "applicant": django_user_model.objects.create_user("applicant-a", full_name="张晓梅"),
        "other_applicant": django_user_model.objects.create_user("applicant-b", full_name="李海涛"),
    }
    return World(hall=hall, joint=joint, users=users)


def task_named(case, name) -> Task:
    return case.tasks.get(name=name)


def co_task(case) -> Task:
    return case.tasks.get(kind=Task.Kind.OPINION)


# What each command needs: the case in the right state, the path and the body ------------------------


def _opinion(w):
    case = w.online_case(w.joint)
    return case, "opinions", {"task": task_named(case, "审查").pk, "verdict": "AGREE", "opinion": "符合条件"}


def _co_opinion(w):
    case = w.online_case(w.joint)
    return case, "opinions", {"task": co_task(case).pk, "verdict": "AGREE"}


def _remind(w):
    case = w.online_case(w.joint)
    return case, f"tasks/{task_named(case, '审查').pk}/remind", {"message": "请尽快办理"}


def _meeting(w):
    case = w.online_case(w.joint)
    return (
        case,
        "meetings",
        {
            "held_date": "2026-11-17",
            "departments": [w.hall["market"].pk, w.hall["housing"].pk],
            "participants": "市场监管局、住建局",
            "conclusions": "同意",
        },
    )


def _report(w):
    case = w.online_case(w.reported_item())
    return case, "report", {"authority": "大连市市场监督管理局", "reference": "庄市监〔2026〕8号"}


def _report_reply(w):
    case = w.online_case(w.reported_item())
    handling.case_report_up(
        case=case, user=w.hall["chief"].user, at=at(MONDAY, 10), authority="大连市市场监督管理局"
    )
    return case, "report/reply", {"reply_date": "2026-11-17", "verdict": "AGREE", "text": "同意许可"}


def _suspend(w):
    case = w.online_case(w.joint)
    return case, "suspensions", {"kind": "TESTING", "reason": "委托检测", "expected_days": 3}


def _suspension_end(w):
    case = w.online_case(w.joint)
    suspension = handling.case_suspend(
        case=case,
        user=w.hall["reviewer"].user,
        at=at(MONDAY, 10),
        kind=Suspension.Kind.TESTING,
        reason="委托检测",
        expected_days=3,
    )
    return case, f"suspensions/{suspension.pk}/end", {"outcome": "检测合格"}


def _extension(w):
    case = w.online_case(w.joint)
    return case, "extension", {"reason": "需现场核查", "days": 10}


def _extension_decision(w):
    case = w.online_case(w.joint)
    extension = handling.extension_request(
        case=case, user=w.hall["reviewer"].user, at=at(MONDAY, 10), reason="需现场核查", days=10
    )
    return case, f"extension/{extension.pk}/decision", {"approve": True, "comment": "同意"}


def _ready_to_decide(w) -> Case:
    case = w.online_case(w.joint)
    handling.task_opinion(
        case=case,
        task_id=task_named(case, "审查").pk,
        user=w.hall["reviewer"].user,
        at=at(MONDAY, 10),
        verdict="AGREE",
    )
    handling.task_opinion(
        case=case,
        task_id=co_task(case).pk,
        user=w.users["co_reviewer"],
        at=at(MONDAY, 10, 45),
        verdict="AGREE",
    )
    return case


def _decision(w):
    return _ready_to_decide(w), "decision", {"decision": "APPROVED", "valid_until": "2031-11-16"}


def _delivery(w):
    case = _ready_to_decide(w)
    handling.case_decide(case=case, user=w.hall["chief"].user, at=at(MONDAY, 15), decision="APPROVED")
    return case, "delivery", {"method": "WINDOW", "recipient_name": "张晓梅"}


def _withdrawal(w):
    return w.online_case(w.joint), "withdrawal", {"reason": "申请人书面申请撤回"}


def _termination(w):
    return w.online_case(w.joint), "termination", {"reason": "申请人已注销"}


def _return(w):
    return w.online_case(w.joint), "return", {"reason": "申请事项与材料不符"}


ROLES = (
    "clerk",
    "reviewer",
    "co_reviewer",
    "chief",
    "chief_without_letter",
    "agent",
    "office",
    "applicant",
    "other_applicant",
)

#: command: (prepare, status after success, expected HTTP status per role in ROLES order).
#: Expected from the rules (permissions' and the services' docstrings, DOMAIN §3): the lead
#: department (its reviewers and chief representatives) does the review-side work; the hall's
#: office only records meetings and reminds; the decision, its extension and termination need the
#: delegation; the window, the chief representatives and the agent deliver; the applicant or the
#: window withdraws; another applicant never learns that the case exists. The reported item has
#: no co-department, so housing's reviewer cannot see it at all.
MATRIX = {
    #                                    clerk rev  co   chief noltr agent off  appl other
    "opinion": (_opinion, "ACCEPTED", (403, 200, 403, 200, 200, 403, 403, 403, 404)),
    "co_opinion": (_co_opinion, "ACCEPTED", (403, 403, 200, 403, 403, 403, 403, 403, 404)),
    "remind": (_remind, "ACCEPTED", (403, 403, 403, 403, 403, 200, 200, 403, 404)),
    "meeting": (_meeting, "ACCEPTED", (403, 200, 403, 200, 200, 403, 200, 403, 404)),
    "report": (_report, "ACCEPTED", (403, 200, 404, 200, 200, 403, 403, 403, 404)),
    "report_reply": (_report_reply, "ACCEPTED", (403, 200, 404, 200, 200, 403, 403, 403, 404)),
    "suspend": (_suspend, "SUSPENDED", (403, 200, 403, 200, 200, 403, 403, 403, 404)),
    "suspension_end": (_suspension_end, "ACCEPTED", (403, 200, 403, 200, 200, 403, 403, 403, 404)),
    "extension": (_extension, "ACCEPTED", (403, 200, 403, 200, 200, 200, 403, 403, 404)),
    "extension_decision": (_extension_decision, "ACCEPTED", (403, 403, 403, 200, 403, 403, 403, 403, 404)),
    "decision": (_decision, "COMPLETED", (403, 403, 403, 200, 403, 403, 403, 403, 404)),
    "delivery": (_delivery, "DELIVERED", (200, 403, 403, 200, 200, 200, 403, 403, 404)),
    "withdrawal": (_withdrawal, "WITHDRAWN", (200, 403, 403, 200, 200, 403, 403, 200, 404)),
    "termination": (_termination, "TERMINATED", (403, 403, 403, 200, 403, 403, 403, 403, 404)),
    "return": (_return, "RETURNED", (403, 200, 403, 200, 200, 403, 403, 403, 404)),
}

CELLS = [
    pytest.param(command, role, expected[index], id=f"{command}-{role}")
    for command, (_prepare, _after, expected) in MATRIX.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("command", "role", "expected"), CELLS)
def test_permission_matrix(world, command, role, expected):
    prepare, after, _row = MATRIX[command]
    case, path, body = prepare(world)
    case = Case.objects.get(pk=case.pk)
    status_before, events_before = case.status, case.events.count()

    response = api(world.user(role)).post(f"{CASES}/{case.number}/{path}", body, format="json")

    assert response.status_code == expected, response.data
    case.refresh_from_db()
    if expected == 200:
        assert response.data["number"] == case.number
        assert response.data["status"] == case.status == after
        new_events = list(case.events.order_by("id")[events_before:])
        assert world.user(role) in [event.actor for event in new_events]
    else:
        assert response.data["code"] in (
            ("not_found",) if expected == 404 else ("not_allowed", "no_delegation", "not_extension_approver")
        )
        assert (case.status, case.events.count()) == (status_before, events_before)


#: The route each command of the matrix posts to.
ROUTES = {
    "opinion": "api-case-opinion",
    "co_opinion": "api-case-opinion",
    "remind": "api-case-task-remind",
    "meeting": "api-case-meeting",
    "report": "api-case-report",
    "report_reply": "api-case-report-reply",
    "suspend": "api-case-suspend",
    "suspension_end": "api-case-suspension-end",
    "extension": "api-case-extension",
    "extension_decision": "api-case-extension-decide",
    "decision": "api-case-decision",
    "delivery": "api-case-delivery",
    "withdrawal": "api-case-withdrawal",
    "termination": "api-case-termination",
    "return": "api-case-return",
}


def test_every_handling_command_is_in_the_matrix():
    from onewindow.cases import api_urls

    commands = {
        pattern.name
        for pattern in api_urls.urlpatterns
        if pattern.callback.view_class.__module__ == "onewindow.cases.handling_api"
        and "post" in pattern.callback.view_class.http_method_names
        and hasattr(pattern.callback.view_class, "post")
    }
    assert set(ROUTES) == set(MATRIX)
    assert set(ROUTES.values()) == commands


@pytest.mark.parametrize("command", list(MATRIX))
def test_each_command_posts_to_its_route(world, command):
    from django.urls import resolve

    case, path, _body = MATRIX[command][0](world)
    assert resolve(f"{CASES}/{case.number}/{path}").url_name == ROUTES[command]


def test_the_applicant_gets_public_events_and_no_tasks_in_the_answer(world):
    case = world.online_case(world.joint)
    response = api(world.user("applicant")).post(
        f"{CASES}/{case.number}/withdrawal", {"reason": "不再经营"}, format="json"
    )
    assert response.status_code == 200
    assert response.data["tasks"] == []
    assert {event["action"] for event in response.data["events"]} == {
        "SUBMITTED_ONLINE",
        "ACCEPTED",
        "WITHDRAWN",
    }
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WITHDRAWN


# Answers and error codes -------------------------------------------------------------------------------


def test_an_opinion_answers_with_the_case_and_starts_the_next_step(world):
    case = world.online_case(world.joint)
    response = api(world.user("reviewer")).post(
        f"{CASES}/{case.number}/opinions",
        {"task": task_named(case, "审查").pk, "verdict": "AGREE", "opinion": "符合条件"},
        format="json",
    )
    assert response.status_code == 200
    tasks = {row["name"]: row for row in response.data["tasks"]}
    assert (tasks["审查"]["status"], tasks["审查"]["opinion"], tasks["审查"]["light"]) == (
        "DONE",
        "符合条件",
        "",
    )
    # the decision step waits for the co-department's opinion before its clock starts
    assert (tasks["决定"]["status"], tasks["决定"]["started_date"]) == ("WAITING", None)
    assert response.data["events"][-1]["action"] == "OPINION"


def test_a_decision_while_steps_are_open_is_400_tasks_open(world):
    case = world.online_case(world.joint)
    response = api(world.user("chief")).post(
        f"{CASES}/{case.number}/decision", {"decision": "APPROVED"}, format="json"
    )
    assert (response.status_code, response.data["code"]) == (400, "tasks_open")


def test_a_decision_while_suspended_is_409(world):
    case, path, body = _suspend(world)
    api(world.user("reviewer")).post(f"{CASES}/{case.number}/{path}", body, format="json")
    response = api(world.user("chief")).post(
        f"{CASES}/{case.number}/decision", {"decision": "APPROVED"}, format="json"
    )
    assert (response.status_code, response.data["code"]) == (409, "case_wrong_state")


def test_an_approval_answers_with_the_result_and_the_delivery_due_date(world):
    case, path, body = _decision(world)
    response = api(world.user("chief")).post(f"{CASES}/{case.number}/{path}", body, format="json")
    assert response.status_code == 200
    data = response.data
    assert (data["decision"], data["result_name"], data["result_number"]) == (
        "APPROVED",
        "食品经营许可证",
        case.number,
    )
    assert (data["result_valid_from"], data["result_valid_until"]) == ("2026-11-17", "2031-11-16")
    assert data["delivery_due_date"] == working_calendar().add(TUESDAY, 10).isoformat() == "2026-12-01"
    assert {notice["kind"] for notice in data["notices"]} >= {"DECISION", "CERTIFICATE"}


def test_a_denial_without_reasons_is_400_with_the_field(world):
    case, path, _body = _decision(world)
    response = api(world.user("chief")).post(
        f"{CASES}/{case.number}/{path}", {"decision": "DENIED"}, format="json"
    )
    assert (response.status_code, response.data["code"]) == (400, "invalid")
    assert set(response.data["errors"]) == {"reason"}


def test_mail_delivery_without_its_details_is_400_with_the_fields(world):
    case, path, _body = _delivery(world)
    response = api(world.user("clerk")).post(
        f"{CASES}/{case.number}/{path}", {"method": "MAIL"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.data["errors"]) == {"carrier", "waybill_number", "address"}


def test_delivery_before_the_decision_is_409(world):
    case = world.online_case(world.joint)
    response = api(world.user("clerk")).post(
        f"{CASES}/{case.number}/delivery", {"method": "WINDOW", "recipient_name": "张晓梅"}, format="json"
    )
    assert (response.status_code, response.data["code"]) == (409, "case_wrong_state")


def test_a_joint_extension_of_16_days_is_refused_and_a_second_one_is_400_extension_used(world):
    case = world.online_case(world.joint)
    chief = api(world.user("chief"))
    too_long = chief.post(f"{CASES}/{case.number}/extension", {"reason": "复杂", "days": 16}, format="json")
    assert too_long.status_code == 400 and "days" in too_long.data["errors"]
    granted = chief.post(
        f"{CASES}/{case.number}/extension", {"reason": "复杂", "approve": True}, format="json"
    )
    assert granted.status_code == 200
    assert granted.data["extended_days"] == 15
    assert [row["status"] for row in granted.data["extensions"]] == ["APPROVED"]
    assert granted.data["promised_due_date"] == working_calendar().add(case.promised_due_date, 15).isoformat()
    again = chief.post(f"{CASES}/{case.number}/extension", {"reason": "仍需", "days": 1}, format="json")
    assert (again.status_code, again.data["code"]) == (400, "extension_used")


def test_a_single_department_extension_is_at_most_10_days(world):
    food = published_item(world.hall)
    case = world.online_case(food)
    response = api(world.user("reviewer")).post(
        f"{CASES}/{case.number}/extension", {"reason": "复杂", "days": 11}, format="json"
    )
    assert (response.status_code, set(response.data["errors"])) == (400, {"days"})


def test_a_late_hearing_request_is_400_with_the_field(world):
    case = world.online_case(world.joint)
    response = api(world.user("reviewer")).post(
        f"{CASES}/{case.number}/suspensions",
        {
            "kind": "HEARING",
            "reason": "申请人申请听证",
            "rights_notified_date": "2026-11-02",
            "requested_date": "2026-11-10",
            "announced_date": "2026-11-17",
            "hearing_date": "2026-11-27",
        },
        format="json",
    )
    assert (response.status_code, set(response.data["errors"])) == (400, {"requested_date"})


def test_a_hearing_without_its_dates_is_400(world):
    case = world.online_case(world.joint)
    response = api(world.user("reviewer")).post(
        f"{CASES}/{case.number}/suspensions", {"kind": "HEARING", "reason": "听证"}, format="json"
    )
    assert (response.status_code, set(response.data["errors"])) == (400, {"hearing_date"})


def test_ending_a_suspension_answers_with_the_moved_dates(world):
    case, path, body = _suspension_end(world)
    before = Case.objects.get(pk=case.pk)
    response = api(world.user("reviewer")).post(f"{CASES}/{case.number}/{path}", body, format="json")
    assert response.status_code == 200
    assert response.data["suspended_days"] == 1  # Monday to Tuesday
    assert (
        response.data["promised_due_date"] == working_calendar().add(before.promised_due_date, 1).isoformat()
    )
    assert response.data["suspensions"][0]["working_days"] == 1


def test_an_unknown_task_is_400_task_unknown(world):
    case = world.online_case(world.joint)
    response = api(world.user("reviewer")).post(
        f"{CASES}/{case.number}/opinions", {"task": 999999, "verdict": "AGREE"}, format="json"
    )
    assert (response.status_code, response.data["code"]) == (400, "task_unknown")


def test_a_task_of_another_case_is_not_reachable_through_this_one(world):
    mine = world.online_case(world.joint)
    other = world.online_case(world.joint)
    response = api(world.user("reviewer")).post(
        f"{CASES}/{mine.number}/opinions",
        {"task": task_named(other, "审查").pk, "verdict": "AGREE"},
        format="json",
    )
    assert (response.status_code, response.data["code"]) == (400, "task_unknown")
    assert task_named(other, "审查").status == "ACTIVE"


def test_commands_need_a_login(world):
    case = world.online_case(world.joint)
    response = APIClient().post(f"{CASES}/{case.number}/withdrawal", {"reason": "撤回"}, format="json")
    assert response.status_code == 401
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


# My tasks and the lights -------------------------------------------------------------------------------------------


def test_my_tasks_per_role(world):
    case = world.online_case(world.joint)
    due = working_calendar().add(MONDAY, 3).isoformat()

    def mine(role):
        response = api(world.user(role)).get("/api/v1/tasks/mine")
        assert response.status_code == 200
        return [
            (row["case_number"], row["name"], row["due_date"], row["light"])
            for row in response.data["results"]
        ]

    assert mine("reviewer") == [(case.number, "审查", due, "green")]
    assert mine("chief") == [(case.number, "审查", due, "green")]
    co_name = co_task(case).name
    assert [row[1] for row in mine("co_reviewer")] == [co_name]
    assert mine("clerk") == []
    assert mine("agent") == []
    assert mine("applicant") == []


def test_the_light_of_a_task_on_a_suspended_case_is_paused(world, settings):
    """A suspended case's clocks stand still (selectors.task_light, case_clocks): its running
    tasks must not turn red in my tasks or on the case record while it waits."""
    case, path, body = _suspend(world)
    api(world.user("reviewer")).post(f"{CASES}/{case.number}/{path}", body, format="json")
    later = working_calendar().add(TUESDAY, 5)  # past the review step's due date (Thursday)
    settings.ONEWINDOW_FROZEN_NOW = at(later, 10)

    mine = api(world.user("reviewer")).get("/api/v1/tasks/mine").data["results"]
    record = api(world.user("reviewer")).get(f"{CASES}/{case.number}").data

    assert [(row["name"], row["light"]) for row in mine] == [("审查", "paused")]
    assert record["light"] == "paused"
    assert {row["name"]: row["light"] for row in record["tasks"] if row["status"] == "ACTIVE"} == {
        "审查": "paused",
        co_task(case).name: "paused",
    }


def test_lights_are_the_yellow_and_red_cases_within_reach(world):
    food = published_item(world.hall)
    red = world.online_case(food)  # promised Monday 11-23
    green = world.online_case(world.joint)  # promised 10 working days: 11-30
    other = world.online_case(food, owner="other_applicant")

    def lit(role, day):
        response = api(world.user(role)).get("/api/v1/lights", {"date": day})
        assert response.status_code == 200
        return {row["number"]: row["light"] for row in response.data["results"]}

    assert lit("office", "2026-11-20") == {}
    assert lit("office", "2026-11-23") == {red.number: "yellow", other.number: "yellow"}
    assert lit("clerk", "2026-11-24") == {red.number: "red", other.number: "red"}
    assert lit("applicant", "2026-11-24") == {red.number: "red"}
    assert lit("other_applicant", "2026-11-24") == {other.number: "red"}
    assert lit("co_reviewer", "2026-11-24") == {}  # housing has no part in the food cases
    assert lit("reviewer", "2026-11-30") == {red.number: "red", other.number: "red", green.number: "yellow"}


def test_lights_default_to_today_and_refuse_a_bad_date(world):
    food = published_item(world.hall)
    world.online_case(food)
    assert api(world.user("office")).get("/api/v1/lights").data == {
        "next": None,
        "results": [],
    }  # Tuesday: all green
    response = api(world.user("office")).get("/api/v1/lights", {"date": "2026-13-01"})
    assert response.status_code == 400
