import pytest

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues.timing import suggested_minutes


@pytest.mark.django_db
@pytest.mark.parametrize("number", [1, 2, 3])
def test_the_steps_minutes_add_up_to_every_time_frame_the_tool_allows(number):
    tool = Tool.objects.get(number=number)
    kinds = [step.kind for step in tool.steps.all()]
    for total in range(tool.min_minutes, tool.max_minutes + 1):
        minutes = suggested_minutes(kinds, total)
        assert sum(minutes) == total
        assert all(minute >= 0 for minute in minutes)


def test_the_round_of_reasons_gets_more_time_than_laying_out_the_cards():
    cards, pick, reasons, prioritise, next_steps = suggested_minutes(["cards", "pick", "reasons", "prioritise", "next_steps"], 30)
    assert reasons > pick > cards
    assert (cards, pick, reasons, prioritise, next_steps) == (2, 5, 9, 5, 9)
