"""Factories that build the organisation through its services, so invariants (tree paths,
checksummed codes) hold in every test."""

import itertools
from datetime import date

from onewindow.common.identifiers import credit_code_check_character
from onewindow.org import services
from onewindow.org.models import Role, Site

_sequence = itertools.count(1)
PASSWORD = "Test-password-2026"


def credit_code(number: int | None = None) -> str:
    body = f"11210283MB{number or next(_sequence):07d}"
    return body + credit_code_check_character(body)


def make_site(*, kind=Site.Kind.CENTER, parent=None, name=None, level=None):
    number = next(_sequence)
    level = (
        level or {Site.Kind.CENTER: 4, Site.Kind.BRANCH: 4, Site.Kind.TOWNSHIP: 5, Site.Kind.VILLAGE: 6}[kind]
    )
    return services.site_create(
        name=name or f"测试中心{number}", code=f"T{number:06d}", kind=kind, level=level, parent=parent
    )


def make_department(*, site, name=None):
    number = next(_sequence)
    return services.department_save(
        site=site, name=name or f"测试局{number}", credit_code=credit_code(number)
    )


def make_window(*, site, number=None, kind="HANDLING", departments=()):
    return services.window_save(
        site=site, number=number or str(next(_sequence)), name="测试窗口", kind=kind, departments=departments
    )


def make_staff(*, site, roles=(Role.WINDOW_CLERK,), department=None, username=None, full_name="张三"):
    number = next(_sequence)
    return services.staff_create(
        username=username or f"user{number}",
        full_name=full_name,
        password=PASSWORD,
        site=site,
        employee_number=f"E{number:05d}",
        roles=list(roles),
        department=department,
    )


def make_hall(*, start=date(2026, 1, 1)):
    """A county center with a township and a village point; two departments; three windows with
    A/B posts; an office member, a clerk, a reviewer; a township clerk."""
    county = make_site(kind=Site.Kind.CENTER, name="测试县政务服务中心")
    township = make_site(kind=Site.Kind.TOWNSHIP, parent=county, name="测试镇便民服务中心")
    village = make_site(kind=Site.Kind.VILLAGE, parent=township, name="测试村代办点")
    market = make_department(site=county, name="市场监督管理局")
    housing = make_department(site=county, name="住房和城乡建设局")
    windows = [
        make_window(site=county, number="1", kind="COMPREHENSIVE", departments=[market, housing]),
        make_window(site=county, number="2", departments=[market]),
        make_window(site=county, number="3", departments=[housing]),
    ]
    township_window = make_window(site=township, number="1", kind="COMPREHENSIVE")
    people = {
        "office": make_staff(site=county, roles=[Role.CENTER_OFFICE], full_name="林主任"),
        "business": make_staff(site=county, roles=[Role.BUSINESS_SECTION]),
        "supervision": make_staff(site=county, roles=[Role.SUPERVISION_SECTION]),
        "clerk": make_staff(site=county, roles=[Role.WINDOW_CLERK], full_name="王秀英"),
        "clerk_b": make_staff(site=county, roles=[Role.WINDOW_CLERK], full_name="赵志强"),
        "market_a": make_staff(site=county, roles=[Role.WINDOW_CLERK], department=market, full_name="刘建国"),
        "market_b": make_staff(site=county, roles=[Role.WINDOW_CLERK], department=market, full_name="朱振华"),
        "housing_a": make_staff(site=county, roles=[Role.WINDOW_CLERK], department=housing, full_name="梁磊"),
        "reviewer": make_staff(
            site=county, roles=[Role.DEPARTMENT_REVIEWER], department=market, full_name="陈海燕"
        ),
        "chief": make_staff(
            site=county, roles=[Role.CHIEF_REPRESENTATIVE], department=market, full_name="宋首席"
        ),
        "fee": make_staff(site=county, roles=[Role.FEE_CLERK]),
        "agent": make_staff(site=county, roles=[Role.CASE_AGENT]),
        "township_clerk": make_staff(site=township, roles=[Role.WINDOW_CLERK], full_name="马欣悦"),
        "village_clerk": make_staff(site=village, roles=[Role.WINDOW_CLERK]),
        "township_office": make_staff(site=township, roles=[Role.CENTER_OFFICE]),
    }
    services.window_post_assign(window=windows[0], post="A", staff=people["clerk"], from_date=start)
    services.window_post_assign(window=windows[0], post="B", staff=people["clerk_b"], from_date=start)
    services.window_post_assign(window=windows[1], post="A", staff=people["market_a"], from_date=start)
    services.window_post_assign(window=windows[1], post="B", staff=people["market_b"], from_date=start)
    services.window_post_assign(window=windows[2], post="A", staff=people["housing_a"], from_date=start)
    services.window_post_assign(
        window=township_window, post="A", staff=people["township_clerk"], from_date=start
    )
    return {
        "county": county,
        "township": township,
        "village": village,
        "market": market,
        "housing": housing,
        "windows": windows,
        "township_window": township_window,
        **people,
    }
