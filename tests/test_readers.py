"""Tests of the document readers behind ``rashomon ingest`` (rashomon.read.readers)."""

from __future__ import annotations

import builtins
import io
import json
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rashomon.models import DocumentCreate
from rashomon.read.base import Codes, ReadOptions, ReadResult
from rashomon.read.readers import iter_inputs, sniff
from rashomon.read.text import parse_published

SEED = Path(__file__).parents[1] / ".." / "shared" / "data" / "seed" / "000_c1482cdd8b86017f.txt"
LIMIT = 2000
CP1252_TEXT = "The minister said \u201cwe will not negotiate\u201d \u2014 caf\u00e9, na\u00efve, d\u00e9j\u00e0 vu.\n"
ARTICLE_HTML = """<html><head><title>Checkpoint attacked</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2025-03-12T08:00:00Z">
<link rel="canonical" href="https://example.com/news/checkpoint"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Checkpoint attacked</h1>
<p>Gunmen attacked a security checkpoint on the highway late on Tuesday, officials said.</p>
<p>Two personnel were injured and were taken to a hospital, a spokesman added.</p>
</article><footer>Copyright</footer></body></html>"""


def _write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ReadResult]:
    """A folder of good and bad inputs, read in one batch with a small size limit."""
    root = tmp_path_factory.mktemp("batch") / "data"
    _write(root, "a_good.txt", "Militants attacked a post.\r\nTwo were hurt.\rEnd.")
    _write(root, "cp1252.txt", CP1252_TEXT.encode("cp1252"))
    _write(root, "utf16.txt", CP1252_TEXT.encode("utf-16"))
    _write(root, "utf8bom.md", b"\xef\xbb\xbf# Title\nBody text.")
    _write(root, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _write(root, "binary.txt", b"GIF89a\x00\x01\x02\x03" * 20)
    _write(root, "empty.txt", b"")
    _write(root, "blank.txt", b"  \n\t\n")
    _write(root, "big.txt", "word " * 1000)
    _write(root, "nested/records.jsonl",
           '{"text": "first record", "id": 7, "published": "2025-03-12"}\n\n'
           '{"text": "broken" "id": 8}\n'
           '{"id": 9}\n'
           '{"text": 42}\n'
           '["not", "an", "object"]\n'
           '{"text": "last record", "published": "not a date", "title": ["bad"]}\n')
    _write(root, "nav_only.html", "<html><body><nav>Home | News</nav><script>var x = 1;</script></body></html>")
    _write(root, "article.html", ARTICLE_HTML)
    _write(root, "array.json", json.dumps([{"text": "one", "outlet": "Dawn"}, {"text": "two"}, {"text": ""}]))
    _write(root, "object.json", json.dumps({"text": "single", "url": "https://example.com/x"}, indent=2))
    _write(root, "bad.json", '{"text": "x",\n "id": }')
    _write(root, "notes.csv", "date,place\n2025-03-12,somewhere\n")
    _write(root, ".hidden.txt", "never read")
    _write(root, ".git/config", "never read")
    results = list(iter_inputs([str(root), str(root / "missing.txt")], ReadOptions(max_bytes=LIMIT)))
    prefix = str(root.parent) + "/"
    return {r.location.removeprefix(prefix): r for r in results}


@pytest.mark.parametrize(
    ("location", "code", "fragment"),
    [
        ("data/image.png", Codes.unsupported, "unsupported file type (.png)"),
        ("data/binary.txt", Codes.binary, "binary content"),
        ("data/empty.txt", Codes.empty, "empty input"),
        ("data/blank.txt", Codes.empty, "empty input"),
        ("data/big.txt", Codes.too_large, "file is 5000 bytes, larger than the limit of 2000 bytes"),
        ("data/nested/records.jsonl:line 3", Codes.invalid_json, "invalid JSON on line 3: Expecting ',' delimiter."),
        ("data/nested/records.jsonl:line 4", Codes.no_text, 'has no "text" field'),
        ("data/nested/records.jsonl:line 5", Codes.no_text, 'a "text" that is a number'),
        ("data/nested/records.jsonl:line 6", Codes.no_text, "record is an array"),
        ("data/nav_only.html", Codes.html_no_text, "no extractable main text"),
        ("data/array.json:record 3", Codes.no_text, 'empty "text"'),
        ("data/bad.json", Codes.invalid_json, "invalid JSON on line 2: Expecting value."),
        ("data/missing.txt", Codes.not_found, "no such file or directory"),
    ],
)
def test_readers_bad_input_gets_its_reason(batch: dict[str, ReadResult], location: str, code: str,
                                           fragment: str) -> None:
    result = batch[location]
    assert result.document is None
    assert result.problem.code == code
    assert fragment in result.problem.message
    assert result.problem.location == result.location


@pytest.mark.parametrize(
    ("location", "text"),
    [
        ("data/a_good.txt", "Militants attacked a post.\nTwo were hurt.\nEnd."),
        ("data/cp1252.txt", CP1252_TEXT),
        ("data/utf16.txt", CP1252_TEXT),
        ("data/utf8bom.md", "# Title\nBody text."),
        ("data/nested/records.jsonl:line 1", "first record"),
        ("data/nested/records.jsonl:line 7", "last record"),
        ("data/array.json:record 1", "one"),
        ("data/array.json:record 2", "two"),
        ("data/object.json", "single"),
        ("data/notes.csv", "date,place\n2025-03-12,somewhere\n"),
    ],
)
def test_readers_good_input_comes_through_beside_bad(batch: dict[str, ReadResult], location: str,
                                                     text: str) -> None:
    document = batch[location].document
    assert document is not None
    assert document.text == text
    assert document.source == location or document.source.endswith("/" + location)


def test_readers_batch_has_one_result_per_input_and_skips_hidden(batch: dict[str, ReadResult]) -> None:
    assert not [loc for loc in batch if "hidden" in loc or ".git" in loc]
    assert len(batch) == 24


def test_readers_json_record_metadata(batch: dict[str, ReadResult]) -> None:
    first = batch["data/nested/records.jsonl:line 1"].document
    last = batch["data/nested/records.jsonl:line 7"].document
    assert (first.external_id, first.published) == ("7", date(2025, 3, 12))
    assert (last.published, last.title) == (None, None)  # bad metadata dropped, document kept
    assert batch["data/array.json:record 1"].document.outlet == "Dawn"
    assert batch["data/object.json"].document.url == "https://example.com/x"


def test_readers_html_main_text_and_metadata(batch: dict[str, ReadResult]) -> None:
    document = batch["data/article.html"].document
    assert "Gunmen attacked a security checkpoint" in document.text
    assert "Home" not in document.text and "Copyright" not in document.text
    assert document.title == "Checkpoint attacked"
    assert document.outlet == "Example Times"
    assert document.url == "https://example.com/news/checkpoint"
    assert document.published == date(2025, 3, 12)


def test_readers_folder_walk_is_recursive_sorted_and_deterministic(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", "C.txt", "a.txt", ".x/y.txt"]:
        _write(tmp_path, name, f"text of {name}")
    first = [r.location for r in iter_inputs([str(tmp_path)])]
    second = [r.location for r in iter_inputs([str(tmp_path) + "/"])]
    names = [loc.removeprefix(str(tmp_path) + "/") for loc in first]
    assert names == ["C.txt", "a/b/c.txt", "a/z.txt", "a.txt", "b.txt"]
    assert first == second


def test_readers_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (result,) = iter_inputs([str(tmp_path)])
    assert result.problem.code == Codes.empty


def test_readers_options_describe_the_named_file_and_the_outlet_every_file(tmp_path: Path) -> None:
    named = _write(tmp_path, "named.txt", "A named file.")
    _write(tmp_path / "folder", "found.txt", "A file found in a folder.")
    options = ReadOptions(published=date(2025, 3, 12), outlet="Dawn", title="T", url="https://x.test")
    named_result, found_result = iter_inputs([str(named), str(tmp_path / "folder")], options)
    assert named_result.document.model_dump(include={"published", "outlet", "title", "url"}) == {
        "published": date(2025, 3, 12), "outlet": "Dawn", "title": "T", "url": "https://x.test"}
    # A folder of one paper's reports shares the outlet; its date and title stay the files' own.
    assert found_result.document.outlet == "Dawn" and found_result.document.published is None
    assert found_result.document.title is None


def test_readers_published_all_dates_every_input_without_a_date(tmp_path: Path) -> None:
    _write(tmp_path / "folder", "found.txt", "A file found in a folder.")
    feed = _write(tmp_path, "r.jsonl", '{"text": "Dated.", "published": "2025-01-02"}\n{"text": "Undated."}\n')
    options = ReadOptions(published=date(2025, 3, 12), published_all=True)
    found, dated, undated = iter_inputs([str(tmp_path / "folder"), str(feed)], options)
    assert [r.document.published for r in (found, dated, undated)] == [
        date(2025, 3, 12), date(2025, 1, 2), date(2025, 3, 12)]


def test_readers_a_named_html_page_takes_the_typed_metadata(tmp_path: Path) -> None:
    page = _write(tmp_path, "p.html", "<html><head><title>Old title</title></head><body><article><p>"
                  + "Gunmen killed two labourers in Turbat on Monday, police said. " * 5
                  + "</p></article></body></html>")
    options = ReadOptions(published=date(2025, 5, 6), title="Labourers killed in Turbat")
    (result,) = iter_inputs([str(page)], options)
    assert result.document.published == date(2025, 5, 6)
    assert result.document.title == "Labourers killed in Turbat"


@pytest.mark.parametrize("text, title", [
    ("Gunmen kill two labourers in Turbat\n\nGunmen killed two on Monday.", "Gunmen kill two labourers in Turbat"),
    ("\n\u201cWe will not stop,\u201d says BLA chief\nThe chief said...", "\u201cWe will not stop,\u201d says BLA chief"),
    ("Gunmen killed two labourers in Turbat on Monday.\nPolice said so.", None),  # a sentence
    ("QUETTA, May 6 (Reuters)\nGunmen killed two.", None),  # a dateline
    ("By Staff Reporter\nGunmen killed two.", None),  # a byline
    ("Gunmen kill two labourers in Turbat", None),  # nothing under it
    ("Quetta:\nGunmen killed two.", None),
])
def test_readers_a_text_files_first_line_is_its_title_when_it_reads_as_a_headline(text, title) -> None:
    from rashomon.read.text import headline

    assert headline(text) == title


def test_readers_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = _write(tmp_path, "locked.txt", "secret")
    good = _write(tmp_path, "good.txt", "fine")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - mirrors open()
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    locked_result, good_result = iter_inputs([str(locked), str(good)])
    assert locked_result.problem.code == Codes.unreadable
    assert locked_result.problem.message == "cannot read the file: permission denied."
    assert good_result.document.text == "fine"


def test_readers_jsonl_line_over_limit_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.jsonl", '{"text": "' + "x" * 500 + '"}\n{"text": "short"}\n')
    long_line, short = iter_inputs([str(path)], ReadOptions(max_bytes=100))
    assert long_line.problem.code == Codes.too_large
    assert long_line.location.endswith("long.jsonl:line 1")
    assert short.document.text == "short" and short.location.endswith(":line 2")


def test_readers_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "lines.json", '{"text": "a"}\n{"text": "b"}\n')
    assert [r.document.text for r in iter_inputs([str(path)])] == ["a", "b"]


def test_readers_utf16_jsonl(tmp_path: Path) -> None:
    path = _write(tmp_path, "u16.jsonl", '{"text": "caf\u00e9"}\n{"text": "b"}\n'.encode("utf-16"))
    assert [r.document.text for r in iter_inputs([str(path)])] == ["caf\u00e9", "b"]


def test_readers_jsonl_is_streamed_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "Security forces said militants attacked a checkpoint. " * 4}) + "\n"
    with open(path, "w", encoding="utf-8") as stream:
        for _ in range(100_000):
            stream.write(line)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        results = iter_inputs([str(path)])
        first = next(results)
        after_first = tracemalloc.get_traced_memory()[1]
        count = 1 + sum(1 for _ in results)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert first.location.endswith("big.jsonl:line 1") and count == 100_000
    assert after_first < size / 20
    assert peak < size / 10, f"peak {peak} bytes for a {size}-byte file"


