"""Linking thresholds and analyst decisions, in one place.

Every number the linker uses lives in :class:`LinkSettings`, with the reason for its value. The
type-compatibility table is part of the settings so that a conflict with different reporting habits
can override it without touching code (see ``docs/linking.md``).
"""

from __future__ import annotations

from pydantic import Field

from rashomon.models import Record

# ACLED sub-event types that different outlets use for ONE incident. A train hijacking with a
# gunfight is "Abduction/forced disappearance" for one outlet, "Armed clash" for another and
# "Attack" for a third; a bombing is "Suicide bomb" or "Remote explosive" depending on what
# the first officials said. Pairs not listed (and not equal) are incompatible: an IED on a convoy
# and the abduction of labourers the same day are two incidents.
DEFAULT_COMPATIBLE: list[tuple[str, str]] = [
    ("Armed clash", "Attack"),
    ("Armed clash", "Abduction/forced disappearance"),
    ("Armed clash", "Suicide bomb"),
    ("Armed clash", "Remote explosive/landmine/IED"),
    ("Armed clash", "Grenade"),
    ("Armed clash", "Shelling/artillery/missile attack"),
    ("Armed clash", "Air/drone strike"),
    ("Armed clash", "Government regains territory"),
    ("Armed clash", "Non-state actor overtakes territory"),
    ("Attack", "Abduction/forced disappearance"),
    ("Attack", "Suicide bomb"),
    ("Attack", "Remote explosive/landmine/IED"),
    ("Attack", "Grenade"),
    ("Attack", "Shelling/artillery/missile attack"),
    ("Suicide bomb", "Remote explosive/landmine/IED"),
    ("Suicide bomb", "Grenade"),
    ("Remote explosive/landmine/IED", "Grenade"),
    ("Air/drone strike", "Shelling/artillery/missile attack"),
    ("Peaceful protest", "Protest with intervention"),
    ("Peaceful protest", "Excessive force against protesters"),
    ("Protest with intervention", "Excessive force against protesters"),
    ("Peaceful protest", "Violent demonstration"),
    ("Protest with intervention", "Violent demonstration"),
    ("Excessive force against protesters", "Violent demonstration"),
    ("Violent demonstration", "Mob violence"),
]

# ACLED event types grouped into families that can describe the same incident; blocking never
# compares across families (a protest is never the same event as a bombing).
DEFAULT_FAMILIES: dict[str, str] = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "protest",
    "Riots": "protest",
    "Strategic developments": "strategic",
}


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
    compatible_types: list[tuple[str, str]] = Field(default_factory=lambda: list(DEFAULT_COMPATIBLE))
    families: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_FAMILIES))
    ignore_words: list[str] = Field(default_factory=lambda: [
        "that", "with", "were", "said", "have", "from", "this", "which", "their", "after", "they",
        "been", "also", "when", "while", "where", "there", "into", "more", "than", "about",
        "least", "according", "told", "says", "would", "could", "other", "some"],
        description="Function words (4+ letters) that say nothing about which incident a quote is.")
