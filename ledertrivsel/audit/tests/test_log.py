"""Exports land in the organisation's audit log, which shows who and what, never content."""

import pytest
from django.urls import reverse

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.organisations.models import Group, Membership, Organisation
from ledertrivsel.plans.models import ActionPlan
from tests.people import person





@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Testkommune", slug="testkommune")


@pytest.mark.django_db
def test_every_export_is_logged_and_the_log_holds_no_content(client, organisation):
    admin = person("hanne@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR)
    tove = person("tove@testkommune.dk", organisation, Membership.Role.FACILITATOR)
    dialogue = actions.create_dialogue(
        user=tove, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen, marts", minutes=60, anonymous=False
    )
    actions.join(dialogue.code, "Åse med en hemmelighed")
    group = Group.objects.create(organisation=organisation, name="Direktionen", kind=Group.Kind.TOP_MANAGEMENT, facilitator=tove)
    plan = ActionPlan.objects.create(organisation=organisation, group=group, tool=dialogue.tool, title="Plan for marts", created_by=tove)

    client.force_login(tove)
    assert client.get(reverse("dialogues:summary_pdf", args=[dialogue.pk])).status_code == 200
    assert client.get(reverse("dialogues:summary_csv", args=[dialogue.pk])).status_code == 200
    for file_format in ("pdf", "docx", "csv", "ics"):
        assert client.get(reverse(f"plans:download_{file_format}", args=[plan.pk])).status_code == 200

    events = list(AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).order_by("id"))
    assert [(e.details["what"], e.details["format"]) for e in events] == [
        ("summary", "pdf"), ("summary", "csv"), ("plan", "pdf"), ("plan", "docx"), ("plan", "csv"), ("plan", "ics"),
    ]
    assert {e.actor_label for e in events} == {"tove@testkommune.dk"}

    client.force_login(admin)
    page = client.get(reverse("audit:log", args=[organisation.pk])).content.decode()
    assert "Eksporterede opsummeringen af dialogen »Direktionen, marts« som PDF" in page
    assert "Eksporterede handleplanen »Plan for marts« som kalender" in page
    assert "Åse med en hemmelighed" not in page
    filtered = client.get(reverse("audit:log", args=[organisation.pk]), {"type": "role_change"}).content.decode()
    assert "Eksporterede" not in filtered and "Intet logget endnu." in filtered


@pytest.mark.django_db
def test_the_log_is_paged_and_another_organisations_events_stay_out(client, organisation):
    admin = person("hanne@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR)
    other = Organisation.objects.create(name="Nabokommune", slug="nabo")
    AuditEvent.objects.bulk_create(
        [AuditEvent(organisation=organisation, kind=AuditEvent.Kind.INVITATION, subject=f"p{i}@testkommune.dk", details={"role": "leader"}) for i in range(60)]
        + [AuditEvent(organisation=other, kind=AuditEvent.Kind.INVITATION, subject="hemmelig@nabo.dk", details={"role": "leader"})]
    )
    client.force_login(admin)
    first = client.get(reverse("audit:log", args=[organisation.pk])).content.decode()
    second = client.get(reverse("audit:log", args=[organisation.pk]), {"side": 2}).content.decode()
    assert first.count("Inviterede p") == 50 and second.count("Inviterede p") == 10
    assert "Side 1 af 2" in first and "hemmelig@nabo.dk" not in first + second
    assert client.get(reverse("audit:log", args=[organisation.pk]), {"side": "x", "type": "<script>"}).status_code == 200
