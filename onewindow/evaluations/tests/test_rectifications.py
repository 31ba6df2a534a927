"""A bad review's life: rectified by the department, visited again, verified or returned by the
office; appealed once; every command refused to those not entitled, nothing written."""

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases.tests.factories import at
from onewindow.common.api import DomainError, NotAllowed
from onewindow.evaluations import selectors, services
from onewindow.evaluations.models import Appeal, Channel, Rectification
from onewindow.fees.tests.factories import TUESDAY

WEDNESDAY = TUESDAY.replace(day=18)


@pytest.fixture
def bad(hall, finished):
    rating = services.rating_of_case(
        case=finished,
        channel=Channel.PROGRESS,
        given=services.RatingInput(level=5, reasons=("LATE",)),
        at=at(TUESDAY, 9),
    )
    return rating.rectification


def test_rectified_visited_and_verified(hall, bad):
    chief, office = hall["chief"].user, hall["office"].user
    services.rectification_submit(
        user=chief,
        rectification=bad,
        measures="已约谈经办人，调整审核流程，承诺时限内办结。",
        at=at(TUESDAY, 11),
    )
    services.rectification_visit(
        user=office,
        rectification=bad,
        method="PHONE",
        answer="SATISFIED",
        note="申请人表示认可",
        at=at(TUESDAY, 14),
    )
    done = services.rectification_verify(
        user=office, rectification=bad, accept=True, note="", at=at(TUESDAY, 16)
    )
    assert done.status == Rectification.Status.VERIFIED and done.visit_answer == "SATISFIED"
    assert selectors.rectification_light(done, today=WEDNESDAY) == "grey"


def test_returned_by_the_office_with_a_new_deadline(hall, bad):
    services.rectification_submit(
        user=hall["chief"].user,
        rectification=bad,
        measures="已批评教育经办人员。再无此类问题。",
        at=at(TUESDAY, 11),
    )
    services.rectification_visit(
        user=hall["office"].user,
        rectification=bad,
        method="IN_PERSON",
        answer="DISSATISFIED",
        note="",
        at=at(TUESDAY, 14),
    )
    with pytest.raises(ValidationError):
        services.rectification_verify(
            user=hall["office"].user, rectification=bad, accept=False, note="", at=at(TUESDAY, 16)
        )
    back = services.rectification_verify(
        user=hall["office"].user, rectification=bad, accept=False, note="整改措施不具体", at=at(WEDNESDAY, 9)
    )
    assert back.status == Rectification.Status.OPEN and back.returned_count == 1
    assert back.due_date.isoformat() == "2026-11-25"


def test_late_rectifications_go_red_and_show_on_the_supervision_board(hall, bad, client):
    assert selectors.rectification_light(bad, today=TUESDAY) == "green"
    assert selectors.rectification_light(bad, today=bad.due_date) == "yellow"
    later = bad.due_date.replace(day=bad.due_date.day + 1)
    assert selectors.rectification_light(bad, today=later) == "red"
    from django.test import override_settings

    with override_settings(ONEWINDOW_FROZEN_NOW=at(later, 9)):
        client.force_login(hall["supervision"].user)
        page = client.get("/office/supervision/").content.decode()
    assert "逾期未整改的差评" in page and bad.number in page


def test_only_the_department_and_the_office_act(hall, bad):
    with pytest.raises(NotAllowed):
        services.rectification_submit(
            user=hall["clerk"].user,
            rectification=bad,
            measures="我来反馈一下整改措施内容",
            at=at(TUESDAY, 11),
        )
    with pytest.raises(
        NotAllowed
    ):  # another department's chief would be refused too: a reviewer is not the chief
        services.rectification_submit(
            user=hall["reviewer"].user,
            rectification=bad,
            measures="我来反馈一下整改措施内容",
            at=at(TUESDAY, 11),
        )
    with pytest.raises(DomainError):  # visit before the rectification is reported
        services.rectification_visit(
            user=hall["office"].user,
            rectification=bad,
            method="PHONE",
            answer="SATISFIED",
            note="",
            at=at(TUESDAY, 11),
        )
    services.rectification_submit(
        user=hall["chief"].user,
        rectification=bad,
        measures="已调整审核流程，压缩办理时限。",
        at=at(TUESDAY, 11),
    )
    services.rectification_visit(
        user=hall["office"].user,
        rectification=bad,
        method="PHONE",
        answer="SATISFIED",
        note="",
        at=at(TUESDAY, 12),
    )
    with pytest.raises(NotAllowed):
        services.rectification_verify(
            user=hall["chief"].user, rectification=bad, accept=True, note="", at=at(TUESDAY, 13)
        )
    bad.refresh_from_db()
    assert bad.status == Rectification.Status.VISITED


