"""Tool 3: the chief invites a leader, the leader prepares privately, both meet, agree and
follow up; the next 1-1 opens with the last agreements. No one but the two can read it."""

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.content.models import Card
from ledertrivsel.conversations import services
from ledertrivsel.conversations.models import Agreement, OneOnOne

NOTE = "Jeg sover dårligt og overvejer sygemelding"


def deck():
    return list(Card.objects.filter(tool__number=3).order_by("position"))


def invite(client, chief, leader, **extra):
    client.force_login(chief)
    response = client.post(reverse("conversations:list"), {"leader": leader.pk, "planned_for": ""} | extra)
    assert response.status_code == 302, response.content.decode()[:3000]
    return OneOnOne.objects.latest("id")


def prepare(client, user, one_on_one, cards, bring=(), notes=""):
    client.force_login(user)
    return client.post(
        reverse("conversations:prepare", args=[one_on_one.pk]),
        {"cards": [c.pk for c in cards], "bring": [c.pk for c in bring], "notes": notes},
    )


def page(client, user, one_on_one) -> str:
    client.force_login(user)
    response = client.get(reverse("conversations:detail", args=[one_on_one.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_chief_invites_one_of_their_leaders_by_mail(client, chief, leader, group):
    one_on_one = invite(client, chief, leader)
    assert (one_on_one.chief, one_on_one.leader, one_on_one.group, one_on_one.previous) == (chief, leader, group, None)
    [message] = mail.outbox
    assert message.to == ["lis@testkommune.dk"] and "Carl Chef" in message.subject
    assert f"/samtaler/{one_on_one.pk}/" in message.body
    assert "Lis Leder" in page(client, chief, one_on_one)


@pytest.mark.django_db
def test_a_chief_can_only_invite_leaders_of_their_own_groups(client, organisation, chief, group, outsiders):
    client.force_login(chief)
    stranger = outsiders["facilitator"]
    response = client.post(reverse("conversations:list"), {"leader": stranger.pk})
    assert response.status_code == 400 and "Vælg en af lederne i dine ledergrupper." in response.content.decode()
    client.force_login(outsiders["another leader"])
    page = client.get(reverse("conversations:list")).content.decode()
    assert "Invitér en leder til en 1-1" not in page
    assert client.post(reverse("conversations:list"), {"leader": chief.pk}).status_code == 400
    assert not OneOnOne.objects.exists()


@pytest.mark.django_db
def test_the_leaders_notes_and_unbrought_cards_stay_private(client, chief, leader, group):
    one_on_one = invite(client, chief, leader)
    cards = deck()
    response = prepare(client, leader, one_on_one, cards[:2], bring=cards[:1], notes=NOTE)
    assert response.status_code == 302
    assert prepare(client, chief, one_on_one, [cards[5]], notes="Mine egne tanker om Lis").status_code == 302

    leaders_page = page(client, leader, one_on_one)
    assert NOTE in leaders_page and "Mine egne tanker om Lis" not in leaders_page
    assert f"Din chef har tilføjet kortet »{cards[5].title}«." in leaders_page  # the chief tells beforehand

    chiefs_page = page(client, chief, one_on_one)
    assert NOTE not in chiefs_page
    assert "Lederen har valgt sine kort." in chiefs_page
    assert 'class="card oo-card"' not in chiefs_page  # no leader card shown before the conversation

    client.post(reverse("conversations:start", args=[one_on_one.pk]))
    chiefs_page = page(client, chief, one_on_one)
    shown = re.search(r'id="oo-cards".*?</section>', chiefs_page, re.S).group(0)
    assert cards[0].title in shown and cards[5].title in shown
    assert cards[1].title not in shown  # chosen, not brought
    assert NOTE not in chiefs_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, count, message",
    [("leader", 4, "Vælg højst 3 kort."), ("chief", 2, "Som chef kan du tilføje ét kort.")],
)
def test_too_many_cards_are_refused_with_a_reason(client, chief, leader, group, who, count, message):
    one_on_one = invite(client, chief, leader)
    response = prepare(client, {"leader": leader, "chief": chief}[who], one_on_one, deck()[:count], notes="gemmes ikke")
    assert response.status_code == 400 and message in response.content.decode()
    assert not one_on_one.cards.exists() and not one_on_one.preparations.exists()


@pytest.mark.django_db
def test_agreements_are_made_together_and_refused_after_the_end(client, chief, leader, group):
    one_on_one = invite(client, chief, leader)
    client.post(reverse("conversations:start", args=[one_on_one.pk]))
    add = reverse("conversations:add_agreement", args=[one_on_one.pk])
    client.force_login(leader)
    assert client.post(add, {"what": "Fast sparring hver 14. dag", "owner": "chief", "due": "2099-01-31"}).status_code == 302
    empty = client.post(add, {"what": "   ", "owner": "leader"})
    assert empty.status_code == 400 and "Skriv, hvad I aftaler." in empty.content.decode()
    wrong = client.post(add, {"what": "Noget", "owner": "hr"})
    assert wrong.status_code == 400 and "Vælg, hvis aftale det er." in wrong.content.decode()
    assert "Fast sparring hver 14. dag" in page(client, chief, one_on_one)
    client.post(reverse("conversations:follow_up", args=[one_on_one.pk]), {"follow_up_date": "2099-03-01", "shareable": "At vi har talt sammen"})
    client.post(reverse("conversations:end", args=[one_on_one.pk]))
    late = client.post(add, {"what": "For sent", "owner": "leader"}, follow=True)
    assert "Samtalen er afsluttet; den kan læses, men ikke længere ændres." in late.content.decode()
    assert list(Agreement.objects.values_list("what", flat=True)) == ["Fast sparring hver 14. dag"]


@pytest.mark.django_db
def test_the_next_one_on_one_opens_with_the_last_agreements(client, chief, leader, group):
    first = invite(client, chief, leader)
    services.start(first.pk)
    services.add_agreement(first.pk, what="Lis tager fri fredag eftermiddag", owner="leader", due=None)
    services.end(first.pk)
    second = invite(client, chief, leader)
    assert second.previous == first
    shown = page(client, leader, second)
    assert "Sidste gangs aftaler" in shown and "Lis tager fri fredag eftermiddag" in shown
    agreement = first.agreements.get()
    client.post(reverse("conversations:agreement_done", args=[second.pk, agreement.pk]), {"done": "1"})
    agreement.refresh_from_db()
    assert agreement.done


@pytest.mark.django_db
def test_each_party_exports_their_own_copy(client, chief, leader, group):
    one_on_one = invite(client, chief, leader)
    cards = deck()
    prepare(client, leader, one_on_one, cards[:1], bring=cards[:1], notes=NOTE)
    prepare(client, chief, one_on_one, [], notes="Chefens egen note")
    services.start(one_on_one.pk)
    services.add_agreement(one_on_one.pk, what="Sparring hver anden uge", owner="chief", due=None)
    services.save_follow_up(one_on_one.pk, follow_up_date="2099-03-01", shareable="")

    def pdf_text(user):
        client.force_login(user)
        response = client.get(reverse("conversations:download_pdf", args=[one_on_one.pk]))
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)

    leaders_copy, chiefs_copy = pdf_text(leader), pdf_text(chief)
    for text in (leaders_copy, chiefs_copy):
        assert "Sparring hver anden uge" in text and cards[0].title in text
    assert "sygemelding" in leaders_copy and "sygemelding" not in chiefs_copy
    assert "Chefens egen note" in chiefs_copy and "Chefens egen note" not in leaders_copy
    client.force_login(leader)
    ics = client.get(reverse("conversations:download_ics", args=[one_on_one.pk])).content.decode()
    assert "DTSTART;VALUE=DATE:20990301" in ics and "CLASS:PRIVATE" in ics
    exports = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, details__what="one_on_one")
    assert exports.count() == 3


