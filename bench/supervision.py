"""The escalation sweep over a million open cases, on PostgreSQL, against counting the same lit cases
on the same index, measured in the same run.

The table: 1,000,000 open cases (85% in handling, 5% suspended, 10% decided and not yet
delivered), about 5% yellow or red today (support.fill_cases). Four in five of the lit cases were
warned by earlier sweeps (their warnings are written before timing); the rest, about 1% of the
table, are newly yellow or red. VACUUM ANALYZE after loading, as autovacuum would have run by then.

Measured:
- the sweep's search: the ids of the newly lit cases (selectors.newly_lit, four ranges on the
  (status, due date, id) indexes, each case probed on the warnings' unique index), against the
  reference: counting every lit case over the same ranges (index-only), as the lights do;
- a sweep with nothing new (the steady state every ten minutes: every lit case already warned),
  the whole service, against the same count;
- the sweep acting on the ~10,000 newly lit cases (warnings, timeline entries, messages, records
  and events for the efficiency supervision center): its time and its time per case, once.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_supervision)
    BENCH_SUPERVISION_DATABASE_URL=... python bench/supervision.py    # dropped and created again
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

CASES = int(os.environ.get("BENCH_SUPERVISION_CASES", "1000000"))

support.setup(support.bench_url("supervision", default=support.POSTGRES + "onewindow_bench_supervision"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from onewindow.cases import clocks  # noqa: E402
from onewindow.cases.models import CaseStatus  # noqa: E402
from onewindow.cases.services import handling  # noqa: E402
from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.notifications.models import Notification  # noqa: E402
from onewindow.org.tests.factories import make_hall  # noqa: E402
from onewindow.supervision import services  # noqa: E402
from onewindow.supervision.models import Clock, Light, LightWarning, Record  # noqa: E402
from onewindow.supervision.selectors import CLOCK_COLUMNS, newly_lit  # noqa: E402
from onewindow.workcalendar.selectors import working_calendar  # noqa: E402

PAIRS = [(clock, light) for clock in (Clock.HANDLING, Clock.DELIVERY) for light in (Light.YELLOW, Light.RED)]


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _warn_earlier(*, today, until) -> None:
    """Warnings of earlier sweeps for four in five lit cases (a hash of the id picks the fifth)."""
    for clock, light in PAIRS:
        status, column = CLOCK_COLUMNS[clock]
        lit = f"{column} < %s" if light == Light.RED else f"{column} >= %s AND {column} < %s"
        params = [today] if light == Light.RED else [today, until]
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO supervision_lightwarning (case_id, clock, light, due_date, at, batch)"  # noqa: S608
                f" SELECT id, %s, %s, {column}, now(), gen_random_uuid() FROM cases_case"
                f" WHERE status = %s AND {lit} AND abs(hashtext(id::text)) %% 5 <> 0",
                [clock, light, status, *params],
            )


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate())
    started = time.perf_counter()
    support.fill_cases(
        site_id=hall["county"].pk,
        item_id=version.item_id,
        version_id=version.pk,
        department_id=version.item.department_id,
        user_id=hall["clerk"].user_id,
        count=CASES,
        departments=[hall["market"].pk, hall["housing"].pk],
        agents=[hall["agent"].pk],
    )
    today = timezone.localdate()
    until = clocks.yellow_until(working_calendar(), today=today, warning_days=handling.warning_days())
    _warn_earlier(today=today, until=until)
    support.analyze()
    print(
        f"{CASES:,} open cases written, earlier warnings added, analyzed in {time.perf_counter() - started:.0f} s"
    )

    ranges = (
        ("SELECT count(*) FROM cases_case WHERE status = %s AND promised_due_date < %s", CaseStatus.ACCEPTED),
        (
            "SELECT count(*) FROM cases_case WHERE status = %s AND delivery_due_date < %s",
            CaseStatus.COMPLETED,
        ),
    )

    def count_lit():
        return sum(_fetch(sql, [status, until])[0][0] for sql, status in ranges)

    def search():
        return [
            case_id
            for clock, light in PAIRS
            for case_id in newly_lit(clock=clock, light=light, today=today, until=until).values_list(
                "id", flat=True
            )
        ]

    lit, new = count_lit(), search()
    expected = sum(
        _fetch(
            sql.replace("count(*)", "count(*) FILTER (WHERE abs(hashtext(id::text)) %% 5 = 0)"),
            [status, until],
        )[0][0]
        for sql, status in ranges
    )
    assert len(new) == len(set(new)) == expected, (len(new), expected)
    reference = support.median_ms(count_lit)
    searched = support.median_ms(search)
    print(
        f"database: {connection.vendor}; yellow or red today: {lit:,}; newly lit (not yet warned): {len(new):,}"
    )
    print(f"count the lit cases, raw SQL, 2 index ranges (reference)  median {reference:8.1f} ms")
    print(
        f"the sweep's search: ids of the newly lit (4 ranges, anti-join)  median {searched:8.1f} ms"
        f"  ({searched / reference:.2f}x the reference; aim <= 3x)"
    )

    moment = timezone.now()
    began = time.perf_counter()
    result = services.escalation_sweep(at=moment)
    acted = time.perf_counter() - began
    assert result.total == len(new), (result.total, len(new))
    assert LightWarning.objects.filter(at=moment).count() == len(new)
    records = Record.objects.count()
    messages = Notification.objects.count()
    print(
        f"the sweep acting on {result.total:,} newly lit cases: {acted:.1f} s ({acted / result.total * 1e3:.2f} ms a case:"
        f" {records:,} records, {messages:,} messages, a timeline entry and center event each)"
    )
    support.analyze()

    def steady():
        assert services.escalation_sweep(at=timezone.now()).total == 0

    quiet = support.median_ms(steady)
    print(
        f"a sweep with nothing new (the steady state, whole service)   median {quiet:8.1f} ms"
        f"  ({quiet / reference:.2f}x the reference)"
    )


if __name__ == "__main__":
    main()
