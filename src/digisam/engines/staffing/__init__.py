"""The staffing engine: proposals of people for competence requests, never over-allocating anyone,
and the competence analysis (needed vs available, single points of failure). Pure Python."""

from .analysis import CompetenceBalance, balance
from .model import Candidate, Person, Proposal, Request
from .proposals import over_allocated, propose

__all__ = ["Candidate", "CompetenceBalance", "Person", "Proposal", "Request", "balance", "over_allocated",
           "propose"]
