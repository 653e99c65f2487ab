"""The engine's explanations in the reader's language.

The settlement engine never imports Django, so it cannot translate: it writes every line's
explanation in Danish, as formulas joined by a closed set of phrases ("i alt", "afrundet halvt op til
hele øre", …). Shown in another language, each of those phrases is replaced by its translation; the
numbers and amounts stay exactly as the engine wrote them, so the explanation still ties out to the
line. Stored statements keep the Danish text (the record is what was approved)."""

from __future__ import annotations

from django.utils.translation import get_language, gettext, gettext_noop

#: every phrase the engine puts between its numbers (engines/economy/engine.py, texts.py)
PHRASES = [
    gettext_noop("fordelt efter største-rest-metoden"),
    gettext_noop("afrundet halvt op til hele øre"),
    gettext_noop("som vært − egen andel"),
    gettext_noop("ingen bestillinger"),
    gettext_noop("skyldes værten"),
    gettext_noop("ingen andel"),
    gettext_noop("forpligtelse"),
    gettext_noop("indbyggere"),
    gettext_noop("afholdt af"),
    gettext_noop("præcist ≈"),
    gettext_noop("Andel af"),
    gettext_noop("Afholdt"),
    gettext_noop("årsværk"),
    gettext_noop("til gode"),
    gettext_noop("1 andel"),
    gettext_noop("Bidrag"),
    gettext_noop("timer"),
    gettext_noop("i alt"),
    gettext_noop("vægt"),
    gettext_noop(" à "),
    gettext_noop(" år"),
]
_LONGEST_FIRST = sorted(PHRASES, key=len, reverse=True)


def translated(text: str) -> str:
    """`text` (an engine explanation) in the active language: Danish as it is, otherwise phrase by
    phrase (longest first, so "årsværk" is not read as " år")."""
    if not text or (get_language() or "da").startswith("da"):
        return text
    for phrase in _LONGEST_FIRST:
        if phrase in text:
            text = text.replace(phrase, gettext(phrase))
    return text
