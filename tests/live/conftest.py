"""Tests over real WebSockets: the app runs in its own process on the test database."""

import json
import re
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from websockets.sync.client import connect

from ledertrivsel.content.models import Tool
from ledertrivsel.dialogues import actions
from ledertrivsel.organisations.models import Membership, Organisation
from tests.servers import AppServer


def server_for_test_database(var_dir) -> AppServer:
    return AppServer(var_dir, f"sqlite:///{settings.DATABASES['default']['NAME']}", SECRET_KEY=settings.SECRET_KEY)


@pytest.fixture(scope="session")
def live_server_process(django_db_setup, tmp_path_factory):
    server = server_for_test_database(tmp_path_factory.mktemp("live-var")).start()
    yield server
    server.stop()


class Socket:
    """A WebSocket client as a screen or a phone uses it, with helpers to wait for what it is shown."""

    def __init__(self, server: AppServer, path: str, cookie: str):
        self.opened = connect(
            server.ws_url + path,
            additional_headers={"Cookie": f"sessionid={cookie}", "Origin": server.url},
            open_timeout=10,
        )
        self.connection = self.opened.__enter__()
        self.first = self.connection.recv(timeout=10)

    def send(self, **message):
        self.connection.send(json.dumps(message))

    def send_raw(self, text: str):
        self.connection.send(text)

    def wait_for(self, pattern: str, timeout: float = 10) -> str:
        """The first message (from now on) that matches `pattern`."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"nothing matching {pattern!r} arrived within {timeout} s")
            message = self.connection.recv(timeout=left)
            if re.search(pattern, message):
                return message

    def error(self, timeout: float = 10) -> str:
        message = self.wait_for(r'id="live-error"', timeout)
        match = re.search(r'id="live-error"[^>]*>(.*?)</div>', message, re.S)
        return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""

    def close(self):
        self.opened.__exit__(None, None, None)


@pytest.fixture
def world(transactional_db, live_server_process):
    """An organisation with a facilitator and a tool-1 dialogue, and ways to connect to it."""
    organisation = Organisation.objects.create(name="Testkommune", slug="testkommune")
    user = get_user_model().objects.create_user("tove@testkommune.dk", "tove@testkommune.dk", "x")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.FACILITATOR)
    dialogue = actions.create_dialogue(
        user=user, organisation=organisation, tool=Tool.objects.get(number=1), title="Direktionen", minutes=60, anonymous=False
    )
    sockets = []

    class World:
        server = live_server_process

        def __init__(self):
            self.organisation, self.user, self.dialogue = organisation, user, dialogue

        def screen(self, dialogue=None) -> Socket:
            client = Client()
            client.force_login(user)
            socket = Socket(self.server, f"/ws/dialoger/{(dialogue or self.dialogue).pk}/screen/", client.cookies["sessionid"].value)
            sockets.append(socket)
            return socket

        def join(self, name: str, dialogue=None) -> tuple[Client, Socket]:
            dialogue = dialogue or self.dialogue
            client = Client()
            response = client.post("/deltag/", {"code": dialogue.code, "name": name})
            assert response.status_code == 302, response.content.decode()
            return client, self.phone(client, dialogue)

        def phone(self, client: Client, dialogue=None) -> Socket:
            socket = Socket(self.server, f"/ws/dialoger/{(dialogue or self.dialogue).pk}/phone/", client.cookies["sessionid"].value)
            sockets.append(socket)
            return socket

    yield World()
    for socket in sockets:
        try:
            socket.close()
        except Exception:
            pass