def _fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> io.BytesIO:
    raw = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    return raw


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"text": "a"}\n\n{"text": "b"}\n', [("<stdin>:line 1", "a"), ("<stdin>:line 3", "b")]),
        (b'{"text": "a"}\n{"text": oops}\n', [("<stdin>:line 1", "a"), ("<stdin>:line 2", None)]),
        (b'[{"text": "a"}, {"text": "b"}]', [("<stdin>:record 1", "a"), ("<stdin>:record 2", "b")]),
        (b'\n{\n  "text": "pretty"\n}\n', [("<stdin>", "pretty")]),
        (ARTICLE_HTML.encode(), [("<stdin>", "Checkpoint attacked")]),
        (b"\n\nPlain text\r\nhere.", [("<stdin>", "\n\nPlain text\nhere.")]),
        (CP1252_TEXT.encode("cp1252"), [("<stdin>", CP1252_TEXT)]),
        (b"", [("<stdin>", None)]),
    ],
)
def test_readers_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes,
                                  expected: list[tuple[str, str | None]]) -> None:
    _fake_stdin(monkeypatch, data)
    results = list(iter_inputs(["-"], ReadOptions()))
    assert [r.location for r in results] == [loc for loc, _ in expected]
    for result, (_, text) in zip(results, expected):
        if text is None:
            assert result.problem is not None
        else:
            assert text in result.document.text


