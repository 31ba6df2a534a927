from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.common.forms import DateInput
from onewindow.common.parsing import BadInput, parse_date


class YearOpenForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=1990, max_value=2200)


class ArrangementForm(forms.Form):
    name = forms.CharField(label=_("节日"), max_length=60, help_text=_("如：春节、国庆节"))
    first_date = forms.DateField(label=_("放假开始"), widget=DateInput())
    last_date = forms.DateField(label=_("放假结束（含）"), widget=DateInput())
    makeup_dates = forms.CharField(
        label=_("调休上班日"),
        required=False,
        help_text=_("周六或周日，多个日期用逗号或空格分隔，如 2027-02-06, 2027-02-20"),
    )

    def clean_makeup_dates(self):
        text = self.cleaned_data["makeup_dates"].replace("，", ",").replace("、", ",")
        dates, errors = [], []
        for part in [piece.strip() for piece in text.replace(" ", ",").split(",") if piece.strip()]:
            try:
                dates.append(parse_date(part, label=str(_("调休上班日"))))
            except BadInput as error:
                errors.append(str(error))
        if errors:
            raise forms.ValidationError(errors)
        return dates


class PublishForm(forms.Form):
    notice_reference = forms.CharField(
        label=_("通知文号"), max_length=100, required=False, help_text=_("如：国办发明电〔2026〕X号")
    )
