from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ledertrivsel.organisations.access import can_facilitate
from ledertrivsel.organisations.models import Membership

from .models import Dialogue, Participant


def facilitated_dialogue(request, dialogue_id: int) -> Dialogue:
    """The dialogue if the user may run it. Someone else in its organisation is refused (403,
    "not for your role"); anyone outside it is told it does not exist (404)."""
    dialogue = get_object_or_404(Dialogue.objects.select_related("tool", "organisation"), pk=dialogue_id)
    if not can_facilitate(request.user, dialogue.organisation_id):
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
