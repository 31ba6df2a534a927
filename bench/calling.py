"""The hall queue on PostgreSQL, with a year of history in the table (1,000,000 finished tickets of
past days by default) and 20,000 people waiting today:

- call-next throughput with 100 windows calling at once (50 connections, two windows each, as
  the PostgreSQL test does), the whole service — duty check, the window's lock, finishing the
  ticket served, picking and locking the next (`FOR UPDATE OF t SKIP LOCKED`), the call's row,
  the rating request to the tablet, the displays' push — against the reference: the bare
  SKIP LOCKED select-and-update in raw SQL, one transaction per call, by the same threads;
- the ticket's live page ("前面还有 N 人") through gunicorn as `make serve` runs it, against the
  framework's empty view on the same stack, in the same run.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_calling)
    BENCH_CALLING_DATABASE_URL=... python bench/calling.py    # dropped and created again
"""

from __future__ import annotations

import os
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

HISTORY = int(os.environ.get("BENCH_QUEUE_HISTORY", "1000000"))
WAITING = int(os.environ.get("BENCH_QUEUE_WAITING", "20000"))
WINDOWS = 100
THREADS = 50
CALLS_PER_WINDOW = 20

support.setup(support.bench_url("calling", default=support.POSTGRES + "onewindow_bench_calling"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from onewindow.org.models import DutyAssignment, Role  # noqa: E402
from onewindow.org.tests.factories import make_hall, make_staff, make_window  # noqa: E402
from onewindow.queueing import policy, services  # noqa: E402
from onewindow.queueing.models import Category, Ticket  # noqa: E402
from onewindow.workcalendar.selectors import working_calendar  # noqa: E402


def _execute(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def fill(*, category: Category, day, history: int, waiting: int) -> None:
    """`history` finished tickets spread over the 250 working days before `day`, and `waiting`
    tickets today (one in ten priority), by SQL."""
    table = Ticket._meta.db_table
    columns = (
        "site_id, category_id, issued_category_id, service_date, number, code, token, source,"
        " priority_group, lane, sort_key, status, applicant_name, id_number, phone, issued_at,"
        " queued_at, first_called_at, called_at, finished_at, skip_count"
    )
    start = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=9)
    _execute(
        f"INSERT INTO {table} ({columns}) SELECT %s, %s, %s, %s::date - (1 + n / 4000) * interval '1 day',"  # noqa: S608
        " 1 + n %% 4000, 'A' || lpad((1 + n %% 4000)::text, 4, '0'), 'h' || n, 'KIOSK', '', 2, n, 'FINISHED',"
        " '', '', '', %s, %s, %s, %s, %s, 0 FROM generate_series(0, %s - 1) n",
        [category.site_id, category.pk, category.pk, day, start, start, start, start, start, history],
    )
    _execute(
        f"INSERT INTO {table} ({columns}) SELECT %s, %s, %s, %s, 1 + n, 'A' || lpad((1 + n)::text, 4, '0'),"  # noqa: S608
        " 'w' || n, 'KIOSK', CASE WHEN n %% 10 = 9 THEN 'ELDERLY' ELSE '' END,"
        " CASE WHEN n %% 10 = 9 THEN 1 ELSE 2 END, %s + n, 'WAITING', '', '', '', %s, %s, NULL, NULL, NULL, 0"
        " FROM generate_series(0, %s - 1) n",
        [category.site_id, category.pk, category.pk, day, policy.sort_key_at(start), start, start, waiting],
    )
    _execute(
        "INSERT INTO queueing_ticketcounter (category_id, service_date, last_number) VALUES (%s, %s, %s)",
        [category.pk, day, waiting],
    )


def together(functions) -> float:
    """Run the functions in threads released at once; the wall time in seconds."""
    barrier = threading.Barrier(len(functions) + 1)
    errors = []

    def runner(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} threads failed, first: {errors[0]!r}")
    return elapsed


RAW_PICK = (
    "UPDATE queueing_ticket SET status = 'CALLED', called_at = now() WHERE id = ("
    "SELECT id FROM queueing_ticket WHERE category_id = %s AND service_date = %s AND status = 'WAITING'"
    " ORDER BY lane, sort_key, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id"
)


def main() -> None:
    call_command("migrate", verbosity=0)
    calendar = working_calendar()
    day = calendar.next_working_day(timezone.localdate())
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=10)
    hall = make_hall()
    county = hall["county"]
    category = Category.objects.create(site=county, prefix="A", name="综合")
    windows = [make_window(site=county, number=f"{100 + index}") for index in range(WINDOWS)]
    category.windows.set(windows)
    clerks = [make_staff(site=county, roles=[Role.WINDOW_CLERK]) for _ in range(WINDOWS)]
    DutyAssignment.objects.bulk_create(
        DutyAssignment(
            window=window,
            duty_date=day,
            staff=clerk,
            source=DutyAssignment.Source.ASSIGNED,
            assigned_by=hall["office"].user,
            assigned_at=moment,
        )
        for window, clerk in zip(windows, clerks, strict=True)
    )
    started = time.perf_counter()
    fill(category=category, day=day, history=HISTORY, waiting=WAITING)
    support.analyze()
    print(
        f"{HISTORY:,} past tickets and {WAITING:,} waiting written and analyzed in {time.perf_counter() - started:.0f} s"
    )
    users = [clerk.user for clerk in clerks]

    def service_desk(thread: int):
        def run():
            for round_number in range(CALLS_PER_WINDOW):
                for index in (thread * 2, thread * 2 + 1):
                    at = moment + timedelta(seconds=round_number)
                    result = services.call_next(user=users[index], window=windows[index], at=at)
                    assert result.call is not None

        return run

    def raw_desk(_thread: int):
        def run():
            for _ in range(CALLS_PER_WINDOW * 2):
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(RAW_PICK, [category.pk, day])
                    assert cursor.fetchone() is not None

        return run

    if os.environ.get("BENCH_CALLING_PROFILE"):
        _profile(users, windows, moment)
        return
    calls = WINDOWS * CALLS_PER_WINDOW
    ratios = []
    for _round in range(3):
        raw = together([raw_desk(thread) for thread in range(THREADS)])
        ours = together([service_desk(thread) for thread in range(THREADS)])
        ratios.append((calls / ours) / (calls / raw))
        print(
            f"call-next, {WINDOWS} windows at once: {calls / ours:,.0f} calls/s; bare SKIP LOCKED update:"
            f" {calls / raw:,.0f} calls/s; ratio {ratios[-1]:.2f}x (aim >= 0.3x)"
        )
    ratios.sort()
    print(f"call-next throughput ratio (median of 3): {ratios[1]:.2f}x")
    called = Ticket.objects.filter(service_date=day).exclude(status="WAITING").count()
    assert called == 2 * 3 * calls, called

    # The ticket's live page: the last waiting ticket (thousands ahead of it), over HTTP.
    last = Ticket.objects.filter(service_date=day, status="WAITING").order_by("-lane", "-sort_key").first()
    path = reverse("queueing:ticket", args=[last.token])
    with support.served() as port:
        http = support.Http(port)
        content = http.get_ok(path).decode()
        ahead = Ticket.objects.filter(service_date=day, status="WAITING").count() - 1
        if str(ahead) not in content:
            raise SystemExit(f"the ticket page does not show {ahead} ahead")
        rounds = []
        for _round in range(3):
            empty = http.median_ms("/bench-empty/")
            page = http.median_ms(path)
            rounds.append((page / empty, page, empty))
        rounds.sort()
        ratio, page, empty = rounds[1]
        print(f"ticket page ({ahead:,} ahead): {page:.1f} ms; empty view {empty:.1f} ms; ratio {ratio:.1f}x")


def _profile(users, windows, moment) -> None:
    """BENCH_CALLING_PROFILE=1: one call's statements, then a profile of 200 calls in one thread."""
    import cProfile
    import pstats

    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        services.call_next(user=users[0], window=windows[0], at=moment)
        services.call_next(user=users[0], window=windows[0], at=moment)
    for query in queries.captured_queries:
        print(query["time"], query["sql"][:160])
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for index in range(200):
        services.call_next(user=users[index % 10], window=windows[index % 10], at=moment)
    profile.disable()
    print(f"{(time.perf_counter() - started) * 5:.2f} ms per call (one thread, profiled)")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
