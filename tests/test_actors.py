"""Tests of rashomon.extract.actors: pack aliases, matching rules, generic resolution."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.errors import ConfigError
from rashomon.extract.actors import (
    PhraseTable,
    find_actors,
    resolve_generic,
    tokenize,
)
from rashomon.extract.base import ExtractContext
from rashomon.extract.pipeline import make_context
from rashomon.extract.resources import actor_info, resources_for
from rashomon.models import ActorKind
from rashomon.packs import load_pack

SEED = Path(__file__).parents[1] / ".." / "shared" / "data" / "seed" / "000_c1482cdd8b86017f.txt"


def _ctx(text: str, pack=None) -> ExtractContext:
    return make_context(text, pack or load_pack("balochistan"))


def _found(text: str) -> list[tuple[str, str]]:
    ctx = _ctx(text)
    return [(m.text, m.name) for m in find_actors(ctx)]


@pytest.mark.parametrize("text, expected", [
    ("The BLA attacked.", [("BLA", "Baloch Liberation Army")]),
    ("The Baluch Liberation Army struck.", [("Baluch Liberation Army", "Baloch Liberation Army")]),
    ("The Tehreek-e-Taliban Pakistan said.", [("Tehreek-e-Taliban Pakistan",
                                               "Tehrik-i-Taliban Pakistan")]),
    ("Tehreek e Taliban fighters", [("Tehreek e Taliban fighters", "Tehrik-i-Taliban Pakistan")]),
    ("Daesh claimed it.", [("Daesh", "Islamic State Khorasan Province")]),
    ("IS-K struck.", [("IS-K", "Islamic State Khorasan Province")]),
    ("An FC convoy", [("FC", "Frontier Corps")]),
    ("The ISPR said.", [("ISPR", "Inter-Services Public Relations")]),
    ("Pakistani military and the army", [("Pakistani military", "Pakistan Army"),
                                         ("the army", "Pakistan Army")]),
    ("Pakistan Army troops", [("Pakistan Army", "Pakistan Army"), ("troops", "Pakistan Army")]),
    ("security forces raided", [("security forces", "Pakistani security forces")]),
    ("two Chinese nationals and Chinese engineers", [("Chinese nationals", "Chinese nationals"),
                                                     ("Chinese engineers", "Chinese nationals")]),
    ("Levies personnel were hurt.", [("Levies personnel", "Levies")]),
    ("The BYC and HRCP objected.", [("BYC", "Baloch Yakjehti Committee"),
                                    ("HRCP", "Human Rights Commission of Pakistan")]),
    ("Majeed Brigade fighters", [("Majeed Brigade fighters", "Majeed Brigade")]),
])
def test_actors_aliases_map_to_canonical(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "the fc post", "a bra and a bla", "Fcb Blah", "tax levies rose", "He rode the Jaffar Express.",
    "The train left Quetta.",
])
def test_actors_abbreviations_case_sensitive_and_non_actors(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("the Baloch Liberation Army (BLA) said", [("Baloch Liberation Army (BLA)",
                                                "Baloch Liberation Army")]),
    ("the Baloch Republican Army attacked", [("Baloch Republican Army",
                                              "Baloch Republican Army")]),
    ("BLA militants hijacked a train", [("BLA militants", "Baloch Liberation Army")]),
    ("the military's media wing said", [("the military's media wing",
                                         "Inter-Services Public Relations")]),
    ("the military’s media wing said", [("the military’s media wing",
                                         "Inter-Services Public Relations")]),
    ("the Chinese Embassy in Islamabad", [("Chinese Embassy in Islamabad", "Government of China")]),
])
def test_actors_longest_match_wins(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text, word, name, generic", [
    ("The BLA struck. The militants fled.", "militants", "Baloch Liberation Army", False),
    ("The TTP struck. Police came. Rain fell. The attackers fled.", "attackers", "attackers",
     True),
    ("The TTP struck. Police came. The attackers fled.", "attackers",
     "Tehrik-i-Taliban Pakistan", False),
    ("The BLF struck. Rain fell. Roads shut. The gunmen fled.", "gunmen", "gunmen", True),
    ("Gunmen killed two men.", "Gunmen", "gunmen", True),
    ("Militants of the BLA attacked.", "Militants", "Baloch Liberation Army", False),
    ("The Fateh Squad struck. The group said more would follow.", "The group",
     "Baloch Liberation Army", False),
    ("The BYC marched. The group said it was peaceful.", "The group",
     "Baloch Yakjehti Committee", False),
    ("Insurgents attacked an FC post.", "Insurgents", "insurgents", True),
])
def test_actors_generic_resolution(text, word, name, generic):
    mention = next(m for m in find_actors(_ctx(text)) if m.text == word)
    assert (mention.name, mention.generic) == (name, generic)


def test_actors_resolve_generic_is_idempotent():
    ctx = _ctx("The BLA struck. The militants fled. Gunmen were seen.")
    raw = find_actors(ctx, resolve=False)
    assert [m.generic for m in raw] == [False, True, True]
    once = resolve_generic(raw, ctx)
    assert resolve_generic(once, ctx) == once
    assert [m.name for m in once] == ["Baloch Liberation Army"] * 3


def test_actors_generic_window_comes_from_pack():
    assert resources_for(load_pack("balochistan")).actors.window == 2


@pytest.mark.parametrize("name, kind, side, parent, speaks_for", [
    ("Inter-Services Public Relations", ActorKind.media, "state", "Pakistan Army", "Pakistan Army"),
    ("Jeeyand Baloch", ActorKind.media, "armed group", None, "Baloch Liberation Army"),
    ("Majeed Brigade", ActorKind.armed_group, "armed group", "Baloch Liberation Army", None),
    ("Asim Munir", ActorKind.officials, "state", None, "Pakistan Army"),
    ("Shehbaz Sharif", ActorKind.officials, "state", None, "Government of Pakistan"),
    ("Shahid Rind", ActorKind.officials, "state", None, "Government of Balochistan"),
    ("Chinese nationals", ActorKind.foreign_nationals, "foreign", None, None),
])
def test_actors_actor_info(name, kind, side, parent, speaks_for):
    a = actor_info(name)
    assert (a.kind, a.side, a.parent, a.speaks_for) == (kind, side, parent, speaks_for)


@pytest.mark.parametrize("name, voice, group", [
    ("Inter-Services Public Relations", "Pakistan Army", "Pakistan Army"),
    ("Sarfraz Bugti", "Government of Balochistan", "Sarfraz Bugti"),
    ("Majeed Brigade", "Majeed Brigade", "Baloch Liberation Army"),
    ("Pakistan Army", "Pakistan Army", "Pakistan Army"),
    ("nobody", "nobody", "nobody"),
])
def test_actors_voice_and_group(name, voice, group):
    index = resources_for(load_pack("balochistan")).actors
    assert (index.voice_of(name), index.group_of(name)) == (voice, group)


def test_actors_actor_info_unknown_is_none():
    assert actor_info("Nobody At All") is None


def test_actors_spans_exact_on_seed():
    if not SEED.is_file():
        pytest.skip("seed article not available")
    text = SEED.read_text("utf-8")
    ctx = _ctx(text)
    mentions = find_actors(ctx)
    assert all(text[m.span.start:m.span.end] == m.text for m in mentions)
    names = {m.name for m in mentions}
    assert {"Baloch Liberation Army", "Pakistan Army", "Chinese nationals", "CPEC"} <= names
    assert not any("Express" in m.text for m in mentions)
    assert all(m.role == "other" for m in mentions)
    # "BLA militants" is one mention, and every generic word in the seed finds its group
    assert any(m.text == "BLA militants" for m in mentions)
    assert not any(m.generic for m in mentions)


def _write_pack(root: Path, actors: str) -> None:
    root.mkdir()
    (root / "pack.toml").write_text('name = "other"\n[context]\ncountry = "Nowhere"\n')
    (root / "actors.toml").write_text(actors)


def test_actors_second_conflict_needs_only_a_pack(tmp_path):
    _write_pack(tmp_path / "other", '[[actor]]\nname = "Red Front"\naliases = ["RF"]\n'
                'kind = "armed group"\nside = "armed group"\n')
    pack = load_pack("other", str(tmp_path / "other"))
    mentions = find_actors(_ctx("The RF struck. The militants fled. BLA?", pack))
    assert [(m.text, m.name) for m in mentions] == [("RF", "Red Front"),
                                                    ("militants", "Red Front")]


def test_actors_bad_reference_is_config_error(tmp_path):
    _write_pack(tmp_path / "bad", '[[actor]]\nname = "X"\nkind = "media"\nspeaks_for = "Y"\n')
    with pytest.raises(ConfigError):
        find_actors(_ctx("X said.", load_pack("bad", str(tmp_path / "bad"))))


@pytest.mark.parametrize("text, tokens", [
    ("Tehreek-e-Taliban", ["Tehreek", "e", "Taliban"]),
    ("BLA’s claim", ["BLA", "'", "s", "claim"]),
    ("a_b", ["a", "_", "b"]),
])
def test_actors_tokenize(text, tokens):
    assert [t.text for t in tokenize(text)] == tokens


def test_actors_phrase_table_leftmost_longest():
    table = PhraseTable()
    table.add("a b", 1)
    table.add("a b c", 2)
    table.add("c d", 3)
    assert table.scan(tokenize("a b c d a b")) == [(0, 3, 2), (4, 6, 1)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("BLAFC (). -’'\n") + [
    "BLA ", "Army ", "militants ", "(BLA)", "Baloch ", "the ", "Liberation ", "said ",
    "the group "]),
    max_size=80).map("".join))
def test_actors_random_text_never_crashes(text):
    ctx = _ctx(text)
    for m in find_actors(ctx):
        assert text[m.span.start:m.span.end] == m.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_actors_arbitrary_unicode_never_crashes(text):
    ctx = _ctx(text)
    assert all(text[m.span.start:m.span.end] == m.text for m in find_actors(ctx))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("unit", ["the BLA militants the ", "a" * 50, "militants (", "- - "])
def test_actors_one_megabyte_line_is_fast(unit):
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    started = time.perf_counter()
    find_actors(_ctx(text))
    assert time.perf_counter() - started < 60
