"""Suggested minutes per step, fitted to the dialogue's chosen time frame."""

# The round of reasons and the next steps take longest; laying out the cards is quick.
STEP_WEIGHTS = {
    "plan_follow_up": 2,  # step 0 of a group's next dialogue: the last plan's actions (models.PLAN_FOLLOW_UP)
    "cards": 1,
    "pick": 2,
    "reasons": 4,
    "prioritise": 2,
    "next_steps": 4,
    "prepare": 0,
    "open": 2,
    "talk": 5,
    "agree": 3,
    "follow_up": 1,
}


def suggested_minutes(kinds: list[str], total: int) -> list[int]:
    """Whole minutes per step in proportion to their weights, adding up exactly to `total`.

    Largest remainder: every step first gets the whole part of its share, and the
    minutes left over go to the steps whose shares were cut the most.
    """
    weights = [STEP_WEIGHTS.get(kind, 1) for kind in kinds]
    weight_sum = sum(weights) or 1
    shares = [total * weight / weight_sum for weight in weights]
    minutes = [int(share) for share in shares]
    leftover = total - sum(minutes)
    by_remainder = sorted(range(len(shares)), key=lambda index: shares[index] - minutes[index], reverse=True)
    for index in by_remainder[:leftover]:
        minutes[index] += 1
    return minutes
