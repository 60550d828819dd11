"""Benchmark of live dialogues: push latency over real WebSockets against the real app.

    .venv/bin/python bench/live.py [--participants 1000] [--profiles burst,stress]
                                   [--setups sqlite,postgres] [--quick] [--seed 1]

Not a test: it prints a markdown table for BENCHMARKS.md and a short summary. It starts the app
as `ledertrivsel serve` processes on 127.0.0.1 (through tests/servers.py), creates dialogues of
10 participants each plus one facilitator screen, connects every socket from this one asyncio
process, plays a load profile and measures, for every accepted action, the time from sending it
to the arrival of a push naming its action id on every other socket of the dialogue (the nine
other phones and the screen). Send and arrival times come from one clock, this process's
time.perf_counter().

Set-ups (servers, database and sockets are fresh for every set-up × profile):
- sqlite:   one app process, SQLite in a temporary folder, the in-process channel layer;
- postgres: two app processes on a fresh PostgreSQL database (dropped afterwards) and Redis
            db 6 (flushed before and after); each dialogue's sockets are split across both
            processes, so about half of all deliveries cross from one process to the other;
- bare:     bench/bare_asgi.py, a raw ASGI broadcast server under the same uvicorn, no
            database and no Django: the floor that the app's figures are compared with.

Profiles:
- burst:  every dialogue is in the pick step; each participant picks once at a uniformly
          random moment of the window and one in five changes their pick once, later in the
          window. When every pick is answered, each facilitator moves on twice (reveal, then
          prioritise); then each participant places 3 dots at random moments of a second window.
- stress: every dialogue is in the prioritise step; each participant acts at exponential
          intervals (mean 5 s) for the whole window, placing a dot or taking one off so that
          nobody holds more than 3 (none: place; three: take off; else either, evenly).

Every wait is bounded; deliveries missing 15 s after the last action count as lost.
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import random
import re
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg
import redis
import uvloop
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from tests.servers import AppServer, free_port  # noqa: E402

PER_DIALOGUE = 10
CONNECT_CONCURRENCY = 50
CONNECT_SECONDS = 180.0  # for all sockets together
PICK_STAGE, PRIORITISE_STAGE = 2, 4
CHANGE_PICK_SHARE = 0.2
DOTS_EACH = 3
STRESS_MEAN_INTERVAL = 5.0
DRAIN_SECONDS = 15.0
REPLY_WAIT_SECONDS = 60.0
MEASURED = {"pick", "dot", "undot"}  # the facilitator's "go" carries no action id to follow
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/6"
SECRET_KEY = secrets.token_urlsafe(40)  # shared by the servers and the seeding, so sessions verify

META = b'<div id="live-meta"'
ERROR = b'<div id="live-error"'
ACTION_IDS = re.compile(rb'data-actions="([^"]*)"')
TAGS = re.compile(r"<[^>]+>")


def say(text: str):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# --- What runs on the server side ---------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    participants: int
    window: float  # each of the burst's two windows
    stress_seconds: float

    @property
    def dialogues(self) -> int:
        return math.ceil(self.participants / PER_DIALOGUE)


@dataclass
class Deployment:
    name: str
    urls: list[str]  # one ws:// base per app process; a dialogue's sockets are spread over them
    pids: list[int]
    world: dict  # as bench/live_seed.py prints it
    logs: list[Path]


def seed(server: AppServer, scale: Scale, stage: int) -> dict:
    arguments = ["--dialogues", str(scale.dialogues), "--per-dialogue", str(PER_DIALOGUE), "--stage", str(stage)]
    done = subprocess.run(
        [sys.executable, str(BENCH / "live_seed.py"), *arguments],
        env=server.environment, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    if done.returncode:
        raise RuntimeError(f"seeding failed:\n{done.stderr}")
    return json.loads(done.stdout)


@contextlib.contextmanager
def running(servers: list[AppServer]):
    """One after the other, so only the first migrates a shared database."""
    started = []
    try:
        for server in servers:
            started.append(server.start())
        yield
    finally:
        for server in started:
            server.stop()


@contextlib.contextmanager
def sqlite_app(folder: Path, scale: Scale, stage: int):
    server = AppServer(folder, f"sqlite:///{folder / 'bench.sqlite3'}", SECRET_KEY=SECRET_KEY)
    with running([server]):
        yield Deployment("SQLite, 1 process", [server.ws_url], [server.process.pid], seed(server, scale, stage), [server.log_path])


@contextlib.contextmanager
def fresh_postgres_database():
    name = f"ledertrivsel_bench_{secrets.token_hex(4)}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def empty_redis():
    """Dialogue ids restart at 1 in every fresh database: a previous run's hubs must not linger in the groups."""
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    try:
        yield
    finally:
        client.flushdb()
        client.close()


