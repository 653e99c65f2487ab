"""The business case engine's vocabulary: the kinds of a yearly amount."""

INVESTMENT, RUNNING_COST, GAIN = "investment", "running_cost", "gain"
KINDS = (INVESTMENT, RUNNING_COST, GAIN)
