from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ledertrivsel.lib.text import clean_line

from .models import Group, Membership


class EmailAuthenticationForm(AuthenticationForm):
    """Facilitators log in with their e-mail address, which is also their username."""

    username = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class GroupForm(forms.ModelForm):
    """A group of the organisation: its name, kind, facilitator and members (people with a role there)."""

    class Meta:
        model = Group
        fields = ["name", "kind", "facilitator", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        error_messages = {"name": {"required": _("Give the group a name, e.g. “Leader group, Elderly care”.")}}
        help_texts = {
            "facilitator": _("Runs the group's dialogues and keeps its action plan up to date."),
            "members": _("People in the organisation who belong to the group."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        people = get_user_model().objects.filter(memberships__organisation=organisation).order_by("first_name", "email")
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = _person
        self.fields["facilitator"].queryset = people.filter(memberships__role__in=Membership.FACILITATING_ROLES)
        self.fields["facilitator"].label_from_instance = _person
        self.fields["facilitator"].empty_label = _("No facilitator yet")
        # Every group has a kind; most an organisation makes are leader groups.
        self.fields["kind"].choices = Group.Kind.choices
        if not self.instance.pk:
            self.fields["kind"].initial = Group.Kind.LEADER_GROUP

    def clean_name(self):
        name = clean_line(self.cleaned_data.get("name"))
        if not name:
            raise forms.ValidationError(_("Give the group a name, e.g. “Leader group, Elderly care”."))
        # Compared in Python: SQLite's case-insensitive match knows only ASCII, not Æ/æ.
        others = Group.objects.filter(organisation=self.organisation).exclude(pk=self.instance.pk).values_list("name", flat=True)
        if any(other.casefold() == name.casefold() for other in others):
            raise forms.ValidationError(_("The organisation already has a group called %(name)s.") % {"name": name})
        return name


def _person(user) -> str:
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email
