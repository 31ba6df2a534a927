from datetime import date

import pytest
from django.core.exceptions import ValidationError

from onewindow.catalog import selectors, services
from onewindow.catalog.diff import version_diff
from onewindow.catalog.models import CaseKind, ItemEvent, ItemVersion
from onewindow.catalog.tests.factories import NOW, content, make_item, publish
from onewindow.common.api import NotAllowed

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 16)
Status = ItemVersion.Status


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_new_item_is_a_draft_not_in_the_guide(hall):
    version = make_item(department=hall["market"], user=hall["reviewer"].user, code="SCJG0001")
    assert version.status == Status.DRAFT and version.number == 1
    assert [m.name for m in version.materials.all()] == ["申请书", "身份证件"]
    assert version.is_for_people and version.is_for_companies
    assert not selectors.versions_in_force(on_date=TODAY).exists()


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"promised_limit": 25}, "promised_limit", "不得超过法定办结时限"),
        ({"promised_unit": "NATURAL_DAYS"}, "promised_unit", "同一计时单位"),
        (
            {"steps": [{"name": "受理", "limit_days": 3}, {"name": "审查", "limit_days": 3}]},
            "steps",
            "超过承诺时限",
        ),
        ({"case_kind": CaseKind.JOINT}, "co_departments", "联办机构"),
        ({"case_kind": CaseKind.IMMEDIATE}, "promised_limit", "即办件"),
        ({"legal_basis": "  "}, "legal_basis", "必填"),
        ({"service_objects": []}, "service_objects", "服务对象"),
        (
            {"fee_items": [{"name": "登记费", "kind": "FIXED", "amount": "80", "legal_basis": ""}]},
            "fee_items",
            "须填写收费依据",
        ),
        (
            {
                "fee_items": [
                    {
                        "name": "登记费",
                        "kind": "FIXED",
                        "amount": "80",
                        "legal_basis": "文件",
                        "is_waivable": True,
                    }
                ]
            },
            "fee_items",
            "减免依据",
        ),
        (
            {
                "fee_items": [
                    {
                        "name": "费",
                        "kind": "RANGE",
                        "amount_min": "300",
                        "amount_max": "100",
                        "legal_basis": "x",
                    }
                ]
            },
            "fee_items",
            "最低不大于最高",
        ),
        (
            {
                "fee_items": [
                    {
                        "name": "费",
                        "kind": "TIERED",
                        "tiers": [{"up_to": 300, "amount": "1"}, {"up_to": 100, "amount": "2"}],
                        "unit": "㎡",
                        "legal_basis": "x",
                    }
                ]
            },
            "fee_items",
            "从小到大",
        ),
        ({"materials": [{"name": "申请书"}, {"name": "申请书"}]}, "materials", "重复"),
    ],
)
def test_invalid_content_is_refused_with_the_field_named(hall, fields, field, fragment):
    with pytest.raises(ValidationError) as excinfo:
        make_item(department=hall["market"], user=hall["reviewer"].user, **fields)
    assert any(fragment in message for message in _errors(excinfo)[field]), _errors(excinfo)


def test_joint_item_cannot_name_its_own_department(hall):
    with pytest.raises(ValidationError) as excinfo:
        make_item(
            department=hall["market"],
            user=hall["office"].user,
            case_kind=CaseKind.JOINT,
            co_departments=[hall["market"]],
        )
    assert "实施部门本身" in _errors(excinfo)["co_departments"][0]
    joint = make_item(
        department=hall["market"],
        user=hall["office"].user,
        case_kind=CaseKind.JOINT,
        co_departments=[hall["housing"]],
    )
    assert list(joint.co_departments.all()) == [hall["housing"]]


def test_implementation_code_is_unique(hall):
    make_item(department=hall["market"], user=hall["office"].user, code="SAME01")
    with pytest.raises(ValidationError) as excinfo:
        make_item(department=hall["housing"], user=hall["office"].user, code="same01")
    assert "已被使用" in _errors(excinfo)["implementation_code"][0]


def test_department_staff_edit_only_their_department(hall):
    with pytest.raises(NotAllowed):
        make_item(department=hall["housing"], user=hall["reviewer"].user)
    for name in ("clerk", "fee", "township_office"):
        with pytest.raises(NotAllowed):
            make_item(department=hall["market"], user=hall[name].user)
    assert make_item(department=hall["market"], user=hall["chief"].user).status == Status.DRAFT


