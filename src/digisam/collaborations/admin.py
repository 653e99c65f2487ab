from django.contrib import admin

from digisam.core.admin import AuditedAdmin

from .models import Body, Collaboration, CollaborationDocument, DecisionRule, Membership, Seat


@admin.register(Collaboration)
class CollaborationAdmin(AuditedAdmin):
    list_display = ["name", "organisation_form", "founded", "published"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["collaboration", "organisation", "role", "status", "joined_on", "left_on"]
    list_filter = ["status", "role", "collaboration"]


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ["name", "collaboration", "kind", "chair_rotation"]
    list_filter = ["kind", "collaboration"]


@admin.register(Seat)
class SeatAdmin(AuditedAdmin):
    list_display = ["person", "body", "role", "organisation", "start", "end"]


@admin.register(DecisionRule)
class DecisionRuleAdmin(AuditedAdmin):
    list_display = ["collaboration", "body", "decision_type", "majority", "voting_basis"]


@admin.register(CollaborationDocument)
class CollaborationDocumentAdmin(AuditedAdmin):
    list_display = ["title", "collaboration", "kind", "date"]
