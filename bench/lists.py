"""Every case-sized list is O(page): the same lists at 10,000, 100,000 and 1,000,000 cases, on
PostgreSQL, over HTTP through gunicorn (as `make serve` runs it).

The hall: a county center with eight township centers and a village point (cases spread over
them, a third at the county), two departments, 1 case in 50 followed by an agent (the county's
window clerk is one, for cases at every site), applicants with two- and three-character Chinese
names and ID numbers of their own, a running review task on 1 case in 5. The table grows in
place (10k, then 100k, then 1M), VACUUM ANALYZE after each growth.

For each list: the median over HTTP, its ratio to the empty view `/bench-empty/` over the same
keep-alive connection (the cost of the stack itself), and the growth 1M/100k (the goal: within
1.5x, i.e. the time does not follow the table). The scoped yellow/red count is measured
in-process against raw SQL counting the same rows with one OR. Answers (row counts, ids) are
checked against plain ORM queries before timing.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_lists)
    BENCH_LISTS_DATABASE_URL=... python bench/lists.py    # dropped and created again: a *bench* name
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

SIZES = [int(size) for size in os.environ.get("BENCH_LIST_SIZES", "10000,100000,1000000").split(",")]
RUNS = int(os.environ.get("BENCH_LIST_RUNS", "9"))
PAGES_DEEP = 20  # the "later page": the 21st, reached by following `next`

support.setup(support.bench_url("lists", default=support.POSTGRES + "onewindow_bench_lists"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from onewindow.cases import clocks, selectors  # noqa: E402
from onewindow.cases.services import handling  # noqa: E402
from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.org.models import Site  # noqa: E402
from onewindow.org.tests.factories import make_hall, make_site  # noqa: E402
from onewindow.workcalendar.selectors import working_calendar  # noqa: E402


def _fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _tasks(first_case_id: int, departments: list[int]) -> None:
    """A running review task of the case's department on 1 case in 5 in handling (my tasks), and
    on 1 case in 1,000 the other department's opinion (a joint case: the reviewer's second arm)."""
    first, second = departments
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_task (case_id, kind, step_kind, sort_order, name, department_id, role,"
            " assisting, limit_days, status, started_date, due_date, verdict, opinion, counterpart, reference)"
            " SELECT id, 'STEP', 'REVIEW', 1, '审查', department_id, 'DEPARTMENT_REVIEWER', false, 5, 'ACTIVE',"
            " accepted_date, promised_due_date, '', '', '', '' FROM cases_case"
            " WHERE id >= %s AND id %% 5 = 0 AND status = 'ACCEPTED'",
            [first_case_id],
        )
        cursor.execute(
            "INSERT INTO cases_task (case_id, kind, step_kind, sort_order, name, department_id, role,"
            " assisting, limit_days, status, started_date, due_date, verdict, opinion, counterpart, reference)"
            " SELECT id, 'OPINION', 'REVIEW', 2, '协办意见', CASE WHEN department_id = %s THEN %s ELSE %s END,"
            " 'DEPARTMENT_REVIEWER', true, 5, 'ACTIVE', accepted_date, promised_due_date, '', '', '', ''"
            " FROM cases_case WHERE id >= %s AND id %% 1000 = 3 AND status = 'ACCEPTED'",
            [first, second, first, first_case_id],
        )


PLANTED = "欧阳振华"
PLANTED_CASES = 60


def _plant_name(hall, visible) -> str:
    """PLANTED as the applicant of PLANTED_CASES of the clerk's cases, evenly spaced over the
    whole table (the previous size's planted names given back their generated ones first)."""
    _execute(f"UPDATE cases_case SET applicant_name = '张' || id WHERE applicant_name = '{PLANTED}'")  # noqa: S608
    ids = list(visible.order_by("id").values_list("id", flat=True))
    step = len(ids) // PLANTED_CASES
    chosen = ids[step - 1 :: step][:PLANTED_CASES]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET applicant_name = %s WHERE id = ANY(%s)", [PLANTED, chosen])
    support.analyze()
    return PLANTED


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


class Hall:
    def __init__(self):
        call_command("migrate", verbosity=0)
        self.hall = make_hall()
        county = self.hall["county"]
        self.version = published_item(self.hall, today=timezone.localdate())
        self.townships = [
            make_site(kind=Site.Kind.TOWNSHIP, parent=county, name=f"第{number}镇便民服务中心")
            for number in range(1, 8)
        ]
        self.sites = [county.pk, county.pk, county.pk, self.hall["township"].pk, self.hall["village"].pk]
        self.sites += [site.pk for site in self.townships]
        self.departments = [self.hall["market"].pk, self.hall["housing"].pk]
        self.agents = [self.hall["clerk"].pk, self.hall["agent"].pk]
        self.size = 0

    def grow(self, size: int) -> float:
        """Grow the table to `size` cases. A big growth drops the secondary indexes and builds
        them again afterwards, as a bulk load would (far quicker than updating ~20 indexes row by
        row); the indexes are the migrations' own definitions, read back from pg_indexes."""
        started = time.perf_counter()
        first_case_id = (_fetch("SELECT coalesce(max(id), 0) + 1 FROM cases_case")[0][0]) if self.size else 1
        rebuild = size - self.size > 200_000
        definitions = []
        if rebuild:
            definitions = _fetch(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename IN ('cases_case', 'cases_task')"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
            )
            for name, _definition in definitions:
                _execute(f'DROP INDEX "{name}"')
        support.fill_cases(
            site_id=self.hall["county"].pk,
            item_id=self.version.item_id,
            version_id=self.version.pk,
            department_id=self.hall["market"].pk,
            user_id=self.hall["clerk"].user_id,
            count=size - self.size,
            first=self.size + 1,
            sites=self.sites,
            departments=self.departments,
            agents=self.agents,
            people=True,
        )
        _tasks(first_case_id, self.departments)
        if rebuild:
            _execute("SET maintenance_work_mem = '256MB'")
            for _name, definition in definitions:
                _execute(definition)
        support.analyze()
        self.size = size
        return time.perf_counter() - started


def measure(hall: Hall) -> dict[str, float]:
    clerk = hall.hall["clerk"]
    token = Token.objects.get_or_create(user=clerk.user)[0].key
    reviewer_token = Token.objects.get_or_create(user=hall.hall["reviewer"].user)[0].key
    clerk_session = support.session_for(clerk.user)
    office_session = support.session_for(hall.hall["office"].user)
    supervision_session = support.session_for(hall.hall["supervision"].user)
    today = timezone.localdate()
    warning = handling.warning_days()

    # The answers, from plain ORM queries over case_visible_to (the OR), before any timing.
    visible = selectors.case_visible_to(clerk.user)
    newest = list(visible.order_by("-received_at", "-id").values_list("number", flat=True)[:50])
    three = (
        visible.exclude(applicant_name__regex=r"^..$")
        .order_by("-id")
        .values_list("applicant_name", "id_number")[0]
    )
    name3, id_number = three
    name2 = name3[:2]
    # A name that matches the same 60 cases at every size (spread over the whole table), so that a
    # growth in its time is the table's, not a longer answer: a generated three-character name
    # matches about 2 cases in 100,000, ten times as many at a million.
    planted = _plant_name(hall, visible)
    with_planted = list(
        visible.filter(applicant_name__contains=planted[1:])
        .order_by("-received_at", "-id")
        .values_list("number", flat=True)[:50]
    )
    with_name3 = list(
        visible.filter(applicant_name__contains=name3)
        .order_by("-received_at", "-id")
        .values_list("number", flat=True)[:50]
    )
    with_name2 = list(
        visible.filter(applicant_name__startswith=name2)
        .order_by("-received_at", "-id")
        .values_list("number", flat=True)[:50]
    )
    lit_numbers = set(
        selectors.lit_cases(visible, today=today, warning_days=warning).values_list("number", flat=True)
    )

    results = {}
    with support.served() as port:
        api = support.Http(port, token=token)
        reviewer_api = support.Http(port, token=reviewer_token)

        def rows(http, path):
            return json.loads(http.get_ok(path))

        first = rows(api, "/api/v1/cases/")
        assert [row["number"] for row in first["results"]] == newest, "cases list: first page"
        later, cursor_url = first, first["next"]
        walked = list(first["results"])
        later_path = "/api/v1/cases/"
        for _ in range(PAGES_DEEP):
            if cursor_url is None:  # a small table: the last page
                break
            later_path = _path(cursor_url)
            later = rows(api, later_path)
            walked += later["results"]
            cursor_url = later["next"]
        expected_walk = list(
            visible.order_by("-received_at", "-id").values_list("number", flat=True)[: len(walked)]
        )
        assert [row["number"] for row in walked] == expected_walk, "cases list: pages by cursor"
        search_planted = f"/api/v1/cases/?search={quote(planted[1:])}"
        assert [row["number"] for row in rows(api, search_planted)["results"]] == with_planted, "planted name"
        assert len(with_planted) == 50, "the planted name fills a page"
        search3 = f"/api/v1/cases/?search={quote(name3)}"
        search2 = f"/api/v1/cases/?search={quote(name2)}"
        search_id = f"/api/v1/cases/?search={id_number}"
        assert [row["number"] for row in rows(api, search3)["results"]] == with_name3, "name search (3)"
        assert [row["number"] for row in rows(api, search2)["results"]] == with_name2, "name search (2)"
        assert [row["applicant_name"] for row in rows(api, search_id)["results"]] == [name3], "ID search"
        lights = rows(api, "/api/v1/lights")
        assert {row["number"] for row in lights["results"]} <= lit_numbers and len(lights["results"]) == min(
            50, len(lit_numbers)
        ), "lights"
        reviewer_newest = list(
            selectors.case_visible_to(hall.hall["reviewer"].user)
            .order_by("-received_at", "-id")
            .values_list("number", flat=True)[:50]
        )
        reviewer_first = rows(reviewer_api, "/api/v1/cases/")["results"]
        assert [row["number"] for row in reviewer_first] == reviewer_newest, "reviewer's list"
        mine = rows(reviewer_api, "/api/v1/tasks/mine")
        assert len(mine["results"]) == 50, "tasks mine"

        empty = api.median_ms("/bench-empty/", runs=RUNS)
        timed = {
            "API cases, first page": (api, "/api/v1/cases/"),
            f"API cases, page {PAGES_DEEP + 1} by cursor": (api, later_path),
            "API search, part of a name, 60 matches": (api, search_planted),
            "API search, name of 3 characters *": (api, search3),
            "API search, name of 2 characters": (api, search2),
            "API search, ID number": (api, search_id),
            "API lights, first page": (api, "/api/v1/lights"),
            "API tasks mine (reviewer)": (reviewer_api, "/api/v1/tasks/mine"),
            "API cases, reviewer (department)": (reviewer_api, "/api/v1/cases/"),
        }
        for name, (http, path) in timed.items():
            results[name] = (http.median_ms(path, runs=RUNS), empty)
        pages = {
            "page: desk lights (supervision)": (supervision_session, "/desk/cases/lights/"),
            "page: office dashboard": (office_session, "/office/"),
            "page: desk case list (clerk)": (clerk_session, "/desk/cases/"),
        }
        for name, (session, path) in pages.items():
            http = support.Http(port, session=session)
            http.get_ok(path)
            page_empty = http.median_ms("/bench-empty/", runs=RUNS)
            results[name] = (http.median_ms(path, runs=RUNS), page_empty)

    # The scoped yellow/red count, in-process, against raw SQL counting the same rows with one OR.
    until = clocks.yellow_until(working_calendar(), today=today, warning_days=warning)
    scope = "(site_id = %s OR agent_id = %s)"
    raw_sql = (
        f"SELECT count(*) FROM cases_case WHERE {scope} AND ((status = 'ACCEPTED' AND promised_due_date < %s)"  # noqa: S608
        " OR (status = 'COMPLETED' AND delivery_due_date < %s))"
    )
    raw_params = [clerk.site_id, clerk.pk, until, until]
    count = selectors.lit_count_for(clerk.user, today=today, warning_days=warning)
    assert count == _fetch(raw_sql, raw_params)[0][0] == len(lit_numbers), "scoped lit count"
    raw = support.median_ms(lambda: _fetch(raw_sql, raw_params), runs=RUNS)
    results["scoped yellow/red count (in-process)"] = (
        support.median_ms(
            lambda: selectors.lit_count_for(clerk.user, today=today, warning_days=warning), runs=RUNS
        ),
        raw,
    )
    return results


def main() -> None:
    hall = Hall()
    measured = {}
    for size in SIZES:
        seconds = hall.grow(size)
        print(f"{size:>9,} cases written, tasks added, VACUUM ANALYZE: {seconds:.0f} s", flush=True)
        measured[size] = measure(hall)
    print(f"database: {connection.vendor}; {RUNS} runs each, median; reference: the empty view over the same")
    print("connection (the scoped count: raw SQL with one OR, in-process)")
    header = "".join(f"{size:>10,} cases     " for size in SIZES)
    print(
        f"{'list':40} {header} growth {SIZES[-1] // 1000}k/{SIZES[-2] // 1000}k" if len(SIZES) > 1 else header
    )
    worst = 0.0
    for name in measured[SIZES[0]]:
        cells = []
        for size in SIZES:
            value, reference = measured[size][name]
            cells.append(f"{value:7.1f} ms ({value / reference:5.1f}x)")
        line = f"{name:40} " + "  ".join(cells)
        if len(SIZES) > 1:
            growth = measured[SIZES[-1]][name][0] / measured[SIZES[-2]][name][0]
            if not name.endswith("*"):
                worst = max(worst, growth)
            line += f"  {growth:5.2f}x"
        print(line)
    for size in SIZES:
        empty = measured[size]["API cases, first page"][1]
        print(f"empty view at {size:,} cases: {empty:.1f} ms")
    if len(SIZES) > 1:
        print(f"worst growth {SIZES[-1]:,}/{SIZES[-2]:,}: {worst:.2f}x (goal: within 1.5x; * not counted)")
    print(
        "* a generated three-character name: its answer grows with the table (about 2 cases at 100,000,"
        " 19 at a million), so its time follows the answer's length, not the table's"
    )


if __name__ == "__main__":
    main()
