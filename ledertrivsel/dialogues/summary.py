"""The dialogue's summary as PDF and CSV: participants, picks, reasons, dots, themes, next steps.

Anonymous dialogues stay anonymous here too: picks, reasons and dots carry no names.
"""

import csv
import io
from collections import Counter

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ledertrivsel.printing.pdf import ExportFile, document_styles, escape, render_document, ruled_table

from .state import DialogueState


def _who(state: DialogueState, pick_or_person, number: int) -> str:
    if state.dialogue.anonymous:
        return _("Participant %(number)s") % {"number": number}
    person = getattr(pick_or_person, "participant", pick_or_person)
    return person.name


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _filename(state: DialogueState, extension: str) -> str:
    word = pgettext("filename", "summary")
    return f"ledertrivsel-{word}-{state.dialogue.code.lower()}-{timezone.localdate(state.dialogue.created_at).isoformat()}.{extension}"


def dot_totals(state: DialogueState) -> list[tuple]:
    counts = Counter(dot.card_id for dot in state.dots)
    return [(card, counts[card.pk]) for card in sorted(state.cards, key=lambda card: -counts[card.pk]) if counts[card.pk]]


def summary_csv(state: DialogueState) -> ExportFile:
    """One row per fact, in Danish Excel's dialect: semicolons, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Section"), _("Participant"), _("Theme"), _("Text"), _("Number")])
    for person in state.participants:
        writer.writerow([pgettext("summary section", "Participant"), person.name, "", "" if person.has_device else _("at the table"), ""])
    for number, pick in enumerate(state.round, start=1):
        writer.writerow([pgettext("summary section", "Pick"), _who(state, pick, number), pick.card.title, pick.reason, ""])
    if state.dialogue.anonymous:
        for card, count in dot_totals(state):
            writer.writerow([pgettext("summary section", "Dots"), "", card.title, "", count])
    else:
        names = {person.pk: person.name for person in state.participants}
        for participant_id, counter in state.dots_by_participant.items():
            for card in state.cards:
                if counter.get(card.pk):
                    writer.writerow([pgettext("summary section", "Dots"), names.get(participant_id, ""), card.title, "", counter[card.pk]])
    for theme in state.themes:
        writer.writerow([pgettext("summary section", "Prioritised theme"), "", theme.card.title, "", theme.position])
    for draft in state.ordered_next_steps:
        for label, value in _draft_fields(draft):
            if value:
                writer.writerow([pgettext("summary section", "Next step"), "", draft.card.title, f"{label}: {value}", ""])
    content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return ExportFile(_filename(state, "csv"), content, "text/csv; charset=utf-8")


def _draft_fields(draft) -> list[tuple[str, str]]:
    return [
        (_("Why is it important? (current situation)"), draft.why),
        (_("Desired effect / signs that it works"), draft.desired_effect),
        (_("Concrete actions"), draft.actions),
        (_("Responsible"), draft.responsible),
        (_("Deadline"), _date(draft.deadline)),
        (_("Involved"), draft.involved),
        (_("Resources"), draft.resources),
        (_("Follow-up date"), _date(draft.follow_up_date)),
        (_("Follow-up forum"), draft.follow_up_forum),
    ]


def summary_pdf(state: DialogueState) -> ExportFile:
    dialogue = state.dialogue
    tool = dialogue.tool
    styles = document_styles(tool)
    story = [
        Paragraph(escape(_("Summary of the dialogue")), styles["eyebrow"]),
        Paragraph(escape(dialogue.title), styles["h1"]),
        Paragraph(escape(_summary_line(state)), styles["lead"]),
    ]
    if dialogue.anonymous:
        story.append(Paragraph(escape(_("The dialogue was anonymous: picks, reasons and dots are shown without names.")), styles["body"]))
    story += [Paragraph(escape(_("Participants")), styles["h2"]), Paragraph(escape(", ".join(p.name for p in state.participants) or "–"), styles["body"])]

    story.append(Paragraph(escape(_("Picks and reasons")), styles["h2"]))
    rows = [[Paragraph(escape(_who(state, pick, number)), styles["label"]), Paragraph(escape(pick.card.title), styles["label"]), Paragraph(escape(pick.reason or "–").replace("\n", "<br/>"), styles["cell"])] for number, pick in enumerate(state.round, start=1)]
    story.append(ruled_table(rows, [38 * mm, 45 * mm, None]) if rows else Paragraph(escape(_("No picks.")), styles["body"]))

    story.append(Paragraph(escape(_("Dots")), styles["h2"]))
    totals = dot_totals(state)
    rows = [[Paragraph(escape(card.title), styles["label"]), Paragraph(str(count), styles["cell"])] for card, count in totals]
    story.append(ruled_table(rows, [83 * mm, None]) if rows else Paragraph(escape(_("No dots.")), styles["body"]))

    story.append(Paragraph(escape(_("Prioritised themes")), styles["h2"]))
    if state.themes:
        story += [Paragraph(escape(f"{theme.position}. {theme.card.title}"), styles["body"]) for theme in state.themes]
    else:
        story.append(Paragraph(escape(_("No themes confirmed yet.")), styles["body"]))

    story.append(Paragraph(escape(_("Next steps")), styles["h2"]))
    for draft in state.ordered_next_steps:
        story.append(Paragraph(escape(_("Theme: %(title)s") % {"title": draft.card.title}), styles["label"]))
        rows = [[Paragraph(escape(label), styles["label"]), Paragraph(escape(value).replace("\n", "<br/>"), styles["cell"])] for label, value in _draft_fields(draft) if value]
        story.append(ruled_table(rows, [55 * mm, None]) if rows else Paragraph(escape(_("Not filled in yet.")), styles["body"]))
        story.append(Spacer(1, 3 * mm))
    if not state.next_steps:
        story.append(Paragraph(escape(_("No next steps yet.")), styles["body"]))
    content = render_document(tool, story, title=_("Summary of the dialogue"), footer=f"{dialogue.title} · {dialogue.code}")
    return ExportFile(_filename(state, "pdf"), content)


def _summary_line(state: DialogueState) -> str:
    dialogue = state.dialogue
    status = _("ended") if dialogue.is_ended else _("in progress")
    return _("%(tool)s · %(date)s · %(count)s participants · %(status)s") % {
        "tool": dialogue.tool.title,
        "date": formats.date_format(timezone.localtime(dialogue.created_at), "DATE_FORMAT"),
        "count": len(state.participants),
        "status": status,
    }
