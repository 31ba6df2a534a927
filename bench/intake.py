"""Window intake over HTTP through the production server (gunicorn, as `make serve` runs it), on
PostgreSQL: the whole intake a clerk's screen makes — receive and accept — against raw SQL writing
the same rows, measured in the same run.

Two ways the screen can call it:
- one call, `POST /api/v1/cases/` with `"outcome": "accept"` (收件并当场受理, one transaction);
- two calls, `POST /api/v1/cases/` then `POST /api/v1/cases/<receipt>/accept`.

Each intake validates the applicant (credit-code and ID checksums), checks the item version in
force, writes the case, its 5 checklist lines and its event; the acceptance checks the materials,
picks the agent, opens the tasks, takes the gap-free case number (common.numbering, an upsert
taken last), and writes the acceptance notice, two events and the SMS to the outbox.

The reference writes exactly those rows by hand (copied from a case the API wrote, with the
values that differ between cases — ids, numbers, codes, names, times — drawn anew), the case
number from the same counter, in one transaction per case: 7 statements. After the run the
reference's rows are compared with an API case's, table by table and column by column.

The table is grown to 10,000, 100,000 and 1,000,000 generated open cases (VACUUM ANALYZE after
each), and the one-call intake and the reference are measured at each size; the two-call flow and
four parallel clients at the largest.

The peer (the issue's figures, same machine class): Open Zaak's case creation, 64.7 ms p50 and
14.3 cases/s sequentially, 26.9 cases/s with 4 clients.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_intake)
    BENCH_INTAKE_DATABASE_URL=... python bench/intake.py    # dropped and created again: a *bench* name
"""

from __future__ import annotations

import json
import multiprocessing
import os
import secrets
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

SEQUENTIAL = int(os.environ.get("BENCH_INTAKE_CASES", "200"))
#: The table grows to each size in turn (generated open cases), and the intake is measured at each.
SIZES = [int(size) for size in os.environ.get("BENCH_INTAKE_SIZES", "10000,100000,1000000").split(",")]
PER_CLIENT = 100
CLIENTS = 4

