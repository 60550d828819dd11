"""Who may open every URL: each URL pattern tried as each kind of person, against a table.

Every pattern the URL resolver knows (and every WebSocket route) needs a row here saying what
each actor gets: no one; and, in organisation A (which owns the objects) and organisation B
(another one), a participant with a phone session and no account, a leader, a chief, a
facilitator and an administrator. A new URL without a row fails, so no URL reaches users before
someone has decided who may use it.

The policy: no account → the login page; logged in without the right role in the object's
organisation → 403; an object of another organisation → 404, so its existence is not revealed.
"""

import asyncio
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from asgiref.testing import ApplicationCommunicator
from django.urls import URLResolver, get_resolver, reverse

from .world import ACTORS, PASSWORD, ROLES, World, build_world, tear_down_world

# --- What the answers mean ----------------------------------------------------------------


def _redirects_to(response, prefix: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(prefix)


def _refused(response) -> bool:
    return response.status_code in (403, 404, 405) or _redirects_to(response, "/login/") or _redirects_to(response, "/admin/login/")


ANSWERS: dict[str, Callable] = {
    "ok": lambda response: response.status_code == 200,
    "login": lambda response: _redirects_to(response, "/login/?next="),
    "admin_login": lambda response: _redirects_to(response, "/admin/login/?next="),
    "redirect": lambda response: response.status_code == 302 and not _refused(response),
    "forbidden": lambda response: response.status_code == 403,
    "not_found": lambda response: response.status_code == 404,
    "not_allowed": lambda response: response.status_code == 405,
    "invalid": lambda response: response.status_code == 400,
    # A change someone may make: it is not refused (a form with an error is still let in).
    "accepted": lambda response: response.status_code in (200, 204, 302, 400) and not _refused(response),
}

# --- The policy, in words the table uses --------------------------------------------------

NO_ACCOUNT = ("anonymous", "participant_a", "participant_b")
FACILITATING = ("facilitator", "administrator")
# A leader group's plan is changed by its facilitator, the administrators and the group's chief.
PLAN_EDITORS = (*FACILITATING, "chief")


def roles(*allowed: str, kind: str = "ok", others: str = "forbidden") -> dict[str, str]:
    return {role: kind if role in allowed else others for role in ROLES}


def answers(*, no_account: str = "login", a, b, **exceptions: str) -> dict[str, str]:
    """Each actor's answer. `a` and `b`: what a person of each role in organisation A (the
    owner) and B gets: one kind for every role, or role → kind."""
    table = dict.fromkeys(NO_ACCOUNT, no_account)
    for org, by_role in (("a", a), ("b", b)):
        for role in ROLES:
            table[f"{role}_{org}"] = by_role if isinstance(by_role, str) else by_role[role]
    table.update(exceptions)
    assert set(table) == set(ACTORS), set(ACTORS) ^ set(table)
    return table


def everyone(kind: str) -> dict[str, str]:
    return answers(no_account=kind, a=kind, b=kind)


def logged_in(kind: str) -> dict[str, str]:
    """Anyone with an account, about themselves or what they may reach anywhere."""
    return answers(a=kind, b=kind)


def in_own_organisation(*allowed: str, kind: str = "ok") -> dict[str, str]:
    """Not tied to an object: each person acts in their own organisation, with the right role."""
    return answers(a=roles(*allowed, kind=kind), b=roles(*allowed, kind=kind))


def of_a(*allowed: str, kind: str = "ok") -> dict[str, str]:
    """An object of organisation A: its people with the right role; its others 403; B 404."""
    return answers(a=roles(*allowed, kind=kind), b="not_found")


POST_ONLY = logged_in("not_allowed")  # GET of a POST-only view, once past the login
ONE_ON_ONE = answers(a=roles("chief", "leader", others="not_found"), b="not_found")
ONE_ON_ONE_CHANGE = answers(a=roles("chief", "leader", kind="accepted", others="not_found"), b="not_found")


@dataclass(frozen=True)
class Row:
    get: dict[str, str] | None  # actor → answer to GET; None: GET is not tried
    post: dict[str, str] | None = None  # actor → answer to POST; None: POST is not tried
    kwargs: Callable[[World], dict] = lambda world: {}
    data: Callable[[World, str], dict] = lambda world, actor: {}  # POST data, for the actor
    url: Callable[[World], str] | None = None  # for a pattern without a name: its address


def own_org(world: World, actor: str) -> int:
    return world.side_of(actor).organisation.pk


TOOL = {"slug": "organisationen"}

ROWS: dict[str, Row] = {
    # Public pages.
    "front:home": Row(get=everyone("ok")),
    "front:accessibility": Row(get=everyone("ok")),
    "content:tool": Row(get=everyone("ok"), kwargs=lambda w: TOOL),
    "printing:cards": Row(get=everyone("ok"), kwargs=lambda w: TOOL),
    "printing:guide": Row(get=everyone("ok"), kwargs=lambda w: TOOL),
    "printing:template": Row(get=everyone("ok"), kwargs=lambda w: TOOL),
    # Accounts.
    "login": Row(get=everyone("ok")),
    "logout": Row(get=everyone("not_allowed"), post=everyone("redirect")),
    "password_reset": Row(get=everyone("ok"), post=everyone("redirect"), data=lambda w, actor: {"email": "ingen@eksempel.dk"}),
    "password_reset_done": Row(get=everyone("ok")),
    "password_reset_confirm": Row(get=everyone("ok"), kwargs=lambda w: {"uidb64": "MQ", "token": "forkert-token"}),
    "password_reset_complete": Row(get=everyone("ok")),
    # Live dialogues: run by the organisation's facilitators and administrators.
    # The list shows each person the dialogues they may run (none for a leader), so anyone logged in may open it.
    "dialogues:list": Row(get=logged_in("ok")),
    "dialogues:start": Row(
        get=in_own_organisation(*FACILITATING),
        post=in_own_organisation(*FACILITATING, kind="accepted"),
        kwargs=lambda w: TOOL,
        data=lambda w, actor: {"title": "Direktionen, april", "minutes": "60", "organisation": own_org(w, actor)},
    ),
    "dialogues:screen": Row(get=of_a(*FACILITATING), kwargs=lambda w: {"dialogue_id": w.a.dialogue.pk}),
    "dialogues:summary": Row(get=of_a(*FACILITATING), kwargs=lambda w: {"dialogue_id": w.a.ended_dialogue.pk}),
    "dialogues:summary_pdf": Row(get=of_a(*FACILITATING), kwargs=lambda w: {"dialogue_id": w.a.ended_dialogue.pk}),
    "dialogues:summary_csv": Row(get=of_a(*FACILITATING), kwargs=lambda w: {"dialogue_id": w.a.ended_dialogue.pk}),
    # Joining: the code is the key, so anyone who has it may join, account or not.
    "dialogues:join": Row(get=everyone("ok"), post=everyone("accepted"), data=lambda w, actor: {"code": w.a.dialogue.code, "name": "Bo"}),
    # Someone already in the dialogue goes straight back to their phone view.
    "dialogues:join_link": Row(get={**everyone("ok"), "participant_a": "redirect"}, kwargs=lambda w: {"code": w.a.dialogue.code}),
    # Only the participant's own session shows the phone view; anyone else is sent to the join form.
    "dialogues:phone": Row(get={**everyone("redirect"), "participant_a": "ok"}, kwargs=lambda w: {"code": w.a.dialogue.code}),
    # Groups: the organisation's facilitators and administrators.
    "groups": Row(
        get=in_own_organisation(*FACILITATING),
        post=in_own_organisation(*FACILITATING, kind="accepted"),
        data=lambda w, actor: {"organisation": own_org(w, actor), "name": "MED-udvalget", "kind": "med"},
    ),
    "edit_group": Row(
        get=of_a(*FACILITATING),
        post=of_a(*FACILITATING, kind="accepted"),
        kwargs=lambda w: {"group_id": w.a.group.pk},
        data=lambda w, actor: {"name": "Ledergruppen", "kind": "leader_group", "chief": w.a.people["chief"].pk, "members": [w.a.people["leader"].pk]},
    ),
    # People, roles, units and the audit log: the organisation's administrators only.
    "organisation_home": Row(get=in_own_organisation("administrator", kind="redirect")),
    "people": Row(get=of_a("administrator"), kwargs=lambda w: {"organisation_id": w.a.organisation.pk}),
    "invite": Row(
        get=POST_ONLY,
        post=of_a("administrator", kind="accepted"),
        kwargs=lambda w: {"organisation_id": w.a.organisation.pk},
        data=lambda w, actor: {"email": "nyleder@aakommune.dk", "role": "leader"},
    ),
    "membership": Row(
        get=of_a("administrator"),
        post=of_a("administrator", kind="accepted"),
        kwargs=lambda w: {"organisation_id": w.a.organisation.pk, "membership_id": w.a.people["leader"].memberships.get().pk},
        data=lambda w, actor: {"role": "chief", "unit": ""},
    ),
    "withdraw_invitation": Row(
        get=POST_ONLY,
        post=of_a("administrator", kind="accepted"),
        kwargs=lambda w: {"organisation_id": w.a.organisation.pk, "invitation_id": w.a.invitation.pk},
    ),
    "units": Row(
        get=of_a("administrator"),
        post=of_a("administrator", kind="accepted"),
        kwargs=lambda w: {"organisation_id": w.a.organisation.pk},
        data=lambda w, actor: {"name": "Hjemmeplejen"},
    ),
    "audit:log": Row(get=of_a("administrator"), kwargs=lambda w: {"organisation_id": w.a.organisation.pk}),
    # An invitation: anyone holding its link (the token is the key).
    "accept_invitation": Row(
        get=everyone("ok"),
        post=everyone("accepted"),
        kwargs=lambda w: {"token": w.a.invitation_token},
        data=lambda w, actor: {"name": "Nina Ny", "password1": PASSWORD, "password2": PASSWORD},
    ),
    # Action plans: read by the group (its leaders and chief), the organisation's facilitators
    # and administrators; changed by the group's facilitator (here also the plan's maker), the
    # administrators and, as the plan is a leader group's, the group's chief.
    "plans:overview": Row(get=logged_in("ok")),
    "plans:detail": Row(get=of_a(*ROLES), kwargs=lambda w: {"plan_id": w.a.plan.pk}),
    "plans:history": Row(get=of_a(*ROLES), kwargs=lambda w: {"plan_id": w.a.plan.pk}),
    **{
        f"plans:download_{file_format}": Row(get=of_a(*ROLES), kwargs=lambda w: {"plan_id": w.a.plan.pk})
        for file_format in ("pdf", "docx", "csv", "ics")
    },
    "plans:edit_card": Row(
        get=of_a(*PLAN_EDITORS),
        post=of_a(*PLAN_EDITORS, kind="accepted"),
        kwargs=lambda w: {"plan_id": w.a.plan.pk, "card_id": w.a.card.pk},
        data=lambda w, actor: {"theme": "Overbelastning og stress", "version": w.a.card.version},
    ),
    "plans:add_action": Row(
        get=of_a(*PLAN_EDITORS),
        post=of_a(*PLAN_EDITORS, kind="accepted"),
        kwargs=lambda w: {"plan_id": w.a.plan.pk, "card_id": w.a.card.pk},
        data=lambda w, actor: {"description": "Aftal sparring", "status": "not_started"},
    ),
    "plans:edit_action": Row(
        get=of_a(*PLAN_EDITORS),
        post=of_a(*PLAN_EDITORS, kind="accepted"),
        kwargs=lambda w: {"plan_id": w.a.plan.pk, "action_id": w.a.action.pk},
        data=lambda w, actor: {"description": "Kortlæg opgaverne", "status": "in_progress", "version": w.a.action.version},
    ),
    "plans:set_status": Row(
        get=POST_ONLY,
        post=of_a(*PLAN_EDITORS, kind="accepted"),
        kwargs=lambda w: {"plan_id": w.a.plan.pk, "action_id": w.a.action.pk},
        data=lambda w, actor: {"status": "done"},
    ),
    "plans:remove_action": Row(
        get=POST_ONLY,
        post=of_a(*PLAN_EDITORS, kind="accepted"),
        kwargs=lambda w: {"plan_id": w.a.plan.pk, "action_id": w.a.action.pk},
        data=lambda w, actor: {"version": w.a.action.version},
    ),
    "plans:create_from_dialogue": Row(
        get=of_a(*FACILITATING),
        post=of_a(*FACILITATING, kind="accepted"),
        kwargs=lambda w: {"dialogue_id": w.a.ended_dialogue.pk},
        data=lambda w, actor: {"group": w.a.group.pk},
    ),
    # Personal data: any logged-in person, about themselves.
    "privacy:my_data": Row(get=logged_in("ok")),
    "privacy:my_data_json": Row(get=logged_in("ok")),
    "privacy:my_data_pdf": Row(get=logged_in("ok")),
    "privacy:request_deletion": Row(get=POST_ONLY, post=logged_in("accepted"), data=lambda w, actor: {"note": ""}),
    # Data protection: any member of the organisation reads it; its administrators change it.
    "privacy:dpo": Row(
        get=of_a(*ROLES),
        post=of_a("administrator", kind="accepted"),
        kwargs=lambda w: {"organisation_id": w.a.organisation.pk},
        data=lambda w, actor: {"retention_months": "24", "dpo_contact": "Dorte Dahl, dpo@aakommune.dk"},
    ),
    "privacy:deletion_requests": Row(get=of_a("administrator"), kwargs=lambda w: {"organisation_id": w.a.organisation.pk}),
    "privacy:carry_out_deletion": Row(
        get=POST_ONLY,
        post=of_a("administrator", kind="accepted"),
        kwargs=lambda w: {"organisation_id": w.a.organisation.pk, "request_id": w.a.deletion_request.pk},
    ),
    # The forløb: the organisation's facilitators and administrators, and the chiefs of its leader groups
    # (chief_a leads the group); a leader is refused. See docs/forloeb.md.
    "forloeb:chain": Row(get=of_a("chief", *FACILITATING), kwargs=lambda w: {"organisation_id": w.a.organisation.pk}),
    # 1-1 conversations: their two parties (the chief and the leader) and no one else, not even
    # an administrator; to anyone else they do not exist (404), within the organisation too.
    "conversations:list": Row(
        get=logged_in("ok"),
        # A chief invites a leader of their own leader group; for anyone else there is no leader to choose.
        post=answers(a=roles("chief", kind="accepted", others="invalid"), b=roles("chief", kind="accepted", others="invalid")),
        data=lambda w, actor: {"leader": w.side_of(actor).people["leader"].pk},
    ),
    "conversations:detail": Row(get=ONE_ON_ONE, kwargs=lambda w: {"one_on_one_id": w.a.one_on_one.pk}),
    **{
        f"conversations:{name}": Row(get=POST_ONLY, post=ONE_ON_ONE_CHANGE, kwargs=lambda w: {"one_on_one_id": w.a.one_on_one.pk}, data=data)
        for name, data in (
            ("prepare", lambda w, actor: {"notes": "Travlt forår"}),
            ("start", lambda w, actor: {}),
            ("end", lambda w, actor: {}),
            ("add_agreement", lambda w, actor: {"what": "Ugentlig sparring", "owner": "leader"}),
            ("follow_up", lambda w, actor: {"shareable": ""}),
        )
    },
    **{
        f"conversations:{name}": Row(
            get=POST_ONLY, post=ONE_ON_ONE_CHANGE, kwargs=lambda w: {"one_on_one_id": w.a.one_on_one.pk, "agreement_id": w.a.agreement.pk},
        )
        for name in ("remove_agreement", "agreement_done")
    },
    "conversations:download_pdf": Row(get=ONE_ON_ONE, kwargs=lambda w: {"one_on_one_id": w.a.one_on_one.pk}),
    "conversations:download_ics": Row(get=ONE_ON_ONE, kwargs=lambda w: {"one_on_one_id": w.a.one_on_one.pk}),
    # Django's admin: none of our roles is staff, so every page sends them to its login; one row
# covers every admin pattern, named or not, that has no row of its own.
    "admin:*": Row(get=everyone("admin_login")),
    "admin:login": Row(get=everyone("ok")),
    "admin:logout": Row(get=everyone("redirect")),  # to the admin index, which sends to its login
    "admin/(?P<url>.*)$": Row(get=everyone("admin_login"), url=lambda w: "/admin/ingen-side/"),
}

# Sample arguments for the admin's patterns, which one row covers.
ADMIN_SAMPLES = {"app_label": "auth", "object_id": "1", "id": "1", "content_type_id": "1"}

# Where the app answers otherwise than the policy and the view is not ours to change: these
# fail strictly as expected (so a fix shows up) and are reported to the lead.
# (pattern, method, actor) → why.
KNOWN_DEVIATIONS: dict[tuple[str, str, str], str] = {}  # (url key, method, actor) -> why; strict xfail


# --- Every URL pattern --------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the route for a pattern without a name
    route: str
    kwarg_names: tuple[str, ...]
    named: bool


def _kwarg_names(pattern) -> tuple[str, ...]:
    regex = getattr(pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def url_patterns(patterns=None, prefix: str = "", namespace: str = "", names: tuple = ()) -> list[Pattern]:
    """Every pattern the resolver knows, through includes and i18n_patterns."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        kwarg_names = names + _kwarg_names(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_patterns(entry.url_patterns, route, inner, kwarg_names)
        else:
            found.append(Pattern(f"{namespace}{entry.name}" if entry.name else route, route, kwarg_names, bool(entry.name)))
    return found


def _is_admin(key: str) -> bool:
    return key.startswith(("admin:", "admin/"))


def row_for(key: str) -> Row | None:
    if key in ROWS:
        return ROWS[key]
    return ROWS["admin:*"] if _is_admin(key) else None


def _address(world: World, pattern: Pattern, row: Row) -> str:
    if row.url is not None:
        return row.url(world)
    if row is not ROWS["admin:*"]:
        return reverse(pattern.key, kwargs=row.kwargs(world))
    if pattern.named:
        return reverse(pattern.key, kwargs={name: ADMIN_SAMPLES[name] for name in pattern.kwarg_names})
    # An unnamed admin path (the old change-page address that redirects): its converters filled in.
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: ADMIN_SAMPLES[match.group(1)], pattern.route)


def _cases():
    for pattern in url_patterns():
        row = row_for(pattern.key)
        if row is None:  # still a case, so the missing row fails by name
            yield pytest.param(pattern, "GET", "anonymous", id=f"{pattern.key}-NO-ROW")
            continue
        for method, table in (("GET", row.get), ("POST", row.post)):
            for actor in table or ():
                why = KNOWN_DEVIATIONS.get((pattern.key, method, actor))
                marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
                yield pytest.param(pattern, method, actor, id=f"{pattern.key}-{method}-{actor}", marks=marks)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once and committed (the WebSocket consumer reads it from its own connection
    handling); each HTTP test runs in a transaction that is rolled back, so a POST changes
    nothing the next test sees."""
    with django_db_blocker.unblock():
        built = build_world()
    yield built
    with django_db_blocker.unblock():
        tear_down_world(built)


def test_every_url_pattern_has_a_row_and_every_row_a_pattern():
    keys = {pattern.key for pattern in url_patterns()}
    missing = sorted(key for key in keys if row_for(key) is None)
    assert not missing, f"URL patterns without a row in {__file__}: {missing}. Decide who may use each and add a row."
    stale = sorted(key for key in ROWS if key != "admin:*" and key not in keys)
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"


@pytest.mark.parametrize(("pattern", "method", "actor"), list(_cases()))
def test_each_url_answers_each_actor_as_the_table_says(world, db, pattern, method, actor):
    row = row_for(pattern.key)
    if row is None:
        pytest.fail(f"The URL pattern {pattern.key!r} ({pattern.route}) has no row in the authorisation table: decide who may use it.")
    expected = (row.get if method == "GET" else row.post)[actor]
    url = _address(world, pattern, row)
    client = world.client(actor)
    refusals_before = _refusals_logged()
    response = client.get(url) if method == "GET" else client.post(url, row.data(world, actor))
    assert ANSWERS[expected](response), (
        f"{method} {url} as {actor}: expected {expected}, got {response.status_code} {response.get('Location', '')}"
    )
    if _is_a_refused_attempt_at_a_1_1(pattern.key, expected, actor):
        assert _refusals_logged() == refusals_before + 1, f"{method} {url} as {actor} was refused but not written in the audit log"


def _refusals_logged() -> int:
    from ledertrivsel.audit.models import AuditEvent

    return AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_REFUSED).count()


def _is_a_refused_attempt_at_a_1_1(key: str, expected: str, actor: str) -> bool:
    """Someone with an account, not a party, knocking on one of a 1-1's own addresses (issue 6:
    each refused attempt lands in the audit log). Anonymous visitors are sent to log in first,
    and participants have no account to name."""
    has_account = actor != "anonymous" and not actor.startswith("participant")
    return key.startswith("conversations:") and key != "conversations:list" and expected == "not_found" and has_account


# --- WebSocket routes ---------------------------------------------------------------------


@dataclass(frozen=True)
class SocketCase:
    name: str
    path: Callable[[World], str]
    accepted_by: tuple[str, ...]  # everyone else is refused
    shows: Callable[[World], str]  # what the first message of an accepted socket holds
    refused_with: int = 4403  # the close code of a refusal


SOCKET_ROWS: dict[str, list[SocketCase]] = {
    r"^ws/dialoger/(?P<dialogue_id>\d+)/(?P<role>screen|phone)/$": [
        # The shared screen: the organisation's facilitators and administrators.
        SocketCase("screen", lambda w: f"/ws/dialoger/{w.a.dialogue.pk}/screen/", ("facilitator_a", "administrator_a"), lambda w: w.a.dialogue.code),
        # A phone: only the session that joined the dialogue.
        SocketCase("phone", lambda w: f"/ws/dialoger/{w.a.dialogue.pk}/phone/", ("participant_a",), lambda w: 'id="phone-main"'),
    ],
    # A 1-1's live page: its two parties only.
    r"^ws/samtaler/(?P<one_on_one_id>\d+)/(?:(?P<language>da|en)/)?$": [
        SocketCase(
            "one-on-one", lambda w: f"/ws/samtaler/{w.a.one_on_one.pk}/", ("chief_a", "leader_a"),
            lambda w: 'id="oo-status"', refused_with=4003,
        ),
    ],
}


def websocket_routes() -> list:
    """The routes of the app's ASGI WebSocket router, found through its middleware."""
    from ledertrivsel.asgi import application

    layer = application.application_mapping["websocket"]
    while not hasattr(layer, "routes"):
        layer = getattr(layer, "application", None) or layer.inner
    return layer.routes


def _socket_cases():
    for route in websocket_routes():
        key = str(route.pattern)
        if key not in SOCKET_ROWS:
            yield pytest.param(key, None, "anonymous", id=f"{key}-NO-ROW")
            continue
        for case in SOCKET_ROWS[key]:
            for actor in ACTORS:
                yield pytest.param(key, case, actor, id=f"ws-{case.name}-{actor}")


def test_every_websocket_route_has_a_row():
    keys = {str(route.pattern) for route in websocket_routes()}
    assert keys == set(SOCKET_ROWS), f"WebSocket routes without a row: {sorted(keys - set(SOCKET_ROWS))}; rows without a route: {sorted(set(SOCKET_ROWS) - keys)}"


async def _connect(path: str, session_key: str) -> tuple[bool, object]:
    """Opens the socket as a browser would (same origin, its session cookie) through the app's
    whole ASGI stack; (accepted, first message) or (False, close code). Channels' own
    WebsocketCommunicator needs daphne, which the app does not use, so this speaks the ASGI
    WebSocket messages itself."""
    from ledertrivsel.asgi import application

    headers = [(b"host", b"127.0.0.1"), (b"origin", b"http://127.0.0.1")]
    if session_key:
        headers.append((b"cookie", f"sessionid={session_key}".encode()))
    scope = {"type": "websocket", "path": path, "raw_path": path.encode(), "query_string": b"", "headers": headers, "subprotocols": []}
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "websocket.connect"})
    answer = await communicator.receive_output(timeout=10)
    accepted = answer["type"] == "websocket.accept"
    first = (await communicator.receive_output(timeout=10)).get("text", "") if accepted else answer.get("code")
    await communicator.send_input({"type": "websocket.disconnect", "code": 1000})
    await communicator.wait(timeout=10)
    return accepted, first


def _in_a_thread_of_its_own(coroutine_function, *args):
    """Runs the connection on a fresh event loop: in a full test run, Playwright's sync API
    (the browser tests) keeps an event loop running in the main thread, where async_to_sync
    refuses to start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function(*args))).result()


@pytest.mark.parametrize(("key", "case", "actor"), list(_socket_cases()))
def test_each_websocket_route_lets_in_only_whom_the_table_says(world, django_db_blocker, key, case, actor):
    if case is None:
        pytest.fail(f"The WebSocket route {key!r} has no row in the authorisation table: decide who may connect.")
    path = case.path(world)
    assert re.match(key, path.lstrip("/")), f"{path} is not an address of {key}"
    # The consumer reads through its own thread handling, so it needs the committed world, not a test transaction.
    with django_db_blocker.unblock():
        accepted, answer = _in_a_thread_of_its_own(_connect, path, world.sessions[actor])
    if actor in case.accepted_by:
        assert accepted and case.shows(world) in answer, f"{path} as {actor}: expected the live view, got {answer!r}"
    else:
        assert not accepted and answer == case.refused_with, f"{path} as {actor}: expected a refusal ({case.refused_with}), got {answer!r}"
