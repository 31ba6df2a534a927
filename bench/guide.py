"""Guide search over 5,000 published items: median latency of the guide's pages and the public API,
each as a ratio to an empty view served by the same Django stack (middleware, URL routing,
sessions) in the same run. The empty view is the floor every page pays, not the same work: the
ratios say what each page costs above the stack it runs in. Uses a throw-away SQLite database, or
a fresh PostgreSQL one given with BENCH_GUIDE_DATABASE_URL (dropped and created again: its name
must contain "bench"; DATABASE_URL is never used, since it may be the development database).
The tables are analyzed after loading (ANALYZE, VACUUM ANALYZE on PostgreSQL), before timing.

    make bench
    BENCH_GUIDE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/onewindow_bench_guide python bench/guide.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

ITEM_COUNT = 5_000
REQUESTS = 200

support.setup(support.bench_url("guide"))  # None: SQLite in the throw-away directory

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402

from onewindow.catalog import services  # noqa: E402
from onewindow.catalog.demo_data import load_items  # noqa: E402

ITEMS = load_items()
from onewindow.catalog.models import Item, ItemVersion, Material, Theme  # noqa: E402
from onewindow.org import services as org_services  # noqa: E402
from onewindow.org.models import Site  # noqa: E402
from onewindow.org.tests.factories import credit_code  # noqa: E402


def empty(request):
    return HttpResponse("")


urlpatterns = [path("bench-empty/", empty), path("", include("onewindow.config.urls"))]


def build_catalog() -> None:
    """5,000 published items: the demo items' names and keywords, repeated across 20 departments
    and numbered, each with three materials."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="bench", password=None)
    site = org_services.site_create(name="基准测试中心", code="B000001", kind=Site.Kind.CENTER, level=4)
    departments = [
        org_services.department_save(
            site=site, name=f"基准测试局{number:02d}", credit_code=credit_code(900 + number)
        )
        for number in range(20)
    ]
    themes = list(Theme.objects.all())
    items, versions = [], []
    for number in range(ITEM_COUNT):
        entry = ITEMS[number % len(ITEMS)]
        department = departments[number % len(departments)]
        item = Item(
            department=department,
            basic_code=f"{number:010d}",
            implementation_code=f"BENCH{number:07d}",
            handling_variant="NEW",
            level=4,
        )
        items.append(item)
    Item.objects.bulk_create(items)
    today = date.today()
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


def median_ms(client: Client, url: str) -> float:
    for _ in range(10):  # warm up caches and the connection
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(timings) * 1e3


def main() -> None:
    settings.ROOT_URLCONF = __name__
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static storage
    started = datetime.now(UTC)
    build_catalog()
    support.analyze()
    built = (datetime.now(UTC) - started).total_seconds()
    client = Client()
    theme = Theme.objects.get(name="婚姻登记")
    reference = median_ms(client, "/bench-empty/")
    cases = [
        ("guide search “食品”", "/guide/?q=食品"),
        ("guide search “登记” (many matches)", "/guide/?q=登记"),
        ("guide search with no match", "/guide/?q=不存在的事项"),
        ("guide browse by theme", f"/guide/?theme={theme.pk}"),
        ("API search “结婚”", "/api/v1/items/?search=结婚"),
        ("item page", "/guide/BENCH0000001/"),
    ]
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"Guide over {ITEM_COUNT:,} published items ({database}, built and analyzed in {built:.1f} s), median of {REQUESTS} requests:"
    )
    print(f"- empty view (reference): {reference:.2f} ms")
    for label, url in cases:
        value = median_ms(client, url)
        print(f"- {label}: {value:.2f} ms → {value / reference:.1f}× the empty view")


if __name__ == "__main__":
    main()
