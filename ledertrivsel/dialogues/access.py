from django.http import Http404
from django.shortcuts import get_object_or_404

from ledertrivsel.organisations.access import can_facilitate

from .models import Dialogue, Participant


def facilitated_dialogue(request, dialogue_id: int) -> Dialogue:
    """The dialogue if the user may run it; otherwise not found (its existence is not revealed)."""
    dialogue = get_object_or_404(Dialogue.objects.select_related("tool", "organisation"), pk=dialogue_id)
    if not can_facilitate(request.user, dialogue.organisation_id):
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
