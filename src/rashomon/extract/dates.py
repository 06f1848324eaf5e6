"""Stage 2: find dates in a document and resolve them to calendar ranges.

Contract: ``find_dates(ctx) -> list[DateInfo]`` sorted by position, never overlapping; each
``DateInfo.text == ctx.text[span.start:span.end]`` and ``start <= end``. Three kinds of
expression are found (rules and examples in ``docs/dates.md``):

* absolute: the text gives the year ("March 11, 2025", "11th of March 2025", "2025-03-11",
  "October 2024", "in 1971"): ``resolved_from="absolute"``;
* year-less: "March 16", "in October": the year comes from the publication date (minus one
  when that would put the date more than ~2 months after publication), else from the nearest
  dated mention in the text (the preceding one first): ``publication`` / ``context``;
* relative: "on Tuesday", "yesterday", "last week", "earlier this month": resolved against the
  publication date, else the nearest day-precise date in the text. A weekday is the most recent
  such day on or before the anchor (news convention). Without an anchor nothing is emitted.

Calendar words (months, weekdays, relative phrases, prepositions) live in the ``numbers.toml``
file of the knowledge pack. All regular expressions are linear: alternations of fixed words
and bounded digit runs, no nested quantifiers.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from rashomon.extract.base import ExtractContext
from rashomon.extract.date_patterns import YEAR as _YEAR
from rashomon.extract.date_patterns import Calendar as _Calendar
from rashomon.extract.date_patterns import default_calendar as _default_calendar
from rashomon.extract.date_patterns import gated_matches as _gated_matches
from rashomon.models import DateInfo, Span

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# A year-less date this far after publication is taken to be last year's ("~2 months").
_FUTURE_SLACK = timedelta(days=62)


@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # iso | mdy | dmy | my | mprep | year | weekday | rel
    groups: dict[str, str | None]

    @property
    def explicit_year(self) -> bool:
        return bool(self.groups.get("year"))


_RECENT: dict[tuple[int, str], list] = {}


def _candidates(text: str, cal: _Calendar) -> list[_Cand]:
    """Every match of every pattern, then the best non-overlapping set in text order.

    Memoised for the last few texts: the dates and quantities stages both ask for the same
    document's date expressions."""
    key = (id(cal), text)
    if key not in _RECENT:
        if len(_RECENT) >= 4:
            _RECENT.pop(next(iter(_RECENT)))
        _RECENT[key] = _scan_candidates(text, cal)
    return list(_RECENT[key])


def _scan_candidates(text: str, cal: _Calendar) -> list[_Cand]:
    kind_of = {rx: kind for kind, rx in cal.patterns}
    matches = _gated_matches(text, cal)
    if matches is None:
        matches = [m for _kind, rx in cal.patterns for m in rx.finditer(text)]
    found = [_Cand(m.start(), m.end(), kind_of[m.re], m.groupdict()) for m in matches]
    # Prefer the match that says most: an explicit year, then finer precision, then length.
    order = {"iso": 0, "mdy": 1, "dmy": 1, "my": 2, "year": 3, "mprep": 4, "rel": 5, "weekday": 6}
    found.sort(key=lambda c: (not c.explicit_year, order[c.kind], c.start - c.end, c.start))
    taken: list[tuple[int, int]] = []
    chosen: list[_Cand] = []
    for c in found:
        i = bisect.bisect_left(taken, (c.start, c.end))
        left_clear = i == 0 or taken[i - 1][1] <= c.start
        right_clear = i == len(taken) or taken[i][0] >= c.end
        if left_clear and right_clear:
            taken.insert(i, (c.start, c.end))
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _absolute(c: _Cand, cal: _Calendar, year: int) -> tuple[date, date, str] | None:
    """(start, end, precision) of a calendar expression in ``year``; None if impossible."""
    g = c.groups
    try:
        if c.kind == "year":
            return date(year, 1, 1), date(year, 12, 31), "year"
        month = int(g["mon"]) if c.kind == "iso" else cal.months[g["mon"].lower()]
        if g.get("day"):
            d = date(year, month, int(g["day"]))
            return d, d, "day"
        start, end = _month_range(year, month)
        return start, end, "month"
    except (ValueError, KeyError):
        return None


