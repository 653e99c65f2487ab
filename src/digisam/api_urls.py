"""The REST API router. Each app adds its viewsets with `register(router)` in its api module."""

from importlib import import_module

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from digisam.collaborations import api as collaborations_api
from digisam.core import api as core_api
from digisam.organisations import api as organisations_api

router = DefaultRouter()
router.register("organisations", organisations_api.OrganisationViewSet)
router.register("population-figures", organisations_api.PopulationFigureViewSet)
router.register("region-memberships", organisations_api.RegionMembershipViewSet)
router.register("collaborations", collaborations_api.CollaborationViewSet)
router.register("memberships", collaborations_api.MembershipViewSet)
router.register("bodies", collaborations_api.BodyViewSet)
router.register("seats", collaborations_api.SeatViewSet)
router.register("decision-rules", collaborations_api.DecisionRuleViewSet)
router.register("documents", collaborations_api.DocumentViewSet)
router.register("audit-entries", core_api.AuditEntryViewSet, basename="api-auditentry")
router.register("jobs", core_api.JobViewSet, basename="api-job")

# Domain apps that offer an API define `register(router)` in their `api` module.
for app in ("portfolio", "planning", "economy", "initiatives", "operations", "competences", "formation"):
    try:
        module = import_module(f"digisam.{app}.api")
    except ModuleNotFoundError as error:
        if error.name != f"digisam.{app}.api":
            raise
        continue
    module.register(router)

urlpatterns = [
    path("", include(router.urls)),
    path("token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI: its script from a file (split view), its page style in a static file; React in it writes
    # style attributes, so that page alone allows inline style attributes (never inline scripts).
    path("docs/", csp_update({"style-src-attr": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(
        url_name="api-schema", template_name="core/swagger_ui.html")), name="api-docs"),
]