@pytest.mark.django_db
def test_no_one_else_can_read_it_and_every_attempt_is_logged(client, chief, leader, group, outsiders):
    one_on_one = invite(client, chief, leader)
    prepare(client, leader, one_on_one, deck()[:1], notes=NOTE)
    agreement = Agreement.objects.create(one_on_one=one_on_one, what="Hemmelig aftale", owner="leader")
    urls = [
        ("get", reverse("conversations:detail", args=[one_on_one.pk])),
        ("get", reverse("conversations:download_pdf", args=[one_on_one.pk])),
        ("get", reverse("conversations:download_ics", args=[one_on_one.pk])),
        ("post", reverse("conversations:prepare", args=[one_on_one.pk])),
        ("post", reverse("conversations:start", args=[one_on_one.pk])),
        ("post", reverse("conversations:end", args=[one_on_one.pk])),
        ("post", reverse("conversations:add_agreement", args=[one_on_one.pk])),
        ("post", reverse("conversations:remove_agreement", args=[one_on_one.pk, agreement.pk])),
        ("post", reverse("conversations:agreement_done", args=[one_on_one.pk, agreement.pk])),
        ("post", reverse("conversations:follow_up", args=[one_on_one.pk])),
    ]
    for role, user in outsiders.items():
        client.force_login(user)
        before = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_REFUSED).count()
        for method, url in urls:
            response = getattr(client, method)(url, {"what": "x", "owner": "leader", "cards": []})
            assert response.status_code == 404, (role, url)
            assert NOTE not in response.content.decode() and "Hemmelig aftale" not in response.content.decode()
        assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_REFUSED, actor=user).count() - 0 == len(urls), role
        assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_REFUSED).count() == before + len(urls)
    one_on_one.refresh_from_db()
    assert one_on_one.stage == OneOnOne.Stage.PREPARING and list(one_on_one.agreements.values_list("what", flat=True)) == ["Hemmelig aftale"]

    page(client, leader, one_on_one)  # a party's read is logged too
    client.force_login(outsiders["administrator"])
    log = client.get(reverse("audit:log", args=[one_on_one.organisation_id])).content.decode()
    assert "Blev nægtet adgang til #" in log and "Åbnede 1-1-samtalen" in log
    assert NOTE not in log and "Hemmelig aftale" not in log


