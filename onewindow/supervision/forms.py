from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.org.models import Department, Staff
from onewindow.supervision.models import Finding, Order


class OrderForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=Order.Kind.choices, initial=Order.Kind.ORDER)
    subject = forms.CharField(label=_("事由"), max_length=200)
    body = forms.CharField(label=_("督办要求"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    reply_days = forms.IntegerField(label=_("回复期限（工作日）"), min_value=1, max_value=60, initial=3)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("落实情况"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    attachment = forms.FileField(label=_("附件"), required=False)


class ReviewForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("审核"),
        choices=[("1", _("采纳，办结")), ("0", _("退回重新回复"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    comment = forms.CharField(label=_("审核意见"), max_length=500, required=False)


class ExplainForm(forms.Form):
    explanation = forms.CharField(
        label=_("情况说明"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("问责方式"), choices=Finding.Kind.choices)
    department = forms.ModelChoiceField(label=_("部门"), queryset=Department.objects.none(), required=False)
    staff = forms.ModelChoiceField(label=_("或：工作人员"), queryset=Staff.objects.none(), required=False)
    basis = forms.CharField(label=_("问责依据"), max_length=2000)
    evidence = forms.CharField(
        label=_("事实与证据"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, departments, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["staff"].queryset = staff


class AppealForm(forms.Form):
    text = forms.CharField(label=_("申诉理由"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class AppealDecisionForm(forms.Form):
    uphold = forms.TypedChoiceField(
        label=_("复核"),
        choices=[("1", _("维持")), ("0", _("撤销"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    decision = forms.CharField(label=_("复核意见"), max_length=2000)
