"""`onewindow check` (and every server start) refuses hall hours it cannot read, instead of the
first ticket failing."""

from django.conf import settings
from django.core.checks import Error, register

from onewindow.queueing import policy


@register()
def queue_settings_check(app_configs, **kwargs):
    errors = []
    try:
        periods = policy.parse_hours(settings.ONEWINDOW_QUEUE_HOURS)
    except policy.BadHours as error:
        errors.append(
            Error(str(error), hint="ONEWINDOW_QUEUE_HOURS=09:00-12:00,13:30-17:30", id="queueing.E001")
        )
    else:
        if not policy.slots_of_day(periods, minutes=settings.ONEWINDOW_QUEUE_SLOT_MINUTES):
            errors.append(
                Error(
                    "ONEWINDOW_QUEUE_SLOT_MINUTES 比每个办公时段都长，无法预约。",
                    hint="ONEWINDOW_QUEUE_SLOT_MINUTES=30",
                    id="queueing.E002",
                )
            )
    if settings.ONEWINDOW_QUEUE_SLOT_MINUTES <= 0:
        errors.append(Error("ONEWINDOW_QUEUE_SLOT_MINUTES 应为正数。", id="queueing.E003"))
    return errors
