"""Cases with known outcomes, written in bulk (the statistics read the stored dates, not how a
case got there): `CaseSpec` says when a case was received, accepted and decided, against which
due dates, so a test can count what the figures must say without asking the code under test."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import connection
from django.utils import timezone

from onewindow.cases.models import Case, CaseStatus, Channel
from onewindow.catalog.models import CaseKind, ItemVersion

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

    @property
    def immediate(self) -> bool:
        return self.version.case_kind == CaseKind.IMMEDIATE


def write_cases(specs: list[CaseSpec], *, user) -> int:
    """Insert the cases by executemany (a year of a hall in seconds): the columns a spec sets,
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
            "receipt_number": f"S-{number:09d}",
            "number": f"SN-{number:09d}" if spec.accepted else None,
            "channel": str(spec.channel),
            "status": str(status),
            "applicant_name": f"申请人{number}",
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
