"""The forløb page: each level's themes, plans and 1-1 counts, and never a 1-1's content."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from ledertrivsel.content.models import Tool
from ledertrivsel.conversations.models import OneOnOne
from ledertrivsel.forloeb.chain import RECENT_MONTHS
from ledertrivsel.organisations.models import Group, Membership
from ledertrivsel.plans.models import Action, ActionCard, ActionPlan
from ledertrivsel.privacy.models import months_before

from .conftest import (
    SECRET_AGREEMENT, SECRET_CARD_TITLE, SECRET_NOTE, SECRET_SHAREABLE, chain_url, held_dialogue, one_on_one, person,
)


def page_as(user, url) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The words a person reads: tags dropped, spaces squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def english_date(moment) -> str:
    with override("en"):
        return date_format(moment, "DATE_FORMAT")


def level(html: str, number: int) -> str:
    """The text of one level of the chain (by its heading's id)."""
    start = html.index(f'id="level-{number}"')
    end = html.index(f'id="level-{number + 1}"') if number < 3 else len(html)
    return text_of(html[start:end])


def test_it_shows_each_levels_prioritised_themes(admin, organisation, chain):
    html = page_as(admin, chain_url(organisation))
    top = level(html, 1)
    assert "Direktionen" in top and "Direktionen, januar" in top
    assert "Psychological safety" in top and "Sparring for leaders" in top
    assert "Ended" in top
    groups = level(html, 2)
    assert "Ældreplejens ledergruppe" in groups and "Ledergruppen, februar" in groups
    assert "Chief: Carl Chef" in groups and "3 leaders" in groups
    assert "Trust" in groups


def test_a_leader_group_shows_the_organisations_themes_above_it_and_which_it_shares(admin, organisation, chain):
    groups = level(page_as(admin, chain_url(organisation)), 2)
    assert "Context from the organisation" in groups
    assert "Prioritised by Direktionen" in groups
    # Psychological safety is in both decks and both prioritised it; Trust is the group's own.
    assert groups.count("also the organisation's theme") == 1
    assert "Psychological safety also the organisation's theme" in groups
    assert "Trust also" not in groups
    assert "Shares 1 theme with the organisation." in groups


def test_it_counts_the_1_1s_of_each_leader_group(admin, organisation, chain):
    talks = level(page_as(admin, chain_url(organisation)), 3)
    # Lis had one 20 days ago; Bo's is being prepared; Ane's was 300 days ago, before the period.
    since = months_before(timezone.localtime(), RECENT_MONTHS)
    assert f"1 of 3 leaders have had a 1-1 since {english_date(since)}" in talks
    assert "Being prepared or held now 1" in talks
    assert f"Newest 1-1 {english_date(timezone.localtime() - datetime.timedelta(days=20))}" in talks


def test_it_never_shows_what_was_said_in_a_1_1(admin, facilitator, chief, organisation, chain):
    for viewer in (admin, facilitator, chief):
        html = page_as(viewer, chain_url(organisation))
        for secret in (SECRET_AGREEMENT, SECRET_NOTE, SECRET_SHAREABLE, SECRET_CARD_TITLE, "Tegn på stress"):
            assert secret not in html, f"{secret!r} of a 1-1 on the forløb page of {viewer.email}"
        # Nor who is in which 1-1: the leaders' names are nowhere on the page.
        assert "lis@testkommune.dk" not in html and "Lis" not in text_of(html)


def test_a_1_1_with_someone_outside_the_group_or_another_chief_does_not_count(admin, organisation, chain, leader_group):
    outsider = person("ulla@testkommune.dk", organisation, Membership.Role.LEADER, "Ulla")
    one_on_one(leader_group, outsider, OneOnOne.Stage.DONE, ended_days_ago=5)
    bo = leader_group.members.get(first_name="Bo")
    other_chief = person("finn@testkommune.dk", organisation, Membership.Role.CHIEF, "Finn")
    OneOnOne.objects.create(
        organisation=organisation, chief=other_chief, leader=bo, group=leader_group, stage=OneOnOne.Stage.DONE, ended_at=timezone.now()
    )
    talks = level(page_as(admin, chain_url(organisation)), 3)
    assert "1 of 3 leaders have had a 1-1 since" in talks


def test_it_shows_the_progress_of_each_levels_action_plan(admin, facilitator, organisation, chain, leader_group):
    tool = Tool.objects.get(number=2)
    plan = ActionPlan.objects.create(organisation=organisation, group=leader_group, tool=tool, title="Ledergruppens plan", created_by=facilitator)
    card = ActionCard.objects.create(plan=plan, theme="Tillid")
    Action.objects.create(card=card, position=1, description="Fast sparring", status=Action.Status.DONE)
    Action.objects.create(card=card, position=2, description="Fælles mødeplan", deadline=timezone.localdate() - datetime.timedelta(days=2))
    html = page_as(admin, chain_url(organisation))
    groups = level(html, 2)
    assert "1 of 2 actions done" in groups and "1 overdue" in groups
    assert f'href="/en/handleplaner/{plan.pk}/"' in html or f"/handleplaner/{plan.pk}/" in html


def test_facilitators_get_links_to_summaries_and_chiefs_do_not(admin, chief, organisation, chain):
    summary = f"/dialoger/{chain['top'].pk}/opsummering/"
    assert summary in page_as(admin, chain_url(organisation))
    assert summary not in page_as(chief, chain_url(organisation))


def test_each_level_says_what_to_do_next_when_it_is_empty(admin, organisation):
    html = text_of(page_as(admin, chain_url(organisation)))
    assert "No tool-1 dialogue with the top management, MED or HR yet" in html
    assert "First make a group for the top management" in html
    assert "No leader groups yet" in html
    assert "The 1-1 conversations follow the leader groups" in html


def test_a_leader_group_without_a_dialogue_is_offered_tool_2(admin, organisation, top_management, leader_group, facilitator):
    held_dialogue(facilitator, top_management, 1, "Direktionen, januar", ["ledersparring"])
    html = page_as(admin, chain_url(organisation))
    assert "No tool-2 dialogue yet." in level(html, 2)
    assert "Start tool 2 with the group" in html and "/redskaber/ledergruppen/start/" in html
    assert "No 1-1 yet." in level(html, 3)


# --- Who may see it -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "facilitator"])
def test_administrators_and_facilitators_see_every_leader_group(request, role, organisation, chain, other_leader_group):
    html = page_as(request.getfixturevalue(role), chain_url(organisation))
    assert "Ældreplejens ledergruppe" in html and "Skoleledergruppen" in html


def test_a_chief_sees_only_the_leader_groups_they_lead(chief, organisation, chain, other_leader_group):
    html = page_as(chief, chain_url(organisation))
    assert "Ældreplejens ledergruppe" in html
    assert "Skoleledergruppen" not in html
    assert "You see the leader groups you are the chief of." in html
    assert "Psychological safety" in level(html, 1)  # the organisation's themes: their group's context


def test_a_leader_is_refused(organisation, chain, leaders):
    client = Client()
    client.force_login(leaders[0])
    assert client.get(chain_url(organisation)).status_code == 403


def test_a_chief_without_a_leader_group_is_refused(organisation, chain):
    client = Client()
    client.force_login(person("ingen@testkommune.dk", organisation, Membership.Role.CHIEF))
    assert client.get(chain_url(organisation)).status_code == 403


def test_someone_of_another_organisation_is_told_it_does_not_exist(organisation, chain, db):
    from ledertrivsel.organisations.models import Organisation

    elsewhere = Organisation.objects.create(name="Nabokommune", slug="nabokommune")
    client = Client()
    client.force_login(person("hr@nabokommune.dk", elsewhere, Membership.Role.ADMINISTRATOR))
    assert client.get(chain_url(organisation)).status_code == 404


def test_someone_logged_out_is_sent_to_the_login(organisation):
    response = Client().get(chain_url(organisation))
    assert response.status_code == 302 and response["Location"].startswith("/en/login/")


# --- Links to it ----------------------------------------------------------------------------


def test_the_administrators_menu_and_the_front_page_link_to_it(admin, organisation, leaders):
    url = chain_url(organisation)
    people = Client()
    people.force_login(admin)
    assert f'href="{url}"' in people.get(f"/en/organisationer/{organisation.pk}/personer/").content.decode()
    assert f'href="{url}"' in people.get("/en/").content.decode()
    leader = Client()
    leader.force_login(leaders[0])
    assert "/forloeb/" not in leader.get("/en/").content.decode()


# --- It stays fast --------------------------------------------------------------------------


def _leader_groups(organisation, facilitator, count: int, start: int = 0):
    for number in range(start, start + count):
        chief = person(f"chef{number}@testkommune.dk", organisation, Membership.Role.CHIEF, f"Chef {number}")
        leader = person(f"leder{number}@testkommune.dk", organisation, Membership.Role.LEADER, f"Leder {number}")
        group = Group.objects.create(organisation=organisation, name=f"Ledergruppe {number}", kind=Group.Kind.LEADER_GROUP, chief=chief)
        group.members.add(leader)
        held_dialogue(facilitator, group, 2, f"Ledergruppe {number}, marts", ["tillid"])
        ActionPlan.objects.create(organisation=organisation, group=group, tool=Tool.objects.get(number=2), title=f"Plan {number}")
        one_on_one(group, leader, OneOnOne.Stage.DONE, ended_days_ago=10)


def test_the_number_of_queries_does_not_grow_with_the_leader_groups(admin, facilitator, organisation, chain, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(admin)
    _leader_groups(organisation, facilitator, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(chain_url(organisation))
    _leader_groups(organisation, facilitator, 25, start=2)
    assert len(few.captured_queries) < 25, [query["sql"] for query in few.captured_queries]
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(chain_url(organisation)).content.decode()
    assert "Ledergruppe 26" in html
