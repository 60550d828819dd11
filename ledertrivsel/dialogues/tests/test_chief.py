"""A chief runs tool 2 ("Fokus på ledergruppen") with their own leader group, and only that."""

import pytest
from django.contrib.auth import get_user_model

from ledertrivsel.content.models import Card, Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.dialogues.models import Dialogue, PrioritisedTheme
from ledertrivsel.organisations.models import Group, Membership
from ledertrivsel.plans.models import Action, ActionPlan

from .conftest import go_to, join

START_TOOL_2 = "/redskaber/ledergruppen/start/"


def person(organisation, email, role):
    user = get_user_model().objects.create_user(email, email, "Dialog-med-ledere-42")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def chief(organisation):
    return person(organisation, "carl@testkommune.dk", Membership.Role.CHIEF)


@pytest.fixture
def leaders(organisation):
    return [person(organisation, f"{name}@testkommune.dk", Membership.Role.LEADER) for name in ("lis", "lars")]


@pytest.fixture
def own_group(organisation, chief, leaders):
    group = Group.objects.create(organisation=organisation, name="Ledergruppen Nord", kind=Group.Kind.LEADER_GROUP, chief=chief)
    group.members.set(leaders)
    return group


@pytest.fixture
def other_group(organisation):
    other_chief = person(organisation, "olga@testkommune.dk", Membership.Role.CHIEF)
    return Group.objects.create(organisation=organisation, name="Ledergruppen Syd", kind=Group.Kind.LEADER_GROUP, chief=other_chief)


def start_tool_2(user, organisation, group, title="Ledergruppen Nord, marts"):
    return actions.create_dialogue(
        user=user, organisation=organisation, tool=Tool.objects.get(number=2), title=title, minutes=60, anonymous=False, group=group
    )


def test_a_chief_starts_tool_2_for_their_own_leader_group_and_runs_it(client, chief, own_group, other_group, organisation):
    client.force_login(chief)
    page = client.get(START_TOOL_2).content.decode()
    assert "Ledergruppen Nord" in page and "Ledergruppen Syd" not in page  # only the groups they lead
    response = client.post(START_TOOL_2, {"title": "Ledergruppen Nord, marts", "minutes": "60", "organisation": organisation.pk, "group": own_group.pk})
    dialogue = Dialogue.objects.get()
    assert response["Location"] == f"/dialoger/{dialogue.pk}/"
    assert (dialogue.group, dialogue.facilitator, dialogue.tool.number) == (own_group, chief, 2)
    screen = client.get(f"/dialoger/{dialogue.pk}/").content.decode()
    assert dialogue.code in screen and "Start dialogen" in screen  # the facilitator's controls
    listed = client.get("/dialoger/").content.decode()
    assert "Ledergruppen Nord, marts" in listed
    assert 'href="/dialoger/"' in listed  # "Mine dialoger" in the menu
    assert 'href="/grupper/"' not in listed  # but no groups to manage
    assert "/redskaber/organisationen/start/" not in listed  # and only tool 2 to start


def test_a_chief_cannot_start_tool_2_for_a_group_they_do_not_lead(client, chief, own_group, other_group, organisation):
    client.force_login(chief)
    response = client.post(START_TOOL_2, {"title": "Syd", "minutes": "60", "organisation": organisation.pk, "group": other_group.pk})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    response = client.post(START_TOOL_2, {"title": "Ingen gruppe", "minutes": "60", "organisation": organisation.pk})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not Dialogue.objects.exists()


def test_a_chief_cannot_start_the_other_tools(client, chief, own_group):
    client.force_login(chief)
    assert client.get("/redskaber/organisationen/start/").status_code == 403


def test_a_leader_can_start_no_dialogue(client, leaders, own_group):
    client.force_login(leaders[0])
    assert client.get(START_TOOL_2).status_code == 403
    assert client.get("/redskaber/organisationen/start/").status_code == 403
    assert 'href="/dialoger/"' not in client.get("/handleplaner/").content.decode()


