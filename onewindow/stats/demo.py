"""The demo's year of history for the statistics, and the writer it (and the tests) use: cases
with known dates and outcomes, written in bulk (the statistics read the stored dates, not how a
case got there), then rolled up. Demo numbers start with LS- so they never meet the real ones."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from onewindow.cases.models import Case, CaseStatus, Channel
from onewindow.catalog.models import CaseKind, ItemVersion, LimitUnit
from onewindow.org.models import Site
from onewindow.stats.services import rollup_days
from onewindow.workcalendar.selectors import working_calendar

_numbers = itertools.count(1)


@dataclass(frozen=True)
class CaseSpec:
    version: ItemVersion
    site_id: int
    received: date
    channel: str = Channel.WINDOW
    accepted: date | None = None
    decided: date | None = None
    promised_due: date | None = None
    statutory_due: date | None = None
    suspended_days: int = 0
    applicant_name: str = ""
    #: The staff member who received and accepted it at the window, and the one who decided it.
    clerk_id: int | None = None
    decider_id: int | None = None

    @property
    def immediate(self) -> bool:
        return self.version.case_kind == CaseKind.IMMEDIATE


def write_cases(specs: list[CaseSpec], *, user, prefix: str = "S") -> int:
    """Insert the cases by COPY on PostgreSQL, else executemany (a year of a hall in seconds): the columns a spec sets,
    the others from one case prepared by the ORM; each value made ready for the database by its
    field, as the ORM would write it. Returns how many."""
    fields = [field for field in Case._meta.concrete_fields if not field.primary_key]
    by_name = {field.attname: field for field in fields}
    prototype = Case(
        query_code="123456",
        applicant_kind="PERSON",
        id_number="21028319850312001X",
        contact_phone="13912345678",
        created_by_id=user.pk,
    )
    base = {
        field.attname: field.get_db_prep_save(getattr(prototype, field.attname), connection)
        for field in fields
    }
    prepared: dict[tuple, object] = {}

    def ready(name, value):
        if value is None or isinstance(value, str | int):
            return value
        key = (name, value)
        if key not in prepared:
            prepared[key] = by_name[name].get_db_prep_save(value, connection)
        return prepared[key]

    rows = []
    for spec in specs:
        number = next(_numbers)
        received_at = timezone.make_aware(datetime.combine(spec.received, time(9, 30)))
        status = CaseStatus.RECEIVED
        if spec.accepted:
            status = CaseStatus.COMPLETED if spec.decided else CaseStatus.ACCEPTED
        decided_at = (
            timezone.make_aware(datetime.combine(spec.decided, time(15, 0))) if spec.decided else None
        )
        values = {
            "site_id": spec.site_id,
            "item_id": spec.version.item_id,
            "version_id": spec.version.pk,
            "department_id": spec.version.item.department_id,
            "receipt_number": f"{prefix}-{number:09d}",
            "number": f"{prefix}N-{number:09d}" if spec.accepted else None,
            "channel": str(spec.channel),
            "status": str(status),
            "applicant_name": spec.applicant_name or f"申请人{number}",
            "received_at": received_at,
            "received_date": spec.received,
            "materials_date": spec.received,
            "decision_due_date": spec.received,
            "accepted_at": received_at if spec.accepted else None,
            "accepted_date": spec.accepted,
            "promised_due_date": spec.promised_due,
            "statutory_due_date": spec.statutory_due,
            "suspended_days": spec.suspended_days,
            "decided_at": decided_at,
            "decided_date": spec.decided,
            "decision": "APPROVED" if spec.decided else "",
            "received_by_id": spec.clerk_id,
            "accepted_by_id": spec.clerk_id if spec.accepted else None,
            "decided_by_id": spec.decider_id if spec.decided else None,
        }
        row = dict(base)
        row.update((name, ready(name, value)) for name, value in values.items())
        rows.append([row[field.attname] for field in fields])
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: a year of a hall in a second or two
            with cursor.cursor.copy(f"COPY {Case._meta.db_table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return len(rows)
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                f"INSERT INTO {Case._meta.db_table} ({columns}) VALUES ({marks})",  # noqa: S608 - names from the model
                rows[start : start + 5000],
            )
    return len(rows)


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
]


def _due(calendar, start: date, limit: int, unit: str) -> date:
    return start + timedelta(days=limit) if unit == LimitUnit.NATURAL_DAYS else calendar.add(start, limit)


def stats_demo_load(*, county: Site, now: datetime, seed: int = 2026) -> int:
    """About a year of decided cases (13 months back to yesterday, 15–35 a working day) at
    the county and its townships over the catalog in force, most promised cases early and a few
    late, then the roll-up of those days. Once: returns 0 when the history is there."""
    if Case.objects.filter(receipt_number__startswith="LS-").exists():
        return 0
    versions = list(
        ItemVersion.objects.filter(
            status=ItemVersion.Status.APPROVED, item__department__site=county
        ).select_related("item")
    )
    if not versions:
        return 0
    calendar = working_calendar()
    today = timezone.localtime(now).date()
    first, last = today - timedelta(days=395), today - timedelta(days=1)
    townships = list(Site.objects.filter(parent=county, kind=Site.Kind.TOWNSHIP))
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    staff = _desks(county)
    specs = []
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            for _ in range(rng.randint(15, 35)):
                specs.append(
                    _historic(
                        rng,
                        calendar,
                        day,
                        county=county,
                        townships=townships,
                        versions=versions,
                        last=last,
                        staff=staff,
                    )
                )
        day += timedelta(days=1)
    user = get_user_model().objects.order_by("-is_superuser", "pk").first()
    written = write_cases(specs, user=user, prefix="LS")
    rollup_days(first, today)
    _reports(county, now=now)
    return written


def _desks(county: Site) -> dict:
    """Who takes cases in at each site's windows, and who decides each department's cases."""
    from onewindow.org.models import Role, StaffRole

    clerks: dict[int, list[int]] = {}
    deciders: dict[int, list[int]] = {}
    rows = StaffRole.objects.filter(
        staff__is_active=True,
        role__in=[Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER],
        staff__site__path__startswith=county.path,
    ).values_list("role", "staff_id", "staff__site_id", "staff__department_id")
    for role, staff_id, site_id, department_id in rows.order_by("staff_id"):
        if role == Role.WINDOW_CLERK:
            clerks.setdefault(site_id, []).append(staff_id)
        elif department_id:
            deciders.setdefault(department_id, []).append(staff_id)
    return {"clerks": clerks, "deciders": deciders}


def _reports(county: Site, *, now: datetime) -> None:
    """The last month's report of the center and of each department, and the last quarter's of
    the center, as the nightly task would have made them."""
    from onewindow.org.models import Department
    from onewindow.stats import reports
    from onewindow.stats.services import report_generate

    today = timezone.localtime(now).date()
    report_generate(kind="QUARTER", start=reports.last_finished("QUARTER", today), site=county, at=now)
    month = reports.last_finished("MONTH", today)
    for department in [None, *Department.objects.filter(site=county).order_by("sort_order", "pk")]:
        report_generate(kind="MONTH", start=month, site=county, department=department, at=now)


def _historic(rng, calendar, day, *, county, townships, versions, last: date, staff: dict) -> CaseSpec:
    """One case received on `day`; decided by `last` at the latest (the history has no open case
    to light up the supervision board)."""
    version = rng.choice(versions)
    at_township = townships and rng.random() < 0.3
    site = rng.choice(townships) if at_township else county
    channel = (
        Channel.TOWNSHIP
        if at_township
        else rng.choice([Channel.WINDOW] * 5 + [Channel.ONLINE] * 3 + [Channel.MAIL])
    )
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    clerks = staff["clerks"].get(site.pk) if channel != Channel.ONLINE else None
    clerk = rng.choice(clerks) if clerks else None
    deciders = staff["deciders"].get(version.item.department_id)
    decider = rng.choice(deciders) if deciders else None
    if rng.random() < 0.04:  # refused, withdrawn or never completed: received only
        return CaseSpec(
            version=version,
            site_id=site.pk,
            received=day,
            channel=channel,
            applicant_name=name,
            clerk_id=clerk,
        )
    if version.case_kind == CaseKind.IMMEDIATE:
        return CaseSpec(
            version,
            site.pk,
            day,
            channel,
            accepted=day,
            decided=day,
            promised_due=day,
            statutory_due=day,
            applicant_name=name,
            clerk_id=clerk,
            decider_id=clerk,  # an immediate case is decided at the window
        )
    promised_due = _due(calendar, day, version.promised_limit, version.promised_unit)
    statutory_due = _due(calendar, day, version.statutory_limit, version.statutory_unit)
    span = max(1, calendar.between(day, promised_due))
    late = rng.random() < 0.03
    decided = (
        calendar.add(day, span + rng.randint(1, 3))
        if late
        else calendar.add(day, rng.randint(0, max(0, span - 1)))
    )
    return CaseSpec(
        version,
        site.pk,
        day,
        channel,
        accepted=day,
        decided=decided,
        promised_due=promised_due,
        statutory_due=statutory_due,
        suspended_days=rng.choice([0] * 9 + [2]),
        applicant_name=name,
        clerk_id=clerk,
        decider_id=decider,
    )
