from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ledertrivsel.lib.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from ledertrivsel.lib.text import clean_line

from .access import is_last_administrator
from .models import Group, Membership, Unit


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
        fields = ["name", "kind", "facilitator", "chief", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        field_classes = {"facilitator": BoundedModelChoiceField, "chief": BoundedModelChoiceField, "members": BoundedModelMultipleChoiceField}
        error_messages = {"name": {"required": _("Give the group a name, e.g. “Leader group, Elderly care”.")}}
        help_texts = {
            "facilitator": _("Runs the group's dialogues and keeps its action plan up to date."),
            "chief": _("For a leader group: the chief who leads it and holds the 1-1s with its leaders."),
            "members": _("People in the organisation who belong to the group; in a leader group, its leaders."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        people = get_user_model().objects.filter(memberships__organisation=organisation).order_by("first_name", "email")
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = _person
        # One filter() call, so role and organisation are of the same membership.
        User = get_user_model()
        self.fields["facilitator"].queryset = User.objects.filter(
            memberships__organisation=organisation, memberships__role__in=Membership.FACILITATING_ROLES
        ).order_by("first_name", "email")
        self.fields["facilitator"].label_from_instance = _person
        self.fields["facilitator"].empty_label = _("No facilitator yet")
        self.fields["chief"].queryset = User.objects.filter(
            memberships__organisation=organisation, memberships__role=Membership.Role.CHIEF
        ).order_by("first_name", "email")
        self.fields["chief"].label_from_instance = _person
        self.fields["chief"].empty_label = _("No chief")
        # Every group has a kind; most an organisation makes are leader groups.
        self.fields["kind"].choices = Group.Kind.choices
        if not self.instance.pk:
            self.fields["kind"].initial = Group.Kind.LEADER_GROUP

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("chief") and cleaned.get("kind") != Group.Kind.LEADER_GROUP:
            self.add_error("chief", _("Only a leader group has a chief. Choose “Leader group” as the kind, or no chief."))
        return cleaned

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


class InvitationForm(forms.Form):
    """The administrator invites a person by e-mail to take a role."""

    email = forms.EmailField(
        label=_("E-mail"), max_length=254,
        error_messages={"required": _("Write the person's e-mail address."), "invalid": _("Write a whole e-mail address, e.g. anna@kommune.dk.")},
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False, help_text=_("Used in the greeting of the e-mail."))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.LEADER)
    unit = BoundedModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("No unit"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["unit"].queryset = organisation.units.all()
        self.fields["role"].help_text = ROLE_HELP

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(organisation=self.organisation, user__email__iexact=email).exists():
            raise forms.ValidationError(_("%(email)s already has a role in the organisation. Change it in the list of people.") % {"email": email})
        return email

    def clean_name(self):
        return clean_line(self.cleaned_data.get("name"))


class MembershipForm(forms.ModelForm):
    """An administrator changes a person's role or unit."""

    class Meta:
        model = Membership
        fields = ["role", "unit"]
        labels = {"role": _("Role"), "unit": _("Unit")}
        field_classes = {"unit": BoundedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.instance.organisation.units.all()
        self.fields["unit"].empty_label = _("No unit")
        self.fields["role"].help_text = ROLE_HELP

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role != Membership.Role.ADMINISTRATOR and is_last_administrator(self.instance):
            raise forms.ValidationError(_("The organisation needs at least one administrator. Make someone else administrator first."))
        return role


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "parent"]
        labels = {"name": _("Name of the unit"), "parent": _("Part of")}
        field_classes = {"parent": BoundedModelChoiceField}
        help_texts = {"parent": _("The larger unit it belongs to, e.g. an administration.")}
        error_messages = {"name": {"required": _("Give the unit a name, e.g. “Elderly care”.")}}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["parent"].queryset = organisation.units.exclude(pk=self.instance.pk) if self.instance.pk else organisation.units.all()
        self.fields["parent"].empty_label = _("None")

    def clean_name(self):
        name = clean_line(self.cleaned_data.get("name"))
        if not name:
            raise forms.ValidationError(_("Give the unit a name, e.g. “Elderly care”."))
        others = Unit.objects.filter(organisation=self.organisation).exclude(pk=self.instance.pk).values_list("name", flat=True)
        if any(other.casefold() == name.casefold() for other in others):
            raise forms.ValidationError(_("The organisation already has a unit called %(name)s.") % {"name": name})
        return name


class AcceptInvitationForm(forms.Form):
    """A person without an account accepts an invitation: their name and a password."""

    name = forms.CharField(label=_("Your name"), max_length=150, error_messages={"required": _("Write your name.")})
    password1 = forms.CharField(label=_("Choose a password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                error_messages={"required": _("Choose a password.")})
    password2 = forms.CharField(label=_("The password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                error_messages={"required": _("Write the password again.")})

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_name(self):
        name = clean_line(self.cleaned_data.get("name"))
        if not name:
            raise forms.ValidationError(_("Write your name."))
        return name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(username=self.email, email=self.email, first_name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


ROLE_HELP = _(
    "Administrator (HR): manages people, roles and data protection. Facilitator: runs dialogues. "
    "Chief: leads a leader group. Leader: takes part in dialogues and 1-1s."
)

