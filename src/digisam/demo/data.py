"""Demo data: the eleven inter-municipal IT collaborations from the domain brief.

Facts (members, bodies, decision rules, fee models, dates) come from the seed documents in
/work/shared/seeds/: 000 (Silkeborg–Viborg web page), 001 (Silkeborg–Viborg decision
proposal, 1 April 2015), 002 (KL/Finansministeriet inspiration catalogue, 2016, section
numbers given per collaboration), 003 (Silkeborg–Viborg scaled back, 2018), 004 (Nordsjælland,
2016). Where a fact is not in the sources, a comment says "antaget" (assumed).

All person names in "seats" are fictional demo persons; the real people named in the sources
are deliberately not used. Kommunekoder are verified against /work/shared/data/kommuner.csv.
"""

from datetime import date

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

# Non-municipal parties named as members or partners in the sources (002 §2.5, §2.8, §2.9).
# No CVR numbers appear in the sources, so all are None.
NON_MUNICIPAL = {
    "region_midtjylland": {"kind": "region", "name": "Region Midtjylland", "cvr": None},
    "region_syddanmark": {"kind": "region", "name": "Region Syddanmark", "cvr": None},
    "sygehus_lillebaelt": {"kind": "hospital", "name": "Sygehus Lillebælt", "cvr": None},
    "sygehus_soenderjylland": {"kind": "hospital", "name": "Sygehus Sønderjylland", "cvr": None},
    "sydvestjysk_sygehus": {"kind": "hospital", "name": "Sydvestjysk Sygehus", "cvr": None},
    "ouh": {"kind": "hospital", "name": "Odense Universitetshospital", "cvr": None},
    "psykiatrien_syd": {"kind": "hospital", "name": "Psykiatrien i Region Syddanmark", "cvr": None},
    "next_step_citizen": {"kind": "company", "name": "Next Step Citizen", "cvr": None},
    "ditmer": {"kind": "company", "name": "Ditmer", "cvr": None},
    # Fictional: 002 §2.10 says OS2 has vendor partners but names none.
    "os2_leverandoer_demo": {
        "kind": "company",
        "name": "Eksempel Open Source ApS (fiktiv leverandørpartner)",
        "cvr": None,
    },
    "syddansk_sundhedsinnovation": {"kind": "other", "name": "Syddansk Sundhedsinnovation", "cvr": None},
    "kombit": {"kind": "kombit", "name": "KOMBIT", "cvr": None},
    "kl": {"kind": "kl", "name": "KL (Kommunernes Landsforening)", "cvr": None},
}