@contextlib.contextmanager
def postgres_apps(folder: Path, scale: Scale, stage: int):
    with fresh_postgres_database() as database_url, empty_redis():
        servers = [AppServer(folder / name, database_url, REDIS_URL=REDIS_URL, SECRET_KEY=SECRET_KEY) for name in ("a", "b")]
        with running(servers):
            yield Deployment(
                "PostgreSQL + Redis, 2 processes",
                [server.ws_url for server in servers],
                [server.process.pid for server in servers],
                seed(servers[0], scale, stage),
                [server.log_path for server in servers],
            )


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"the bare server did not start on port {port}")


@contextlib.contextmanager
def bare_server(folder: Path, scale: Scale, stage: int):
    folder.mkdir(parents=True, exist_ok=True)
    port, log_path = free_port(), folder / "bare.log"
    with open(log_path, "w") as log:
        command = [sys.executable, str(BENCH / "bare_asgi.py"), "--port", str(port)]
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process)
        # The bare server checks no cookies and knows no cards: any room names and card keys do.
        world = {
            "dialogues": [{"id": number, "screen": "-", "phones": ["-"] * PER_DIALOGUE} for number in range(1, scale.dialogues + 1)],
            "cards": [f"card-{number}" for number in range(1, 17)],
        }
        yield Deployment("bare ASGI (uvicorn), 1 process", [f"ws://127.0.0.1:{port}"], [process.pid], world, [log_path])
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


SETUPS = {"bare": bare_server, "sqlite": sqlite_app, "postgres": postgres_apps}
STAGES = {"burst": PICK_STAGE, "stress": PRIORITISE_STAGE}


# --- The client: sockets, actions and what arrives ----------------------------------------------


@dataclass(eq=False)
class Client:
    index: int
    dialogue: int  # position in the world's list of dialogues
    role: str  # "screen" or "phone"
    url: str
    cookie: str
    ws: object = None
    awaiting: deque = field(default_factory=deque)  # sent actions without a reply; replies come in order
    dots: list = field(default_factory=list)  # stress: the cards this phone has sent dots to


@dataclass(eq=False)
class Action:
    id: str
    kind: str
    sender: Client
    receivers: int
    sent_at: float
    answered: asyncio.Future
    replied_at: float | None = None
    refusal: str = ""
    arrivals: dict = field(default_factory=dict)  # receiving client's index -> first arrival


def make_clients(deployment: Deployment) -> list[Client]:
    """Screen and phones of a dialogue alternate over the app processes, starting at a different one per dialogue."""
    clients, urls = [], deployment.urls
    for position, dialogue in enumerate(deployment.world["dialogues"]):
        sockets = [("screen", dialogue["screen"]), *(("phone", cookie) for cookie in dialogue["phones"])]
        for offset, (role, cookie) in enumerate(sockets):
            url = f"{urls[(position + offset) % len(urls)]}/ws/dialoger/{dialogue['id']}/{role}/"
            clients.append(Client(len(clients), position, role, url, cookie))
    return clients


