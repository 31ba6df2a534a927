from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from onewindow.org import services
from onewindow.org.models import DutyAssignment, Role, Site, Staff, WindowPost
from onewindow.org.tests.factories import credit_code, make_department, make_site, make_staff, make_window
from onewindow.workcalendar.selectors import working_calendar

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
MONDAY = date(2026, 11, 23)
pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_sites_form_a_tree_with_paths_and_kinds_that_fit(db):
    county = make_site()
    township = make_site(kind=Site.Kind.TOWNSHIP, parent=county)
    village = make_site(kind=Site.Kind.VILLAGE, parent=township)
    assert village.path == f"/{county.pk}/{township.pk}/{village.pk}/"
    with pytest.raises(ValidationError) as excinfo:
        make_site(kind=Site.Kind.VILLAGE, parent=county)
    assert errors_of(excinfo) == {"parent": ["「村（社区）代办点」不能设在「政务服务中心」之下。"]}
    with pytest.raises(ValidationError) as excinfo:
        services.site_create(name="x", code="X1", kind=Site.Kind.TOWNSHIP, level=3, parent=county)
    assert "level" in errors_of(excinfo)


def test_a_department_credit_code_is_checked_by_its_checksum(db):
    site = make_site()
    good = credit_code(42)
    department = services.department_save(site=site, name="市司法局", credit_code=good.lower())
    assert department.credit_code == good
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError) as excinfo:
        services.department_save(site=site, name="市水务局", credit_code=wrong)
    assert errors_of(excinfo)["credit_code"][0].startswith("统一社会信用代码校验位错误")
    with pytest.raises(ValidationError) as excinfo:
        services.department_save(site=site, name="市司法局", credit_code=credit_code(43))
    assert "__all__" in errors_of(excinfo)


def test_a_window_serves_only_departments_of_its_own_site(db):
    county, other = make_site(), make_site()
    with pytest.raises(ValidationError) as excinfo:
        make_window(site=county, departments=[make_department(site=other, name="外地局")])
    assert errors_of(excinfo) == {"departments": ["以下部门不在本中心：外地局"]}


def test_staff_creation_validates_roles_department_and_password(db):
    site = make_site()
    with pytest.raises(ValidationError) as excinfo:
        make_staff(site=site, roles=[Role.DEPARTMENT_REVIEWER])
    assert errors_of(excinfo) == {"department": ["首席代表和部门审核人员必须指定所属部门。"]}
    with pytest.raises(ValidationError) as excinfo:
        make_staff(site=site, roles=[Role.APPLICANT])
    assert "roles" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.staff_create(
            username="weak",
            full_name="弱密码",
            password="12345678",
            site=site,
            employee_number="E1",
            roles=[Role.WINDOW_CLERK],
        )
    assert "password" in errors_of(excinfo)
    make_staff(site=site, username="taken")
    with pytest.raises(ValidationError) as excinfo:
        make_staff(site=site, username="taken")
    assert errors_of(excinfo) == {"username": ["登录名「taken」已被使用。"]}
    assert Staff.objects.count() == 1


def test_giving_a_post_ends_the_previous_holder_and_a_and_b_differ(hall):
    window = hall["windows"][0]
    successor = make_staff(site=hall["county"])
    services.window_post_assign(window=window, post="A", staff=successor, from_date=date(2026, 6, 1))
    posts = list(WindowPost.objects.filter(window=window, post="A").order_by("active_from_date"))
    assert [(post.staff, post.active_to_date) for post in posts] == [
        (hall["clerk"], date(2026, 6, 1)),
        (successor, None),
    ]
    with pytest.raises(ValidationError, match="A岗与B岗不能是同一人"):
        services.window_post_assign(window=window, post="B", staff=successor, from_date=date(2026, 7, 1))
    with pytest.raises(ValidationError, match="不在该窗口所在中心工作"):
        services.window_post_assign(
            window=window, post="B", staff=hall["township_clerk"], from_date=date(2026, 7, 1)
        )


def _generate(hall, day=MONDAY):
    return services.duty_roster_generate(
        site=hall["county"], duty_date=day, actor=None, at=NOW, calendar=working_calendar()
    )


