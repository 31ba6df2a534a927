"""Catalog items built through the services, so every test item passes the same validation."""

import itertools
from datetime import UTC, datetime

from onewindow.catalog import services
from onewindow.catalog.models import CaseKind, FeeItem, Material, Theme

_sequence = itertools.count(1)
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def content(**fields) -> services.VersionContent:
    """Valid content for a promised item (5 of 20 working days), with one material, one fee and
    three steps; keyword arguments replace fields, or rows when named materials/fee_items/steps."""
    rows = {
        "materials": fields.pop(
            "materials",
            [
                {
                    "name": "申请书",
                    "issuer": "申请人",
                    "original_count": 1,
                    "copy_count": 0,
                    "necessity": Material.Necessity.REQUIRED,
                    "medium": Material.Medium.PAPER,
                    "source": Material.Source.APPLICANT,
                },
                {"name": "身份证件", "issuer": "公安机关", "original_count": 1, "copy_count": 1},
            ],
        ),
        "fee_items": fields.pop(
            "fee_items",
            [
                {
                    "name": "工本费",
                    "kind": FeeItem.Kind.FIXED,
                    "amount": "10.00",
                    "unit": "本",
                    "legal_basis": "《关于工本费标准的通知》",
                }
            ],
        ),
        "steps": fields.pop("steps", [{"name": "受理", "limit_days": 1}, {"name": "审查", "limit_days": 3}]),
    }
    co_departments = fields.pop("co_departments", [])
    themes = fields.pop("themes", None)
    base = {
        "name": "食品经营许可",
        "item_type": "01",
        "case_kind": CaseKind.PROMISED,
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "conditions": "1. 有与经营的食品品种相适应的场所。",
        "procedure": "1. 申请\n2. 受理\n3. 审查\n4. 决定",
        "statutory_limit": 20,
        "statutory_unit": "WORKING_DAYS",
        "promised_limit": 5,
        "promised_unit": "WORKING_DAYS",
        "service_objects": ["1", "2"],
        "handling_forms": ["WINDOW", "WEB"],
        "is_online_capable": True,
        "visits_required": 1,
        "result_name": "食品经营许可证",
        "keywords": "食品 餐饮 饭店",
    }
    return services.VersionContent(
        fields=base | fields,
        co_departments=co_departments,
        themes=themes if themes is not None else list(Theme.objects.filter(name="准营准办")),
        **rows,
    )


def make_item(*, department, user, code=None, now=NOW, **fields):
    """A new item with its first draft (not yet approved)."""
    number = next(_sequence)
    return services.item_create(
        department=department,
        basic_code=f"01{number:05d}001",
        implementation_code=code or f"TEST{number:06d}",
        handling_variant="NEW",
        content=content(**fields),
        user=user,
        now=now,
    )


def publish(version, *, submitter, approver, today, effective_date=None):
    """Submit and approve a draft (two different people, as the office requires)."""
    version = services.version_submit(version=version, user=submitter, now=NOW)
    return services.version_approve(
        version=version, user=approver, now=NOW, today=today, effective_date=effective_date
    )
