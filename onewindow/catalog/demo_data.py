"""Demo service-item catalog (政务服务事项) of the Zhuanghe county-level government service center.

Sixty-four items of the departments resident at the demo center, modelled on published Liaoning service
guides (办事指南): legal basis (laws and regulations in force, with article numbers where the provision
is well established), acceptance conditions, procedure, statutory and promised time limits, internal
steps, materials and fees. Local fee amounts (road occupation and excavation, construction waste) are
illustrative. No Django imports: the demo seeding code (``catalog/demo.py``) calls ``load_items()``.

The items are YAML files in ``demo_items/``, one per department, read in file-name order (the two-digit
prefix), each a list of item mappings in catalog order. Every item has the keys of ``ITEM_KEYS``;
vocabularies used by every item:

- ``department`` / ``co_departments`` / step owners: department short names of the demo center.
- ``variant``: NEW | CHANGE | RENEWAL | CANCELLATION | NONE (新办/变更/延续/注销/无).
- ``type``: 01 许可, 02 处罚, 03 强制, 04 征收, 05 给付, 06 检查, 07 确认, 08 奖励, 09 裁决, 10 其他,
  20 公共服务, plus the local codes 90 年检 and 91 便民服务. ``basic_code`` is 10 digits: the 2-digit
  type code, a 5-digit main item and a 3-digit sub item (variants of one item share the first 7 digits).
  Codes are quoted strings in YAML (``'01'``), so the leading zero survives.
- ``case_kind``: IMMEDIATE (即办件) | PROMISED (承诺件) | JOINT (联办件) | REPORTED (上报件).
- ``statutory`` / ``promised``: ``[number, WORKING_DAYS | NATURAL_DAYS, note]``; immediate items
  promise 0. ``steps``: ``[name, working-day limit, owner short name or null for the implementing
  department]``, summing to at most the promised number.
- ``service_objects``: GB/T 39046 A.4 codes (1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人,
  5 非法人企业, 6 行政机关, 9 其他组织). ``handling_forms``: WINDOW | WEB | MOBILE | MAIL.
- ``faq``: ``[question, answer]`` pairs; ``keywords`` and ``themes``: lists of words and theme names.
- material ``necessity``: REQUIRED | OPTIONAL | DEFERRABLE (容缺受理); ``medium``: PAPER | ELECTRONIC |
  BOTH; ``source``: APPLICANT | GOVERNMENT | SHARED; ``form``: field labels of a blank application form
  to generate, or null.
- fee ``kind``: FIXED | PER_UNIT (``amount`` per ``unit``) | RANGE (``min``–``max``) | TIERED
  (``tiers`` of ``[upper quantity or null, amount]`` per ``unit``); amounts are quoted decimal strings
  in yuan (``'10.00'``).
"""

from __future__ import annotations

from pathlib import Path

import yaml

DIRECTORY = Path(__file__).resolve().parent / "demo_items"
ITEM_KEYS = frozenset(
    {
        "department",
        "name",
        "basic_code",
        "variant",
        "type",
        "case_kind",
        "co_departments",
        "legal_basis",
        "conditions",
        "procedure",
        "statutory",
        "promised",
        "steps",
        "service_objects",
        "handling_forms",
        "online",
        "appointment",
        "visits",
        "result_name",
        "faq",
        "keywords",
        "themes",
        "materials",
        "fees",
    }
)
MATERIAL_KEYS = frozenset({"name", "issuer", "originals", "copies", "necessity", "medium", "source"})
MATERIAL_OPTIONAL_KEYS = frozenset({"form", "notes", "standard"})
FEE_KEYS = frozenset({"name", "kind", "basis", "waivable"})
FEE_OPTIONAL_KEYS = frozenset({"amount", "unit", "min", "max", "tiers", "waiver_basis"})
# The safe loader (plain YAML types only), in C when PyYAML was built with libyaml: ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DemoDataInvalid(ValueError):
    """A demo catalog file that is not valid YAML or not a list of complete items; names the file."""


def load_items(directory: Path = DIRECTORY) -> list[dict]:
    """The items of every ``*.yaml`` file in `directory`, files in name order, items in file order.

    Raises DemoDataInvalid naming the file (and the item) that is malformed."""
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise DemoDataInvalid(f"{directory}: no demo catalog files (*.yaml)")
    items = []
    for path in paths:
        items.extend(_file_items(path))
    return items


def _file_items(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as stream:  # a stream, so YAML errors name the file and line
            entries = yaml.load(stream, Loader=SAFE_LOADER)  # noqa: S506
    except yaml.YAMLError as error:
        raise DemoDataInvalid(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(entries, list):
        raise DemoDataInvalid(f"{path.name}: expected a list of items, found {type(entries).__name__}")
    for number, entry in enumerate(entries, start=1):
        _check_item(entry, where=f"{path.name}, item {number}")
    return entries


def _check_item(entry: object, *, where: str) -> None:
    if not isinstance(entry, dict):
        raise DemoDataInvalid(f"{where}: expected a mapping, found {type(entry).__name__}")
    where = f"{where} ({entry.get('name', 'no name')})"
    _check_keys(entry, required=ITEM_KEYS, optional=frozenset(), where=where)
    for field, required, optional in (
        ("materials", MATERIAL_KEYS, MATERIAL_OPTIONAL_KEYS),
        ("fees", FEE_KEYS, FEE_OPTIONAL_KEYS),
    ):
        if not isinstance(entry[field], list):
            raise DemoDataInvalid(f"{where}: {field} must be a list")
        for number, row in enumerate(entry[field], start=1):
            if not isinstance(row, dict):
                raise DemoDataInvalid(f"{where}, {field} {number}: expected a mapping")
            _check_keys(row, required=required, optional=optional, where=f"{where}, {field} {number}")


def _check_keys(entry: dict, *, required: frozenset, optional: frozenset, where: str) -> None:
    # Unknown keys are refused too: a misspelt optional key ("note") would silently drop its text.
    missing = sorted(required - entry.keys())
    if missing:
        raise DemoDataInvalid(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(map(str, entry.keys() - required - optional))
    if unknown:
        raise DemoDataInvalid(f"{where}: unknown {', '.join(unknown)}")