class Run:
    """The actions of one profile and everything that arrives for them."""

    def __init__(self, clients: list[Client]):
        self.clients = clients
        self.members = {}  # dialogue -> its clients' indices
        for client in clients:
            self.members.setdefault(client.dialogue, []).append(client.index)
        self.actions: dict[str, Action] = {}
        self.ids = itertools.count(1)
        self.lateness: list[float] = []  # how late the client sent each action against its schedule
        self.dropped: list[Client] = []  # closed by the server while the run went on
        self.stray_replies = 0
        self.pushes = self.push_bytes = 0
        self.closing = False

    @property
    def screens(self) -> list[Client]:
        return [client for client in self.clients if client.role == "screen"]

    @property
    def phones(self) -> list[Client]:
        return [client for client in self.clients if client.role == "phone"]

    async def send(self, client: Client, message: dict) -> Action:
        action_id = f"a{next(self.ids)}"
        action = Action(
            action_id, message["action"], client, len(self.members[client.dialogue]) - 1, time.perf_counter(),
            asyncio.get_running_loop().create_future(),
        )
        self.actions[action_id] = action
        client.awaiting.append(action)
        try:
            await client.ws.send(json.dumps({**message, "action_id": action_id}))
        except ConnectionClosed:
            client.awaiting.remove(action)  # never answered: counted as unanswered
        return action

    def received(self, client: Client, message: bytes, now: float):
        if message.startswith(META):
            self.pushes += 1
            self.push_bytes += len(message)
            self._arrived(client, message[: message.find(b">")], now)
        elif message.startswith(ERROR):
            self._replied(client, message, now)

    def _arrived(self, client: Client, head: bytes, now: float):
        found = ACTION_IDS.search(head)
        for action_id in found.group(1).decode().split(",") if found else ():
            action = self.actions.get(action_id)
            if action is not None and action.sender is not client:
                action.arrivals.setdefault(client.index, now)

    def _replied(self, client: Client, message: bytes, now: float):
        if not client.awaiting:
            self.stray_replies += 1
            return
        action = client.awaiting.popleft()
        action.replied_at = now
        action.refusal = TAGS.sub("", message.decode()).strip()
        action.answered.set_result(None)

    def answered(self) -> bool:
        return all(action.replied_at is not None for action in self.actions.values())

    def settled(self) -> bool:
        return self.answered() and all(
            len(action.arrivals) == action.receivers
            for action in self.actions.values()
            if action.kind in MEASURED and not action.refusal
        )


async def wait_until(condition, seconds: float):
    deadline = time.perf_counter() + seconds
    while not condition() and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)


async def connect_all(clients: list[Client]) -> list[float]:
    """Seconds per socket until its first message (the whole view), with a limited number opening at once."""
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(client: Client) -> float:
        async with gate:
            started = time.perf_counter()
            origin = "http://" + client.url.split("/")[2]
            client.ws = await connect(
                client.url,
                additional_headers={"Origin": origin, "Cookie": f"sessionid={client.cookie}"},
                proxy=None,
                ping_interval=None,  # a busy client must not drop sockets for a late pong; the server still pings
                max_size=None,
                open_timeout=60,
            )
            await asyncio.wait_for(client.ws.recv(decode=False), 60)
            return time.perf_counter() - started

    return await asyncio.gather(*(one(client) for client in clients))


async def listen(run: Run, client: Client):
    try:
        while True:  # ends when the socket closes
            message = await client.ws.recv(decode=False)  # bytes: the client never pays for decoding a whole view
            run.received(client, message, time.perf_counter())
    except ConnectionClosed:
        if not run.closing:
            run.dropped.append(client)


async def close_all(clients: list[Client]):
    await asyncio.wait([asyncio.ensure_future(client.ws.close()) for client in clients if client.ws], timeout=30)


# --- Load profiles --------------------------------------------------------------------------------


async def play(run: Run, events: list):
    """Sends each (offset in seconds, client, message maker) at its moment, one clock for all."""
    started = time.perf_counter()
    for offset, client, make in sorted(events, key=lambda event: event[0]):
        wait = started + offset - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        run.lateness.append(time.perf_counter() - started - offset)
        await run.send(client, make(client))


def fixed(message: dict):
    return lambda client: message


