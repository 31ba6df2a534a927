"""Writing complaints: filing (the public, or the supervision section registering one received by
phone, letter, e-mail, in person or from the 12345 hotline), acceptance or decline, assignment,
the answer, the complainant's rating and review request, and the center office's review decision.

Each command is one transaction: it locks the complaint's row (select_for_update), checks who
acts and the move (workflow.MOVES), writes the complaint, its timeline event and the messages
together. A refused command writes nothing and raises NotAllowed (403), ComplaintError (409) or a
ValidationError naming the field (400).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.models import Case
from onewindow.cases.selectors import case_by_reference
from onewindow.cases.services import site_code
from onewindow.common import numbering
from onewindow.common.api import DomainError, NotAllowed
from onewindow.common.identifiers import ascii_identifier
from onewindow.complaints import conf, permissions, workflow
from onewindow.complaints.models import (
    STAFF_CHANNELS,
    UPHELD_RESULTS,
    Channel,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    Rating,
    Result,
    ReviewOutcome,
    Status,
)
from onewindow.complaints.selectors import investigators_for, rated_this_answer
from onewindow.notifications.models import Notification
from onewindow.notifications.services import Recipient, inbox_send, notifications_send, supervision_section
from onewindow.org.models import Department, Role, Site, Staff, Window
from onewindow.org.selectors import access_for, chief_representative_user_ids
from onewindow.workcalendar.selectors import working_calendar

Action = ComplaintEvent.Action
NotificationChannel = Notification.Channel

#: The gap-free series of complaint numbers, per site and year (common.numbering).
SERIES = "complaint"
#: Query codes: 8 characters without the ones people confuse (0/O, 1/I/L).
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 8

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
MOBILE = re.compile(r"^1[3-9]\d{9}$")

#: What may be attached: documents and images, each recognised by its first bytes too.
ATTACHMENT_TYPES = {
    ".pdf": (b"%PDF",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".docx": (b"PK\x03\x04",),
    ".ofd": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".txt": (),  # plain text: no signature, but no NUL bytes and decodable
}


class ComplaintError(DomainError):
    """The complaint is not in a state that allows the command."""

    code = "complaint_wrong_state"
    status_code = 409


class ReviewAlreadyRequested(ComplaintError):
    code = "review_already_requested"


# Small helpers -----------------------------------------------------------------------------------------


def _local_date(at: datetime):
    return timezone.localdate(at)


def _staff_of(user) -> Staff | None:
    return access_for(user).staff


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("site", "case", "department", "window", "investigator__user", "complainant_user")
        .get(pk=complaint.pk)
    )


def _move(
    complaint: Complaint,
    action: str,
    *,
    at: datetime,
    staff: Staff | None = None,
    by_complainant: bool = False,
    comment: str = "",
    is_public: bool = True,
) -> ComplaintEvent:
    """Check the move, apply its status and append its event (the caller saves the complaint, in
    the same transaction). Raises ComplaintError."""
    after = workflow.next_status(complaint.status, action)
    if after is None:
        raise ComplaintError(
            _("投诉 %(number)s 当前为“%(status)s”，不能%(action)s。")
            % {
                "number": complaint.number,
                "status": complaint.get_status_display(),
                "action": ComplaintEvent.Action(action).label,
            }
        )
    complaint.status = after
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=action,
        at=at,
        staff=staff,
        by_complainant=by_complainant,
        status_after=after,
        comment=comment,
        is_public=is_public,
    )


def _text(value: str | None) -> str:
    return (value or "").strip()


def _office_users(site: Site) -> list[int]:
    """The active center office at `site` and every site above it."""
    return list(
        Staff.objects.filter(
            is_active=True, role_rows__role=Role.CENTER_OFFICE, site__path__in=site.lineage_paths
        ).values_list("user_id", flat=True)
    )


def _tell_complainant(complaint: Complaint, *, subject: str, body: str, at: datetime) -> list[Notification]:
    """The complainant through the outbox: an SMS to a mobile number, an e-mail, and the in-app
    inbox when they filed while logged in. An anonymous complainant has no reply channel."""
    if complaint.is_anonymous:
        return []
    recipients = []
    if MOBILE.match(complaint.complainant_phone or ""):
        recipients.append(Recipient(channel=NotificationChannel.SMS, address=complaint.complainant_phone))
    if complaint.complainant_email:
        recipients.append(Recipient(channel=NotificationChannel.EMAIL, address=complaint.complainant_email))
    if complaint.complainant_user_id:
        recipients.append(
            Recipient(channel=NotificationChannel.IN_APP, user_id=complaint.complainant_user_id)
        )
    if not recipients:
        return []
    return notifications_send(recipients=recipients, subject=subject, body=body, at=at, case=complaint.case)


def _new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _index in range(QUERY_CODE_LENGTH))


def _root_site() -> Site | None:
    return Site.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()


# Attachments ----------------------------------------------------------------------------------------------


def attachment_problem(upload) -> str | None:
    """Why `upload` may not be attached (None when it may): only documents (PDF, Word, OFD, text)
    and images (JPEG, PNG) recognised by their extension and first bytes, of at most
    ONEWINDOW_UPLOAD_MAX_MB, not empty."""
    name = str(getattr(upload, "name", "") or "")
    extension = Path(name).suffix.lower()
    allowed = "、".join(sorted({key.lstrip(".").upper() for key in ATTACHMENT_TYPES}))
    if extension not in ATTACHMENT_TYPES:
        return _("“%(name)s”的格式不能上传：只接受文档和图片（%(allowed)s）。") % {
            "name": name,
            "allowed": allowed,
        }
    size = getattr(upload, "size", 0) or 0
    limit = conf.upload_max_megabytes()
    if size <= 0:
        return _("“%(name)s”是空文件。") % {"name": name}
    if size > limit * 1024 * 1024:
        return _("“%(name)s”超过 %(limit)sMB。") % {"name": name, "limit": limit}
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = ATTACHMENT_TYPES[extension]
    if signatures and not any(head.startswith(signature) for signature in signatures):
        return _("“%(name)s”的内容与其扩展名不符：只接受文档和图片（%(allowed)s）。") % {
            "name": name,
            "allowed": allowed,
        }
    if not signatures and not _is_text(head):
        return _("“%(name)s”不是纯文本文件。") % {"name": name}
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still text.
            if error.start >= len(head) - 3:
                return True
            continue
        return True
    return False


# Filing ---------------------------------------------------------------------------------------------------


def complaint_file(
    *,
    user,
    channel: str,
    title: str,
    content: str,
    at: datetime,
    is_anonymous: bool = False,
    complainant_name: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    case_reference: str = "",
    department: Department | None = None,
    window: Window | None = None,
    staff: Staff | None = None,
    person_description: str = "",
    hotline_order_number: str = "",
    attachments: Sequence = (),
) -> Complaint:
    """File a complaint: on the web by anyone (logged in or not, anonymous if they choose: then
    no name, phone or e-mail is kept and nobody is told anything), or registered by the
    supervision section for the other channels (a 12345 work order carries its number). It may
    name a case (by case or receipt number), a department, a window and a staff member; the
    complaint belongs to the site of what it names (the top center otherwise). Numbered gap-free
    per site and year, with an 8-character query code; the section at the site and above is told.
    Raises NotAllowed, ValidationError."""
    access = access_for(user)
    registrar = None
    if channel in STAFF_CHANNELS:
        if not permissions.can_register(user):
            raise NotAllowed(_("只有监察科可以登记电话、信件、电子邮件、现场和12345转办的投诉。"))
        registrar = access.staff
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = _("投诉渠道无效。")
    title, content = _text(title), _text(content)
    if not title:
        errors["title"] = _("请填写投诉事项。")
    elif len(title) > 100:
        errors["title"] = _("投诉事项不超过100个字。")
    if len(content) < 10:
        errors["content"] = _("请写明投诉的事实经过（至少10个字）。")
    elif len(content) > 4000:
        errors["content"] = _("投诉内容不超过4000个字。")
    hotline_order_number = ascii_identifier(hotline_order_number or "")[:40]
    if channel == Channel.HOTLINE and not hotline_order_number:
        errors["hotline_order_number"] = _("12345转办的投诉请填写工单号。")
    person_description = _text(person_description)[:100]

    name, phone, email = (
        _text(complainant_name),
        ascii_identifier(complainant_phone or ""),
        _text(complainant_email),
    )
    complainant_user = None
    if is_anonymous:
        # Nothing of an anonymous complainant is kept: no name, no contact, no account.
        name = phone = email = ""
    else:
        if not name:
            errors["complainant_name"] = _("请填写投诉人姓名（或选择匿名投诉）。")
        elif len(name) > 50:
            errors["complainant_name"] = _("姓名不超过50个字。")
        if not phone and not email:
            errors["complainant_phone"] = _("请留下联系电话或电子邮箱，以便告知处理结果（或选择匿名投诉）。")
        if phone and not PHONE.match(phone):
            errors["complainant_phone"] = _("联系电话应为11位手机号码或带区号的固定电话。")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors["complainant_email"] = _("电子邮箱格式不正确。")
        if (
            channel == Channel.WEB
            and user is not None
            and user.is_authenticated
            and not access.is_staff_member
        ):
            complainant_user = user

    case = None
    if _text(case_reference):
        case = case_by_reference(Case.objects.select_related("site", "department"), case_reference)
        if case is None:
            errors["case"] = _("没有找到办件“%(reference)s”，请核对办件编号或收件编号。") % {
                "reference": _text(case_reference)[:30]
            }
    if department is not None and not department.is_active:
        errors["department"] = _("该部门已不在中心办理业务。")
    if window is not None and not window.is_active:
        errors["window"] = _("该窗口已停用。")
    if staff is not None and not staff.is_active:
        errors["staff"] = _("该工作人员已不在岗。")

    attachments = [upload for upload in attachments if upload]
    if len(attachments) > conf.MAXIMUM_ATTACHMENTS:
        errors["attachments"] = _("附件最多 %(count)s 个。") % {"count": conf.MAXIMUM_ATTACHMENTS}
    else:
        problems = [problem for problem in map(attachment_problem, attachments) if problem]
        if problems:
            errors["attachments"] = "；".join(problems)
    if errors:
        raise ValidationError(errors)

    if department is None and case is not None:
        department = case.department
    site = (
        (case.site if case else None)
        or (window.site if window else None)
        or (department.site if department else None)
        or (staff.site if staff else None)
        or (registrar.site if registrar else None)
        or _root_site()
    )
    if site is None:
        raise DomainError(_("尚未设置服务中心，暂不能受理投诉。"))
    today = _local_date(at)
    with transaction.atomic():
        complaint = Complaint(
            site=site,
            query_code=_new_query_code(),
            channel=channel,
            hotline_order_number=hotline_order_number if channel == Channel.HOTLINE else "",
            is_anonymous=is_anonymous,
            complainant_name=name,
            complainant_phone=phone,
            complainant_email=email,
            complainant_user=complainant_user,
            case=case,
            department=department,
            window=window,
            staff=staff,
            person_description=person_description,
            title=title,
            content=content,
            status=Status.SUBMITTED,
            registered_at=at,
            registered_date=today,
            registered_by=registrar,
            accept_due_date=working_calendar().add(today, conf.accept_days()),
        )
        complaint.due_date = complaint.accept_due_date
        sequence = numbering.next_number(series=SERIES, site=site, period=today.year)
        complaint.number = f"TS-{site_code(site)}-{today.year}-{sequence:05d}"
        complaint.save()
        for upload in attachments:
            ComplaintAttachment.objects.create(
                complaint=complaint,
                file=upload,
                name=Path(str(upload.name)).name[:150],
                size=upload.size,
                uploaded_at=at,
            )
        how = Channel(channel).label
        if channel == Channel.HOTLINE:
            how += _("（工单号 %(number)s）") % {"number": hotline_order_number}
        ComplaintEvent.objects.create(
            complaint=complaint,
            action=Action.REGISTERED,
            at=at,
            staff=registrar,
            by_complainant=registrar is None,
            status_after=Status.SUBMITTED,
            comment=how,
        )
        inbox_send(
            user_ids=supervision_section(site),
            subject=_("新投诉待受理：%(number)s") % {"number": complaint.number},
            body=_("%(title)s（%(channel)s）。请于 %(due)s 前决定是否受理。")
            % {"title": title, "channel": how, "due": complaint.accept_due_date.isoformat()},
            at=at,
            case=case,
        )
        if registrar is not None:
            # Registered for someone who did not see the form's receipt: tell them how to track it.
            _tell_complainant(
                complaint,
                subject=_("投诉已登记：%(number)s") % {"number": complaint.number},
                body=_("您的投诉已登记，编号 %(number)s，查询码 %(code)s。我们将于 %(due)s 前决定是否受理。")
                % {
                    "number": complaint.number,
                    "code": complaint.query_code,
                    "due": complaint.accept_due_date.isoformat(),
                },
                at=at,
            )
    return complaint


# The section: accept, decline, assign --------------------------------------------------------------------


def _check_investigator(complaint: Complaint, investigator: Staff) -> None:
    if not investigators_for(complaint.site).filter(pk=investigator.pk).exists():
        raise ValidationError({"investigator": _("调查人须为本中心或上级中心监察科的在岗人员。")})


def _assign(complaint: Complaint, investigator: Staff, *, staff: Staff | None, at: datetime) -> None:
    _move(
        complaint,
        Action.ASSIGNED,
        at=at,
        staff=staff,
        comment=_("调查人：%(name)s") % {"name": investigator.name},
        is_public=False,
    )
    complaint.investigator = investigator
    complaint.assigned_at = at
    inbox_send(
        user_ids=[investigator.user_id],
        subject=_("投诉待调查：%(number)s") % {"number": complaint.number},
        body=_("%(title)s。请于 %(due)s 前答复投诉人。")
        % {"title": complaint.title, "due": complaint.answer_due_date.isoformat()},
        at=at,
        case=complaint.case,
    )


def complaint_accept(
    *,
    complaint: Complaint,
    user,
    at: datetime,
    answer_days: int | None = None,
    investigator: Staff | None = None,
    comment: str = "",
) -> Complaint:
    """The supervision section accepts the complaint and commits to answer within `answer_days`
    working days (ONEWINDOW_COMPLAINT_ANSWER_DAYS by default, never more); with `investigator`
    it is assigned at once. The complainant is told. Raises NotAllowed, ComplaintError,
    ValidationError."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if not permissions.can_accept(user, complaint):
            raise NotAllowed(_("只有本中心或上级中心的监察科可以受理投诉。"))
        staff = _staff_of(user)
        limit = conf.answer_days()
        days = limit if answer_days is None else answer_days
        if not 1 <= days <= limit:
            raise ValidationError({"answer_days": _("答复期限须为1至%(limit)s个工作日。") % {"limit": limit}})
        if investigator is not None:
            _check_investigator(complaint, investigator)
        today = _local_date(at)
        complaint.answer_days = days
        complaint.answer_due_date = working_calendar().add(today, days)
        text = _("承诺于 %(due)s 前答复。") % {"due": complaint.answer_due_date.isoformat()}
        _move(complaint, Action.ACCEPTED, at=at, staff=staff, comment=_text(comment) or text)
        complaint.accepted_at = at
        complaint.accepted_by = staff
        complaint.due_date = complaint.answer_due_date
        if investigator is not None:
            _assign(complaint, investigator, staff=staff, at=at)
        complaint.save()
        _tell_complainant(
            complaint,
            subject=_("投诉已受理：%(number)s") % {"number": complaint.number},
            body=_("您的投诉（%(number)s）已受理，%(text)s") % {"number": complaint.number, "text": text},
            at=at,
        )
    return complaint


