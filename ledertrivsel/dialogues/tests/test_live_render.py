"""The pushes' shortcuts (shared renders, raw reads) must show exactly what a fresh render shows."""

import datetime

from django.utils import translation

from ledertrivsel.dialogues import actions, live_render
from ledertrivsel.dialogues.models import Dialogue, Dot
from ledertrivsel.dialogues.state import DialogueState
from ledertrivsel.lib.memo import Memo

from .conftest import go_to, join


def fresh_phone_main(dialogue_id, participant_id) -> str:
    state = DialogueState.load(dialogue_id)
    return live_render._render_phone_main(state, state.person(participant_id), True)


def shared_phone_main(dialogue_id, participant_id) -> str:
    state = DialogueState.load(dialogue_id)
    return live_render.render_phone_main(state, state.person(participant_id))


def test_a_shared_phone_view_matches_a_fresh_one_in_every_step(host, dialogue):
    anna, anna_acts = join(dialogue, "Anna")
    bo, bo_acts = join(dialogue, "Bo")
    for kind in ("cards", "pick", "reasons", "prioritise", "next_steps"):
        go_to(host, dialogue, kind)
        if kind == "pick":
            actions.pick(anna_acts, dialogue.pk, "onboarding")
        if kind == "prioritise":
            actions.add_dot(anna_acts, dialogue.pk, "maal")
            actions.add_dot(anna_acts, dialogue.pk, "maal")
            actions.confirm_themes(host, dialogue.pk, ["maal"])
        for person in (anna, bo):
            for language in ("da", "en"):
                with translation.override(language):
                    shared = shared_phone_main(dialogue.pk, person.pk)
                    assert shared == fresh_phone_main(dialogue.pk, person.pk), (kind, person.name, language)
                    assert shared_phone_main(dialogue.pk, person.pk) == shared


def test_a_phone_view_follows_its_own_dots_and_the_lock(host, dialogue):
    anna, anna_acts = join(dialogue, "Anna")
    go_to(host, dialogue, "prioritise")
    before = shared_phone_main(dialogue.pk, anna.pk)
    actions.add_dot(anna_acts, dialogue.pk, "prioritering")
    after_dot = shared_phone_main(dialogue.pk, anna.pk)
    assert after_dot != before
    assert "Du har 2 prikker tilbage" in after_dot
    actions.set_locked(host, dialogue.pk, True)
    assert shared_phone_main(dialogue.pk, anna.pk) == fresh_phone_main(dialogue.pk, anna.pk) != after_dot


def test_a_written_reason_is_never_kept_in_the_shared_renders(host, dialogue):
    anna, anna_acts = join(dialogue, "Anna")
    go_to(host, dialogue, "pick")
    actions.pick(anna_acts, dialogue.pk, "indflydelse")
    actions.save_reason(anna_acts, dialogue.pk, "Vi mangler tid til ledelse")
    state = DialogueState.load(dialogue.pk)
    assert live_render.phone_main_key(state, state.person(anna.pk)) is None
    assert "Vi mangler tid til ledelse" in shared_phone_main(dialogue.pk, anna.pk)


def test_the_tally_counts_every_dot_and_marks_confirmed_themes(host, dialogue):
    _anna, anna_acts = join(dialogue, "Anna")
    _bo, bo_acts = join(dialogue, "Bo")
    go_to(host, dialogue, "prioritise")
    actions.add_dot(anna_acts, dialogue.pk, "mening")
    actions.add_dot(bo_acts, dialogue.pk, "mening")
    actions.add_dot(bo_acts, dialogue.pk, "forandringer")
    actions.confirm_themes(host, dialogue.pk, ["forandringer"])
    with translation.override("da"):
        html = live_render.render_tally_rows(DialogueState.load(dialogue.pk))
    rows = html.split("</li>")[:-1]
    assert len(rows) == 16
    assert 'value="mening"' in rows[0] and "2 prikker" in rows[0] and 'width="100"' in rows[0]
    assert 'value="forandringer"' in rows[1] and "1 prik" in rows[1] and 'width="50"' in rows[1] and "checked" in rows[1]
    assert all("0 prikker" in row and "checked" not in row for row in rows[2:])


