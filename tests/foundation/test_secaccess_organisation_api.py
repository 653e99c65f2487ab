"""Issue 11, hole 4: through the API a coordinator changes only what the UI lets it change (contact
fields); name, code, CVR, kind and slug are reference data; only a platform admin deletes an
organisation."""

import pytest


@pytest.mark.parametrize("field,value", [("name", "Omdøbt Kommune"), ("cvr", "11111111"), ("kind", "company"),
                                         ("code", "999"), ("slug", "omdoebt")])
def test_a_coordinator_cannot_change_reference_fields_of_its_own_organisation(world, api_for, field, value):
    org = world.orgs["165"]
    before = getattr(org, field)
    response = api_for(world.users["coordinator"]).patch(f"/api/organisations/{org.slug}/", {field: value},
                                                         format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    org.refresh_from_db()
    assert getattr(org, field) == before


def test_a_coordinator_changes_contact_fields_of_its_own_organisation(world, api_for):
    org = world.orgs["165"]
    response = api_for(world.users["coordinator"]).patch(f"/api/organisations/{org.slug}/",
                                                         {"phone": "43 68 68 68"}, format="json")
    assert response.status_code == 200, response.content
    org.refresh_from_db()
    assert org.phone == "43 68 68 68"


def test_only_a_platform_admin_deletes_an_organisation(world, api_for):
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    lonely = Organisation.objects.create(kind="company", name="Enlig ApS", slug="enlig", cvr="87654321")
    RoleAssignment.objects.create(user=world.users["coordinator"], role=Role.COORDINATOR, organisation=lonely)
    response = api_for(world.users["coordinator"]).delete(f"/api/organisations/{lonely.slug}/")
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=lonely.pk).exists()
    RoleAssignment.objects.filter(organisation=lonely).delete()
    assert api_for(world.users["admin"]).delete(f"/api/organisations/{lonely.slug}/").status_code == 204
    assert not Organisation.objects.filter(pk=lonely.pk).exists()
