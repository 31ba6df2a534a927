"""The fee console's pages render their parts where they belong (server-side, no browser)."""

import re

import pytest

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