def test_submit_return_fix_approve_publishes_and_keeps_history(hall, office2):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    first = make_item(department=hall["market"], user=reviewer, code="SCJG0002")
    publish(first, submitter=reviewer, approver=office, today=TODAY)

    draft = services.draft_open(item=first.item, user=reviewer, now=NOW)
    assert (draft.number, draft.status) == (2, Status.DRAFT)
    assert services.draft_open(item=first.item, user=office, now=NOW) == draft  # one open draft
    services.draft_save(
        version=draft, content=content(promised_limit=4, name="食品经营许可（新办）"), user=reviewer, now=NOW
    )
    services.version_submit(version=draft, user=reviewer, now=NOW, summary="压缩承诺时限")

    with pytest.raises(NotAllowed):  # the department cannot approve its own item
        services.version_approve(version=draft, user=reviewer, now=NOW, today=TODAY)
    with pytest.raises(ValidationError):
        services.version_return(version=draft, user=office, now=NOW, comment=" ")
    services.version_return(version=draft, user=office, now=NOW, comment="请补充收费依据文号")
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED

    services.draft_save(
        version=draft,
        content=content(promised_limit=4, name="食品经营许可（新办）", keywords="食品 小餐饮"),
        user=reviewer,
        now=NOW,
    )
    services.version_submit(version=draft, user=reviewer, now=NOW)
    services.version_approve(version=draft, user=office, now=NOW, today=TODAY)

    current = selectors.version_in_force(implementation_code="SCJG0002", on_date=TODAY)
    assert (current.number, current.promised_limit, current.name) == (2, 4, "食品经营许可（新办）")
    actions = list(first.item.events.values_list("action", flat=True))
    assert actions == [
        "CREATE",
        "SUBMIT",
        "APPROVE",
        "CREATE",
        "EDIT",
        "SUBMIT",
        "RETURN",
        "EDIT",
        "SUBMIT",
        "APPROVE",
    ]
    assert first.item.events.get(action="RETURN").comment == "请补充收费依据文号"

    fields, rows = version_diff(first, current)
    changed = {change.label: (change.old, change.new) for change in fields}
    assert changed["承诺办结时限"] == ("5 工作日", "4 工作日")
    assert changed["事项名称"] == ("食品经营许可", "食品经营许可（新办）")
    assert changed["关键词"] == ("食品、餐饮、饭店", "食品、小餐饮")
    assert rows == []


def test_an_approved_version_is_never_edited(hall, office2):
    version = make_item(department=hall["market"], user=hall["reviewer"].user)
    publish(version, submitter=hall["reviewer"].user, approver=hall["office"].user, today=TODAY)
    with pytest.raises(services.WrongState):
        services.draft_save(
            version=version, content=content(name="改名"), user=hall["reviewer"].user, now=NOW
        )
    with pytest.raises(services.WrongState):
        services.version_submit(version=version, user=hall["reviewer"].user, now=NOW)
    version.refresh_from_db()
    assert version.name == "食品经营许可"


def test_the_office_does_not_approve_its_own_submission(hall, office2):
    version = make_item(department=hall["market"], user=hall["office"].user)
    services.version_submit(version=version, user=hall["office"].user, now=NOW)
    with pytest.raises(NotAllowed):
        services.version_approve(version=version, user=hall["office"].user, now=NOW, today=TODAY)
    services.version_approve(version=version, user=office2.user, now=NOW, today=TODAY)
    assert selectors.versions_in_force(on_date=TODAY).count() == 1


