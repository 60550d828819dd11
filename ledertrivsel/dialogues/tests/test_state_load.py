"""The one-statement load of a dialogue's state gives exactly what the ORM gives."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.models import Dialogue, Dot, NextStep, Participant, Pick, PrioritisedTheme
from ledertrivsel.dialogues.state import DialogueState

from .conftest import go_to, join


def fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_load_reads_every_table_in_one_statement_with_the_orms_values(dialogue, host):
    anna, anna_actor = join(dialogue, "Anna")
    bo, bo_actor = join(dialogue, "Bø Ærlig")
    go_to(host, dialogue, "pick")
    actions.pick(anna_actor, dialogue.pk, "maal")
    actions.save_reason(anna_actor, dialogue.pk, 'Mål "med" anførselstegn\nog linjeskift')
    go_to(host, dialogue, "prioritise")
    actions.add_dot(bo_actor, dialogue.pk, "maal")
    actions.add_dot(anna_actor, dialogue.pk, "sygefravaer")
    actions.confirm_themes(host, dialogue.pk, ["maal"])
    go_to(host, dialogue, "next_steps")
    actions.save_next_step(host, dialogue.pk, "maal", {"why": "Fordi", "deadline": (timezone.localdate()).isoformat()})
    actions.remove_participant(host, dialogue.pk, bo.pk)

    with CaptureQueriesContext(connection) as queries:
        state = DialogueState.load(dialogue.pk)
        loaded = [state.dialogue, *state.participants, *state.picks.values(), *state.dots, *state.themes, *state.next_steps]
    assert len(queries.captured_queries) == 1

    expected = [
        Dialogue.objects.get(pk=dialogue.pk),
        *Participant.objects.filter(dialogue=dialogue, removed_at=None).order_by("joined_at", "id"),
        *Pick.objects.filter(dialogue=dialogue),
        *Dot.objects.filter(dialogue=dialogue).order_by("id"),
        *PrioritisedTheme.objects.filter(dialogue=dialogue).order_by("position"),
        *NextStep.objects.filter(dialogue=dialogue),
    ]
    assert [fields(instance) for instance in loaded] == [fields(instance) for instance in expected]
    assert [type(instance) for instance in loaded] == [type(instance) for instance in expected]
    assert state.dialogue.stage_started_at.tzinfo is not None and state.dialogue.anonymous is False
