"""Gap-free numbering (common.numbering): one counter per series, site and period."""

import pytest
from django.db import transaction

from onewindow.common import numbering

pytestmark = pytest.mark.django_db


def test_each_series_site_and_period_counts_on_its_own(hall):
    county, township = hall["county"], hall["township"]

    with transaction.atomic():
        assert [numbering.next_number(series=numbering.CASE, site=county, period=2026) for _ in range(3)] == [
            1,
            2,
            3,
        ]
        assert numbering.next_number(series=numbering.PAYMENT_NOTICE, site=county, period=2026) == 1
        assert numbering.next_number(series=numbering.CASE, site=township, period=2026) == 1
        assert numbering.next_number(series=numbering.CASE, site=county, period=2027) == 1

    assert numbering.last_number(series=numbering.CASE, site=county, period=2026) == 3
    assert numbering.last_number(series="no-such-series", site=county, period=2026) == 0


def test_a_rolled_back_transaction_gives_its_number_back(hall):
    county = hall["county"]
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.next_number(series=numbering.CASE, site=county, period=2026)
        raise RuntimeError

    with transaction.atomic():
        assert numbering.next_number(series=numbering.CASE, site=county, period=2026) == 1
