"""The rules of action plans, at the level every view goes through."""

import pytest

from ledertrivsel.organisations.models import Group
from ledertrivsel.plans import services
from ledertrivsel.plans.forms import ActionCardForm, ActionForm
from ledertrivsel.plans.models import Action, PlanChange
from ledertrivsel.plans.progress import follow_up, open_by_responsible, plan_actions

from .conftest import in_days


def test_a_plan_is_made_from_the_dialogues_themes_and_drafts(ended_dialogue, facilitator):
    plan = services.create_from_dialogue(ended_dialogue, facilitator)
    cards = list(plan.cards.all())
    assert [card.theme for card in cards] == ["Overbelastning og stress", "Ledersparring"]
    first = cards[0]
    assert (first.why, first.desired_effect, first.follow_up_forum) == ("Lederne løber stærkt", "Færre sygemeldinger", "Direktionsmødet")
    assert first.follow_up_date == in_days(60)
    assert [(a.description, a.responsible, a.deadline) for a in first.actions.all()] == [
        ("Kortlæg opgaver", "Åse Ørum", in_days(30)),
        ("Aftal prioriteringer", "Åse Ørum", in_days(30)),
    ]
    assert not cards[1].actions.exists()
    assert plan.group.name == "Direktionen" and plan.dialogue == ended_dialogue
    assert plan.changes.get().what == PlanChange.What.CREATED
    assert services.create_from_dialogue(ended_dialogue, facilitator) == plan  # asking again gives the same plan


def test_a_plan_needs_a_group_in_the_same_organisation(ended_dialogue, facilitator, other_organisation):
    ended_dialogue.group = None
    ended_dialogue.save()
    with pytest.raises(services.PlanError, match="Vælg den gruppe"):
        services.create_from_dialogue(ended_dialogue, facilitator)
    elsewhere = Group.objects.create(organisation=other_organisation, name="MED", kind=Group.Kind.MED)
    with pytest.raises(services.PlanError, match="ikke i denne dialogs organisation"):
        services.create_from_dialogue(ended_dialogue, facilitator, elsewhere)


def test_an_edit_from_an_older_version_is_refused_and_changes_nothing(plan, facilitator, colleague):
    card = plan.cards.get()
    services.update_card(card, colleague, {"why": "Kims tekst"}, version=1)
    with pytest.raises(services.EditConflict) as refused:
        services.update_card(card, facilitator, {"why": "Toves tekst"}, version=1)
    assert "Kim gemte" in refused.value.message
    card.refresh_from_db()
    assert card.why == "Kims tekst" and card.version == 2
    assert refused.value.current.why == "Kims tekst"


def test_every_change_is_in_the_history_with_who_and_what(plan, facilitator):
    action = Action.objects.get(description="Aftal sparring hver måned")
    services.update_action(action, facilitator, {"deadline": in_days(9), "responsible": "Bo Berg"}, version=1)
    services.set_status(action, facilitator, Action.Status.IN_PROGRESS)
    latest, before = plan.changes.all()[:2]
    assert latest.what == PlanChange.What.STATUS_CHANGED and latest.user == facilitator
    assert latest.details == [{"field": "status", "before": "not_started", "after": "in_progress"}]
    assert before.what == PlanChange.What.ACTION_CHANGED
    assert {d["field"]: d["after"] for d in before.details} == {"responsible": "Bo Berg", "deadline": in_days(9).isoformat()}


def test_a_new_deadline_in_the_past_is_refused_with_a_message(plan):
    form = ActionForm({"description": "Ring til HR", "deadline": in_days(-1).isoformat(), "status": "not_started"})
    assert not form.is_valid()
    assert form.errors["deadline"] == [f"Datoen {in_days(-1).isoformat()} er allerede passeret. Vælg en dato fra i dag og frem."]
    # An existing action keeps its passed deadline when something else is edited.
    overdue = Action.objects.get(description="Kortlæg ledernes opgaver")
    form = ActionForm({"description": "Kortlæg alle opgaver", "deadline": overdue.deadline.isoformat(), "status": "in_progress", "version": 1}, instance=overdue)
    assert form.is_valid(), form.errors


def test_an_action_card_without_a_theme_is_refused(plan):
    form = ActionCardForm({"theme": "   ", "version": 1}, instance=plan.cards.get())
    assert not form.is_valid()
    assert form.errors["theme"] == ["Skriv det tema, handlingskortet handler om."]


def test_the_follow_up_sorts_overdue_due_soon_and_done(plan):
    state = follow_up(plan_actions(plan))
    assert [a.description for a in state.overdue] == ["Kortlæg ledernes opgaver"]
    assert [a.description for a in state.due_soon] == ["Aftal sparring hver måned"]
    assert [a.description for a in state.later] == ["Fælles prioriteringsmøde"]
    assert [a.description for a in state.done] == ["Ny mødeplan"]
    assert state.percent_done == 25


def test_open_actions_are_listed_by_responsible_person(plan):
    listed = {name: [a.description for a in actions] for name, actions in open_by_responsible([plan])}
    assert listed == {"Åse Ørum": ["Kortlæg ledernes opgaver", "Fælles prioriteringsmøde"], "Bo": ["Aftal sparring hver måned"]}


def test_a_changed_deadline_gets_a_new_reminder(plan, facilitator):
    action = Action.objects.get(description="Aftal sparring hver måned")
    Action.objects.filter(pk=action.pk).update(reminded_for=action.deadline)
    services.update_action(action, facilitator, {"deadline": in_days(12)}, version=1)
    action.refresh_from_db()
    assert action.reminded_for is None
