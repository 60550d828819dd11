"""Personal pages are not cached, and the join-code limit counts visitors, not the proxy."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from ledertrivsel.lib.ratelimit import client_address
from ledertrivsel.organisations.models import Membership, Organisation


@pytest.mark.django_db
def test_a_logged_in_persons_pages_are_never_stored(client):
    organisation = Organisation.objects.create(name="Testkommune", slug="testkommune")
    user = get_user_model().objects.create_user("tove@testkommune.dk", "tove@testkommune.dk", "x")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.FACILITATOR)
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    client.force_login(user)
    for path in ("/", "/handleplaner/", "/dialoger/", "/mine-data/"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_behind_a_proxy_the_visitor_is_the_address_the_proxy_appended():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_address(request) == "10.0.0.1"
    with override_settings(TRUSTED_PROXIES=1):
        assert client_address(request) == "203.0.113.7"  # the forged 6.6.6.6 on the left is ignored
        assert client_address(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=1)
def test_behind_a_proxy_one_guesser_does_not_lock_out_everyone(client):
    cache.clear()
    for _ in range(12):
        client.post("/deltag/", {"code": "ZZZZZZ", "name": "Gætter"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    guesser = client.post("/deltag/", {"code": "ZZZZZZ", "name": "Gætter"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    someone_else = client.post("/deltag/", {"code": "ZZZZZZ", "name": "Anna"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert "For mange forkerte koder fra dette netværk" in guesser.content.decode()
    assert "For mange forkerte koder" not in someone_else.content.decode()
    cache.clear()
