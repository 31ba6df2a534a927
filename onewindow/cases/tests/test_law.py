"""The law's arithmetic at its edges (issue: fresh machine, bad input, races):

- a limit in natural days that ends on a rest day ends on the next working day (民法典 art. 203,
  民事诉讼法 art. 85), and its suspensions move it by natural days;
- the extension's length comes from the item (行政许可法 art. 42's 10 / 15 working days unless the
  item's own law says otherwise);
- a case left without an acceptance decision past 5 working days reads as accepted (art. 32)
  before any periodic job has run.

Dates come from the seeded calendar: 2026-12-06 is a Sunday, 2026-10-01..07 the National Day
holiday with Saturday 10-10 a make-up working day.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from onewindow.cases import services
from onewindow.cases.models import CaseStatus
from onewindow.cases.services import handling
from onewindow.cases.tests.factories import at, delegate, published_item, receive
from onewindow.catalog.models import CaseKind, LimitUnit
from onewindow.catalog.services import content_problems
from onewindow.workcalendar.selectors import working_calendar

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)
FRIDAY = date(2026, 11, 20)
NEXT_MONDAY = date(2026, 11, 23)


def natural_item(hall, *, promised=20, statutory=30, today=date(2026, 9, 1), **fields):
    version = published_item(
        hall,
        today=today,
        statutory_limit=statutory,
        statutory_unit=LimitUnit.NATURAL_DAYS,
        promised_limit=promised,
        promised_unit=LimitUnit.NATURAL_DAYS,
        **fields,
    )
    delegate(hall, version)
    return version


def accepted(hall, version, day=MONDAY):
    case = receive(hall, version, day=day)
    return services.case_accept(case=case, user=hall["clerk"].user, at=at(day, 9, 45))


# Natural days ------------------------------------------------------------------------------------


def test_a_natural_day_limit_ending_on_a_sunday_ends_on_the_monday(hall, seeded_calendar):
    case = accepted(hall, natural_item(hall))

    # 11-16 + 20 days = Sunday 12-06 → Monday 12-07; 11-16 + 30 = Wednesday 12-16 stays.
    assert (case.promised_due_date, case.statutory_due_date) == (date(2026, 12, 7), date(2026, 12, 16))


def test_a_natural_day_limit_ending_in_the_national_day_holiday_ends_after_it(hall, seeded_calendar):
    case = accepted(hall, natural_item(hall, promised=10), day=date(2026, 9, 22))

    # 09-22 + 10 days = 10-02, inside 10-01..07: the next working day is Thursday 10-08.
    assert working_calendar().is_working_day(date(2026, 10, 8))
    assert case.promised_due_date == date(2026, 10, 8)


def test_a_suspension_moves_a_natural_day_limit_by_natural_days(hall, seeded_calendar):
    case = accepted(hall, natural_item(hall))
    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(FRIDAY),
        kind="INSPECTION",
        reason="现场核查",
        expected_days=1,
    )

    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(NEXT_MONDAY)
    )

    case.refresh_from_db()
    # Friday → Monday stopped 3 natural days (1 working day): 20 + 3 days from 11-16 = Wednesday
    # 12-09, computed from the unmoved end (Sunday 12-06), not from the Monday it was moved to.
    assert case.promised_due_date == date(2026, 12, 9)
    assert case.statutory_due_date == date(2026, 12, 21)  # 11-16 + 33 = Saturday 12-19 → Monday
    assert case.suspended_days == 1


def test_a_working_day_limit_still_moves_by_working_days(hall, seeded_calendar):
    version = published_item(hall)  # 5 of 20 working days
    delegate(hall, version)
    case = accepted(hall, version)
    promised = case.promised_due_date
    suspension = handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(FRIDAY),
        kind="INSPECTION",
        reason="核查",
        expected_days=1,
    )

    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(NEXT_MONDAY)
    )

    case.refresh_from_db()
    assert case.promised_due_date == working_calendar().add(promised, 1)


# The extension from the item ----------------------------------------------------------------------


def test_an_item_whose_law_allows_30_days_extends_by_30(hall, seeded_calendar):
    version = natural_item(
        hall, promised=30, statutory=90, extension_limit=30, extension_basis="《某某条例》第十二条"
    )
    case = accepted(hall, version)

    with pytest.raises(ValidationError) as too_long:
        handling.extension_request(
            case=case, user=hall["reviewer"].user, at=at(FRIDAY), reason="复杂", days=31
        )
    assert too_long.value.message_dict == {"days": ["本办件最多可延长30日。"]}
    extension = handling.extension_request(
        case=case, user=hall["reviewer"].user, at=at(FRIDAY), reason="复杂", approve=False
    )
    assert extension.days == 30

    handling.extension_decide(
        case=case, extension_id=extension.pk, user=hall["chief"].user, at=at(FRIDAY, 10), approve=True
    )

    case.refresh_from_db()
    # 11-16 + 90 + 30 natural days = 2027-03-16 (a Tuesday); promised 11-16 + 60 = 2027-01-15.
    assert (case.statutory_due_date, case.promised_due_date) == (date(2027, 3, 16), date(2027, 1, 15))


def test_an_item_that_may_not_be_extended(hall, seeded_calendar):
    version = published_item(hall, extension_limit=0)
    delegate(hall, version)
    case = accepted(hall, version)

    with pytest.raises(services.CaseError) as refused:
        handling.extension_request(case=case, user=hall["reviewer"].user, at=at(FRIDAY), reason="复杂")

    assert (refused.value.code, refused.value.message) == (
        "extension_not_allowed",
        "本事项依法不得延长办理期限。",
    )


def test_the_catalog_caps_an_item_extension_by_law(hall):
    def problems(**fields):
        content = _content(hall, **fields)
        return content_problems(department=hall["market"], content=content)

    assert "extension_basis" in problems(extension_limit=11)  # beyond art. 42's 10 with no basis
    assert "extension_basis" not in problems(extension_limit=11, extension_basis="《某某法》第九条")
    assert "extension_basis" not in problems(extension_limit=15, case_kind=CaseKind.JOINT)
    assert problems(extension_limit=21, extension_basis="《某某法》第九条")["extension_limit"] == [
        "可延长时限（21）不得超过法定办结时限（20）。"
    ]
    assert "extension_limit" not in problems() and "extension_basis" not in problems()


def _content(hall, **fields):
    from onewindow.catalog.services import VersionContent

    data = {
        "name": "测试事项",
        "legal_basis": "依据",
        "conditions": "条件",
        "procedure": "流程",
        "item_type": "01",
        "case_kind": fields.pop("case_kind", CaseKind.PROMISED),
        "statutory_limit": 20,
        "statutory_unit": LimitUnit.WORKING_DAYS,
        "promised_limit": 5,
        "promised_unit": LimitUnit.WORKING_DAYS,
        "service_objects": ["PERSON"],
        "handling_forms": ["WINDOW"],
        **fields,
    }
    return VersionContent(fields=data, co_departments=[], materials=[], fee_items=[], steps=[])


# Deemed acceptance on read --------------------------------------------------------------------------


def test_a_case_past_its_five_days_reads_as_accepted_before_any_job_runs(hall, seeded_calendar, settings):
    version = published_item(hall)
    case = receive(hall, version, day=MONDAY)  # only received: decide within 5 working days
    assert case.status == CaseStatus.RECEIVED and case.decision_due_date == date(2026, 11, 23)
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 11, 24), 9)  # the 6th working day; no job has run

    progress = APIClient().get(
        "/api/v1/progress", {"number": case.receipt_number, "query_code": case.query_code}
    )

    assert progress.status_code == 200
    assert progress.json()["status"] == CaseStatus.ACCEPTED
    case.refresh_from_db()
    assert (case.status, case.is_auto_accepted, case.accepted_date) == (CaseStatus.ACCEPTED, True, MONDAY)
    assert case.number  # numbered on acceptance


def test_the_desk_list_shows_what_the_law_accepted(hall, seeded_calendar, settings, client):
    version = published_item(hall)
    case = receive(hall, version, day=MONDAY)
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 11, 24), 9)
    client.force_login(hall["clerk"].user)

    page = client.get("/desk/cases/")

    assert page.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.is_auto_accepted
