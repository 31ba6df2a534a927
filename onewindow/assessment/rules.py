"""The rules in force at a site: its attendance hours and its assessment scheme, each the site's
own or the nearest site's above it, else the defaults (as supervision's rules are)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from onewindow.assessment.models import AttendanceRule, Scheme
from onewindow.assessment.scoring import DEFAULT_HOURS, Hours, Indicator
from onewindow.complaints.models import Result
from onewindow.org.models import Site
from onewindow.supervision.models import Finding

#: The scheme's weight fields, by indicator.
WEIGHT_FIELDS = {
    Indicator.ON_TIME: "weight_on_time",
    Indicator.EARLY: "weight_early",
    Indicator.SATISFACTION: "weight_satisfaction",
    Indicator.ATTENDANCE: "weight_attendance",
    Indicator.AB_COVERAGE: "weight_ab_coverage",
    Indicator.ON_SITE: "weight_on_site",
}
#: The points a complaint costs, by the investigation's result.
COMPLAINT_FIELDS = {
    Result.UPHELD: "complaint_upheld_points",
    Result.PARTLY_UPHELD: "complaint_partly_points",
}
#: The points a supervision finding costs, by its kind.
FINDING_FIELDS = {
    Finding.Kind.REMINDER: "finding_reminder_points",
    Finding.Kind.WARNING: "finding_warning_points",
    Finding.Kind.CRITICISM: "finding_criticism_points",
    Finding.Kind.REFERRAL: "finding_referral_points",
}
SCHEME_FIELDS = (
    *WEIGHT_FIELDS.values(),
    *COMPLAINT_FIELDS.values(),
    *FINDING_FIELDS.values(),
    "department_share",
)


def _default(name: str):
    return Scheme._meta.get_field(name).default


@dataclass(frozen=True)
class SchemeValues:
    """A scheme as the computation reads it."""

    values: dict[str, object] = field(
        default_factory=lambda: {name: _default(name) for name in SCHEME_FIELDS}
    )
    source_site_id: int | None = None  # the site whose Scheme this is; None: the defaults

    @property
    def weights(self) -> dict[str, int]:
        return {indicator: int(self.values[name]) for indicator, name in WEIGHT_FIELDS.items()}

    @property
    def complaint_points(self) -> dict[str, Decimal]:
        return {result: Decimal(self.values[name]) for result, name in COMPLAINT_FIELDS.items()}

    @property
    def finding_points(self) -> dict[str, Decimal]:
        return {kind: Decimal(self.values[name]) for kind, name in FINDING_FIELDS.items()}

    @property
    def department_share(self) -> int:
        return int(self.values["department_share"])


DEFAULT_SCHEME = SchemeValues()


def schemes_by_path() -> dict[str, Scheme]:
    """Every site's own scheme by site path (a handful of rows)."""
    return {scheme.site.path: scheme for scheme in Scheme.objects.select_related("site")}


def scheme_for(site: Site, *, schemes: dict[str, Scheme] | None = None) -> SchemeValues:
    """The scheme of the nearest site at or above `site` that keeps one, else the defaults."""
    if schemes is None:
        schemes = {
            scheme.site.path: scheme
            for scheme in Scheme.objects.filter(site__path__in=site.lineage_paths).select_related("site")
        }
    for path in site.lineage_paths:
        scheme = schemes.get(path)
        if scheme is not None:
            return SchemeValues(
                values={name: getattr(scheme, name) for name in SCHEME_FIELDS}, source_site_id=scheme.site_id
            )
    return DEFAULT_SCHEME


@dataclass(frozen=True)
class HoursInForce:
    hours: Hours
    source_site_id: int | None = None


def rules_by_path() -> dict[str, AttendanceRule]:
    return {rule.site.path: rule for rule in AttendanceRule.objects.select_related("site")}


def hours_for(site: Site, *, rules: dict[str, AttendanceRule] | None = None) -> HoursInForce:
    """The attendance hours of the nearest site at or above `site` that keeps them, else
    09:00–17:00."""
    if rules is None:
        rules = {
            rule.site.path: rule
            for rule in AttendanceRule.objects.filter(site__path__in=site.lineage_paths).select_related(
                "site"
            )
        }
    for path in site.lineage_paths:
        rule = rules.get(path)
        if rule is not None:
            return HoursInForce(
                Hours(opens=rule.opens_at, closes=rule.closes_at, grace_minutes=rule.grace_minutes),
                rule.site_id,
            )
    return HoursInForce(DEFAULT_HOURS)
