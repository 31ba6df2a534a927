"""The guide's cached answers (catalog/selectors.py): the same items in the same order as
guide_search, read again only when the catalog changes, and a list that reads only what it shows."""

from datetime import date

import pytest

from onewindow.catalog import selectors, services
from onewindow.catalog.models import Theme
from onewindow.catalog.tests.factories import NOW, make_item, publish

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 16)


def _publish(hall, *, code, name, keywords="", department=None, themes=None):
    """A published item of the market department (its reviewer drafts, the office approves), or
    of another department (the office drafts, a second office member approves)."""
    reviewer, office = hall["reviewer"].user, hall["office"].user
    if department is not None and department != hall["market"]:
        reviewer, office = office, hall["office2"].user
    draft = make_item(
        department=department or hall["market"],
        user=reviewer,
        code=code,
        name=name,
        keywords=keywords,
        result_name="",
        **({"themes": themes} if themes is not None else {}),
    )
    return publish(draft, submitter=reviewer, approver=office, today=TODAY)


@pytest.fixture
def hall(hall, office2):
    return hall | {"office2": office2}


@pytest.fixture
def catalog(hall):
    marriage = list(Theme.objects.filter(name="婚姻登记"))
    return [
        _publish(hall, code="A1", name="食品经营许可", keywords="餐饮"),
        _publish(
            hall,
            code="A2",
            name="结婚登记",
            keywords="婚姻 领证",
            department=hall["housing"],
            themes=marriage,
        ),
        _publish(hall, code="A3", name="小餐饮登记", keywords="食品"),
        _publish(hall, code="A4", name="食品生产许可", keywords="工厂"),
    ]


FILTERS = [
    {},
    {"query": "食品"},
    {"query": "登记"},
    {"query": "餐饮 登记"},
    {"query": "不存在"},
    {"item_type": "20"},
    {"audience": "PEOPLE"},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_the_cached_answer_is_guide_search_in_the_same_order(catalog, hall, filters):
    expected = [version.pk for version in selectors.guide_search(on_date=TODAY, **filters)]
    results = selectors.guide_results(on_date=TODAY, **filters)
    assert results.ids == expected
    assert len(results) == results.count() == len(expected)
    assert [version.pk for version in results[0:2]] == expected[0:2]
    assert [version.pk for version in results[1:]] == expected[1:]


def test_filters_by_department_and_theme(catalog, hall):
    theme = Theme.objects.get(name="婚姻登记")
    by_department = selectors.guide_results(on_date=TODAY, department_id=hall["housing"].pk)
    assert [version.name for version in by_department[:]] == ["结婚登记"]
    assert [version.name for version in selectors.guide_results(on_date=TODAY, theme_id=theme.pk)[:]] == [
        "结婚登记"
    ]


def test_a_search_is_run_once_until_the_catalog_changes(catalog, hall, django_assert_num_queries):
    assert selectors.guide_results(on_date=TODAY, query="许可").count() == 2
    with django_assert_num_queries(1):  # the catalog's revision; the answer comes from the cache
        assert selectors.guide_results(on_date=TODAY, query=" 许可 ").count() == 2
    _publish(hall, code="A5", name="药品经营许可")
    assert selectors.guide_results(on_date=TODAY, query="许可").count() == 3


def test_a_new_day_is_a_new_answer(hall):
    _publish(hall, code="B1", name="食品经营许可")
    reviewer, office = hall["reviewer"].user, hall["office"].user
    later = make_item(department=hall["market"], user=reviewer, code="B2", name="食品小作坊登记")
    publish(later, submitter=reviewer, approver=office, today=TODAY, effective_date=date(2026, 11, 20))
    assert selectors.guide_results(on_date=TODAY, query="食品").count() == 1
    assert selectors.guide_results(on_date=date(2026, 11, 20), query="食品").count() == 2


def test_a_withdrawal_leaves_the_answer_at_once(catalog, hall):
    assert selectors.guide_results(on_date=TODAY, query="结婚").count() == 1
    services.item_withdraw(
        item=catalog[1].item,
        user=hall["office"].user,
        now=NOW,
        today=TODAY,
        withdrawal_date=TODAY,
        reason="并入其他事项",
    )
    assert selectors.guide_results(on_date=TODAY, query="结婚").count() == 0


def test_departments_follow_a_publication(hall):
    _publish(hall, code="C0", name="食品经营许可")
    assert [department.pk for department in selectors.departments_in_guide(on_date=TODAY)] == [
        hall["market"].pk
    ]
    _publish(hall, code="C1", name="结婚登记", department=hall["housing"])
    assert {department.pk for department in selectors.departments_in_guide(on_date=TODAY)} == {
        hall["market"].pk,
        hall["housing"].pk,
    }


def test_themes_count_items_in_force(catalog, hall):
    theme = Theme.objects.get(name="婚姻登记")

    def count() -> int:
        return next(
            entry.item_count
            for entry in selectors.themes_with_counts(on_date=TODAY)["PEOPLE"]
            if entry.pk == theme.pk
        )

    assert count() == 1
    _publish(hall, code="C2", name="补领结婚证", themes=[theme])
    assert count() == 2


def test_a_list_reads_only_what_it_shows(catalog, django_assert_num_queries):
    ids = selectors.guide_results(on_date=TODAY, query="食品").ids
    with django_assert_num_queries(1):
        rows = selectors.listing_rows(ids, on_date=TODAY)
        shown = [
            (
                version.name,
                version.item_type,
                version.case_kind,
                version.promised_limit,
                version.promised_unit,
                version.is_online_capable,
                version.visits_required,
                version.item.implementation_code,
                version.item.department.name,
                version.item.department.short_name,
            )
            for version in rows
        ]
    assert [row[0] for row in shown] == [
        version.name for version in selectors.guide_search(on_date=TODAY, query="食品")
    ]
    assert sorted(row[0] for row in shown) == sorted(["食品经营许可", "食品生产许可", "小餐饮登记"])
    assert {"legal_basis", "conditions", "procedure", "faq"} <= rows[0].get_deferred_fields()


def test_browse_reads_only_the_revision_until_asked(catalog, django_assert_num_queries):
    with django_assert_num_queries(1):
        browse = selectors.guide_browse(on_date=TODAY, query="食品")
    assert browse.results.count() == 3
    assert browse.departments and browse.themes
