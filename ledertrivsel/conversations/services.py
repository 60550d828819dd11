"""Every change to a 1-1, each in one short transaction that bumps its version and, once
committed, tells the other party's open screen to redraw (live.py)."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ledertrivsel.content.models import Card
from ledertrivsel.lib.people import display_name
from ledertrivsel.organisations.models import Group

from . import live
from .models import Agreement, ChosenCard, OneOnOne, Preparation

TOOL_NUMBER = 3


class Refused(Exception):
    """A change that is not allowed now; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def deck():
    return Card.objects.filter(tool__number=TOOL_NUMBER).order_by("position")


def leaders_of(chief) -> "list":
    """The leaders a chief may invite: the members of the leader groups they are chief of."""
    groups = Group.objects.filter(chief=chief, kind=Group.Kind.LEADER_GROUP).prefetch_related("members")
    seen, leaders = set(), []
    for group in groups:
        for member in group.members.all():
            if member.pk != chief.pk and member.pk not in seen:
                seen.add(member.pk)
                leaders.append((member, group))
    return leaders


def invite(*, chief, leader, group: Group, planned_for=None) -> tuple[OneOnOne, bool]:
    """Makes the 1-1 and mails the leader; the second value says whether the mail went."""
    previous = OneOnOne.objects.filter(chief=chief, leader=leader).order_by("-created_at", "-id").first()
    with transaction.atomic():
        one_on_one = OneOnOne.objects.create(
            organisation_id=group.organisation_id, chief=chief, leader=leader, group=group, previous=previous, planned_for=planned_for,
        )
    try:
        _mail_leader(one_on_one)
    except (smtplib.SMTPException, OSError):
        return one_on_one, False
    return one_on_one, True


def _mail_leader(one_on_one: OneOnOne):
    link = settings.SITE_URL + reverse("conversations:detail", args=[one_on_one.pk])
    chief = display_name(one_on_one.chief)
    body = render_to_string("conversations/email/invitation.txt", {"one_on_one": one_on_one, "chief": chief, "link": link})
    subject = _("%(chief)s invites you to a 1-1 conversation") % {"chief": chief}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [one_on_one.leader.email])


def _locked(one_on_one_id: int) -> OneOnOne:
    """The 1-1, locked for this transaction and with its version bumped."""
    one_on_one = OneOnOne.objects.select_for_update().get(pk=one_on_one_id)
    one_on_one.version += 1
    return one_on_one


def _changed(one_on_one: OneOnOne, *fields):
    one_on_one.save(update_fields=["version", *fields])
    transaction.on_commit(lambda: live.announce(one_on_one.pk))


def _not_ended(one_on_one: OneOnOne):
    if one_on_one.stage == OneOnOne.Stage.DONE:
        raise Refused(_("The conversation has ended; it can be read but no longer changed."))


def save_preparation(one_on_one_id: int, user, party: str, *, card_ids: list[int], bring_ids: list[int], notes: str):
    """A party's own choice of cards (the leader 1-3, the chief at most one) and private notes."""
    limit = OneOnOne.MAX_LEADER_CARDS if party == "leader" else OneOnOne.MAX_CHIEF_CARDS
    chosen = list(deck().filter(pk__in=card_ids))
    if len(chosen) != len(set(card_ids)):
        raise Refused(_("One of the cards is not in this deck. Reload the page and choose again."))
    if len(chosen) > limit:
        raise Refused(
            _("Choose at most %(count)s cards.") % {"count": limit} if party == "leader" else _("As chief you may add one card.")
        )
    with transaction.atomic():
        one_on_one = _locked(one_on_one_id)
        _not_ended(one_on_one)
        if party == "leader" and one_on_one.stage != OneOnOne.Stage.PREPARING and not chosen:
            raise Refused(_("Keep at least one card for the conversation."))
        Preparation.objects.update_or_create(one_on_one=one_on_one, person=user, defaults={"notes": notes})
        ChosenCard.objects.filter(one_on_one=one_on_one, chosen_by=party).exclude(card__in=chosen).delete()
        for position, card in enumerate(chosen, start=1):
            bring = party == "chief" or card.pk in bring_ids
            ChosenCard.objects.update_or_create(
                one_on_one=one_on_one, card=card, chosen_by=party, defaults={"bring": bring, "position": position}
            )
        _changed(one_on_one)


def start(one_on_one_id: int):
    with transaction.atomic():
        one_on_one = _locked(one_on_one_id)
        _not_ended(one_on_one)
        if one_on_one.stage == OneOnOne.Stage.PREPARING:
            one_on_one.stage = OneOnOne.Stage.CONVERSATION
            one_on_one.started_at = timezone.now()
        _changed(one_on_one, "stage", "started_at")


def end(one_on_one_id: int):
    with transaction.atomic():
        one_on_one = _locked(one_on_one_id)
        if one_on_one.stage != OneOnOne.Stage.DONE:
            one_on_one.stage = OneOnOne.Stage.DONE
            one_on_one.ended_at = timezone.now()
            one_on_one.started_at = one_on_one.started_at or one_on_one.ended_at
        _changed(one_on_one, "stage", "started_at", "ended_at")


def add_agreement(one_on_one_id: int, *, what: str, owner: str, due=None) -> Agreement:
    with transaction.atomic():
        one_on_one = _locked(one_on_one_id)
        _not_ended(one_on_one)
        if one_on_one.agreements.count() >= OneOnOne.MAX_AGREEMENTS:
            raise Refused(_("A 1-1 holds at most %(count)s agreements. Gather some of them into one.") % {"count": OneOnOne.MAX_AGREEMENTS})
        agreement = Agreement.objects.create(one_on_one=one_on_one, what=what, owner=owner, due=due)
        _changed(one_on_one)
    return agreement


def remove_agreement(one_on_one_id: int, agreement_id: int):
    with transaction.atomic():
        one_on_one = _locked(one_on_one_id)
        _not_ended(one_on_one)
        deleted, _rows = Agreement.objects.filter(one_on_one=one_on_one, pk=agreement_id).delete()
        if not deleted:
            raise Refused(_("That agreement is already gone. The page now shows the ones there are."))
        _changed(one_on_one)


def set_agreement_done(one_on_one_id: int, agreement_id: int, done: bool, user):
    """Ticking off last time's agreements at the next 1-1: allowed for the same two people."""
    agreement = Agreement.objects.select_related("one_on_one").filter(pk=agreement_id).first()
    if agreement is None or agreement.one_on_one.party(user) is None:
        raise Refused(_("That agreement is already gone. The page now shows the ones there are."))
    with transaction.atomic():
        one_on_one = _locked(one_on_one_id)
        Agreement.objects.filter(pk=agreement.pk).update(done=done)
        _changed(one_on_one)


def save_follow_up(one_on_one_id: int, *, follow_up_date, shareable: str):
    with transaction.atomic():
        one_on_one = _locked(one_on_one_id)
        _not_ended(one_on_one)
        one_on_one.follow_up_date = follow_up_date
        one_on_one.shareable = shareable
        _changed(one_on_one, "follow_up_date", "shareable")
