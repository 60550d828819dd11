from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from django.db.models import Q

from ledertrivsel.content.models import Tool
from ledertrivsel.organisations.access import can_facilitate, facilitated_organisations, led_groups
from ledertrivsel.organisations.models import Membership

from .models import Dialogue, Participant

# The tool a chief runs with their own leader group ("Fokus på ledergruppen").
CHIEF_TOOL = 2


def chief_tools():
    """The tools a chief may start with their leader group."""
    return Tool.objects.filter(number=CHIEF_TOOL, format=Tool.Format.GROUP)


def can_run(user, dialogue: Dialogue) -> bool:
    """Administrators and facilitators run every dialogue of their organisation; a chief runs
    the tool-2 dialogues of the leader groups they lead, and no other."""
    if can_facilitate(user, dialogue.organisation_id):
        return True
    return (
        dialogue.group_id is not None
        and Tool.objects.filter(pk=dialogue.tool_id, number=CHIEF_TOOL).exists()
        and led_groups(user).filter(pk=dialogue.group_id).exists()
    )


def run_dialogues(user):
    """The dialogues `user` may run (see `can_run`), for "My dialogues"."""
    return Dialogue.objects.filter(
        Q(organisation__in=facilitated_organisations(user)) | Q(group__in=led_groups(user), tool__number=CHIEF_TOOL)
    )


def facilitated_dialogue(request, dialogue_id: int) -> Dialogue:
    """The dialogue if the user may run it. Someone else in its organisation is refused (403,
    "not for your role"); anyone outside it is told it does not exist (404)."""
    dialogue = get_object_or_404(Dialogue.objects.select_related("tool", "organisation"), pk=dialogue_id)
    if not can_run(request.user, dialogue):
        if request.user.is_authenticated and Membership.objects.filter(user=request.user, organisation_id=dialogue.organisation_id).exists():
            raise PermissionDenied
        raise Http404
    return dialogue


def session_participant(request, dialogue: Dialogue) -> Participant | None:
    participant_id = request.session.get("participations", {}).get(str(dialogue.pk))
    if not participant_id:
        return None
    return Participant.objects.filter(pk=participant_id, dialogue=dialogue, removed_at__isnull=True).first()


def remember_participation(request, participant: Participant):
    participations = request.session.get("participations", {})
    participations[str(participant.dialogue_id)] = participant.pk
    request.session["participations"] = participations
