"""A person asks for deletion; the administrators are mailed and one of them carries it out."""

import html

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import translation

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.organisations.models import Group, Membership
from ledertrivsel.plans.models import Action
from ledertrivsel.privacy.models import DeletionRequest

from .conftest import held_dialogue, person, plan_from


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def ask(client, note=""):
    return client.post(reverse("privacy:request_deletion"), {"note": note})


def carry_out(client, deletion_request):
    return client.post(reverse("privacy:carry_out_deletion", args=[deletion_request.organisation_id, deletion_request.pk]))


@pytest.mark.django_db
def test_a_request_is_mailed_to_the_administrators_and_carried_out(client, organisation, admin, facilitator, leader, group):
    second_admin = person("anna@testkommune.dk", organisation, Membership.Role.ADMINISTRATOR)
    group.chief = facilitator
    group.save()
    dialogue = held_dialogue(organisation, facilitator, group, "Ældreplejen, marts")
    plan = plan_from(dialogue, facilitator, responsible_email=facilitator.email)

    client.force_login(facilitator)
    page = client.get(english("privacy:my_data") + "?slet=1").content.decode()
    assert "Yes, ask for deletion" in page
    assert ask(client, "Jeg er stoppet i kommunen.").status_code == 302
    [message] = mail.outbox
    assert sorted(message.to) == ["anna@testkommune.dk", "hanne@testkommune.dk"]
    assert "Testkommune" in message.subject and "Jeg er stoppet i kommunen." in message.body
    with translation.override("da"):  # mails go out in the organisation's language
        assert settings.SITE_URL + reverse("privacy:deletion_requests", args=[organisation.pk]) in message.body
    request = DeletionRequest.objects.get()
    assert request.person == facilitator and request.is_open
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.DELETION_REQUESTED).actor_label == "tove@testkommune.dk"

    client.force_login(admin)
    listing = client.get(english("privacy:deletion_requests", organisation.pk)).content.decode()
    assert "tove@testkommune.dk" in listing and "Jeg er stoppet i kommunen." in listing and "Answer by" in listing
    assert carry_out(client, request).status_code == 302

    assert not get_user_model().objects.filter(email="tove@testkommune.dk").exists()
    group.refresh_from_db()
    assert group.facilitator is None and group.chief is None
    plan.refresh_from_db()
    assert plan.created_by is None and plan.title == "Plan: Ældreplejen, marts"
    action = Action.objects.get()
    assert action.description == "Kortlæg ledernes opgaver" and action.responsible_email == ""
    dialogue.refresh_from_db()
    assert dialogue.facilitator is None
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PERSON_DELETED)
    assert event.subject == "tove@testkommune.dk" and event.actor == admin
    request.refresh_from_db()
    assert request.handled_by == admin and request.note == "" and request.person is None
    assert second_admin.memberships.exists()


@pytest.mark.django_db
def test_a_person_in_two_organisations_keeps_their_account_for_the_other(client, organisation, other_organisation, admin, leader, group):
    person("lis@testkommune.dk", other_organisation, Membership.Role.LEADER)
    person("nina@nabokommune.dk", other_organisation, Membership.Role.ADMINISTRATOR)
    client.force_login(leader)
    ask(client)
    assert DeletionRequest.objects.count() == 2 and len(mail.outbox) == 2
    client.force_login(admin)
    carry_out(client, DeletionRequest.objects.get(organisation=organisation))
    leader.refresh_from_db()
    assert [m.organisation for m in leader.memberships.all()] == [other_organisation]
    assert not Group.objects.filter(members=leader).exists()


@pytest.mark.django_db
def test_the_only_administrator_is_deleted_only_once_there_is_another(client, organisation, admin, facilitator):
    client.force_login(admin)
    assert "You are the only administrator of Testkommune" in client.get(english("privacy:my_data")).content.decode()
    ask(client)
    request = DeletionRequest.objects.get()
    response = client.post(english("privacy:carry_out_deletion", organisation.pk, request.pk), follow=True)
    assert "hanne@testkommune.dk is the organisation's only administrator" in html.unescape(response.content.decode())
    assert get_user_model().objects.filter(pk=admin.pk).exists()

    Membership.objects.filter(user=facilitator).update(role=Membership.Role.ADMINISTRATOR)
    response = client.post(english("privacy:carry_out_deletion", organisation.pk, request.pk), follow=True)
    assert "Another administrator must carry out your own request" in response.content.decode()
    client.force_login(facilitator)
    carry_out(client, request)
    assert not get_user_model().objects.filter(pk=admin.pk).exists()
    assert list(Membership.objects.filter(organisation=organisation).values_list("user__email", flat=True)) == ["tove@testkommune.dk"]


@pytest.mark.django_db
def test_a_note_that_is_too_long_gets_a_clear_message(client, leader):
    client.force_login(leader)
    response = client.post(english("privacy:request_deletion"), {"note": "x" * 1001})
    assert response.status_code == 400
    assert "Keep the note to 1000 characters; it has 1001." in response.content.decode()
    assert not DeletionRequest.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_asking_twice_makes_one_request(client, leader, admin):
    client.force_login(leader)
    ask(client)
    ask(client)
    assert DeletionRequest.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_refusals(client, organisation, other_organisation, admin, leader):
    request = DeletionRequest.objects.create(organisation=organisation, person=leader, person_email=leader.email)
    pages = [reverse("privacy:deletion_requests", args=[organisation.pk])]
    client.force_login(leader)  # not an administrator
    assert client.get(pages[0]).status_code == 403
    assert carry_out(client, request).status_code == 403
    outsider = person("nina@nabokommune.dk", other_organisation, Membership.Role.ADMINISTRATOR)
    client.force_login(outsider)  # administrator, but of another organisation
    assert client.get(pages[0]).status_code == 404
    assert carry_out(client, request).status_code == 404
    own = reverse("privacy:carry_out_deletion", args=[other_organisation.pk, request.pk])
    assert client.post(own).status_code == 404  # the request is not Nabokommune's
    client.logout()
    response = client.get(pages[0])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.post(reverse("privacy:request_deletion")).status_code == 302
    assert get_user_model().objects.filter(pk=leader.pk).exists() and request.is_open


@pytest.mark.django_db
def test_every_reference_to_an_account_lets_it_go():
    """Deleting an account must never delete what others made, nor be blocked: every foreign key
    to the user model empties itself, except the rows that are the person's own."""
    # A 1-1 preparation is the person's own private notes: they go with the person.
    own = {"organisations.Membership", "admin.LogEntry", "auth.User_groups", "auth.User_user_permissions", "organisations.Group_members",
           "conversations.Preparation"}
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is user_model and model._meta.label not in own:
                assert field.remote_field.on_delete is models.SET_NULL, f"{model._meta.label}.{field.name}"
