"""Issue 11 hole 11: uploads are served through a view that checks the object's policy; nothing
serves /media/; pages and the API link to the checked view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from factories.initiatives import build_scene

from digisam.initiatives.models import ProposalDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def scene(world):
    return build_scene(world)


def _upload_attachment(client, proposal, name="indstilling.pdf", content=b"%PDF-1.4 indstilling"):
    return client.post(f"/initiativer/beslutninger/{proposal.pk}/bilag/nyt/",
                       {"title": "Indstilling", "file": SimpleUploadedFile(name, content, "application/pdf")})


def test_proposal_attachment_links_to_the_checked_view_and_is_served_to_readers(world, scene, client_for, media):
    secretariat = client_for(world.users["secretariat"])
    assert _upload_attachment(secretariat, scene.proposal).status_code == 302
    document = ProposalDocument.objects.get(proposal=scene.proposal, title="Indstilling")
    page = secretariat.get(f"/initiativer/beslutninger/{scene.proposal.pk}/").content.decode()
    url = f"/filer/initiatives/proposaldocument/{document.pk}/file/"
    assert f'href="{url}"' in page
    assert "/media/" not in page
    response = client_for(world.users["member"]).get(url)  # member of alpha (Albertslund)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 indstilling"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_is_404_for_those_who_may_not_read_the_proposal(world, scene, client_for, media):
    admin = client_for(world.users["admin"])
    assert _upload_attachment(admin, scene.beta_proposal).status_code == 302
    document = ProposalDocument.objects.get(proposal=scene.beta_proposal)
    url = f"/filer/initiatives/proposaldocument/{document.pk}/file/"
    assert client_for(world.users["outsider"]).get(url).status_code == 200  # Brøndby is a beta member
    for name in ("member", "coordinator", "secretariat", "observer", "plain"):
        assert client_for(world.users[name]).get(url).status_code == 404, name
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_media_is_not_served_openly(world, scene, client_for, media):
    admin = client_for(world.users["admin"])
    _upload_attachment(admin, scene.proposal)
    document = ProposalDocument.objects.get(proposal=scene.proposal)
    assert (media / document.file.name).exists()
    for user in (None, world.users["admin"]):
        assert client_for(user).get(f"/media/{document.file.name}").status_code == 404


@pytest.mark.parametrize("path", [
    "/filer/auth/user/1/password/",              # not a file field
    "/filer/initiatives/proposaldocument/1/title/",
    "/filer/initiatives/nosuchmodel/1/file/",
    "/filer/contenttypes/contenttype/1/file/",
    "/filer/initiatives/proposaldocument/999999/file/",
])
def test_only_file_fields_of_digisam_objects_can_be_addressed(world, client_for, path):
    assert client_for(world.users["admin"]).get(path).status_code == 404


def test_an_attachment_without_a_file_is_404(world, scene, client_for):
    document = ProposalDocument.objects.create(proposal=scene.proposal, title="Link", url="https://example.dk/x")
    url = f"/filer/initiatives/proposaldocument/{document.pk}/file/"
    assert client_for(world.users["admin"]).get(url).status_code == 404


def test_the_api_gives_the_checked_address_of_a_collaboration_document(world, api_for, client_for, media):
    admin = api_for(world.users["admin"])
    response = admin.post("/api/documents/", {"collaboration": world.beta.pk, "title": "Vedtægter", "kind": "statutes",
                                              "file": SimpleUploadedFile("vedtaegter.txt", b"paragraf 1")},
                          format="multipart")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    url = f"http://testserver/filer/collaborations/collaborationdocument/{pk}/file/"
    assert response.json()["file"] == url
    assert admin.get(f"/api/documents/{pk}/").json()["file"] == url
    assert client_for(world.users["outsider"]).get(url).status_code == 200
    assert client_for(world.users["member"]).get(url).status_code == 404


def test_a_portfolio_import_file_is_served_only_to_its_municipality(world, client_for, media):
    from digisam.portfolio.models import PortfolioImport

    content = b"Kommunekode;Kategori\n165;omsorg\n"
    record = PortfolioImport.objects.create(organisation=world.orgs["165"], original_name="min portefølje.csv",
                                            file=SimpleUploadedFile("upload.csv", content))
    url = f"/filer/portfolio/portfolioimport/{record.pk}/file/"
    coordinator = client_for(world.users["coordinator"])
    response = coordinator.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert "min%20portef%C3%B8lje.csv" in response["Content-Disposition"]
    for name in ("outsider", "secretariat", "observer", "plain"):
        assert client_for(world.users[name]).get(url).status_code == 404, name
    review = coordinator.get(f"/portefoelje/import/{record.pk}/")
    assert review.status_code == 200
    assert f'href="{url}"' in review.content.decode()
