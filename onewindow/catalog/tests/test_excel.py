"""Excel export and import: a round trip, and a broken workbook that changes nothing."""

import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from onewindow.catalog import excel, selectors
from onewindow.catalog.models import Item, ItemEvent, ItemVersion
from onewindow.catalog.tests.factories import NOW, make_item, publish

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 16)


@pytest.fixture
def catalog(hall):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    tiered = [
        {
            "name": "建设工程规划许可服务费",
            "kind": "TIERED",
            "unit": "平方米",
            "tiers": [{"up_to": 1000, "amount": "200.00"}, {"up_to": None, "amount": "500.00"}],
            "legal_basis": "《辽宁省物价局关于规范规划服务收费的通知》",
            "is_waivable": True,
            "waiver_basis": "保障性住房免收",
        }
    ]
    publish(
        make_item(department=hall["market"], user=reviewer, code="EX0001"),
        submitter=reviewer,
        approver=office,
        today=TODAY,
    )
    publish(
        make_item(
            department=hall["market"], user=reviewer, code="EX0002", name="建设工程规划许可", fee_items=tiered
        ),
        submitter=reviewer,
        approver=office,
        today=TODAY,
    )
    return hall


def _workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def _upload(workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "catalog.xlsx"
    return buffer


def test_export_has_items_materials_fees_and_steps(catalog):
    workbook = _workbook(excel.export_workbook(items=Item.objects.all(), on_date=TODAY))
    assert workbook.sheetnames == ["事项", "申请材料", "收费项目", "办理环节"]
    items = list(workbook["事项"].iter_rows(values_only=True))
    assert items[0][:5] == ("实施编码", "基本编码", "业务办理项", "实施部门", "事项名称")
    assert [row[0] for row in items[1:]] == ["EX0001", "EX0002"]
    assert items[1][5] == "行政许可" and items[1][17] == "自然人、企业法人"
    fees = list(workbook["收费项目"].iter_rows(values_only=True))
    assert fees[2][7] == "1000 200.00\n其余 500.00"
    assert len(list(workbook["申请材料"].iter_rows())) == 1 + 4


def test_round_trip_into_an_empty_catalog(catalog):
    content = excel.export_workbook(items=Item.objects.all(), on_date=TODAY)
    before = {
        v.item.implementation_code: v
        for v in selectors.with_details(selectors.versions_in_force(on_date=TODAY))
    }
    workbook = _workbook(content)
    for row in workbook["事项"].iter_rows(min_row=2):  # load the same list under new codes
        row[0].value = "NEW" + row[0].value
    for title in ("申请材料", "收费项目", "办理环节"):
        for row in workbook[title].iter_rows(min_row=2):
            row[0].value = "NEW" + row[0].value
    result = excel.import_workbook(_upload(workbook), user=catalog["office"].user, now=NOW, today=TODAY)
    assert (result.created, result.updated) == (2, 0)
    for code, old in before.items():
        new = selectors.version_in_force(implementation_code="NEW" + code, on_date=TODAY)
        assert new.status == ItemVersion.Status.APPROVED and new.effective_date == TODAY
        assert [m.name for m in new.materials.all()] == [m.name for m in old.materials.all()]
        assert [(f.name, f.standard_text, f.tiers) for f in new.fee_items.all()] == [
            (f.name, f.standard_text, f.tiers) for f in old.fee_items.all()
        ]
        assert [(s.name, s.limit_days) for s in new.steps.all()] == [
            (s.name, s.limit_days) for s in old.steps.all()
        ]
        assert list(new.themes.all()) == list(old.themes.all())
        assert new.item.events.get().action == ItemEvent.Action.IMPORT


def test_reimport_makes_a_new_version_of_an_existing_item(catalog):
    workbook = _workbook(
        excel.export_workbook(items=Item.objects.filter(implementation_code="EX0001"), on_date=TODAY)
    )
    workbook["事项"]["O2"] = 3  # 承诺办结时限
    workbook["办理环节"]["C3"] = 2
    result = excel.import_workbook(_upload(workbook), user=catalog["office"].user, now=NOW, today=TODAY)
    assert (result.created, result.updated) == (0, 1)
    current = selectors.version_in_force(implementation_code="EX0001", on_date=TODAY)
    assert (current.number, current.promised_limit) == (2, 3)
    # the imported version replaces the old one: one row per item in the guide
    assert selectors.versions_in_force(on_date=TODAY).filter(item__implementation_code="EX0001").count() == 1


def test_a_broken_workbook_changes_nothing_and_names_every_bad_row(catalog):
    workbook = _workbook(excel.export_workbook(items=Item.objects.all(), on_date=TODAY))
    items = workbook["事项"]
    items["O2"] = 30  # promised above statutory (20)
    items["F3"] = "许可证"  # not an item type
    items.append(["EX0003", "0100000003", "新办", "不存在的局", "测试"] + [""] * 25)
    workbook["申请材料"].append(["NOPE", "申请书", "", 1, 0, "必要", "纸质", "申请人自备", "", ""])
    workbook["收费项目"]["I2"] = ""  # fee without a basis
    versions_before = ItemVersion.objects.count()
    with pytest.raises(excel.ImportFailed) as excinfo:
        excel.import_workbook(_upload(workbook), user=catalog["office"].user, now=NOW, today=TODAY)
    problems = [(p.sheet, p.row, p.reason) for p in excinfo.value.problems]
    assert (
        "事项",
        3,
        "事项类型：“许可证”不是可选值（行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力、公共服务、年检年审、便民服务）",
    ) in problems
    assert any(
        sheet == "事项" and row == 4 and "找不到部门“不存在的局”" in reason for sheet, row, reason in problems
    )
    assert any(sheet == "申请材料" and "NOPE" in reason for sheet, _row, reason in problems)
    assert any(
        sheet == "事项" and row == 2 and "不得超过法定办结时限" in reason for sheet, row, reason in problems
    )
    assert ItemVersion.objects.count() == versions_before
    assert not Item.objects.filter(implementation_code="EX0003").exists()


def test_import_page_lists_problems_and_only_the_office_may_import(catalog):
    client = Client()
    client.force_login(catalog["office"].user)
    bad = io.BytesIO(b"not a workbook")
    bad.name = "list.xlsx"
    response = client.post("/office/catalog/import/", {"workbook": bad})
    assert response.status_code == 200 and "不是有效的 Excel 工作簿" in response.content.decode()
    response = client.get("/office/catalog/export.xlsx")
    assert response.status_code == 200
    workbook = _workbook(response.content)
    workbook["事项"]["O2"] = 30
    response = client.post("/office/catalog/import/", {"workbook": _upload(workbook)})
    html = response.content.decode()
    assert "导入失败" in html and "不得超过法定办结时限" in html
    workbook["事项"]["O2"] = 4
    response = client.post("/office/catalog/import/", {"workbook": _upload(workbook)})
    assert response.status_code == 302
    reviewer = Client()
    reviewer.force_login(catalog["reviewer"].user)
    assert reviewer.post("/office/catalog/import/", {"workbook": _upload(workbook)}).status_code == 403


@pytest.mark.parametrize(
    ("cell", "value", "fragment"),
    [
        ("O2", "NaN", "应为0到999之间的整数"),
        ("O2", "Infinity", "应为0到999之间的整数"),
        ("O2", "1e400", "应为0到999之间的整数"),
        ("V2", 12, "应为0到9之间的整数"),
        ("E2", "长" * 101, "不能超过100个字"),
    ],
)
def test_bad_numbers_and_long_texts_are_row_problems_not_errors(catalog, cell, value, fragment):
    workbook = _workbook(
        excel.export_workbook(items=Item.objects.filter(implementation_code="EX0001"), on_date=TODAY)
    )
    workbook["事项"][cell] = value
    with pytest.raises(excel.ImportFailed) as excinfo:
        excel.import_workbook(_upload(workbook), user=catalog["office"].user, now=NOW, today=TODAY)
    assert any(fragment in problem.reason and problem.row == 2 for problem in excinfo.value.problems)


def test_bad_fee_amounts_and_an_empty_sheet_are_row_problems(catalog):
    workbook = _workbook(
        excel.export_workbook(items=Item.objects.filter(implementation_code="EX0002"), on_date=TODAY)
    )
    workbook["收费项目"]["H2"] = "其余 NaN"
    workbook["收费项目"].append(["EX0002", "另一项", "定额", "NaN", "", None, None, "", "依据", "否", ""])
    workbook.remove(workbook["申请材料"])
    workbook.create_sheet("申请材料")
    with pytest.raises(excel.ImportFailed) as excinfo:
        excel.import_workbook(_upload(workbook), user=catalog["office"].user, now=NOW, today=TODAY)
    reasons = [(problem.sheet, problem.row, problem.reason) for problem in excinfo.value.problems]
    assert ("收费项目", 2, "分档标准：第1行的上限或金额不是数字。") in reasons
    assert any(sheet == "收费项目" and row == 3 and "不是金额" in reason for sheet, row, reason in reasons)
    assert any(sheet == "申请材料" and "缺少列" in reason for sheet, _row, reason in reasons)
