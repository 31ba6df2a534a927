"""The public service guide (办事指南) and the hall's touch-screen kiosk.

Stable public addresses: search at /guide/?q=…, an item at /guide/<implementation code>/, its
one-page notice at /guide/<code>/notice/ (print view) and /guide/<code>/notice.pdf. Anyone may read
what is in force today; staff who can see an item may also download the files of its drafts.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from onewindow.catalog import selectors
from onewindow.catalog.models import Audience, CaseKind, ItemType, ItemVersion, Material
from onewindow.catalog.notice import notice_pdf
from onewindow.catalog.permissions import CATALOG_READERS
from onewindow.common import clock
from onewindow.common.context_processors import onewindow as page_context
from onewindow.common.files import file_response
from onewindow.common.parsing import parse_id
from onewindow.common.pdf import pdf_response
from onewindow.org.permissions import user_has_role

PAGE_SIZE = 20
#: The most items a kiosk list shows as buttons.
KIOSK_LIST_SIZE = 60


def _filters(request) -> dict:
    item_type = request.GET.get("type", "")
    audience = request.GET.get("audience", "")
    return {
        "query": request.GET.get("q", "").strip()[:50],
        "department_id": parse_id(request.GET.get("department")),
        "theme_id": parse_id(request.GET.get("theme")),
        "item_type": item_type if item_type in ItemType.values else "",
        "audience": audience if audience in Audience.values else "",
    }


@require_GET
def guide(request):
    """Search and browse: by words, department, theme, item type, people or companies."""
    filters = _filters(request)
    browse = selectors.guide_browse(on_date=clock.today(), **filters)
    page_number = request.GET.get("page", "")
    # Read only if the content is rendered: a cached rendering needs the catalog's revision alone.
    page = SimpleLazyObject(lambda: Paginator(browse.results, PAGE_SIZE).get_page(page_number))
    return render(
        request,
        "portal/guide.html",
        {
            "page": page,
            "versions": _Labelled(page),
            "filters": filters,
            "is_filtered": any(filters.values()),
            "themes": SimpleLazyObject(lambda: browse.themes),
            "departments": SimpleLazyObject(lambda: browse.departments),
            "item_types": ItemType.choices,
            "audiences": Audience.choices,
            "query_string": _query_string(request),
            # The content is rendered once per catalog revision, day, address and language.
            "cache_key": (browse.revision, browse.on_date.isoformat(), page_number),
            "cache_seconds": selectors.CACHE_SECONDS,
        },
    )


class _Labelled:
    """A page's versions, each with its type and case-kind labels (`item_type_label`,
    `case_kind_label`): get_FOO_display() rebuilds the field's choices, translating every label, on
    each call, which was most of a result's rendering time. Read when the results are rendered."""

    def __init__(self, versions):
        self.versions = versions

    #: Lazy labels: translated when rendered, in the page's language.
    ITEM_TYPES = dict(ItemType.choices)
    CASE_KINDS = dict(CaseKind.choices)

    def __iter__(self):
        for version in self.versions:
            version.item_type_label = self.ITEM_TYPES.get(version.item_type, version.item_type)
            version.case_kind_label = self.CASE_KINDS.get(version.case_kind, version.case_kind)
            yield version


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _in_force_or_404(code: str) -> ItemVersion:
    version = selectors.version_in_force(implementation_code=code, on_date=clock.today())
    if version is None:
        raise Http404(_("没有这个事项，或者它已取消。"))
    return version


@require_GET
def item(request, code: str):
    version = _in_force_or_404(code)
    return render(request, "portal/item.html", {"version": version, "today": clock.today()})


@require_GET
def notice(request, code: str):
    """The one-page guide as a page to print (the browser's print dialog)."""
    version = _in_force_or_404(code)
    return render(request, "portal/notice.html", {"version": version, "today": clock.today()})


@require_GET
def notice_download(request, code: str):
    version = _in_force_or_404(code)
    return pdf_response(
        lambda: notice_pdf(
            version=version, center_name=page_context(request)["center_name"], on_date=clock.today()
        ),
        filename=f"notice-{version.item.implementation_code}.pdf",
    )


def _readable(request, version: ItemVersion) -> bool:
    """The public reads files of versions in force; catalog staff also those of items they can see."""
    if selectors.versions_in_force(on_date=clock.today()).filter(pk=version.pk).exists():
        return True
    return (
        request.user.is_authenticated
        and user_has_role(request.user, *CATALOG_READERS)
        and selectors.item_visible_to(request.user).filter(pk=version.item_id).exists()
    )


@require_GET
def material_file(request, material_id: int, kind: str):
    """A material's blank form (kind "form") or filled sample ("sample"), named after the material."""
    if kind not in ("form", "sample"):
        raise Http404
    material = Material.objects.select_related("version__item").filter(pk=material_id).first()
    if material is None or not _readable(request, material.version):
        raise Http404
    stored = material.blank_form if kind == "form" else material.sample_form
    suffix = _("空白表") if kind == "form" else _("填写范本")
    return file_response(stored, download_name=f"{material.name}（{suffix}）")


@require_GET
def result_sample(request, version_id: int):
    version = ItemVersion.objects.select_related("item").filter(pk=version_id).first()
    if version is None or not _readable(request, version):
        raise Http404
    return file_response(
        version.result_sample, download_name=f"{version.result_name or version.name}（{_('样本')}）"
    )


# Kiosk --------------------------------------------------------------------------------------


def _kiosk(request, template: str, context: dict):
    context |= {"idle_seconds": settings.ONEWINDOW_KIOSK_IDLE_SECONDS}
    return render(request, f"portal/kiosk/{template}", context)


@require_GET
def kiosk_home(request):
    return _kiosk(request, "home.html", {"themes": selectors.themes_with_counts(on_date=clock.today())})


@require_GET
def kiosk_audience(request, audience: str):
    if audience not in Audience.values:
        raise Http404
    themes = selectors.themes_with_counts(on_date=clock.today())[audience]
    return _kiosk(request, "themes.html", {"audience": Audience(audience), "themes": themes})


@require_GET
def kiosk_departments(request):
    return _kiosk(
        request, "departments.html", {"departments": selectors.departments_in_guide(on_date=clock.today())}
    )


@require_GET
def kiosk_list(request):
    """Items of one theme or one department, as large buttons."""
    filters = _filters(request)
    if not (filters["theme_id"] or filters["department_id"]):
        raise Http404
    browse = selectors.guide_browse(on_date=clock.today(), **filters)
    return _kiosk(
        request,
        "list.html",
        {
            "versions": SimpleLazyObject(lambda: browse.results[:KIOSK_LIST_SIZE]),
            "title": lambda: _list_title(browse, filters),
            # The list is rendered once per catalog revision, day, address and language.
            "cache_key": (browse.revision, browse.on_date.isoformat(), request.GET.urlencode()),
            "cache_seconds": selectors.CACHE_SECONDS,
        },
    )


def _list_title(browse, filters) -> str:
    """The name of the theme, or else of the department, a kiosk list is of."""
    if filters["theme_id"]:
        entries = [theme for themes in browse.themes.values() for theme in themes]
        wanted = filters["theme_id"]
    else:
        entries, wanted = browse.departments, filters["department_id"]
    return next((entry.name for entry in entries if entry.pk == wanted), "")


@require_GET
def kiosk_item(request, code: str):
    return _kiosk(request, "item.html", {"version": _in_force_or_404(code)})
