"""Guide search over 5,000 published items, over HTTP through the production server (gunicorn as
`make serve` runs it, DEBUG off), on SQLite and on PostgreSQL: the median latency of the guide's
pages, the kiosk's list and the public items API, each as a ratio to an empty view served by the
same stack (middleware, URL routing, sessions, gunicorn) in the same run. The empty view is the
floor every page pays, not the same work: the ratios say what each page costs above the stack it
runs in. The goal (issue 15) is at most 5× on both databases.

The searches measured first are each asked again and again, as a hall's common searches are: the
guide computes an answer (and renders its page) once per catalog revision and day. The last two
lines ask a new word each time, which pays the search itself. A plain portal page is measured too:
the shared layout (base template, context processors) is the floor of every guide page. The
requests are measured in rounds, each ratio against its own round's empty view, and the medians
printed: the machine's cores may be shared, and its load change during a run.

Before timing, every measured address is checked against the catalog as built: the guide's count
and the API's count are the number of items whose name, keywords, department or theme contain every
term, the first page holds the items it should, and each list holds only items of its theme or
department.

Each database is measured in a process of its own (Django's settings are per process): a
throw-away SQLite file, and a fresh PostgreSQL database, onewindow_bench_guide at 127.0.0.1:5432
or BENCH_GUIDE_DATABASE_URL (dropped and created again: its name must contain "bench";
DATABASE_URL is never used, since it may be the development database). The tables are analyzed
after loading (ANALYZE, VACUUM ANALYZE on PostgreSQL), before timing.

    make bench
    python bench/guide.py                  # both databases
    python bench/guide.py sqlite           # one of them (or: postgresql)
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

ITEM_COUNT = 5_000
RUNS = 60
ROUNDS = 5
DATABASES = {
    "sqlite": None,  # the throw-away directory's SQLite file
    "postgresql": support.bench_url("guide", default=support.POSTGRES + "onewindow_bench_guide"),
}


def _each_database() -> int:
    """Run this bench once per database, each in a process of its own; fail if one did."""
    status = 0
    for name in DATABASES:
        status |= subprocess.call([sys.executable, __file__, name])  # noqa: S603
    return status


if __name__ == "__main__" and len(sys.argv) == 1:
    sys.exit(_each_database())

DATABASE = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
if DATABASE not in DATABASES:
    raise SystemExit(f"usage: {sys.argv[0]} [{' | '.join(DATABASES)}]")
support.setup(DATABASES[DATABASE])

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from onewindow.catalog import services  # noqa: E402
from onewindow.catalog.demo_data import load_items  # noqa: E402
from onewindow.catalog.models import Item, ItemVersion, Material, Theme  # noqa: E402
from onewindow.catalog.selectors import search_terms  # noqa: E402
from onewindow.org import services as org_services  # noqa: E402
from onewindow.org.models import Site  # noqa: E402
from onewindow.org.tests.factories import credit_code  # noqa: E402

ITEMS = load_items()


def build_catalog() -> list[ItemVersion]:
    """5,000 published items: the demo items' names and keywords, repeated across 20 departments
    and numbered, each with three materials."""
    user = get_user_model().objects.create_user(username="bench", password=None)
    site = org_services.site_create(name="基准测试中心", code="B000001", kind=Site.Kind.CENTER, level=4)
    departments = [
        org_services.department_save(
            site=site, name=f"基准测试局{number:02d}", credit_code=credit_code(900 + number)
        )
        for number in range(20)
    ]
    themes = list(Theme.objects.all())
    items = Item.objects.bulk_create(
        Item(
            department=departments[number % len(departments)],
            basic_code=f"{number:010d}",
            implementation_code=f"BENCH{number:07d}",
            handling_variant="NEW",
            level=4,
        )
        for number in range(ITEM_COUNT)
    )
    today = date.today()
    versions = []
    for number, item in enumerate(items):
        entry = ITEMS[number % len(ITEMS)]
        version = ItemVersion(
            item=item,
            number=1,
            status=ItemVersion.Status.APPROVED,
            name=f"{entry['name']}（{number // len(ITEMS) + 1}）",
            item_type=entry["type"],
            case_kind=entry["case_kind"],
            legal_basis=entry["legal_basis"],
            conditions=entry["conditions"],
            procedure=entry["procedure"],
            statutory_limit=entry["statutory"][0],
            promised_limit=entry["promised"][0],
            service_objects=entry["service_objects"],
            handling_forms=entry["handling_forms"],
            keywords=" ".join(entry["keywords"]),
            effective_date=today,
            created_by=user,
            updated_by=user,
        )
        chosen = [theme for theme in themes if theme.name in entry["themes"]]
        services.derive_guide_fields(version, department=item.department, themes=chosen)
        versions.append(version)
    ItemVersion.objects.bulk_create(versions, batch_size=500)
    Material.objects.bulk_create(
        [
            Material(version=version, sort_order=order, name=f"材料{order}")
            for version in versions
            for order in (1, 2, 3)
        ],
        batch_size=2000,
    )
    links = ItemVersion.themes.through
    theme_ids = {theme.name: theme.pk for theme in themes}
    links.objects.bulk_create(
        [
            links(itemversion_id=version.pk, theme_id=theme_ids[name])
            for number, version in enumerate(versions)
            for name in ITEMS[number % len(ITEMS)]["themes"]
        ],
        batch_size=2000,
    )
    return versions


# Checking the answers ---------------------------------------------------------------------------


def _matching(versions, query: str) -> set[str]:
    """Names of the versions a guide search for `query` should find: every term in the search text."""
    terms = search_terms(query)
    return {version.name for version in versions if all(term in version.search_text for term in terms)}


def _guide_answer(html: str) -> tuple[int, list[str]]:
    """The guide page's count ("共 N 个事项") and result names, in order."""
    count = re.search(r"共 (\d+) 个事项", html)
    names = re.findall(r'<article class="result card">\s*<h2><a href="[^"]+">([^<]+)</a>', html)
    return (int(count.group(1)) if count else -1), [unescape(name) for name in names]


