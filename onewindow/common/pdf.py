"""PDF documents with Chinese text (fpdf2 with an embedded, subsetted CJK font).

The font is the one named by ONEWINDOW_PDF_FONT, or the first found in the usual places (Debian's
fonts-noto-cjk and WenQuanYi packages, Windows and macOS system fonts). Only the glyphs used are
embedded, so a one-page notice stays small and prints the same on every machine.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

#: Candidate fonts: (path, index in a .ttc collection — Noto CJK's index 2 is Simplified Chinese).
FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
)


class FontMissing(Exception):
    """No font with Chinese glyphs is installed or configured."""


@lru_cache(maxsize=1)
def chinese_font() -> tuple[str, int]:
    configured = getattr(settings, "ONEWINDOW_PDF_FONT", "")
    if configured:
        if not Path(configured).is_file():
            raise FontMissing(_("ONEWINDOW_PDF_FONT 指向的字体文件不存在：%(path)s") % {"path": configured})
        return configured, 2 if "NotoSansCJK" in configured or "NotoSerifCJK" in configured else 0
    for path, index in FONT_CANDIDATES:
        if Path(path).is_file():
            return path, index
    raise FontMissing(
        _("服务器上没有中文字体，无法生成 PDF。请安装 fonts-noto-cjk，或设置 ONEWINDOW_PDF_FONT。")
    )


class ChineseDocument(FPDF):
    """An A4 page with a Chinese font registered as "cjk" and a footer with page numbers."""

    def __init__(self, *, title: str, footer: str = ""):
        super().__init__(orientation="P", unit="mm", format="A4")
        path, index = chinese_font()
        self.add_font("cjk", fname=path, collection_font_number=index)
        self.set_title(title)
        self.set_creator("OneWindow")
        self.footer_text = footer
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(14, 12, 14)
        self.add_page()
        self.set_font("cjk", size=10)

    def footer(self):
        self.set_y(-10)
        self.set_font("cjk", size=8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"{self.footer_text}    {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, *, size: float = 11) -> None:
        self.ln(1.5)
        self.set_font("cjk", size=size)
        self.set_fill_color(232, 239, 250)
        self.cell(0, 6.5, text, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("cjk", size=9.5)
        self.ln(0.8)

    def paragraph(self, text: str, *, size: float = 9.5, height: float = 5) -> None:
        self.set_font("cjk", size=size)
        # Chinese has no spaces to break at: wrap at any character.
        self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=WrapMode.CHAR)

    def facts(self, rows: list[tuple[str, str]], *, label_width: float = 28) -> None:
        for label, value in rows:
            self.set_font("cjk", size=9.5)
            self.set_text_color(90, 90, 90)
            self.cell(label_width, 5.2, label)
            self.set_text_color(0, 0, 0)
            self.multi_cell(0, 5.2, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=WrapMode.CHAR)

    def output_bytes(self) -> bytes:
        return bytes(self.output())
