"""The SLA engine: figures of an operator's tickets against a service level's targets.

Pure Python (no Django): `compute(tickets, targets, terms)` returns `Figures` with one `Cell` per
service × member × month and the credits per service and member. `parse_tickets` reads rows of a
ticket export (any common ITSM header names) into `Ticket`s with errors by row and column."""

from .figures import compute, month_bounds, month_of, percentile, summarise
from .model import Cell, Figures, ServiceTerms, Target, Ticket
from .tickets import HEADER_ALIASES, REQUIRED_COLUMNS, TicketError, parse_tickets

__all__ = [
    "Cell", "Figures", "HEADER_ALIASES", "REQUIRED_COLUMNS", "ServiceTerms", "Target", "Ticket", "TicketError",
    "compute", "month_bounds", "month_of", "parse_tickets", "percentile", "summarise",
]
