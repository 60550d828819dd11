"""Step 0 of a group's next dialogue: the last action plan is followed up before the cards."""

import pytest

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.models import Dialogue
from ledertrivsel.dialogues.live_render import render_phone_status, screen_context
from ledertrivsel.dialogues.state import DialogueState
from ledertrivsel.dialogues.timing import suggested_minutes
from ledertrivsel.organisations.models import Group, Organisation
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan, PlanChange

from .conftest import join


@pytest.fixture
def group(organisation, facilitator):
    return Group.objects.create(organisation=organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT, facilitator=facilitator)


@pytest.fixture
def last_plan(organisation, group, facilitator):
    plan = ActionPlan.objects.create(
        organisation=organisation, group=group, tool=Tool.objects.get(number=1), title="Direktionen, marts", created_by=facilitator
    )
    card = ActionCard.objects.create(plan=plan, position=1, theme="Overbelastning og stress")
    Action.objects.create(card=card, position=1, description="Kortlæg ledernes opgaver", responsible="Åse")
    Action.objects.create(card=card, position=2, description="Aftal sparring", responsible="Bo", status=Action.Status.IN_PROGRESS)
    return plan


def start(facilitator, organisation, group=None):
    return actions.create_dialogue(
        user=facilitator, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen, juni", minutes=60,
        anonymous=False, group=group,
    )


def test_the_groups_next_dialogue_opens_with_the_follow_up_as_step_0(facilitator, organisation, group, last_plan, host):
    dialogue = start(facilitator, organisation, group)
    assert dialogue.follow_up_plan == last_plan
    actions.go_to_stage(host, dialogue.pk, "1")
    state = DialogueState.load(dialogue.pk)
    assert state.kind == "plan_follow_up"
    assert (state.step_number, state.step_total) == (0, 5)
    assert [item["number"] for item in state.stepper] == [0, 1, 2, 3, 4, 5]
    screen = screen_context(state, "http://testserver")
    actions.go_to_stage(host, dialogue.pk, "1")
    assert DialogueState.load(dialogue.pk).kind == "cards"
    assert DialogueState.load(dialogue.pk).step_number == 1
    assert screen["state"].follow_up.total == 2


def test_the_timer_gives_the_follow_up_its_share_of_the_time_frame(facilitator, organisation, group, last_plan):
    state = DialogueState.load(start(facilitator, organisation, group).pk)
    minutes = state.minutes_per_step
    assert len(minutes) == 6 and sum(minutes) == 60
    assert minutes == suggested_minutes(["plan_follow_up", "cards", "pick", "reasons", "prioritise", "next_steps"], 60)


def test_without_a_group_or_a_plan_with_actions_there_is_no_step_0(facilitator, organisation, group, last_plan):
    assert start(facilitator, organisation).follow_up_plan is None
    Action.objects.filter(card__plan=last_plan).delete()
    assert start(facilitator, organisation, group).follow_up_plan is None


def test_the_latest_plan_of_the_group_is_followed_up(facilitator, organisation, group, last_plan):
    newer = ActionPlan.objects.create(organisation=organisation, group=group, tool=last_plan.tool, title="Juni", created_by=facilitator)
    Action.objects.create(card=ActionCard.objects.create(plan=newer, position=1, theme="Sparring"), description="Ny handling")
    assert start(facilitator, organisation, group).follow_up_plan == newer


def test_a_group_of_another_organisation_is_refused(facilitator, organisation):
    other = Organisation.objects.create(name="Nabokommune", slug="nabokommune")
    foreign = Group.objects.create(organisation=other, name="MED", kind=Group.Kind.MED)
    with pytest.raises(actions.DialogueError, match="hører til en anden organisation"):
        start(facilitator, organisation, foreign)


