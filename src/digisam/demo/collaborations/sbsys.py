"""Brugerklubben SBSYS — 002 §2.5: 27 member municipalities + 1 region (Region Midtjylland);
named: Struer, Mariagerfjord, Faaborg-Midtfyn, Hjørring, Vejle; Hedensted is "en aktiv
spiller" (002 §2.9, Hedensted box); vendor Ditmer codes the system. Annual general assembly
elects board (directors and fagchefer, 4 meetings/year), forretningsledelse (chair + chairs
of two committees) and two committees; secretariat of six; fee 9 kr./indbygger.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="sbsys",
    name="Brugerklubben SBSYS",
    short_name="SBSYS",
    purposes=["procurement", "business_development"],
    organisation_form="association",
    # Ukendt: klubben udsprang af Ringkøbing og Århus amter før strukturreformen 2007; år antaget.
    founded=date(2004, 1, 1),
    description=(
        "Brugerklubben er et indkøbsfællesskab, hvor medlemmerne i fællesskab udvikler og vedligeholder sags- og "
        "dokumenthåndteringssystemet SBSYS og tilgrænsende løsninger. Klubben ejer ophavsretten og kildekoden, og medlemmerne skal "
        "være medunderskrivere på den gældende rammeaftale. Klubben har 27 medlemskommuner samt 1 region."
    ),
    open_to_newcomers=True,  # kun hvis kommunen har været medudbyder på rammeaftalen
    subset_label="Demo: et udsnit af de 27 medlemskommuner og 1 region – kun de medlemmer, kilderne nævner",
    members=[
        DemoMember(organisation="region_midtjylland", joined=date(2007, 1, 1)),
        DemoMember(code="671", joined=date(2007, 1, 1)),
        DemoMember(code="846", joined=date(2007, 1, 1)),
        DemoMember(code="430", joined=date(2007, 1, 1)),
        DemoMember(code="860", joined=date(2007, 1, 1)),
        DemoMember(code="630", joined=date(2007, 1, 1)),
        DemoMember(code="766", joined=date(2010, 1, 1)),  # år antaget
        DemoMember(organisation="ditmer", role="vendor_partner", joined=date(2004, 1, 1)),
    ],
    bodies=[
        DemoBody(
            key="generalforsamling", kind="general_assembly", name="Generalforsamlingen", meeting_frequency="Årligt",
            seats=[
                DemoSeat(person="Poul Erik Hvid", title="Dirigent", code="766", role="chair", start=date(2015, 4, 1)),
            ],
        ),
        DemoBody(
            key="bestyrelse", kind="board", name="Bestyrelsen", reports_to="generalforsamling",
            meeting_frequency="Fire gange årligt",
            seats=[
                DemoSeat(person="Inge Skovbo Laursen", title="Direktør", code="766", role="chair", start=date(2014, 5, 1)),
                DemoSeat(person="Klaus Engholm", title="Fagchef", code="671", start=date(2014, 5, 1)),
                DemoSeat(person="Vibeke Stenstrup", title="Direktør", code="630", start=date(2014, 5, 1)),
                DemoSeat(person="Thomas Grønbech", title="Fagchef", code="860", start=date(2014, 5, 1)),
            ],
        ),
        DemoBody(
            key="forretningsledelse", kind="steering_group",
            name="Forretningsledelsen (formand og de to udvalgsformænd)", reports_to="bestyrelse",
            meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Inge Skovbo Laursen", title="Direktør", code="766", role="chair", start=date(2014, 5, 1)),
                DemoSeat(person="Jesper Holt Andreasen", title="Udvalgsformand", code="846", start=date(2014, 5, 1)),
                DemoSeat(person="Marianne Dybdal", title="Udvalgsformand", code="430", start=date(2014, 5, 1)),
            ],
        ),
        DemoBody(
            # Udvalgenes navne står ikke i kilden; navnene er antaget.
            key="udviklingsudvalg", kind="working_group", name="Udviklingsudvalget", reports_to="forretningsledelse",
            meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Jesper Holt Andreasen", title="ESDH-ansvarlig", code="846", role="chair", start=date(2014, 5, 1)),
            ],
        ),
        DemoBody(
            key="driftsudvalg", kind="working_group", name="Drifts- og implementeringsudvalget",
            reports_to="forretningsledelse", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Marianne Dybdal", title="Digitaliseringskonsulent", code="430", role="chair", start=date(2014, 5, 1)),
            ],
        ),
        DemoBody(
            key="sekretariat", kind="secretariat", name="Sekretariatet", reports_to="forretningsledelse",
            meeting_frequency="Løbende",
            seats=[
                DemoSeat(person="Niels Kragh Bundgaard", title="Sekretariatsleder (udlånt)", code="766", role="secretary", start=date(2015, 1, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="generalforsamling", decision_type="general", majority="simple",
            description=(
                "002 §2.5: Brugerklubbens besluttende fora vælges på den årlige generalforsamling for medlemskredsen. Stemmeregel er "
                "ikke beskrevet; én stemme pr. medlem og simpelt flertal antaget."
            ),
        ),
        DemoRule(
            body="bestyrelse", decision_type="membership", majority="simple", escalation_body="generalforsamling",
            description=(
                "002 §2.5: Kommuner og regioner kan optages som medlemmer, men det giver kun mening, hvis de har været medudbydere på "
                "den gældende rammeaftale for SBSYS (udbudsreglerne)."
            ),
        ),
        DemoRule(
            body="bestyrelse", decision_type="voluntary_project", voting_basis="population", majority="simple",
            description=(
                "002 §2.5: En gruppe kommuner kan gå ind i ekstraudvikling finansieret pr. indbygger; ejerskabet til det udviklede "
                "overdrages til Brugerklubben."
            ),
        ),
    ],
    fee_model=(
        "Medlemskontingent på 9 kr. pr. indbygger, der finansierer overvågning, vedligeholdelse og udvikling; ekstraudvikling "
        "finansieres af de deltagende kommuner pr. indbygger (002 §2.5)."
    ),
)