def _kiosk_answer(html: str) -> list[str]:
    return [
        unescape(name)
        for name in re.findall(r'class="kiosk-tile kiosk-item[^"]*" href="[^"]+">([^<]+)<', html)
    ]


def check(http, label: str, path: str, expected: set[str], *, kind: str) -> None:
    """Fail unless `path` answers with exactly the items of `expected` (a count and a first page)."""
    content = http.get_ok(path)
    if kind == "api":
        answer = json.loads(content)
        count, names = answer["count"], [row["name"] for row in answer["results"]]
        first_page = min(len(expected), 50)
    elif kind == "kiosk":
        names = _kiosk_answer(content.decode())  # the first 60, no count
        count, first_page = len(names), min(len(expected), 60)
    else:
        count, names = _guide_answer(content.decode())
        first_page = min(len(expected), 20)
    expected_count = first_page if kind == "kiosk" else len(expected)
    if count != expected_count or len(names) != first_page or not set(names) <= expected:
        wrong = sorted(set(names) - expected)[:3]
        raise SystemExit(
            f"{label} ({path}): {count} items, {len(names)} shown, expected {expected_count} and {first_page}"
            f"; not expected: {wrong}"
        )


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    versions = build_catalog()
    support.analyze()
    built = time.perf_counter() - started
    theme = Theme.objects.get(name="婚姻登记")
    department = versions[0].item.department
    by_theme = {
        version.name
        for number, version in enumerate(versions)
        if theme.name in ITEMS[number % len(ITEMS)]["themes"]
    }
    by_department = {version.name for version in versions if version.item.department_id == department.pk}
    everything = {version.name for version in versions}
    cases = [
        ("guide, no filter (browse all)", "/guide/", everything, "guide"),
        (
            "guide search “食品” (2 characters)",
            "/guide/?q=" + quote("食品"),
            _matching(versions, "食品"),
            "guide",
        ),
        (
            "guide search “登记” (many matches)",
            "/guide/?q=" + quote("登记"),
            _matching(versions, "登记"),
            "guide",
        ),
        (
            "guide search “食品经营许可” (a trigram index on PostgreSQL)",
            "/guide/?q=" + quote("食品经营许可"),
            _matching(versions, "食品经营许可"),
            "guide",
        ),
        (
            "guide search, two terms “营业 执照”",
            "/guide/?q=" + quote("营业 执照"),
            _matching(versions, "营业 执照"),
            "guide",
        ),
        ("guide search with no match", "/guide/?q=" + quote("不存在的事项"), set(), "guide"),
        (
            "guide search “登记”, page 10",
            "/guide/?q=" + quote("登记") + "&page=10",
            _matching(versions, "登记"),
            "guide",
        ),
        ("guide browse by department", f"/guide/?department={department.pk}", by_department, "guide"),
        ("guide browse by theme", f"/guide/?theme={theme.pk}", by_theme, "guide"),
        ("kiosk list by theme", f"/kiosk/items/?theme={theme.pk}", by_theme, "kiosk"),
        ("kiosk list by department", f"/kiosk/items/?department={department.pk}", by_department, "kiosk"),
        ("API search “结婚”", "/api/v1/items/?search=" + quote("结婚"), _matching(versions, "结婚"), "api"),
        ("API by department", f"/api/v1/items/?department={department.pk}", by_department, "api"),
        ("an item's page (not a search: for scale)", "/guide/BENCH0000001/", set(), "skip"),
    ]
    engine = "PostgreSQL" if DATABASE == "postgresql" else "SQLite"
    with support.served(workers=2, threads=2) as port:
        http = support.Http(port)
        for label, path, expected, kind in cases:
            if kind != "skip":
                check(http, label, path, expected, kind=kind)
        # The pages above are each asked again and again (a hall's common searches): their answer
        # is computed once per catalog revision and day. A word nobody asked for yet pays the search.
        fresh = _fresh_words()
        guide_words, api_words = iter(fresh[0::2]), iter(fresh[1::2])  # the API shares the guide's answers
        timed = [
            ("empty view (reference)", lambda: http.get_ok("/bench-empty/")),
            # For scale: what the shared portal layout costs (base template, context processors).
            ("a plain portal page (/progress/, its empty form)", lambda: http.get_ok("/progress/")),
            *((label, lambda path=path: http.get_ok(path)) for label, path, _expected, _kind in cases),
            (
                "guide search, a new word each request (its answer not cached yet)",
                lambda: http.get_ok("/guide/?q=" + quote(next(guide_words))),
            ),
            (
                "API search, a new word each request (its answer not cached yet)",
                lambda: http.get_ok("/api/v1/items/?search=" + quote(next(api_words))),
            ),
        ]
        print(
            f"Guide over {ITEM_COUNT:,} published items, {engine} (built and analyzed in {built:.1f} s),"
            f" over HTTP through gunicorn (2 workers × 2 threads), {RUNS} requests each"
            f" ({ROUNDS} rounds of {RUNS // ROUNDS}), medians:"
        )
        for label, (value, ratio) in medians(timed).items():
            shown = "" if label == "empty view (reference)" else f" → {ratio:.1f}× the empty view"
            print(f"- {label}: {value:.2f} ms{shown}")


