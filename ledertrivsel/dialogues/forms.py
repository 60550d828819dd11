from django import forms
from django.utils.translation import gettext_lazy as _

from ledertrivsel.organisations.models import Organisation

from .models import Dialogue


class StartDialogueForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("Shown on the shared screen and the phones, e.g. “Top management, March”."),
        error_messages={"required": _("Give the dialogue a title.")},
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None)
    minutes = forms.TypedChoiceField(label=_("Time frame"), coerce=int, help_text=_("The timer of each step is fitted to it."))
    anonymous = forms.BooleanField(
        label=_("Anonymous: show picks and dots without names"),
        required=False,
        help_text=_("Participants see on their phones that the dialogue is anonymous."),
    )

    def __init__(self, *args, tool, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()
        choices = sorted({tool.min_minutes, tool.max_minutes, *range(tool.min_minutes, tool.max_minutes + 1, 15)})
        self.fields["minutes"].choices = [(minutes, _("%(minutes)s minutes") % {"minutes": minutes}) for minutes in choices]
        self.fields["minutes"].initial = tool.max_minutes


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        error_messages={"required": _("Write the code shown on the shared screen.")},
        widget=forms.TextInput(attrs={"maxlength": 10, "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "inputmode": "text"}),
        help_text=_("Six letters and digits, shown on the shared screen."),
    )
    name = forms.CharField(
        label=_("Your name"),
        error_messages={"required": _("Write your name, so the others know who you are.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "maxlength": Dialogue.NAME_MAX}),
        help_text=_("Shown to the others in the dialogue."),
    )
