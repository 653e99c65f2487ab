"""The eleven inter-municipal IT collaborations from the domain brief, one module each, in the order
the demo loads them.

Facts (members, bodies, decision rules, fee models, dates) come from the seed documents in
/work/shared/seeds/: 000 (Silkeborg–Viborg web page), 001 (Silkeborg–Viborg decision
proposal, 1 April 2015), 002 (KL/Finansministeriet inspiration catalogue, 2016, section
numbers given per collaboration), 003 (Silkeborg–Viborg scaled back, 2018), 004 (Nordsjælland,
2016). Where a fact is not in the sources, a comment says "antaget" (assumed).

All person names in seats are fictional demo persons; the real people named in the sources
are deliberately not used. Kommunekoder are verified against /work/shared/data/kommuner.csv
(tests/demo/test_demo_schema.py checks them, and the rest of the schema).

Each module defines `COLLABORATION`, a `digisam.demo.schema.DemoCollaboration`.
"""

from digisam.demo.schema import DemoCollaboration

from . import (
    digitale_hotline,
    digitale_landevej,
    four_k,
    it_forsyningen,
    nordsjaelland,
    os2,
    riso,
    sbsys,
    silkeborg_viborg,
    sjaelland,
    storkoebenhavn,
)

COLLABORATIONS: tuple[DemoCollaboration, ...] = (
    riso.COLLABORATION,
    silkeborg_viborg.COLLABORATION,
    sjaelland.COLLABORATION,
    storkoebenhavn.COLLABORATION,
    sbsys.COLLABORATION,
    four_k.COLLABORATION,
    it_forsyningen.COLLABORATION,
    digitale_hotline.COLLABORATION,
    digitale_landevej.COLLABORATION,
    os2.COLLABORATION,
    nordsjaelland.COLLABORATION,
)


def by_slug(slug: str) -> DemoCollaboration:
    """The demo collaboration with this slug (KeyError if there is none)."""
    for collaboration in COLLABORATIONS:
        if collaboration.slug == slug:
            return collaboration
    raise KeyError(slug)
