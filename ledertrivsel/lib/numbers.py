"""Reading numbers that arrive as text from a form or a URL's query."""


# The database's integers (SQLite and PostgreSQL bigint): a larger "id" is no id, and asking
# the database about it would fail instead of finding nothing.
LARGEST = 2**63 - 1


def whole_number(value) -> int | None:
    """The whole number `value` spells ("12"), or None for anything else ("", "0.0", "abc",
    a number too large to be an id): an id or a version from a post is never trusted to be one."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if -LARGEST <= number <= LARGEST else None