async def move_on(run: Run, screen: Client, steps: int):
    """The facilitator clicks "next" once the previous click is answered, as a person does."""
    for _ in range(steps):
        action = await run.send(screen, {"action": "go", "direction": "1"})
        await asyncio.wait([action.answered], timeout=REPLY_WAIT_SECONDS)


async def burst(run: Run, cards: list[str], scale: Scale, rng: random.Random):
    picks = []
    for phone in run.phones:
        first = rng.uniform(0, scale.window)
        picks.append((first, phone, fixed({"action": "pick", "card": rng.choice(cards)})))
        if rng.random() < CHANGE_PICK_SHARE:
            picks.append((rng.uniform(first, scale.window), phone, fixed({"action": "pick", "card": rng.choice(cards)})))
    await play(run, picks)
    say(f"  {len(picks)} picks sent; waiting for their replies")
    # A pick still queued when the facilitator reveals would be refused; the facilitator waits for everyone.
    await wait_until(run.answered, REPLY_WAIT_SECONDS)
    await asyncio.gather(*(move_on(run, screen, steps=PRIORITISE_STAGE - PICK_STAGE) for screen in run.screens))
    say("  every facilitator has moved on to prioritise; dots follow")
    dots = [
        (rng.uniform(0, scale.window), phone, fixed({"action": "dot", "card": rng.choice(cards)}))
        for phone in run.phones
        for _ in range(DOTS_EACH)
    ]
    await play(run, dots)


def dot_or_undot(cards: list[str], rng: random.Random):
    """Decided when sent, from the dots this phone has sent so far, so nobody asks for a fourth."""

    def make(phone: Client) -> dict:
        if phone.dots and (len(phone.dots) == DOTS_EACH or rng.random() < 0.5):
            return {"action": "undot", "card": phone.dots.pop(rng.randrange(len(phone.dots)))}
        phone.dots.append(rng.choice(cards))
        return {"action": "dot", "card": phone.dots[-1]}

    return make


async def stress(run: Run, cards: list[str], scale: Scale, rng: random.Random):
    make = dot_or_undot(cards, rng)
    events = []
    for phone in run.phones:
        moment = rng.expovariate(1 / STRESS_MEAN_INTERVAL)
        while moment < scale.stress_seconds:
            events.append((moment, phone, make))
            moment += rng.expovariate(1 / STRESS_MEAN_INTERVAL)
    await play(run, events)


PROFILES = {"burst": burst, "stress": stress}


# --- Measuring ----------------------------------------------------------------------------------


class Usage:
    """CPU seconds of the servers and of this client between start and stop; the servers' peak RSS, sampled."""

    def __init__(self, pids: list[int]):
        self.servers = [psutil.Process(pid) for pid in pids]
        self.client = psutil.Process()
        self.peak_rss = [0] * len(self.servers)
        self.sampler = None
        self.started = None

    async def __aenter__(self):
        self.sampler = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc):
        self.sampler.cancel()
        await asyncio.gather(self.sampler, return_exceptions=True)

    async def _sample(self):
        while True:  # cancelled when the run ends
            for index, process in enumerate(self.servers):
                self.peak_rss[index] = max(self.peak_rss[index], process.memory_info().rss)
            await asyncio.sleep(0.2)

    def _clock(self) -> tuple:
        machine = psutil.cpu_times()
        return (
            time.perf_counter(),
            [sum(process.cpu_times()[:2]) for process in self.servers],
            sum(self.client.cpu_times()[:2]),
            sum(machine) - machine.idle - getattr(machine, "iowait", 0),
        )

    def start(self):
        self.started = self._clock()

    def stop(self) -> dict:
        (wall0, servers0, client0, busy0), (wall1, servers1, client1, busy1) = self.started, self._clock()
        return {
            "wall": wall1 - wall0,
            "server_cpu": [after - before for before, after in zip(servers0, servers1)],
            "client_cpu": client1 - client0,
            "machine_busy": (busy1 - busy0) / (wall1 - wall0) / psutil.cpu_count(),
            "peak_rss": list(self.peak_rss),
        }


