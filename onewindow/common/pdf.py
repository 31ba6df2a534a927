"""PDF documents with Chinese text (fpdf2 with an embedded, subsetted CJK font).

The font is the Noto Sans SC subset shipped in `common/fonts/` (GB 2312 and the CJK Unified
Ideographs U+4E00–U+9FA5, see build_font.py there), or the file named by ONEWINDOW_PDF_FONT.
Nothing is looked up on the system, so every machine prints the same. Only the glyphs used are
embedded, so a one-page notice stays small.

Parsing a CJK font's metrics takes longer than laying out a whole notice, so it is done once per
process and font file; each document gets its own copy of the parsed font, with its own glyph
subset and its own fontTools object to subset at output (fpdf2 subsets that object in place).

Every multi_cell (table cells included) is broken into lines by common.typesetting: no closing
punctuation at the start of a line, no opening one at its end, numbers and Latin words whole.
"""

from __future__ import annotations

import copy
import io
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.util import Padding

from onewindow.common.typesetting import break_lines

#: The bundled font: Noto Sans CJK SC Regular, subsetted (OFL, see fonts/OFL.txt).
BUNDLED_FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansSC-OneWindow.otf"
FAMILY = "cjk"


class FontMissing(Exception):
    """ONEWINDOW_PDF_FONT names a font file that does not exist."""


def chinese_font() -> tuple[str, int]:
    """(path, index in a .ttc collection) of the font for PDFs. Raises FontMissing."""
    configured = getattr(settings, "ONEWINDOW_PDF_FONT", "")
    if not configured:
        return str(BUNDLED_FONT), 0
    if not Path(configured).is_file():
        raise FontMissing(_("ONEWINDOW_PDF_FONT 指向的字体文件不存在：%(path)s") % {"path": configured})
    # Noto CJK collections hold JP, KR, SC, TC, HK in that order: index 2 is Simplified Chinese.
    is_noto_collection = configured.lower().endswith(".ttc") and "CJK-" in Path(configured).name
    return configured, 2 if is_noto_collection else 0


@lru_cache(maxsize=4)
def _parsed_font(path: str, index: int, modified_ns: int) -> tuple[TTFFont, bytes]:
    """The font's metrics as fpdf2 parses them, and the file's bytes; once per process and
    version of the file."""
    data = Path(path).read_bytes()
    font = TTFFont(FPDF(), Path(path), FAMILY, "", None, None, None, index)
    font.ttfont.close()
    font.ttfont = None
    return font, data


#: Tables fpdf2 does not embed for a CID-keyed CFF font (it embeds the "CFF " table alone), but
#: which fontTools' subsetter would otherwise read and subset: the cmap and metrics of 22,000 glyphs.
UNEMBEDDED_TABLES = (
    "cmap",
    "hmtx",
    "hhea",
    "vmtx",
    "vhea",
    "VORG",
    "OS/2",
    "name",
    "GSUB",
    "GPOS",
    "GDEF",
    "BASE",
)


def _font_to_embed(data: bytes, index: int, *, cff_only: bool) -> TTFont:
    """A fresh fontTools object for fpdf2 to subset in place when the document is output. Only
    the tables read from it are parsed, and no bounding box is recomputed (the font's own serve)."""
    font = TTFont(io.BytesIO(data), fontNumber=index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    if cff_only:
        for tag in UNEMBEDDED_TABLES:
            if tag in font:
                del font[tag]
    return font


def _add_chinese_font(document: FPDF) -> None:
    """Register the Chinese font as FAMILY, as FPDF.add_font would, from the parsed copy."""
    path, index = chinese_font()
    parsed, data = _parsed_font(path, index, Path(path).stat().st_mtime_ns)
    font = copy.copy(parsed)  # shares the read-only metrics: cmap, widths, glyph ids, descriptor
    font.i = len(document.fonts) + 1
    font.ttfont = _font_to_embed(data, index, cff_only=font.is_cff and font.is_cid_keyed)
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    document.fonts[FAMILY] = font
    if font.is_cff and font.is_cid_keyed:
        document._set_min_pdf_version("1.6")  # noqa: SLF001 - as add_font does for CID-keyed CFF


class ChineseDocument(FPDF):
    """An A4 page with a Chinese font registered as "cjk" and a footer with page numbers.
    Raises FontMissing."""

    def __init__(self, *, title: str, footer: str = ""):
        super().__init__(orientation="P", unit="mm", format="A4")
        _add_chinese_font(self)
        self.set_title(title)
        self.set_creator("OneWindow")
        self.footer_text = footer
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(14, 12, 14)
        self.add_page()
        self.set_font(FAMILY, size=10)

    def footer(self):
        self.set_y(-10)
        self.set_font(FAMILY, size=8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"{self.footer_text}    {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def typeset(self, text: str, *, width: float) -> str:
        """`text` with a newline wherever a line of `width` mm must end, in the current font."""
        return "\n".join(break_lines(text, width=width, measure=self.get_string_width))

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        """FPDF.multi_cell with the lines broken by common.typesetting (fpdf2 knows only spaces
        or any character). Character wrapping stays on as a fallback for a rounding."""
        if text and not kwargs.get("markdown"):
            width = self._text_width(w, kwargs.get("padding", 0))
            text = self.typeset(text, width=width)
        kwargs["wrapmode"] = WrapMode.CHAR
        return super().multi_cell(w, h, text, *args, **kwargs)

    def _text_width(self, w: float, padding) -> float:
        """The width multi_cell lays text in: the cell less its padding or cell margins."""
        if w == 0:
            w = self.w - self.r_margin - self.x
        padding = Padding.new(padding)
        width = w - padding.left - padding.right
        return width - (0 if padding.left else self.c_margin) - (0 if padding.right else self.c_margin)

    def heading(self, text: str, *, size: float = 11) -> None:
        self.ln(1.5)
        self.set_font(FAMILY, size=size)
        self.set_fill_color(232, 239, 250)
        self.cell(0, 6.5, text, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, size=9.5)
        self.ln(0.8)

    def paragraph(self, text: str, *, size: float = 9.5, height: float = 5) -> None:
        self.set_font(FAMILY, size=size)
        self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def facts(self, rows: list[tuple[str, str]], *, label_width: float = 28) -> None:
        for label, value in rows:
            self.set_font(FAMILY, size=9.5)
            self.set_text_color(90, 90, 90)
            self.cell(label_width, 5.2, label)
            self.set_text_color(0, 0, 0)
            self.multi_cell(0, 5.2, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def pdf_response(render, *, filename: str) -> HttpResponse:
    """`render()`'s PDF bytes as an inline response named `filename` (UTF-8, Chinese allowed), or
    503 with the reason when the configured font is missing. One helper for every printed
    document's page and API endpoint."""
    try:
        content = render()
    except FontMissing as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response
