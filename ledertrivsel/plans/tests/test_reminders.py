"""`send_plan_reminders`: who is reminded of what, once per deadline, and what they read."""

import io

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

from ledertrivsel.plans import services
from ledertrivsel.plans.models import Action

from .conftest import in_days


class RefusingBackend(BaseEmailBackend):
    """A mail server that turns every message away."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server said no")


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_plan_reminders", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def card(plan):
    return plan.cards.get()


def action(card, description, days, email="aase@testkommune.dk", status=Action.Status.NOT_STARTED, responsible="Åse Ørum"):
    return Action.objects.create(
        card=card, position=9, description=description, responsible=responsible, responsible_email=email, deadline=in_days(days), status=status
    )


def test_only_open_actions_with_an_address_due_within_the_window_are_reminded(card, settings):
    settings.PLAN_REMINDER_DAYS = 7
    action(card, "Due today", 0)
    action(card, "Due in a week", 7)
    action(card, "Due in eight days", 8)
    action(card, "Already late", -1)
    action(card, "Done already", 3, status=Action.Status.DONE)
    action(card, "Dropped", 3, status=Action.Status.DROPPED)
    action(card, "Nobody to mail", 3, email="")
    run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aase@testkommune.dk"]
    assert message.subject == "Påmindelse: 2 handlinger har snart tidsfrist"
    assert "Due today" in message.body and "Due in a week" in message.body
    for absent in ("eight days", "Already late", "Done already", "Dropped", "Nobody to mail"):
        assert absent not in message.body


def test_the_email_says_what_when_and_where_in_danish(card, plan):
    action(card, "Book et møde med HR", 2)
    run("--days", "3")
    body = mail.outbox[0].body
    assert body.startswith("Kære Åse Ørum,")
    assert "Book et møde med HR" in body
    assert "om 2 dage" in body
    assert f"Handleplan: {plan.title} (Direktionen)" in body
    assert f"/handleplaner/{plan.pk}/" in body


def test_each_person_gets_one_email_with_all_their_actions(card):
    action(card, "Første", 1)
    action(card, "Anden", 2, email="AASE@testkommune.dk")
    action(card, "Bos handling", 2, email="bo@testkommune.dk", responsible="Bo")
    run()
    assert sorted(message.to[0] for message in mail.outbox) == ["aase@testkommune.dk", "bo@testkommune.dk"]


def test_a_deadline_is_reminded_once_and_again_when_it_moves(card, facilitator):
    late = action(card, "Skriv udkast", 2)
    run()
    run()
    assert len(mail.outbox) == 1
    late.refresh_from_db()
    assert late.reminded_for == late.deadline
    services.update_action(late, facilitator, {"description": late.description, "deadline": in_days(4)}, late.version)
    run()
    assert len(mail.outbox) == 2


def test_days_comes_from_the_option_or_the_setting(card, settings):
    action(card, "Om ti dage", 10)
    settings.PLAN_REMINDER_DAYS = 7
    run()
    assert mail.outbox == []
    run("--days", "10")
    assert len(mail.outbox) == 1


def test_a_dry_run_sends_and_marks_nothing(card):
    due = action(card, "Tjek budget", 1)
    output = run("--dry-run")
    assert "Would remind aase@testkommune.dk: 1 action(s)" in output
    assert mail.outbox == []
    due.refresh_from_db()
    assert due.reminded_for is None


def test_a_failed_email_is_tried_again_on_the_next_run(card, settings):
    due = action(card, "Tjek budget", 1)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(CommandError, match="tried again on the next run"):
        run()
    due.refresh_from_db()
    assert due.reminded_for is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run()
    assert len(mail.outbox) == 1


def test_negative_days_are_refused(db):
    with pytest.raises(CommandError, match="0 or more"):
        run("--days", "-1")
