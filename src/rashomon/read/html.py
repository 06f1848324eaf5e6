"""HTML reading: main text and metadata through trafilatura.

The page is decoded by :func:`rashomon.read.text.decode_bytes` (so legacy encodings and
binary files are handled the same way as for text), then trafilatura extracts the article
body and its metadata. Navigation, headers, footers and asides are pruned first: trafilatura's
fallback extractors would otherwise return a menu ("Home | News") as the "main text" of a
page that has none, and such a page must be reported, not stored.
"""

from __future__ import annotations

import trafilatura

from rashomon.models import DocumentCreate
from rashomon.read.base import Codes, fail
from rashomon.read.text import decode_bytes, normalise_newlines, parse_published

_PRUNE = ["//nav", "//header", "//footer", "//aside"]


def read_html(data: bytes, location: str) -> DocumentCreate:
    """HTML bytes -> ``DocumentCreate``: extracted main text, title, published date, url,
    outlet (the site name), language.

    Raises ``InputError`` when the page is empty, binary or has no extractable text.
    """
    if not data.strip():
        fail(Codes.empty, "empty input: no HTML to read.")
    page = decode_bytes(data)
    try:
        extracted = trafilatura.bare_extraction(page, with_metadata=True, prune_xpath=_PRUNE)
    except Exception:  # noqa: BLE001 - lxml/trafilatura failures on hostile markup
        extracted = None
    text = normalise_newlines(extracted.text or "") if extracted is not None else ""
    if not text.strip():
        fail(Codes.html_no_text, "HTML has no extractable main text (only navigation, "
             "scripts or markup).")
    return DocumentCreate(
        text=text,
        source=location,
        title=_clean(extracted.title),
        url=_clean(extracted.url),
        outlet=_clean(extracted.sitename),
        published=parse_published(extracted.date),
        **({"language": extracted.language} if _clean(extracted.language) else {}),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()