def complaint_decline(*, complaint: Complaint, user, reason: str, at: datetime) -> Complaint:
    """The supervision section declines the complaint with its reasons (not within the center's
    remit, already handled, …); the complainant is told. Raises NotAllowed, ComplaintError,
    ValidationError."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if not permissions.can_decline(user, complaint):
            raise NotAllowed(_("只有本中心或上级中心的监察科可以决定不予受理。"))
        reason = _text(reason)
        if len(reason) < 5:
            raise ValidationError({"reason": _("请写明不予受理的理由（至少5个字）。")})
        _move(complaint, Action.DECLINED, at=at, staff=_staff_of(user), comment=reason)
        complaint.decline_reason = reason
        complaint.due_date = None
        complaint.closed_at = at
        complaint.save()
        _tell_complainant(
            complaint,
            subject=_("投诉不予受理：%(number)s") % {"number": complaint.number},
            body=_("您的投诉（%(number)s）不予受理，理由：%(reason)s")
            % {"number": complaint.number, "reason": reason},
            at=at,
        )
    return complaint


def complaint_assign(*, complaint: Complaint, user, investigator: Staff, at: datetime) -> Complaint:
    """The supervision section assigns (or hands on) the investigation to a member of the section
    at the complaint's site or above. Raises NotAllowed, ComplaintError, ValidationError."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if not permissions.can_assign(user, complaint):
            raise NotAllowed(_("只有本中心或上级中心的监察科可以分派调查。"))
        _check_investigator(complaint, investigator)
        if complaint.investigator_id == investigator.pk:
            raise ValidationError({"investigator": _("已由%(name)s调查。") % {"name": investigator.name}})
        _assign(complaint, investigator, staff=_staff_of(user), at=at)
        complaint.save()
    return complaint


