"""Serving stored files through views that check who may read them (no public MEDIA URL)."""

from django.http import FileResponse, Http404


def file_response(stored, *, download_name: str) -> FileResponse:
    """The stored file as an attachment named `download_name` plus its extension; 404 if missing."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    extension = stored.name.rsplit(".", 1)[-1].lower() if "." in stored.name else ""
    return FileResponse(
        handle, as_attachment=True, filename=f"{download_name}.{extension}" if extension else download_name
    )
