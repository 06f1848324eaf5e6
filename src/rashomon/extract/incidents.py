"""Named incidents of a pack ("Jaffar Express": ``incidents.toml``): compiled
once per pack (``build_incidents``, held by the extraction resources) and looked up per sentence
by the assembler (``incident_of``)."""

from __future__ import annotations

import re

from rashomon.extract.base import ExtractContext, Sentence

IncidentNames = tuple[re.Pattern | None, dict]  # the names' pattern, lower-cased name -> canonical


def build_incidents(pack) -> IncidentNames:
    """The named incidents of a pack (``incidents.toml``), compiled once per pack."""
    data = pack.read("incidents.toml")
    names = sorted(data.get("names", []), key=len, reverse=True)
    if not names:
        return None, {}
    # A look-ahead on the names' first characters (case-insensitive like the rest) lets the
    # engine skip most positions without trying every name.
    firsts = "" if "" in names else f"(?=[{re.escape(''.join(sorted({n[0] for n in names})))}])"
    pattern = re.compile(firsts + r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b",
                         re.IGNORECASE)
    canon = {n.lower(): data.get("aliases", {}).get(n, n) for n in names}
    return pattern, canon


def incident_of(ctx: ExtractContext, s: Sentence) -> str | None:
    """The pack's canonical name of the incident the sentence names ("Jaffar Express"), or None."""
    pattern, canon = ctx.resources.incidents
    m = pattern.search(s.text) if pattern else None
    return canon.get(m.group(0).lower(), m.group(0)) if m else None


__all__ = ["IncidentNames", "build_incidents", "incident_of"]
