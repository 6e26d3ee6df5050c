"""Hiring-mission interview timetable: the solver vs greedy first-fit, then a re-plan.

The solver (engine.scheduling.interview_timetable_solve, --method auto) starts from the
greedy plan and improves it: CP-SAT on the whole model when it is small, else a
large-neighbourhood search over leg × day parts (engine.scheduling.lns) until the budget.

The mission (engine.scheduling.demo.demo_mission): --requests interview requests from demo
candidates, --employers employers with 3 interviewers each (two panels), 3 cities × 2 days,
30-minute slots, --rooms rooms (default 30) and 10 interpreters per leg, 4 online lines every afternoon.
Both plans go through the independent checker (timetable_violations). Then 5 % of the
solver's interviews are cancelled and the solver re-plans from its own plan: we report the
re-plan time and how many untouched interviews moved (target: none).

Usage: python bench/schedule.py [--requests N] [--employers N] [--time-limit S] [--workers N]
       [--method auto|full|lns] [--rooms N]
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.scheduling import (  # noqa: E402
    PlanFigures,
    interview_timetable_greedy,
    interview_timetable_solve,
    timetable_violations,
)
from engine.scheduling.demo import demo_mission  # noqa: E402
from engine.scheduling.options import mission_index, request_options  # noqa: E402


def _row(name: str, f: PlanFigures, violations: int) -> str:
    return (
        f"{name:>8}: scheduled {f.scheduled}/{f.requested} ({f.scheduled_online} online), "
        f"objective {f.objective:,} (bound {f.bound if f.bound is not None else '-'}), "
        f"first plan {f.first_feasible_s} s, within 5% {f.within_5pct_s} s, wall {f.wall_s} s, "
        f"travel {f.travel_km:,} km ({f.candidates_away} candidates away, {f.city_changes} "
        f"city changes), idle {f.idle_minutes:,} min, panel spread {f.panel_load_spread}, "
        f"violations {violations}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--employers", type=int, default=40)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--replan-limit", type=float, default=5.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cancel", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rooms", type=int, default=30, help="rooms per leg")
    ap.add_argument("--method", default="auto", choices=("auto", "full", "lns"))
    args = ap.parse_args()
    load_before = os.getloadavg()

    problem = demo_mission(
        requests=args.requests, employers=args.employers, rooms_per_leg=args.rooms, seed=args.seed
    )
    index = mission_index(problem)
    placeable = sum(1 for r in problem.requests if request_options(index, r))
    print(
        f"mission: {len(problem.requests)} requests ({placeable} with at least one possible "
        f"slot), {len(problem.candidates)} candidates, {len({p.employer_id for p in problem.panels})}"
        f" employers, {len(problem.interviewers)} interviewers in {len(problem.panels)} panels, "
        f"{len(problem.legs)} legs × {len(problem.legs[0].days)} days, "
        f"{sum(len(leg.rooms) for leg in problem.legs)} rooms, {len(problem.interpreters)} interpreters"
    )

    greedy = interview_timetable_greedy(problem)
    greedy_bad = len(timetable_violations(problem, greedy))
    print(_row("greedy", greedy.figures, greedy_bad))
    t0 = time.perf_counter()
    plan = interview_timetable_solve(
        problem,
        time_limit_s=args.time_limit,
        num_workers=args.workers,
        random_seed=args.seed,
        method=args.method,
    )
    plan_s = time.perf_counter() - t0
    plan_bad = len(timetable_violations(problem, plan))
    print(
        _row("solver", plan.figures, plan_bad)
        + f" [{plan.figures.status}; {'; '.join(plan.notes)}]"
    )
    print(
        f"   ratio: objective solver / greedy {plan.figures.objective / greedy.figures.objective:.4f}"
        f" (+{plan.figures.objective - greedy.figures.objective:,}), scheduled "
        f"{plan.figures.scheduled - greedy.figures.scheduled:+d}, plan in {plan_s:.2f} s"
    )

    rng = random.Random(args.seed)
    cancelled = {
        a.request_id
        for a in rng.sample(plan.assignments, round(args.cancel * len(plan.assignments)))
    }
    after = replace(
        problem, requests=tuple(r for r in problem.requests if r.request_id not in cancelled)
    )
    t0 = time.perf_counter()
    again = interview_timetable_solve(
        after,
        previous=plan.assignments,
        time_limit_s=args.replan_limit,
        num_workers=args.workers,
        random_seed=args.seed,
    )
    replan_s = time.perf_counter() - t0
    again_bad = len(timetable_violations(after, again))
    now = {a.request_id: a for a in again.assignments}
    untouched = [a for a in plan.assignments if a.request_id not in cancelled]
    moved = sum(
        1
        for a in untouched
        if a.request_id not in now
        or (now[a.request_id].panel_id, now[a.request_id].room_id, now[a.request_id].start)
        != (a.panel_id, a.room_id, a.start)
    )
    newly = sum(1 for rid in now if rid not in {a.request_id for a in plan.assignments})
    print(
        f"  replan: cancelled {len(cancelled)}, re-planned in {replan_s:.2f} s "
        f"({again.figures.status}), untouched {len(untouched)}, moved {moved}, "
        f"newly placed {newly}, scheduled {again.figures.scheduled}/{again.figures.requested}, "
        f"violations {again_bad}"
    )
    load_after = os.getloadavg()

    g, s = greedy.figures, plan.figures
    out = {
        "requests": len(problem.requests),
        "placeable": placeable,
        "employers": args.employers,
        "interviewers": len(problem.interviewers),
        "panels": len(problem.panels),
        "rooms_per_leg": args.rooms,
        "legs_x_days": f"{len(problem.legs)}x{len(problem.legs[0].days)}",
        "slot_minutes": problem.legs[0].slot_minutes,
        "time_limit_s": args.time_limit,
        "method": args.method,
        "solver_plan_s": round(plan_s, 3),
        "solver_notes": list(plan.notes),
        "num_workers": args.workers,
        "solver_first_feasible_s": s.first_feasible_s,
        "solver_within_5pct_s": s.within_5pct_s,
        "solver_wall_s": s.wall_s,
        "solver_status": s.status,
        "solver_scheduled": s.scheduled,
        "solver_scheduled_pct": round(100 * s.scheduled / len(problem.requests), 2),
        "solver_objective": s.objective,
        "solver_bound": s.bound,
        "solver_gap_pct": round(100 * (s.bound - s.objective) / s.bound, 3) if s.bound else None,
        "solver_travel_km": s.travel_km,
        "solver_candidates_away": s.candidates_away,
        "solver_city_changes": s.city_changes,
        "solver_idle_minutes": s.idle_minutes,
        "solver_panel_spread": s.panel_load_spread,
        "solver_violations": plan_bad,
        "greedy_wall_s": g.wall_s,
        "greedy_scheduled": g.scheduled,
        "greedy_objective": g.objective,
        "greedy_travel_km": g.travel_km,
        "greedy_idle_minutes": g.idle_minutes,
        "greedy_panel_spread": g.panel_load_spread,
        "greedy_violations": greedy_bad,
        "ratio_scheduled_solver_vs_greedy": round(s.scheduled / max(1, g.scheduled), 4),
        "ratio_objective_solver_vs_greedy": round(s.objective / g.objective, 4),
        "ratio_travel_solver_vs_greedy": round(s.travel_km / g.travel_km, 3)
        if g.travel_km
        else None,
        "replan_cancelled": len(cancelled),
        "replan_s": round(replan_s, 3),
        "replan_untouched": len(untouched),
        "replan_untouched_moved": moved,
        "replan_newly_placed": newly,
        "replan_violations": again_bad,
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in load_after],
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
