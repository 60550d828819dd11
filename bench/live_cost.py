"""What one live action costs inside the app process, without sockets: the action's transaction
and the rendering of its pushes, each timed on its own.

    .venv/bin/python bench/live_cost.py [--repeat 300] [--profile out.prof]

Not a test. It makes a fresh SQLite database in a temporary folder, seeds one dialogue of 10
participants in the prioritise step, and times, for a dot placed and taken off again: the
action (`actions.add_dot` / `remove_dot`, committed) and `hub.render_change` for the screen and
ten phones, as the hub does after the announcement. A step change is timed the same way.
"""

import argparse
import cProfile
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = tempfile.mkdtemp(prefix="ledertrivsel-cost-")
os.environ.update({"LEDERTRIVSEL_VAR_DIR": FOLDER, "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings"})
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from ledertrivsel.dialogues import actions, events, hub  # noqa: E402
from ledertrivsel.dialogues.models import Participant  # noqa: E402

PRIORITISE_STAGE = 4


def seeded_dialogue() -> tuple[int, list[int]]:
    call_command("migrate", verbosity=0)
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "live_seed.py"), "--dialogues", "1", "--per-dialogue", "10", "--stage", str(PRIORITISE_STAGE)],
        capture_output=True, text=True, check=True, env=os.environ,
    ).stdout
    import json

    seeded = json.loads(out)
    dialogue_id = seeded["dialogues"][0]["id"]
    return dialogue_id, list(Participant.objects.filter(dialogue_id=dialogue_id).values_list("pk", flat=True))


def clients(participants: list[int]) -> list[dict]:
    screen = {"key": "screen", "role": "screen", "language": "da", "participant_id": None, "origin": "http://127.0.0.1:8000"}
    phones = [{"key": f"p{pid}", "role": "phone", "language": "da", "participant_id": pid, "origin": ""} for pid in participants]
    return [screen, *phones]


def timed(function, *arguments) -> float:
    started = time.perf_counter()
    function(*arguments)
    return time.perf_counter() - started


def report(name: str, seconds: list[float]):
    ms = sorted(1000 * value for value in seconds)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"| {name} | {statistics.median(ms):.2f} ms | {p95:.2f} ms | {len(ms)} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--profile", help="write a cProfile of the timed loop to this file")
    options = parser.parse_args()
    events.publish = lambda message: None  # no channel layer here: the hub's render is timed directly
    dialogue_id, participants = seeded_dialogue()
    everyone = clients(participants)
    cards = [card.key for card in actions.tool_content(1).cards]
    times = {"dot: action": [], "dot: pushes": [], "step change: action": [], "step change: pushes": []}
    profiler = cProfile.Profile() if options.profile else None
    if profiler:
        profiler.enable()
    for turn in range(options.repeat):
        participant = participants[turn % len(participants)]
        actor = actions.Actor(participant_id=participant)
        card = cards[turn % len(cards)]
        change = {"scopes": {events.PEOPLE}, "action_ids": [f"a{turn}"], "personal": {participant}, "removed": set()}
        times["dot: action"].append(timed(actions.add_dot, actor, dialogue_id, card, None, f"a{turn}"))
        times["dot: pushes"].append(timed(hub.render_change, dialogue_id, change, everyone))
        actions.remove_dot(actor, dialogue_id, card)
    facilitator = actions.Actor(user_id=1)
    for turn in range(max(1, options.repeat // 10)):
        direction = "-1" if turn % 2 == 0 else "1"
        change = {"scopes": {events.ALL}, "action_ids": [], "personal": set(), "removed": set()}
        times["step change: action"].append(timed(actions.go_to_stage, facilitator, dialogue_id, direction))
        times["step change: pushes"].append(timed(hub.render_change, dialogue_id, change, everyone))
    if profiler:
        profiler.disable()
        profiler.dump_stats(options.profile)
    print("| what | p50 | p95 | n |\n| --- | ---: | ---: | ---: |")
    for name, seconds in times.items():
        report(name, seconds)


if __name__ == "__main__":
    main()
