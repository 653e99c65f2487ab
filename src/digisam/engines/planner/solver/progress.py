"""Anytime progress reporting (``solve(..., progress=callback)``): best plan cost, bound and gap."""

from __future__ import annotations

import time


class _Progress:
    """Anytime reporting: the best plan cost and the best bound so far, passed to a callback.

    The callback gets a dict with ``elapsed`` (s), ``phase``, ``incumbent`` (cost of the best
    plan found, DKK, before the final exact check), ``bound`` (best proven lower bound) and
    ``gap`` ((incumbent − bound)/incumbent, None until both exist). It is called from the
    solver's thread whenever one of them improves.
    """

    def __init__(self, callback, began: float):
        self.callback = callback
        self.began = began
        self.incumbent: float | None = None
        self.bound: float | None = None

    def update(self, incumbent: float | None = None, bound: float | None = None, phase: str = "") -> None:
        if incumbent is not None and (self.incumbent is None or incumbent < self.incumbent):
            self.incumbent = incumbent
        if bound is not None and (self.bound is None or bound > self.bound):
            self.bound = bound
        if self.callback is None:
            return
        gap = None
        if self.incumbent is not None and self.bound is not None and self.incumbent:
            gap = max(0.0, (self.incumbent - min(self.bound, self.incumbent)) / abs(self.incumbent))
        self.callback(
            {
                "elapsed": round(time.monotonic() - self.began, 3),
                "phase": phase,
                "incumbent": self.incumbent,
                "bound": self.bound if self.incumbent is None or self.bound is None else min(self.bound, self.incumbent),
                "gap": gap,
            }
        )
