"""Traffic lights over a million open cases, on PostgreSQL: "every case yellow or red today" (the
supervision page's query: handling cases by their promised date, decided ones by their delivery
date), against counting the open cases, measured in the same run on the same table.

Due dates are stored and moved only by suspensions and extensions, so the lights are two ranges
on the (status, due date) indexes instead of a scan that recomputes every case's clock.

The table: 1,000,000 open cases (85% in handling, 5% suspended, 10% decided and not yet
delivered), due dates spread like a real hall's: most ahead, about 5% today or overdue.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_lights)
    DATABASE_URL=... python bench/lights.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

CASES = int(os.environ.get("BENCH_LIGHT_CASES", "1000000"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/onewindow_bench_lights"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ONEWINDOW_DEBUG", "0")
os.environ.setdefault("ONEWINDOW_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("ONEWINDOW_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("ONEWINDOW_VAR_DIR", tempfile.mkdtemp(prefix="onewindow-bench-"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_LIGHTS_DATABASE_URL", DEFAULT_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.config.settings"

from support import fill_cases, median_ms, recreate_database  # noqa: E402

recreate_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from onewindow.cases import handling, selectors  # noqa: E402
from onewindow.cases.models import HANDLING_STATUSES, Case, CaseStatus  # noqa: E402
from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.org.tests.factories import make_hall  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate())
    started = time.perf_counter()
    fill_cases(
        site_id=hall["county"].pk,
        item_id=version.item_id,
        version_id=version.pk,
        department_id=version.item.department_id,
        user_id=hall["clerk"].user_id,
        count=CASES,
    )
    print(f"{CASES:,} open cases written in {time.perf_counter() - started:.0f} s")
    today = timezone.localdate()
    warning = handling.warning_days()
    open_statuses = (*HANDLING_STATUSES, CaseStatus.COMPLETED)

    def count_open():
        return Case.objects.filter(status__in=open_statuses).count()

    def count_lit():
        return selectors.lit_count(Case.objects.all(), today=today, warning_days=warning)

    def first_page():
        return list(
            selectors.lit_in_handling(Case.objects.all(), today=today, warning_days=warning).select_related(
                "version", "department"
            )[:50]
        )

    open_count, lit_count = count_open(), count_lit()
    reference = median_ms(count_open)
    lit = median_ms(count_lit)
    page = median_ms(first_page)
    print(f"database: {connection.vendor}, open cases: {open_count:,}, yellow or red today: {lit_count:,}")
    print(f"count the open cases (reference)        median {reference:8.1f} ms")
    print(
        f"count every case yellow or red today    median {lit:8.1f} ms  ({lit / reference:.2f}x the reference)"
    )
    print(
        f"first page in handling (50, red first)  median {page:8.1f} ms  ({page / reference:.2f}x the reference)"
    )


if __name__ == "__main__":
    main()
