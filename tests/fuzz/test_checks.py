"""The fuzz tests' own checks notice what they are there to notice."""

import pytest

from ledertrivsel.dialogues.models import Participant

from .test_forms import _DANISH, messages_shown
from .world import assert_unchanged, snapshot


def test_a_change_to_any_row_of_the_other_organisation_is_noticed(other):
    before = snapshot(other.organisation)
    Participant.objects.filter(pk=other.participants[0].pk).update(name="Anne")
    with pytest.raises(AssertionError, match="dialogues.Participant"):
        assert_unchanged(before, snapshot(other.organisation))


def test_a_new_row_in_the_other_organisation_is_noticed(other):
    before = snapshot(other.organisation)
    other.group.members.add(other.chief)
    with pytest.raises(AssertionError, match="Group_members"):
        assert_unchanged(before, snapshot(other.organisation))


@pytest.mark.parametrize("message", ["Enter a valid date.", "This field is required.", "Select a valid choice. That choice is not one of the available choices."])
def test_an_untranslated_message_is_not_taken_for_danish(message):
    assert not _DANISH.search(message)


@pytest.mark.parametrize("message", ["Indtast en gyldig dato.", "Dette felt er påkrævet.", "Skriv koden, der står på den fælles skærm."])
def test_a_danish_message_is_recognised(message):
    assert _DANISH.search(message)


def test_every_kind_of_error_on_a_page_is_found():
    html = (
        '<ul class="field__errors" id="id_x_errors"><li>Skriv dit navn.</li></ul>'
        '<div class="alert alert--error" role="alert"><p>Formularen var forældet.</p></div>'
        '<p class="notice notice--error">Den status findes ikke.</p>'
        '<div class="form-errors" role="alert" tabindex="-1"><p>Vælg gruppen.</p></div>'
    )
    assert messages_shown(html) == ["Skriv dit navn.", "Formularen var forældet.", "Den status findes ikke.", "Vælg gruppen."]