# The investigator's answer ---------------------------------------------------------------------------------


def complaint_answer(
    *,
    complaint: Complaint,
    user,
    investigation: str,
    result: str,
    reply: str,
    at: datetime,
    staff: Staff | None = None,
    window: Window | None = None,
    department: Department | None = None,
) -> Complaint:
    """The assigned investigator records the investigation, the result (属实, 部分属实, 不属实)
    against the staff member, window and/or department concerned (at least one when upheld or
    partly upheld) and the reply to the complainant, who is told; when upheld, the staff member
    and the department's chief representatives are told too. Raises NotAllowed, ComplaintError,
    ValidationError."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if not permissions.can_answer(user, complaint):
            raise NotAllowed(_("只有分派的调查人可以答复投诉。"))
        if complaint.status != Status.INVESTIGATING:
            raise ComplaintError(
                _("投诉 %(number)s 当前为“%(status)s”，不能答复。")
                % {"number": complaint.number, "status": complaint.get_status_display()}
            )
        investigation, reply = _text(investigation), _text(reply)
        errors: dict[str, str] = {}
        if len(investigation) < 10:
            errors["investigation"] = _("请写明调查情况（至少10个字）。")
        if result not in Result.values:
            errors["result"] = _("请选择调查结论：属实、部分属实或不属实。")
        elif result in UPHELD_RESULTS and not (staff or window or department):
            errors["result"] = _("投诉属实或部分属实的，请写明责任人员、窗口或部门（至少一项）。")
        if len(reply) < 10:
            errors["reply"] = _("请写明给投诉人的答复（至少10个字）。")
        if errors:
            raise ValidationError(errors)
        by = _staff_of(user)
        _move(complaint, Action.INVESTIGATED, at=at, staff=by, comment=investigation, is_public=False)
        label = Result(result).label
        _move(
            complaint,
            Action.ANSWERED,
            at=at,
            staff=by,
            comment=_("%(result)s。%(reply)s") % {"result": label, "reply": reply},
        )
        complaint.investigation = investigation
        complaint.result = result
        complaint.result_staff = staff
        complaint.result_window = window
        complaint.result_department = department
        complaint.reply = reply
        complaint.answered_at = at
        complaint.answered_by = by
        complaint.due_date = None
        # Each answer is rated on its own (the history keeps earlier ratings).
        complaint.rating, complaint.rating_comment, complaint.rated_at = "", "", None
        complaint.save()
        _tell_complainant(
            complaint,
            subject=_("投诉已答复：%(number)s") % {"number": complaint.number},
            body=_("您的投诉（%(number)s）经调查%(result)s。%(reply)s 请凭编号和查询码评价处理结果。")
            % {"number": complaint.number, "result": label, "reply": reply[:300]},
            at=at,
        )
        if result in UPHELD_RESULTS:
            users = set(chief_representative_user_ids(department)) if department else set()
            if staff is not None:
                users.add(staff.user_id)
            inbox_send(
                user_ids=users,
                subject=_("投诉%(result)s：%(number)s") % {"result": label, "number": complaint.number},
                body=_("%(title)s。调查情况：%(investigation)s")
                % {"title": complaint.title, "investigation": investigation[:500]},
                at=at,
                case=complaint.case,
            )
    return complaint


# The complainant: rating and review ------------------------------------------------------------------------


def complaint_rate(
    *, complaint: Complaint, rating: str, at: datetime, comment: str = "", user=None
) -> Complaint:
    """The complainant rates the handling of the answer, once per answer (by the query code, which
    the interface checks). A satisfied or basically satisfied rating closes the complaint; a
    dissatisfied one leaves a review open to ask for, once (after a review, it closes too).
    Raises ComplaintError, ValidationError."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if rating not in Rating.values:
            raise ValidationError({"rating": _("请选择：满意、基本满意或不满意。")})
        if complaint.status != Status.ANSWERED:
            raise ComplaintError(
                _("投诉答复后才能评价。") if complaint.is_open else _("该投诉已办结，不能再评价。")
            )
        if rated_this_answer(complaint):
            raise ComplaintError(_("您已评价过本次答复。"), code="already_rated")
        comment = _text(comment)[:500]
        label = Rating(rating).label
        _move(
            complaint,
            Action.RATED,
            at=at,
            by_complainant=True,
            comment=f"{label}。{comment}" if comment else str(label),
        )
        complaint.rating = rating
        complaint.rating_comment = comment
        complaint.rated_at = at
        if rating != Rating.DISSATISFIED or complaint.review_requested_at is not None:
            _move(complaint, Action.CLOSED, at=at, comment=_("投诉人评价后办结。"))
            complaint.closed_at = at
        else:
            users = set(supervision_section(complaint.site))
            if complaint.investigator_id:
                users.add(complaint.investigator.user_id)
            inbox_send(
                user_ids=users,
                subject=_("投诉人不满意：%(number)s") % {"number": complaint.number},
                body=comment or _("投诉人对答复不满意，可能申请复核。"),
                at=at,
                case=complaint.case,
            )
        complaint.save()
    return complaint