def medians(timed: list[tuple[str, object]]) -> dict[str, tuple[float, float]]:
    """Each request's median time in milliseconds and its median ratio to the first (the reference).
    ROUNDS rounds, in each every request asked RUNS // ROUNDS times in a row after a warm-up
    (support.median_ms) and divided by that round's reference: the machine's cores are shared, and a
    change of load between the first request and the last would otherwise show as a change of ratio."""
    times: dict[str, list[float]] = {label: [] for label, _request in timed}
    ratios: dict[str, list[float]] = {label: [] for label, _request in timed}
    for _ in range(ROUNDS):
        reference = None
        for label, request in timed:
            value = support.median_ms(request, runs=RUNS // ROUNDS)
            reference = reference or value
            times[label].append(value)
            ratios[label].append(value / reference)
    return {label: (statistics.median(times[label]), statistics.median(ratios[label])) for label in times}


def _fresh_words() -> list[str]:
    """Distinct keywords of the demo items, two characters and more, none of the measured ones."""
    measured = {"食品", "登记", "食品经营许可", "营业", "执照", "不存在的事项", "结婚"}
    words = sorted({word for entry in ITEMS for word in entry["keywords"] if len(word) >= 2} - measured)
    needed = 2 * (RUNS + ROUNDS)  # each round warms up once
    if len(words) < needed:
        raise SystemExit(f"only {len(words)} distinct keywords: the bench needs {needed}")
    return words


if __name__ == "__main__":
    main()
