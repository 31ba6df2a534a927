"""Accountability (效能问责): the section records a finding against one staff member, window or
department with its basis and evidence; the subject is told and may appeal once; the center
office upholds or revokes it. Wrong people, wrong states and bad input write nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from onewindow.cases.tests.factories import at
from onewindow.common.api import NotAllowed
from onewindow.notifications.models import Notification
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff
from onewindow.supervision import services
from onewindow.supervision.models import Finding

pytestmark = pytest.mark.django_db

MOMENT = at(date(2026, 11, 24), 10)
EVIDENCE = "办件 T000001-2026-000001 超过承诺期限3个工作日未办结，经督办仍未说明。"


def record(hall, **subject):
    return services.finding_record(
        user=hall["supervision"].user,
        kind=Finding.Kind.WARNING,
        basis="《中心效能问责办法》第八条",
        evidence=EVIDENCE,
        at=MOMENT,
        **subject,
    )


def test_a_finding_is_told_appealed_once_and_decided_by_the_office(hall):
    finding = record(hall, staff=hall["reviewer"])
    assert Notification.objects.filter(user=hall["reviewer"].user, subject="效能问责：警告").count() == 1
    with pytest.raises(NotAllowed):
        services.finding_appeal(
            finding=finding, user=hall["clerk"].user, text="我不同意这项认定的事实。", at=MOMENT
        )
    with pytest.raises(ValidationError):
        services.finding_appeal(finding=finding, user=hall["reviewer"].user, text="不服", at=MOMENT)
    services.finding_appeal(
        finding=finding, user=hall["reviewer"].user, text="超期系申请人补正材料所致，非本人原因。", at=MOMENT
    )
    with pytest.raises(services.FindingError):
        services.finding_appeal(
            finding=finding, user=hall["reviewer"].user, text="再次申诉，理由同上所述。", at=MOMENT
        )
    with pytest.raises(NotAllowed):  # the section that recorded it does not review the appeal
        services.finding_decide_appeal(
            finding=finding, user=hall["supervision"].user, uphold=False, decision="撤销", at=MOMENT
        )
    finding = services.finding_decide_appeal(
        finding=finding,
        user=hall["office"].user,
        uphold=False,
        decision="经核实，超期原因属实，撤销问责。",
        at=MOMENT,
    )
    assert finding.appeal == Finding.Appeal.REVOKED
    with pytest.raises(services.FindingError):
        services.finding_decide_appeal(
            finding=finding, user=hall["office"].user, uphold=True, decision="维持", at=MOMENT
        )


def test_a_department_appeals_through_its_chief(hall):
    finding = record(hall, department=hall["market"])
    with pytest.raises(NotAllowed):
        services.finding_appeal(
            finding=finding, user=hall["reviewer"].user, text="部门意见：事实有误，请复核。", at=MOMENT
        )
    services.finding_appeal(
        finding=finding, user=hall["chief"].user, text="部门意见：事实有误，请复核。", at=MOMENT
    )


def test_wrong_subjects_and_people_write_nothing(hall):
    with pytest.raises(NotAllowed):
        services.finding_record(
            user=hall["office"].user,
            kind="WARNING",
            basis="第八条规定",
            evidence=EVIDENCE,
            at=MOMENT,
            staff=hall["clerk"],
        )
    for subject in ({}, {"staff": hall["clerk"], "department": hall["market"]}):
        with pytest.raises(ValidationError):
            record(hall, **subject)
    with pytest.raises(ValidationError):
        services.finding_record(
            user=hall["supervision"].user,
            kind="FIRE",
            basis="第八条规定",
            evidence=EVIDENCE,
            at=MOMENT,
            staff=hall["clerk"],
        )
    township_section = make_staff(site=hall["township"], roles=[Role.SUPERVISION_SECTION])
    with pytest.raises(NotAllowed):
        services.finding_record(
            user=township_section.user,
            kind="WARNING",
            basis="第八条规定",
            evidence=EVIDENCE,
            at=MOMENT,
            staff=hall["clerk"],
        )
    assert not Finding.objects.exists()


def test_the_api_records_lists_and_appeals(hall):
    section, reviewer, housing = APIClient(), APIClient(), APIClient()
    section.force_authenticate(hall["supervision"].user)
    reviewer.force_authenticate(hall["reviewer"].user)
    housing.force_authenticate(hall["housing_a"].user)
    body = {
        "kind": "REMINDER",
        "staff": hall["reviewer"].pk,
        "basis": "《中心效能问责办法》第五条",
        "evidence": EVIDENCE,
    }
    assert (
        section.post("/api/v1/supervision/findings/", {**body, "staff": 999999}, format="json").status_code
        == 404
    )
    assert (
        section.post("/api/v1/supervision/findings/", {**body, "kind": "X"}, format="json").status_code == 400
    )
    created = section.post("/api/v1/supervision/findings/", body, format="json")
    assert created.status_code == 201 and created.json()["subject"] == hall["reviewer"].name
    finding_id = created.json()["id"]
    assert [row["id"] for row in reviewer.get("/api/v1/supervision/findings/").json()["results"]] == [
        finding_id
    ]
    assert housing.get("/api/v1/supervision/findings/").json()["results"] == []
    appeal = reviewer.post(
        f"/api/v1/supervision/findings/{finding_id}/appeal",
        {"text": "超期系申请人补正材料所致。"},
        format="json",
    )
    assert appeal.status_code == 200 and appeal.json()["appeal"] == "PENDING"
    again = reviewer.post(
        f"/api/v1/supervision/findings/{finding_id}/appeal",
        {"text": "超期系申请人补正材料所致。"},
        format="json",
    )
    assert again.status_code == 409


def test_the_findings_page_records_appeals_and_decides(hall):
    from django.test import Client

    def client_for(staff):
        client = Client()
        client.force_login(staff.user)
        return client

    section, reviewer, office = (
        client_for(hall["supervision"]),
        client_for(hall["reviewer"]),
        client_for(hall["office"]),
    )
    assert "认定问责" in section.get("/office/supervision/findings/").content.decode()
    section.post(
        "/office/supervision/findings/",
        {
            "action": "record",
            "kind": "WARNING",
            "staff": hall["reviewer"].pk,
            "basis": "第八条规定",
            "evidence": EVIDENCE,
        },
    )
    finding = Finding.objects.get()
    assert finding.staff == hall["reviewer"]
    page = reviewer.get("/office/supervision/findings/").content.decode()
    assert "申诉理由" in page and EVIDENCE in page
    reviewer.post(
        "/office/supervision/findings/",
        {"action": "appeal", "finding": finding.pk, "text": "超期系申请人补正所致，请复核。"},
    )
    office.post(
        "/office/supervision/findings/",
        {"action": "decide", "finding": finding.pk, "uphold": "1", "decision": "维持原认定。"},
    )
    finding.refresh_from_db()
    assert finding.appeal == Finding.Appeal.UPHELD
    assert section.post("/office/supervision/findings/", {"action": "nonsense"}).status_code == 400
    assert client_for(hall["clerk"]).get("/office/supervision/findings/").status_code == 403
