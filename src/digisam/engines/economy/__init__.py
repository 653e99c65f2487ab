"""Cost sharing and the annual settlement of a collaboration (pure Python, never Django).

Implements ``shared/spec/economy-model.md``; see ``docs/economy.md``. Typical use::

    scenario = parse_scenario(document)        # raises ScenarioError(problems)
    statement = settle(scenario)               # Statement with explained lines
    document = statement_to_dict(statement)    # digisam.settlement-statement/1
"""

from .arith import largest_remainder, round_half_up
from .engine import explain_text, fractions_of, net_transfers, settle, via_collaboration
from .io import (
    dumps_scenario,
    dumps_statement,
    load_scenario,
    loads_json,
    loads_scenario,
    parse_scenario,
    scenario_to_dict,
    statement_to_dict,
)
from .model import (
    COLLABORATION,
    EqualShare,
    Explanation,
    FixedPerMember,
    HostCost,
    Key,
    KeyedShare,
    Line,
    Member,
    MemberStatement,
    Orders,
    PerFte,
    PerInhabitant,
    Project,
    Scenario,
    ScenarioError,
    Statement,
    Transfer,
)
from .proration import membership_fraction
from .validation import scenario_problems

__all__ = [
    "COLLABORATION",
    "EqualShare",
    "Explanation",
    "FixedPerMember",
    "HostCost",
    "Key",
    "KeyedShare",
    "Line",
    "Member",
    "MemberStatement",
    "Orders",
    "PerFte",
    "PerInhabitant",
    "Project",
    "Scenario",
    "ScenarioError",
    "Statement",
    "Transfer",
    "dumps_scenario",
    "dumps_statement",
    "explain_text",
    "fractions_of",
    "largest_remainder",
    "load_scenario",
    "loads_json",
    "loads_scenario",
    "membership_fraction",
    "net_transfers",
    "parse_scenario",
    "round_half_up",
    "scenario_problems",
    "scenario_to_dict",
    "settle",
    "statement_to_dict",
    "via_collaboration",
]
