"""common.keyset: pages of a union of arms, each row exactly once, in order; bad cursors refused."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Q

from onewindow.common import keyset
from onewindow.notifications.models import Notification

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def messages():
    """30 messages, three to each minute (ties on the time), SMS and e-mail, half "urgent"."""
    rows = [
        Notification(
            channel=Notification.Channel.SMS if number % 3 else Notification.Channel.EMAIL,
            address=f"addr-{number}",
            subject="urgent" if number % 2 else "routine",
            body="",
            created_at=START + timedelta(minutes=number // 3),
        )
        for number in range(30)
    ]
    return Notification.objects.bulk_create(rows)


def walk(arms, *, ordering, limit, name="messages"):
    """Every page from the first, following the cursors; the pages' ids."""
    pages, cursor = [], None
    while True:
        page = keyset.paginate(arms, ordering=ordering, cursor=cursor, limit=limit, name=name)
        pages.append([row.pk for row in page.rows])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor
        assert len(pages) < 100


def expected(query: Q, ordering):
    return list(Notification.objects.filter(query).order_by(*ordering).values_list("pk", flat=True))


@pytest.mark.parametrize("ordering", [("-created_at", "-id"), ("created_at", "id"), ("-id",)])
@pytest.mark.parametrize("limit", [1, 4, 7, 30, 50])
def test_pages_of_overlapping_arms_cover_every_row_once_in_order(messages, ordering, limit):
    sms = Notification.objects.filter(channel="SMS")
    urgent = Notification.objects.filter(subject="urgent")  # overlaps the SMS arm

    pages = walk([sms, urgent], ordering=ordering, limit=limit)

    rows = [pk for page in pages for pk in page]
    assert rows == expected(Q(channel="SMS") | Q(subject="urgent"), ordering)
    assert all(len(page) == limit for page in pages[:-1])
    assert 0 < len(pages[-1]) <= limit or rows == []


def test_one_arm_and_an_empty_arm(messages):
    email = Notification.objects.filter(channel="EMAIL")
    pages = walk([email, Notification.objects.none()], ordering=("-id",), limit=3)
    assert [pk for page in pages for pk in page] == expected(Q(channel="EMAIL"), ("-id",))
    assert walk(Notification.objects.none(), ordering=("-id",), limit=3) == [[]]


def test_parts_follow_one_another(messages):
    parts = [
        keyset.Part(arms=[Notification.objects.filter(channel="EMAIL")], ordering=("created_at", "id")),
        keyset.Part(arms=[Notification.objects.filter(channel="SMS")], ordering=("-id",)),
    ]
    rows, cursor = [], None
    while True:
        page = keyset.paginate_parts(parts, cursor=cursor, limit=4, name="two")
        rows += [row.pk for row in page.rows]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert rows == expected(Q(channel="EMAIL"), ("created_at", "id")) + expected(Q(channel="SMS"), ("-id",))


def test_a_part_ending_on_the_page_boundary_leads_to_the_next(messages):
    email = Notification.objects.filter(channel="EMAIL")  # 10 rows
    parts = [
        keyset.Part(arms=[email], ordering=("id",)),
        keyset.Part(arms=[Notification.objects.filter(channel="SMS")], ordering=("id",)),
    ]
    first = keyset.paginate_parts(parts, cursor=None, limit=10, name="two")
    second = keyset.paginate_parts(parts, cursor=first.next_cursor, limit=10, name="two")
    assert [row.channel for row in first.rows] == ["EMAIL"] * 10
    assert [row.channel for row in second.rows] == ["SMS"] * 10
    empty_after = [
        keyset.Part(arms=[email], ordering=("id",)),
        keyset.Part(arms=[email.none()], ordering=("id",)),
    ]
    assert keyset.paginate_parts(empty_after, cursor=None, limit=10, name="x").next_cursor is None


@pytest.mark.parametrize(
    "cursor",
    ["nonsense", "a" * 1000, "WzAsWyJpIiwxXV0:1vXyZ:abc", "", None],
)
def test_a_bad_cursor_is_refused(messages, cursor):
    arms = [Notification.objects.all()]
    if not cursor:
        assert keyset.paginate(arms, ordering=("-id",), cursor=cursor, limit=5, name="messages").rows
        return
    with pytest.raises(keyset.BadCursor):
        keyset.paginate(arms, ordering=("-id",), cursor=cursor, limit=5, name="messages")


def test_a_cursor_of_another_list_or_ordering_is_refused(messages):
    arms = [Notification.objects.all()]
    cursor = keyset.paginate(arms, ordering=("-id",), cursor=None, limit=5, name="messages").next_cursor
    with pytest.raises(keyset.BadCursor):
        keyset.paginate(arms, ordering=("-id",), cursor=cursor, limit=5, name="other")
    with pytest.raises(keyset.BadCursor):
        keyset.paginate(arms, ordering=("-created_at", "-id"), cursor=cursor, limit=5, name="messages")
    tampered = cursor[:-3] + ("aaa" if not cursor.endswith("aaa") else "bbb")
    with pytest.raises(keyset.BadCursor):
        keyset.paginate(arms, ordering=("-id",), cursor=tampered, limit=5, name="messages")


def test_after_filter_bounds_the_leading_column():
    """The leading field gets a plain bound, so the database starts its index walk at the cursor."""
    where = keyset.after_filter(("-received_at", "-id"), [START, 7])
    assert where == Q(received_at__lte=START) & (Q(received_at__lt=START) | Q(received_at=START, id__lt=7))
