"""Issue 11, hole 5: every relation written through the service is checked. A coordinator cannot
link its contract to another municipality's usage (shared or not), nor point a record at an object
it may not read."""

import pytest


def test_a_contract_cannot_link_another_municipalitys_unshared_usage(pf, world, api_for):
    client = api_for(world.users["coordinator"])
    response = client.patch(f"/api/portfolio/contracts/{pf.c165.pk}/", {"usages": [pf.u153.pk]}, format="json")
    assert response.status_code in (400, 403), response.content
    assert list(pf.c165.usages.values_list("pk", flat=True)) == [pf.u165.pk]


def test_a_contract_cannot_link_another_municipalitys_shared_usage(pf, world, api_for):
    client = api_for(world.users["coordinator"])
    response = client.patch(f"/api/portfolio/contracts/{pf.c165.pk}/", {"usages": [pf.u151.pk]}, format="json")
    assert response.status_code == 400, response.content
    assert "usages" in response.json()
    assert list(pf.c165.usages.values_list("pk", flat=True)) == [pf.u165.pk]


def test_the_service_refuses_a_relation_to_an_object_the_user_may_not_read(pf, world):
    from django.core.exceptions import PermissionDenied

    from digisam.core import services
    from digisam.planning.models import OptOut

    # beta is unpublished and 165's coordinator is not a member there
    opt_out = OptOut(collaboration=world.beta, organisation=world.orgs["165"], category="omsorg", reason="x")
    with pytest.raises(PermissionDenied):
        services.save(opt_out, user=world.users["coordinator"])


def test_a_coordinator_still_links_its_own_usage(pf, world, api_for):
    client = api_for(world.users["coordinator"])
    response = client.patch(f"/api/portfolio/contracts/{pf.c165e.pk}/", {"usages": [pf.u165.pk]}, format="json")
    assert response.status_code == 200, response.content
