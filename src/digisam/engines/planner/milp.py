"""A small sparse MILP container and the solver back-ends that can solve it.

Back-ends implement :class:`MilpBackend`: ``name``, ``available()`` and ``solve(model,
time_limit, warm_start)``. The only back-end shipped is HiGHS through ``highspy``; the
planner falls back to its heuristic when no back-end is available.

HiGHS does not watch its time limit everywhere (presolve, parts of the root node), so on
a busy machine a run can overrun it; a timer asks HiGHS to stop shortly after the limit,
which it honours at its next check, and probing (the slowest presolve step) is off.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

INFINITY = float("inf")
OBJECTIVE_SCALE = 1e-3  # HiGHS sees costs in thousands of DKK (better scaled); results come back in DKK


@dataclass
class MilpModel:
    """Minimise ``offset + Σ cost·x`` subject to ``lower ≤ A·x ≤ upper`` rows; binary or continuous columns."""

    cost: list[float] = field(default_factory=list)
    col_lower: list[float] = field(default_factory=list)
    col_upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_index: list[list[int]] = field(default_factory=list)
    row_value: list[list[float]] = field(default_factory=list)
    offset: float = 0.0
    options: dict[str, object] = field(default_factory=dict)  # back-end hints, e.g. {"solver": "ipm"}

    def add_binary(self, cost: float) -> int:
        self.cost.append(cost)
        self.col_lower.append(0.0)
        self.col_upper.append(1.0)
        self.integer.append(True)
        return len(self.cost) - 1

    def add_row(self, index: list[int], value: list[float], lower: float, upper: float) -> None:
        self.row_index.append(index)
        self.row_value.append(value)
        self.row_lower.append(lower)
        self.row_upper.append(upper)

    @property
    def num_cols(self) -> int:
        return len(self.cost)

    @property
    def num_rows(self) -> int:
        return len(self.row_lower)


@dataclass
class MilpOutcome:
    """What a back-end found: ``status`` is "optimal", "time_limit", "infeasible" or "error"."""

    status: str
    values: list[float] | None
    objective: float | None
    dual_bound: float | None


@dataclass
class LpOutcome:
    """An LP solve: ``status`` "optimal" (values, objective, row duals in DKK), "infeasible" or "error"."""

    status: str
    values: list[float] | None
    objective: float | None
    row_duals: list[float] | None


class MilpBackend(Protocol):
    name: str

    def available(self) -> bool: ...

    def solve(self, model: MilpModel, time_limit: float, warm_start: list[float] | None) -> MilpOutcome: ...


def solver_threads() -> int:
    """Threads for HiGHS: all cores, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


