"""Linking thresholds and analyst decisions, in one place.

Every number the linker uses lives in :class:`LinkSettings`, with the reason for its value. The
type-compatibility table is part of the settings so that a conflict with different reporting habits
can override it without touching code (see ``docs/linking.md``).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from rashomon.models import Record

def _core_linking() -> dict:
    """The linking knowledge of ``core``'s pack.toml ``[linking]``: which sub-event types
    different outlets use for one incident, and which event types can be one incident."""
    from rashomon.packs import load_pack

    return load_pack("core").read("pack.toml").get("linking", {})


class LinkSettings(Record):
    """Thresholds of the linker. Each field's description gives the reason for its value.

    Scores are a weighted sum of five signals in [0, 1] (weights sum to 1) plus an incident-name
    bonus; a pair is accepted when it passes every hard gate (date, place, type, armed group,
    document/frame rules, analyst decisions), scores at least ``threshold`` and has at least one
    piece of *corroborating* evidence beyond being on the same day in the same place.
    """

    day_tolerance: int = Field(1, description=(
        "Days of slack around day/week-precision dates: a report published after midnight or in "
        "another time zone says 'on Tuesday' for Monday night's attack."))
    incident_day_tolerance: int = Field(3, description=(
        "Days of slack when both claims name the same incident: the name is specific, and "
        "relative dates ('on Friday') are sometimes resolved to the wrong week day."))
    undated_lookback_days: int = Field(3, description=(
        "An undated claim is taken to describe something in the 3 days before publication: news "
        "reports of attacks appear within a day or two; a wider window invites false merges."))
    max_window_days: int = Field(31, description=(
        "Dates vaguer than a month (year precision) are too vague to block on; such claims link "
        "only through a shared incident name."))
    max_distance_km: float = Field(50.0, description=(
        "Two precise places in different districts can still be one incident when close: "
        "district borders cut through attack sites (highways, railway lines); 50 km is about the "
        "size of a tehsil and the precision-2 radius (25 km) on both sides."))
    district_precision: int = Field(3, description=(
        "Place precision (3 = the district itself) from which two different districts exclude "
        "each other: the distance tolerance is for two towns either side of a district border, "
        "not for a report that says 'in Sherani district' against one that says 'in Zhob'."))
    grid_degrees: float = Field(0.5, description=(
        "Grid cell for blocking by coordinates; 0.5 degree (~55 km) is >= max_distance_km so "
        "the 3x3 neighbourhood covers every pair within that distance."))
    weight_date: float = Field(0.25, description="Date agreement; the strongest structural signal.")
    weight_place: float = Field(0.25, description="Place agreement; as strong as the date.")
    weight_type: float = Field(0.20, description="Event type agreement; outlets differ often.")
    weight_actor: float = Field(0.15, description="Actors; often generic ('militants').")
    weight_text: float = Field(0.15, description=(
        "Quote similarity; low across outlets since each writes its own words."))
    text_full: float = Field(0.4, description=(
        "Word-set Jaccard at which the text signal counts fully; two independent reports of one "
        "incident rarely share more than 40% of their content words."))
    incident_bonus: float = Field(0.2, description=(
        "Both claims name the same incident ('Jaffar Express'): names are rare and specific."))
    incident_penalty: float = Field(0.2, description=(
        "Both name different incidents: strong evidence of two incidents, but names can be of "
        "objects (a station, a tunnel) of the same attack, so a penalty rather than a gate."))
    threshold: float = Field(0.6, description=(
        "Accept a link at 0.6: same day and district (0.5) plus a compatible type is enough only "
        "with corroborating evidence; see min_text."))
    background_threshold: float = Field(0.75, description=(
        "A background mention ('weeks after the hijacking') is vague; it attaches only to a "
        "clearly matching event."))
    min_text: float = Field(0.1, description=(
        "Corroboration: a word-set Jaccard of 0.1 means the quotes share specific words beyond "
        "chance, when no actor, incident name or exact sub-event type is shared."))
    headline_place: float = Field(0.9, description=(
        "Place agreement when one report's headline names the other's town or district (after "
        "the place gates passed): a headline names where its incident happened, while the "
        "report's sentences may give only the province or the dateline city; a little below a "
        "shared district (1.0) because a headline can name a place recalled. Also corroboration. "
        "0 turns it off."))
    recalled_frames_private: bool = Field(True, description=(
        "A report is about one incident, that of its headline and lead. Another incident it tells "
        "without dating it in the news of the last few days (a second camp attacked the same "
        "night, an attack of two weeks ago, a bombing an analysis recalls) keeps its own event, "
        "which nothing joins: the report never links to another incident through it (issue #13), "
        "and the recalled incident and its figures stay in the dataset. Round-up items dated "
        "within round_up_days link like any report."))
    round_up_days: int = Field(3, description=(
        "A frame set apart from the lead is a round-up item when its own date is within 3 days "
        "of the lead's (of the publication when the lead is undated): round-ups tell the news "
        "of the last few days, as undated reports are placed in the 3 days before publication."))
    max_text_members: int = Field(8, description=(
        "Quote similarity is taken against at most 8 members of an event (the first by claim "
        "id): enough to find a similar report, and it bounds the cost for big events."))
    common_actor_kinds: list[str] = Field(default_factory=lambda: [
        "state force", "civilians", "officials"], description=(
        "Actor kinds whose names are no evidence that two reports tell one incident: the police, "
        "soldiers, security forces, civilians and officials appear in nearly every report of "
        "the conflict. Named organisations, spokesmen, foreign nationals and armed groups stay "
        "evidence."))
    compatible_types: list[tuple[str, str]] = Field(
        default_factory=lambda: [tuple(p) for p in _core_linking().get("compatible_types", [])],
        description="Pairs of sub-event types that can describe one incident (pack data).")
    families: dict[str, str] = Field(
        default_factory=lambda: dict(_core_linking().get("families", {})),
        description="Event type -> family; blocking never compares across families (pack data).")
    ignore_words: list[str] = Field(default_factory=lambda: [
        "that", "with", "were", "said", "have", "from", "this", "which", "their", "after", "they",
        "been", "also", "when", "while", "where", "there", "into", "more", "than", "about",
        "least", "according", "told", "says", "would", "could", "other", "some"],
        description="Function words (4+ letters) that say nothing about which incident a quote is.")

    @classmethod
    def for_pack(cls, pack: Any) -> "LinkSettings":
        """The settings with a knowledge pack's ``[linking]`` overrides (pack.toml, layered over
        core's: a conflict with other reporting habits changes a threshold or adds a pair of
        compatible types without touching code)."""
        values = dict(pack.read("pack.toml").get("linking", {}))
        if "compatible_types" in values:
            values["compatible_types"] = [tuple(p) for p in values["compatible_types"]]
        return cls(**values)