support.setup(support.bench_url("intake", default=support.POSTGRES + "onewindow_bench_intake"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from onewindow.cases.models import Case  # noqa: E402
from onewindow.cases.tests.factories import id_card, published_item  # noqa: E402
from onewindow.common.models import Counter  # noqa: E402
from onewindow.org.models import Role  # noqa: E402
from onewindow.org.tests.factories import credit_code, make_hall, make_staff  # noqa: E402

CASES = "/api/v1/cases/"
#: The rows one window intake writes, by table and the column naming the case.
TABLES = (
    ("cases_case", "id"),
    ("cases_casematerial", "case_id"),
    ("cases_caseevent", "case_id"),
    ("cases_task", "case_id"),
    ("cases_notice", "case_id"),
    ("notifications_notification", "case_id"),
)


def body(number: int, item_code: str, **extra) -> dict:
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
        **extra,
    }


def _one_call(http: support.Http, number: int, code: str) -> None:
    status, content = http.post(
        CASES, body(number, code, outcome="accept"), headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert status == 201 and json.loads(content)["status"] == "ACCEPTED", content


def _two_calls(http: support.Http, number: int, code: str) -> None:
    status, content = http.post(CASES, body(number, code), headers={"Idempotency-Key": uuid.uuid4().hex})
    assert status == 201, content
    receipt = json.loads(content)["receipt_number"]
    status, content = http.post(f"{CASES}{receipt}/accept", {})
    assert status == 200 and json.loads(content)["status"] == "ACCEPTED", content


def run_intakes(port: int, token: str, code: str, numbers, call) -> list[float]:
    http = support.Http(port, token=token)
    timings = []
    for number in numbers:
        started = time.perf_counter()
        call(http, number, code)
        timings.append(time.perf_counter() - started)
    return timings


def _client_process(port: int, token: str, code: str, first: int) -> list[float]:
    return run_intakes(port, token, code, range(first, first + PER_CLIENT), _one_call)


# The reference: the same rows by hand ------------------------------------------------------------


def _rows(table: str, column: str, case_id: int) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {column} = %s ORDER BY id", [case_id])  # noqa: S608
        names = [description.name for description in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]


class Reference:
    """Writes a window intake's rows as copies of a template case's, in one transaction."""

    def __init__(self, template: Case):
        self.template = template
        self.rows = {table: _rows(table, column, template.pk) for table, column in TABLES}
        self.site_id = template.site_id
        self.year = template.accepted_date.year
        self.old_number = template.number
        self.old_receipt = template.receipt_number

    def values(self, number: int) -> dict:
        """What differs from one intake to the next, drawn before the clock starts."""
        request = body(number, "")["applicant"]
        return {
            "receipt_number": self.old_receipt[:-6] + f"{secrets.randbelow(10**6):06d}",
            "query_code": f"{secrets.randbelow(10**6):06d}",
            "applicant_name": request["name"],
            "id_number": request["id_number"],
            "contact_id_number": request["contact_id_number"],
            "idempotency_key": uuid.uuid4().hex,
            "idempotency_fingerprint": secrets.token_hex(32),
            "now": timezone.now(),
        }

    def write(self, values: dict) -> None:
        now = values["now"]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO common_counter (series, site_id, period, last_value) VALUES ('case', %s, %s, 1)"
                " ON CONFLICT (series, site_id, period) DO UPDATE SET last_value = common_counter.last_value + 1"
                " RETURNING last_value",
                [self.site_id, self.year],
            )
            number = f"{self.old_number.rsplit('-', 1)[0]}-{cursor.fetchone()[0]:06d}"
            case = {
                **self.rows["cases_case"][0],
                **{name: values[name] for name in values if name != "now"},
                "number": number,
                "received_at": now,
                "accepted_at": now,
            }
            case.pop("id")
            cursor.execute(
                f"INSERT INTO cases_case ({', '.join(case)}) VALUES ({', '.join(['%s'] * len(case))}) RETURNING id",  # noqa: S608
                list(case.values()),
            )
            case_id = cursor.fetchone()[0]
            for table, _column in TABLES[1:]:
                rows = []
                for template in self.rows[table]:
                    row = {**template, "case_id": case_id}
                    row.pop("id")
                    for name in ("at", "created_at", "issued_at"):
                        if name in row:
                            row[name] = now
                    for name in ("document_number", "body"):
                        if name in row:
                            row[name] = row[name].replace(self.old_number, number)
                    if "body" in row:
                        row["body"] = row["body"].replace(self.template.query_code, values["query_code"])
                    rows.append(row)
                names = list(rows[0])
                placeholders = ", ".join(["(" + ", ".join(["%s"] * len(names)) + ")"] * len(rows))
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES {placeholders}",  # noqa: S608
                    [row[name] for row in rows for name in names],
                )


#: Columns that differ from one intake to the next (or are ids and times).
VARYING = {
    "id",
    "case_id",
    "receipt_number",
    "number",
    "query_code",
    "applicant_name",
    "id_number",
    "contact_id_number",
    "received_at",
    "accepted_at",
    "at",
    "created_at",
    "issued_at",
    "idempotency_key",
    "idempotency_fingerprint",
    "document_number",
    "body",
}


def check_same_rows(api_case: Case, raw_case: Case) -> None:
    """The reference wrote what the API wrote: the same tables, row counts and values, every
    column but those that differ between any two intakes."""
    for table, column in TABLES:
        api_rows, raw_rows = (
            [{k: v for k, v in row.items() if k not in VARYING} for row in _rows(table, column, case.pk)]
            for case in (api_case, raw_case)
        )
        assert api_rows == raw_rows, (table, api_rows, raw_rows)
    assert raw_case.number and raw_case.number != api_case.number


def p50(values) -> float:
    return statistics.median(values) * 1e3


