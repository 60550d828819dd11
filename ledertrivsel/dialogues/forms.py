from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ledertrivsel.lib.forms import BoundedModelChoiceField
from ledertrivsel.organisations.models import Group, Organisation

from .models import Dialogue


class StartDialogueForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("Shown on the shared screen and the phones, e.g. “Top management, March”."),
        error_messages={"required": _("Give the dialogue a title.")},
    )
    organisation = BoundedModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None)
    group = BoundedModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("No group"),
        help_text=_(
            "The action plan made in this dialogue belongs to the group. "
            "At the group's next dialogue, the plan is followed up before the cards are laid out."
        ),
        error_messages={"invalid_choice": _("Choose one of the groups in the list: the groups of the organisations you facilitate in.")},
    )
    minutes = forms.TypedChoiceField(label=_("Time frame"), coerce=int, help_text=_("The timer of each step is fitted to it."))
    anonymous = forms.BooleanField(
        label=_("Anonymous: show picks and dots without names"),
        required=False,
        help_text=_("Participants see on their phones that the dialogue is anonymous."),
    )

    def __init__(self, *args, tool, organisations, led_groups=None, **kwargs):
        """`organisations`: where the user facilitates (any group); `led_groups`: the leader
        groups a chief may start this tool with (only those, in any other organisation)."""
        super().__init__(*args, **kwargs)
        if tool.number == 2:  # the example title names a leader group, not the top management
            self.fields["title"].help_text = _("Shown on the shared screen and the phones, e.g. “Leader group North, March”.")
        self.facilitated = organisations
        self.led_groups = led_groups if led_groups is not None else Group.objects.none()
        organisations = Organisation.objects.filter(Q(pk__in=organisations) | Q(groups__in=self.led_groups)).distinct()
        self.fields["organisation"].queryset = organisations
        single = organisations.count() == 1
        if single:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()
        choices = sorted({tool.min_minutes, tool.max_minutes, *range(tool.min_minutes, tool.max_minutes + 1, 15)})
        self.fields["minutes"].choices = [(minutes, _("%(minutes)s minutes") % {"minutes": minutes}) for minutes in choices]
        self.fields["minutes"].initial = tool.max_minutes
        self._offer_groups(single)

    def _offer_groups(self, single: bool) -> None:
        groups = (
            Group.objects.filter(Q(organisation__in=self.facilitated) | Q(pk__in=self.led_groups))
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        if not groups.exists():
            del self.fields["group"]  # no groups yet: nothing to choose
            return
        self.fields["group"].queryset = groups
        if not self.facilitated.exists():  # a chief: the dialogue is always one of their groups'
            self.fields["group"].required = False  # checked in clean(), with a message for a chief
            self.fields["group"].empty_label = None
            self.fields["group"].label = _("Leader group")
            self.fields["group"].help_text = _(
                "The leader groups you are the chief of. The action plan made in this dialogue belongs to the group, "
                "and it is followed up at the group's next dialogue."
            )
        if not single:  # the same group name may be in two organisations
            self.fields["group"].label_from_instance = lambda group: f"{group.organisation.name}: {group.name}"

    def clean(self):
        cleaned = super().clean()
        group, organisation = cleaned.get("group"), cleaned.get("organisation")
        if group is not None and organisation is not None and group.organisation_id != organisation.pk:
            self.add_error(
                "group",
                _("The group %(group)s belongs to another organisation than %(organisation)s. Choose one of its own groups.")
                % {"group": group.name, "organisation": organisation.name},
            )
        elif organisation is not None and not self.facilitated.filter(pk=organisation.pk).exists():
            if group is None or not self.led_groups.filter(pk=group.pk).exists():
                self.add_error("group", _("Choose the leader group you are the chief of: a chief runs this dialogue with their own leader group."))
        return cleaned


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
