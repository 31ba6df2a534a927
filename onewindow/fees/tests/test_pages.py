"""The fee console's pages render their parts where they belong (server-side, no browser)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.fees.tests.factories import fiscal_setup


@pytest.fixture
def bank(hall):
    return fiscal_setup(hall)


def test_the_reconciliation_page_has_its_title_and_one_mismatch_table(client, hall, bank, seeded_calendar):
    client.force_login(hall["fee"].user)
    page = client.get("/desk/fees/reconciliation/?date=2026-11-17").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith("每日对账 2026-11-17 · ")
    assert "<section" not in title
    assert page.count("差异明细") == 1


def _outstanding_numbers(page: str) -> list[str]:
    table = page[page.index('id="outstanding"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<td class="mono nowrap">(\S+)</td>', table)


def test_the_counter_lists_the_notices_awaiting_payment_newest_first(
    client, hall, bank, seeded_calendar, django_assert_num_queries, monkeypatch
):
    from onewindow.cases.tests.factories import at
    from onewindow.fees import services, views
    from onewindow.fees.models import Payment
    from onewindow.fees.tests.factories import TUESDAY, decided_case, fee_version, issue

    # Given four billed cases: one paid at the bank, one cancelled, two still to pay
    version = fee_version(hall)
    older, paid, cancelled, newer = (
        issue(hall, decided_case(hall, version), hour=hour) for hour in (9, 10, 11, 12)
    )
    services.payment_confirm(
        bank=bank,
        confirmation=services.BankConfirmation(
            notice_number=paid.number, transaction_id="CCB1", amount=paid.total, paid_at=at(TUESDAY, 13)
        ),
        at=at(TUESDAY, 13),
        channel=Payment.Channel.COUNTER,
        user=hall["fee"].user,
    )
    services.payment_notice_cancel(
        notice=cancelled, user=hall["clerk"].user, at=at(TUESDAY, 14), reason="开错"
    )
    client.force_login(hall["fee"].user)
    # When the fee clerk opens the counter, then the two outstanding ones are listed, newest first
    page = client.get("/desk/fees/").content.decode()
    assert _outstanding_numbers(page) == [newer.number, older.number]
    assert "共 2 张" in page
    assert f'href="?number={newer.number}"' in page and ">收款</a>" in page
    # And picking one opens its confirm form
    picked = client.get("/desk/fees/", {"number": older.number}).content.decode()
    assert 'id="confirm"' in picked and f'name="number" value="{older.number}"' in picked
    # And the list pages, with a constant number of queries whatever its length
    monkeypatch.setattr(views, "OUTSTANDING_PAGE_SIZE", 1)
    assert _outstanding_numbers(client.get("/desk/fees/", {"page": 2}).content.decode()) == [older.number]
    monkeypatch.setattr(views, "OUTSTANDING_PAGE_SIZE", 20)
    with CaptureQueriesContext(connection) as two:
        client.get("/desk/fees/")
    issue(hall, decided_case(hall, version), hour=15)
    with django_assert_num_queries(len(two.captured_queries)):
        page = client.get("/desk/fees/").content.decode()
    assert len(_outstanding_numbers(page)) == 3


def test_a_township_office_does_not_see_the_county_notices(client, hall, bank, seeded_calendar):
    from onewindow.fees.tests.factories import decided_case, fee_version, issue

    issue(hall, decided_case(hall, fee_version(hall)))
    client.force_login(hall["township_office"].user)
    page = client.get("/desk/fees/").content.decode()
    assert _outstanding_numbers(page) == [] and "没有待缴款的通知书。" in page
