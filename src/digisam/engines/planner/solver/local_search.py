"""Local search on a solution: member relocation, joining, leaving and start shifts
(first improvement, deterministic; package docstring, item 2).
"""

from __future__ import annotations

import time

from .data import IR_EPS_HEURISTIC, _Data, _fits, _occupancy, _Solution, _tender_eval


def _local_search(data: _Data, sol: _Solution, deadline: float) -> _Solution:
    """First-improvement moves: member relocation, joining, leaving, start shifts."""
    eps = IR_EPS_HEURISTIC
    tenders = dict(sol.tenders)

    def tcost(key, members) -> tuple[float, bool]:
        if len(members) == 0:
            return 0.0, True
        if len(members) == 1:
            return data.contracts[members[0]].solo_cost, True
        total, feasible, _, _ = _tender_eval(data, key[0], key[1], members, eps)
        return total, feasible

    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        assigned = {i: key for key, members in tenders.items() for i in members}
        for ci, cat in enumerate(data.cats):
            keys = sorted(k for k in tenders if k[0] == ci)
            for i in cat.members:
                if time.monotonic() >= deadline:
                    break
                if i in data.group_of:  # a group moves only as a whole (start shifts)
                    continue
                src = assigned.get(i)
                src_before = tcost(src, tenders[src])[0] if src else data.contracts[i].solo_cost
                src_members = tuple(j for j in tenders[src] if j != i) if src else ()
                src_after, src_ok = tcost(src, src_members) if src else (0.0, True)
                if not src_ok:
                    continue
                options = [k for k in keys if k != src and data.eligible(i, k[1])]
                if src is not None:
                    options.append(None)
                for dst in options:
                    if dst is None:
                        delta = src_after + data.contracts[i].solo_cost - src_before
                        dst_members: tuple[int, ...] = ()
                    else:
                        dst_members = tuple(sorted(tenders[dst] + (i,)))
                        after, ok = tcost(dst, dst_members)
                        if not ok:
                            continue
                        delta = src_after + after - src_before - tcost(dst, tenders[dst])[0]
                    if delta < -1e-6:
                        if src is not None:
                            if len(src_members) >= 2:
                                tenders[src] = src_members
                            else:
                                del tenders[src]
                        if dst is not None:
                            tenders[dst] = dst_members
                        improved = True
                        break
                if improved:
                    break
            if improved:
                break
        if improved:
            continue
        occ = _occupancy(data, _Solution(tenders))
        for key in sorted(tenders):
            if time.monotonic() >= deadline:
                break
            ci, s = key
            members = tenders[key]
            before = tcost(key, members)[0]
            for shift in (-1, 1, -2, 2, -3, 3, -6, 6, -12, 12):
                s2 = s + shift
                if (ci, s2) in tenders or s2 < data.cats[ci].L:
                    continue
                if not all(data.eligible(i, s2) for i in members):
                    continue
                if not _fits(data, occ, ci, s2, released=key):
                    continue
                after, ok = tcost((ci, s2), members)
                if ok and after < before - 1e-6:
                    del tenders[key]
                    tenders[(ci, s2)] = members
                    improved = True
                    break
            if improved:
                break
    return _Solution(tenders)
