"""What the demo's collaborations share: the parties that are not municipalities, and the demo users.

Municipalities are named by kommunekode (verified against /work/shared/data/kommuner.csv); every
other member is named by a key into `ORGANISATIONS`. The users get one role each around the
primary demo collaboration (`PRIMARY`).
"""

from digisam.demo.schema import DemoOrganisation, DemoUser

# Non-municipal parties named as members or partners in the sources (002 §2.5, §2.8, §2.9).
# No CVR numbers appear in the sources, so all are None.
ORGANISATIONS = {
    organisation.key: organisation
    for organisation in (
        DemoOrganisation("region_midtjylland", kind="region", name="Region Midtjylland"),
        DemoOrganisation("region_syddanmark", kind="region", name="Region Syddanmark"),
        DemoOrganisation("sygehus_lillebaelt", kind="hospital", name="Sygehus Lillebælt"),
        DemoOrganisation("sygehus_soenderjylland", kind="hospital", name="Sygehus Sønderjylland"),
        DemoOrganisation("sydvestjysk_sygehus", kind="hospital", name="Sydvestjysk Sygehus"),
        DemoOrganisation("ouh", kind="hospital", name="Odense Universitetshospital"),
        DemoOrganisation("psykiatrien_syd", kind="hospital", name="Psykiatrien i Region Syddanmark"),
        DemoOrganisation("next_step_citizen", kind="company", name="Next Step Citizen"),
        DemoOrganisation("ditmer", kind="company", name="Ditmer"),
        # Fictional: 002 §2.10 says OS2 has vendor partners but names none.
        DemoOrganisation(
            "os2_leverandoer_demo", kind="company", name="Eksempel Open Source ApS (fiktiv leverandørpartner)"
        ),
        DemoOrganisation("syddansk_sundhedsinnovation", kind="other", name="Syddansk Sundhedsinnovation"),
        DemoOrganisation("kombit", kind="kombit", name="KOMBIT"),
        DemoOrganisation("kl", kind="kl", name="KL (Kommunernes Landsforening)"),
    )
}

# The collaboration the demo users work in (slug).
PRIMARY = "storkoebenhavn"

DEMO_PASSWORD = "digisam-demo-2026"  # noqa: S105 - printed on purpose: demo users on a local install

# One user per role; "home" is the primary collaboration's first municipality by kommunekode.
USERS = (
    DemoUser("admin", role="platform_admin", description="Platformadministrator: alt, inkl. Django-admin"),
    DemoUser(
        "sekretariat",
        role="secretariat",
        description="Sekretariat for {collaboration}",
        scope="collaboration",
    ),
    DemoUser(
        "koordinator", role="coordinator", description="Kommunekoordinator for {organisation}", scope="home"
    ),
    DemoUser(
        "oekonomi", role="finance_officer", description="Økonomimedarbejder i {organisation}", scope="home"
    ),
    DemoUser("medlem", role="member_user", description="Medlemsbruger i {organisation}", scope="second"),
    DemoUser("observatoer", role="observer", description="Observatør: læser det offentliggjorte"),
)
