"""PDF rendering: median time of each printed document (acceptance notice, decision, certificate,
payment notice, one-page guide) with the bundled Chinese font, as a ratio to the same page's text
laid out by fpdf2 in its core Helvetica with no font to embed, measured in the same run. The first
document of the process (which parses the font once) is reported apart. Uses a throw-away SQLite
database.

    make bench
"""

from __future__ import annotations

import io
import os
import time
from datetime import date

import support

support.setup(None)  # a throw-away SQLite database, production settings
os.environ["ONEWINDOW_PDF_FONT"] = ""  # the bundled font

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from fpdf import FPDF  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from onewindow.cases.models import Notice  # noqa: E402
from onewindow.cases.notices import notice_pdf  # noqa: E402
from onewindow.catalog.notice import notice_pdf as guide_pdf  # noqa: E402
from onewindow.fees.documents import payment_notice_pdf  # noqa: E402
from onewindow.fees.tests.factories import decided_case, fee_version, fiscal_setup, issue  # noqa: E402
from onewindow.org.tests.factories import make_hall  # noqa: E402
from onewindow.workcalendar import services as calendar_services  # noqa: E402

MONDAY = date(2026, 11, 16)


def documents() -> dict:
    """One of each printed document, built through the services as the test suite builds them."""
    call_command("migrate", verbosity=0)
    calendar_services.calendar_seed_from_package(at=timezone.now())
    hall = make_hall()
    fiscal_setup(hall)
    version = fee_version(hall)
    case = decided_case(hall, version, day=MONDAY, valid_until=date(2031, 11, 15))
    notices = {notice.kind: notice for notice in Notice.objects.filter(case=case).select_related("case")}
    payment = issue(hall, case)
    base = "http://hall.example"
    return {
        "acceptance notice": lambda: notice_pdf(notice=notices[Notice.Kind.ACCEPTANCE], base_url=base),
        "decision": lambda: notice_pdf(notice=notices[Notice.Kind.DECISION], base_url=base),
        "certificate": lambda: notice_pdf(notice=notices[Notice.Kind.CERTIFICATE], base_url=base),
        "payment notice": lambda: payment_notice_pdf(payment),
        "one-page guide": lambda: guide_pdf(
            version=version, center_name="测试县政务服务中心", on_date=MONDAY
        ),
    }


def helvetica(text: str):
    """The reference: `text` (as Latin-1) on an A4 page in fpdf2's core Helvetica."""

    def render() -> bytes:
        document = FPDF(orientation="P", unit="mm", format="A4")
        document.add_page()
        document.set_font("helvetica", size=11)
        document.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
        return bytes(document.output())

    return render


def main() -> None:
    with translation.override("zh-hans"):
        renderers = documents()
        started = time.perf_counter()
        first = renderers["acceptance notice"]()
        first_ms = (time.perf_counter() - started) * 1000
        text = PdfReader(io.BytesIO(first)).pages[0].extract_text()
        reference = support.median_ms(helvetica(text))
        print(f"PDF documents with the bundled Chinese font, median of {support.RUNS}:")
        print(f"- first document of the process (parses the font once): {first_ms:.0f} ms")
        print(f"- reference, the acceptance notice's text in core Helvetica: {reference:.1f} ms")
        for label, render in renderers.items():
            value = support.median_ms(render)
            print(f"- {label}: {value:.0f} ms → {value / reference:.1f}× the reference")


if __name__ == "__main__":
    main()
