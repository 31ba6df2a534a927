"""The anomaly checks of electronic supervision (异常检查): each a named rule that finds cases
breaking one of the hall's rules and opens a supervision record with the evidence. A site switches
any of them off in its rules (Policy.disabled_checks)."""

from __future__ import annotations

from onewindow.supervision.models import Cause

#: Every check's code, as a site's rules name them (the causes other than the lights).
CHECK_CODES = tuple(cause.value for cause in Cause if cause not in (Cause.RED, Cause.DELIVERY_LATE))
