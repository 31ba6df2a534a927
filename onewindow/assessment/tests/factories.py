"""What the assessment's tests need from the other apps: the roster and sign-ins through their
services, decided cases with known dates (written directly, as the statistics' tests write theirs:
the assessment reads the stored dates, not how a case got there), ratings, complaints and findings
through their own services."""

from __future__ import annotations

import itertools
from datetime import date, time

from onewindow.assessment import services
from onewindow.cases.models import Case, CaseStatus, Channel
from onewindow.cases.tests.factories import at
from onewindow.complaints import services as complaint_services
from onewindow.evaluations import services as rating_services
from onewindow.org import services as org_services
from onewindow.supervision import services as supervision_services
from onewindow.workcalendar.selectors import working_calendar

_numbers = itertools.count(1)


def on_duty(hall, window, staff, *days: date) -> None:
    """Put `staff` at `window` on each of `days` (working days) by the office."""
    for day in days:
        org_services.duty_assign(
            window=window,
            duty_date=day,
            staff=staff,
            actor=hall["office"].user,
            at=at(day, 8, 0),
            calendar=working_calendar(),
        )


def signs(staff, day: date, signed_in: time | None, signed_out: time | None = None) -> None:
    """The staff member signs in (and out) on `day` at the given local times."""
    if signed_in is not None:
        services.attendance_sign_in(staff=staff, at=at(day, signed_in.hour, signed_in.minute))
    if signed_out is not None:
        services.attendance_sign_out(staff=staff, at=at(day, signed_out.hour, signed_out.minute))


def decided(
    hall,
    version,
    *,
    received_by,
    received: date,
    decided: date | None,
    accepted: date | None = None,
    promised_due: date | None = None,
    statutory_due: date | None = None,
    site=None,
) -> Case:
    """A case received at the counter by `received_by` (None: applied for online) on `received`,
    accepted (that day unless said) and decided on `decided`."""
    number = next(_numbers)
    accepted = accepted or received
    return Case.objects.create(
        site=site or hall["county"],
        item=version.item,
        version=version,
        department=version.item.department,
        receipt_number=f"AT-{number:07d}",
        number=f"ATN-{number:07d}",
        query_code="123456",
        channel=Channel.WINDOW if received_by else Channel.ONLINE,
        status=CaseStatus.COMPLETED if decided else CaseStatus.ACCEPTED,
        applicant_kind="PERSON",
        applicant_name=f"申请人{number}",
        id_number="21028319850312001X",
        contact_phone="13912345678",
        received_at=at(received),
        received_date=received,
        received_by=received_by,
        materials_date=received,
        decision_due_date=received,
        accepted_at=at(accepted, 10),
        accepted_date=accepted,
        accepted_by=received_by,
        promised_due_date=promised_due if promised_due is not None else accepted,
        statutory_due_date=statutory_due,
        decided_at=at(decided, 15) if decided else None,
        decided_date=decided,
        decision="APPROVED" if decided else "",
        created_by=hall["office"].user,
    )


def rate(case, level: int, day: date, reasons=()) -> None:
    """The applicant rates the case online on `day`."""
    if level >= 4 and not reasons:
        reasons = ("LATE",)
    rating_services.rating_of_case(
        case=case,
        channel="PROGRESS",
        given=rating_services.RatingInput(level=level, reasons=tuple(reasons)),
        at=at(day, 16),
    )


def upheld_complaint(hall, *, answered: date, result: str = "UPHELD", window=None, staff=None):
    """A complaint registered by phone, accepted, investigated and answered on `answered`."""
    section = hall["supervision"]
    complaint = complaint_services.complaint_file(
        user=section.user,
        channel="PHONE",
        title="窗口服务问题",
        content="群众反映窗口工作人员办事拖拉、态度生硬。",
        at=at(answered, 9),
        complainant_name="李先生",
        complainant_phone="13800000000",
        window=window,
        staff=staff,
    )
    complaint = complaint_services.complaint_accept(
        complaint=complaint, user=section.user, at=at(answered, 10), investigator=section
    )
    return complaint_services.complaint_answer(
        complaint=complaint,
        user=section.user,
        investigation="调取监控并询问当事人，情况属实。",
        result=result,
        reply="已责成窗口整改，并向您致歉。",
        at=at(answered, 14),
        window=window,
        staff=staff,
    )


def finding(hall, *, day: date, kind: str = "WARNING", window=None, staff=None):
    return supervision_services.finding_record(
        user=hall["supervision"].user,
        kind=kind,
        basis="《窗口工作人员行为规范》第五条",
        evidence="当日上午窗口无人值守二十分钟，群众反映。",
        at=at(day, 11),
        window=window,
        staff=staff,
    )