def _info(text: str, c: _Cand, rng: tuple[date, date, str], how: str) -> DateInfo:
    return DateInfo(start=rng[0], end=rng[1], precision=rng[2], text=text[c.start:c.end],
                    span=Span(start=c.start, end=c.end), resolved_from=how)


def _nearest(items: list[tuple[int, date]], pos: int) -> date | None:
    """The dated mention just before ``pos``, else the first one after it."""
    i = bisect.bisect_left(items, (pos, date.min))
    if i > 0:
        return items[i - 1][1]
    return items[i][1] if i < len(items) else None


def _year_of_yearless(c: _Cand, cal: _Calendar, published: date | None,
                      context: list[tuple[int, date]]) -> tuple[int, str] | None:
    if published is not None:
        rng = _absolute(c, cal, published.year)
        if rng is not None and rng[0] > published + _FUTURE_SLACK:
            return published.year - 1, "publication"
        return published.year, "publication"
    near = _nearest(context, c.start)
    if near is None:
        return None
    # The year that puts the date closest to the context date: "January 3" after
    # "December 28, 2024" is in 2025.
    years = [y for y in (near.year - 1, near.year, near.year + 1) if _absolute(c, cal, y)]
    if not years:
        return None
    return min(years, key=lambda y: abs((_absolute(c, cal, y)[0] - near).days)), "context"