COLLABORATIONS = [
    # ------------------------------------------------------------------------------------
    # RISO — 002 §2.1 (Udviklingsfællesskabet Ringsted-Sorø): shared program leader Aug 2013,
    # oral agreement between the two direktioner, joint director meetings, a steering group
    # of IT/digitalisation chiefs, three joint units (Stab → Sorø, Data og Sikkerhed →
    # Ringsted, Projektenhed with group leader from Sorø); costs: hire in one municipality,
    # no longer inter-municipal settlement.
    {
        "slug": "riso",
        "name": "Udviklingsfællesskabet Ringsted-Sorø (RISO)",
        "short_name": "RISO",
        "purposes": ["implementation", "procurement", "business_development"],
        "organisation_form": "oral_agreement",
        "founded": date(2013, 8, 1),  # 002 §2.1: fælles programleder ansat august 2013
        "description": (
            "Sorø og Ringsted kommuner deles om specialistkompetencer for at kunne håndtere monopolbrud, rammearkitektur og det nye "
            "it-paradigme. Samarbejdet begyndte med en fælles programleder i 2013 og er vokset til fælles anskaffelser og "
            "implementeringer. Grundlaget er en mundtlig aftale mellem de to direktioner."
        ),
        "open_to_newcomers": False,
        "published": False,  # demo: et eksempel på et upubliceret samarbejde
        "subset_label": None,
        "members": [
            {"code": "329", "role": "member", "joined": date(2013, 8, 1), "status": "active"},
            {"code": "340", "role": "member", "joined": date(2013, 8, 1), "status": "active"},
        ],
        "bodies": [
            {
                "key": "direktion", "kind": "directors_circle", "name": "Fælles direktionsmøde", "member_code": None, "reports_to": None,
                "meeting_frequency": "Et par gange årligt (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Lone Bjerregaard", "title": "Kommunaldirektør", "code": "329", "role": "chair", "from": date(2013, 8, 1)},
                    {"person": "Jens Ulrik Højgaard", "title": "Kommunaldirektør", "code": "340", "role": "member", "from": date(2013, 8, 1)},
                ],
            },
            {
                "key": "styregruppe", "kind": "steering_group", "name": "Fælles styregruppe (it- og digitaliseringschefer)", "member_code": None,
                "reports_to": "direktion", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Mikkel Vestergaard Juul", "title": "It- og digitaliseringschef", "code": "340", "role": "chair", "from": date(2013, 8, 1)},
                    {"person": "Hanne Lykkegaard", "title": "It- og digitaliseringschef", "code": "329", "role": "member", "from": date(2013, 8, 1)},
                ],
            },
            {
                "key": "stab", "kind": "working_group", "name": "Stab (kontraktstyring, PMO, økonomi)", "member_code": None,
                "reports_to": "styregruppe", "meeting_frequency": "Ugentligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Rikke Damgaard", "title": "Kontraktstyringsekspert", "code": "340", "role": "chair", "from": date(2014, 1, 1)},
                ],
            },
            {
                "key": "data_sikkerhed", "kind": "working_group", "name": "Data og Sikkerhed", "member_code": None, "reports_to": "styregruppe",
                "meeting_frequency": "Ugentligt (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Torben Lauritsen", "title": "Teamleder, data og GIS", "code": "329", "role": "chair", "from": date(2014, 1, 1)},
                ],
            },
            {
                "key": "projektenhed", "kind": "working_group", "name": "Fælles projektenhed", "member_code": None, "reports_to": "styregruppe",
                "meeting_frequency": "Ugentligt (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Camilla Brask Nørgaard", "title": "Gruppeleder", "code": "340", "role": "chair", "from": date(2014, 1, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "direktion", "decision_type": "general", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": 2, "veto": True, "escalation_body": None,
                "description": (
                    "002 §2.1: Fælles direktionsmøder træffer de overordnede beslutninger; aftalen er mundtlig mellem to parter, så "
                    "beslutninger kræver enighed (antaget)."
                ),
            },
            {
                "body": "styregruppe", "decision_type": "voluntary_project", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": 2, "veto": True, "escalation_body": "direktion",
                "description": (
                    "002 §2.1: Nationale og obligatoriske initiativer indgår ikke automatisk – det beror på en konkret vurdering; uenighed "
                    "løftes til direktionerne (antaget)."
                ),
            },
        ],
        "fee_model": (
            "Kompetencer ansættes i én af kommunerne; oprindeligt mellemkommunal afregning (Sorø afholdt lønnen), nu ingen afregning – "
            "regnskabet skal gå nogenlunde op over tid."
        ),
    },
    # ------------------------------------------------------------------------------------
    # Silkeborg–Viborg — 001 (beslutningsoplæg 1 April 2015: fælles digitaliseringsenhed,
    # the two strategic digitalisation fora, escalation via sagsredegørelse to the municipal
    # directors, three GO/no-GO points), 000 (web page: agreement based, 17 systems),
    # 002 §2.2 (form undecided; alternating tasks without payment), 003 (scaled back Nov 2018:
    # voluntary; Koncernledelsen (Silkeborg) / Strategisk Lederforum (Viborg); IT chiefs meet
    # every 14 days). 002's related-documents list names the 2018 agreement "DigiMidt".
    {
        "slug": "silkeborg-viborg",
        "name": "Forretningsstrategisk it- og digitaliseringssamarbejde mellem Silkeborg og Viborg Kommuner",
        "short_name": "Silkeborg–Viborg (DigiMidt)",
        "purposes": ["procurement", "implementation", "business_development"],
        "organisation_form": "written_agreement",
        # 001/002 §2.2: direktionerne tiltrådte beslutningsoplægget i april 2015 (003 kalder
        # samarbejdet lanceret i 2014, hvor dialogen begyndte).
        "founded": date(2015, 4, 1),
        "description": (
            "Silkeborg og Viborg Kommuner har indledt et forretningsstrategisk samarbejde med afsæt i it og digitalisering. Alle udbud og "
            "indkøb på it-området koordineres, så kommunerne over tid konvergerer mod de samme it-løsninger – bl.a. 17 vigtige it-systemer "
            "gennem en fælles udbudsplan. I 2018 blev ambitionsniveauet skruet ned, og samarbejdet om konkrete projekter er nu frivilligt, "
            "hvor det giver mening."
        ),
        "open_to_newcomers": False,  # 001: ikke åbnes for andre kommuner før rammerne er defineret
        "published": True,
        "subset_label": None,
        "members": [
            {"code": "740", "role": "member", "joined": date(2015, 4, 1), "status": "active"},
            {"code": "791", "role": "member", "joined": date(2015, 4, 1), "status": "active"},
        ],
        "bodies": [
            {
                "key": "direktoerer", "kind": "directors_circle", "name": "Kommunaldirektørerne", "member_code": None, "reports_to": None,
                "meeting_frequency": "Årligt fælles direktionsmøde samt ved sagsredegørelser", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Birgitte Holmgaard", "title": "Kommunaldirektør", "code": "740", "role": "member", "from": date(2015, 4, 1)},
                    {"person": "Anders Kjeldgaard", "title": "Kommunaldirektør", "code": "791", "role": "member", "from": date(2015, 4, 1)},
                ],
            },
            {
                "key": "forum_silkeborg", "kind": "strategic_forum", "name": "Strategisk digitaliseringsforum, Silkeborg (Koncernledelsen)",
                "member_code": "740", "reports_to": "direktoerer", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none",
                "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Birgitte Holmgaard", "title": "Kommunaldirektør", "code": "740", "role": "chair", "from": date(2015, 4, 1)},
                    {"person": "Søren Bach Thygesen", "title": "Økonomidirektør", "code": "740", "role": "member", "from": date(2015, 4, 1)},
                ],
            },
            {
                "key": "forum_viborg", "kind": "strategic_forum", "name": "Strategisk digitaliseringsforum, Viborg (Strategisk Lederforum)",
                "member_code": "791", "reports_to": "direktoerer", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none",
                "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Anders Kjeldgaard", "title": "Kommunaldirektør", "code": "791", "role": "chair", "from": date(2015, 4, 1)},
                    {"person": "Louise Fogh Mikkelsen", "title": "Økonomidirektør", "code": "791", "role": "member", "from": date(2015, 4, 1)},
                ],
            },
            {
                "key": "enhed", "kind": "secretariat", "name": "Fælles digitaliseringsenhed", "member_code": None, "reports_to": "direktoerer",
                "meeting_frequency": "Hver 14. dag (it- og digitaliseringschefer, jf. 003)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Kasper Vinther", "title": "It- og digitaliseringschef", "code": "740", "role": "member", "from": date(2015, 4, 1)},
                    {"person": "Mette Lundsgaard", "title": "It- og digitaliseringschef", "code": "791", "role": "member", "from": date(2015, 4, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "forum_silkeborg", "decision_type": "general", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": True, "escalation_body": "direktoerer",
                "description": (
                    "001: Beslutninger om digitaliseringsprojekter, -planer og -prioriteringer træffes i de strategiske "
                    "digitaliseringsfora i Silkeborg og Viborg efter indstilling fra den fælles digitaliseringsenhed. Er de to fora uenige "
                    "om gennemførelse (tidsramme, finansiering, bemanding), udarbejder enheden en sagsredegørelse, og kommunaldirektørerne "
                    "træffer den endelige beslutning."
                ),
            },
            {
                "body": "forum_viborg", "decision_type": "general", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": True, "escalation_body": "direktoerer",
                "description": "001: Samme regel som Silkeborgs forum – ved uenighed sagsredegørelse til kommunaldirektørerne.",
            },
            {
                "body": "direktoerer", "decision_type": "gate", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": 2, "veto": True, "escalation_body": None,
                "description": (
                    "001: Tre GO / no-GO-beslutningspunkter – efter defineringsfasen (primo 2016), efter harmoniseringsfasen (primo 2017) "
                    "og inden sammenlægning af it-organisationerne (medio 2017)."
                ),
            },
            {
                "body": "enhed", "decision_type": "voluntary_project", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": True, "escalation_body": "direktoerer",
                "description": (
                    "003: Fra november 2018 er der ingen forpligtelse til at søge samarbejde om konkrete projekter hos den anden kommune; "
                    "samarbejdet er rent frivilligt, 'hvor det giver mening'."
                ),
            },
        ],
        "fee_model": (
            "Ingen mellemkommunal betaling: kommunerne løser skiftevis opgaver – fx kører Viborg et udbud og ansætter en "
            "kontraktspecialist, mens Silkeborg tager en arkitekturopgave og ansætter en it-arkitekt (002 §2.2.6)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # Digitaliseringsforeningen på Sjælland — 002 §2.3: eleven members named; association with
    # statutes under review by Statsforvaltningen; annual general assembly, one vote per member,
    # simple majority as main rule; board of three elected for three years; a direktion of three
    # IT/digitalisation chiefs leading a permanent secretariat; budget per inhabitant.
    {
        "slug": "sjaelland",
        "name": "Digitaliseringsforeningen på Sjælland",
        "short_name": "Digitaliseringsforeningen",
        "purposes": ["procurement", "implementation"],
        "organisation_form": "association",
        # Stiftelsesdato fra titlen på et relateret dokument i 002 ("stiftelse af foreningen d.
        # 17. marts 2016"); kataloget selv siger, at foreningen endnu ikke var formelt stiftet.
        "founded": date(2016, 3, 17),
        "description": (
            "Elleve sjællandske kommuner har dannet Digitaliseringsforeningen på Sjælland for at samarbejde om nationale "
            "digitaliseringsinitiativer, kompetencedeling samt anskaffelse og implementering af fagsystemer. Foreningen er reguleret af "
            "vedtægter, uden at kommunalbestyrelserne afgiver formel kompetence. Målet er harmonisering af kommunernes it-systemer på "
            "basis af en fælles digitaliseringsstrategi og fælles projekter."
        ),
        "open_to_newcomers": True,
        "published": True,
        "subset_label": None,
        "members": [
            {"code": code, "role": "member", "joined": date(2016, 3, 17), "status": "active"}
            for code in ["253", "376", "316", "326", "259", "350", "390", "370", "306", "265", "330"]
        ],
        "bodies": [
            {
                "key": "generalforsamling", "kind": "general_assembly", "name": "Generalforsamlingen", "member_code": None, "reports_to": None,
                "meeting_frequency": "Årligt (ordinær generalforsamling)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Ole Rasmussen Bjørn", "title": "Dirigent, kommunaldirektør", "code": "259", "role": "chair", "from": date(2016, 3, 17)},
                ],
            },
            {
                "key": "bestyrelse", "kind": "board", "name": "Bestyrelsen", "member_code": None, "reports_to": "generalforsamling",
                "meeting_frequency": "Kvartalsvis (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Gitte Halkjær", "title": "Kommunaldirektør", "code": "265", "role": "chair", "from": date(2016, 3, 17)},
                    {"person": "Bent Overgaard", "title": "Kommunaldirektør", "code": "376", "role": "vice_chair", "from": date(2016, 3, 17)},
                    {"person": "Susanne Krogh Madsen", "title": "Kommunaldirektør", "code": "316", "role": "member", "from": date(2016, 3, 17)},
                ],
            },
            {
                "key": "direktion", "kind": "steering_group", "name": "Direktionen (tre it- og digitaliseringschefer)", "member_code": None,
                "reports_to": "bestyrelse", "meeting_frequency": "Hver 14. dag (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Jakob Frandsen", "title": "It- og digitaliseringschef", "code": "330", "role": "chair", "from": date(2016, 3, 17)},
                    {"person": "Maria Schou Lindberg", "title": "Digitaliseringschef", "code": "253", "role": "member", "from": date(2016, 3, 17)},
                    {"person": "Henrik Dalsgaard", "title": "It-chef", "code": "370", "role": "member", "from": date(2016, 3, 17)},
                ],
            },
            {
                "key": "sekretariat", "kind": "secretariat", "name": "Sekretariatet", "member_code": None, "reports_to": "direktion",
                "meeting_frequency": "Løbende", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Line Vestergaard Holm", "title": "Sekretariatschef", "code": None, "role": "secretary", "from": date(2016, 6, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "generalforsamling", "decision_type": "general", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.3: Hvert medlem har en stemme på generalforsamlingen, og der træffes som hovedregel beslutning ved simpelt "
                    "flertal."
                ),
            },
            {
                "body": "generalforsamling", "decision_type": "budget", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.3: Efter generalforsamlingen lægges et budget for et år ad gangen, som fordeles pr. indbygger (fast "
                    "sekretariatsudgift + variabel del efter projektporteføljen)."
                ),
            },
        ],
        "fee_model": (
            "Årligt budget fordelt pr. indbygger: en fast del til sekretariatet og en variabel del efter årets projektportefølje; "
            "medlemmerne betaler et års medlemskab forud (002 §2.3)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # Den Storkøbenhavnske Digitaliseringsforening — 002 §2.4: nine members named; one vote each
    # at the general assembly, majority, unanimity for mandatory (core) projects; one director per
    # municipality on the board; the nine IT chiefs + a shared programme leader form the
    # secretariat (1/9 recharge); equal fee; hours settlement; project key by population.
    {
        "slug": "storkoebenhavn",
        "name": "Den Storkøbenhavnske Digitaliseringsforening",
        "short_name": "Storkøbenhavn",
        "purposes": ["implementation", "procurement"],
        "organisation_form": "association",
        # 002 §2.4.5: stiftende generalforsamling "forventeligt i februar" (2016); dag antaget.
        "founded": date(2016, 2, 1),
        "description": (
            "Ni kommuner omkring København samarbejder om implementering af monopolbruddet og de øvrige nationale "
            "digitaliseringsinitiativer samt om kompetencedeling. Foreningen danner desuden en ramme for frivillige projekter, fx fælles "
            "anskaffelser af nye it-systemer. Målet er på fem år at have gennemført de obligatoriske projekter og skabt et sammenfald på "
            "50 pct. på de øvrige systemer."
        ),
        "open_to_newcomers": True,
        "published": True,
        "subset_label": None,
        # 002 §2.4.5: erklæringen blev underskrevet af otte og senere tiltrådt af den niende;
        # kilden siger ikke hvem, så alle registreres fra den stiftende generalforsamling.
        "members": [
            {"code": code, "role": "member", "joined": date(2016, 2, 1), "status": "active"}
            for code in ["165", "155", "161", "167", "169", "183", "175", "269", "187"]
        ],
        "bodies": [
            {
                "key": "generalforsamling", "kind": "general_assembly", "name": "Generalforsamlingen", "member_code": None, "reports_to": None,
                "meeting_frequency": "Årligt", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Per Nyholm Aagaard", "title": "Dirigent", "code": "161", "role": "chair", "from": date(2016, 2, 1)},
                ],
            },
            {
                "key": "bestyrelse", "kind": "board", "name": "Bestyrelsen (én direktør pr. kommune)", "member_code": None,
                "reports_to": "generalforsamling", "meeting_frequency": "Kvartalsvis (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Karen Bøgh Winther", "title": "Kommunaldirektør", "code": "165", "role": "chair", "from": date(2016, 2, 1)},
                    {"person": "Niels Ravn Østergaard", "title": "Kommunaldirektør", "code": "161", "role": "vice_chair", "from": date(2016, 2, 1)},
                    {"person": "Tina Holst Brøndum", "title": "Direktør", "code": "155", "role": "member", "from": date(2016, 2, 1)},
                    {"person": "Erik Smedegaard", "title": "Direktør", "code": "167", "role": "member", "from": date(2016, 2, 1)},
                    {"person": "Anja Kirkegaard", "title": "Direktør", "code": "169", "role": "member", "from": date(2016, 2, 1)},
                    {"person": "Morten Lindholm Falk", "title": "Direktør", "code": "183", "role": "member", "from": date(2016, 2, 1)},
                    {"person": "Charlotte Bruun Eskildsen", "title": "Direktør", "code": "175", "role": "member", "from": date(2016, 2, 1)},
                    {"person": "Lars Toft Iversen", "title": "Direktør", "code": "269", "role": "member", "from": date(2016, 2, 1)},
                    {"person": "Dorte Kallesøe", "title": "Direktør", "code": "187", "role": "member", "from": date(2016, 2, 1)},
                ],
            },
            {
                "key": "sekretariat", "kind": "secretariat", "name": "Sekretariatet (de ni it- og digitaliseringschefer og fælles programleder)",
                "member_code": None, "reports_to": "bestyrelse", "meeting_frequency": "Hver 14. dag (antaget)", "chair_rotation": "none",
                "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Jonas Weis Hedegaard", "title": "Fælles programleder", "code": "165", "role": "secretary", "from": date(2016, 2, 1)},
                    {"person": "Signe Mølgaard", "title": "It- og digitaliseringschef", "code": "161", "role": "chair", "from": date(2016, 2, 1)},
                    {"person": "Rasmus Thorup", "title": "It-chef", "code": "187", "role": "member", "from": date(2016, 2, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "generalforsamling", "decision_type": "general", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": "002 §2.4.5: Hver kommune har én stemme på generalforsamlingen, som træffer beslutning ved flertal.",
            },
            {
                "body": "generalforsamling", "decision_type": "mandatory_project", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": True, "escalation_body": None,
                "description": (
                    "002 §2.4.5: De obligatoriske projekter vedtages ved enighed; 002 §2.4: der skal være konsensus om kerneprojekter."
                ),
            },
            {
                "body": "generalforsamling", "decision_type": "voluntary_project", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.4: Foreningen er ramme for frivillige projekter, som alle kommunerne kan tilslutte sig; hver kommune vælger "
                    "til eller fra."
                ),
            },
            {
                "body": "generalforsamling", "decision_type": "budget", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": "002 §2.4.5: Finansieringen og timesatsen for projektafregning fastsættes af generalforsamlingen.",
            },
        ],
        "fee_model": (
            "Lige stort kontingent pr. kommune til sekretariat og overhead; den fælles programleder afregnes med 1/9 til hver kommune. "
            "Projekter afregnes selvstændigt med indbyggertal som fordelingsnøgle; aftalte og erlagte timer honoreres med en timesats "
            "fastsat af generalforsamlingen, og kun differencen afregnes én gang årligt sammen med kontingentet (002 §2.4.5)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # Brugerklubben SBSYS — 002 §2.5: 27 member municipalities + 1 region (Region Midtjylland);
    # named: Struer, Mariagerfjord, Faaborg-Midtfyn, Hjørring, Vejle; Hedensted is "en aktiv
    # spiller" (002 §2.9, Hedensted box); vendor Ditmer codes the system. Annual general assembly
    # elects board (directors and fagchefer, 4 meetings/year), forretningsledelse (chair + chairs
    # of two committees) and two committees; secretariat of six; fee 9 kr./indbygger.
    {
        "slug": "sbsys",
        "name": "Brugerklubben SBSYS",
        "short_name": "SBSYS",
        "purposes": ["procurement", "business_development"],
        "organisation_form": "association",
        # Ukendt: klubben udsprang af Ringkøbing og Århus amter før strukturreformen 2007; år antaget.
        "founded": date(2004, 1, 1),
        "description": (
            "Brugerklubben er et indkøbsfællesskab, hvor medlemmerne i fællesskab udvikler og vedligeholder sags- og "
            "dokumenthåndteringssystemet SBSYS og tilgrænsende løsninger. Klubben ejer ophavsretten og kildekoden, og medlemmerne skal "
            "være medunderskrivere på den gældende rammeaftale. Klubben har 27 medlemskommuner samt 1 region."
        ),
        "open_to_newcomers": True,  # kun hvis kommunen har været medudbyder på rammeaftalen
        "published": True,
        "subset_label": "Demo: et udsnit af de 27 medlemskommuner og 1 region – kun de medlemmer, kilderne nævner",
        "members": [
            {"org": "region_midtjylland", "role": "member", "joined": date(2007, 1, 1), "status": "active"},
            {"code": "671", "role": "member", "joined": date(2007, 1, 1), "status": "active"},
            {"code": "846", "role": "member", "joined": date(2007, 1, 1), "status": "active"},
            {"code": "430", "role": "member", "joined": date(2007, 1, 1), "status": "active"},
            {"code": "860", "role": "member", "joined": date(2007, 1, 1), "status": "active"},
            {"code": "630", "role": "member", "joined": date(2007, 1, 1), "status": "active"},
            {"code": "766", "role": "member", "joined": date(2010, 1, 1), "status": "active"},  # år antaget
            {"org": "ditmer", "role": "vendor_partner", "joined": date(2004, 1, 1), "status": "active"},
        ],
        "bodies": [
            {
                "key": "generalforsamling", "kind": "general_assembly", "name": "Generalforsamlingen", "member_code": None, "reports_to": None,
                "meeting_frequency": "Årligt", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Poul Erik Hvid", "title": "Dirigent", "code": "766", "role": "chair", "from": date(2015, 4, 1)},
                ],
            },
            {
                "key": "bestyrelse", "kind": "board", "name": "Bestyrelsen", "member_code": None, "reports_to": "generalforsamling",
                "meeting_frequency": "Fire gange årligt", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Inge Skovbo Laursen", "title": "Direktør", "code": "766", "role": "chair", "from": date(2014, 5, 1)},
                    {"person": "Klaus Engholm", "title": "Fagchef", "code": "671", "role": "member", "from": date(2014, 5, 1)},
                    {"person": "Vibeke Stenstrup", "title": "Direktør", "code": "630", "role": "member", "from": date(2014, 5, 1)},
                    {"person": "Thomas Grønbech", "title": "Fagchef", "code": "860", "role": "member", "from": date(2014, 5, 1)},
                ],
            },
            {
                "key": "forretningsledelse", "kind": "steering_group", "name": "Forretningsledelsen (formand og de to udvalgsformænd)",
                "member_code": None, "reports_to": "bestyrelse", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none",
                "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Inge Skovbo Laursen", "title": "Direktør", "code": "766", "role": "chair", "from": date(2014, 5, 1)},
                    {"person": "Jesper Holt Andreasen", "title": "Udvalgsformand", "code": "846", "role": "member", "from": date(2014, 5, 1)},
                    {"person": "Marianne Dybdal", "title": "Udvalgsformand", "code": "430", "role": "member", "from": date(2014, 5, 1)},
                ],
            },
            {
                # Udvalgenes navne står ikke i kilden; navnene er antaget.
                "key": "udviklingsudvalg", "kind": "working_group", "name": "Udviklingsudvalget", "member_code": None,
                "reports_to": "forretningsledelse", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Jesper Holt Andreasen", "title": "ESDH-ansvarlig", "code": "846", "role": "chair", "from": date(2014, 5, 1)},
                ],
            },
            {
                "key": "driftsudvalg", "kind": "working_group", "name": "Drifts- og implementeringsudvalget", "member_code": None,
                "reports_to": "forretningsledelse", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Marianne Dybdal", "title": "Digitaliseringskonsulent", "code": "430", "role": "chair", "from": date(2014, 5, 1)},
                ],
            },
            {
                "key": "sekretariat", "kind": "secretariat", "name": "Sekretariatet", "member_code": None, "reports_to": "forretningsledelse",
                "meeting_frequency": "Løbende", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Niels Kragh Bundgaard", "title": "Sekretariatsleder (udlånt)", "code": "766", "role": "secretary", "from": date(2015, 1, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "generalforsamling", "decision_type": "general", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.5: Brugerklubbens besluttende fora vælges på den årlige generalforsamling for medlemskredsen. Stemmeregel er "
                    "ikke beskrevet; én stemme pr. medlem og simpelt flertal antaget."
                ),
            },
            {
                "body": "bestyrelse", "decision_type": "membership", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False,
                "escalation_body": "generalforsamling",
                "description": (
                    "002 §2.5: Kommuner og regioner kan optages som medlemmer, men det giver kun mening, hvis de har været medudbydere på "
                    "den gældende rammeaftale for SBSYS (udbudsreglerne)."
                ),
            },
            {
                "body": "bestyrelse", "decision_type": "voluntary_project", "voting_basis": "population", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.5: En gruppe kommuner kan gå ind i ekstraudvikling finansieret pr. indbygger; ejerskabet til det udviklede "
                    "overdrages til Brugerklubben."
                ),
            },
        ],
        "fee_model": (
            "Medlemskontingent på 9 kr. pr. indbygger, der finansierer overvågning, vedligeholdelse og udvikling; ekstraudvikling "
            "finansieres af de deltagende kommuner pr. indbygger (002 §2.5)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # 4K — 002 §2.6: Gentofte, Gladsaxe, Lyngby-Taarbæk, Rudersdal; formalised in 2009 by the four
    # municipal directors (oral agreement, quarterly steering-group meetings); projects led on
    # director level; welfare-tech pool of 2–4 mio. kr. per municipality; opt-out per project,
    # repeated withdrawal raised at the directors' meeting (self-regulating); secretariat cost
    # split in four.
    {
        "slug": "4k",
        "name": "4K-samarbejdet – forretningsdrevet udvikling i Nordsjælland",
        "short_name": "4K",
        "purposes": ["business_development"],
        "organisation_form": "oral_agreement",
        "founded": date(2009, 1, 1),  # 002 §2.6: formaliseret i 2009; dag antaget
        "description": (
            "Gentofte, Gladsaxe, Lyngby-Taarbæk og Rudersdal kommuner har et forretningsdrevet udviklingssamarbejde med et omfattende "
            "afledt samarbejde om it og digitalisering. Samarbejdet bygger på en mundtlig aftale mellem de fire kommunaldirektører og har "
            "en projektportefølje på flere hundrede projekter, fx velfærdsteknologi, byggesagsbehandling og den digitale "
            "lærerarbejdsplads."
        ),
        "open_to_newcomers": False,  # 002 §2.6: 3-5 kommuner vurderes som det rigtige antal
        "published": True,
        "subset_label": None,
        "members": [
            {"code": code, "role": "member", "joined": date(2009, 1, 1), "status": "active"}
            for code in ["157", "159", "173", "230"]
        ],
        "bodies": [
            {
                "key": "styregruppe", "kind": "steering_group", "name": "Styregruppen (de fire kommunaldirektører)", "member_code": None,
                "reports_to": None, "meeting_frequency": "Kvartalsvis", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Bjarne Hauge Kristiansen", "title": "Kommunaldirektør", "code": "157", "role": "member", "from": date(2009, 1, 1)},
                    {"person": "Pia Marstrand", "title": "Kommunaldirektør", "code": "159", "role": "member", "from": date(2012, 3, 1)},
                    {"person": "Claus Engstrøm", "title": "Kommunaldirektør", "code": "173", "role": "member", "from": date(2013, 9, 1)},
                    {"person": "Helle Rønnow", "title": "Kommunaldirektør", "code": "230", "role": "member", "from": date(2014, 6, 1)},
                ],
            },
            {
                "key": "velfaerdsteknologi", "kind": "working_group", "name": "Programmet for velfærdsteknologi", "member_code": None,
                "reports_to": "styregruppe", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Ulla Kirstein", "title": "Social- og sundhedsdirektør", "code": "230", "role": "chair", "from": date(2014, 1, 1)},
                ],
            },
            {
                "key": "byggesag", "kind": "working_group", "name": "Byggesagsbehandlingscenter uden vægge", "member_code": None,
                "reports_to": "styregruppe", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Frederik Sandholt", "title": "Teknisk direktør", "code": "159", "role": "chair", "from": date(2015, 1, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "styregruppe", "decision_type": "voluntary_project", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.6: Styregruppen beslutter, om projekter iværksættes. Udgangspunktet er, at alle fire deltager, men én kommune "
                    "kan fravælge et konkret projekt; gentagne fravalg italesættes på kommunaldirektørmøderne (selvregulerende)."
                ),
            },
            {
                "body": "styregruppe", "decision_type": "budget", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": 4, "veto": True, "escalation_body": None,
                "description": (
                    "002 §2.6: Puljen til velfærdsteknologi udmøntes ved, at et projekt godkendes af de fire kommunaldirektører."
                ),
            },
        ],
        "fee_model": (
            "Deltagelse finansieres af den almindelige driftsbevilling; almindelig projektdeltagelse afregnes ikke. Dedikerede "
            "sekretariater deles i fire lige store dele med én årlig faktura, og hver kommune afsætter 2-4 mio. kr. til puljen for "
            "velfærdsteknologi (002 §2.6)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # IT-Forsyningen — 002 §2.7: §60 company (I/S) of Ballerup, Egedal, Furesø, founded 1 July
    # 2013; board of three (one per kommunalbestyrelse, from the direktioner); samarbejdskreds of
    # økonomichefer + director; CSI forum; statutes/budget/new members need all three councils
    # (and Statsforvaltningen for statutes); fees by FTE, workstations, add-ons.
    {
        "slug": "it-forsyningen",
        "name": "IT-Forsyningen I/S",
        "short_name": "IT-Forsyningen",
        "purposes": ["operations_support"],
        "organisation_form": "section60_company",
        "founded": date(2013, 7, 1),  # 002 §2.7: interessentskabet stiftet 1. juli 2013
        "description": (
            "Ballerup, Egedal og Furesø kommuner har stiftet IT-Forsyningen I/S, et §60-selskab, der varetager it-service, drift og "
            "support for de tre kommuner, herunder infrastruktur, teknisk sikkerhed og indkøb af it-udstyr. Business casen viste knap 6 "
            "mio. kr. i årlig besparelse for en investering på godt 12 mio. kr.; i praksis kostede etableringen ca. 9 mio. kr., og fem "
            "årsværk var reduceret efter ét år."
        ),
        "open_to_newcomers": True,  # kræver godkendelse, vedtægtsændring og en business case
        "published": True,
        "subset_label": None,
        "members": [
            {"code": code, "role": "member", "joined": date(2013, 7, 1), "status": "active"}
            for code in ["151", "240", "190"]
        ],
        "bodies": [
            {
                "key": "bestyrelse", "kind": "board", "name": "Bestyrelsen", "member_code": None, "reports_to": None,
                "meeting_frequency": "Kvartalsvis (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Annette Borup", "title": "Direktør", "code": "151", "role": "chair", "from": date(2013, 7, 1)},
                    {"person": "Steen Mølholm", "title": "Direktør", "code": "240", "role": "member", "from": date(2013, 7, 1)},
                    {"person": "Karina Lundbæk", "title": "Direktør", "code": "190", "role": "member", "from": date(2013, 7, 1)},
                ],
            },
            {
                "key": "samarbejdskreds", "kind": "steering_group", "name": "Samarbejdskredsen (økonomichefer og IT-Forsyningens direktør)",
                "member_code": None, "reports_to": "bestyrelse", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none",
                "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Jørgen Aakjær", "title": "Direktør, IT-Forsyningen", "code": None, "role": "secretary", "from": date(2014, 1, 1)},
                    {"person": "Lisbeth Haugaard", "title": "Økonomichef", "code": "151", "role": "chair", "from": date(2014, 6, 1)},
                    {"person": "Brian Kofoed", "title": "Økonomichef", "code": "240", "role": "member", "from": date(2014, 6, 1)},
                    {"person": "Nanna Riis Pallesen", "title": "Økonomichef", "code": "190", "role": "member", "from": date(2014, 6, 1)},
                ],
            },
            {
                "key": "csi_forum", "kind": "working_group", "name": "CSI-forum (Continual Service Improvement)", "member_code": None,
                "reports_to": "samarbejdskreds", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Allan Strøm", "title": "Servicechef, IT-Forsyningen", "code": None, "role": "chair", "from": date(2014, 6, 1)},
                    {"person": "Dennis Korsgaard", "title": "It- og digitaliseringschef", "code": "190", "role": "member", "from": date(2014, 6, 1)},
                ],
            },
        ] + [
            {
                "key": f"kb_{code}", "kind": "strategic_forum", "name": f"Kommunalbestyrelsen, {name}", "member_code": code, "reports_to": None,
                "meeting_frequency": "Månedligt", "chair_rotation": "none", "rotation_order": [], "rotation_start": None, "seats": [],
            }
            for code, name in [("151", "Ballerup"), ("240", "Egedal"), ("190", "Furesø")]
        ],
        "rules": [
            {
                "body": "bestyrelse", "decision_type": "budget", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": 3, "veto": True, "escalation_body": None,
                "description": (
                    "002 §2.7: Bestyrelsen indstiller års- og udviklingsplan, budget og regnskab til de tre kommunalbestyrelser til "
                    "endelig beslutning; bestyrelsesmedlemmerne er underlagt kommunalbestyrelsernes instruktionsbeføjelser."
                ),
            },
            {
                "body": "bestyrelse", "decision_type": "statutes", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": 3, "veto": True, "escalation_body": None,
                "description": (
                    "002 §2.7: Ændringer af vedtægterne skal godkendes politisk i de tre kommunalbestyrelser og af Statsforvaltningen."
                ),
            },
            {
                "body": "bestyrelse", "decision_type": "membership", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": 3, "veto": True, "escalation_body": None,
                "description": (
                    "002 §2.7: Nye interessenter skal godkendes af Ballerup, Egedal og Furesø, kræver vedtægtsændring godkendt af "
                    "Statsforvaltningen og en business case; de indgår på lige vilkår."
                ),
            },
        ],
        "fee_model": (
            "Basisydelser efter servicekataloget betales ratevis efter antal årsværk i kommunen; it-arbejdspladser af den bestillende "
            "interessent efter antal og type; tilkøb efter særskilt aftale (002 §2.7)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # Den Digitale Hotline — 002 §2.8: 30 municipalities in Region Midtjylland and Region
    # Nordjylland + 1 region; started 2012 by eight (Aarhus, Horsens, Randers and Silkeborg named
    # as initiators), all 19 Midt municipalities mid-2013, Nordjylland 2015. Representatives'
    # council (one per municipality) elects steering group for two years each autumn; project
    # management (2 half-time staff) as secretariat; kommunaldirektørkredsen is top authority
    # (2-3 meetings/year). Budget approved by the council; contributions by municipality size.
    {
        "slug": "digitale-hotline",
        "name": "Den Digitale Hotline Midt- og Nordjylland",
        "short_name": "Den Digitale Hotline",
        "purposes": ["operations_support"],
        "organisation_form": "association",
        "founded": date(2012, 1, 1),  # 002 §2.8: etableret af otte midtjyske kommuner i 2012; dag antaget
        "description": (
            "Den Digitale Hotline er en telefonservice for borgere, der har brug for hjælp til det digitale møde med det offentlige, fx "
            "NemID og selvbetjeningsløsninger. Samarbejdet er virtuelt: medarbejderne sidder i de enkelte kommuner og deles om "
            "henvendelserne på tværs af kommunegrænser, 60 timer om ugen. Foreningen har vedtægter med få paragraffer og bygger på tillid."
        ),
        "open_to_newcomers": True,
        "published": True,
        "subset_label": "Demo: et plausibelt udsnit af de ca. 30 medlemskommuner og 1 region",
        "members": [
            *[
                {"code": code, "role": "member", "joined": date(2012, 1, 1), "status": "active"}
                for code in ["751", "615", "730", "740"]  # initiativtagerne (002 §2.8)
            ],
            # Øvrige midtjyske kommuner tilsluttede sig medio 2013 (udvalg antaget).
            *[
                {"code": code, "role": "member", "joined": date(2013, 7, 1), "status": "active"}
                for code in ["791", "657", "661", "779"]
            ],
            # Nordjyske kommuner tilsluttede sig i 2015 (udvalg antaget).
            *[
                {"code": code, "role": "member", "joined": date(2015, 1, 1), "status": "active"}
                for code in ["851", "860", "813"]
            ],
            {"org": "region_midtjylland", "role": "partner", "joined": date(2015, 1, 1), "status": "active"},
        ],
        "bodies": [
            {
                "key": "direktoerkreds", "kind": "directors_circle", "name": "Kommunaldirektørkredsen", "member_code": None, "reports_to": None,
                "meeting_frequency": "To-tre gange årligt", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Jens Peter Lindskov", "title": "Kommunaldirektør", "code": "751", "role": "chair", "from": date(2012, 1, 1)},
                    {"person": "Else Marie Ravnsbæk", "title": "Kommunaldirektør", "code": "615", "role": "member", "from": date(2012, 1, 1)},
                ],
            },
            {
                "key": "repraesentantskab", "kind": "representatives_council", "name": "Repræsentantskabet", "member_code": None,
                "reports_to": "direktoerkreds", "meeting_frequency": "Halvårligt (forår og efterår)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Gunhild Bak Sørensen", "title": "Borgerservicechef", "code": "730", "role": "chair", "from": date(2013, 7, 1)},
                    {"person": "Kim Agerskov", "title": "Borgerservicechef", "code": "740", "role": "member", "from": date(2013, 7, 1)},
                    {"person": "Tove Brandt", "title": "Borgerservicechef", "code": "851", "role": "member", "from": date(2015, 1, 1)},
                ],
            },
            {
                "key": "styregruppe", "kind": "steering_group", "name": "Styregruppen", "member_code": None, "reports_to": "repraesentantskab",
                "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Gunhild Bak Sørensen", "title": "Borgerservicechef", "code": "730", "role": "chair", "from": date(2014, 10, 1)},
                    {"person": "Morten Hjortshøj", "title": "Borgerservicechef", "code": "657", "role": "member", "from": date(2014, 10, 1)},
                ],
            },
            {
                "key": "projektledelse", "kind": "secretariat", "name": "Projektledelsen (sekretariat)", "member_code": None,
                "reports_to": "styregruppe", "meeting_frequency": "Løbende", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Sidsel Ahlmann", "title": "Projektleder (halv tid)", "code": "751", "role": "secretary", "from": date(2013, 7, 1)},
                    {"person": "Peter Munkholm", "title": "Projektleder (halv tid)", "code": "615", "role": "secretary", "from": date(2013, 7, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "direktoerkreds", "decision_type": "general", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.8: Kommunaldirektørkredsen er øverste instans og skal give mandat til alle strategiske beslutninger. "
                    "Stemmeregel ikke beskrevet; simpelt flertal antaget."
                ),
            },
            {
                "body": "repraesentantskab", "decision_type": "budget", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False,
                "escalation_body": "direktoerkreds",
                "description": (
                    "002 §2.8: Hvert år fremlægges et budget for repræsentantskabet til godkendelse; én repræsentant pr. kommune. Simpelt "
                    "flertal antaget."
                ),
            },
        ],
        "fee_model": (
            "Årligt budget godkendes af repræsentantskabet; kommunerne bidrager efter kommunestørrelse, også med ressourcer til "
            "projektledelse, og stiller medarbejdere til rådighed (002 §2.8)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # Den Digitale Landevej — 002 §2.9: Esbjerg, Vejen, Aabenraa, Varde, Odense; Sygehus Lillebælt,
    # Sygehus Sønderjylland, Sydvestjysk Sygehus, OUH, Psykiatrien, Region Syddanmark, Next Step
    # Citizen. OPI agreement (2013) + sundhedsaftalen. Steering group: one rep. from the
    # municipalities, one from the region, one from Next Step Citizen; chair shared by Region
    # Syddanmark and Esbjerg; forretningsudvalg of the five municipalities; project leader from
    # Syddansk Sundhedsinnovation. ~1 mio. kr. per municipality, ~5 mio. kr. from the region.
    {
        "slug": "digitale-landevej",
        "name": "Den Digitale Landevej",
        "short_name": "Den Digitale Landevej",
        "purposes": ["business_development", "procurement"],
        "organisation_form": "opi_agreement",
        "founded": date(2013, 1, 1),  # 002 §2.9: overgik til OPI-samarbejde i 2013; dag antaget
        "description": (
            "Den Digitale Landevej er et tværsektorielt projekt mellem fem syddanske kommuner, Region Syddanmark, sygehusene og den "
            "private part Next Step Citizen. Formålet er en digital infrastruktur, der gør det muligt for alle borgere i regionen at få "
            "gavn af digitale borgerløsninger på sundhedsområdet. Aftalegrundlaget er en åben OPI-aftale og sundhedsaftalen."
        ),
        "open_to_newcomers": False,
        "published": True,
        # Kilden nævner alle fem kommuner og alle partnere, så der er intet udsnit.
        "subset_label": None,
        "members": [
            {"code": "561", "role": "member", "joined": date(2012, 1, 1), "status": "active"},
            *[
                {"code": code, "role": "member", "joined": date(2013, 1, 1), "status": "active"}
                for code in ["575", "580", "573", "461"]
            ],
            {"org": "region_syddanmark", "role": "partner", "joined": date(2013, 1, 1), "status": "active"},
            *[
                {"org": org, "role": "partner", "joined": date(2013, 1, 1), "status": "active"}
                for org in ["sygehus_lillebaelt", "sygehus_soenderjylland", "sydvestjysk_sygehus", "ouh", "psykiatrien_syd"]
            ],
            {"org": "next_step_citizen", "role": "vendor_partner", "joined": date(2012, 1, 1), "status": "active"},
        ],
        "bodies": [
            {
                "key": "styregruppe", "kind": "steering_group", "name": "Styregruppen", "member_code": None, "reports_to": None,
                "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    # Delt formandskab mellem Region Syddanmark og Esbjerg Kommune (002 §2.9).
                    {"person": "Birthe Lund Hemmingsen", "title": "Sundhedsdirektør, Region Syddanmark", "code": None, "role": "chair", "from": date(2013, 1, 1)},
                    {"person": "Ib Kragelund", "title": "Direktør, kommunernes repræsentant", "code": "561", "role": "vice_chair", "from": date(2013, 1, 1)},
                    {"person": "Rune Falkenberg", "title": "Direktør, Next Step Citizen", "code": None, "role": "member", "from": date(2013, 1, 1)},
                ],
            },
            {
                "key": "forretningsudvalg", "kind": "working_group", "name": "Forretningsudvalget (de fem kommuner)", "member_code": None,
                "reports_to": "styregruppe", "meeting_frequency": "Månedligt (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Ib Kragelund", "title": "Direktør", "code": "561", "role": "chair", "from": date(2013, 1, 1)},
                    {"person": "Merete Vognsen", "title": "Sundhedschef", "code": "575", "role": "member", "from": date(2013, 1, 1)},
                    {"person": "Hans Jørgen Tange", "title": "Sundhedschef", "code": "580", "role": "member", "from": date(2013, 1, 1)},
                    {"person": "Annemette Sloth", "title": "Sundhedschef", "code": "573", "role": "member", "from": date(2013, 1, 1)},
                    {"person": "Kristoffer Bang", "title": "Velfærdsteknologichef", "code": "461", "role": "member", "from": date(2013, 1, 1)},
                ],
            },
            {
                "key": "projektledelse", "kind": "secretariat", "name": "Projektledelsen (Syddansk Sundhedsinnovation)", "member_code": None,
                "reports_to": "styregruppe", "meeting_frequency": "Løbende", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Josefine Kæstel", "title": "Projektleder", "code": None, "role": "secretary", "from": date(2013, 1, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "styregruppe", "decision_type": "general", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.9.5: Styregruppen (én repræsentant fra kommunerne, én fra regionen og én fra Next Step Citizen) træffer "
                    "hovedparten af beslutningerne. Stemmeregel ikke beskrevet; flertal antaget."
                ),
            },
            {
                "body": "styregruppe", "decision_type": "gate", "voting_basis": "per_member", "majority": "unanimity",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": True, "escalation_body": None,
                "description": (
                    "002 §2.9: Samarbejdet leder frem til en fælles anskaffelse af infrastrukturen; igangsætning af udbuddet (forventet 3. "
                    "kvartal) behandles som et GO / no-GO-punkt (antaget)."
                ),
            },
        ],
        "fee_model": (
            "Hver kommune bidrager med ca. 1 mio. kr. og med arbejdskraft; Region Syddanmark har afsat ca. 5 mio. kr., herunder til "
            "projektledelsen (002 §2.9)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # OS2 — 002 §2.10: founded 2012 by Ballerup, Syddjurs, Sønderborg, Ishøj and København; good
    # 50 municipalities + other authorities + vendor partners (Code of Conduct); statutes, general
    # assembly (every member organisation votes), board, secretariat; fee 8.000 kr. per half-year
    # per municipality (half year if joining after 1 July); projects financed by participants.
    # 003: Viborg collaborates "i OS2-regi".
    {
        "slug": "os2",
        "name": "OS2 – Offentligt Samarbejde og Open Source",
        "short_name": "OS2",
        "purposes": ["business_development"],
        "organisation_form": "association",
        "founded": date(2012, 1, 1),  # 002 §2.10: stiftet i 2012; dag antaget
        "description": (
            "OS2 er et fællesskab baseret på open source, åbenhed og deling, der understøtter den fælleskommunale rammearkitektur. "
            "Fællesskabet er åbent for alle kommuner og har vedtægter, generalforsamling og bestyrelse; leverandørpartnere forpligter sig "
            "til fællesskabets Code of Conduct. Kommunerne forpligter sig ikke ud over kontingentet, men deltager aktivt i de projekter, "
            "de vælger."
        ),
        "open_to_newcomers": True,
        "published": True,
        "subset_label": "Demo: et plausibelt udsnit af de ca. 55 medlemmer",
        "members": [
            *[
                {"code": code, "role": "member", "joined": date(2012, 1, 1), "status": "active"}
                for code in ["151", "706", "540", "183", "101"]  # stifterne (002 §2.10)
            ],
            {"code": "791", "role": "member", "joined": date(2014, 1, 1), "status": "active"},  # jf. 003; år antaget
            {"code": "159", "role": "member", "joined": date(2014, 7, 1), "status": "active"},  # antaget
            {"code": "316", "role": "member", "joined": date(2015, 1, 1), "status": "active"},  # antaget
            {"org": "os2_leverandoer_demo", "role": "vendor_partner", "joined": date(2015, 1, 1), "status": "active"},
        ],
        "bodies": [
            {
                "key": "generalforsamling", "kind": "general_assembly", "name": "Generalforsamlingen", "member_code": None, "reports_to": None,
                "meeting_frequency": "Årligt", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Villads Brinch", "title": "Dirigent", "code": "706", "role": "chair", "from": date(2015, 4, 1)},
                ],
            },
            {
                "key": "bestyrelse", "kind": "board", "name": "Bestyrelsen", "member_code": None, "reports_to": "generalforsamling",
                "meeting_frequency": "Hver anden måned (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Ditte Hammerich", "title": "Digitaliseringschef", "code": "151", "role": "chair", "from": date(2012, 1, 1)},
                    {"person": "Ulrik Bøgelund", "title": "It-chef", "code": "540", "role": "vice_chair", "from": date(2012, 1, 1)},
                    {"person": "Sanne Thrane", "title": "Enhedschef", "code": "101", "role": "member", "from": date(2012, 1, 1)},
                ],
            },
            {
                "key": "sekretariat", "kind": "secretariat", "name": "Sekretariatet", "member_code": None, "reports_to": "bestyrelse",
                "meeting_frequency": "Løbende", "chair_rotation": "none", "rotation_order": [], "rotation_start": None,
                "seats": [
                    {"person": "Mads Kielberg", "title": "Sekretariatsleder", "code": None, "role": "secretary", "from": date(2015, 1, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "generalforsamling", "decision_type": "general", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.10: OS2 er et demokratisk opbygget fællesskab, hvor hver medlemsorganisation har stemmeret, når der skal "
                    "afgøres strategier, vedtages planer, standarder mv. Simpelt flertal antaget."
                ),
            },
            {
                "body": "generalforsamling", "decision_type": "budget", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": "002 §2.10: Kontingentet fastsættes på generalforsamlingen med gyldighed fra næste kalenderår.",
            },
            {
                "body": "bestyrelse", "decision_type": "voluntary_project", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False, "escalation_body": None,
                "description": (
                    "002 §2.10: Deltagelse i OS2-projekter er frivillig; de enkelte projekter finansieres af de deltagende kommuner, og "
                    "resultaterne leveres tilbage til fællesskabet under åbne licenser."
                ),
            },
        ],
        "fee_model": (
            "Kontingent på 8.000 kr. halvårligt pr. kommune, fastsat af generalforsamlingen; ved indmeldelse efter 1. juli betales for et "
            "halvt år. Projekter finansieres af de deltagende kommuner, og større løsninger stilles til rådighed mod abonnementsbetaling "
            "(002 §2.10)."
        ),
    },
    # ------------------------------------------------------------------------------------
    # Nordsjællands Digitaliseringssamarbejde — 004: seven municipalities (Fredensborg,
    # Frederikssund, Halsnæs, Helsingør, Hillerød, Hørsholm, Gribskov), non-binding agreement
    # (no forening, no §60), talks since spring 2016 for seven months; steering group ≈ board,
    # meets monthly, chair rotates one year at a time (Helsingør chairs until September 2017);
    # working groups report to the steering group; first working group (Støttesystemer) set up
    # 1 October (2016); the municipal directors gave the green light; opt in/out per project.
    {
        "slug": "nordsjaelland",
        "name": "Nordsjællands Digitaliseringssamarbejde",
        "short_name": "Nordsjælland",
        "purposes": ["procurement", "implementation", "business_development"],
        "organisation_form": "written_agreement",
        "founded": date(2016, 10, 1),  # 004: drøftelser fra foråret 2016 i syv måneder; dag antaget
        "description": (
            "Syv nordsjællandske kommuner med tilsammen 290.000 indbyggere har indgået et ikke-forpligtende samarbejde om systemindkøb, "
            "standarder og velfærdsteknologi. Kommunerne lægger deres ressourcer sammen og sætter det bedste hold til en given opgave uden "
            "at stifte en forening eller et §60-selskab. Det er op til den enkelte kommune at sige til eller fra i hvert enkelt projekt."
        ),
        "open_to_newcomers": False,
        "published": True,
        "subset_label": None,
        "members": [
            {"code": code, "role": "member", "joined": date(2016, 10, 1), "status": "active"}
            for code in ["210", "250", "260", "217", "219", "223", "270"]
        ],
        "bodies": [
            {
                "key": "direktoerer", "kind": "directors_circle", "name": "Kommunaldirektørerne", "member_code": None, "reports_to": None,
                "meeting_frequency": "Efter behov (antaget)", "chair_rotation": "none", "rotation_order": [], "rotation_start": None, "seats": [],
            },
            {
                # 004: Helsingør har formandskabet frem til september 2017; resten af rækkefølgen antaget.
                "key": "styregruppe", "kind": "steering_group", "name": "Styregruppen", "member_code": None, "reports_to": "direktoerer",
                "meeting_frequency": "Månedligt", "chair_rotation": "yearly", "rotation_order": ["217", "219", "210", "223", "270", "250", "260"],
                "rotation_start": date(2016, 10, 1),
                "seats": [
                    {"person": "Rikke Holmsted", "title": "Centerchef, Borgerservice, IT og Digitalisering", "code": "217", "role": "chair", "from": date(2016, 10, 1)},
                    {"person": "Troels Winding", "title": "Leder af Digitalisering og IKT-drift", "code": "219", "role": "member", "from": date(2016, 10, 1)},
                    {"person": "Henriette Bondesen", "title": "It-chef", "code": "210", "role": "member", "from": date(2016, 10, 1)},
                    {"person": "Jannik Rosenkilde", "title": "Digitaliseringschef", "code": "223", "role": "member", "from": date(2016, 10, 1)},
                    {"person": "Birgit Svanholm", "title": "It-chef", "code": "270", "role": "member", "from": date(2016, 10, 1)},
                    {"person": "Asger Møllebro", "title": "Digitaliseringschef", "code": "250", "role": "member", "from": date(2016, 10, 1)},
                    {"person": "Connie Lerdrup", "title": "It- og digitaliseringschef", "code": "260", "role": "member", "from": date(2016, 10, 1)},
                ],
            },
            {
                "key": "stoettesystemer", "kind": "working_group", "name": "Arbejdsgruppen for Støttesystemer", "member_code": None,
                "reports_to": "styregruppe", "meeting_frequency": "Hver 14. dag (antaget)", "chair_rotation": "none", "rotation_order": [],
                "rotation_start": None,
                "seats": [
                    {"person": "Troels Winding", "title": "Leder af Digitalisering og IKT-drift", "code": "219", "role": "chair", "from": date(2016, 10, 1)},
                    {"person": "Pernille Aastrup Friis", "title": "Projektleder", "code": "250", "role": "member", "from": date(2016, 10, 1)},
                ],
            },
        ],
        "rules": [
            {
                "body": "styregruppe", "decision_type": "voluntary_project", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": None, "quorum_minimum": None, "veto": False,
                "escalation_body": "direktoerer",
                "description": (
                    "004: Det er op til den enkelte kommune at kunne sige fra eller sige til i hvert enkelt projekt – der er ikke tvang. "
                    "Beslutningsregel i styregruppen ikke beskrevet; flertal antaget."
                ),
            },
            {
                "body": "styregruppe", "decision_type": "general", "voting_basis": "per_member", "majority": "simple",
                "qualified_fraction": None, "quorum_fraction": "1/2", "quorum_minimum": 4, "veto": False, "escalation_body": "direktoerer",
                "description": (
                    "004: Styregruppen svarer til en bestyrelse i en forening og mødes månedligt; arbejdsgrupperne rapporterer til den. "
                    "Flertal og beslutningsdygtighed antaget."
                ),
            },
        ],
        "fee_model": None,  # 004 beskriver ingen finansieringsmodel
    },
]