EXCEPTION_LINE = re.compile(r"^[\w.]*(Error|Exception|Timeout)\w*: ")


def log_problems(paths: list[Path]) -> list[str]:
    """Each log's exceptions by their last line (type and message), most frequent first."""
    problems = []
    for path in paths:
        lines = path.read_text(errors="replace").splitlines() if path.exists() else []
        exceptions = Counter(line[:160] for line in lines if EXCEPTION_LINE.match(line))
        problems += [f"{path.name}: {count}× {line}" for line, count in exceptions.most_common()]
    return problems


async def measure(setup: str, deployment: Deployment, profile: str, scale: Scale, rng: random.Random) -> dict:
    clients = make_clients(deployment)
    run = Run(clients)
    async with Usage(deployment.pids) as usage:
        connect_started = time.perf_counter()
        connect_seconds = await asyncio.wait_for(connect_all(clients), CONNECT_SECONDS)
        say(f"  {len(clients)} sockets open in {time.perf_counter() - connect_started:.1f} s")
        listeners = [asyncio.create_task(listen(run, client)) for client in clients]
        usage.start()
        try:
            await PROFILES[profile](run, deployment.world["cards"], scale, rng)
            say(f"  last action sent; waiting up to {DRAIN_SECONDS:.0f} s for the deliveries")
            await wait_until(run.settled, DRAIN_SECONDS)
            figures = usage.stop()
        finally:
            run.closing = True
            await close_all(clients)
            await asyncio.wait(listeners, timeout=10)
    return {
        "setup": setup, "name": deployment.name, "profile": profile, "participants": len(run.phones),
        "connect": connect_seconds, **figures, **tally(run), "log_problems": log_problems(deployment.logs),
    }


def missing_to_dropped(run: Run, accepted: list[Action]) -> int:
    """Deliveries that could not arrive because the server had closed the receiving socket."""
    dropped = {client.index for client in run.dropped}
    return sum(
        1
        for action in accepted
        for index in run.members[action.sender.dialogue]
        if index in dropped and index != action.sender.index and index not in action.arrivals
    )


def timeline(measured: list[Action], answered: list[Action]) -> dict:
    """How far the replies trailed the last send, and the average rate of replies: a server that
    keeps up answers the last action at once; a saturated one shows its capacity in the rate."""
    if not answered:
        return {"backlog": math.nan, "throughput": math.nan}
    last_reply = max(action.replied_at for action in answered)
    return {
        "backlog": last_reply - max(action.sent_at for action in measured),
        "throughput": len(answered) / (last_reply - min(action.sent_at for action in measured)),
    }


def tally(run: Run) -> dict:
    measured = [action for action in run.actions.values() if action.kind in MEASURED]
    answered = [action for action in measured if action.replied_at is not None]
    accepted = [action for action in answered if not action.refusal]
    facilitator = [action for action in run.actions.values() if action.kind not in MEASURED]
    by_kind = {}
    for action in accepted:
        by_kind.setdefault(action.kind, []).extend(arrival - action.sent_at for arrival in action.arrivals.values())
    return {
        "sent": len(measured),
        "accepted": len(accepted),
        "refusals": Counter(action.refusal for action in answered if action.refusal),
        "unanswered": len(measured) - len(answered),
        "expected": sum(action.receivers for action in accepted),
        "latencies": [arrival - action.sent_at for action in accepted for arrival in action.arrivals.values()],
        "acks": [action.replied_at - action.sent_at for action in answered],
        "by_kind": by_kind,
        **timeline(measured, answered),
        "missing_to_dropped": missing_to_dropped(run, accepted),
        "moves": len(facilitator),
        "moves_accepted": sum(action.replied_at is not None and not action.refusal for action in facilitator),
        "move_replies": [action.replied_at - action.sent_at for action in facilitator if action.replied_at is not None],
        "lateness": run.lateness,
        "dropped": [f"{client.role} {client.url}: close code {client.ws.close_code}" for client in run.dropped],
        "stray_replies": run.stray_replies,
        "pushes": run.pushes,
        "push_bytes": run.push_bytes,
    }


