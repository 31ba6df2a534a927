"""Personal data shown to people who do not handle it is masked (raters, complainants): the
surname and the last character of a name, a phone's first three and last four digits, an e-mail's
first letter and domain. Those who handle the matter see it whole; the decision is the caller's."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """张晓梅 → 张*梅, 张三 → 张*, a company name keeps its first four characters."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    if len(name) > 4:
        return name[:4] + "*" * min(len(name) - 4, 6)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_person_name(name: str) -> str:
    """A person's name on a public screen: the first and last characters only, however long
    (阿不都热合曼 → 阿****曼, 张晓梅 → 张*梅, 张三 → 张*)."""
    name = (name or "").strip()
    if len(name) <= 2:
        return mask_name(name)
    return name[0] + "*" * min(len(name) - 2, 6) + name[-1]


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; a short number keeps only its last two digits."""
    phone = (phone or "").strip()
    if len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * max(len(phone) - 2, 0) + phone[-2:]


def mask_email(email: str) -> str:
    """zhang@example.cn → z***@example.cn."""
    email = (email or "").strip()
    local, at, domain = email.partition("@")
    if not at:
        return mask_name(email)
    return (local[:1] + "***" if local else "") + "@" + domain


def mask_id_number(number: str) -> str:
    """The first 6 and the last 4 characters, the rest as *: 210283********1234. A number too
    short to keep both is masked but for its last 2 characters."""
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) > 10:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    if len(number) > 2:
        return "*" * (len(number) - 2) + number[-2:]
    return "*" * len(number)
