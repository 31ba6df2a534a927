import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from onewindow.catalog import selectors
from onewindow.catalog.models import CaseKind, Item, ItemVersion, Material
from onewindow.org.models import DelegationItem

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


def test_the_demo_catalog_is_a_real_hall_list(seeded_calendar, settings):
    call_command("demo", stdout=io.StringIO())
    in_force = selectors.versions_in_force(on_date=date.today())
    assert in_force.count() >= 60
    kinds = list(in_force.values_list("case_kind", flat=True))
    assert kinds.count(CaseKind.JOINT) >= 5 and kinds.count(CaseKind.IMMEDIATE) >= 10
    assert in_force.values("item__department").distinct().count() >= 20
    assert {"90", "91", "01", "07", "20"} <= set(in_force.values_list("item_type", flat=True))
    names = [v.name for v in selectors.guide_search(on_date=date.today(), query="食品")]
    assert "食品经营许可（新办）" in names
    assert [v.name for v in selectors.guide_search(on_date=date.today(), query="结婚")][0] == "结婚登记"

    # Blank forms are real workbooks with the form's fields
    material = Material.objects.exclude(blank_form="").select_related("version").first()
    workbook = load_workbook(material.blank_form.open("rb"))
    assert workbook.active["A1"].value == material.name

    # The office has something to review and the department something to fix
    assert ItemVersion.objects.filter(status=ItemVersion.Status.SUBMITTED).count() == 1
    assert ItemVersion.objects.filter(status=ItemVersion.Status.RETURNED).count() == 1
    # The chief representative's delegation names the catalog's items
    delegated = DelegationItem.objects.get(item_name="个体工商户设立登记")
    assert Item.objects.filter(implementation_code=delegated.item_code).exists()

    # Loading again adds nothing
    count = Item.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert Item.objects.count() == count
