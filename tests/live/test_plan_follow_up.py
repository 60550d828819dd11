"""Step 0 over real WebSockets: the group's last plan is updated live from the shared screen."""

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.organisations.models import Group
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan, PlanChange


def test_a_status_set_on_the_shared_screen_reaches_the_phones_and_the_plan(world):
    group = Group.objects.create(organisation=world.organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT, facilitator=world.user)
    plan = ActionPlan.objects.create(
        organisation=world.organisation, group=group, tool=Tool.objects.get(number=1), title="Direktionen, marts", created_by=world.user
    )
    card = ActionCard.objects.create(plan=plan, position=1, theme="Overbelastning og stress")
    action = Action.objects.create(card=card, position=1, description="Kortlæg ledernes opgaver", responsible="Åse")
    dialogue = actions.create_dialogue(
        user=world.user, organisation=world.organisation, tool=plan.tool, title="Direktionen, juni", minutes=60, anonymous=False, group=group
    )
    _, anna = world.join("Anna", dialogue)
    screen = world.screen(dialogue)
    screen.send(action="go", direction="1")
    first = screen.wait_for(r"Opfølgning på sidste handleplan")
    assert "Trin 0 af 5" in first and "Kortlæg ledernes opgaver" in first
    phone = anna.wait_for(r"Opfølgning på sidste handleplan")
    assert "Ikke startet" in phone and "action_status" not in phone

    screen.send(action="action_status", plan_action=str(action.pk), status="in_progress")
    assert 'aria-pressed="true"' in screen.wait_for(r"status-button--in_progress\" aria-pressed=\"true\"")
    assert "status-pill--in_progress" in anna.wait_for(r"status-pill--in_progress")
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert PlanChange.objects.get(what="status_changed").dialogue_id == dialogue.pk

    screen.send(action="go", direction="1")
    assert "Trin 1 af 5" in anna.wait_for(r"Trin 1 af 5")
