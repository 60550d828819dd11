from django import forms
from django.utils.translation import gettext_lazy as _

from ledertrivsel.lib.text import clean_line, clean_text
from ledertrivsel.organisations.models import Organisation

from .models import DeletionRequest


class DeletionRequestForm(forms.Form):
    note = forms.CharField(
        label=_("A note to the administrators"),
        help_text=_("For example what you want deleted, or why. You can leave it empty."),
        required=False,
        max_length=DeletionRequest.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep the note to %(limit_value)s characters; it has %(show_value)s.")},
    )

    def clean_note(self):
        return clean_text(self.cleaned_data["note"])


class PrivacySettingsForm(forms.ModelForm):
    """What an administrator sets on the data-protection page."""

    class Meta:
        model = Organisation
        fields = ["retention_months", "dpo_contact"]
        error_messages = {
            "retention_months": {
                "required": _("Write how many months dialogues are kept, from 1 to 120."),
                "invalid": _("Write a whole number of months, from 1 to 120."),
                "min_value": _("Dialogues must be kept at least 1 month."),
                "max_value": _("Dialogues can be kept at most 120 months (10 years)."),
            },
            "dpo_contact": {"max_length": _("Keep it to %(limit_value)s characters; it has %(show_value)s.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention_months"].widget.attrs.update({"min": 1, "max": 120, "inputmode": "numeric"})

    def clean_dpo_contact(self):
        return clean_line(self.cleaned_data["dpo_contact"])
