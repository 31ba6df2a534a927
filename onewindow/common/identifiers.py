"""Chinese identifiers and their checksums. Pure functions, no Django.

- Unified social credit code 统一社会信用代码 (GB 32100-2015): 18 characters.
- Resident identity card number 公民身份号码 (GB 11643-1999): 18 characters.
"""

import unicodedata
from datetime import date

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CARD_CHECK = "10X98765432"


class InvalidIdentifier(ValueError):
    """The identifier is malformed or its check character is wrong; the message says which."""


def ascii_identifier(value: str) -> str:
    """The identifier as ASCII: digits of any script (full-width １２３, which Chinese input methods
    type, Arabic-Indic …) become 0–9, full-width letters become ASCII (ｘ → x), and every space
    (including the ideographic one) goes. Letters are left in their case."""
    characters = []
    for character in value or "":
        if character.isspace():
            continue
        digit = unicodedata.decimal(character, None)
        characters.append(str(digit) if digit is not None else unicodedata.normalize("NFKC", character))
    return "".join(characters)


def credit_code_check_character(first_seventeen: str) -> str:
    """Return the check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_CHARSET.index(character) * weight
        for character, weight in zip(first_seventeen, _CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    """Return the code upper-cased and stripped, or raise InvalidIdentifier."""
    code = ascii_identifier(value).upper()
    if len(code) != 18:
        raise InvalidIdentifier(f"统一社会信用代码应为18位，当前为{len(code)}位。")
    bad = sorted({character for character in code if character not in CREDIT_CODE_CHARSET})
    if bad:
        raise InvalidIdentifier(f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用 I、O、Z、S、V）。")
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise InvalidIdentifier(f"统一社会信用代码校验位错误：末位应为 {expected}，实为 {code[17]}。")
    return code


def id_card_check_character(first_seventeen: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, _ID_CARD_WEIGHTS, strict=True))
    return _ID_CARD_CHECK[total % 11]


def normalize_id_card_number(value: str, *, today: date) -> str:
    """Return the 18-character identity card number (upper-case X, ASCII digits), or raise
    InvalidIdentifier: wrong length or characters, a birth date that does not exist or is after
    `today`, a wrong check character."""
    number = ascii_identifier(value).upper()
    if len(number) != 18:
        raise InvalidIdentifier(f"身份证号码应为18位，当前为{len(number)}位。")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidIdentifier("身份证号码前17位应为数字，末位为数字或 X。")
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdentifier(f"身份证号码中的出生日期 {number[6:14]} 不是有效日期。") from None
    if birth_date > today:
        raise InvalidIdentifier(f"身份证号码中的出生日期 {number[6:14]} 晚于今天，号码有误。")
    expected = id_card_check_character(number[:17])
    if number[17] != expected:
        raise InvalidIdentifier(f"身份证号码校验位错误：末位应为 {expected}，实为 {number[17]}。")
    return number
