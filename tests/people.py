"""People for tests: an account with a role in an organisation, with one known password."""

from django.contrib.auth import get_user_model

from ledertrivsel.organisations.models import Membership

PASSWORD = "Dialog-med-ledere-42"


def person(email, organisation, role, first_name="", last_name=""):
    """The account with that e-mail (made if new), given `role` in `organisation`: calling it
    again for another organisation gives the same person a role there too."""
    User = get_user_model()
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, email, PASSWORD, first_name=first_name, last_name=last_name
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