def _quiet_highs(highspy):
    """Create a ``Highs`` object without its start-up banner on the process's standard output."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _highs_lp(model: MilpModel, highspy, np):
    """The model as a ``highspy.HighsLp``, costs scaled by ``OBJECTIVE_SCALE``."""
    lp = highspy.HighsLp()
    lp.num_col_ = model.num_cols
    lp.num_row_ = model.num_rows
    lp.col_cost_ = np.asarray(model.cost, dtype=np.float64) * OBJECTIVE_SCALE
    lp.col_lower_ = np.asarray(model.col_lower, dtype=np.float64)
    lp.col_upper_ = np.asarray(model.col_upper, dtype=np.float64)
    lp.row_lower_ = np.asarray([-highspy.kHighsInf if v == -INFINITY else v for v in model.row_lower])
    lp.row_upper_ = np.asarray([highspy.kHighsInf if v == INFINITY else v for v in model.row_upper])
    lp.offset_ = model.offset * OBJECTIVE_SCALE
    starts = [0]
    indices: list[int] = []
    values: list[float] = []
    for idx, val in zip(model.row_index, model.row_value, strict=True):
        indices.extend(idx)
        values.extend(val)
        starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = model.num_cols
    lp.a_matrix_.num_row_ = model.num_rows
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(values, dtype=np.float64)
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous for flag in model.integer
    ]
    return lp


class HighsBackend:
    """HiGHS branch-and-cut through ``highspy``."""

    name = "highs"

    def available(self) -> bool:
        try:
            import highspy  # noqa: F401
        except ImportError:
            return False
        return True

    def solve(self, model: MilpModel, time_limit: float, warm_start: list[float] | None) -> MilpOutcome:
        import highspy
        import numpy as np

        h = _quiet_highs(highspy)
        h.setOptionValue("output_flag", False)
        h.setOptionValue("time_limit", max(0.05, float(time_limit)))
        h.setOptionValue("threads", solver_threads())
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("mip_rel_gap", 1e-9)
        h.setOptionValue("mip_abs_gap", 1e-3 * OBJECTIVE_SCALE)
        # Probing in presolve does not watch the time limit and can take minutes on a busy
        # machine; the rest of presolve is kept.
        h.setOptionValue("presolve_rule_off", 32768)
        for name, value in model.options.items():
            h.setOptionValue(name, value)
        h.passModel(_highs_lp(model, highspy, np))
        if warm_start is not None:
            h.setSolution(
                len(warm_start),
                np.arange(len(warm_start), dtype=np.int32),
                np.asarray(warm_start, dtype=np.float64),
            )
        # HiGHS checks its time limit only now and then (not inside presolve, for one); a
        # timer cancels the run shortly after the limit as a hard stop.
        h.HandleUserInterrupt = True
        timer = threading.Timer(max(0.05, float(time_limit)) + 0.25, h.cancelSolve)
        timer.daemon = True
        timer.start()
        try:
            h.run()
        finally:
            timer.cancel()
        status = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        values_out = list(h.getSolution().col_value) if has_solution else None
        objective = info.objective_function_value / OBJECTIVE_SCALE if has_solution else None
        bound = info.mip_dual_bound
        if bound is None or bound != bound or abs(bound) == INFINITY or abs(bound) >= highspy.kHighsInf:
            bound = None
        else:
            bound = bound / OBJECTIVE_SCALE
        if status == highspy.HighsModelStatus.kOptimal:
            return MilpOutcome("optimal", values_out, objective, bound if bound is not None else objective)
        if status == highspy.HighsModelStatus.kInfeasible:
            return MilpOutcome("infeasible", None, None, None)
        if status in (
            highspy.HighsModelStatus.kTimeLimit,
            highspy.HighsModelStatus.kInterrupt,
            highspy.HighsModelStatus.kSolutionLimit,
            highspy.HighsModelStatus.kIterationLimit,
        ):
            return MilpOutcome("time_limit", values_out, objective, bound)
        return MilpOutcome("error", values_out, objective, None)


    def solve_lp(self, model: MilpModel, time_limit: float) -> LpOutcome:
        """The LP relaxation of ``model`` (serial dual simplex) with its row duals in DKK."""
        import highspy
        import numpy as np

        h = _quiet_highs(highspy)
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", solver_threads())  # one value in the process: HiGHS has one thread scheduler
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("solver", "simplex")
        h.setOptionValue("time_limit", max(0.05, float(time_limit)))
        relaxed = MilpModel(
            cost=model.cost, col_lower=model.col_lower, col_upper=model.col_upper,
            integer=[False] * model.num_cols, row_lower=model.row_lower, row_upper=model.row_upper,
            row_index=model.row_index, row_value=model.row_value, offset=model.offset,
        )
        h.passModel(_highs_lp(relaxed, highspy, np))
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return LpOutcome("infeasible" if h.getModelStatus() == highspy.HighsModelStatus.kInfeasible else "error",
                             None, None, None)
        solution = h.getSolution()
        return LpOutcome(
            "optimal",
            list(solution.col_value),
            h.getInfo().objective_function_value / OBJECTIVE_SCALE,
            [value / OBJECTIVE_SCALE for value in solution.row_dual],
        )

    def lp_session(self, model: MilpModel) -> HighsLpSession:
        """The LP relaxation of ``model`` kept in memory for repeated solves with changed costs."""
        return HighsLpSession(model)


class HighsLpSession:
    """An LP relaxation kept in memory: costs change between solves, each re-solve starts from
    the previous basis (serial dual simplex: deterministic for a given sequence of costs)."""

    def __init__(self, model: MilpModel):
        import highspy
        import numpy as np

        self._highspy = highspy
        self._np = np
        h = _quiet_highs(highspy)
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", solver_threads())  # one value in the process: HiGHS has one thread scheduler
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("solver", "simplex")
        relaxed = MilpModel(
            cost=model.cost, col_lower=model.col_lower, col_upper=model.col_upper,
            integer=[False] * model.num_cols, row_lower=model.row_lower, row_upper=model.row_upper,
            row_index=model.row_index, row_value=model.row_value, offset=model.offset,
        )
        h.passModel(_highs_lp(relaxed, highspy, np))
        self._h = h

    def set_costs(self, cols: list[int], costs: list[float]) -> None:
        np = self._np
        self._h.changeColsCost(
            len(cols), np.asarray(cols, dtype=np.int32), np.asarray(costs, dtype=np.float64) * OBJECTIVE_SCALE
        )

    def solve(self, time_limit: float) -> MilpOutcome:
        """Status "optimal" (objective, values), "infeasible", "time_limit" or "error".

        A warm re-solve that ends without a verdict (primal simplex can stall) is repeated
        once from scratch with the default method, time permitting.
        """
        highspy = self._highspy
        h = self._h
        deadline = time.monotonic() + max(0.05, float(time_limit))
        status = self._run(max(0.05, float(time_limit)))
        # later solves only change costs: the basis stays primal feasible, so primal simplex
        # from it without presolve (which would discard it) is the quick way back to optimality
        h.setOptionValue("presolve", "off")
        h.setOptionValue("simplex_strategy", 4)
        unsettled = status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kInfeasible)
        if unsettled and deadline - time.monotonic() > 0.1:
            h.clearSolver()
            h.setOptionValue("presolve", "choose")
            h.setOptionValue("simplex_strategy", 1)
            status = self._run(deadline - time.monotonic())
            h.setOptionValue("presolve", "off")
            h.setOptionValue("simplex_strategy", 4)
        if status == highspy.HighsModelStatus.kOptimal:
            info = h.getInfo()
            values = list(h.getSolution().col_value)
            return MilpOutcome("optimal", values, info.objective_function_value / OBJECTIVE_SCALE, None)
        if status == highspy.HighsModelStatus.kInfeasible:
            return MilpOutcome("infeasible", None, None, None)
        if status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt):
            return MilpOutcome("time_limit", None, None, None)
        return MilpOutcome("error", None, None, None)

    def _run(self, time_limit: float):
        h = self._h
        # HiGHS compares its time limit with the run time accumulated over every run of the object
        h.setOptionValue("time_limit", h.getRunTime() + max(0.05, float(time_limit)))
        h.HandleUserInterrupt = True
        timer = threading.Timer(max(0.05, float(time_limit)) + 0.25, h.cancelSolve)
        timer.daemon = True
        timer.start()
        try:
            h.run()
        finally:
            timer.cancel()
        return h.getModelStatus()


def default_backends() -> list[MilpBackend]:
    return [HighsBackend()]