def test_the_roster_takes_a_posts_then_b_posts_and_reports_gaps(seeded_calendar, hall):
    # Given window 1's A post is on leave, window 3 has only an A post who is training
    services.staff_absence_record(
        staff=hall["clerk"], kind="LEAVE", start_date=MONDAY, end_date=date(2026, 11, 25)
    )
    services.staff_absence_record(
        staff=hall["housing_a"], kind="TRAINING", start_date=MONDAY, end_date=date(2026, 11, 24)
    )
    # When the roster is generated
    result = _generate(hall)
    # Then the B post covers window 1, window 2 has its A post, window 3 is a gap
    duties = {
        duty.window.number: (duty.staff, duty.source)
        for duty in DutyAssignment.objects.filter(duty_date=MONDAY)
    }
    assert duties == {"1": (hall["clerk_b"], "B"), "2": (hall["market_a"], "A")}
    assert [window.number for window in result.gaps] == ["3"]
    # And generating again changes nothing
    assert _generate(hall).created == []
    assert DutyAssignment.objects.filter(duty_date=MONDAY).count() == 2


def test_no_roster_on_a_day_the_hall_is_closed(seeded_calendar, hall):
    with pytest.raises(services.NotAWorkingDay, match="2026-10-01 不是工作日"):
        _generate(hall, day=date(2026, 10, 1))
    assert _generate(hall, day=date(2026, 10, 10)).created  # a make-up Saturday is a working day


def test_assigning_duty_by_hand_checks_absence_and_double_booking(seeded_calendar, hall):
    _generate(hall)
    gap = hall["windows"][2]
    calendar = working_calendar()
    with pytest.raises(services.OrgError, match="当天已在1号窗口"):
        services.duty_assign(
            window=gap, duty_date=MONDAY, staff=hall["clerk"], actor=None, at=NOW, calendar=calendar
        )
    services.staff_absence_record(
        staff=hall["agent"], kind="BUSINESS_TRIP", start_date=MONDAY, end_date=date(2026, 11, 24)
    )
    with pytest.raises(services.OrgError, match="请假或外出"):
        services.duty_assign(
            window=gap, duty_date=MONDAY, staff=hall["agent"], actor=None, at=NOW, calendar=calendar
        )
    with pytest.raises(services.OrgError, match="不在该窗口所在中心工作"):
        services.duty_assign(
            window=gap, duty_date=MONDAY, staff=hall["township_clerk"], actor=None, at=NOW, calendar=calendar
        )
    duty = services.duty_assign(
        window=gap, duty_date=MONDAY, staff=hall["fee"], actor=None, at=NOW, calendar=calendar
    )
    assert (duty.staff, duty.source) == (hall["fee"], "ASSIGNED")
    # Reassigning the same window replaces the person, keeping one row
    services.duty_assign(
        window=gap, duty_date=MONDAY, staff=hall["business"], actor=None, at=NOW, calendar=calendar
    )
    assert list(DutyAssignment.objects.filter(window=gap).values_list("staff", flat=True)) == [
        hall["business"].pk
    ]
    services.duty_unassign(window=gap, duty_date=MONDAY)
    with pytest.raises(services.OrgError, match="没有排班"):
        services.duty_unassign(window=gap, duty_date=MONDAY)


def test_an_absence_must_end_after_it_starts(hall):
    with pytest.raises(ValidationError, match="结束日期必须晚于开始日期"):
        services.staff_absence_record(staff=hall["clerk"], kind="LEAVE", start_date=MONDAY, end_date=MONDAY)


def test_a_delegation_belongs_to_a_chief_representative_and_lists_items(hall):
    items = [services.DelegatedItem("SCJG-001", "个体工商户设立登记")]
    delegation = services.delegation_create(
        chief_representative=hall["chief"],
        letter_number="授〔2026〕1号",
        signed_by="局长",
        valid_from_date=date(2026, 1, 1),
        items=items,
    )
    assert delegation.department == hall["market"]
    assert delegation.is_valid_on(date(2026, 11, 23)) is True
    with pytest.raises(ValidationError, match="不是首席代表"):
        services.delegation_create(
            chief_representative=hall["clerk"],
            letter_number="x",
            signed_by="y",
            valid_from_date=date(2026, 1, 1),
            items=items,
        )
    with pytest.raises(ValidationError, match="至少列明一个事项"):
        services.delegation_create(
            chief_representative=hall["chief"],
            letter_number="x2",
            signed_by="y",
            valid_from_date=date(2026, 1, 1),
            items=[],
        )
    with pytest.raises(ValidationError, match="失效日期必须晚于生效日期"):
        services.delegation_create(
            chief_representative=hall["chief"],
            letter_number="x3",
            signed_by="y",
            valid_from_date=date(2026, 1, 1),
            valid_to_date=date(2026, 1, 1),
            items=items,
        )
