"""What people (and broken or hostile clients) might type or send, as hypothesis strategies."""

from hypothesis import strategies as st

# Surrogates cannot travel as UTF-8, so no browser can send them; everything else can.
_ANY_CHARACTER = st.characters(exclude_categories=("Cs",))
_CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\x85\x9f\u00ad\u200b\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\ufffe")
_ASTRAL = st.characters(min_codepoint=0x10000, exclude_categories=("Cs",))
_EMOJI = st.sampled_from(["😀", "👩🏽‍💻", "🇩🇰", "❤️", "🧑‍🤝‍🧑", "\u0301", "Æøå", "ﷺ", "𒐫", "ß", "İ"])

SPECIAL = st.sampled_from([
    "", " ", "   ", "\t", "\n", "\r\n", "\x00", "\u00a0", "\u3000", "\u202eolleh",
    "0", "-1", "1.5", "1e309", "NaN", "Infinity", "99999999999999999999", "-9223372036854775809", "0x10", "٣",
    "2027-02-30", "31-12-2027", "0000-00-00", "9999-12-31", "2027-13-01", "1900-01-01", "i morgen", "2027-03-31T25:00",
    "<script>alert(1)</script>", "' OR 1=1 --", "{{ settings.SECRET_KEY }}", "%(name)s", "{}", "[]", "null", "true",
    "a@b", "@", "anna@kommune.dk", "ANNA@KOMMUNE.DK ", "anna@kommune..dk", "æøå@kommune.dk",
])

_PIECE = _ANY_CHARACTER | _CONTROL | _ASTRAL | _EMOJI  # an emoji may be several code points
SHORT_TEXT = st.lists(_PIECE, max_size=40).map("".join)
TEXT = st.lists(_PIECE, max_size=400).map("".join)


@st.composite
def huge_text(draw) -> str:
    """A piece of text repeated up to about 100 kB: cheap to make, long to store."""
    piece = draw(SHORT_TEXT.filter(bool))
    size = draw(st.integers(min_value=1_000, max_value=100_000))
    return (piece * (size // len(piece) + 1))[:size]


def nasty_text() -> st.SearchStrategy[str]:
    return st.one_of(SPECIAL, SHORT_TEXT, TEXT, huge_text())


def number_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        SPECIAL,
    )


def date_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.dates().map(lambda date: date.isoformat()),
        st.dates().map(lambda date: date.strftime("%d-%m-%Y")),
        SPECIAL,
        SHORT_TEXT,
    )


def id_text(*known: int) -> st.SearchStrategy[str]:
    """An id: one of `known` (this and the other organisation's), any integer, or garbage."""
    options = [number_text(), SHORT_TEXT]
    if known:
        options.insert(0, st.sampled_from([str(value) for value in known]))
    return st.one_of(*options)


def choice_text(*valid: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(valid), nasty_text()) if valid else nasty_text()


def several(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """A field sent several times (a list of checkboxes), or not at all."""
    return st.lists(strategy, max_size=5)
