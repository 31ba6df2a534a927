"""Ratings through the services: the tablet (一次一评), online (一事一评 and its one follow-up),
the default after 7 days, the SMS invitation, the satisfaction formula."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases.models import CaseStatus
from onewindow.cases.services import site_code
from onewindow.cases.tests.factories import at, company, receive
from onewindow.common.api import DomainError, NotAllowed
from onewindow.evaluations import selectors, services
from onewindow.evaluations.models import Channel, Invitation, Level, Rating, Rectification, Service
from onewindow.fees.tests.factories import MONDAY, TUESDAY
from onewindow.notifications.models import Notification
from onewindow.org.models import DutyAssignment

RatingInput = services.RatingInput


def push(hall, *, case=None, window=0, day=TUESDAY, hour=10, who="market_a"):
    return services.service_push(
        user=hall[who].user, window=hall["windows"][window], case=case, at=at(day, hour, 0)
    )


def test_a_service_at_the_window_is_rated_once_on_its_tablet(hall, finished):
    service = push(hall, case=finished, window=1)
    assert services.waiting_service(hall["windows"][1], at=at(TUESDAY, 10, 2)) == service
    rating = services.rating_at_window(
        token=service.token, given=RatingInput(level=1, reasons=("FAST",)), at=at(TUESDAY, 10, 3)
    )
    assert (rating.level, rating.level_label, rating.reason_labels) == (1, "非常满意", "办事效率高")
    assert (rating.case, rating.window, rating.staff, rating.department) == (
        finished,
        hall["windows"][1],
        hall["market_a"],
        hall["market"],
    )
    assert rating.channel == Channel.TABLET and not rating.is_bad
    with pytest.raises(DomainError):  # 一次一评: the same service again
        services.rating_at_window(token=service.token, given=RatingInput(level=5), at=at(TUESDAY, 10, 4))
    assert services.waiting_service(hall["windows"][1], at=at(TUESDAY, 10, 5)) is None
    assert Rating.objects.count() == 1


def test_the_next_push_lets_the_waiting_one_expire_and_a_stale_one_is_not_asked_about(hall):
    first = push(hall)
    second = push(hall, hour=11)
    first.refresh_from_db()
    assert first.status == Service.Status.EXPIRED and second.status == Service.Status.WAITING
    assert services.waiting_service(hall["windows"][0], at=at(TUESDAY, 11, 11)) is None  # > 10 minutes
    with pytest.raises(DomainError):
        services.rating_at_window(token=second.token, given=RatingInput(level=2), at=at(TUESDAY, 11, 30))
    assert not Rating.objects.exists()


def test_only_window_staff_push_to_their_own_sites_windows(hall):
    with pytest.raises(NotAllowed):
        services.service_push(user=hall["office"].user, window=hall["windows"][0], at=at(TUESDAY, 10))
    with pytest.raises(NotAllowed):
        services.service_push(user=hall["township_clerk"].user, window=hall["windows"][0], at=at(TUESDAY, 10))
    assert not Service.objects.exists()


def test_bad_input_is_refused_and_nothing_is_written(hall):
    service = push(hall)
    for given in (
        RatingInput(level=9),
        RatingInput(level=1, reasons=("RUDE",)),
        RatingInput(level=3, comment="长" * 501),
    ):
        with pytest.raises(ValidationError):
            services.rating_at_window(token=service.token, given=given, at=at(TUESDAY, 10, 1))
    with pytest.raises(DomainError):
        services.rating_at_window(token="forged", given=RatingInput(level=1), at=at(TUESDAY, 10, 1))
    assert not Rating.objects.exists()


def test_a_bad_review_opens_a_numbered_rectification_due_in_five_working_days(hall, finished):
    service = push(hall, case=finished, window=1)
    rating = services.rating_at_window(
        token=service.token,
        given=RatingInput(level=4, reasons=("RUDE", "RUNS"), comment="跑了三趟"),
        at=at(TUESDAY, 10, 1),
    )
    rectification = rating.rectification
    assert rating.is_bad and rectification.status == Rectification.Status.OPEN
    assert rectification.number == f"{site_code(hall['county'])}差评整改〔2026〕1号"
    assert rectification.department == hall["market"]
    assert rectification.due_date == date(2026, 11, 24)  # Tuesday + 5 working days
    told = set(Notification.objects.filter(channel="IN_APP").values_list("user_id", flat=True))
    assert {hall["chief"].user_id, hall["office"].user_id} <= told


def test_online_a_finished_case_is_rated_once_and_followed_up_once(hall, finished):
    # the clerk who received it sat at window 1 that day: the rating is attached to both
    DutyAssignment.objects.create(
        window=hall["windows"][0],
        duty_date=finished.received_date,
        staff=finished.received_by,
        source="A",
        assigned_at=at(MONDAY, 8),
    )
    first = services.rating_of_case(
        case=finished,
        channel=Channel.PROGRESS,
        given=RatingInput(level=4, reasons=("LATE",)),
        at=at(TUESDAY, 9),
    )
    follow = services.rating_of_case(
        case=finished, channel=Channel.MY_CASES, given=RatingInput(level=2), at=at(TUESDAY, 12)
    )
    first.refresh_from_db()
    assert follow.follow_up_of == first and not first.is_current and follow.is_current
    assert (first.staff, first.window, first.department) == (
        finished.received_by,
        hall["windows"][0],
        hall["market"],
    )
    assert services.case_rating(finished) == follow
    with pytest.raises(DomainError):  # a third time
        services.rating_of_case(
            case=finished, channel=Channel.PROGRESS, given=RatingInput(level=1), at=at(TUESDAY, 13)
        )
    assert Rating.objects.filter(case=finished).count() == 2


def test_a_case_still_in_handling_cannot_be_rated_online(hall, version):
    case = receive(hall, version, day=MONDAY, applicant=company())
    assert case.status == CaseStatus.RECEIVED
    with pytest.raises(DomainError):
        services.rating_of_case(
            case=case, channel=Channel.PROGRESS, given=RatingInput(level=1), at=at(TUESDAY, 9)
        )


def test_an_unrated_case_counts_as_basic_after_seven_days_and_the_applicant_may_still_follow_up(
    hall, finished, settings
):
    assert services.ratings_default(at=at(date(2026, 11, 22), 9)) == 0  # six days after the decision
    assert services.ratings_default(at=at(date(2026, 11, 23), 9)) == 1
    assert services.ratings_default(at=at(date(2026, 11, 23), 10)) == 0  # run again: nothing twice
    default = Rating.objects.get(case=finished)
    assert default.staff == finished.received_by and default.window is None  # not on the roster that day
    assert (default.level, default.level_label, default.is_default, default.channel) == (
        3,
        "基本满意",
        True,
        Channel.DEFAULT,
    )
    follow = services.rating_of_case(
        case=finished, channel=Channel.SMS, given=RatingInput(level=1), at=at(date(2026, 11, 24), 9)
    )
    assert follow.follow_up_of == default
    settings.ONEWINDOW_RATING_DEFAULT_DAYS = 0  # a province without the rule


def test_the_default_can_be_switched_off(hall, finished, settings):
    settings.ONEWINDOW_RATING_DEFAULT_DAYS = 0
    assert services.ratings_default(at=at(date(2026, 12, 1), 9)) == 0
    assert not Rating.objects.exists()


def test_the_applicant_is_invited_by_sms_once_and_the_signed_link_names_the_case(hall, finished):
    assert services.invitations_send(at=at(TUESDAY, 9)) == 1
    assert services.invitations_send(at=at(TUESDAY, 10)) == 0
    sms = Notification.objects.get(channel="SMS", case=finished, subject="请评价")
    assert sms.address == finished.contact_phone and "/rate/" in sms.body
    token = sms.body.rsplit("/rate/", 1)[1].rstrip("/")
    assert services.case_for_rate_link(token) == finished
    assert services.case_for_rate_link(token[:-2] + "xx") is None
    assert Invitation.objects.count() == 1


def test_satisfaction_follows_the_seed_formula_with_upheld_appeals_left_out(hall, version, when):
    """10 counted ratings, 3 bad → 70.0 %; a follow-up replaces its first word; an upheld appeal
    takes a bad review out of both counts."""
    from onewindow.fees.tests.factories import decided_case

    levels = [1, 1, 2, 2, 3, 3, 2, 4, 5, 4]
    ratings = []
    for index, level in enumerate(levels):
        case = decided_case(hall, version, day=MONDAY)
        ratings.append(
            services.rating_of_case(
                case=case, channel=Channel.PROGRESS, given=RatingInput(level=level), at=at(TUESDAY, 9, index)
            )
        )
    figures = selectors.satisfaction_of(Rating.objects.all())
    assert (figures.total, figures.bad, str(figures.rate)) == (10, 3, "70.0")
    # the applicant of a bad one follows up satisfied: 2 bad of 10
    services.rating_of_case(
        case=ratings[-1].case, channel=Channel.PROGRESS, given=RatingInput(level=2), at=at(TUESDAY, 12)
    )
    figures = selectors.satisfaction_of(Rating.objects.all())
    assert (figures.total, figures.bad, str(figures.rate)) == (10, 2, "80.0")
    # the department appeals another bad one and the office upholds it: 1 bad of 9
    appeal = services.appeal_file(
        user=hall["chief"].user,
        rating=ratings[-2],
        ground="MALICIOUS",
        reason="评价人并非本件申请人，系恶意差评。",
        at=at(TUESDAY, 14),
    )
    services.appeal_decide(
        user=hall["office"].user, appeal=appeal, uphold=True, note="经核实，申诉成立", at=at(TUESDAY, 15)
    )
    figures = selectors.satisfaction_of(Rating.objects.all())
    assert (figures.total, figures.bad, str(figures.rate)) == (9, 1, "88.9")
    assert Rating.objects.count() == 11  # nothing deleted
    rows = selectors.monthly_satisfaction(site=None, first=date(2026, 11, 1), last=date(2026, 11, 30))
    assert [(row["department"], row["satisfaction"].total, row["satisfaction"].bad) for row in rows] == [
        ("市场监督管理局", 9, 1)
    ]


def test_the_clerk_on_duty_is_found_for_the_tablet(hall):
    DutyAssignment.objects.create(
        window=hall["windows"][1],
        duty_date=TUESDAY,
        staff=hall["market_b"],
        source="B",
        assigned_at=at(TUESDAY, 8),
    )
    assert selectors.on_duty(hall["windows"][1], on_date=TUESDAY) == hall["market_b"]
    assert services.on_duty_window(hall["market_b"], TUESDAY) == hall["windows"][1]
    # a day the roster has not reached: the window's A post
    assert selectors.on_duty(hall["windows"][1], on_date=TUESDAY + timedelta(days=1)) == hall["market_a"]


def test_levels_store_code_and_label():
    assert [(level.value, level.label) for level in Level] == [
        (1, "非常满意"),
        (2, "满意"),
        (3, "基本满意"),
        (4, "不满意"),
        (5, "非常不满意"),
    ]


def test_rectifications_at_two_sites_are_numbered_each_with_its_site_code(hall, finished):
    county = services.rating_at_window(
        token=push(hall, case=finished, window=1).token,
        given=RatingInput(level=4, reasons=("RUDE",)),
        at=at(TUESDAY, 10, 1),
    )
    township_service = services.service_push(
        user=hall["township_clerk"].user, window=hall["township_window"], at=at(TUESDAY, 10)
    )
    township = services.rating_at_window(
        token=township_service.token, given=RatingInput(level=5, reasons=("ABSENT",)), at=at(TUESDAY, 10, 2)
    )
    assert county.rectification.number == f"{site_code(hall['county'])}差评整改〔2026〕1号"
    assert township.rectification.number == f"{site_code(hall['township'])}差评整改〔2026〕1号"
    assert Rectification.objects.count() == 2


def test_a_default_written_while_the_applicant_rates_becomes_what_they_follow_up(hall, finished, monkeypatch):
    """The 7-day job writes its default between the applicant's read and insert: no error, no
    lost word; the applicant's rating is the follow-up and counts."""
    real_counter = services.case_counter
    day = date(2026, 11, 23)

    def the_job_runs_meanwhile(case):
        monkeypatch.setattr(services, "case_counter", real_counter)
        assert services.ratings_default(at=at(day, 9)) == 1
        return real_counter(case)

    monkeypatch.setattr(services, "case_counter", the_job_runs_meanwhile)
    rating = services.rating_of_case(
        case=finished, channel=Channel.SMS, given=RatingInput(level=1), at=at(day, 9, 1)
    )
    default = Rating.objects.get(case=finished, is_default=True)
    assert rating.follow_up_of == default and rating.is_current and rating.level == 1
    default.refresh_from_db()
    assert not default.is_current
    assert services.case_rating(finished) == rating


def test_the_sms_link_carries_no_query_code_and_the_links_already_sent_still_work(hall, finished):
    import base64
    import json

    from django.core import signing

    token = services.rate_link_token(finished)
    payload = token.split(":")[0]
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert decoded["case"] == finished.pk and "code" not in decoded
    assert finished.query_code not in json.dumps(decoded)
    assert services.case_for_rate_link(token) == finished
    # a new query code makes the link invalid
    finished.query_code = f"{(int(finished.query_code) + 1) % 10**6:06d}"
    finished.save(update_fields=["query_code"])
    assert services.case_for_rate_link(token) is None
    # a link sent before (the code itself, signed) opens its case until it expires
    earlier = signing.dumps({"case": finished.pk, "code": finished.query_code}, salt="evaluations.rate-link")
    assert services.case_for_rate_link(earlier) == finished
    forged = signing.dumps({"case": finished.pk, "check": "0" * 20}, salt="evaluations.rate-link")
    assert services.case_for_rate_link(forged) is None
