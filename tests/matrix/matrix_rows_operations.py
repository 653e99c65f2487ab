"""Matrix rows: operations & support (catalogue, service levels, SLA, shared support; pages and API).
Operations are never published: observers, vendor partners and outsiders get 404 / empty lists."""

from matrix_base import MANAGERS, MEMBERS_165, OUTSIDERS, E, Row

Y = "/drift/alpha/2026"
LEVEL_WRITERS = ("admin", "secretariat", "coordinator")
READ = E(200, (OUTSIDERS, 404))
MANAGE = E(404, (MANAGERS, 200), (MEMBERS_165, 403))
ROWS = [
    Row("operations:home", lambda s: "/drift/", E(200)),
    Row("operations:year", lambda s: f"{Y}/", READ),
    Row("operations:service_create", lambda s: f"{Y}/ydelse/ny/", MANAGE),
    Row("operations:service", lambda s: f"/drift/ydelse/{s.ops_basic.pk}/", READ),
    Row("operations:service_edit", lambda s: f"/drift/ydelse/{s.ops_basic.pk}/rediger/", MANAGE),
    Row("operations:service_delete", lambda s: f"/drift/ydelse/{s.ops_basic.pk}/slet/", MANAGE),
    Row("operations:target_edit", lambda s: f"/drift/ydelse/{s.ops_basic.pk}/maal/", MANAGE),
    Row("operations:propose_target", lambda s: f"/drift/ydelse/{s.ops_basic.pk}/maal/beslutning/",
        E(404, (MANAGERS, 302), (MEMBERS_165, 403)), method="post", data=lambda s: {"body": s.board.pk}),
    Row("operations:level_create", lambda s: f"/drift/ydelse/{s.ops_basic.pk}/niveau/ny/",
        E(404, (LEVEL_WRITERS, 200), (("member", "finance"), 403))),
    Row("operations:level_edit", lambda s: f"/drift/niveau/{s.ops_level165.pk}/",
        E(404, (LEVEL_WRITERS, 200), (("member", "finance"), 403))),
    Row("operations:level_delete", lambda s: f"/drift/niveau/{s.ops_target.pk}/slet/", MANAGE),
    Row("operations:sla", lambda s: f"{Y}/sla/", READ),
    Row("operations:sla_report", lambda s: f"{Y}/sla/rapport.pdf", READ),
    Row("operations:sla_report", lambda s: f"{Y}/sla/rapport.xlsx", READ),
    Row("operations:sla_import", lambda s: f"{Y}/sla/import/", E(404, (MANAGERS, 400), (MEMBERS_165, 403)),
        method="post", note="no file: the form's 400"),
    Row("operations:sla_import_delete", lambda s: f"{Y}/sla/import/{s.ops_batch.pk}/slet/",
        E(404, (MANAGERS, 302), (MEMBERS_165, 403)), method="post"),
    Row("operations:support_create", lambda s: f"{Y}/support/ny/", MANAGE),
    Row("operations:support", lambda s: f"/drift/support/{s.ops_hotline.pk}/", READ),
    Row("operations:support_edit", lambda s: f"/drift/support/{s.ops_hotline.pk}/rediger/", MANAGE),
    Row("operations:support_delete", lambda s: f"/drift/support/{s.ops_hotline.pk}/slet/", MANAGE),
    Row("operations:usage_create", lambda s: f"/drift/support/{s.ops_hotline.pk}/forbrug/ny/", MANAGE),
    Row("operations:usage_edit", lambda s: f"/drift/support/{s.ops_hotline.pk}/forbrug/{s.ops_usage165.pk}/", MANAGE),
    Row("operations:usage_delete", lambda s: f"/drift/forbrug/{s.ops_usage165.pk}/slet/", MANAGE),
    # --- API
    Row("api-operations-service-list", lambda s: "/api/operations/services/", E(200, api=True)),
    Row("api-operations-service-detail", lambda s: f"/api/operations/services/{s.ops_basic.pk}/",
        E(200, (OUTSIDERS, 404), api=True)),
    Row("api-operations-level-list", lambda s: "/api/operations/service-levels/", E(200, api=True)),
    Row("api-operations-level-detail", lambda s: f"/api/operations/service-levels/{s.ops_level165.pk}/",
        E(200, (OUTSIDERS, 404), api=True)),
    Row("api-operations-ticketimport-list", lambda s: "/api/operations/ticket-imports/", E(200, api=True)),
    Row("api-operations-ticketimport-detail", lambda s: f"/api/operations/ticket-imports/{s.ops_batch.pk}/",
        E(200, (OUTSIDERS, 404), api=True)),
    Row("api-operations-ticket-list", lambda s: "/api/operations/tickets/", E(200, api=True)),
    Row("api-operations-ticket-detail", lambda s: f"/api/operations/tickets/{s.ops_ticket165.pk}/",
        E(200, (OUTSIDERS, 404), api=True)),
    Row("api-operations-support-list", lambda s: "/api/operations/support/", E(200, api=True)),
    Row("api-operations-support-detail", lambda s: f"/api/operations/support/{s.ops_hotline.pk}/",
        E(200, (OUTSIDERS, 404), api=True)),
    Row("api-operations-usage-list", lambda s: "/api/operations/support-usage/", E(200, api=True)),
    Row("api-operations-usage-detail", lambda s: f"/api/operations/support-usage/{s.ops_usage165.pk}/",
        E(200, (OUTSIDERS, 404), api=True)),
    Row("api-operations-usage-detail", lambda s: f"/api/operations/support-usage/{s.ops_usage165.pk}/",
        E(404, (MANAGERS, 200), (MEMBERS_165, 403), api=True), method="patch", data={}),
]