def raw_intakes(reference: Reference, numbers) -> tuple[list[float], float]:
    timings = []
    started = time.perf_counter()
    for number in numbers:
        values = reference.values(number)
        begun = time.perf_counter()
        reference.write(values)
        timings.append(time.perf_counter() - begun)
    return timings, len(timings) / (time.perf_counter() - started)


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    make_staff(site=hall["county"], roles=[Role.CASE_AGENT], full_name="周代办")
    version = published_item(hall, today=timezone.localdate())
    token = Token.objects.create(user=hall["clerk"].user).key
    code = version.item.implementation_code
    filled = 0
    print(
        f"Window intake, receive + accept, over HTTP through gunicorn (2 workers × 2 threads), {connection.vendor}:"
    )
    for size in SIZES:
        support.fill_cases(
            site_id=hall["county"].pk,
            item_id=version.item_id,
            version_id=version.pk,
            department_id=version.item.department_id,
            user_id=hall["clerk"].user_id,
            count=size - filled,
            first=filled + 1,
        )
        filled = size
        support.analyze()
        largest = size == SIZES[-1]
        base = 100_000 * (SIZES.index(size) + 1)
        with support.served(workers=2, threads=2) as port:
            run_intakes(port, token, code, range(base, base + 30), _one_call)  # warm up both workers
            started = time.perf_counter()
            one_call = run_intakes(port, token, code, range(base + 1000, base + 1000 + SEQUENTIAL), _one_call)
            one_call_rate = SEQUENTIAL / (time.perf_counter() - started)
            if largest:
                run_intakes(port, token, code, range(base + 30, base + 60), _two_calls)
                two_calls = run_intakes(
                    port, token, code, range(base + 5000, base + 5000 + SEQUENTIAL), _two_calls
                )
                context = multiprocessing.get_context("fork")
                started = time.perf_counter()
                with context.Pool(CLIENTS) as pool:
                    per_client = pool.starmap(
                        _client_process,
                        [(port, token, code, base + 20_000 + index * PER_CLIENT) for index in range(CLIENTS)],
                    )
                parallel_rate = CLIENTS * PER_CLIENT / (time.perf_counter() - started)
                parallel = [timing for timings in per_client for timing in timings]

        api_case = Case.objects.filter(applicant_name=body(base + 1000, code)["applicant"]["name"]).get()
        reference = Reference(api_case)
        raw, raw_rate = raw_intakes(reference, range(base + 50_000, base + 50_000 + SEQUENTIAL))
        check_same_rows(
            api_case, Case.objects.get(applicant_name=body(base + 50_000, code)["applicant"]["name"])
        )
        print(
            f"- {size:>9,} cases in the table: one call (outcome accept) p50 {p50(one_call):.2f} ms, {one_call_rate:.0f}/s;"
            f" raw SQL of the same rows p50 {p50(raw):.2f} ms, {raw_rate:.0f}/s → {p50(raw) / p50(one_call):.2f}× raw SQL's speed"
        )
    prefix = api_case.number.rsplit("-", 1)[0] + "-"
    numbers = sorted(
        int(number.rsplit("-", 1)[1])
        for number in Case.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    )
    assert numbers == list(range(1, len(numbers) + 1)), "case numbers must stay gap-free"
    assert Counter.objects.get(series="case").last_value == len(numbers)
    rows = ", ".join(f"{len(reference.rows[table])} {table}" for table, _column in TABLES)
    print(
        f"  (the reference writes the same rows — {rows} — checked column by column, one transaction per case)"
    )
    print(
        f"- at {SIZES[-1]:,}: two calls (receive, then accept) p50 {p50(two_calls):.2f} ms = {p50(raw) / p50(two_calls):.2f}× raw SQL's speed"
    )
    print(
        f"- at {SIZES[-1]:,}: one call, {CLIENTS} clients in parallel: p50 {p50(parallel):.2f} ms, {parallel_rate:.0f} cases/s"
    )
    print(
        f"- vs Open Zaak's case creation alone (64.7 ms p50, 14.3/s, 26.9/s with 4 clients): "
        f"{64.7 / p50(one_call):.1f}× faster p50, {one_call_rate / 14.3:.1f}× sequential throughput, "
        f"{parallel_rate / 26.9:.1f}× with 4 clients; the case numbers are gap-free ({len(numbers)} cases)"
    )


if __name__ == "__main__":
    main()
