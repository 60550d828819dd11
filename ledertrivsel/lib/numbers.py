"""Reading numbers that arrive as text from a form or a URL's query."""


def whole_number(value) -> int | None:
    """The whole number `value` spells ("12"), or None for anything else ("", "0.0", "abc"):
    an id or a version from a post is never trusted to be one."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
