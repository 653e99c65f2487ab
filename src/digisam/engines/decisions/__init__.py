"""Decision engine: tally a vote of member organisations under a collaboration's decision rule,
and detect when the members' own fora disagree so the matter must be escalated.

Pure Python, no Django; frozen dataclasses in and out. Collaborations vote per member
organisation (one vote each) or weighted by population — never per person.

Conventions (documented in docs/initiatives.md, each tested):

- **Valid ballots.** One ballot per eligible member counts. A ballot from a member that is not
  eligible is rejected. A ballot cast after the deadline is rejected (cast exactly at the deadline
  counts). If a member has several valid ballots, the latest one before the deadline counts and
  the earlier ones are superseded.
- **Quorum** is counted in members (not weight): a member is present when it cast a valid ballot,
  abstentions included. ``quorum_fraction`` requires present ≥ fraction × eligible members;
  ``quorum_minimum`` requires present ≥ minimum. When both are set, both must hold. Without
  quorum the proposal is not decided (outcome ``no_quorum``).
- **Abstentions** count for quorum but are not votes cast: they are neither yes nor no.
- **Simple majority:** yes > no (weights). A tie is rejected.
- **Qualified majority:** yes ≥ fraction × (yes + no), i.e. of the votes *cast* (abstentions
  excluded), and yes > 0.
- **Unanimity:** every eligible member voted yes. A missing ballot or an abstention breaks
  unanimity: a decision that binds all members needs each member's active yes.
- **Veto:** when the rule grants veto, a valid ballot with ``veto=True`` rejects the proposal
  whatever the count (outcome ``vetoed``). A veto under a rule without veto counts as a plain no
  (and is reported). A veto is always also a no.
- **Population weighting:** each member's weight is its population (an integer). Members with
  unknown population weigh 0 and are reported; per-member voting gives every member weight 1.

Modules: ``choices`` (the vocabulary and its Danish labels), ``model`` (the dataclasses),
``validation`` (fractions and the dataclasses' invariants), ``voting`` (:func:`tally` and the
outcome statement), ``escalation`` (:func:`compare_fora`, :func:`case_statement_draft`). This
package re-exports the public API.
"""

from .choices import ABSTAIN, ADOPTED, NO, NO_QUORUM, REJECTED, VETOED, YES
from .escalation import case_statement_draft, compare_fora
from .model import Ballot, DisagreementPoint, EscalationResult, ForumPosition, Member, Rule, TallyResult
from .validation import parse_fraction
from .voting import tally

__all__ = [
    "YES", "NO", "ABSTAIN", "ADOPTED", "REJECTED", "NO_QUORUM", "VETOED", "Rule", "Member", "Ballot",
    "TallyResult", "tally", "ForumPosition", "EscalationResult", "DisagreementPoint", "compare_fora",
    "case_statement_draft", "parse_fraction",
]
