"""A parsed sentence as plain Python records: what the rules read of spaCy's tokens, read once.

The rule stages walk the parse token by token (heads, children, subtrees) many times per
sentence. Each attribute of a spaCy ``Token`` is a Cython property that looks its string up in
the vocabulary, and each ``head`` / ``children`` step makes new ``Token`` objects, so reading
the parse cost more than the rules' own logic. :func:`parsed_doc` reads a ``Doc``'s arrays in
bulk (``Doc.to_array``) into one :class:`ParsedToken` per token, with its head and children
linked once; the rules read plain attributes.

The records keep the part of spaCy's ``Token`` API the rules use, with spaCy's meaning:
``i idx text lower_ lemma_ dep_ tag_ pos_ like_num whitespace_ ent_type_ head children
subtree ancestors sent doc`` (a root is its own head; children in text order; ``subtree`` in
spaCy's order: the left children's subtrees, the token, the right children's subtrees; ``sent``
the tokens of the parser's sentence). A :class:`ParsedDoc` is a list of them with the text: an
index gives a token and a slice a list of tokens (where spaCy gives a ``Span``, which the rules
only iterate). There is one record per token, so ``is`` and ``==`` agree with spaCy's token
equality within a sentence. The named-entity recogniser is not run, so ``ent_type_`` is "".
"""

from __future__ import annotations

from typing import Any

_ATTRS = ("ORTH", "LOWER", "LEMMA", "DEP", "TAG", "POS", "IDX", "HEAD", "SENT_START", "LIKE_NUM",
          "SPACY")


class ParsedToken:
    __slots__ = ("i", "idx", "text", "lower_", "lemma_", "dep_", "tag_", "pos_", "like_num",
                 "whitespace_", "head", "children", "doc", "_subtree")
    ent_type_ = ""  # no named-entity recogniser runs (syntax.py)

    @property
    def subtree(self) -> tuple["ParsedToken", ...]:
        found = self._subtree
        if found is None:
            out: list[ParsedToken] = []
            _collect(self, out)
            found = self._subtree = tuple(out)
        return found

    @property
    def ancestors(self):
        t, n = self, len(self.doc)
        while t.head is not t and n > 0:  # spaCy's guard: no more ancestors than tokens
            t, n = t.head, n - 1
            yield t

    @property
    def sent(self) -> list["ParsedToken"]:
        return next(s for s in self.doc.sents if s[-1].i >= self.i)

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def _collect(t: ParsedToken, out: list) -> None:
    """spaCy's ``Token.subtree`` order (lefts' subtrees, the token, rights' subtrees)."""
    i = t.i
    for c in t.children:
        if c.i < i:
            out.extend(c.subtree)
    out.append(t)
    for c in t.children:
        if c.i > i:
            out.extend(c.subtree)


class ParsedDoc(list):
    """The tokens of one parsed sentence (a list), its ``text`` and the parser's sentences."""

    __slots__ = ("text", "_starts", "_sents")

    @property
    def sents(self) -> list[list[ParsedToken]]:
        if self._sents is None:  # read rarely (a verbless headline): worked out when asked
            cuts = [k for k, v in enumerate(self._starts) if v == 1 and k > 0]
            self._sents = [self[a:b] for a, b in zip([0, *cuts], [*cuts, len(self)])]
        return self._sents


# vocabulary hash -> string, across documents: a hash names one string in any vocabulary
_STRINGS: dict[int, str] = {}
_STRINGS_LIMIT = 500_000


def _strings(keys: list[int], store) -> list[str]:
    """The strings of vocabulary hashes ``keys`` (one C-speed map when all are known)."""
    get = _STRINGS.__getitem__
    try:
        return list(map(get, keys))
    except KeyError:
        if len(_STRINGS) > _STRINGS_LIMIT:
            _STRINGS.clear()
        for key in set(keys).difference(_STRINGS):
            _STRINGS[key] = store[key]
        return list(map(get, keys))


def parsed_doc(doc: Any, text: str | None = None) -> ParsedDoc:
    """The records of a parsed spaCy ``Doc`` (see the module docstring); ``text`` is the text
    it was parsed from, when the caller has it (spaCy keeps a text exactly, and rebuilding it
    from the tokens costs a fifth of the conversion)."""
    return parsed_docs([doc], None if text is None else [text])[0]


def parsed_docs(docs: list[Any], texts: list[str] | None = None) -> list[ParsedDoc]:
    """:func:`parsed_doc` of each of ``docs`` (a document's sentences): their arrays are read
    together, so the numpy and string-table calls are made once per document, not per
    sentence."""
    import numpy as np
    from spacy import attrs

    if not docs:
        return []
    cols = [getattr(attrs, a) for a in _ATTRS]
    sizes = [len(d) for d in docs]
    arrays = [d.to_array(cols).reshape(-1, len(cols)) for d in docs]  # uint64, a row per token
    arr = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
    total = len(arr)
    words = _strings(arr[:, :6].T.ravel().tolist(), docs[0].vocab.strings)  # column after column
    # IDX, HEAD, SENT_START are offsets, signed offsets and flags: read them as signed integers
    idx, head, starts = arr[:, 6:9].astype(np.int64).T.tolist()
    like_num, spacy = arr[:, 9:].astype(bool).T.tolist()
    columns = [words[c * total:(c + 1) * total] for c in range(6)]
    out, a = [], 0
    for d, (doc, n) in enumerate(zip(docs, sizes)):
        b = a + n
        pd = ParsedDoc()
        pd.text, pd._sents = doc.text if texts is None else texts[d], None
        pd._starts = starts[a:b]
        _fill(pd, n, idx[a:b], *(col[a:b] for col in columns), like_num[a:b], spacy[a:b], head[a:b])
        out.append(pd)
        a = b
    return out


def _fill(out: ParsedDoc, n: int, idx, orths, lowers, lemmas, deps, tags, poss, nums, spaces, head) -> None:
    new = ParsedToken.__new__
    toks = [new(ParsedToken) for _ in range(n)]
    for k, t, at, orth, lower, lemma, dep, tag, pos, num, space in zip(
            range(n), toks, idx, orths, lowers, lemmas, deps, tags, poss, nums, spaces):
        t.i, t.idx, t.text, t.lower_, t.lemma_, t.dep_, t.tag_, t.pos_ = k, at, orth, lower, lemma, dep, tag, pos
        t.like_num, t.whitespace_, t.children, t.doc, t._subtree = num, " " if space else "", [], out, None
    for t, step in zip(toks, head):
        if step:  # a root is its own head
            t.head = h = toks[t.i + step]
            h.children.append(t)  # visited in text order: children ascend, as spaCy's
        else:
            t.head = t
    out.extend(toks)


__all__ = ["ParsedDoc", "ParsedToken", "parsed_doc", "parsed_docs"]
