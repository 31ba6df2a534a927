"""Cases and the catalog items they need, built through the services."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from onewindow.cases import services
from onewindow.cases.models import ApplicantKind, CaseMaterial
from onewindow.catalog.models import CaseKind, Material
from onewindow.catalog.tests.factories import make_item, publish
from onewindow.common.identifiers import id_card_check_character
from onewindow.org import services as org_services
from onewindow.org.services import DelegatedItem
from onewindow.org.tests.factories import credit_code

State = CaseMaterial.State


def id_card(body: str = "21028319850312001") -> str:
    return body + id_card_check_character(body)


SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    """A moment on `day` at the hall's local time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


FOOD_MATERIALS = [
    {"name": "食品经营许可申请书", "issuer": "申请人", "original_count": 1, "copy_count": 0},
    {
        "name": "营业执照",
        "issuer": "市场监管部门",
        "original_count": 0,
        "copy_count": 1,
        "source": Material.Source.SHARED,
    },
    {"name": "法定代表人身份证明", "issuer": "公安机关", "original_count": 1, "copy_count": 1},
    {
        "name": "食品安全管理制度",
        "issuer": "申请人",
        "original_count": 1,
        "copy_count": 0,
        "necessity": Material.Necessity.DEFERRABLE,
    },
    {
        "name": "经营场所平面图",
        "issuer": "申请人",
        "original_count": 1,
        "copy_count": 0,
        "necessity": Material.Necessity.OPTIONAL,
    },
]


def published_item(hall, *, today=date(2026, 11, 2), department=None, **fields):
    """A published item of the market department (食品经营许可 by default: 5 of 20 working days, no fee)."""
    fields.setdefault("materials", FOOD_MATERIALS)
    # 食品经营许可 charges no fee (as in law); tests of fees name their fee items.
    fields.setdefault("fee_items", [])
    version = make_item(department=department or hall["market"], user=hall["reviewer"].user, **fields)
    return publish(version, submitter=hall["reviewer"].user, approver=hall["office"].user, today=today)


def immediate_item(hall, **fields):
    fields = {
        "name": "个体工商户名称变更登记",
        "case_kind": CaseKind.IMMEDIATE,
        "promised_limit": 0,
        "statutory_limit": 15,
        "fee_items": [],
        "steps": [{"name": "受理并决定", "limit_days": 0}],
        "materials": [{"name": "变更登记申请书", "issuer": "申请人", "original_count": 1, "copy_count": 0}],
        **fields,
    }
    return published_item(hall, **fields)


def delegate(hall, version, *, valid_from=date(2026, 1, 1)):
    """The market chief representative's delegation letter covering the item."""
    return org_services.delegation_create(
        chief_representative=hall["chief"],
        letter_number=f"市监授〔2026〕{version.item.pk}号",
        signed_by="李局长",
        valid_from_date=valid_from,
        items=[DelegatedItem(item_code=version.item.implementation_code, item_name=version.name)],
    )


def person(**fields) -> services.Applicant:
    return services.Applicant(
        **{
            "kind": ApplicantKind.PERSON,
            "name": "张晓梅",
            "id_number": id_card(),
            "contact_phone": "13912345678",
            **fields,
        }
    )


def company(**fields) -> services.Applicant:
    return services.Applicant(
        **{
            "kind": ApplicantKind.ORGANISATION,
            "name": "庄河市海味餐饮有限公司",
            "id_number": credit_code(4242),
            "legal_representative": "王海",
            "contact_name": "张晓梅",
            "contact_id_number": id_card(),
            "contact_phone": "13912345678",
            **fields,
        }
    )


def entries(version, **states) -> list[services.MaterialEntry]:
    """Checklist entries by material name: `entries(v, 法定代表人身份证明="MISSING")`."""
    by_name = {material.name: material for material in version.materials.all()}
    return [
        services.MaterialEntry(material_id=by_name[name].pk, state=state) for name, state in states.items()
    ]


def receive(hall, version, *, user=None, day=date(2026, 11, 16), applicant=None, materials=(), **kwargs):
    return services.case_receive(
        version=version,
        applicant=applicant or company(),
        materials=list(materials),
        user=user or hall["clerk"].user,
        at=at(day),
        **kwargs,
    ).case
