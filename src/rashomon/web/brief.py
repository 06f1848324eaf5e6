"""``rashomon brief``: a printable briefing (HTML, and PDF through headless Chromium).

Contract: ``brief_html(store, since, until, province=None) -> str`` and
``html_to_pdf(html, out) -> Path``. The page holds the headline numbers with their ranges, the
flags of the period's last week with their formulas, the top events with each side's claims side
by side and their sources, a map, the weekly trend, and a methods box. Everything comes from the
stored events (``store.events``) and the trends rules (``rashomon.trends``); nothing is computed
that the dashboard or the CLI would not show.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from rashomon.assess.estimate import fatality_range
from rashomon.errors import ConfigError
from rashomon.public import documents_for, event_json
from rashomon.store.stats import Bucket
from rashomon.trends import FORMULAS, build_series, flags_for
from rashomon.web import charts, geo
from rashomon.web.pages import by_claimant

HERE = Path(__file__).parent
_ENV = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]))
TOP = 8  # events given in full, by best killed


def _in_window(e, since: date, until: date, province: str | None) -> bool:
    if e.date_start is None or not (since <= e.date_start <= until):
        return False
    return province is None or (e.place is not None and (e.place.admin1 or "").casefold() == province.casefold())


def brief_html(store, since: date, until: date, province: str | None = None,
               pack: str | None = None) -> str:
    """The briefing for ``since``..``until`` (inclusive), optionally one province."""
    if until < since:
        raise ConfigError(f"--until {until} is before --since {since}.", code="E155")
    every = store.events()
    events = [e for e in every if _in_window(e, since, until, province)]
    history = [e for e in every if e.date_start is not None and e.date_start <= until and (
        province is None or (e.place is not None and (e.place.admin1 or "").casefold() == province.casefold()))]
    tolls = [fatality_range(e) for e in events]  # killed plus attackers killed, as the flags count
    head = {"events": len(events), "killed_low": sum(t[0] for t in tolls),
            "killed_best": sum(t[1] for t in tolls), "killed_high": sum(t[2] for t in tolls),
            "contested": sum(e.status == "contested" for e in events),
            "single": sum(e.status == "single-source" for e in events)}
    flags = [f for f in flags_for(history, level="province", until=until) if f.fired]
    flags += [f for f in flags_for(history, level="district", until=until) if f.fired and f.kind != "emerging_actor"]
    top = sorted(events, key=lambda e: -((e.estimates.get("killed").best or 0) if e.estimates.get("killed") else 0))[:TOP]
    docs = documents_for(top, store)
    full = [event_json(e, docs) for e in top]  # store.events() returns them with their claims
    weeks = build_series(events, level="province", period="week", since=since, until=until)
    buckets = {}
    for s in weeks:
        for p in s.points:
            b = buckets.setdefault(p.start, Bucket(key=p.start.isoformat()))
            b.events += p.events
            b.killed_low, b.killed_best, b.killed_high = (b.killed_low + p.killed_low, b.killed_best + p.killed_best,
                                                          b.killed_high + p.killed_high)
    where = geo.region(pack)  # the map box of the pack (RASHOMON_PACK when None)
    proj = geo.projection(where=where)
    return _ENV.get_template("brief.html").render(
        since=since, until=until, province=province, head=head, flags=flags, formulas=FORMULAS,
        events=full, groups=[by_claimant(e["claims"]) for e in full], proj=proj,
        outlines=geo.outlines(proj.width, where), markers=charts.markers(events, proj),
        timeline=charts.timeline([buckets[k] for k in sorted(buckets)]), status_class=charts.status_class,
        made=date.today())


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        raise ConfigError("PDF output needs Debian's chromium; install it (make test does) or write HTML.",
                          code="E156")
    return found


def html_to_pdf(html: str, out: Path) -> Path:
    """Print the page with headless Chromium (no network: the page is self-contained)."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "brief.html"
        page.write_text(html, encoding="utf-8")
        cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", page.as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not out.exists():
        raise ConfigError(f"Chromium could not print the briefing: {done.stderr.strip()[-300:]}", code="E157")
    return out


__all__ = ["brief_html", "html_to_pdf"]
