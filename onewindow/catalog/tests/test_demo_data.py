"""The demo catalog's YAML files: every file read in order, every item complete, and a malformed file
refused with an error that names it."""

from decimal import Decimal

import pytest
from fontTools.ttLib import TTFont

from onewindow.catalog import themes
from onewindow.catalog.demo_data import (
    DIRECTORY,
    FEE_KEYS,
    ITEM_KEYS,
    MATERIAL_KEYS,
    DemoDataInvalid,
    load_items,
)
from onewindow.common.pdf import BUNDLED_FONT
from onewindow.org.demo import COUNTY_DEPARTMENTS

FILES = sorted(DIRECTORY.glob("*.yaml"))
ITEM = """\
- department: 发改
  name: 企业投资项目备案
  basic_code: '1000001001'
  variant: NONE
  type: '10'
  case_kind: IMMEDIATE
  co_departments: []
  legal_basis: 《企业投资项目核准和备案管理条例》
  conditions: 项目不属于核准目录范围。
  procedure: 在线填报。
  statutory: [0, WORKING_DAYS, 收到全部信息即为备案]
  promised: [0, WORKING_DAYS, '']
  steps:
  - [受理, 0, null]
  service_objects: ['2']
  handling_forms: [WEB]
  online: true
  appointment: true
  visits: 0
  result_name: 企业投资项目备案证明
  faq: []
  keywords: [项目备案]
  themes: [工程建设]
  materials:
  - {name: 营业执照, issuer: 市场监管部门, originals: 0, copies: 0, necessity: REQUIRED, medium: ELECTRONIC, source: SHARED}
  fees: []
"""


def test_every_file_is_read_in_name_order_one_department_each():
    items = load_items()

    assert len(FILES) == 24 and [path.name[:3] for path in FILES] == [f"{n:02d}-" for n in range(1, 25)]
    assert len(items) == 64
    departments = [item["department"] for item in items]
    # One file per department, the departments in the order the demo center lists them.
    order = [short_name for _, short_name in COUNTY_DEPARTMENTS]
    assert list(dict.fromkeys(departments)) == [name for name in order if name in departments]
    assert len(dict.fromkeys(departments)) == len(FILES)


def test_every_item_has_the_keys_and_types_the_demo_loader_reads():
    short_names = {short_name for _, short_name in COUNTY_DEPARTMENTS}

    for item in load_items():
        assert item.keys() == ITEM_KEYS, item["name"]
        # Codes are quoted in YAML; unquoted, 0100001001 would become a number and lose its zero.
        assert isinstance(item["basic_code"], str) and len(item["basic_code"]) == 10, item["name"]
        assert item["basic_code"].startswith(item["type"]) and isinstance(item["type"], str), item["name"]
        assert all(isinstance(code, str) for code in item["service_objects"]), item["name"]
        assert {item["department"], *item["co_departments"]} <= short_names, item["name"]
        assert {owner for _, _, owner in item["steps"]} - {None} <= short_names, item["name"]
        assert set(item["themes"]) <= {*themes.PEOPLE, *themes.COMPANIES}, item["name"]
        for limit in (item["statutory"], item["promised"]):
            assert isinstance(limit[0], int) and limit[1] in {"WORKING_DAYS", "NATURAL_DAYS"}, item["name"]
        assert all(len(pair) == 2 for pair in item["faq"]), item["name"]
        for material in item["materials"]:
            assert material.keys() >= MATERIAL_KEYS, (item["name"], material["name"])
        for fee in item["fees"]:
            assert fee.keys() >= FEE_KEYS, (item["name"], fee["name"])
            amounts = [fee.get("amount"), fee.get("min"), fee.get("max")]
            amounts += [amount for _, amount in fee.get("tiers") or []]
            assert all(isinstance(amount, str) for amount in amounts if amount is not None), fee["name"]
            assert all(Decimal(amount) >= 0 for amount in amounts if amount is not None), fee["name"]


def test_the_characters_of_the_demo_catalog_are_in_the_pdf_font():
    cmap = TTFont(BUNDLED_FONT, lazy=True).getBestCmap()
    missing = {
        (path.name, character)
        for path in FILES
        for character in path.read_text(encoding="utf-8")
        if ord(character) > 0x7F and ord(character) not in cmap
    }
    assert not missing, sorted(missing)


def test_a_directory_without_files_is_refused(tmp_path):
    with pytest.raises(DemoDataInvalid, match="no demo catalog files"):
        load_items(tmp_path)


def test_files_are_read_in_name_order_whatever_the_directory_order(tmp_path):
    (tmp_path / "02-second.yaml").write_text(ITEM.replace("企业投资项目备案\n", "第二\n"), encoding="utf-8")
    (tmp_path / "01-first.yaml").write_text(ITEM, encoding="utf-8")
    (tmp_path / "README.md").write_text("not an item file", encoding="utf-8")

    assert [item["name"] for item in load_items(tmp_path)] == ["企业投资项目备案", "第二"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- department: [发改\n", r"03-broken\.yaml: not valid YAML"),
        ("department: 发改\n", r"03-broken\.yaml: expected a list of items, found dict"),
        ("- 发改\n", r"03-broken\.yaml, item 1: expected a mapping, found str"),
        (
            ITEM + ITEM.replace("  visits: 0\n", ""),
            r"03-broken\.yaml, item 2 \(企业投资项目备案\): missing visits",
        ),
        (ITEM.replace("  visits: 0\n", "  visit: 0\n"), r"item 1 \(企业投资项目备案\): missing visits"),
        (
            ITEM.replace("  fees: []\n", "  fees: []\n  fee: []\n"),
            r"item 1 \(企业投资项目备案\): unknown fee",
        ),
        (ITEM.replace("source: SHARED}", "source: SHARED, note: 共享}"), r"materials 1: unknown note"),
        (
            ITEM.replace("issuer: 市场监管部门, ", ""),
            r"03-broken\.yaml, item 1 .*materials 1: missing issuer",
        ),
        (
            ITEM.replace("  fees: []\n", "  fees: [{name: 工本费}]\n"),
            r"fees 1: missing basis, kind, waivable",
        ),
        (
            ITEM.replace("  fees: []\n", "  fees: 工本费\n"),
            r"item 1 \(企业投资项目备案\): fees must be a list",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_the_file_and_the_item(tmp_path, text, message):
    (tmp_path / "01-good.yaml").write_text(ITEM, encoding="utf-8")
    (tmp_path / "03-broken.yaml").write_text(text, encoding="utf-8")

    with pytest.raises(DemoDataInvalid, match=message):
        load_items(tmp_path)
