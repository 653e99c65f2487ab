"""Demo data: one scenario and a published plan for the primary demo collaboration, solved with a
short time limit. Needs the portfolio demo (shared contracts with economy); without it nothing is
made. Loading twice changes nothing."""

import datetime

from digisam.core import services
from digisam.core.models import Channel

from . import services as plan_services
from .models import PlanRun, RunStatus, Scenario

SCENARIO_NAME = "Basis: 10 år, to fællesudbud ad gangen"
TIME_LIMIT = 8  # seconds: the demo must load quickly


def load(ctx):
    from digisam.portfolio import selectors

    log = ctx.get("log", print)
    primary = ctx["primary"]
    if not selectors.visible_contracts(primary, include_economy=True).exists():
        log("Udbudsplan: ingen delte kontrakter med økonomi i demo-samarbejdet; springes over.")
        return
    scenario = Scenario.objects.filter(collaboration=primary, name=SCENARIO_NAME).first()
    if scenario is None:
        scenario = services.save(Scenario(
            collaboration=primary, name=SCENARIO_NAME, start_month=f"{datetime.date.today().year + 1}-01",
            horizon_months=120, capacity=2, time_limit=TIME_LIMIT,
            description="Alle kategorier med delte kontrakter; ingen medlem stilles dårligere end alene.",
        ), user=services.SYSTEM, channel=Channel.COMMAND)
    if PlanRun.objects.filter(collaboration=primary, published=True).exists():
        return
    run = plan_services.run_now(scenario, user=services.SYSTEM, channel=Channel.COMMAND, time_limit=TIME_LIMIT)
    if run.status == RunStatus.SUCCEEDED and run.groups_ok:
        plan_services.publish(run, user=services.SYSTEM, channel=Channel.COMMAND)
        log(f"Udbudsplan beregnet og offentliggjort for {primary}: besparelse {run.savings} kr.")
    else:
        log(f"Udbudsplan for {primary} kunne ikke beregnes: {run.error}")
