from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledertrivsel.lib.text import clean_line, clean_text

from .models import Action, ActionCard

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Write the date as a date, for example 2027-03-31.")}


class _Cleaned(forms.ModelForm):
    """Strips control characters and stray spaces from every text field, as the live dialogue does."""

    MULTILINE = ()

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = clean_text(value) if name in self.MULTILINE else clean_line(value)
        return cleaned


class ActionCardForm(_Cleaned):
    MULTILINE = ("why", "desired_effect")
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ActionCard
        fields = ["theme", "why", "desired_effect", "involved", "resources", "follow_up_date", "follow_up_forum"]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 4}),
            "desired_effect": forms.Textarea(attrs={"rows": 4}),
            "follow_up_date": DATE_WIDGET,
        }
        error_messages = {
            "theme": {"required": _("Write the theme the action card is about.")},
            "follow_up_date": DATE_ERRORS,
        }
        help_texts = {
            "follow_up_forum": _("Where the group looks at the card again, e.g. “the MED meeting in June”."),
        }

    def clean_theme(self):
        theme = clean_line(self.cleaned_data.get("theme"))
        if not theme:
            raise forms.ValidationError(_("Write the theme the action card is about."))
        return theme


class ActionForm(_Cleaned):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = ["description", "responsible", "responsible_email", "deadline", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "deadline": DATE_WIDGET}
        error_messages = {
            "description": {"required": _("Write what is to be done.")},
            "deadline": DATE_ERRORS,
            "responsible_email": {"invalid": _("Write a whole email address, for example anna@kommune.dk.")},
        }
        help_texts = {
            "responsible_email": _("Used only to send a reminder before the deadline."),
        }

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        changed = self.instance.pk is None or deadline != self.instance.deadline
        # A deadline that has passed can stay on an existing action (it is overdue), but is never set anew.
        if deadline and changed and deadline < timezone.localdate():
            raise forms.ValidationError(
                _("The date %(date)s has already passed. Choose a date from today on.") % {"date": deadline.isoformat()}
            )
        return deadline


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Action.Status.choices)
