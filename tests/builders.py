"""Small hand-made records for storage tests (one report, one claim pointing into it)."""

from __future__ import annotations

from datetime import date

from rashomon.models import Claim, DateInfo, Document, Hedge, Place, Quantity, Span

TEXT = "Gunmen attacked a checkpoint in {place} on {day} March 2025, killing {n} soldiers, police said."
PLACES = ["Kech", "Turbat", "Kalat", "Mastung", "Gwadar", "Panjgur"]


def make_doc(text: str = TEXT.format(place="Kech", day=10, n=3)) -> Document:
    return Document(id=Document.content_id(text), text=text, url="https://example.org/a",
                    outlet="Demo Wire", published=date(2025, 3, 12))


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part))


def make_claim(doc: Document) -> Claim:
    """A police claim of an armed clash in Kech on 10 March 2025 killing 3 soldiers; the spans
    point at the date and the number where the text has them."""
    t = doc.text
    when = "10 March" if "10 March" in t else t[:1]
    number = "3" if " 3 " in t else ("three" if "three" in t else t[:1])
    return Claim(document_id=doc.id, span=Span(start=0, end=len(t)), quote=t,
                 claimant="Police", hedge=Hedge.attributed, event_type="Battles",
                 sub_event_type="Armed clash",
                 date=DateInfo(start=date(2025, 3, 10), end=date(2025, 3, 10), precision="day",
                               text=when, span=_span(t, when)),
                 place=Place(name="Kech", admin1="Balochistan", admin2="Kech", country="Pakistan",
                             latitude=26.0, longitude=62.9, precision=3),
                 quantities=[Quantity(category="killed", victims="soldiers", low=3, high=3,
                                      text=number, span=_span(t, number))])


def store_prepared(store, doc: Document, events: list) -> None:
    """Write a document and events built by hand (their claims), bypassing extraction and
    linking: for tests of reading, exporting and serving."""
    with store.session() as s:
        s.insert([(doc, [c for e in events for c in e.claims])])
        s.save_events(events)
