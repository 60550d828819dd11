from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledertrivsel.lib.people import display_name
from ledertrivsel.lib.text import clean_line, clean_text
from ledertrivsel.plans.forms import DATE_ERRORS, DATE_WIDGET

from .models import Agreement, OneOnOne, Preparation


class InviteForm(forms.Form):
    """The chief invites one of their leaders to a 1-1."""

    leader = forms.ChoiceField(label=_("Leader"), error_messages={"required": _("Choose the leader.")})
    planned_for = forms.DateField(
        label=_("Date of the conversation"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS,
        help_text=_("Give the leader time to prepare: a week is good."),
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaders = {str(person.pk): (person, group) for person, group in leaders}
        self.fields["leader"].choices = [("", _("Choose a leader"))] + [
            (key, f"{display_name(person)} · {group.name}") for key, (person, group) in self.leaders.items()
        ]
        self.fields["leader"].error_messages["invalid_choice"] = _("Choose one of the leaders in your leader groups.")

    def clean_planned_for(self):
        day = self.cleaned_data.get("planned_for")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("The date has already passed. Choose a date from today on."))
        return day

    def chosen(self):
        return self.leaders[self.cleaned_data["leader"]]


class PreparationForm(forms.Form):
    cards = forms.MultipleChoiceField(label=_("Cards"), required=False, widget=forms.CheckboxSelectMultiple)
    bring = forms.MultipleChoiceField(label=_("Bring into the conversation"), required=False, widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(
        label=_("Your private notes"), required=False, max_length=Preparation._meta.get_field("notes").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you can ever read these notes: not your chief, not HR, not an administrator."),
        error_messages={"max_length": _("Keep the notes to %(limit_value)s characters; they have %(show_value)s.")},
    )

    def __init__(self, *args, deck, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(card.pk), card.title) for card in deck]
        self.fields["cards"].choices = choices
        self.fields["bring"].choices = choices
        for name in ("cards", "bring"):
            self.fields[name].error_messages["invalid_choice"] = _("One of the cards is not in this deck. Reload the page and choose again.")

    def clean_notes(self):
        return clean_text(self.cleaned_data.get("notes"))


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["what", "owner", "due"]
        widgets = {"due": DATE_WIDGET, "what": forms.TextInput(attrs={"autocomplete": "off"})}
        help_texts = {"what": _("One concrete action, e.g. “Lis gets a fixed sparring hour with Carl every other week”.")}
        error_messages = {
            "what": {"required": _("Write what you agree."), "max_length": _("Keep the agreement to %(limit_value)s characters; it has %(show_value)s.")},
            "owner": {"required": _("Choose whose agreement it is."), "invalid_choice": _("Choose whose agreement it is.")},
            "due": DATE_ERRORS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Choose whose"))] + list(Agreement.Owner.choices)

    def clean_what(self):
        what = clean_line(self.cleaned_data.get("what"))
        if not what:
            raise forms.ValidationError(_("Write what you agree."))
        return what


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = OneOnOne
        fields = ["follow_up_date", "shareable"]
        widgets = {"follow_up_date": DATE_WIDGET, "shareable": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "shareable": _("Write only what you both agree may be told to others, e.g. to the leader group or HR. Leave it empty and nothing is shared."),
        }
        error_messages = {
            "follow_up_date": DATE_ERRORS,
            "shareable": {"max_length": _("Keep it to %(limit_value)s characters; it has %(show_value)s.")},
        }

    def clean_shareable(self):
        return clean_text(self.cleaned_data.get("shareable"))
