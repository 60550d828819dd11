"""The three tools' data files: they load, and tool 1 is the paper kit word for word."""

from ledertrivsel.content.loader import read_tool_files

# Tool 1 as printed in the toolkit (shared/seeds/000_50ddc782d77fd2fa.txt), line breaks joined.
SEED_CARDS = [
    ("Onboarding", "Klæder vi nye ledere tilstrækkeligt på til deres opgave?"),
    ("Mål", "Arbejder vi med klare og fælles mål for vores ledere?"),
    ("Prioritering", "Forholder vi os tilstrækkeligt til overordnet prioritering i vores organisation?"),
    ("Indflydelse", "Fremmer vi, at lederne har indflydelse på deres ansvarsområder?"),
    ("Mening", "Understøtter vi lederne i at oversætte og skabe mening i organisatoriske krav og forandringer?"),
    ("Forandringer", "Har vi tilstrækkeligt fokus på ledernes trivsel og mulighed for at lykkes under forandringer?"),
    ("Ledersparring", "Sikrer vi, at alle ledere har adgang til ledersparring?"),
    ("Samarbejde i ledergrupperne", "Arbejder vi løbende med at løfte samarbejdet i ledergrupperne?"),
    ("Samarbejdet på tværs", "Understøtter vi, at lederne samarbejder godt på tværs af organisationen?"),
    ("Mødestrukturer", "Understøtter vi mødestrukturer, som styrker nyttige dialoger mellem ledere og chefer i organisationen?"),
    ("Psykologisk tryghed", "Oplever vi, at lederne er trygge ved at bringe udfordringer frem i lyset?"),
    ("Ledelsesudvikling", "Tager vi hånd om ledernes fælles og individuelle ledelsesudvikling?"),
    ("Support", "Har lederne tilstrækkelig adgang og kendskab til support ifm. HR, administrative og praktiske opgaver?"),
    ("Overbelastning og stress", "Forebygger, opfanger og handler vi på overbelastning hos lederne?"),
    ("Sygefravær", "Arbejder vi systematisk med at forebygge og håndtere ledernes sygefravær?"),
    ("Anerkendelse", "Har vi tilstrækkeligt fokus på at anerkende lederne for deres indsats og resultater?"),
]
SEED_STEPS = [
    "Læg kortene ud på bordet imellem jer",
    "Udvælg hver især det kort, som rummer det tema/spørgsmål, I tænker er vigtigst at drøfte (og tage handling på) "
    "i jeres organisation med henblik på at styrke ledernes trivsel fremadrettet",
    "Tag en runde, hvor I hver især begrunder jeres valg af kort",
    "Prioritér nu, hvilke 1-3 temaer I vil arbejde videre med i organisationen",
    "Aftal næste skridt frem imod en konkret handleplan (se skabelon)",
]


def tools_by_number():
    return {tool.number: tool for tool in read_tool_files()}


def test_it_has_the_three_tools_of_the_toolkit():
    tools = tools_by_number()
    assert {number: tool.title.da for number, tool in tools.items()} == {
        1: "Fokus på organisationen",
        2: "Fokus på ledergruppen",
        3: "Fokus på den enkelte leder",
    }
    assert tools[3].format == "one_to_one"
    assert tools[1].format == tools[2].format == "group"


def test_tool_1_has_the_seed_cards_card_by_card():
    tool = tools_by_number()[1]
    assert [(card.title.da, card.question.da) for card in tool.cards] == SEED_CARDS


def test_tool_1_has_the_seed_steps_and_frame():
    tool = tools_by_number()[1]
    assert [step.text.da for step in tool.steps] == SEED_STEPS
    assert (tool.min_minutes, tool.max_minutes) == (30, 60)
    assert tool.audience.da == "Direktion, øverste ledelse, MED, HR eller andre organisatoriske nøgleaktører"
    assert tool.preparation.da.startswith("Print (enkelt-sidet) og klip kortene med temaer/spørgsmål ud")
    citations = " ".join(source.citation.da for source in tool.sources)
    assert "Ledertrivselsmodellen" in citations
    assert "Ledertrivsel er noget, vi skaber sammen" in citations
    assert "Lederestrivsel.dk" in citations


def test_authored_tools_have_12_to_16_cards_and_five_steps():
    for number in (2, 3):
        tool = tools_by_number()[number]
        assert 12 <= len(tool.cards) <= 16, tool.title.da
        assert len(tool.steps) == 5
        assert tool.sources


def test_tool_2_follows_tool_1s_five_steps():
    tools = tools_by_number()
    assert [step.title.da for step in tools[2].steps] == [step.title.da for step in tools[1].steps]


def test_tool_3_is_a_1_1_procedure_with_preparation_agreements_and_follow_up():
    steps = " ".join(step.text.da for step in tools_by_number()[3].steps).lower()
    for words in ("1-3 kort", "chefen", "aftal", "opfølgning", "deles"):
        assert words in steps, words


def test_every_card_key_is_unique_within_its_tool():
    for tool in read_tool_files():
        keys = [card.key for card in tool.cards]
        assert len(keys) == len(set(keys)), tool.path.name


def test_every_text_has_danish_and_english():
    for tool in read_tool_files():
        texts = [tool.title, tool.focus, tool.audience, tool.introduction, tool.preparation]
        texts += [step.title for step in tool.steps] + [step.text for step in tool.steps]
        texts += [card.title for card in tool.cards] + [card.question for card in tool.cards]
        texts += [source.citation for source in tool.sources]
        for text in texts:
            assert text.da.strip() and text.en.strip()
            assert text.da != text.en or len(text.da) < 20, f"{tool.path.name}: untranslated {text.da!r}"
