"""The pages of the load benchmark for each role (issue 15, target 3), from the data set's
description that `digisam benchmark_data --output dataset.json` writes. Shared by the locustfile
and the probe (`load_bench.py --probe`), which checks every page answers 200 for its role.

Pages: the collaboration overview, a municipality's portfolio, the harmonisation page, the plan
result, the member's plan view, the annual statement and the API lists. Each role gets the pages it
may see; a member's own organisation is its municipality."""

from __future__ import annotations

API_LISTS = ("/api/collaborations/", "/api/memberships/", "/api/portfolio/contracts/", "/api/portfolio/usages/",
             "/api/plan-runs/", "/api/economy-statements/")


def pages_for(dataset: dict, role: str, code: str | None) -> dict[str, str]:
    """{page name: path} for one user; the names group the statistics per page."""
    slug, run, year, version = dataset["slug"], dataset["run"], dataset["year"], dataset["statement"]
    any_member = dataset["members"][len(dataset["members"]) // 2]
    pages = {"collaboration overview": f"/samarbejder/{slug}/"}
    if role == "secretariat":
        pages.update({
            "municipality portfolio": f"/portefoelje/kommune/{any_member}/",
            "harmonisation": f"/portefoelje/samarbejde/{slug}/",
            "plan result": f"/udbudsplan/beregninger/{run}/",
            "member plan view": f"/udbudsplan/beregninger/{run}/medlem/{any_member}/",
            "annual statement": f"/oekonomi/{slug}/{year}/opgoerelse/{version}/",
        })
    elif role in ("coordinator", "member_user", "finance_officer"):
        pages.update({
            "municipality portfolio": f"/portefoelje/kommune/{code}/",
            "harmonisation": f"/portefoelje/samarbejde/{slug}/",
            "plan result": f"/udbudsplan/beregninger/{run}/",
            "member plan view": f"/udbudsplan/beregninger/{run}/medlem/{code}/",
        })
        if role == "finance_officer":
            pages["annual statement"] = f"/oekonomi/{slug}/{year}/opgoerelse/{version}/"
    else:  # observer: what is published
        pages["plan result"] = f"/udbudsplan/beregninger/{run}/"
    for path in API_LISTS:
        pages["API " + path.strip("/").removeprefix("api/")] = path
    return pages
