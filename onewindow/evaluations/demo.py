"""What `onewindow demo` loads for 好差评 (idempotent): six months of ratings at the windows'
tablets and online, so the public satisfaction page and the office's figures have months to
show; a bad review at a tablet today (its rectification open), one past its deadline (red on the
supervision board), and one rectified and visited, waiting for the office to verify. A tablet
shows its window only once paired: `evaluations_demo_tablet_path` is the demo's link (the office
copies every window's from its 好差评 page)."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from onewindow.cases.models import Case, CaseStatus
from onewindow.evaluations import services
from onewindow.evaluations.models import Channel, Rating, Rectification
from onewindow.org.models import Role, Site, Staff, Window, WindowPost

#: Levels in turn (mostly good, as in the seeds' halls: about 97 % satisfied).
PATTERN = (1, 1, 2, 1, 2, 1, 3, 1, 2, 1, 1, 2, 1, 1, 2, 1, 3, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 4)
GOOD_REASONS = {1: ("FAST", "MANNER"), 2: ("CLEAR",), 3: ("WAIT",), 4: ("RUNS",)}


def evaluations_demo_load(*, county: Site, now: datetime) -> int:
    """Returns how many ratings were written (0 when the demo already has ratings)."""
    if Rating.objects.filter(site=county).exists():
        return 0
    posts = list(
        WindowPost.objects.filter(window__site=county, active_to_date__isnull=True, post="A")
        .select_related("window", "staff__user")
        .order_by("window__number")
    )
    written = 0
    # the tablets: a few services a week at each staffed window, over six months
    for index in range(150):
        post = posts[index % len(posts)] if posts else None
        if post is None or not post.window.is_active:
            continue
        moment = now - timedelta(days=2 + index * 180 // 150, hours=index % 5)
        service = services.service_push(user=post.staff.user, window=post.window, at=moment)
        level = PATTERN[index % len(PATTERN)]
        if level >= 4:
            level = 2  # the bad reviews are the recent ones below, each with its story
        services.rating_at_window(
            token=service.token,
            given=services.RatingInput(level=level, reasons=GOOD_REASONS.get(level, ())),
            at=moment + timedelta(minutes=1),
        )
        written += 1
    # online: the finished cases of the demo
    finished = list(
        Case.objects.filter(
            site=county, status__in=(CaseStatus.COMPLETED, CaseStatus.DELIVERED, CaseStatus.REFUSED)
        ).order_by("id")[:12]
    )
    bad = []
    for index, case in enumerate(finished):
        level = 4 if index in (0, 3) else (1 if index % 3 else 2)
        reasons = ("LATE", "RUNS") if level == 4 else GOOD_REASONS.get(level, ())
        rating = services.rating_of_case(
            case=case,
            channel=(Channel.PROGRESS, Channel.QR, Channel.MY_CASES)[index % 3],
            given=services.RatingInput(
                level=level, reasons=reasons, comment="跑了两趟才办好" if level == 4 else ""
            ),
            at=now - timedelta(days=1 + index),
        )
        written += 1
        if rating.is_bad:
            bad.append(rating)
    # one bad review at a tablet today: its rectification is open and green
    if posts:
        post = posts[0]
        service = services.service_push(user=post.staff.user, window=post.window, at=now - timedelta(hours=1))
        services.rating_at_window(
            token=service.token,
            given=services.RatingInput(level=4, reasons=("RUDE",), comment="窗口人员不耐烦"),
            at=now - timedelta(minutes=55),
        )
        written += 1
    _stories(county, bad, now=now)
    return written


def evaluations_demo_tablet_path(*, county: Site, number: str = "4") -> str | None:
    """The path that pairs a browser with the demo's window `number` as its tablet (with the
    device key; open it once), or None when the window is not there."""
    window = Window.objects.filter(site=county, number=number, is_active=True).first()
    if window is None:
        return None
    query = urlencode({"site": county.code, "key": services.tablet_key(window)})
    return f"{reverse('evaluations:tablet', args=[window.number])}?{query}"


def _stories(county: Site, bad: list[Rating], *, now: datetime) -> None:
    """The older bad review is past its deadline (red); the newer one has been rectified and
    visited, waiting for the office's verification."""
    office = Staff.objects.filter(site=county, role_rows__role=Role.CENTER_OFFICE).order_by("id").first()
    if len(bad) >= 1:
        late = bad[-1].rectification
        Rectification.objects.filter(pk=late.pk).update(due_date=timezone.localdate(now) - timedelta(days=2))
    if len(bad) >= 2 and office is not None:
        rectification = bad[0].rectification
        chief = Staff.objects.filter(
            department=rectification.department, role_rows__role=Role.CHIEF_REPRESENTATIVE
        ).first()
        if chief is not None:
            services.rectification_submit(
                user=chief.user,
                rectification=rectification,
                measures="已约谈经办人员，梳理该事项办理流程，实行一次性告知，压缩审核时间。",
                at=now - timedelta(hours=5),
            )
            services.rectification_visit(
                user=office.user,
                rectification=rectification,
                method="PHONE",
                answer="SATISFIED",
                note="申请人表示已理解，对整改结果满意。",
                at=now - timedelta(hours=2),
            )
