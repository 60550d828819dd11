"""Creates the dialogues, participants and sessions for `bench/live.py`, and prints them as JSON.

    python bench/live_seed.py --dialogues 100 --per-dialogue 10 --stage 2

Run by `bench/live.py` in a process of its own, with the environment of the app servers it
benchmarks (DATABASE_URL, LEDERTRIVSEL_VAR_DIR, SECRET_KEY), after they have migrated: Django's
settings are fixed once per process, and one benchmark run speaks to several databases.
"""

import argparse
import datetime
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledertrivsel.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from ledertrivsel.content.models import Card, Tool  # noqa: E402
from ledertrivsel.dialogues import actions  # noqa: E402
from ledertrivsel.dialogues.models import Dialogue, Participant  # noqa: E402
from ledertrivsel.organisations.models import Membership, Organisation  # noqa: E402

PICK_STAGE = 2  # tool 1: 1 cards, 2 pick, 3 reasons, 4 prioritise, 5 next steps
KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"  # as Django's own session keys


def facilitator():
    organisation = Organisation.objects.create(name="Benchmark Kommune", slug="benchmark-kommune")
    user = get_user_model().objects.create_user("tovholder@bench.dk", "tovholder@bench.dk", "x")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.FACILITATOR)
    return organisation, user


def new_sessions(contents: list[dict]) -> list[str]:
    """One database session per dict, written in one statement rather than one commit each."""
    store = SessionStore()
    expire = timezone.now() + datetime.timedelta(days=1)
    sessions = [
        Session(session_key=get_random_string(32, KEY_CHARACTERS), session_data=store.encode(content), expire_date=expire)
        for content in contents
    ]
    Session.objects.bulk_create(sessions)
    return [session.session_key for session in sessions]


def facilitator_session(user) -> str:
    return new_sessions(
        [
            {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
            }
        ]
    )[0]


def dialogue_at_stage(organisation, user, tool, number: int, stage: int) -> Dialogue:
    dialogue = actions.create_dialogue(
        user=user, organisation=organisation, tool=tool, title=f"Benchmark {number}", minutes=90, anonymous=False
    )
    # Setting the stage directly stands in for the facilitator's clicks before the benchmark starts.
    Dialogue.objects.filter(pk=dialogue.pk).update(stage=stage, stage_started_at=timezone.now(), revealed=stage > PICK_STAGE)
    return dialogue


def seed(dialogues: int, per_dialogue: int, stage: int) -> dict:
    tool = Tool.objects.get(number=1)
    with transaction.atomic():
        organisation, user = facilitator()
        screen_cookie = facilitator_session(user)
        created = []
        for number in range(1, dialogues + 1):
            dialogue = dialogue_at_stage(organisation, user, tool, number, stage)
            people = Participant.objects.bulk_create(
                Participant(dialogue=dialogue, name=f"Deltager {index}") for index in range(1, per_dialogue + 1)
            )
            phone_cookies = new_sessions([{"participations": {str(dialogue.pk): person.pk}} for person in people])
            created.append({"id": dialogue.pk, "screen": screen_cookie, "phones": phone_cookies})
    return {"dialogues": created, "cards": list(Card.objects.filter(tool=tool).values_list("key", flat=True))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogues", type=int, required=True)
    parser.add_argument("--per-dialogue", type=int, required=True)
    parser.add_argument("--stage", type=int, required=True)
    args = parser.parse_args()
    json.dump(seed(args.dialogues, args.per_dialogue, args.stage), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
