"""Prepares the test provider's database: `client` registers our app, `person` adds someone.

    python -m tests.sso.provider.setup client CLIENT_ID SECRET REDIRECT_URI
    python -m tests.sso.provider.setup person EMAIL PASSWORD "Full Name" [--unverified]
"""

import argparse
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sso.provider.settings")


def register_client(client_id: str, secret: str, redirect_uri: str):
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", verbosity=0)
    if not RSAKey.objects.exists():
        call_command("creatersakey", verbosity=0)
    client = Client.objects.create(
        name="Ledertrivsel", client_type="confidential", client_id=client_id, client_secret=secret,
        jwt_alg="RS256", require_consent=False, reuse_consent=True,
    )
    client.redirect_uris = [redirect_uri]
    client.scope = ["openid", "email", "profile"]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))


def add_person(email: str, password: str, name: str, unverified: bool):
    from django.contrib.auth.models import Group, User

    from .claims import UNVERIFIED_EMAIL

    first_name, _space, last_name = name.partition(" ")
    user = User.objects.create_user(username=email, email=email, password=password, first_name=first_name, last_name=last_name)
    if unverified:
        user.groups.add(Group.objects.get_or_create(name=UNVERIFIED_EMAIL)[0])


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    client = commands.add_parser("client")
    client.add_argument("client_id")
    client.add_argument("secret")
    client.add_argument("redirect_uri")
    person = commands.add_parser("person")
    person.add_argument("email")
    person.add_argument("password")
    person.add_argument("name")
    person.add_argument("--unverified", action="store_true")
    arguments = parser.parse_args()

    import django

    django.setup()
    if arguments.command == "client":
        register_client(arguments.client_id, arguments.secret, arguments.redirect_uri)
    else:
        add_person(arguments.email, arguments.password, arguments.name, arguments.unverified)


if __name__ == "__main__":
    main()