@pytest.mark.django_db
def test_the_django_admin_does_not_list_it(client, chief, leader, group, outsiders):
    invite(client, chief, leader)
    client.force_login(outsiders["superuser"])
    index = client.get("/admin/").content.decode()
    assert "1-1 samtale" not in index and "conversations" not in index and "Aftale" not in index
    assert client.get("/admin/conversations/oneonone/").status_code == 404


@pytest.mark.django_db
def test_the_one_on_one_shows_its_leader_groups_themes_as_context(client, chief, leader, group, organisation):
    from ledertrivsel.content.models import Tool
    from ledertrivsel.dialogues.models import Dialogue, PrioritisedTheme

    tool2 = Tool.objects.get(number=2)
    dialogue = Dialogue.objects.create(organisation=organisation, group=group, tool=tool2, title="Ledergruppen marts", code="ABCDEF", minutes=60)
    card = Card.objects.filter(tool=tool2).first()
    PrioritisedTheme.objects.create(dialogue=dialogue, card=card, position=1)
    one_on_one = invite(client, chief, leader)
    shown = page(client, leader, one_on_one)
    assert "Jeres ledergruppes temaer" in shown and card.title in shown


class FailingMail:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPServerDisconnected("down")


@pytest.mark.django_db
def test_when_the_mail_cannot_be_sent_the_chief_is_told_to_pass_the_link_on(client, chief, leader, group, settings):
    settings.EMAIL_BACKEND = "ledertrivsel.conversations.tests.test_one_on_one.FailingMail"
    client.force_login(chief)
    response = client.post(reverse("conversations:list"), {"leader": leader.pk, "planned_for": ""}, follow=True)
    assert "e-mailen til Lis Leder kunne ikke sendes" in response.content.decode()
    assert OneOnOne.objects.count() == 1
