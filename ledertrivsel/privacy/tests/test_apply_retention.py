"""`apply_retention` deletes dialogues older than their organisation's retention period and
keeps action plans."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.dialogues.models import Dialogue, Dot, NextStep, Participant, Pick, PrioritisedTheme
from ledertrivsel.organisations.models import Group, Membership

from .conftest import held_dialogue, months_ago, person, plan_from


def run(*arguments, language="en") -> str:
    out = io.StringIO()
    with translation.override(language):
        call_command("apply_retention", *arguments, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_and_young(organisation, facilitator, group):
    old = held_dialogue(organisation, facilitator, group, "Marts for tre år siden", created_at=months_ago(24, days=1))
    young = held_dialogue(organisation, facilitator, group, "Sidste måned", created_at=months_ago(1))
    return old, young


@pytest.mark.django_db
def test_it_deletes_old_dialogues_with_everything_in_them_and_keeps_young_ones(old_and_young):
    old, young = old_and_young
    output = run()
    assert list(Dialogue.objects.values_list("title", flat=True)) == ["Sidste måned"]
    for model in (Participant, Pick, Dot, PrioritisedTheme, NextStep):
        assert list(model.objects.values_list("dialogue_id", flat=True).distinct()) == [young.pk], model
    assert "Testkommune: 1 dialogue from before" in output and "1 dialogue deleted." in output


@pytest.mark.django_db
def test_the_plan_of_a_deleted_dialogue_stays_and_still_opens(client, old_and_young, facilitator):
    old, _young = old_and_young
    plan = plan_from(old, facilitator)
    run()
    plan.refresh_from_db()
    assert plan.dialogue_id is None and plan.title == "Plan: Marts for tre år siden"
    assert plan.cards.get().actions.get().description == "Kortlæg ledernes opgaver"
    client.force_login(facilitator)
    page = client.get(reverse("plans:detail", args=[plan.pk]))
    assert page.status_code == 200 and "Kortlæg ledernes opgaver" in page.content.decode()


@pytest.mark.django_db
def test_a_dry_run_changes_nothing_and_says_what_would_go(old_and_young):
    output = run("--dry-run")
    assert Dialogue.objects.count() == 2 and Pick.objects.count() == 2
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RETENTION_DELETION).exists()
    assert "Testkommune: 1 dialogue from before" in output and "would be deleted" in output and "Nothing was changed" in output


@pytest.mark.django_db
def test_each_organisation_keeps_dialogues_for_its_own_period(organisation, other_organisation, facilitator, group, old_and_young):
    other_organisation.retention_months = 36
    other_organisation.save()
    neighbour = person("nina@nabokommune.dk", other_organisation, Membership.Role.FACILITATOR)
    neighbours_group = Group.objects.create(organisation=other_organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT)
    held_dialogue(other_organisation, neighbour, neighbours_group, "Nabo for 25 måneder siden", created_at=months_ago(25))
    organisation.retention_months = 12
    organisation.save()
    held_dialogue(organisation, facilitator, group, "For 12 måneder og en dag siden", created_at=months_ago(12, days=1))
    held_dialogue(organisation, facilitator, group, "For 11 måneder siden", created_at=months_ago(11))
    run()
    assert sorted(Dialogue.objects.values_list("title", flat=True)) == ["For 11 måneder siden", "Nabo for 25 måneder siden", "Sidste måned"]


@pytest.mark.django_db
def test_it_writes_one_audit_event_per_organisation_with_the_counts(organisation, old_and_young):
    run()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.RETENTION_DELETION)
    assert event.organisation == organisation and event.actor is None
    assert event.details["dialogues"] == 1 and event.details["months"] == 24
    assert event.details["rows"]["dialogues.Pick"] == 1
    run()  # nothing left to delete: no second event
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.RETENTION_DELETION).count() == 1


@pytest.mark.django_db
def test_the_audit_log_itself_is_kept_five_years(organisation, admin):
    from ledertrivsel.audit.log import record

    old = record(AuditEvent.Kind.EXPORT, organisation=organisation, actor=admin, subject="Gammel")
    young = record(AuditEvent.Kind.EXPORT, organisation=organisation, actor=admin, subject="Ny")
    AuditEvent.objects.filter(pk=old.pk).update(created_at=months_ago(60, days=1))
    AuditEvent.objects.filter(pk=young.pk).update(created_at=months_ago(59, days=25))
    run()
    assert list(AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).values_list("subject", flat=True)) == ["Ny"]