def test_raw_reads_convert_columns_as_the_orm_does(host, dialogue):
    _anna, anna_acts = join(dialogue, "Anna")
    go_to(host, dialogue, "prioritise")
    actions.add_dot(anna_acts, dialogue.pk, "ledersparring")
    state = DialogueState.load(dialogue.pk)
    orm = Dialogue.objects.get(pk=dialogue.pk)
    assert state.dialogue.stage_started_at == orm.stage_started_at
    assert isinstance(state.dialogue.stage_started_at, datetime.datetime) and state.dialogue.stage_started_at.tzinfo
    assert state.dialogue.revealed is True and state.dialogue.locked is False
    assert [(dot.participant_id, dot.card.key) for dot in state.dots] == [(dot.participant_id, dot.card.key) for dot in Dot.objects.all()]


def test_taking_a_dot_off_removes_only_the_newest_on_that_card(host, dialogue):
    anna, anna_acts = join(dialogue, "Anna")
    go_to(host, dialogue, "prioritise")
    actions.add_dot(anna_acts, dialogue.pk, "support")
    actions.add_dot(anna_acts, dialogue.pk, "support")
    actions.add_dot(anna_acts, dialogue.pk, "anerkendelse")
    oldest = Dot.objects.filter(card__key="support").order_by("created_at", "id").first()
    actions.remove_dot(anna_acts, dialogue.pk, "support")
    assert sorted(Dot.objects.values_list("card__key", flat=True)) == ["anerkendelse", "support"]
    assert Dot.objects.filter(pk=oldest.pk).exists()


def test_the_memo_forgets_the_least_recently_used_first():
    memo = Memo(2)
    made = []

    def make(value):
        made.append(value)
        return value

    memo.get("a", lambda: make("A"))
    memo.get("b", lambda: make("B"))
    assert memo.get("a", lambda: make("A again")) == "A"  # a is now the most recent
    memo.get("c", lambda: make("C"))  # forgets b
    assert memo.get("b", lambda: make("B again")) == "B again"
    assert made == ["A", "B", "C", "B again"]


def test_after_a_dot_phones_get_the_new_count_and_after_a_step_the_whole_status(host, dialogue):
    from ledertrivsel.dialogues import events
    from ledertrivsel.dialogues.hub import render_phone_common

    anna, anna_acts = join(dialogue, "Anna")
    join(dialogue, "Bo")
    go_to(host, dialogue, "prioritise")
    actions.add_dot(anna_acts, dialogue.pk, "maal")
    state = DialogueState.load(dialogue.pk)
    dot_push = render_phone_common(state, {"scopes": {events.PEOPLE}})
    assert "1 af 6 prikker er sat." in dot_push and 'id="phone-progress" hx-swap-oob="true"' in dot_push
    assert "phone-step-heading" not in dot_push  # the heading and the step's text have not changed
    step_push = render_phone_common(state, {"scopes": {events.ALL}})
    assert "phone-step-heading" in step_push and "1 af 6 prikker er sat." in step_push
    assert 'id="phone-progress" hx-swap-oob' not in step_push  # swapped with the status around it


def test_each_pushed_part_is_marked_for_swapping_once_and_nothing_inside_it(host, dialogue):
    anna, anna_acts = join(dialogue, "Anna")
    for kind in ("cards", "pick", "reasons", "prioritise", "next_steps"):
        go_to(host, dialogue, kind)
        if kind == "prioritise":
            actions.confirm_themes(host, dialogue.pk, ["maal"])
        state = DialogueState.load(dialogue.pk)
        screen = live_render.render_screen(state)
        assert screen.count('hx-swap-oob="true"') == len(live_render.SCREEN_PARTS), kind
        assert live_render.render_phone_status(state).count('hx-swap-oob="true"') == 1, kind
        assert "&quot;true&quot;" not in screen
