"""The PDFs from the tool page's download buttons and from the command line."""

import io

import pytest
from pypdf import PdfReader

from ledertrivsel.cli import main

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "filename"),
    [
        ("/redskaber/organisationen/kort.pdf", "ledertrivsel-1-organisationen-kort.pdf"),
        ("/redskaber/ledergruppen/vejledning.pdf", "ledertrivsel-2-ledergruppen-facilitatorguide.pdf"),
        ("/redskaber/den-enkelte-leder/handleplan-skabelon.pdf", "ledertrivsel-3-den-enkelte-leder-handleplan-skabelon.pdf"),
        ("/en/redskaber/organisationen/kort.pdf", "ledertrivsel-1-organisationen-cards.pdf"),
    ],
)
def test_the_download_is_a_named_pdf(client, path, filename):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 1


def test_an_unknown_tool_is_not_found(client):
    response = client.get("/redskaber/ukendt/kort.pdf")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


@pytest.mark.parametrize("tool", ["1", "organisationen"])
def test_the_command_line_writes_the_cards_by_number_or_slug(tmp_path, tool, capsys):
    output = tmp_path / "kort.pdf"
    assert main(["print", "cards", tool, "-o", str(output)]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(output).pages)
    assert "Klæder vi nye ledere" in text
    assert str(output) in capsys.readouterr().out


def test_the_command_line_writes_guide_and_template_in_english(tmp_path):
    for document in ("guide", "template"):
        output = tmp_path / f"{document}.pdf"
        assert main(["print", document, "den-enkelte-leder", "-o", str(output), "--language", "en"]) == 0
        assert "LEADER WELL-BEING: Focus on the individual leader" in PdfReader(output).pages[0].extract_text()


def test_the_command_line_names_the_known_tools_for_an_unknown_one(tmp_path, capsys):
    assert main(["print", "cards", "9", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no tool '9'. Known tools: 1 (organisationen), 2 (ledergruppen), 3 (den-enkelte-leder)" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
