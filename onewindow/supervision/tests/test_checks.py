"""The anomaly checks: each finds the cases breaking its rule (built through the services where
the services let it happen, by editing rows where they do not) and stays quiet on a clean case;
the sweep opens one record per anomaly, once, at sites whose rules keep the check on."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from onewindow.cases import services as case_services
from onewindow.cases.models import Case, CaseMaterial, CaseStatus, Extension, Task
from onewindow.cases.services import handling
from onewindow.cases.tests.factories import at, delegate, entries, immediate_item, published_item, receive
from onewindow.catalog.models import FeeItem
from onewindow.fees import services as fee_services
from onewindow.fees.models import NoticeLine
from onewindow.fees.tests.factories import (
    TWO_FEES,
    accepted_case,
    decided_case,
    fee_version,
    fiscal_setup,
    issue,
)
from onewindow.org.models import Delegation
from onewindow.supervision import checks, services
from onewindow.supervision.models import Cause, Record

pytestmark = pytest.mark.django_db

State = CaseMaterial.State

MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)
THURSDAY = date(2026, 11, 19)
FRIDAY = date(2026, 11, 20)
NEXT_MONDAY = date(2026, 11, 23)
NEXT_TUESDAY = date(2026, 11, 24)


def sweep(day: date, hour: int = 8, **options) -> dict[str, int]:
    return checks.anomaly_sweep(at=at(day, hour), open_record=services.record_open, **options)


def keys(anomalies) -> list[tuple[int, str, str]]:
    return [(anomaly.case.pk, anomaly.cause, anomaly.cause_key) for anomaly in anomalies]


def test_every_check_code_has_its_check_in_order():
    assert tuple(checks.CHECKS) == checks.CHECK_CODES
    assert set(checks.CHECK_CODES) == {cause.value for cause in Cause} - {Cause.RED, Cause.DELIVERY_LATE}


# 1. STEP_OVERDUE --------------------------------------------------------------------------------


def running_step(case) -> Task:
    return case.tasks.get(status=Task.Status.ACTIVE)


def test_a_step_past_its_due_date_is_overdue(hall, version):
    case = accepted_case(hall, version, day=MONDAY)
    step = running_step(case)
    assert step.due_date == THURSDAY  # 审查, 3 working days
    anomalies = checks.step_overdue(at=at(FRIDAY))
    assert keys(anomalies) == [(case.pk, Cause.STEP_OVERDUE, str(step.pk))]
    assert anomalies[0].department == hall["market"]
    assert anomalies[0].evidence["due_date"] == "2026-11-19"
    assert "已超过办理期限 2026-11-19" in anomalies[0].summary


def test_a_step_on_time_or_stopped_is_not_overdue(hall, version):
    case = accepted_case(hall, version, day=MONDAY)
    assert checks.step_overdue(at=at(THURSDAY, 17)) == []
    handling.case_suspend(
        case=case,
        user=hall["reviewer"].user,
        at=at(TUESDAY),
        kind="EXPERT_REVIEW",
        reason="专家评审",
        expected_days=9,
    )
    assert checks.step_overdue(at=at(FRIDAY)) == []  # the clocks stop while suspended


# 2. DECISION_OVERDUE ----------------------------------------------------------------------------


def test_no_acceptance_decision_in_5_working_days_is_overdue_once(hall, version):
    case = receive(hall, version, day=MONDAY)
    assert case.decision_due_date == NEXT_MONDAY
    assert keys(checks.decision_overdue(at=at(NEXT_TUESDAY, 7))) == [
        (case.pk, Cause.DECISION_OVERDUE, "2026-11-23")
    ]
    assert sweep(NEXT_TUESDAY, 7)[Cause.DECISION_OVERDUE] == 1
    # the hourly job then accepts it by law: the same breach, the same record
    assert case_services.cases_accept_overdue(at=at(NEXT_TUESDAY, 8)) == [Case.objects.get(pk=case.pk).number]
    deemed = checks.decision_overdue(at=at(NEXT_TUESDAY, 9))
    assert keys(deemed) == [(case.pk, Cause.DECISION_OVERDUE, "2026-11-23")]
    assert deemed[0].evidence["auto_accepted"] is True
    assert sweep(NEXT_TUESDAY, 9)[Cause.DECISION_OVERDUE] == 0
    assert Record.objects.filter(case=case, cause=Cause.DECISION_OVERDUE).count() == 1


def test_a_case_accepted_by_law_is_found_in_its_window_only(hall, version):
    case = receive(hall, version, day=MONDAY)
    case_services.cases_accept_overdue(at=at(NEXT_TUESDAY, 8))
    assert keys(checks.decision_overdue(at=at(NEXT_TUESDAY, 9), since=at(NEXT_TUESDAY, 0))) == [
        (case.pk, Cause.DECISION_OVERDUE, "2026-11-23")
    ]
    assert checks.decision_overdue(at=at(NEXT_TUESDAY, 9), since=at(NEXT_TUESDAY, 9)) == []


def test_a_decision_in_time_or_a_case_awaiting_correction_is_not_overdue(hall, version):
    receive(hall, version, day=MONDAY)  # still within its 5 working days
    accepted_case(hall, version, day=MONDAY)
    waiting = receive(hall, version, day=MONDAY, materials=entries(version, 法定代表人身份证明=State.MISSING))
    case_services.case_correction_notice(case=waiting, user=hall["clerk"].user, at=at(MONDAY, 11))
    assert checks.decision_overdue(at=at(NEXT_MONDAY, 17)) == []
    # the applicant has not come back: the period is the applicant's, not the hall's
    assert Case.objects.get(pk=waiting.pk).status == CaseStatus.CORRECTION
    assert waiting.pk not in {anomaly.case.pk for anomaly in checks.decision_overdue(at=at(NEXT_TUESDAY))}


# 3. CORRECTION_NOT_ONCE -------------------------------------------------------------------------


def corrected_once(hall, version) -> Case:
    case = receive(hall, version, day=MONDAY, materials=entries(version, 法定代表人身份证明=State.MISSING))
    case_services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(MONDAY, 10))
    case_services.case_resubmit(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY, 14),
        materials=entries(version, 法定代表人身份证明=State.RECEIVED),
    )
    return case


def test_a_second_correction_notice_asking_something_new_is_found(hall, version):
    case = corrected_once(hall, version)
    second = case_services.case_correction_notice(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY, 15),
        materials=[
            case_services.MaterialEntry(
                material_id=version.materials.get(name="食品经营许可申请书").pk,
                state=State.DEFECTIVE,
                problem="未签字",
            )
        ],
    )
    anomalies = checks.correction_not_once(at=at(TUESDAY))
    assert keys(anomalies) == [(case.pk, Cause.CORRECTION_NOT_ONCE, str(second.pk))]
    assert anomalies[0].evidence["new_materials"] == ["食品经营许可申请书"]
    assert "第2次补正告知" in anomalies[0].summary


def test_correction_notices_asking_the_same_are_not_found(hall, version):
    case = corrected_once(hall, version)
    case_services.case_correction_notice(
        case=case,
        user=hall["clerk"].user,
        at=at(MONDAY, 15),
        materials=entries(version, 法定代表人身份证明=State.DEFECTIVE),
    )
    assert checks.correction_not_once(at=at(TUESDAY)) == []


# 4. FEE_MISMATCH --------------------------------------------------------------------------------


@pytest.fixture
def billed(hall):
    """A decided case of an item with two fees, billed on Tuesday (80 元 登记费, 证书工本费 0 元)."""
    fiscal_setup(hall)
    case = decided_case(hall, fee_version(hall), day=MONDAY)
    return issue(hall, case, day=TUESDAY)


def test_a_bill_as_the_catalog_gives_it_is_not_found(hall, billed):
    assert billed.lines.count() == 2
    assert checks.fee_mismatch(at=at(TUESDAY, 12), since=at(TUESDAY, 0)) == []


def test_an_amount_other_than_the_catalog_gives_is_found(hall, billed):
    # The services compute every line from the catalog (fees.calculation): a different amount
    # only comes from a row edited by hand or imported, as here.
    line = billed.lines.get(name="登记费")
    NoticeLine.objects.filter(pk=line.pk).update(amount=Decimal("60.00"), amount_due=Decimal("60.00"))
    anomalies = checks.fee_mismatch(at=at(TUESDAY, 12), since=at(TUESDAY, 0))
    assert keys(anomalies) == [(billed.case_id, Cause.FEE_MISMATCH, str(line.pk))]
    assert anomalies[0].evidence["problems"]["amount"]["expected"] == "80.00"
    assert anomalies[0].department == billed.department
    assert "应收 60.00 元，按收费目录应为 80.00 元" in anomalies[0].summary


def test_a_fee_item_of_another_version_or_a_changed_catalog_is_found(hall, billed):
    # Same name and amount, but another item version's fee item (never offered by fee_quote).
    other = published_item(hall, name="其他收费事项", fee_items=TWO_FEES).fee_items.get(name="登记费")
    line = billed.lines.get(name="登记费")
    NoticeLine.objects.filter(pk=line.pk).update(fee_item=other)
    # An approved version's fee items are never edited through the catalog's services.
    tiered = billed.lines.get(name="证书工本费")
    FeeItem.objects.filter(pk=tiered.fee_item_id).update(tiers=[{"up_to": None, "amount": "10.00"}])
    problems = {
        anomaly.cause_key: anomaly.evidence["problems"]
        for anomaly in checks.fee_mismatch(at=at(TUESDAY, 12), since=at(TUESDAY, 0))
    }
    assert set(problems) == {str(line.pk), str(tiered.pk)}
    assert set(problems[str(line.pk)]) == {"version"}
    assert set(problems[str(tiered.pk)]) == {"amount", "snapshot"}  # 10 元 now, and the standard


def test_a_cancelled_bill_or_one_before_the_window_is_not_looked_at(hall, billed):
    NoticeLine.objects.filter(notice=billed).update(name="改过的名称")
    assert len(checks.fee_mismatch(at=at(TUESDAY, 12), since=at(TUESDAY, 0))) == 2
    assert checks.fee_mismatch(at=at(FRIDAY), since=at(THURSDAY)) == []
    fee_services.payment_notice_cancel(
        notice=billed, user=hall["clerk"].user, at=at(TUESDAY, 11), reason="开错"
    )
    assert checks.fee_mismatch(at=at(TUESDAY, 12), since=at(TUESDAY, 0)) == []


# 5. MATERIAL_NOT_LISTED -------------------------------------------------------------------------


def test_materials_of_the_case_version_are_not_found(hall, version):
    case = receive(hall, version, day=MONDAY, materials=entries(version, 法定代表人身份证明=State.MISSING))
    case_services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(MONDAY, 10))
    assert checks.material_not_listed(at=at(TUESDAY), since=at(MONDAY, 0)) == []


def test_a_material_outside_the_case_version_is_found_on_the_checklist_and_the_notice(hall, version):
    # The checklist is copied from the version when the case is received and a correction
    # notice asks only for its lines: a line naming another material is a row edited by hand.
    case = receive(hall, version, day=MONDAY, materials=entries(version, 法定代表人身份证明=State.MISSING))
    notice = case_services.case_correction_notice(case=case, user=hall["clerk"].user, at=at(MONDAY, 10))
    request = notice.requests.get()
    foreign = published_item(
        hall,
        name="房屋租赁登记",
        materials=[
            {"name": "房屋产权证明", "issuer": "不动产登记机构", "original_count": 1, "copy_count": 1}
        ],
    ).materials.get()
    CaseMaterial.objects.filter(pk=request.case_material_id).update(material=foreign, name=foreign.name)
    renamed = case.materials.get(name="经营场所平面图")
    CaseMaterial.objects.filter(pk=renamed.pk).update(name="房屋产权证明")  # asked under another name

    anomalies = checks.material_not_listed(at=at(TUESDAY), since=at(MONDAY, 0))
    assert sorted(keys(anomalies)) == sorted(
        [
            (case.pk, Cause.MATERIAL_NOT_LISTED, f"checklist:{request.case_material_id}"),
            (case.pk, Cause.MATERIAL_NOT_LISTED, f"checklist:{renamed.pk}"),
            (case.pk, Cause.MATERIAL_NOT_LISTED, f"request:{request.pk}"),
        ]
    )
    assert all("房屋产权证明" in anomaly.summary for anomaly in anomalies)
    assert checks.material_not_listed(at=at(TUESDAY), since=at(TUESDAY, 0)) == []  # out of the window


# 6. NO_DELEGATION -------------------------------------------------------------------------------


def test_decisions_under_a_delegation_are_not_found(hall, version):
    decided_case(hall, version, day=MONDAY)  # by the delegated chief representative
    immediate = immediate_item(hall)
    delegate(hall, immediate)
    case = case_services.case_accept(
        case=receive(hall, immediate, user=hall["market_a"].user), user=hall["market_a"].user, at=at(MONDAY)
    )
    # a window clerk of the item's own department decides on the spot under its chief's letter
    case_services.case_decide_immediately(
        case=case, user=hall["market_a"].user, at=at(MONDAY, 10), decision="APPROVED"
    )
    assert Case.objects.get(pk=case.pk).decided_by == hall["market_a"]
    assert checks.no_delegation(at=at(TUESDAY), since=at(MONDAY, 0)) == []


def test_a_decision_nobody_delegated_is_found(hall, version):
    # case_decide refuses anyone without a covering letter: such a decision is only on record
    # when a letter is amended afterwards to end before it, or a row is edited by hand.
    by_reviewer = decided_case(hall, version, day=MONDAY)
    Case.objects.filter(pk=by_reviewer.pk).update(decided_by=hall["reviewer"])
    other = published_item(hall, name="食品生产许可")
    delegate(hall, other)
    letter_ended = decided_case(hall, other, day=MONDAY)
    Delegation.objects.filter(items__item_code=other.item.implementation_code).update(valid_to_date=MONDAY)

    anomalies = checks.no_delegation(at=at(TUESDAY), since=at(MONDAY, 0))
    assert sorted(keys(anomalies)) == sorted(
        [
            (by_reviewer.pk, Cause.NO_DELEGATION, "2026-11-16"),
            (letter_ended.pk, Cause.NO_DELEGATION, "2026-11-16"),
        ]
    )
    evidence = {anomaly.case.pk: anomaly.evidence for anomaly in anomalies}
    assert evidence[by_reviewer.pk]["roles"] == ["DEPARTMENT_REVIEWER"]
    assert evidence[letter_ended.pk]["letters"][0]["valid_to"] == "2026-11-16"
    assert checks.no_delegation(at=at(TUESDAY), since=at(TUESDAY, 0)) == []  # out of the window


# 7. SUSPENSION_OVERRUN --------------------------------------------------------------------------


def suspended(hall, version):
    case = accepted_case(hall, version, day=MONDAY)
    suspension = handling.case_suspend(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), kind="TESTING", reason="送检", expected_days=2
    )
    assert suspension.expected_end_date == THURSDAY
    return case, suspension


def test_a_suspension_past_its_expected_end_is_found_running_and_ended_once(hall, version):
    case, suspension = suspended(hall, version)
    running = checks.suspension_overrun(at=at(FRIDAY))
    assert keys(running) == [(case.pk, Cause.SUSPENSION_OVERRUN, str(suspension.pk))]
    assert "至今尚未结束" in running[0].summary
    assert sweep(FRIDAY)[Cause.SUSPENSION_OVERRUN] == 1

    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(NEXT_MONDAY)
    )
    ended = checks.suspension_overrun(at=at(NEXT_TUESDAY), since=at(NEXT_MONDAY, 0))
    assert keys(ended) == [(case.pk, Cause.SUSPENSION_OVERRUN, str(suspension.pk))]
    assert "实际 2026-11-23 才结束" in ended[0].summary
    assert sweep(NEXT_TUESDAY)[Cause.SUSPENSION_OVERRUN] == 0
    assert Record.objects.filter(cause=Cause.SUSPENSION_OVERRUN).count() == 1


def test_a_suspension_ended_in_time_is_not_found(hall, version):
    case, suspension = suspended(hall, version)
    assert checks.suspension_overrun(at=at(THURSDAY, 17)) == []
    handling.suspension_end(
        case=case, suspension_id=suspension.pk, user=hall["reviewer"].user, at=at(THURSDAY)
    )
    assert checks.suspension_overrun(at=at(NEXT_TUESDAY), since=at(MONDAY, 0)) == []


# 8. EXTENSION_UNAPPROVED ------------------------------------------------------------------------


def test_an_extension_approved_by_someone_else_is_not_found(hall, version):
    case = accepted_case(hall, version, day=MONDAY)
    extension = handling.extension_request(
        case=case, user=hall["reviewer"].user, at=at(TUESDAY), reason="需现场核查"
    )
    handling.extension_decide(
        case=case, extension_id=extension.pk, user=hall["chief"].user, at=at(TUESDAY, 11), approve=True
    )
    assert Case.objects.get(pk=case.pk).extended_days == 10
    assert checks.extension_unapproved(at=at(FRIDAY), since=at(MONDAY, 0)) == []


def test_days_without_approval_and_a_self_approved_extension_are_found(hall, version):
    # Case.extended_days is written only by an approval: days beyond it are a row edited by hand.
    unapproved = accepted_case(hall, version, day=MONDAY)
    Case.objects.filter(pk=unapproved.pk).update(extended_days=5)
    # A chief representative may ask and approve at once (extension_request(approve=True)).
    self_approved = accepted_case(hall, version, day=MONDAY)
    extension = handling.extension_request(
        case=self_approved, user=hall["chief"].user, at=at(TUESDAY), reason="需现场核查", days=3, approve=True
    )
    assert extension.status == Extension.Status.APPROVED
    anomalies = checks.extension_unapproved(at=at(FRIDAY), since=at(MONDAY, 0))
    assert keys(anomalies) == [
        (unapproved.pk, Cause.EXTENSION_UNAPPROVED, "days"),
        (self_approved.pk, Cause.EXTENSION_UNAPPROVED, str(extension.pk)),
    ]
    assert anomalies[0].evidence == {"extended_days": 5, "approved_days": 0}
    assert "宋首席 申请并自行批准" in anomalies[1].summary


# The sweep --------------------------------------------------------------------------------------


def test_the_sweep_opens_each_record_once(hall, version):
    late = accepted_case(hall, version, day=MONDAY)
    waiting = receive(hall, version, day=MONDAY)
    first = sweep(NEXT_TUESDAY)
    assert first[Cause.STEP_OVERDUE] == 1 and first[Cause.DECISION_OVERDUE] == 1
    assert sum(first.values()) == 2 and set(first) == set(checks.CHECK_CODES)
    assert sweep(NEXT_TUESDAY, 9) == dict.fromkeys(checks.CHECK_CODES, 0)
    records = {record.case_id: record for record in Record.objects.all()}
    assert set(records) == {late.pk, waiting.pk}
    step = records[late.pk]
    assert (step.cause, step.cause_key, step.department, step.status) == (
        Cause.STEP_OVERDUE,
        str(late.tasks.get(name="审查").pk),
        hall["market"],
        Record.Status.OPEN,
    )
    assert step.evidence["due_date"] == "2026-11-19"


def test_a_check_switched_off_by_the_site_rules_stays_quiet(hall, version):
    accepted_case(hall, version, day=MONDAY)
    services.policy_save(
        site=hall["county"],
        user=hall["supervision"].user,
        at=at(MONDAY),
        warn_on_yellow=True,
        warn_on_red=True,
        record_on_red=True,
        explain_working_days=2,
        disabled_checks=[Cause.STEP_OVERDUE],
    )
    assert len(checks.step_overdue(at=at(FRIDAY))) == 1  # still a breach of the rule
    assert sweep(FRIDAY)[Cause.STEP_OVERDUE] == 0
    assert not Record.objects.exists()


def test_the_sweep_runs_the_codes_asked_and_refuses_unknown_ones(hall, version):
    accepted_case(hall, version, day=MONDAY)
    assert sweep(FRIDAY, codes=[Cause.DECISION_OVERDUE]) == {Cause.DECISION_OVERDUE: 0}
    assert not Record.objects.exists()
    with pytest.raises(ValueError):
        sweep(FRIDAY, codes=["NOPE"])
    assert sweep(FRIDAY, codes=[Cause.STEP_OVERDUE], since=at(FRIDAY) - timedelta(days=1)) == {
        Cause.STEP_OVERDUE: 1
    }
