"""Shared by the benchmarks: the environment, a database of the bench's own (created fresh,
dropped at the end), ANALYZE after loading, a million cases written with generate_series, and the
median of repeated runs. Call `setup()` before django.setup(); fill_cases and analyze need Django.

Each bench uses a database of its own, named onewindow_bench_<bench>: never the development
database (onewindow) nor the test suite's (test_onewindow), and never DATABASE_URL, which may point
at either. Another database can be given with BENCH_<BENCH>_DATABASE_URL; its name must contain
"bench", since the bench drops it and creates it again.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
#: Databases a bench must never drop: the development one and the test suite's.
PROTECTED = {"onewindow", "test_onewindow", "postgres", "template0", "template1"}


def bench_url(bench: str, *, default: str | None = None) -> str | None:
    """The database of `bench`: BENCH_<BENCH>_DATABASE_URL, else `default`."""
    url = os.environ.get(f"BENCH_{bench.upper()}_DATABASE_URL", default)
    if url and url.startswith("postgres"):
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        if name in PROTECTED or "bench" not in name:
            raise SystemExit(
                f"{bench}: refusing to drop and recreate the database {name!r}: use a *bench* name"
            )
    return url


def setup(url: str | None) -> None:
    """The process environment of a bench, before django.setup(): production settings (DEBUG off,
    whatever `make` exports), a throw-away var directory, and `url` as the database (a fresh
    PostgreSQL database, or SQLite under the throw-away directory when None). Both are removed
    when the process ends, however it ends."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    var_dir = tempfile.mkdtemp(prefix="onewindow-bench-")
    Path(var_dir, "static").mkdir()  # STATIC_ROOT: WhiteNoise warns on every request without it
    os.environ["ONEWINDOW_DEBUG"] = "0"  # `make` exports ONEWINDOW_DEBUG=1: measure what production runs
    os.environ.setdefault("ONEWINDOW_SECRET_KEY", "bench-only-" + "x" * 40)
    os.environ["ONEWINDOW_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    os.environ["ONEWINDOW_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = url or f"sqlite:///{var_dir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"  # production settings + the empty view
    if url:
        recreate_database(url)
    atexit.register(_clean_up, os.getpid(), url, var_dir)


def _clean_up(pid: int, url: str | None, var_dir: str) -> None:
    if os.getpid() != pid:  # a forked client process
        return
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()
    if url:
        drop_database(url)
    shutil.rmtree(var_dir, ignore_errors=True)


def _admin(url: str):
    import psycopg

    return psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)


