"""How a person is named on screens, in mails and in files."""


def display_name(user, missing: str = "–") -> str:
    """Their full name, else their e-mail; `missing` when there is no one (an account deleted)."""
    if user is None:
        return missing
    return user.get_full_name() or user.email or user.username