def test_an_appeal_once_by_the_own_department_decided_by_the_office(hall, bad):
    rating = bad.rating
    with pytest.raises(NotAllowed):
        services.appeal_file(
            user=hall["township_office"].user,
            rating=rating,
            ground="MALICIOUS",
            reason="这不是本中心的差评理由说明",
            at=at(TUESDAY, 10),
        )
    with pytest.raises(ValidationError):
        services.appeal_file(
            user=hall["chief"].user, rating=rating, ground="NOPE", reason="短", at=at(TUESDAY, 10)
        )
    appeal = services.appeal_file(
        user=hall["chief"].user,
        rating=rating,
        ground="MISTAKEN",
        reason="评价人评价的是住建局的窗口服务，评价对象有误。",
        at=at(TUESDAY, 10),
    )
    with pytest.raises(DomainError):
        services.appeal_file(
            user=hall["chief"].user,
            rating=rating,
            ground="MALICIOUS",
            reason="再申诉一次试试看看看看",
            at=at(TUESDAY, 11),
        )
    with pytest.raises(NotAllowed):
        services.appeal_decide(
            user=hall["chief"].user, appeal=appeal, uphold=True, note="自己裁定", at=at(TUESDAY, 12)
        )
    decided = services.appeal_decide(
        user=hall["office"].user, appeal=appeal, uphold=False, note="证据不足，申诉不成立", at=at(TUESDAY, 12)
    )
    assert decided.status == Appeal.Status.REJECTED
    rating.refresh_from_db()
    assert rating.counted  # rejected: the bad review still counts
    assert Appeal.objects.count() == 1


def test_a_good_rating_cannot_be_appealed(hall, finished):
    good = services.rating_of_case(
        case=finished, channel=Channel.PROGRESS, given=services.RatingInput(level=1), at=at(TUESDAY, 9)
    )
    with pytest.raises(DomainError):
        services.appeal_file(
            user=hall["chief"].user,
            rating=good,
            ground="MALICIOUS",
            reason="好评也想申诉一下看看",
            at=at(TUESDAY, 10),
        )


def test_the_return_visit_is_recorded_by_the_center_office_only(hall, bad, client):
    services.rectification_submit(
        user=hall["chief"].user,
        rectification=bad,
        measures="已约谈经办人员，优化审核流程。",
        at=at(TUESDAY, 11),
    )
    with pytest.raises(NotAllowed):  # the department would judge its own rectification
        services.rectification_visit(
            user=hall["chief"].user,
            rectification=bad,
            method="PHONE",
            answer="SATISFIED",
            note="",
            at=at(TUESDAY, 12),
        )
    client.force_login(hall["chief"].user)
    page = client.get(f"/desk/evaluations/rectifications/{bad.pk}/").content.decode()
    assert "记录回访" not in page
    client.force_login(hall["office"].user)
    assert "记录回访" in client.get(f"/desk/evaluations/rectifications/{bad.pk}/").content.decode()
    bad.refresh_from_db()
    assert bad.status == Rectification.Status.SUBMITTED


def test_an_appeal_the_office_filed_is_decided_by_another_of_its_staff(hall, finished, client):
    """The center's own windows have no department: the office answers for their bad reviews and
    appeals them itself; the one who filed may not decide."""
    from onewindow.org.models import Role
    from onewindow.org.tests.factories import make_staff

    service = services.service_push(user=hall["clerk"].user, window=hall["windows"][0], at=at(TUESDAY, 9))
    rating = services.rating_at_window(
        token=service.token,
        given=services.RatingInput(level=5, reasons=("RUDE",)),
        at=at(TUESDAY, 9, 1),
    )
    assert rating.department is None
    appeal = services.appeal_file(
        user=hall["office"].user,
        rating=rating,
        ground="MISTAKEN",
        reason="评价人评价的是隔壁窗口的服务，评价对象有误。",
        at=at(TUESDAY, 10),
    )
    with pytest.raises(NotAllowed):
        services.appeal_decide(
            user=hall["office"].user, appeal=appeal, uphold=True, note="经核实申诉成立", at=at(TUESDAY, 11)
        )
    client.force_login(hall["office"].user)
    page = client.get(f"/desk/evaluations/rectifications/{rating.rectification.pk}/").content.decode()
    assert "申诉成立（不计入统计）" not in page and "须由中心办公室其他人员裁定" in page
    colleague = make_staff(site=hall["county"], roles=[Role.CENTER_OFFICE], full_name="周副主任")
    decided = services.appeal_decide(
        user=colleague.user, appeal=appeal, uphold=True, note="经核实申诉成立", at=at(TUESDAY, 11)
    )
    assert decided.status == Appeal.Status.UPHELD and decided.decided_by == colleague
