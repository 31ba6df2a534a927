"""Window intake through the API (POST /api/v1/cases/ with an Idempotency-Key), on PostgreSQL:
p50 latency and cases per second, sequentially and with 4 clients, against the same rows inserted
by raw SQL in one transaction per case, measured in the same run.

Each intake validates the applicant (credit-code and ID checksums), checks the item version in
force, draws a receipt number (random, no counter row: services.intake._new_receipt_number), writes the
case, its 5 checklist lines and its event in one transaction, and answers with the full case
record. The raw-SQL reference writes exactly those rows, with the same values in every column
(checked after the run, column by column, against a case the API wrote), in one transaction per
case; the tables are analyzed after loading, before either side is timed.

The peer to beat (the issue's figures, same machine class): Open Zaak's case creation, 64.7 ms p50
and 14.3 cases/s sequentially, 26.9 cases/s with 4 clients.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_intake)
    BENCH_INTAKE_DATABASE_URL=... python bench/intake.py    # dropped and created again: a *bench* name
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import secrets
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

SEQUENTIAL = 400
PER_CLIENT = 150
CLIENTS = 4

support.setup(support.bench_url("intake", default=support.POSTGRES + "onewindow_bench_intake"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from onewindow.cases import services  # noqa: E402
from onewindow.cases.models import Case, CaseEvent, CaseMaterial, CaseStatus, Channel  # noqa: E402
from onewindow.cases.tests.factories import id_card, published_item  # noqa: E402
from onewindow.org.tests.factories import credit_code, make_hall  # noqa: E402
from onewindow.workcalendar.selectors import working_calendar  # noqa: E402


def body(number: int, item_code: str) -> dict:
    return {
        "item": item_code,
        "applicant": {
            "kind": "ORGANISATION",
            "name": f"基准测试餐饮有限公司{number}",
            "id_number": credit_code(10_000 + number),
            "legal_representative": "王海",
            "contact_name": "张晓梅",
            "contact_id_number": id_card(),
            "contact_phone": "13912345678",
        },
    }


def post_intakes(token: str, item_code: str, numbers, timings: list[float]) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    for number in numbers:
        started = time.perf_counter()
        response = client.post(
            "/api/v1/cases/",
            body(number, item_code),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
        )
        timings.append(time.perf_counter() - started)
        assert response.status_code == 201, response.content
    connection.close()


def _client_process(token: str, item_code: str, first: int) -> list[float]:
    timings: list[float] = []
    post_intakes(token, item_code, range(first, first + PER_CLIENT), timings)
    return timings


#: The columns the intake writes, in the order of the raw SQL below.
CASE_COLUMNS = (
    "site_id, item_id, version_id, department_id, receipt_number, number, query_code, channel, status,"
    " applicant_kind, applicant_name, id_type, id_number, legal_representative, contact_name,"
    " contact_id_number, contact_phone, contact_email, applicant_user_id, note, received_at, received_date,"
    " received_by_id, materials_date, decision_due_date, accepted_at, accepted_date, accepted_by_id,"
    " is_auto_accepted, promised_due_date, statutory_due_date, agent_id, refusal_kind, refusal_reason,"
    " competent_authority, suspended_days, extended_days, decision, decision_reason, result_name, result_number,"
    " result_valid_from, result_valid_until, remedies, decided_at, decided_date, decided_by_id,"
    " delivery_due_date, delivered_at, original_id, closing_reason, closed_at, created_by_id, idempotency_key,"
    " idempotency_fingerprint"
)


def raw_sql_intakes(numbers, *, version, clerk, item_code: str) -> list[float]:
    """The rows an intake writes, written by hand in one transaction per case: the case (every
    column with the value the service gives it), its checklist lines in one statement, and its
    event. The values the service works out in Python (the receipt number, the decision due date,
    the request's fingerprint, the lines' default states) are worked out before the clock starts."""
    site = clerk.site
    today = timezone.localdate()
    decision_due = working_calendar().add(today, services.DECISION_WORKING_DAYS)
    lines = [
        (
            material.pk,
            index,
            material.name,
            material.necessity,
            services.default_state(material, Channel.WINDOW),
        )
        for index, material in enumerate(version.materials.order_by("sort_order", "id"), start=1)
    ]
    prefix = f"SJ{services.site_code(site)}{today:%y%m%d}"
    taken = set(
        Case.objects.filter(receipt_number__startswith=prefix).values_list("receipt_number", flat=True)
    )
    line_values = ", ".join(["(%s, %s, %s, %s, %s, %s, 0, 0, '', NULL, '')"] * len(lines))
    timings = []
    for number in numbers:
        request = body(number, item_code)
        fingerprint = hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()
        receipt = prefix + f"{secrets.randbelow(10**6):06d}"
        while receipt in taken:
            receipt = prefix + f"{secrets.randbelow(10**6):06d}"
        taken.add(receipt)
        applicant = request["applicant"]
        now = timezone.now()
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO cases_case ({CASE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, NULL, %s, %s, %s, %s, %s,"  # noqa: S608
                " '', %s, %s, %s, %s, %s, '', NULL, '', %s, %s, %s, %s, %s, NULL, NULL, NULL, false, NULL, NULL,"
                " NULL, '', '', '', 0, 0, '', '', '', '', NULL, NULL, '', NULL, NULL, NULL, NULL, NULL, NULL, '',"
                " NULL, %s, %s, %s) RETURNING id",
                [
                    site.pk,
                    version.item_id,
                    version.pk,
                    version.item.department_id,
                    receipt,
                    f"{secrets.randbelow(10**6):06d}",
                    Channel.WINDOW,
                    CaseStatus.RECEIVED,
                    applicant["kind"],
                    applicant["name"],
                    applicant["id_number"],
                    applicant["legal_representative"],
                    applicant["contact_name"],
                    applicant["contact_id_number"],
                    applicant["contact_phone"],
                    now,
                    today,
                    clerk.pk,
                    today,
                    decision_due,
                    clerk.user_id,
                    uuid.uuid4().hex,
                    fingerprint,
                ],
            )
            case_id = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO cases_casematerial (case_id, material_id, sort_order, name, necessity, state,"  # noqa: S608
                f" originals_received, copies_received, problem, deferred_until, file) VALUES {line_values}",
                [value for line in lines for value in (case_id, *line)],
            )
            cursor.execute(
                "INSERT INTO cases_caseevent (case_id, action, at, actor_id, department_id, from_status, to_status,"
                " comment, is_public) VALUES (%s, %s, %s, %s, %s, '', %s, '', true)",
                [
                    case_id,
                    CaseEvent.Action.RECEIVED,
                    now,
                    clerk.user_id,
                    version.item.department_id,
                    CaseStatus.RECEIVED,
                ],
            )
        timings.append(time.perf_counter() - started)
    return timings


#: Columns that differ from one intake to the next (or are ids).
VARYING = {
    "id",
    "case_id",
    "receipt_number",
    "query_code",
    "applicant_name",
    "id_number",
    "contact_id_number",
    "received_at",
    "at",
    "idempotency_key",
    "idempotency_fingerprint",
}


def _rows(table: str, column: str, case_id: int) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {column} = %s ORDER BY id", [case_id])  # noqa: S608
        names = [description.name for description in cursor.description]
        return [
            {name: value for name, value in zip(names, row, strict=True) if name not in VARYING}
            for row in cursor
        ]


def check_same_rows(api_case: Case, raw_case: Case) -> None:
    """The reference wrote what the API wrote: the same tables, row counts and values, every
    column but those that differ between any two intakes (which must be filled in all the same)."""
    for table, column in (
        ("cases_case", "id"),
        ("cases_casematerial", "case_id"),
        ("cases_caseevent", "case_id"),
    ):
        api_rows, raw_rows = _rows(table, column, api_case.pk), _rows(table, column, raw_case.pk)
        assert api_rows == raw_rows, (table, api_rows, raw_rows)
    for field in VARYING - {"id", "case_id", "at"}:
        api_value, raw_value = getattr(api_case, field), getattr(raw_case, field)
        assert api_value and raw_value and type(api_value) is type(raw_value), field
        if field != "applicant_name":  # the same shape: numbers, codes, keys, digests
            assert not isinstance(api_value, str) or len(api_value) == len(raw_value), field


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate())
    clerk = hall["clerk"]
    token = Token.objects.create(user=clerk.user).key
    code = version.item.implementation_code
    database = connection.vendor

    post_intakes(token, code, range(20), [])  # warm up
    support.analyze()
    counts_before = {model: model.objects.count() for model in (Case, CaseMaterial, CaseEvent)}
    sequential: list[float] = []
    started = time.perf_counter()
    post_intakes(token, code, range(100, 100 + SEQUENTIAL), sequential)
    sequential_rate = SEQUENTIAL / (time.perf_counter() - started)
    api_rows = {model: model.objects.count() - counts_before[model] for model in counts_before}

    # Four clients against four server processes (as a deployment runs several workers): each
    # process has its own interpreter and database connection.
    connection.close()
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(CLIENTS) as pool:
        per_client = pool.starmap(
            _client_process,
            [(token, code, 10_000 + index * PER_CLIENT) for index in range(CLIENTS)],
        )
    parallel_rate = CLIENTS * PER_CLIENT / (time.perf_counter() - started)
    parallel = [timing for timings in per_client for timing in timings]

    counts_before = {model: model.objects.count() for model in counts_before}
    started = time.perf_counter()
    raw = raw_sql_intakes(range(50_000, 50_000 + SEQUENTIAL), version=version, clerk=clerk, item_code=code)
    raw_rate = SEQUENTIAL / (time.perf_counter() - started)
    raw_rows = {model: model.objects.count() - counts_before[model] for model in counts_before}
    assert raw_rows == api_rows, (raw_rows, api_rows)
    check_same_rows(
        Case.objects.get(applicant_name=body(100, code)["applicant"]["name"]),
        Case.objects.get(applicant_name=body(50_000, code)["applicant"]["name"]),
    )

    def p50(values):
        return statistics.median(values) * 1e3

    per_case = ", ".join(f"{count // SEQUENTIAL} {model._meta.db_table}" for model, count in raw_rows.items())
    print(
        f"Intake through POST /api/v1/cases/ ({database}; {SEQUENTIAL} sequential, {CLIENTS}×{PER_CLIENT} parallel):"
    )
    print(
        f"- raw SQL, same rows ({per_case} per case, checked column by column), one transaction per case"
        f" (reference): p50 {p50(raw):.2f} ms, {raw_rate:.0f} cases/s"
    )
    print(
        f"- API, sequential: p50 {p50(sequential):.2f} ms ({p50(sequential) / p50(raw):.1f}× raw SQL), "
        f"{sequential_rate:.0f} cases/s ({raw_rate / sequential_rate:.1f}× fewer than raw SQL)"
    )
    print(f"- API, {CLIENTS} clients (4 processes): p50 {p50(parallel):.2f} ms, {parallel_rate:.0f} cases/s")
    print(
        f"- vs Open Zaak (64.7 ms p50, 14.3/s sequential, 26.9/s with 4 clients): "
        f"{64.7 / p50(sequential):.1f}× faster p50, {sequential_rate / 14.3:.1f}× sequential throughput, "
        f"{parallel_rate / 26.9:.1f}× with 4 clients"
    )


if __name__ == "__main__":
    main()
