from datetime import date

import pytest

from onewindow.common.identifiers import (
    InvalidIdentifier,
    id_card_check_character,
    normalize_credit_code,
    normalize_id_card_number,
)

TODAY = date(2026, 12, 4)


def test_a_well_formed_credit_code_passes_and_is_upper_cased():
    assert normalize_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "应为18位，当前为17位"),
        ("91350100M000100Y44", "校验位错误：末位应为 3，实为 4"),
        ("91350100M0001O0Y43", "不允许的字符：O"),
        ("", "应为18位，当前为0位"),
    ],
)
def test_a_wrong_credit_code_says_what_is_wrong(code, message):
    with pytest.raises(InvalidIdentifier, match=message):
        normalize_credit_code(code)


def test_identity_card_checksum_and_birth_date():
    assert normalize_id_card_number("11010519491231002x", today=TODAY) == "11010519491231002X"
    with pytest.raises(InvalidIdentifier, match="校验位错误：末位应为 X，实为 1"):
        normalize_id_card_number("110105194912310021", today=TODAY)
    with pytest.raises(InvalidIdentifier, match="出生日期 19490231 不是有效日期"):
        normalize_id_card_number("110105194902310021", today=TODAY)
    with pytest.raises(InvalidIdentifier, match="前17位应为数字"):
        normalize_id_card_number("1101051949123100AX", today=TODAY)


def test_full_width_and_other_script_digits_become_ascii():
    # 全角 digits and Ｘ, as a Chinese input method types them, with the spaces people put in.
    assert (
        normalize_id_card_number("１１０１０５ １９４９１２３１ ００２ｘ", today=TODAY)
        == "11010519491231002X"
    )
    assert normalize_credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"
    # Arabic-Indic digits are digits too.
    assert normalize_id_card_number("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", today=TODAY) == "11010519491231002X"


def test_a_birth_date_after_today_is_refused():
    born_tomorrow = "11010520261205001"
    number = born_tomorrow + id_card_check_character(born_tomorrow)
    with pytest.raises(InvalidIdentifier, match="出生日期 20261205 晚于今天"):
        normalize_id_card_number(number, today=TODAY)
    assert normalize_id_card_number(number, today=date(2026, 12, 5)) == number
