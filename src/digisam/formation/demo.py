"""Demo formation data: a procurement association of three East Jutland municipalities in its
decision phase (two have said yes in their own bodies, one is still to decide), and a member that
left Digitaliseringsforeningen på Sjælland by notice under the association's exit terms, with its
membership kept in the history. Names and dates are invented demo data.

Loading twice changes nothing: the formation and the withdrawal are only made when missing."""

from __future__ import annotations

import datetime

from digisam.collaborations.models import Collaboration, Membership
from digisam.core import services
from digisam.core.models import Channel
from digisam.organisations.models import Organisation

from . import services as formation_services
from .models import ExitTerms, Formation

SYSTEM = services.SYSTEM
NAME = "Indkøbsforeningen Østjylland"


def load(ctx):
    log = ctx.get("log", print)
    if not Formation.objects.filter(collaboration__name=NAME).exists():
        codes = {"615": None, "766": None, "727": None}  # Horsens, Hedensted, Odder
        orgs = {code: Organisation.objects.filter(code=code).first() for code in codes}
        if all(orgs.values()):
            formation = formation_services.start(formation_services.Start(
                name=NAME, initiator=orgs["615"], invitees=[orgs["766"], orgs["727"]],
                answers=formation_services.answers_from(
                    {"needs": ["buying_power"], "employ_staff": True, "legal_person": True, "members": 3}),
                purpose="procurement", form="association",
                rationale="Tre kommuner køber fagsystemer ind hver for sig; en forening giver indkøbsmagt og kan "
                          "ansætte en fælles udbudskonsulent (katalogets anbefaling: forening til indkøb).",
                description="Fælles udbud af fagsystemer og harmonisering af kontrakternes udløb.",
            ), user=SYSTEM, channel=Channel.COMMAND)
            for phase in (0, 1):
                formation_services.decide_gate(formation.process.gates.get(phase=phase), user=SYSTEM,
                                               outcome="go", channel=Channel.COMMAND)
            for code, body, day in (("615", "Økonomiudvalget", datetime.date(2026, 9, 8)),
                                    ("766", "Kommunalbestyrelsen", datetime.date(2026, 9, 24))):
                decision = formation.decisions.get(organisation=orgs[code])
                formation_services.record_decision(decision, user=SYSTEM, choice="yes", decided_on=day, body=body,
                                                   channel=Channel.COMMAND)
            log(f"Samarbejde under etablering: {NAME}")
    sjaelland = Collaboration.objects.filter(slug="sjaelland").first()
    faxe = Organisation.objects.filter(code="320").first()
    if sjaelland is not None and faxe is not None:
        if not ExitTerms.objects.filter(collaboration=sjaelland).exists():
            services.save(ExitTerms(collaboration=sjaelland, notice_months=6, exit_point="year_end",
                                    note="Udtræden med seks måneders varsel til et regnskabsårs udgang."),
                          user=SYSTEM, channel=Channel.COMMAND)
        if not Membership.objects.filter(collaboration=sjaelland, organisation=faxe).exists():
            membership = services.save(Membership(collaboration=sjaelland, organisation=faxe, status="active",
                                                  joined_on=datetime.date(2016, 3, 17)),
                                       user=SYSTEM, channel=Channel.COMMAND)
            formation_services.give_notice(membership, user=SYSTEM, notice_given_on=datetime.date(2022, 3, 1),
                                           reason="Faxe samler sin digitalisering i et andet samarbejde.",
                                           channel=Channel.COMMAND)
            log("Udtrådt medlem: Faxe af Digitaliseringsforeningen på Sjælland (31.12.2022)")
