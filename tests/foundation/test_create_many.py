"""`services.create_many`: the bulk path for imports keeps every guarantee of `services.save` —
permission before and after, readable relations, nothing under an archived parent, validation, and
one audit entry per object whose "after" is exactly what `save()` would have recorded."""

import decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from digisam.collaborations.models import Body
from digisam.core import services
from digisam.core.models import AuditEntry
from digisam.portfolio.models import Category, Contract, Product, Usage

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    category = Category.objects.order_by("pk").first()
    products = [Product.objects.create(category=category, name=f"System {n}") for n in range(3)]
    return category, products


def _same(recorded: dict, stored: dict) -> bool:
    """Equal field by field; amounts as numbers (the audit keeps 1000 for a stored 1000.00, as save() does)."""
    def number(value):
        try:
            return decimal.Decimal(value) if isinstance(value, str) else value
        except decimal.InvalidOperation:
            return value
    return recorded.keys() == stored.keys() and all(number(recorded[k]) == number(stored[k]) for k in stored)


def _usages(org, category, products):
    return [Usage(organisation=org, category=category, product=product, responsible_unit=f"Afdeling {n}")
            for n, product in enumerate(products)]


def test_created_objects_get_keys_links_and_one_audit_entry_each_equal_to_the_stored_state(world, catalogue):
    category, products = catalogue
    coordinator = world.users["coordinator"]
    usages = services.create_many(_usages(world.orgs["165"], category, products), user=coordinator,
                                  channel="import")
    assert all(u.pk for u in usages) and Usage.objects.filter(organisation=world.orgs["165"]).count() == 3
    contracts = [Contract(organisation=world.orgs["165"], category=category, product=products[n],
                          contract_id=f"K-{n}", cost_operation=1000 + n) for n in range(2)]
    links = [{"usages": [usages[1].pk, usages[0].pk]}, {"usages": [usages[2]]}]
    services.create_many(contracts, user=coordinator, channel="import", m2m=links)
    stored = {c.contract_id: c for c in Contract.objects.filter(organisation=world.orgs["165"])}
    assert sorted(stored["K-0"].usages.values_list("pk", flat=True)) == sorted([usages[0].pk, usages[1].pk])
    assert list(stored["K-1"].usages.values_list("pk", flat=True)) == [usages[2].pk]
    for obj in [*usages, *stored.values()]:
        entry = AuditEntry.objects.get(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
        assert entry.action == "create" and entry.before is None
        assert entry.user == coordinator and entry.channel == "import"
        assert entry.organisation_id == world.orgs["165"].pk
        assert _same(entry.after, services.snapshot(type(obj).objects.get(pk=obj.pk)))


def test_the_audit_entry_is_the_one_save_writes(world, catalogue):
    category, products = catalogue
    coordinator = world.users["coordinator"]
    one = services.save(Usage(organisation=world.orgs["165"], category=category, product=products[0],
                              responsible_unit="IT"), user=coordinator)
    many = services.create_many([Usage(organisation=world.orgs["165"], category=category, product=products[1],
                                       responsible_unit="IT")], user=coordinator)[0]
    saved = AuditEntry.objects.get(object_id=str(one.pk), content_type__model="usage")
    bulk = AuditEntry.objects.get(object_id=str(many.pk), content_type__model="usage")
    ignore = {"id", "product_id"}
    assert {k: v for k, v in saved.after.items() if k not in ignore} == \
        {k: v for k, v in bulk.after.items() if k not in ignore}
    assert (saved.object_repr.split(":")[0], saved.action, saved.collaboration_id, saved.organisation_id) == \
        (bulk.object_repr.split(":")[0], bulk.action, bulk.collaboration_id, bulk.organisation_id)


def test_one_object_of_another_municipality_refuses_all_and_writes_nothing(world, catalogue):
    category, products = catalogue
    objects = _usages(world.orgs["165"], category, products[:2]) + _usages(world.orgs["153"], category, products[2:])
    audit_before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.create_many(objects, user=world.users["coordinator"])
    assert not Usage.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_link_to_another_municipalitys_unshared_record_is_refused(world, catalogue):
    category, products = catalogue
    theirs = services.save(Usage(organisation=world.orgs["153"], category=category, product=products[0]),
                           user=world.users["outsider"])
    contract = Contract(organisation=world.orgs["165"], category=category, contract_id="K-1")
    with pytest.raises(ValidationError) as error:
        services.create_many([contract], user=world.users["coordinator"], m2m=[{"usages": [theirs.pk]}])
    assert "usages" in error.value.message_dict
    assert not Contract.objects.exists()


def test_validation_runs_unless_the_caller_did_it(world, catalogue):
    category, _products = catalogue
    bad = Contract(organisation=world.orgs["165"], category=category, contract_id="K-1", extensions_used=2,
                   extension_count=0)
    with pytest.raises(ValidationError):
        services.create_many([bad], user=world.users["coordinator"])
    assert not Contract.objects.exists()


def test_nothing_is_created_under_an_archived_parent(world):
    secretariat = world.users["secretariat"]
    services.archive(world.alpha, user=secretariat)
    with pytest.raises(ValidationError) as error:
        services.create_many([Body(collaboration=world.alpha, kind="working_group", name="Ny gruppe")],
                             user=world.users["secretariat"])
    assert "arkiveret" in " ".join(error.value.messages)
    assert not Body.objects.filter(name="Ny gruppe").exists()


def test_mixed_or_stored_objects_are_refused(world, catalogue):
    category, products = catalogue
    stored = services.save(Usage(organisation=world.orgs["165"], category=category, product=products[0]),
                           user=world.users["coordinator"])
    with pytest.raises(ValueError):
        services.create_many([stored], user=world.users["coordinator"])
    with pytest.raises(ValueError):
        services.create_many([Usage(organisation=world.orgs["165"], category=category),
                              Product(category=category, name="X")], user=world.users["coordinator"])
