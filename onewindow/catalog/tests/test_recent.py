"""The catalog's revision and the version a window intake reads are kept per process for the
recheck window (catalog/selectors.py, common.recent), yet a catalog change made in this process
counts at once and one made elsewhere within the window."""

from datetime import date

import pytest

from onewindow.catalog import selectors, services
from onewindow.catalog.models import ItemEvent
from onewindow.catalog.tests.factories import NOW, make_item, publish

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 16)


@pytest.fixture
def window(recheck_window):
    return recheck_window("ONEWINDOW_CATALOG_RECHECK_SECONDS", selectors.catalog_cache_clear)


@pytest.fixture
def version(hall):
    draft = make_item(department=hall["market"], user=hall["reviewer"].user, code="R1", name="食品经营许可")
    return publish(draft, submitter=hall["reviewer"].user, approver=hall["office"].user, today=TODAY)


def test_the_intake_version_comes_with_what_intake_reads(version, django_assert_num_queries):
    found = selectors.version_for_intake(implementation_code="R1", on_date=TODAY)
    assert found == version
    with django_assert_num_queries(0):  # prefetched: materials in order, steps, co-departments
        names = [material.name for material in found.materials.all()]
        [step.department for step in found.steps.all()]
        list(found.co_departments.all())
    assert names == list(version.materials.order_by("sort_order", "id").values_list("name", flat=True))
    assert selectors.version_for_intake(implementation_code="NONE", on_date=TODAY) is None


def test_without_a_window_every_call_reads_again(version, django_assert_num_queries):
    selectors.version_for_intake(implementation_code="R1", on_date=TODAY)
    with django_assert_num_queries(5):  # revision, version, materials, steps, co-departments
        selectors.version_for_intake(implementation_code="R1", on_date=TODAY)


def test_within_the_window_the_revision_and_version_are_reused(version, window, django_assert_num_queries):
    first = selectors.version_for_intake(implementation_code="R1", on_date=TODAY)
    newest = ItemEvent.objects.order_by("-id").first().id
    with django_assert_num_queries(0):
        assert selectors.version_for_intake(implementation_code="R1", on_date=TODAY) is first
        assert selectors.catalog_revision() == newest
    window["now"] += 61
    with django_assert_num_queries(5):  # the window is over: revision and version read again
        assert selectors.version_for_intake(implementation_code="R1", on_date=TODAY) == first


def test_a_withdrawal_made_here_counts_at_once(hall, version, window):
    assert selectors.version_for_intake(implementation_code="R1", on_date=TODAY) == version
    services.item_withdraw(
        item=version.item,
        user=hall["office"].user,
        now=NOW,
        today=TODAY,
        withdrawal_date=TODAY,
        reason="依据省政府令取消",
    )
    assert selectors.version_for_intake(implementation_code="R1", on_date=TODAY) is None


def test_a_change_made_by_another_process_counts_after_the_window(hall, version, window):
    assert selectors.version_for_intake(implementation_code="R1", on_date=TODAY) == version
    # Another process withdraws the item: the rows change, no signal reaches this process.
    version.item.__class__.objects.filter(pk=version.item_id).update(withdrawal_date=TODAY)
    version.__class__.objects.filter(pk=version.pk).update(effective_until=TODAY)
    event = ItemEvent(item=version.item, action=ItemEvent.Action.WITHDRAW, actor=hall["office"].user, at=NOW)
    ItemEvent.objects.bulk_create([event])
    assert selectors.version_for_intake(implementation_code="R1", on_date=TODAY) == version  # kept
    window["now"] += 61
    assert selectors.version_for_intake(implementation_code="R1", on_date=TODAY) is None
