import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify

from ledertrivsel.organisations.models import Membership, Organisation


class Command(BaseCommand):
    help = (
        "Create the first administrator and their organisation. "
        "The password is asked for, or read from LEDERTRIVSEL_ADMIN_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the administrator's e-mail; also the login")
        parser.add_argument("--organisation", required=True, help='the organisation\'s name, e.g. "Aarhus Kommune"')
        parser.add_argument("--name", default="", help="the administrator's full name")

    def handle(self, *args, email, organisation, name, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"'{email}' is not an e-mail address") from error
        User = get_user_model()
        if User.objects.filter(username=email).exists():
            raise CommandError(f"a user with the e-mail {email} already exists")
        password = os.environ.get("LEDERTRIVSEL_ADMIN_PASSWORD") or self.ask_password()
        first_name, _, last_name = name.strip().partition(" ")
        user = User(username=email, email=email, first_name=first_name, last_name=last_name, is_staff=True, is_superuser=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("the password is too weak: " + " ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
            org, _ = Organisation.objects.get_or_create(
                slug=slugify(organisation) or "organisation", defaults={"name": organisation.strip()}
            )
            Membership.objects.create(user=user, organisation=org, role=Membership.Role.ADMINISTRATOR)
        self.stdout.write(f"Created {email}, administrator of {org.name}. Log in at /login/")

    def ask_password(self) -> str:
        if not os.isatty(0):
            raise CommandError("no password: set LEDERTRIVSEL_ADMIN_PASSWORD or run the command in a terminal")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("the passwords differ")
        return password
