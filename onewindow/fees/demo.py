"""Demo fees for `onewindow demo`: the county's fiscal account, the bank counter at window 25, and
two 不动产首次登记 cases decided by the real estate bureau's chief representative:

- one paid yesterday at the bank counter and still to be handed over, with yesterday's bank
  statement imported — it carries one payment the hall never billed, so 每日对账 shows a mismatch;
- one billed today (登记费 80 元 + 证书工本费 for a second book 10 元) and waiting at the bank, so
  its delivery is refused until the fee clerk `fee` confirms the payment.

The bank's API secret is ONEWINDOW_DEMO_BANK_SECRET (default below): demo only.
"""

from __future__ import annotations

import os
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from onewindow.cases import services
from onewindow.cases.demo import demo_version_in_force, id_card_with_check
from onewindow.cases.models import ApplicantKind, Case, Task
from onewindow.cases.services import handling
from onewindow.fees import services as fee_services
from onewindow.fees.models import Bank, FiscalAccount, PaymentNotice
from onewindow.org import services as org_services
from onewindow.org.models import Department, Role, Site, Staff, Window
from onewindow.workcalendar.selectors import working_calendar

BANK_CODE = "ccb-zh"
DEMO_BANK_SECRET = "demo-bank-secret-change-me"  # noqa: S105 - demo only, replaced by the env variable
ITEM_NAME = "不动产首次登记"


def fees_demo_load(*, county: Site, now: datetime) -> int:
    """Load the demo fees once; returns how many notices were created (0 when present)."""
    if Bank.objects.filter(code=BANK_CODE).exists():
        return 0
    FiscalAccount.objects.create(
        site=county,
        payee_name="庄河市财政局（非税收入专户）",
        account_number="2105 0169 8836 0000 0218",
        bank_name="中国建设银行庄河支行",
    )
    bank = Bank.objects.create(
        code=BANK_CODE,
        name="中国建设银行庄河支行",
        site=county,
        window=Window.objects.filter(site=county, number="25").first(),
        api_secret=os.environ.get("ONEWINDOW_DEMO_BANK_SECRET", DEMO_BANK_SECRET),
    )
    estate = Department.objects.get(site=county, short_name="不动产")
    chief = Staff.objects.filter(department=estate, role_rows__role=Role.CHIEF_REPRESENTATIVE).first()
    if chief is None:
        return 0
    local = timezone.localtime(now)
    today = local.date()
    calendar = working_calendar()
    version = demo_version_in_force(county, ITEM_NAME, today)
    org_services.delegation_create(
        chief_representative=chief,
        letter_number="庄不动产授〔2026〕2号",
        signed_by="不动产登记中心主任 吕国庆",
        valid_from_date=today - timedelta(days=60),
        items=[
            org_services.DelegatedItem(
                version.item.implementation_code, version.name, may_decide_on_the_spot=False
            )
        ],
    )
    users = get_user_model().objects
    clerk, fee = users.get(username="clerk"), users.get(username="fee")

    def moment(day, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=local.tzinfo)

    def decided(name: str, body: str, phone: str, accepted_on, decided_on) -> Case:
        applicant = services.Applicant(
            kind=ApplicantKind.PERSON, name=name, id_number=id_card_with_check(body), contact_phone=phone
        )
        case = services.case_receive(
            version=version, applicant=applicant, materials=[], user=clerk, at=moment(accepted_on, 9)
        ).case
        case = services.case_accept(case=case, user=clerk, at=moment(accepted_on, 9, 10))
        while task := case.tasks.filter(
            status=Task.Status.ACTIVE, kind=Task.Kind.STEP, step_kind="REVIEW"
        ).first():
            handling.task_opinion(
                case=case,
                task_id=task.pk,
                user=chief.user,
                at=moment(decided_on, 10),
                verdict="AGREE",
                opinion="权属来源清楚，登记材料齐全。",
            )
        handling.case_decide(
            case=case,
            user=chief.user,
            at=moment(decided_on, 15),
            decision="APPROVED",
            result_name="不动产权证书",
            result_number=f"辽（2026）庄河市不动产权第{case.pk:07d}号",
        )
        return case

    def bill(case: Case, at: datetime, books: int) -> PaymentNotice:
        items = {item.name: item for item in case.version.fee_items.all()}
        choices = [
            fee_services.FeeChoice(fee_item_id=items["不动产登记费（住宅）"].pk, quantity=Decimal(1)),
            fee_services.FeeChoice(fee_item_id=items["不动产权属证书工本费"].pk, quantity=Decimal(books)),
        ]
        notice, _created = fee_services.payment_notice_issue(case=case, user=clerk, at=at, choices=choices)
        return notice

    yesterday = calendar.add(today, -1)
    paid_case = decided("高志刚", "21028319750822114", "13842651234", calendar.add(today, -6), yesterday)
    paid = bill(paid_case, moment(yesterday, 16), 1)
    fee_services.payment_confirm(
        bank=bank,
        confirmation=fee_services.BankConfirmation(
            notice_number=paid.number,
            transaction_id=f"CCB{yesterday:%Y%m%d}0000137",
            amount=paid.total,
            paid_at=moment(yesterday, 16, 20),
        ),
        at=moment(yesterday, 16, 20),
        channel="COUNTER",
        user=fee,
    )
    statement = (
        "交易流水号,缴款通知书号,金额,交易时间,付款人\n"
        f"CCB{yesterday:%Y%m%d}0000137,{paid.number},{paid.total},{yesterday} 16:20:05,高志刚\n"
        f"CCB{yesterday:%Y%m%d}0000152,21028320269999999,50.00,{yesterday} 16:41:30,王某\n"
    )
    fee_services.statement_import(
        bank=bank,
        statement_date=yesterday,
        content=statement.encode(),
        file_name=f"ccb-{yesterday:%Y%m%d}.csv",
        user=fee,
        at=moment(today, 8, 40),
    )
    waiting_case = decided("孙丽娜", "21028319860430225", "13998877665", calendar.add(today, -5), yesterday)
    bill(waiting_case, now, 2)
    return 2
