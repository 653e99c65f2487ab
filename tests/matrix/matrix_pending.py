"""Routes that reached main after the matrix and still wait for their rows, with the branch that owns
them. The matrix accepts exactly these without a row; a route listed here that has a row, or that no
longer exists, fails the suite — so the list only shrinks. Do not add to it: add rows instead."""

PENDING = {
    # branch ops (operations & support, competence pool): detail, edit and delete pages and API details
    # need objects of those apps in matrix_scene.py
    *[f"operations:{n}" for n in (
        "service", "service_edit", "service_delete", "target_edit", "propose_target", "level_create", "level_edit",
        "level_delete", "support", "support_edit", "support_delete", "usage_create", "usage_edit", "usage_delete",
        "sla_import_delete")],
    *[f"competences:{n}" for n in (
        "competence_edit", "competence_delete", "specialist", "specialist_edit", "specialist_remove", "part_create",
        "part_edit", "part_delete", "request", "request_edit", "allocate", "decide", "hours", "hours_delete",
        "action_edit", "action_delete")],
    *[f"api-{n}-detail" for n in (
        "operations-service", "operations-level", "operations-ticketimport", "operations-ticket", "operations-support",
        "operations-usage", "competences-competence", "competences-specialist", "competences-held",
        "competences-availability", "competences-request", "competences-allocation", "competences-worked",
        "competences-action")],
}
