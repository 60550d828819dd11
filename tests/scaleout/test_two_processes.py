"""Two app processes on PostgreSQL and Redis serve one dialogue: what happens on one shows on the other.

Needs PostgreSQL on 127.0.0.1:5432 (trust auth) and Redis on 127.0.0.1:6379. Skipped when they
are not there, unless LEDERTRIVSEL_REQUIRE_SERVICES=1 (as in CI), where their absence fails.
"""

import os
import re
import secrets
import socket

import pytest

from tests.live.conftest import Socket
from tests.servers import AppServer, HttpSession

POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


def reachable(address) -> bool:
    try:
        socket.create_connection(address, timeout=1).close()
        return True
    except OSError:
        return False


def require_services():
    missing = [name for name, address in (("PostgreSQL", POSTGRES), ("Redis", REDIS)) if not reachable(address)]
    if missing:
        message = f"{' and '.join(missing)} not reachable on 127.0.0.1"
        if os.environ.get("LEDERTRIVSEL_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def postgres_database():
    require_services()
    import psycopg

    name = f"ledertrivsel_scaleout_{secrets.token_hex(4)}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def two_processes(postgres_database, tmp_path):
    settings = {"REDIS_URL": "redis://127.0.0.1:6379/5", "SECRET_KEY": secrets.token_urlsafe(40), "LEDERTRIVSEL_ADMIN_PASSWORD": "Dialog-med-ledere-42"}
    first = AppServer(tmp_path / "a", postgres_database, **settings)
    second = AppServer(tmp_path / "b", postgres_database, **settings)
    first.var_dir.mkdir()
    first.command("create-admin", "--email", "tove@testkommune.dk", "--organisation", "Testkommune")
    first.start()
    second.start()
    yield first, second
    first.stop()
    second.stop()


def screen_and_phone(first, second) -> tuple[Socket, Socket]:
    """A dialogue started on the second process: its shared screen there, a phone on the first."""
    facilitator = HttpSession(second.url)
    assert facilitator.post("/login/", {"username": "tove@testkommune.dk", "password": "Dialog-med-ledere-42"}).status == 302
    started = facilitator.post("/redskaber/organisationen/start/", {"title": "To processer", "minutes": "30", "organisation": "1"})
    dialogue_id = int(re.search(r"/dialoger/(\d+)/", started.headers["Location"]).group(1))
    code = re.search(r'join-chip__code">(\w+)<', facilitator.get(f"/dialoger/{dialogue_id}/").read().decode()).group(1)

    participant = HttpSession(first.url)
    assert participant.post("/deltag/", {"code": code, "name": "Anna"}).status == 302

    screen = Socket(second, f"/ws/dialoger/{dialogue_id}/screen/", facilitator.cookie("sessionid"))
    phone = Socket(first, f"/ws/dialoger/{dialogue_id}/phone/", participant.cookie("sessionid"))
    assert "Anna" in screen.first
    return screen, phone


def test_a_pick_made_through_one_process_appears_on_a_screen_connected_to_the_other(two_processes):
    screen, phone = screen_and_phone(*two_processes)

    # A step change made on the second process reaches the phone on the first ...
    for _ in range(2):
        screen.send(action="go", direction="1")
    phone.wait_for(r"Trin 2 af 5")
    # ... and a pick made on the first reaches the screen on the second.
    phone.send(action="pick", card="maal")
    assert "1 af 1 har valgt et kort." in screen.wait_for(r"1 af 1 har valgt")
    screen.send(action="reveal")
    assert '<span class="chip">Anna</span>' in screen.wait_for(r'class="chip"')
    screen.close()
    phone.close()


def test_after_redis_drops_the_subscriptions_screens_are_refreshed_and_changes_cross_again(two_processes):
    import redis

    screen, phone = screen_and_phone(*two_processes)
    screen.send(action="go", direction="1")
    phone.wait_for(r"Trin 1 af 5")
    killed = redis.Redis(host=REDIS[0], port=REDIS[1]).client_kill_filter(_type="pubsub")
    assert killed >= 2  # one subscription per app process
    # Announcements may have been missed while they were gone: each hub re-renders its screens.
    assert 'id="screen-controls"' in screen.wait_for(r'id="screen-controls"')
    assert "Trin 1 af 5" in phone.wait_for(r"Trin 1 af 5")
    screen.send(action="go", direction="1")
    phone.wait_for(r"Trin 2 af 5")
    phone.send(action="pick", card="maal")
    assert "1 af 1 har valgt et kort." in screen.wait_for(r"1 af 1 har valgt")
    screen.close()
    phone.close()