def test_scheduled_effect_and_withdrawal(hall):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    version = make_item(department=hall["market"], user=reviewer, code="SCHED1")
    with pytest.raises(ValidationError):
        publish(version, submitter=reviewer, approver=office, today=TODAY, effective_date=date(2026, 11, 1))
    services.version_approve(
        version=version, user=office, now=NOW, today=TODAY, effective_date=date(2026, 12, 1)
    )
    assert not selectors.versions_in_force(on_date=date(2026, 11, 30)).exists()
    assert selectors.versions_in_force(on_date=date(2026, 12, 1)).get() == version

    item = version.item
    with pytest.raises(ValidationError) as excinfo:
        services.item_withdraw(
            item=item, user=office, now=NOW, today=TODAY, withdrawal_date=date(2026, 12, 31), reason=""
        )
    assert "取消原因" in _errors(excinfo)["reason"][0]
    services.item_withdraw(
        item=item,
        user=office,
        now=NOW,
        today=TODAY,
        withdrawal_date=date(2026, 12, 31),
        reason="庄政发〔2026〕9号",
    )
    assert selectors.versions_in_force(on_date=date(2026, 12, 30)).get() == version
    assert not selectors.versions_in_force(on_date=date(2026, 12, 31)).exists()
    services.item_withdraw_cancel(item=item, user=office, now=NOW, today=TODAY)
    assert selectors.versions_in_force(on_date=date(2027, 1, 5)).get() == version
    assert list(item.events.values_list("action", flat=True))[-2:] == [
        ItemEvent.Action.WITHDRAW,
        ItemEvent.Action.WITHDRAW_CANCEL,
    ]


def test_discarding_a_draft_keeps_the_published_version(hall):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    version = make_item(department=hall["market"], user=reviewer, code="DISC01")
    with pytest.raises(services.CatalogError):
        services.draft_discard(version=version, user=reviewer, now=NOW)
    publish(version, submitter=reviewer, approver=office, today=TODAY)
    draft = services.draft_open(item=version.item, user=reviewer, now=NOW)
    services.draft_discard(version=draft, user=reviewer, now=NOW)
    assert services.draft_open(item=version.item, user=reviewer, now=NOW).number == 3
    assert selectors.version_in_force(implementation_code="DISC01", on_date=TODAY).number == 1


def test_guide_search_finds_any_part_of_name_or_keywords(hall):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    for code, name, keywords in [
        ("A1", "食品经营许可", "餐饮"),
        ("A2", "结婚登记", "婚姻 领证"),
        ("A3", "小餐饮登记", "食品"),
    ]:
        publish(
            make_item(
                department=hall["market"],
                user=reviewer,
                code=code,
                name=name,
                keywords=keywords,
                result_name="",
            ),
            submitter=reviewer,
            approver=office,
            today=TODAY,
        )

    def names(query, **filters):
        return [v.name for v in selectors.guide_search(on_date=TODAY, query=query, **filters)]

    assert names("食品") == ["食品经营许可", "小餐饮登记"]  # name matches rank first
    assert names("结婚") == ["结婚登记"]
    assert names("经营") == ["食品经营许可"]
    assert names("领证") == ["结婚登记"]
    assert names("餐饮 登记") == ["小餐饮登记"]
    assert names("不存在") == []
    assert len(names("")) == 3
    assert names("", item_type="20") == []


def test_the_highest_approved_version_whose_date_has_come_is_in_force(hall):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    first = make_item(department=hall["market"], user=reviewer, code="ORDER1")
    publish(first, submitter=reviewer, approver=office, today=TODAY)
    numbers = {}
    for effective in (date(2026, 12, 10), date(2026, 12, 1)):  # v2 later, v3 earlier
        draft = services.draft_open(item=first.item, user=reviewer, now=NOW)
        numbers[effective] = publish(
            draft, submitter=reviewer, approver=office, today=TODAY, effective_date=effective
        ).number

    def current(on):
        return selectors.versions_in_force(on_date=on).get(item=first.item).number

    assert current(date(2026, 11, 30)) == 1
    assert current(date(2026, 12, 1)) == numbers[date(2026, 12, 1)] == 3
    assert current(date(2026, 12, 10)) == 3  # version 2 was overtaken before it began
    assert selectors.versions_in_force(on_date=date(2026, 12, 10)).filter(item=first.item).count() == 1


def test_a_withdrawn_item_cannot_be_withdrawn_again(hall):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    version = make_item(department=hall["market"], user=reviewer, code="GONE01")
    publish(version, submitter=reviewer, approver=office, today=TODAY)
    services.item_withdraw(
        item=version.item, user=office, now=NOW, today=TODAY, withdrawal_date=TODAY, reason="文件"
    )
    with pytest.raises(services.CatalogError):
        services.item_withdraw(
            item=version.item,
            user=office,
            now=NOW,
            today=TODAY,
            withdrawal_date=date(2026, 12, 31),
            reason="再次",
        )
    assert not selectors.versions_in_force(on_date=date(2026, 12, 1)).exists()