# --- Reporting ----------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank; NaN when there is nothing to rank."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return "—" if math.isnan(seconds) else f"{seconds * 1000:.0f}" if seconds >= 0.1 else f"{seconds * 1000:.1f}"


def target(result: dict) -> str:
    if result["setup"] == "bare":
        return "—"
    if result["profile"] == "burst":
        verdict = "met" if percentile(result["latencies"], 0.95) < 0.1 else "missed"
        text = f"p95 < 100 ms: **{verdict}**"
    else:
        lost = result["expected"] - len(result["latencies"])
        verdict = "met" if lost == 0 and percentile(result["latencies"], 0.99) < 1.0 else "missed"
        text = f"0 lost, p99 < 1 s: **{verdict}**"
    return text if result["participants"] == 1000 else f"{text} (target is for 1,000)"


def versus_bare(result: dict, results: list[dict]) -> str:
    bare = next((other for other in results if other["setup"] == "bare" and other["profile"] == result["profile"]), None)
    if result["setup"] == "bare" or bare is None:
        return "—"
    return f"{percentile(result['latencies'], 0.95) / percentile(bare['latencies'], 0.95):.1f}×"


def cpu_and_memory(result: dict) -> tuple[str, str]:
    wall = result["wall"]
    cpu = " + ".join(f"{seconds:.1f} s ({100 * seconds / wall:.0f} %)" for seconds in result["server_cpu"])
    rss = " + ".join(f"{rss / 2**20:.0f}" for rss in result["peak_rss"])
    return cpu, rss


def table(results: list[dict]) -> str:
    rows = [
        "| set-up | profile | participants | actions sent / accepted / refused | deliveries delivered / expected "
        "| p50 ms | p95 ms | p99 ms | max ms | p95 vs bare | target | server CPU (% of a core) | peak RSS MB | client CPU |",
        "| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |",
    ]
    for result in results:
        latencies = result["latencies"]
        cpu, rss = cpu_and_memory(result)
        refused = sum(result["refusals"].values())
        rows.append(
            f"| {result['name']} | {result['profile']} | {result['participants']:,} "
            f"| {result['sent']:,} / {result['accepted']:,} / {refused:,} | {len(latencies):,} / {result['expected']:,} "
            f"| {ms(percentile(latencies, 0.5))} | {ms(percentile(latencies, 0.95))} | {ms(percentile(latencies, 0.99))} "
            f"| {ms(max(latencies, default=math.nan))} | {versus_bare(result, results)} | {target(result)} "
            f"| {cpu} | {rss} | {100 * result['client_cpu'] / result['wall']:.0f} % |"
        )
    return "\n".join(rows)


def details(result: dict) -> list[str]:
    acks, connect_seconds, lateness = result["acks"], result["connect"], result["lateness"]
    lost = result["expected"] - len(result["latencies"])
    kinds = ", ".join(f"{kind} {ms(percentile(values, 0.95))} ms" for kind, values in sorted(result["by_kind"].items()))
    closed = f" ({result['missing_to_dropped']:,} of them to sockets the server closed)" if result["dropped"] else ""
    lines = [
        f"{result['name']}, {result['profile']} (app at {result['version']}): {lost:,} deliveries missing at the deadline{closed}, "
        f"{result['unanswered']} actions unanswered",
        f"  p95 by action: {kinds}; reply to the sender p50 {ms(percentile(acks, 0.5))} ms, p95 {ms(percentile(acks, 0.95))} ms, "
        f"p99 {ms(percentile(acks, 0.99))} ms; the last reply came {result['backlog']:.1f} s after the last action was sent; "
        f"on average {result['throughput']:.0f} actions answered a second from the first send to the last reply",
        f"  sockets opened: p50 {ms(percentile(connect_seconds, 0.5))} ms, p95 {ms(percentile(connect_seconds, 0.95))} ms each "
        f"({CONNECT_CONCURRENCY} at a time); measured part {result['wall']:.1f} s; machine busy {100 * result['machine_busy']:.0f} % "
        f"of {psutil.cpu_count()} cores; client sent late by p99 {ms(percentile(lateness, 0.99))} ms, "
        f"max {ms(max(lateness, default=math.nan))} ms",
        f"  {result['pushes']:,} pushes received, {result['push_bytes'] / max(result['pushes'], 1) / 1024:.1f} KiB on average",
    ]
    if result["moves"]:
        moves = result["move_replies"]
        lines.append(
            f"  facilitator moves sent / accepted: {result['moves']} / {result['moves_accepted']}; "
            f"reply p50 {ms(percentile(moves, 0.5))} ms, max {ms(max(moves, default=math.nan))} ms"
        )
    lines += [f"  refused {count}×: {message}" for message, count in result["refusals"].most_common()]
    if result["stray_replies"]:
        lines.append(f"  {result['stray_replies']} replies arrived for no action")
    if result["dropped"]:
        lines.append(f"  {len(result['dropped'])} sockets closed during the run, e.g. {result['dropped'][0]}")
    lines += [f"  server log: {problem}" for problem in result["log_problems"]]
    return lines