def _shift_month(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _relative_range(rule: dict[str, Any], anchor: date) -> tuple[date, date, str]:
    unit, offset = rule.get("unit", "day"), int(rule.get("offset", 0))
    to_anchor = bool(rule.get("to_anchor"))
    if unit == "day":
        d = anchor + timedelta(days=offset)
        return d, d, "day"
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        start = monday + timedelta(days=5) if rule.get("weekend") else monday
        return start, anchor if to_anchor else monday + timedelta(days=6), "week"
    if unit == "month":
        start, end = _month_range(*_shift_month(anchor, offset))
        return start, anchor if to_anchor else end, "month"
    year = anchor.year + offset
    return date(year, 1, 1), anchor if to_anchor else date(year, 12, 31), "year"


def _relative(text: str, c: _Cand, cal: _Calendar, anchor: date) -> tuple[date, date, str]:
    if c.kind == "rel":
        return _relative_range(cal.relative[c.groups["rel"].lower()], anchor)
    target = cal.weekdays[c.groups["wd"].lower()]
    back = (anchor.weekday() - target) % 7
    if back == 0 and text[c.start:c.end].lower().startswith("last"):
        back = 7  # "last Tuesday" said on a Tuesday is a week ago
    d = anchor - timedelta(days=back)
    return d, d, "day"


def _resolve(text: str, cands: list[_Cand], cal: _Calendar,
             published: date | None) -> list[DateInfo]:
    out: dict[int, DateInfo] = {}
    context: list[tuple[int, date]] = []  # explicit dates with a month or a day
    days: list[tuple[int, date]] = []  # explicit day-precise dates, anchors for relatives
    years: list[tuple[int, date]] = []
    for c in cands:
        if c.explicit_year:
            rng = _absolute(c, cal, int(c.groups["year"]))
            if rng is None:
                continue
            out[c.start] = _info(text, c, rng, "absolute")
            target = {"day": days, "month": context}.get(rng[2], years)
            # a year-only mention stands for its middle, so it never moves a date to another year
            target.append((c.start, rng[0] if rng[2] != "year" else rng[0].replace(month=7, day=2)))
    context = sorted(context + days) or years
    for c in cands:
        if c.explicit_year:
            continue
        info = _resolve_one(text, c, cal, published, context, days)
        if info is not None:
            out[c.start] = info
    return [out[k] for k in sorted(out)]


def _resolve_one(text: str, c: _Cand, cal: _Calendar, published: date | None,
                 context: list[tuple[int, date]], days: list[tuple[int, date]]) -> DateInfo | None:
    if c.kind in ("mdy", "dmy", "mprep"):
        found = _year_of_yearless(c, cal, published, context)
        rng = _absolute(c, cal, found[0]) if found else None
        return _info(text, c, rng, found[1]) if rng and found else None
    anchor, how = (published, "publication") if published else (_nearest(days, c.start), "context")
    if anchor is None:
        return None  # a relative date without an anchor is not guessed
    try:
        return _info(text, c, _relative(text, c, cal, anchor), how)
    except OverflowError:  # an anchor at the edge of the calendar (year 1 or 9999)
        return None


def find_dates(ctx: ExtractContext) -> list[DateInfo]:
    """Dates mentioned in ``ctx.text``, resolved against ``ctx.published`` or the text itself.

    Input: the context (text, publication date, pack whose ``numbers.toml`` has the calendar
    words). Output: DateInfo records in text order, spans into ``ctx.text``.
    """
    return find_date_mentions(ctx)[0]


def find_date_mentions(ctx: ExtractContext) -> tuple[list[DateInfo], list[Span]]:
    """(resolved dates, spans of every date expression resolvable or not): one scan of the text
    for both, so the quantities stage need not scan it again for the words to skip."""
    cal = ctx.resources.calendar
    found = _candidates(ctx.text, cal)
    return _resolve(ctx.text, found, cal, ctx.published), [_with_days(ctx.text, c) for c in found]


# the other day of a range told with one month: "Mar 23 and 24 (", "Feb 8-11", "23 and 24 March";
# the span only tells the quantities stage which numbers are dates, so the 24 is no count
_DAY_AFTER = re.compile(r"(?:\s*(?:-|–|—)\s*|\s+to\s+)[0-3]?\d(?!\d)|\s+and\s+[0-3]?\d(?!\d)(?=\s*(?:[(),.;:]|$|in\b|at\b|when\b|during\b))")
_DAY_BEFORE = re.compile(r"(?<!\d)[0-3]?\d(?:\s*(?:-|–|—|to)\s*|\s+and\s+)$")


def _with_days(text: str, c: _Cand) -> Span:
    start, end = c.start, c.end
    if c.kind in ("mdy", "dmy") and text[end - 1].isdigit():
        m = _DAY_AFTER.match(text, end)
        if m:
            end = m.end()
    if c.kind in ("mdy", "dmy") and text[start].isdigit():
        m = _DAY_BEFORE.search(text, max(0, start - 12), start)
        if m:
            start = m.start()
    return Span(start=start, end=end)


_ISO_MONTH = re.compile(rf"^(?P<year>{_YEAR})-(?P<mon>[01]\d)$")
_ISO_YEAR = re.compile(rf"^(?P<year>{_YEAR})$")


def _parse_iso(s: str) -> date | None:
    try:
        return date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _parse_partial_iso(body: str, span: Span) -> DateInfo | None:
    """ "2025-03" (month precision) or "2025" (year precision); None otherwise."""
    m = _ISO_MONTH.match(body)
    if m and 1 <= int(m["mon"]) <= 12:
        start, end = _month_range(int(m["year"]), int(m["mon"]))
        return DateInfo(start=start, end=end, precision="month", text=body, span=span)
    m = _ISO_YEAR.match(body)
    if m:
        year = int(m["year"])
        return DateInfo(start=date(year, 1, 1), end=date(year, 12, 31), precision="year",
                        text=body, span=span)
    return None


def parse_date_text(s: str, anchor: date | None = None) -> DateInfo | None:
    """Read one date string ("2025-03-11", "2025-03-11T08:00:00Z", "11 March 2025",
    "March 11, 2025", "2025-03", "2025"); relative words resolve against ``anchor``.

    Output: a DateInfo whose span indexes ``s``, or None when ``s`` holds no date.
    """
    lead = len(s) - len(s.lstrip())
    body = s.strip()
    span = Span(start=lead, end=lead + len(body))
    d = _parse_iso(body) if body else None
    if d is not None:
        return DateInfo(start=d, end=d, precision="day", text=body, span=span)
    partial = _parse_partial_iso(body, span)
    if partial is not None or _ISO_MONTH.match(body):
        return partial
    cal = _default_calendar()
    found = _resolve(s, _candidates(s, cal), cal, anchor)
    if not found:
        return None
    return min(found, key=lambda i: (i.resolved_from != "absolute",
                                     _PRECISION_RANK[i.precision], i.span.start))


def date_spans(text: str, calendar: _Calendar | None = None) -> list[Span]:
    """Spans of every date expression in ``text``, resolvable or not, in text order (the core
    calendar unless one is given)."""
    cal = calendar or _default_calendar()
    return [Span(start=c.start, end=c.end) for c in _candidates(text, cal)]
