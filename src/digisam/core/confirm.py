"""One confirmation step for every destructive or irreversible action (close a vote, end a
membership, publish, approve): a page that names the consequence, and a POST that acts only
with ``confirmed=yes``. A GET shows the page and never writes."""

from __future__ import annotations

from django.shortcuts import render


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get("confirmed") == "yes"


def confirmation(request, *, title, consequences, action_label, cancel_url, action_url=None, form=None,
                 hidden=(), status=200):
    """The confirmation page: ``consequences`` are the sentences saying what will happen; an
    optional ``form`` (GET) chooses the action's parameters (a date) and shows their consequence
    before anything is confirmed; ``hidden`` are the (name, value) pairs the confirmation posts.
    With an invalid ``form`` the action cannot be confirmed."""
    return render(request, "core/confirm.html", {
        "title": title, "consequences": [c for c in consequences if c], "action_label": action_label,
        "cancel_url": cancel_url, "action_url": action_url or request.path, "form": form, "hidden": hidden,
        "can_confirm": form is None or form.is_valid(),
    }, status=status)
