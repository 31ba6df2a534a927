"""Helpers that connect Django forms to services: a service's errors land beside the field."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from onewindow.common.api import DomainError
from onewindow.common.parsing import parse_id


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def error_text(error: Exception) -> str:
    """A service error as one line for a message: a ValidationError's messages joined, or a
    DomainError's message."""
    return "；".join(getattr(error, "messages", [getattr(error, "message", str(error))]))


def add_service_error(form: forms.Form, error: Exception) -> None:
    """Put a service's ValidationError on the matching fields (others on the form), or a DomainError on the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            target = field if field in form.fields else None
            for field_error in field_errors:
                form.add_error(
                    target, field_error.messages[0] if hasattr(field_error, "messages") else str(field_error)
                )
    elif isinstance(error, ValidationError):
        for message in error.messages:
            form.add_error(None, message)
    else:
        form.add_error(None, getattr(error, "message", str(error)))


def submit_form(
    request, form: forms.Form, save: Callable[[dict], object], *, success_url: str, success_message: str
):
    """On a valid POST, call `save(cleaned_data)`; redirect with a message, or return None to re-render."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except (ValidationError, DomainError) as error:
        add_service_error(form, error)
        return None
    messages.success(request, success_message)
    return redirect(success_url)


def apply_form_and_report(
    request, form: forms.Form, save: Callable[[dict], object], *, success_message: Callable[[dict], str]
) -> None:
    """For a small form posted from another page: apply it and report the outcome as a message
    (the page redirects back), instead of re-rendering the form."""
    if not form.is_valid():
        messages.error(request, "；".join(error for errors in form.errors.values() for error in errors))
        return
    try:
        save(form.cleaned_data)
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success_message(form.cleaned_data))


class IdChoiceField(forms.ModelChoiceField):
    """A row by its id: a value that is not a plain id is "not a valid choice" before any query
    (a 30-digit number would overflow the database driver)."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Rows by their ids, each a plain id (see IdChoiceField)."""

    def _check_values(self, value):
        for each in value:
            if parse_id(each) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": each}
                )
        return super()._check_values(value)
