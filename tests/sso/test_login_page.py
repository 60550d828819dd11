"""The login page with single sign-on not configured, as every installation starts."""

import pytest
from django.contrib.auth import get_user_model


def test_without_configuration_the_login_page_offers_only_passwords(client):
    page = client.get("/login/").content.decode()
    assert 'name="password"' in page
    assert "/sso/" not in page
    assert client.get("/sso/login/").status_code == 404


@pytest.mark.django_db
def test_password_login_works_as_before(client):
    get_user_model().objects.create_user("tove@testkommune.dk", "tove@testkommune.dk", "Dialog-med-ledere-42")
    response = client.post("/login/", {"username": "Tove@Testkommune.dk", "password": "Dialog-med-ledere-42"})
    assert response.status_code == 302 and response.url == "/dialoger/"
