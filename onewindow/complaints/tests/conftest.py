from datetime import date

import pytest
from rest_framework.test import APIClient

from onewindow.cases.tests.factories import at, delegate, published_item
from onewindow.complaints import services
from onewindow.complaints.models import Channel
from onewindow.fees.tests.factories import accepted_case
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff

#: Monday 16 November 2026: the week the tests' complaints are filed in (no holiday near).
MONDAY = date(2026, 11, 16)


@pytest.fixture
def version(hall, seeded_calendar):
    """食品经营许可 of the market department, delegated to its chief representative."""
    version = published_item(hall)
    delegate(hall, version)
    return version


@pytest.fixture
def case(hall, version):
    """An accepted case of the market department (accepted Monday 16 November 2026)."""
    return accepted_case(hall, version, day=MONDAY)


@pytest.fixture
def investigator(hall):
    """A second member of the county's supervision section, who investigates."""
    return make_staff(site=hall["county"], roles=[Role.SUPERVISION_SECTION], full_name="郑调查")


def api(staff=None) -> APIClient:
    client = APIClient()
    if staff is not None:
        client.force_authenticate(staff.user)
    return client


def file_complaint(hall, *, day=MONDAY, hour=10, **fields):
    """A web complaint by 张晓梅 about the market department (fields override)."""
    values = {
        "user": None,
        "channel": Channel.WEB,
        "title": "窗口人员态度生硬",
        "content": "在2号窗口咨询材料时工作人员态度生硬，没有一次性告知所需材料。",
        "complainant_name": "张晓梅",
        "complainant_phone": "13912345678",
        "complainant_email": "zhang@example.cn",
        "department": hall["market"],
        **fields,
    }
    return services.complaint_file(at=at(day, hour), **values)