def test_readers_stdin_text_gets_options(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b"Some text.")
    (result,) = iter_inputs(["-"], ReadOptions(title="Piped", published=date(2025, 1, 2)))
    assert (result.document.title, result.document.published) == ("Piped", date(2025, 1, 2))


def test_readers_stdin_jsonl_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _fake_stdin(monkeypatch, b'{"text": "record"}\n' * 50_000)
    first = next(iter_inputs(["-"]))
    assert first.document.text == "record"
    assert raw.tell() < len(raw.getvalue()) // 2


def test_readers_stdin_over_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b"word " * 100)
    (result,) = iter_inputs(["-"], ReadOptions(max_bytes=50))
    assert result.problem.code == Codes.too_large
    assert "larger than the limit of 50 bytes" in result.problem.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-12", date(2025, 3, 12)),
        ("2025-03-12T08:00:00Z", date(2025, 3, 12)),
        ("2025-03-12T23:30:00-05:00", date(2025, 3, 12)),
        ("12 March 2025", date(2025, 3, 12)),
        ("March 12, 2025", date(2025, 3, 12)),
        ("03/04/2025", date(2025, 4, 3)),
        ("March 2025", None),
        ("12 March", None),
        ("yesterday", None),
        ("", None),
        ("9" * 500, None),
        (20250312, None),
        (None, None),
        (date(2025, 3, 12), date(2025, 3, 12)),
    ],
)
def test_readers_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b'  {"a": 1}', "json"), (b"\xef\xbb\xbf[1]", "json"), (b"\n<!doctype html>", "html"),
     ("<p>x</p>".encode("utf-16"), "html"), (b"Text {x}", "text"), (b"", "text")],
)
def test_readers_sniff(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_readers_result_holds_exactly_one_outcome() -> None:
    with pytest.raises(ValueError):
        ReadResult(location="x")
    assert ReadResult.of(DocumentCreate(text="t", source="a.txt")).location == "a.txt"


def test_readers_seed_article_text_is_kept_verbatim(seed_text: str) -> None:
    (result,) = iter_inputs([str(SEED)])
    assert result.document.text == seed_text
    assert result.document.source == str(SEED)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("deep.json", b"[" * 1_000_000),
        ("deep.jsonl", b"{" * 1_000_000),
        ("deep.html", b"<div>" * 200_000),
        ("angle.txt", b"<" * 1_000_000),
        ("mixed.bin", bytes(range(256)) * 4096),
        ("dates.jsonl", b'{"text": "t", "published": "' + b"1 " * 30 + b'"}\n' * 10_000),
    ],
)
def test_readers_adversarial_megabyte_finishes_quickly(tmp_path: Path, name: str, data: bytes) -> None:
    path = _write(tmp_path, name, data)
    started = time.perf_counter()
    results = list(iter_inputs([str(path)], ReadOptions(max_bytes=2_000_000)))
    assert results
    assert time.perf_counter() - started < 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(
           st.binary(max_size=600),
           st.text(max_size=300).map(lambda t: t.encode("utf-8")),
           st.text(max_size=200).map(lambda t: t.encode("utf-16")),
           st.lists(st.dictionaries(st.sampled_from(["text", "id", "published", "title"]),
                                    st.one_of(st.text(max_size=30), st.integers(), st.none()),
                                    max_size=4), max_size=5)
             .map(lambda records: "\n".join(json.dumps(r) for r in records).encode("utf-8")),
       ),
       suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".bin", ""]))
def test_readers_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        results = list(iter_inputs([str(path)], ReadOptions(max_bytes=400)))
    assert results
    for result in results:
        assert (result.document is None) != (result.problem is None)
        assert result.location.startswith(str(path))


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300))
def test_readers_utf8_text_roundtrips(text: str) -> None:
    assume(text.strip() and "\x00" not in text and not text.startswith("\ufeff"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        path.write_bytes(text.encode("utf-8"))
        (result,) = iter_inputs([str(path)])
    if result.document is not None:
        assert result.document.text == text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        # mostly control characters, or no letters at all (digits, symbols, invisible marks)
        assert result.problem.code in (Codes.binary, Codes.gibberish)