def recreate_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with _admin(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with _admin(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def analyze() -> None:
    """Planner statistics after loading, as autovacuum would have gathered by now (and, on
    PostgreSQL, the visibility map index-only scans rely on)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


#: Values for the NOT NULL columns the generated rows do not set themselves.
FILLERS = {"boolean": "false", "integer": "0", "smallint": "0", "bigint": "0"}


#: Surnames and given-name characters of the generated applicants (bench/lists.py): names of two
#: and three characters, as a hall sees them.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力海燕林春雪梅云峰宇鹏志国庆凤"


def _pick(values, position: str) -> str:
    """SQL choosing among `values` (ids or characters) by the integer SQL expression `position`."""
    items = ", ".join(str(value) if isinstance(value, int) else f"'{value}'" for value in values)
    return f"(ARRAY[{items}])[1 + ({position}) %% {len(values)}]"


def fill_cases(
    *,
    site_id,
    item_id,
    version_id,
    department_id,
    user_id,
    count: int,
    first: int = 1,
    sites=(),
    departments=(),
    agents=(),
    people: bool = False,
) -> None:
    """Insert `count` open cases with generate_series (numbered from `first`, so a table can grow
    in steps): every NOT NULL column gets a value. By default every case is at `site_id` and
    `department_id`, received ten days ago, by '基准申请人<n>'. A hall spread out instead: `sites`
    and `departments` (ids) take turns, 1 case in 50 has an agent of `agents`, and with `people`
    the applicants have two- and three-character Chinese names and ID numbers of their own, the
    cases received one every 30 seconds (the newest now)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cases_case'"
            " AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'"
        )
        required = dict(cursor.fetchall())
        received = "now() - interval '10 days'"
        if people:
            received = "timestamptz '2025-12-01 08:00+08' + n * interval '30 seconds'"
        generated = {
            "site_id": _pick(sites, "n / 3") if sites else str(site_id),
            "item_id": str(item_id),
            "version_id": str(version_id),
            "department_id": _pick(departments, "n / 7") if departments else str(department_id),
            "created_by_id": str(user_id),
            "receipt_number": "'B' || lpad(n::text, 12, '0')",
            "query_code": "'123456'",
            "channel": "'WINDOW'",
            "status": "CASE WHEN n %% 20 = 0 THEN 'SUSPENDED' WHEN n %% 10 = 1 THEN 'COMPLETED' ELSE 'ACCEPTED' END",
            "applicant_kind": "'PERSON'",
            "applicant_name": "'基准申请人' || n",
            "id_number": "'21028319850312001X'",
            "contact_phone": "'13912345678'",
            "received_at": received,
            "received_date": f"({received})::date",
            "materials_date": f"({received})::date",
            "decision_due_date": f"({received})::date + 5",
        }
        if people:
            three = f"CASE WHEN n %% 3 = 0 THEN '' ELSE {_pick(GIVEN, 'n / 1000')} END"
            generated["applicant_name"] = f"{_pick(SURNAMES, 'n')} || {_pick(GIVEN, 'n / 20')} || {three}"
            generated["id_number"] = "'210283' || lpad(n::text, 12, '0')"
        # Most due dates ahead; 1 in 25 overdue by up to 10 days, 1 in 100 due today.
        due = "current_date + CASE WHEN n %% 25 = 3 THEN -1 - (n %% 10) WHEN n %% 100 = 7 THEN 0 ELSE 1 + (n %% 60) END"
        optional = {
            "number": "'210283-B-' || lpad(n::text, 9, '0')",
            "accepted_date": f"({received})::date",
            "accepted_at": received,
            "promised_due_date": due,
            "statutory_due_date": due + " + 20",
            "decided_date": "CASE WHEN n %% 10 = 1 THEN current_date - 1 END",
            "delivery_due_date": "CASE WHEN n %% 10 = 1 THEN " + due + " END",
        }
        if agents:
            optional["agent_id"] = f"CASE WHEN n %% 50 = 0 THEN {_pick(agents, 'n / 50')} END"
        columns = {
            **{name: FILLERS.get(kind, "''") for name, kind in required.items()},
            **generated,
            **optional,
        }
        names = ", ".join(columns)
        values = ", ".join(columns.values())
        cursor.execute(
            f"INSERT INTO cases_case ({names}) SELECT {values} FROM generate_series(%s::integer, %s::integer) AS n",  # noqa: S608
            [first, first + count - 1],
        )


def median_ms(function, runs: int = RUNS) -> float:
    function()  # warm up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


# Over HTTP, through the production server ------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(*, workers: int = 2, threads: int = 2):
    """Gunicorn as `make serve` runs it (onewindow/config/gunicorn.py: gthread workers, the app
    preloaded), on a free port, with this bench's environment and database; yields its address.
    Call after the data is loaded: the workers open their own connections."""
    from django.core.management import call_command
    from django.db import connections

    call_command("collectstatic", "--no-input", verbosity=0)  # the manifest production pages need
    connections.close_all()
    port = _free_port()
    log = Path(os.environ["ONEWINDOW_VAR_DIR"], "gunicorn.log")
    environment = {
        **os.environ,
        "ONEWINDOW_BIND": f"127.0.0.1:{port}",
        "ONEWINDOW_WORKERS": str(workers),
        "ONEWINDOW_THREADS": str(threads),
        "ONEWINDOW_ACCESS_LOG": "",  # no access log: it would be measured too
        "ONEWINDOW_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
    }
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:onewindow.config.gunicorn"],
        env=environment,
        cwd=str(ROOT),
        start_new_session=True,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if Http(port).get("/healthz")[0] == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start (exit {server.poll()}):\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield port
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


class Http:
    """One keep-alive connection to the served bench, as a hall PC or an integration keeps one."""

    def __init__(self, port: int, *, token: str | None = None, session: str | None = None):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = {"Host": "127.0.0.1"}
        if token:
            self.headers["Authorization"] = f"Token {token}"
        if session:
            self.headers["Cookie"] = f"sessionid={session}"

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, bytes]:
        headers = {**self.headers, **(headers or {})}
        if body is not None:
            body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the connection after its keep-alive time (5 s idle): open it
            # again, as a browser would. Every request here is safe to repeat once: it never
            # reached the view.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        return response.status, response.read()

    def get(self, path: str, headers=None) -> tuple[int, bytes]:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, body, headers=None) -> tuple[int, bytes]:
        return self.request("POST", path, body=body, headers=headers)

    def get_ok(self, path: str) -> bytes:
        status, content = self.get(path)
        if status != 200:
            log = Path(os.environ["ONEWINDOW_VAR_DIR"], "gunicorn.log")
            raise SystemExit(f"GET {path}: {status} {content[:300]!r}\n{log.read_text()[-3000:]}")
        return content

    def median_ms(self, path: str, runs: int = RUNS) -> float:
        """The median time of GET `path` (answered 200), after one warm-up."""
        return median_ms(lambda: self.get_ok(path), runs=runs)


def session_for(user) -> str:
    """A signed-in session for `user` (in the database, as the server reads it): its cookie value."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
