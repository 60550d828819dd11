"""The plan pages as people use them: who sees and changes what, and what the pages say."""

from django.urls import reverse

from ledertrivsel.organisations.models import Group, Membership
from ledertrivsel.plans.models import Action, ActionPlan

from .conftest import PASSWORD, in_days, person


def logged_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_plan_page_shows_overdue_due_soon_and_done(client, plan, facilitator):
    page = logged_in(client, facilitator).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    board = page[page.index('class="status-board"'):page.index('class="panel action-card"')]
    overdue, soon, done = board.split('class="status-board__item')[1:]
    assert "Kortlæg ledernes opgaver" in overdue and "Aftal sparring" not in overdue
    assert "Aftal sparring hver måned" in soon
    assert "1 af 4 handlinger er gennemført" in done
    assert "Overskredet:" in page  # the overdue deadline says so in words, not by colour alone


def test_people_outside_the_group_and_organisation_do_not_see_the_plan(client, plan, organisation, other_organisation):
    leader = person("lea@testkommune.dk", organisation, Membership.Role.LEADER)
    stranger = person("sam@nabokommune.dk", other_organisation, Membership.Role.ADMINISTRATOR)
    url = reverse("plans:detail", args=[plan.pk])
    assert client.get(url).status_code == 302  # to the login page
    assert logged_in(client, leader).get(url).status_code == 404
    plan.group.members.add(leader)
    assert client.get(url).status_code == 200
    assert client.get(reverse("plans:edit_card", args=[plan.pk, plan.cards.get().pk])).status_code == 403
    client.logout()
    assert logged_in(client, stranger).get(url).status_code == 404
    assert client.get(reverse("plans:download_pdf", args=[plan.pk])).status_code == 404


def test_an_administrator_and_the_group_facilitator_may_edit_but_another_facilitator_may_not(client, plan, organisation, colleague):
    admin = person("hr@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR)
    card_url = reverse("plans:edit_card", args=[plan.pk, plan.cards.get().pk])
    assert logged_in(client, colleague).get(card_url).status_code == 403
    client.logout()
    assert logged_in(client, admin).get(card_url).status_code == 200


def test_two_people_editing_one_card_the_second_is_told_and_keeps_their_text(client, plan, facilitator, organisation):
    admin = person("hr@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR, "Hanne")
    card = plan.cards.get()
    url = reverse("plans:edit_card", args=[plan.pk, card.pk])
    fields = {"theme": card.theme, "version": 1, "why": "", "desired_effect": "", "involved": "", "resources": "", "follow_up_date": "", "follow_up_forum": ""}
    logged_in(client, admin).post(url, {**fields, "why": "Hannes begrundelse"})
    client.logout()
    response = logged_in(client, facilitator).post(url, {**fields, "why": "Toves begrundelse"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hanne gemte dette, mens du redigerede" in page
    assert "Toves begrundelse</textarea>" in page  # what Tove wrote is still in the form
    assert "Hannes begrundelse" in page  # and the saved version is shown beside it
    card.refresh_from_db()
    assert card.why == "Hannes begrundelse"
    # Saving again, now knowing, replaces it.
    client.post(url, {**fields, "why": "Toves begrundelse", "version": 2})
    card.refresh_from_db()
    assert card.why == "Toves begrundelse" and card.version == 3


def test_adding_an_action_with_a_passed_deadline_shows_a_message_and_keeps_the_input(client, plan, facilitator):
    url = reverse("plans:add_action", args=[plan.pk, plan.cards.get().pk])
    response = logged_in(client, facilitator).post(url, {"description": "Ring til HR", "deadline": in_days(-2).isoformat(), "status": "not_started"})
    page = response.content.decode()
    assert "er allerede passeret" in page and "Ring til HR" in page
    assert not Action.objects.filter(description="Ring til HR").exists()
    client.post(url, {"description": "Ring til HR", "responsible": "Bo", "deadline": in_days(2).isoformat(), "status": "not_started"})
    assert Action.objects.get(description="Ring til HR").deadline == in_days(2)


def test_status_buttons_change_the_status_and_the_history_says_who(client, plan, facilitator):
    action = Action.objects.get(description="Aftal sparring hver måned")
    logged_in(client, facilitator).post(reverse("plans:set_status", args=[plan.pk, action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    history = client.get(reverse("plans:history", args=[plan.pk])).content.decode()
    assert "Tove" in history and "Aftal sparring hver måned" in history and "Ikke startet" in history and "Gennemført" in history
    response = client.post(reverse("plans:set_status", args=[plan.pk, action.pk]), {"status": "<script>"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"


def test_the_overview_shows_progress_and_open_actions_by_person(client, plan, facilitator):
    page = logged_in(client, facilitator).get(reverse("plans:overview")).content.decode()
    assert "Direktionen, marts" in page and "1 af 4 handlinger er gennemført" in page
    people = page[page.index('id="people-heading"'):]
    assert people.index("Bo") < people.index("Åse Ørum")
    assert "Kortlæg ledernes opgaver" in people and "Ny mødeplan" not in people


def test_a_facilitator_makes_the_plan_from_the_summary_of_an_ended_dialogue(client, ended_dialogue, facilitator):
    summary = logged_in(client, facilitator).get(reverse("dialogues:summary", args=[ended_dialogue.pk])).content.decode()
    assert reverse("plans:create_from_dialogue", args=[ended_dialogue.pk]) in summary
    response = client.post(reverse("plans:create_from_dialogue", args=[ended_dialogue.pk]))
    plan = ActionPlan.objects.get(dialogue=ended_dialogue)
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert "Kortlæg opgaver" in client.get(response.url).content.decode()


def test_groups_are_made_with_members_and_a_facilitator(client, organisation, facilitator):
    leader = person("lea@testkommune.dk", organisation, Membership.Role.LEADER, "Lea")
    response = logged_in(client, facilitator).post(
        reverse("groups"), {"organisation": organisation.pk, "name": " Ledergruppen  Ældre ", "kind": "leader_group", "facilitator": facilitator.pk, "members": [leader.pk]}
    )
    assert response.status_code == 302
    group = Group.objects.get(name="Ledergruppen Ældre")
    assert list(group.members.all()) == [leader] and group.facilitator == facilitator
    again = client.post(reverse("groups"), {"organisation": organisation.pk, "name": "ledergruppen ældre", "kind": "med"})
    assert "Organisationen har allerede en gruppe, der hedder ledergruppen ældre." in again.content.decode()
