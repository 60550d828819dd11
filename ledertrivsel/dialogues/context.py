"""The themes of the level above, shown as context in a forløb (the three tools in a chain):
a leader group's dialogue (tool 2) shows what the top management prioritised (tool 1); a 1-1
(tool 3) shows what its leader group prioritised. Only prioritised themes travel down the
chain — never picks, reasons, names or anything said in a 1-1."""

from dataclasses import dataclass, field

from ledertrivsel.organisations.models import Group

from .models import Dialogue, PrioritisedTheme

# The groups whose tool-1 dialogues set the direction for the leader groups.
TOP_LEVEL_KINDS = (Group.Kind.TOP_MANAGEMENT, Group.Kind.MED, Group.Kind.HR)


@dataclass
class ContextThemes:
    dialogue: Dialogue
    cards: list = field(default_factory=list)  # content.Card, in their prioritised order

    @property
    def group_name(self) -> str:
        return self.dialogue.group.name if self.dialogue.group else ""


def latest_themes(dialogues) -> ContextThemes | None:
    """The newest of `dialogues` that has prioritised themes, with those themes."""
    dialogue = (
        dialogues.filter(themes__isnull=False).select_related("group", "tool").order_by("-created_at", "-id").distinct().first()
    )
    if dialogue is None:
        return None
    themes = PrioritisedTheme.objects.filter(dialogue=dialogue).select_related("card").order_by("position")
    return ContextThemes(dialogue=dialogue, cards=[theme.card for theme in themes])


def themes_above(group: Group | None, organisation_id: int) -> ContextThemes | None:
    """For a leader group: the newest prioritised themes of the organisation's top level (tool 1)."""
    if group is not None and group.kind != Group.Kind.LEADER_GROUP:
        return None
    return latest_themes(Dialogue.objects.filter(organisation_id=organisation_id, tool__number=1, group__kind__in=TOP_LEVEL_KINDS))


def themes_of_group(group: Group | None) -> ContextThemes | None:
    """A group's own newest prioritised themes (for a 1-1: its leader group's, from tool 2)."""
    if group is None:
        return None
    return latest_themes(Dialogue.objects.filter(group=group))


def shared_with(context: ContextThemes | None, cards) -> list:
    """The `cards` (of another tool's deck) whose theme is also one of `context`'s: the decks
    share some themes by key, e.g. "Psykologisk tryghed" in tool 1 and tool 2."""
    if context is None:
        return []
    keys = {card.key for card in context.cards}
    return [card for card in cards if card.key in keys]