def test_the_facilitator_updates_a_status_live_and_the_plan_remembers_it(facilitator, organisation, group, last_plan, host):
    dialogue = start(facilitator, organisation, group)
    actions.go_to_stage(host, dialogue.pk, "1")
    first = Action.objects.get(description="Kortlæg ledernes opgaver")
    version = DialogueState.load(dialogue.pk).dialogue.version
    actions.set_action_status(host, dialogue.pk, first.pk, "done")
    first.refresh_from_db()
    assert first.status == Action.Status.DONE
    change = PlanChange.objects.get(what=PlanChange.What.STATUS_CHANGED)
    assert (change.user, change.dialogue_id, change.details) == (facilitator, dialogue.pk, [{"field": "status", "before": "not_started", "after": "done"}])
    state = DialogueState.load(dialogue.pk)
    assert state.dialogue.version == version + 1  # so every screen re-renders
    assert state.follow_up.done == 1


def test_phones_read_the_plan_but_cannot_change_it(facilitator, organisation, group, last_plan, host):
    dialogue = start(facilitator, organisation, group)
    participant, anna = join(dialogue, "Anna")
    actions.go_to_stage(host, dialogue.pk, "1")
    action = Action.objects.get(description="Aftal sparring")
    with pytest.raises(actions.DialogueError, match="kun tovholderen"):
        actions.set_action_status(anna, dialogue.pk, action.pk, "done")
    html = render_phone_status(DialogueState.load(dialogue.pk))
    assert "Aftal sparring" in html and "I gang" in html
    assert "action_status" not in html  # no buttons on the phone


@pytest.mark.parametrize(
    ("setup", "status", "message"),
    [
        ("other_plan", "done", "ikke i den handleplan"),
        ("garbage_id", "done", "ikke i den handleplan"),
        ("same", "finished", "Den status findes ikke"),
        ("after_step", "done", "ikke lade sig gøre i dette trin"),
    ],
)
def test_bad_status_changes_are_refused_and_change_nothing(facilitator, organisation, group, last_plan, host, setup, status, message):
    dialogue = start(facilitator, organisation, group)
    actions.go_to_stage(host, dialogue.pk, "1")
    action = Action.objects.get(description="Kortlæg ledernes opgaver")
    target = action.pk
    if setup == "other_plan":
        other = ActionPlan.objects.create(organisation=organisation, group=group, tool=last_plan.tool, title="Andet", created_by=facilitator)
        target = Action.objects.create(card=ActionCard.objects.create(plan=other, position=1, theme="X"), description="Fremmed").pk
    elif setup == "garbage_id":
        target = "1; DROP TABLE"
    elif setup == "after_step":
        actions.go_to_stage(host, dialogue.pk, "1")
    with pytest.raises(actions.DialogueError, match=message):
        actions.set_action_status(host, dialogue.pk, target, status)
    assert set(Action.objects.values_list("status", flat=True)) <= {"not_started", "in_progress"}
    assert not PlanChange.objects.exists()


def test_the_start_form_offers_the_organisations_groups(client, facilitator, organisation, group, last_plan):
    client.force_login(facilitator)
    page = client.get("/redskaber/organisationen/start/").content.decode()
    assert f'<option value="{group.pk}">Direktionen</option>' in page
    response = client.post(
        "/redskaber/organisationen/start/", {"title": "Juni", "minutes": "60", "organisation": organisation.pk, "group": group.pk}
    )
    assert response.status_code == 302
    dialogue = Dialogue.objects.get()
    assert (dialogue.group, dialogue.follow_up_plan) == (group, last_plan)


def test_a_plan_deleted_during_the_dialogue_leaves_the_steps_in_place(facilitator, organisation, group, last_plan, host):
    dialogue = start(facilitator, organisation, group)
    actions.go_to_stage(host, dialogue.pk, "1")
    actions.go_to_stage(host, dialogue.pk, "1")
    last_plan.delete()
    state = DialogueState.load(dialogue.pk)
    assert (state.kind, state.step_number) == ("cards", 1)
