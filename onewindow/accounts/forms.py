"""Applicant sign-up: a person's own account for online applications and "my cases"."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy

from onewindow.accounts.models import User
from onewindow.cases.services import PHONE
from onewindow.common import clock, identifiers


class SignupForm(UserCreationForm):
    full_name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    id_card_number = forms.CharField(label=gettext_lazy("身份证号码"), max_length=18)
    phone = forms.CharField(
        label=gettext_lazy("手机号码"), max_length=11, help_text=gettext_lazy("办件进度短信发到这里")
    )
    email = forms.EmailField(label=gettext_lazy("电子邮箱"), required=False)

    class Meta:
        model = User
        fields = ("username", "full_name", "id_card_number", "phone", "email")
        labels = {"username": gettext_lazy("登录名")}

    def clean_id_card_number(self):
        try:
            number = identifiers.normalize_id_card_number(
                self.cleaned_data["id_card_number"], today=clock.today()
            )
        except identifiers.InvalidIdentifier as error:
            raise forms.ValidationError(str(error)) from None
        if User.objects.filter(id_card_number=number).exists():
            raise forms.ValidationError(
                gettext_lazy("无法用该身份证号码注册。如已注册，请直接登录或到窗口找回账户。")
            )
        return number

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone) or not phone.startswith("1"):
            raise forms.ValidationError(gettext_lazy("请填写11位手机号码。"))
        return phone
