import pytest

from onewindow.common.identifiers import InvalidIdentifier, normalize_credit_code, normalize_id_card_number


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
    assert normalize_id_card_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(InvalidIdentifier, match="校验位错误：末位应为 X，实为 1"):
        normalize_id_card_number("110105194912310021")
    with pytest.raises(InvalidIdentifier, match="出生日期 19490231 不是有效日期"):
        normalize_id_card_number("110105194902310021")
    with pytest.raises(InvalidIdentifier, match="前17位应为数字"):
        normalize_id_card_number("1101051949123100AX")