def app_version() -> str:
    """The commit the app's code is at, marked when ledertrivsel/ has uncommitted changes."""

    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return f"{commit} + uncommitted changes" if git("status", "--porcelain", "--", "ledertrivsel") else commit


def summary(results: list[dict], failures: list[str]) -> str:
    versions = sorted({result["version"] for result in results})
    lines = [f"App at commit {', '.join(versions)}; Python {sys.version.split()[0]}; {psutil.cpu_count()} cores."]
    if len(versions) > 1:
        lines.append("The app changed during the run: each row below names the commit its servers started from.")
    for result in results:
        lines += details(result)
    for result in (result for result in results if result["setup"] != "bare"):
        lines.append(
            f"{result['name']}, {result['profile']}: p95 {ms(percentile(result['latencies'], 0.95))} ms, "
            f"{versus_bare(result, results)} the bare server; target {target(result).replace('**', '')}."
        )
    return "\n".join(lines + [f"FAILED: {failure}" for failure in failures])


# --- Command line -------------------------------------------------------------------------------


def raise_file_limit():
    """A thousand sockets on each side; the servers inherit the limit."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, help="default 1000, or 100 with --quick")
    parser.add_argument("--profiles", default="burst,stress")
    parser.add_argument("--setups", default="sqlite,postgres", help="the bare server always runs too")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 100 participants and 10 s windows")
    parser.add_argument("--seed", type=int, default=1, help="for the random moments and cards")
    args = parser.parse_args()
    profiles, setups = args.profiles.split(","), args.setups.split(",")
    unknown = [name for name in profiles if name not in PROFILES] + [name for name in setups if name not in SETUPS or name == "bare"]
    if unknown:
        parser.error(f"unknown profile or set-up: {', '.join(unknown)}")
    participants = args.participants or (100 if args.quick else 1000)
    scale = Scale(participants, 10.0, 10.0) if args.quick else Scale(participants, 30.0, 60.0)
    return scale, profiles, ["bare", *setups], args.seed


def main() -> int:
    scale, profiles, setups, seed_value = arguments()
    raise_file_limit()
    folder = Path(tempfile.mkdtemp(prefix="ledertrivsel-live-bench-"))
    say(f"servers' folders and logs: {folder}")
    results, failures = [], []
    for setup in setups:
        for profile in profiles:
            say(f"{setup} × {profile}: {scale.participants} participants in {scale.dialogues} dialogues")
            version = app_version()  # per row, as its servers start: the work tree may change during a run
            try:
                with SETUPS[setup](folder / f"{setup}-{profile}", scale, STAGES[profile]) as deployment:
                    result = uvloop.run(measure(setup, deployment, profile, scale, random.Random(seed_value)))
                    results.append({**result, "version": version})
            except Exception as error:  # one broken set-up must not cost the other rows
                failures.append(f"{setup} × {profile}: {type(error).__name__}: {error}")
                say(failures[-1])
    print(table(results))
    print()
    print(summary(results, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
