"""Window intake through the API (POST /api/v1/cases/ with an Idempotency-Key), on PostgreSQL:
p50 latency and cases per second, sequentially and with 4 clients, against the same rows inserted
by raw SQL in one transaction per case, measured in the same run.

Each intake validates the applicant (credit-code and ID checksums), checks the item version in
force, numbers the receipt under a row lock, writes the case, its 5 checklist lines and its event,
and answers with the full case record. The raw-SQL reference writes exactly those rows.

The peer to beat (the issue's figures, same machine class): Open Zaak's case creation, 64.7 ms p50
and 14.3 cases/s sequentially, 26.9 cases/s with 4 clients.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench)
    DATABASE_URL=... python bench/intake.py
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

SEQUENTIAL = 400
PER_CLIENT = 150
CLIENTS = 4
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/onewindow_bench"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ONEWINDOW_DEBUG", "0")
os.environ.setdefault("ONEWINDOW_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("ONEWINDOW_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("ONEWINDOW_VAR_DIR", tempfile.mkdtemp(prefix="onewindow-bench-"))
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.config.settings"


def _recreate_database(url: str) -> None:
    """A fresh database for each run (PostgreSQL only)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


if os.environ["DATABASE_URL"].startswith("postgres"):
    _recreate_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from onewindow.cases.tests.factories import id_card, published_item  # noqa: E402
from onewindow.org.tests.factories import credit_code, make_hall  # noqa: E402


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


def raw_sql_intakes(
    case_ids_from: int, count: int, *, site_id, item_id, version_id, department_id, user_id, material_ids
) -> list[float]:
    """The same rows as an intake, written by hand: bump the receipt counter, insert the case, its
    checklist lines and its event, in one transaction per case."""
    timings = []
    now = timezone.now()
    today = timezone.localdate()
    for number in range(case_ids_from, case_ids_from + count):
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE cases_casenumbercounter SET last_value = last_value + 1 WHERE site_id = %s AND period = %s"
                " RETURNING last_value",
                [site_id, 99999999],
            )
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO cases_case (site_id, item_id, version_id, department_id, receipt_number, query_code,"
                " channel, status, applicant_kind, applicant_name, id_type, id_number, legal_representative,"
                " contact_name, contact_id_number, contact_phone, contact_email, note, received_at, received_date,"
                " received_by_id, materials_date, decision_due_date, is_auto_accepted, refusal_kind, refusal_reason,"
                " competent_authority, decision, decision_reason, result_number, created_by_id, idempotency_key,"
                " idempotency_fingerprint) VALUES (%s, %s, %s, %s, %s, '123456', 'WINDOW', 'RECEIVED',"
                " 'ORGANISATION', %s, '', %s, '王海', '张晓梅', %s, '13912345678', '', '', %s, %s, NULL, %s, %s,"
                " false, '', '', '', '', '', '', %s, %s, '') RETURNING id",
                [
                    site_id,
                    item_id,
                    version_id,
                    department_id,
                    f"RAW{sequence:012d}",
                    f"基准测试餐饮有限公司{number}",
                    credit_code(10_000 + number),
                    id_card(),
                    now,
                    today,
                    today,
                    today,
                    user_id,
                    uuid.uuid4().hex,
                ],
            )
            case_id = cursor.fetchone()[0]
            cursor.executemany(
                "INSERT INTO cases_casematerial (case_id, material_id, sort_order, name, necessity, state,"
                " originals_received, copies_received, problem, file) VALUES (%s, %s, %s, %s, 'REQUIRED', 'RECEIVED',"
                " 1, 0, '', '')",
                [
                    (case_id, material_id, order, f"材料{order}")
                    for order, material_id in enumerate(material_ids, 1)
                ],
            )
            cursor.execute(
                "INSERT INTO cases_caseevent (case_id, action, at, actor_id, department_id, from_status, to_status,"
                " comment, is_public) VALUES (%s, 'RECEIVED', %s, %s, %s, '', 'RECEIVED', '', true)",
                [case_id, now, user_id, department_id],
            )
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate())
    clerk = hall["clerk"]
    token = Token.objects.create(user=clerk.user).key
    code = version.item.implementation_code
    database = connection.vendor

    post_intakes(token, code, range(20), [])  # warm up
    sequential: list[float] = []
    started = time.perf_counter()
    post_intakes(token, code, range(100, 100 + SEQUENTIAL), sequential)
    sequential_rate = SEQUENTIAL / (time.perf_counter() - started)

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

    from onewindow.cases.models import CaseNumberCounter

    CaseNumberCounter.objects.get_or_create(site=clerk.site, period=99999999)
    raw = raw_sql_intakes(
        50_000,
        SEQUENTIAL,
        site_id=clerk.site_id,
        item_id=version.item_id,
        version_id=version.pk,
        department_id=version.item.department_id,
        user_id=clerk.user_id,
        material_ids=list(version.materials.values_list("pk", flat=True)),
    )
    raw_rate = SEQUENTIAL / sum(raw)

    def p50(values):
        return statistics.median(values) * 1e3

    print(
        f"Intake through POST /api/v1/cases/ ({database}; {SEQUENTIAL} sequential, {CLIENTS}×{PER_CLIENT} parallel):"
    )
    print(
        f"- raw SQL, same rows, one transaction per case (reference): p50 {p50(raw):.2f} ms, {raw_rate:.0f} cases/s"
    )
    print(
        f"- API, sequential: p50 {p50(sequential):.2f} ms ({p50(sequential) / p50(raw):.1f}× raw SQL), "
        f"{sequential_rate:.0f} cases/s"
    )
    print(f"- API, {CLIENTS} clients (4 processes): p50 {p50(parallel):.2f} ms, {parallel_rate:.0f} cases/s")
    print(
        f"- vs Open Zaak (64.7 ms p50, 14.3/s sequential, 26.9/s with 4 clients): "
        f"{64.7 / p50(sequential):.1f}× faster p50, {sequential_rate / 14.3:.1f}× sequential throughput, "
        f"{parallel_rate / 26.9:.1f}× with 4 clients"
    )


if __name__ == "__main__":
    main()