def test_a_chief_is_refused_the_dialogues_of_groups_they_do_not_lead(client, chief, own_group, other_group, facilitator, organisation):
    their_other = start_tool_2(facilitator, organisation, other_group, title="Ledergruppen Syd, marts")
    top = actions.create_dialogue(user=facilitator, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen", minutes=60, anonymous=False)
    tool_1_of_own_group = actions.create_dialogue(
        user=facilitator, organisation=organisation, tool=Tool.objects.get(number=1), title="Nord, redskab 1", minutes=60, anonymous=False, group=own_group
    )
    client.force_login(chief)
    for dialogue in (their_other, top, tool_1_of_own_group):
        for path in (f"/dialoger/{dialogue.pk}/", f"/dialoger/{dialogue.pk}/opsummering/", f"/dialoger/{dialogue.pk}/handleplan/"):
            assert client.get(path).status_code == 403, path
    listed = client.get("/dialoger/").content.decode()
    assert "Ledergruppen Syd, marts" not in listed and "Direktionen" not in listed


def test_a_facilitator_keeps_running_the_chiefs_dialogue(client, facilitator, chief, own_group, organisation):
    dialogue = start_tool_2(chief, organisation, own_group)
    client.force_login(facilitator)
    assert client.get(f"/dialoger/{dialogue.pk}/").status_code == 200
    assert "Ledergruppen Nord, marts" in client.get("/dialoger/").content.decode()


def run_to_themes(dialogue, chief):
    host = actions.Actor(user_id=chief.pk)
    _, as_lis = join(dialogue, "Lis")
    go_to(host, dialogue, "pick")
    actions.pick(as_lis, dialogue.pk, "tillid")
    go_to(host, dialogue, "prioritise")
    actions.confirm_themes(host, dialogue.pk, ["tillid"])
    go_to(host, dialogue, "next_steps")
    actions.save_next_step(host, dialogue.pk, "tillid", {"actions": "Fast sparring hver måned", "responsible": "Carl"})
    actions.end_dialogue(host, dialogue.pk)


def test_the_chief_makes_and_edits_the_groups_plan_which_opens_its_next_dialogue(client, chief, own_group, other_group, organisation):
    dialogue = start_tool_2(chief, organisation, own_group)
    run_to_themes(dialogue, chief)
    client.force_login(chief)
    # Posting another group's id does not move the plan out of the chief's leader group.
    response = client.post(f"/dialoger/{dialogue.pk}/handleplan/", {"group": other_group.pk})
    plan = ActionPlan.objects.get()
    assert response["Location"] == f"/handleplaner/{plan.pk}/"
    assert plan.group == own_group
    action = Action.objects.get(card__plan=plan)
    assert action.description == "Fast sparring hver måned"
    response = client.post(f"/handleplaner/{plan.pk}/handling/{action.pk}/status/", {"status": Action.Status.DONE})
    action.refresh_from_db()
    assert action.status == Action.Status.DONE

    following = start_tool_2(chief, organisation, own_group, title="Ledergruppen Nord, juni")
    assert following.has_follow_up and following.follow_up_plan == plan
    page = client.get(f"/dialoger/{following.pk}/").content.decode()
    assert "Fast sparring hver måned" not in page  # the lobby first; step 0 shows the plan
    go_to(actions.Actor(user_id=chief.pk), following, "plan_follow_up")
    assert "Fast sparring hver måned" in client.get(f"/dialoger/{following.pk}/").content.decode()


def test_a_chief_can_edit_the_plans_of_the_group_they_lead_but_not_others(client, chief, own_group, other_group, organisation, facilitator):
    tool = Tool.objects.get(number=2)
    own = ActionPlan.objects.create(organisation=organisation, group=own_group, tool=tool, title="Nord", created_by=facilitator)
    theirs = ActionPlan.objects.create(organisation=organisation, group=other_group, tool=tool, title="Syd", created_by=facilitator)
    card = own.cards.create(position=1, theme="Tillid")
    client.force_login(chief)
    assert client.get(f"/handleplaner/{own.pk}/tema/{card.pk}/ny-handling/").status_code == 200
    other_card = theirs.cards.create(position=1, theme="Tillid")
    assert client.get(f"/handleplaner/{theirs.pk}/tema/{other_card.pk}/ny-handling/").status_code == 404


def prioritised_by_top_management(organisation, facilitator, keys):
    top = Group.objects.create(organisation=organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT)
    dialogue = actions.create_dialogue(
        user=facilitator, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen, januar", minutes=60, anonymous=False, group=top
    )
    for position, key in enumerate(keys, 1):
        PrioritisedTheme.objects.create(dialogue=dialogue, card=Card.objects.get(tool__number=1, key=key), position=position)
    return dialogue


def test_the_lobby_and_the_summary_show_the_top_managements_themes_as_context(client, chief, own_group, organisation, facilitator):
    top = prioritised_by_top_management(organisation, facilitator, ["maal", "sygefravaer"])
    titles = [theme.card.title for theme in top.themes.all()]
    dialogue = start_tool_2(chief, organisation, own_group)
    client.force_login(chief)
    for path in (f"/dialoger/{dialogue.pk}/", f"/dialoger/{dialogue.pk}/opsummering/"):
        page = client.get(path).content.decode()
        assert 'class="context-above"' in page, path
        context = page[page.index('class="context-above"') : page.index("</aside>")]
        assert all(title in context for title in titles)
        assert "Tove" not in context and "Direktionen, januar" not in context  # titles only, no names or dialogue


def test_no_context_is_shown_when_the_top_management_has_prioritised_nothing(client, chief, own_group, organisation):
    dialogue = start_tool_2(chief, organisation, own_group)
    client.force_login(chief)
    assert 'class="context-above"' not in client.get(f"/dialoger/{dialogue.pk}/").content.decode()
