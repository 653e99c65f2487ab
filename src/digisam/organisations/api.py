import datetime

from rest_framework import serializers

from digisam.core.api import AuditedModelViewSet, ReadOnlyPolicyViewSet

from .models import Organisation, PopulationFigure, RegionMembership


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation with its population and region today."""

    population = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "kind", "name", "slug", "code", "cvr", "website", "email", "phone", "address",
                  "contact_person", "notes", "population", "region"]

    def get_population(self, obj) -> int | None:
        figure = obj.population_at(datetime.date.today())
        return figure.population if figure else None

    def get_region(self, obj) -> str | None:
        region = obj.region_at(datetime.date.today())
        return region.code if region else None


class OrganisationViewSet(AuditedModelViewSet):
    """Organisations; coordinators update their own, platform admins create and delete."""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_fields = ["kind", "code", "cvr"]
    lookup_field = "slug"


class PopulationFigureSerializer(serializers.ModelSerializer):
    """An official population figure of an organisation on a date."""

    class Meta:
        model = PopulationFigure
        fields = ["id", "organisation", "date", "population", "source"]


class PopulationFigureViewSet(ReadOnlyPolicyViewSet):
    """Population figures, read only; every signed-in user."""

    queryset = PopulationFigure.objects.all()
    serializer_class = PopulationFigureSerializer
    filterset_fields = ["organisation", "date"]


class RegionMembershipSerializer(serializers.ModelSerializer):
    """Which region a municipality belongs to, and from when to when."""

    class Meta:
        model = RegionMembership
        fields = ["id", "municipality", "region", "valid_from", "valid_to"]


class RegionMembershipViewSet(ReadOnlyPolicyViewSet):
    """Municipalities' region memberships, read only; every signed-in user."""

    queryset = RegionMembership.objects.all()
    serializer_class = RegionMembershipSerializer
    filterset_fields = ["municipality", "region"]
