import pytest

from onewindow.common.privacy import mask_email, mask_name, mask_phone


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张晓梅", "张*梅"),
        ("张三", "张*"),
        ("欧阳晓梅", "欧**梅"),
        ("大连某某建筑有限公司", "大连某某******"),
        ("", ""),
    ],
)
def test_names_keep_the_surname(name, masked):
    assert mask_name(name) == masked


def test_phones_and_emails_keep_enough_to_recognise():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0411-8888") == "041**8888"
    assert mask_phone("12") == "12"
    assert mask_email("zhang@example.cn") == "z***@example.cn"