def complaint_review_request(*, complaint: Complaint, reason: str, at: datetime, user=None) -> Complaint:
    """A complainant who rated the answer 不满意 asks, once, for a review (复核) with reasons; the
    center office decides within ONEWINDOW_COMPLAINT_REVIEW_DAYS working days and is told.
    Raises ReviewAlreadyRequested, ComplaintError, ValidationError."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.review_requested_at is not None:
            raise ReviewAlreadyRequested(_("每件投诉只能申请一次复核，本投诉已申请过。"))
        if complaint.status != Status.ANSWERED or not (
            rated_this_answer(complaint) and complaint.rating == Rating.DISSATISFIED
        ):
            raise ComplaintError(_("对答复评价“不满意”后，才能申请复核。"))
        reason = _text(reason)
        if len(reason) < 10:
            raise ValidationError({"reason": _("请写明申请复核的理由（至少10个字）。")})
        if len(reason) > 4000:
            raise ValidationError({"reason": _("复核理由不超过4000个字。")})
        _move(complaint, Action.REVIEW_REQUESTED, at=at, by_complainant=True, comment=reason)
        complaint.review_reason = reason
        complaint.review_requested_at = at
        complaint.due_date = working_calendar().add(_local_date(at), conf.review_days())
        complaint.save()
        inbox_send(
            user_ids=[*_office_users(complaint.site), *supervision_section(complaint.site)],
            subject=_("投诉申请复核：%(number)s") % {"number": complaint.number},
            body=_("%(reason)s（请于 %(due)s 前作出复核决定）")
            % {"reason": reason[:500], "due": complaint.due_date.isoformat()},
            at=at,
            case=complaint.case,
        )
    return complaint


def complaint_review_decide(
    *, complaint: Complaint, user, uphold: bool, reply: str, at: datetime, answer_days: int | None = None
) -> Complaint:
    """The center office decides the review: upheld, the investigation reopens (same investigator)
    with a new deadline of `answer_days` working days (the complaint's own by default); otherwise
    the complaint closes with the office's reply. The complainant is told. Raises NotAllowed,
    ComplaintError, ValidationError."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if not permissions.can_decide_review(user, complaint):
            raise NotAllowed(_("复核由本中心或上级中心的中心办公室决定。"))
        if complaint.status != Status.REVIEWING:
            raise ComplaintError(_("投诉 %(number)s 没有待决定的复核申请。") % {"number": complaint.number})
        reply = _text(reply)
        if len(reply) < 5:
            raise ValidationError({"reply": _("请写明复核意见（至少5个字）。")})
        staff = _staff_of(user)
        complaint.review_reply = reply
        complaint.review_decided_at = at
        complaint.review_decided_by = staff
        if uphold:
            limit = conf.answer_days()
            days = answer_days or complaint.answer_days or limit
            if not 1 <= days <= limit:
                raise ValidationError(
                    {"answer_days": _("答复期限须为1至%(limit)s个工作日。") % {"limit": limit}}
                )
            complaint.answer_days = days
            complaint.answer_due_date = working_calendar().add(_local_date(at), days)
            _move(
                complaint,
                Action.REVIEW_UPHELD,
                at=at,
                staff=staff,
                comment=_("%(reply)s（重新调查，%(due)s 前答复）")
                % {"reply": reply, "due": complaint.answer_due_date.isoformat()},
            )
            complaint.review_outcome = ReviewOutcome.UPHELD
            complaint.due_date = complaint.answer_due_date
            complaint.rating, complaint.rating_comment, complaint.rated_at = "", "", None
            if complaint.investigator_id:
                inbox_send(
                    user_ids=[complaint.investigator.user_id],
                    subject=_("投诉复核成立，请重新调查：%(number)s") % {"number": complaint.number},
                    body=reply,
                    at=at,
                    case=complaint.case,
                )
            body = _("您的投诉（%(number)s）复核成立，将重新调查，并于 %(due)s 前答复。%(reply)s") % {
                "number": complaint.number,
                "due": complaint.answer_due_date.isoformat(),
                "reply": reply[:300],
            }
        else:
            _move(complaint, Action.REVIEW_REJECTED, at=at, staff=staff, comment=reply)
            complaint.review_outcome = ReviewOutcome.REJECTED
            complaint.due_date = None
            complaint.closed_at = at
            body = _("您的投诉（%(number)s）经复核维持原答复：%(reply)s") % {
                "number": complaint.number,
                "reply": reply[:300],
            }
        complaint.save()
        _tell_complainant(
            complaint,
            subject=_("投诉复核结果：%(number)s") % {"number": complaint.number},
            body=body,
            at=at,
        )
    return complaint


def recipients_of(complaint: Complaint) -> Iterable[str]:
    """The channels the complainant would be told through (for the pages' explanation)."""
    if complaint.is_anonymous:
        return []
    channels = []
    if MOBILE.match(complaint.complainant_phone or ""):
        channels.append(str(NotificationChannel.SMS.label))
    if complaint.complainant_email:
        channels.append(str(NotificationChannel.EMAIL.label))
    if complaint.complainant_user_id:
        channels.append(str(NotificationChannel.IN_APP.label))
    return channels
