"""The written notices as PDFs: 受理通知书, 补正材料告知书, 不予受理通知书 (art. 32), 特别程序告知书
(art. 45), 延长审批期限告知书 (art. 42), the decision (准予 / 不予行政许可决定书, or 办结通知书),
退件通知书, 终止办理通知书, and the result certificate (证照).

Each carries the center's name, the document number, the applicant, the body the law asks for,
the date with the center's seal over it, and a QR code leading to the public progress page, where
the applicant may also rate the service (`qr_url`: marked `via=qr`, the QR code rating channel). A
notice is drawn from what is stored on the case and the `Notice` row, so a reprint is identical.
The delivery receipt (送达回证, cases.delivery_receipt) is drawn with the same helpers.

The seal is placed as GB/T 9704 places it: over the issuer's name and the date, which sit a little
below its centre, and clear of the body above it and of the QR code's caption beside it. A result
certificate is issued and sealed by the department when the department seals its own
certificates (`Department.seals_own_certificates`), else by the center.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import segno
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from onewindow.cases.models import ApplicantKind, Case, Decision, Notice, RefusalKind
from onewindow.cases.services.handling import REMEDIES
from onewindow.catalog.models import ItemType
from onewindow.common.pdf import ChineseDocument, pdf_response

RED = (200, 16, 26)
#: The drawn seal's radius in mm (a 40 mm seal).
SEAL_RADIUS = 20


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def progress_url(case: Case, *, base_url: str) -> str:
    base = (settings.ONEWINDOW_PUBLIC_URL or base_url).rstrip("/")
    return f"{base}/progress/?number={case.reference}&query_code={case.query_code}"


def qr_url(case: Case, *, base_url: str) -> str:
    """What the QR code on a notice, the certificate and the delivery receipt encodes: the progress
    page, marked as reached by scanning (`via=qr`), so a rating given there counts for the QR code
    channel. Links and messages use `progress_url` itself."""
    return f"{progress_url(case, base_url=base_url)}&via=qr"


def qr_png(text: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=1)
    buffer.seek(0)
    return buffer


def draw_seal(
    document: ChineseDocument, *, x: float, y: float, name: str, label: str, is_center: bool = True
) -> None:
    """A round red seal centred at (x, y): the issuer's name along the upper arc, a star, and
    the seal's use below it, printed like ink (multiplied, so black text under it stays legible).
    ONEWINDOW_SEAL_IMAGE replaces the center's drawn seal (not a department's) with its image."""
    radius = SEAL_RADIUS
    image = settings.ONEWINDOW_SEAL_IMAGE
    with document.local_context(blend_mode="Multiply"):
        if is_center and image and Path(image).is_file():
            document.image(image, x=x - radius, y=y - radius, w=2 * radius, h=2 * radius)
            return
        _draw_seal(document, x=x, y=y, radius=radius, name=name, label=label)


def _draw_seal(
    document: ChineseDocument, *, x: float, y: float, radius: float, name: str, label: str
) -> None:
    document.set_draw_color(*RED)
    document.set_fill_color(*RED)
    document.set_text_color(*RED)
    document.set_line_width(1.1)
    document.circle(x, y, radius)
    document.star(x, y, 2.6, 6.5, 5, rotate_degrees=-90, style="F")
    characters = list(name)[:18]
    size = 11 if len(characters) <= 12 else 9
    document.set_font("cjk", size=size)
    span = min(240.0, 18.0 * len(characters))
    for index, character in enumerate(characters):
        angle = -span / 2 + (span * (index + 0.5) / len(characters))  # degrees from the top, clockwise
        radians = math.radians(angle)
        cx = x + (radius - 4.6) * math.sin(radians)
        cy = y - (radius - 4.6) * math.cos(radians)
        with document.rotation(-angle, cx, cy):
            width = document.get_string_width(character)
            document.text(cx - width / 2, cy + size * 0.352 / 2 - 0.3, character)
    document.set_font("cjk", size=8)
    width = document.get_string_width(label)
    document.text(x - width / 2, y + 0.83 * radius, label)  # on the lower arc, under the date
    document.set_text_color(0, 0, 0)
    document.set_draw_color(0, 0, 0)
    document.set_line_width(0.2)


def draw_signature(
    document: ChineseDocument,
    *,
    x: float,
    top: float,
    width: float,
    issuer: str,
    day,
    label: str,
    is_center: bool = True,
) -> float:
    """The issuer's name and the date centred on `x`, with the issuer's seal pressed over them:
    both lines sit just below the seal's centre (GB/T 9704). Everything lies between `top` and
    the returned bottom (the seal's edge), so nothing above or below it is covered; keep other
    text clear of x ± SEAL_RADIUS."""
    centre = top + SEAL_RADIUS
    document.set_font("cjk", size=12)
    document.set_xy(x - width / 2, centre + 0.5)
    document.cell(width, 7, issuer, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    document.cell(width, 7, chinese_date(day), align="C")
    draw_seal(document, x=x, y=centre, name=issuer, label=label, is_center=is_center)
    return top + 2 * SEAL_RADIUS


def _applicant_line(case: Case) -> str:
    return f"{case.applicant_name}："


def _you(case: Case) -> str:
    return _("你单位") if case.applicant_kind == ApplicantKind.ORGANISATION else _("你")


def draw_header(document: ChineseDocument, *, center: str, title: str, number: str) -> None:
    document.set_text_color(*RED)
    document.set_font("cjk", size=15)
    document.cell(0, 9, center, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.set_draw_color(*RED)
    document.set_line_width(0.6)
    document.line(14, document.get_y() + 1, 196, document.get_y() + 1)
    document.set_line_width(0.2)
    document.set_draw_color(0, 0, 0)
    document.set_text_color(0, 0, 0)
    document.ln(5)
    document.set_font("cjk", size=20)
    document.cell(0, 11, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.set_font("cjk", size=10.5)
    document.cell(0, 7, number, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.ln(4)


def draw_body(document: ChineseDocument, text: str) -> None:
    """A paragraph of the body (indent it with two full-width spaces)."""
    document.set_font("cjk", size=12)
    document.multi_cell(0, 7.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.ln(1.5)


def draw_facts(document: ChineseDocument, rows: list[tuple[str, str]]) -> None:
    """A two-column table of label and value (an empty value prints as —)."""
    document.set_font("cjk", size=11)
    with document.table(
        col_widths=(40, 142),
        wrapmode=WrapMode.CHAR,
        line_height=7,
        first_row_as_headings=False,
        text_align=("LEFT", "LEFT"),
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=FontFace(fill_color=(244, 246, 250)))
            row.cell(value or "—")
    document.ln(3)


def _requests_table(document: ChineseDocument, notice: Notice) -> None:
    document.set_font("cjk", size=11)
    with document.table(
        col_widths=(14, 78, 90),
        wrapmode=WrapMode.CHAR,
        line_height=7,
        text_align=("CENTER", "LEFT", "LEFT"),
        headings_style=FontFace(emphasis="", fill_color=(244, 246, 250)),
    ) as table:
        table.row([_("序号"), _("材料名称"), _("补正要求")])
        for index, request in enumerate(notice.requests.select_related("case_material"), start=1):
            table.row([str(index), request.case_material.name, request.problem])
    document.ln(3)


def draw_qr_footer(
    document: ChineseDocument,
    *,
    case: Case,
    center: str,
    day,
    base_url: str,
    clerk: str = "",
) -> None:
    """QR code with its caption on the left (x 18–114); the center's name and `day` under its
    seal on the right (x 135–175), below the body; the `clerk` line (经办人：…) under both."""
    height = 2 * SEAL_RADIUS + 10
    if document.get_y() + 4 + height > document.page_break_trigger:
        document.add_page()
    top = max(document.get_y() + 4, 205)
    document.image(qr_png(qr_url(case, base_url=base_url)), x=18, y=top + 4, w=32, h=32)
    document.set_font("cjk", size=9)
    document.set_xy(52, top + 8)
    document.multi_cell(
        62,
        5,
        _("扫码查询办理进度、评价服务\n或登录 政务服务网 → 办件查询\n编号 %(reference)s\n查询码 %(code)s")
        % {"reference": case.reference, "code": case.query_code},
    )
    bottom = draw_signature(
        document, x=155, top=top, width=70, issuer=center, day=day, label=_("行政审批专用章")
    )
    document.set_y(bottom + 2)
    if clerk:
        document.set_font("cjk", size=9)
        document.set_text_color(90, 90, 90)
        document.cell(0, 5, clerk, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        document.set_text_color(0, 0, 0)


def _phone(case: Case) -> str:
    return case.version.consultation_phone or case.department.phone or case.site.phone


def _phone_clause(case: Case) -> str:
    phone = _phone(case)
    return _("咨询电话：%(phone)s。") % {"phone": phone} if phone else ""


def notice_title(notice: Notice) -> str:
    """The document's title: a licensing decision is a 准予 / 不予行政许可决定书; a certificate
    bears the result's name."""
    case = notice.case
    if (
        notice.kind == Notice.Kind.DECISION
        and case.version.item_type == ItemType.LICENSING
        and not case.is_immediate
    ):
        return _("准予行政许可决定书") if case.decision == Decision.APPROVED else _("不予行政许可决定书")
    if notice.kind == Notice.Kind.CERTIFICATE and case.result_name:
        return case.result_name
    return notice.get_kind_display()


def notice_pdf(*, notice: Notice, base_url: str) -> bytes:
    """The notice as PDF bytes, in the name of the site that received the case.
    Raises common.pdf.FontMissing."""
    case = notice.case
    center_name = case.site.name
    if notice.kind == Notice.Kind.CERTIFICATE:
        return certificate_pdf(notice=notice, base_url=base_url)
    version = case.version
    title = notice_title(notice)
    document = ChineseDocument(
        title=f"{title} {notice.document_number}",
        footer=_("%(center)s · %(number)s · 本文书由系统生成，可凭编号和查询码核验")
        % {
            "center": center_name,
            "number": notice.document_number,
        },
    )
    document.set_auto_page_break(auto=True, margin=16)
    draw_header(document, center=center_name, title=title, number=notice.document_number)
    document.set_font("cjk", size=12)
    document.cell(0, 8, _applicant_line(case), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    received = chinese_date(case.received_date)
    subject = _("%(you)s于%(date)s提出的“%(item)s”申请（收件编号 %(receipt)s）") % {
        "you": _you(case),
        "date": received,
        "item": version.name,
        "receipt": case.receipt_number,
    }
    kind = notice.kind
    if kind == Notice.Kind.ACCEPTANCE:
        if case.is_auto_accepted:
            text = subject + _(
                "，本机关未在收到申请材料之日起5个工作日内告知补正。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，"
                "自收到申请材料之日起即为受理。"
            )
        else:
            text = subject + _(
                "，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。"
            )
        draw_body(document, "　　" + text)
        deferred = [line for line in case.materials.all() if line.state == "DEFERRED"]
        rows = [
            (_("办件编号"), case.number),
            (_("查询码"), case.query_code),
            (_("受理日期"), chinese_date(case.accepted_date)),
            (
                _("承诺办结日期"),
                chinese_date(case.promised_due_date)
                + _("（承诺时限 %(limit)s 个%(unit)s）")
                % {"limit": version.promised_limit, "unit": version.get_promised_unit_display()},
            ),
            (_("法定办结日期"), chinese_date(case.statutory_due_date)),
            (_("实施部门"), case.department.name),
            (_("全程代办人"), case.agent.name if case.agent else "—"),
            (_("咨询电话"), _phone(case)),
        ]
        if deferred:
            rows.append(
                (
                    _("容缺后补材料"),
                    "；".join(
                        _("%(name)s（请于%(date)s前补交）")
                        % {"name": line.name, "date": chinese_date(line.deferred_until)}
                        for line in deferred
                    ),
                )
            )
        draw_facts(document, rows)
        draw_body(
            document,
            "　　"
            + _(
                "办理期限按工作日计算，不含法定节假日；依法需要听证、检验、检测、鉴定、专家评审的，所需时间不计入期限，届时将书面告知。"
            ),
        )
    elif kind == Notice.Kind.CORRECTION:
        draw_body(
            document,
            "　　"
            + subject
            + _(
                "，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，"
                "现一次性告知你需要补正的全部内容如下："
            ),
        )
        _requests_table(document, notice)
        draw_body(
            document,
            "　　"
            + _(
                "请按上述要求补正后，携带本告知书到窗口提交（网上申请的可在“我的办件”中上传）。"
                "本机关将自收到补正材料之日起5个工作日内作出是否受理的决定。"
            )
            + _phone_clause(case),
        )
    elif kind == Notice.Kind.NON_ACCEPTANCE:
        if case.refusal_kind == RefusalKind.NOT_SUBJECT:
            text = subject + _(
                "，经审查，该申请事项依法不需要取得行政许可。根据《中华人民共和国行政许可法》第三十二条第一款第（一）项的规定，决定不予受理。"
            )
        else:
            text = subject + _(
                "，经审查，该申请事项依法不属于本机关职权范围。根据《中华人民共和国行政许可法》第三十二条第一款第（二）项的规定，"
                "决定不予受理，请向%(authority)s申请。"
            ) % {"authority": case.competent_authority}
        draw_body(document, "　　" + text)
        draw_body(document, "　　" + _("理由：%(reason)s") % {"reason": case.refusal_reason})
        draw_body(
            document,
            "　　"
            + _(
                "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"
            ),
        )
    elif kind == Notice.Kind.SUSPENSION:
        _suspension_body(document, case=case, notice=notice, subject=subject)
    elif kind == Notice.Kind.EXTENSION:
        _extension_body(document, case=case, notice=notice, subject=subject)
    elif kind in (Notice.Kind.RETURN, Notice.Kind.TERMINATION):
        _closing_body(document, case=case, notice=notice, subject=subject)
    else:
        _decision_body(document, case=case, notice=notice, subject=subject)
    draw_qr_footer(
        document,
        case=case,
        center=center_name,
        day=notice.issued_date,
        base_url=base_url,
        clerk=_("经办人：%(name)s") % {"name": notice.issued_by.name} if notice.issued_by_id else "",
    )
    return document.output_bytes()


def _suspension_body(document, *, case: Case, notice: Notice, subject: str) -> None:
    suspension = notice.suspension
    kind = suspension.get_kind_display()
    draw_body(
        document,
        "　　"
        + subject
        + _(
            "，本机关已于%(date)s依法受理（办件编号 %(number)s）。因办理需要进行%(kind)s，根据《中华人民共和国行政许可法》"
            "第四十五条的规定，%(kind)s所需时间不计算在办理期限内，现将所需时间书面告知如下："
        )
        % {"date": chinese_date(case.accepted_date), "number": case.number, "kind": kind},
    )
    rows = [
        (_("特别程序"), kind),
        (_("事由"), suspension.reason),
        (_("开始日期"), chinese_date(suspension.started_date)),
        (
            _("预计所需时间"),
            _("%(days)s个工作日（预计至%(end)s）")
            % {"days": suspension.expected_days, "end": chinese_date(suspension.expected_end_date)},
        ),
    ]
    if suspension.hearing_date:
        rows.append((_("举行听证日期"), chinese_date(suspension.hearing_date)))
        if suspension.hearing_place:
            rows.append((_("听证地点"), suspension.hearing_place))
    rows.append(
        (
            _("目前承诺办结日期"),
            chinese_date(case.promised_due_date) + _("（特别程序结束后按实际所用工作日顺延）"),
        )
    )
    draw_facts(document, rows)
    draw_body(
        document,
        "　　"
        + _("特别程序结束后，本机关将恢复计算办理期限，并可通过办件查询了解顺延后的办结日期。")
        + _phone_clause(case),
    )


def _extension_body(document, *, case: Case, notice: Notice, subject: str) -> None:
    extension = notice.extension
    draw_body(
        document,
        "　　"
        + subject
        + _(
            "，本机关已于%(date)s依法受理（办件编号 %(number)s）。因%(reason)s，在法定期限内不能作出决定。"
            "根据《中华人民共和国行政许可法》第四十二条的规定，经本机关负责人批准，办理期限延长%(days)s个工作日。"
        )
        % {
            "date": chinese_date(case.accepted_date),
            "number": case.number,
            "reason": extension.reason.rstrip("。"),
            "days": extension.days,
        },
    )
    draw_facts(
        document,
        [
            (_("延长期限"), _("%(days)s个工作日") % {"days": extension.days}),
            (_("延长后的法定办结日期"), chinese_date(case.statutory_due_date)),
            (_("延长后的承诺办结日期"), chinese_date(case.promised_due_date)),
            (_("批准人"), extension.decided_by.name if extension.decided_by else "—"),
        ],
    )


def _closing_body(document, *, case: Case, notice: Notice, subject: str) -> None:
    if notice.kind == Notice.Kind.RETURN:
        text = _(
            "，本机关已于%(date)s受理（办件编号 %(number)s）。经审查，申请存在以下问题，现予退回。请按要求补齐、修改后重新申请，"
            "重新申请时请出示本通知书，作为补办件办理。"
        )
    else:
        text = _("，本机关已于%(date)s受理（办件编号 %(number)s）。因出现下列情形，决定终止办理。")
    draw_body(
        document,
        "　　" + subject + text % {"date": chinese_date(case.accepted_date), "number": case.number},
    )
    draw_body(document, "　　" + _("理由：%(reason)s") % {"reason": case.closing_reason})
    if notice.kind == Notice.Kind.TERMINATION:
        draw_body(document, "　　" + str(REMEDIES))


def _decision_body(document, *, case: Case, notice: Notice, subject: str) -> None:
    version = case.version
    if case.decision == Decision.APPROVED:
        if case.is_immediate:
            text = subject + _("，经审查，符合法定条件、标准，决定准予办理，当场办结。")
        else:
            text = subject + _(
                "，本机关于%(date)s受理。经审查，申请符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予%(item)s。"
            ) % {"date": chinese_date(case.accepted_date), "item": version.name}
    else:
        text = subject + _("，经审查，不符合法定条件、标准，决定不予办理。理由：%(reason)s") % {
            "reason": case.decision_reason
        }
    draw_body(document, "　　" + text)
    rows = [
        (_("办件编号"), case.number),
        (_("办结日期"), chinese_date(notice.issued_date)),
        (
            _("办理结果"),
            case.get_decision_display() + (f" · {case.result_name}" if case.result_name else ""),
        ),
    ]
    if case.result_number:
        rows.append((_("证照/文书编号"), case.result_number))
    if case.result_valid_from:
        rows.append(
            (
                _("有效期"),
                chinese_date(case.result_valid_from)
                + " — "
                + (chinese_date(case.result_valid_until) if case.result_valid_until else _("长期")),
            )
        )
    if case.suspended_days:
        rows.append(
            (_("不计入期限的时间"), _("%(days)s个工作日（特别程序）") % {"days": case.suspended_days})
        )
    if case.delivery_due_date:
        rows.append((_("送达期限"), chinese_date(case.delivery_due_date)))
    draw_facts(document, rows)
    if case.decision == Decision.DENIED:
        draw_body(document, "　　" + (case.remedies or str(REMEDIES)))


def certificate_issuer(case: Case) -> str:
    """Who issues and seals the case's certificate: the department when it seals its own
    certificates, else the center (a relatively concentrated licensing authority)."""
    return case.department.name if case.department.seals_own_certificates else case.site.name


def certificate_pdf(*, notice: Notice, base_url: str) -> bytes:
    """The result certificate (证照): a framed page with the result's name, the holder, the
    number, the item, the validity, the issuer with its seal and a verification QR."""
    case = notice.case
    center = case.site.name
    issuer = certificate_issuer(case)
    document = ChineseDocument(
        title=f"{case.result_name} {case.result_number}",
        footer=_("%(center)s · 证照编号 %(number)s · 可凭办件编号和查询码核验")
        % {"center": center, "number": case.result_number},
    )
    document.set_auto_page_break(auto=False)
    document.set_draw_color(*RED)
    document.set_line_width(1.2)
    document.rect(12, 12, 186, 262)
    document.set_line_width(0.4)
    document.rect(15, 15, 180, 256)
    document.set_line_width(0.2)
    document.set_draw_color(0, 0, 0)
    document.set_y(34)
    document.set_font("cjk", size=11)
    document.set_text_color(*RED)
    document.cell(0, 7, _("中华人民共和国"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.set_font("cjk", size=26)
    document.cell(0, 16, case.result_name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.set_text_color(0, 0, 0)
    document.set_font("cjk", size=11)
    document.cell(
        0,
        8,
        _("编号：%(number)s") % {"number": case.result_number},
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    document.ln(10)
    rows = [
        (_("持证人"), case.applicant_name),
        (
            _("统一社会信用代码") if case.applicant_kind == ApplicantKind.ORGANISATION else _("证件号码"),
            case.id_number,
        ),
    ]
    if case.legal_representative:
        rows.append((_("法定代表人"), case.legal_representative))
    rows += [
        (_("许可事项"), case.version.name),
        (_("发证机关"), case.department.name),
        (
            _("有效期"),
            chinese_date(case.result_valid_from or notice.issued_date)
            + " — "
            + (chinese_date(case.result_valid_until) if case.result_valid_until else _("长期")),
        ),
        (_("办件编号"), case.number),
    ]
    document.set_left_margin(30)
    document.set_right_margin(30)
    document.set_x(30)
    document.set_font("cjk", size=13)
    for label, value in rows:
        document.set_x(30)
        document.set_text_color(90, 90, 90)
        document.cell(46, 11, label)
        document.set_text_color(0, 0, 0)
        document.multi_cell(0, 11, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    # The seal (x 122–162) and the QR code with its caption (x 26–68) share the band below the rows.
    top = max(document.get_y() + 6, 200)
    # a verification code for whoever holds the certificate, not a rating invitation: no via=qr
    document.image(qr_png(progress_url(case, base_url=base_url)), x=32, y=top + 6, w=30, h=30)
    document.set_font("cjk", size=8)
    document.set_xy(26, top + 37)
    document.cell(42, 5, _("扫码核验"), align="C")
    draw_signature(
        document,
        x=142,
        top=top,
        width=76,
        issuer=issuer,
        day=notice.issued_date,
        label=_("行政审批专用章"),
        is_center=issuer == center,
    )
    return document.output_bytes()


def notice_response(request, notice: Notice) -> HttpResponse:
    """The notice's PDF (inline), for the API, the desk and the applicant's own pages."""
    return pdf_response(
        lambda: notice_pdf(notice=notice, base_url=request.build_absolute_uri("/")),
        filename=f"{notice_title(notice)}-{notice.case.reference}.pdf",
    )
