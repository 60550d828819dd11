"""What a 1-1's page shows of what the two parties share; read by the page and by its socket."""

from .models import OneOnOne


def shared_view(one_on_one, party) -> dict:
    """What both parties see together. Before the conversation, the leader's cards stay the
    leader's; the chief's one card is shown to the leader, since the chief tells about it beforehand."""
    cards = list(one_on_one.cards.select_related("card"))
    in_conversation = one_on_one.stage != OneOnOne.Stage.PREPARING
    return {
        "leader_cards": [c for c in cards if c.chosen_by == "leader" and c.bring] if in_conversation else [],
        "chief_cards": [c for c in cards if c.chosen_by == "chief"] if in_conversation or party == "leader" else [],
        "leader_ready": any(c.chosen_by == "leader" for c in cards),
        "agreements": list(one_on_one.agreements.all()),
        "previous_agreements": list(one_on_one.previous.agreements.all()) if one_on_one.previous_id else [],
    }
