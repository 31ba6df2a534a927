"""The rating scale as data: the reasons a rater may tick at each level (a fixed list, so the
figures can count them), and the satisfaction rate of the seeds (pure, no database).

satisfaction = ratings that are not bad ÷ all ratings (DOMAIN §9), counting each service or case
once by its current rating (a follow-up replaces the first word) and leaving out the bad reviews
whose appeal was upheld (they stay on record, out of the figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from onewindow.evaluations.models import BAD_LEVELS, Level

#: Reasons by level group, code → label. Codes are stable (they go to the provincial platform).
GOOD_REASONS = {
    "FAST": _("办事效率高"),
    "ONCE": _("一次办成"),
    "MANNER": _("服务热情周到"),
    "CLEAR": _("指引清楚、告知明白"),
    "ONLINE": _("网上办、少跑腿"),
}
BASIC_REASONS = {
    "WAIT": _("等候时间较长"),
    "SLOW": _("办理速度一般"),
    "MATERIALS": _("材料要求较多"),
    "UNCLEAR": _("指引不够清楚"),
}
BAD_REASONS = {
    "LATE": _("超时办理"),
    "RUDE": _("服务态度差"),
    "RUNS": _("多次跑动"),
    "NOT_ONCE": _("未一次性告知"),
    "EXTRA": _("要求提供清单外材料"),
    "FEES": _("乱收费或收费不清"),
    "ABSENT": _("窗口无人、脱岗"),
    "OTHER": _("其他"),
}


def reasons_for(level: int) -> dict:
    """The reasons that may be ticked with `level`."""
    if level in BAD_LEVELS:
        return BAD_REASONS
    if level == Level.BASIC:
        return BASIC_REASONS
    return GOOD_REASONS


def reasons_of_level(level: int, codes) -> tuple[str, ...]:
    """The codes that belong to `level`'s list, in their order, once each: a form shows every
    level's reasons and a box ticked under a level the rater then left is still sent."""
    if level not in Level.values:
        return ()
    allowed = reasons_for(level)
    return tuple(dict.fromkeys(code for code in codes if code in allowed))


def reason_problems(level: int, codes: list[str]) -> str | None:
    """A message when a code does not belong to the level's list, else None."""
    allowed = reasons_for(level)
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        return str(_("“%(level)s”不能选择这些原因：%(codes)s")) % {
            "level": Level(level).label,
            "codes": "、".join(unknown),
        }
    return None


@dataclass(frozen=True)
class Satisfaction:
    total: int
    bad: int

    @property
    def good(self) -> int:
        return self.total - self.bad

    @property
    def rate(self) -> Decimal | None:
        """Not bad ÷ all, as a percentage with one decimal; None when nothing was rated."""
        if not self.total:
            return None
        return (Decimal(self.good) * 100 / Decimal(self.total)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
