"""Stage 10: assemble claims from the mentions of the earlier stages.

Contract: ``assemble_claims(ctx, mentions) -> list[Claim]``. Pure; every value in a claim points
to a span of ``ctx.text``. Nothing is guessed: a claim without a date or place keeps ``None`` and
a note saying why.

How sentences become claims (thresholds and word lists in ``packs/core/framing.toml``, framing
decisions in ``frames.py``):

1. Sentences are read in order and grouped into *frames*, one per incident the document tells
   (:func:`frames.opens_frame`). Undated sentences near the incident continue it; sentences
   without a trigger only sharpen its place or add figures. Background sentences ("comes weeks
   after the hijacking") get frames of their own flagged ``background``.
2. A strategic development (an open letter, a vow) is its own frame, unless it falls inside the
   telling of a violent incident, where it is part of that story ("services were suspended").
3. Each sentence is cut into attribution segments (one per claimant; the whole sentence when the
   outlet speaks). A segment that opens a frame, carries figures, or names a claimant becomes a
   claim with the segment as its evidence span.
4. A frame's date and place come from its sentences (never the dateline or a route end);
   claims without their own inherit them.
5. Story-level flags ("could not be independently verified", "conflicting narratives") mark the
   claims of the frame being told as unverified or contested.
6. A violent frame opened by a clause's main predicate in the past ("gunmen killed", read
   from the parse) is an incident even with no date, place or figure (they stay null with a
   reason); any other (present or general statements, words the parse could not place) without
   a date and without both a place and a figure is commentary and dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from rashomon.extract import frames as F
from rashomon.extract import grammar as G
from rashomon.extract.actors import issuer
from rashomon.extract.base import ExtractContext
from rashomon.extract.incidents import incident_of as _incident
from rashomon.extract.mentions import Found
from rashomon.models import ActorKind, ActorMention, Claim, Hedge, Span


@dataclass
class _State:
    frames: list[F.Frame] = field(default_factory=list)
    current: F.Frame | None = None  # the violent incident being told
    last: F.Frame | None = None  # where the previous claim went (for story flags)
    dateline_place: object = None  # PlaceMention of the dateline, the weakest place evidence
    # (sentence index, PlaceMention) of the lead's setting told before any event word ("tried to
    # force their way into a camp at Naushki. ... in the exchange of fire"): the first incident's place
    lead_place: tuple | None = None
    protest: F.Frame | None = None  # the protest being told (its later sentences continue it)


def _role(a: ActorMention, before: bool, violent: bool, responding: bool) -> str:
    if not violent:  # strategic development: the actor who acts comes first (ACLED's actor1)
        return "perpetrator" if before else "other"
    if a.kind in (ActorKind.civilians, ActorKind.foreign_nationals):
        return "target"
    if a.kind == ActorKind.state_force and responding and before:
        return "responder"
    if a.kind in (ActorKind.armed_group, ActorKind.state_force):
        return "perpetrator" if before else "target"
    return "other"


def _victim(a: ActorMention, quantities: list) -> bool:
    """ "three of them Frontier Corps personnel were killed": named inside a casualty figure."""
    return any(q.category in _HARMED and q.span.start <= a.span.start <= q.span.end + 40
               for q in quantities)


_HARMED = {"killed", "injured", "abducted", "hostages"}


def _roles(actors: list[ActorMention], trig, text: str, fr: dict, violent: bool,
           claimant: str | None = None, quantities: list = (), speaker: Span | None = None,
           syntax: tuple[list, list, list] | None = None) -> list[ActorMention]:
    """Roles from the parse when there is one (``syntax`` = agent, patient and speaker spans of
    the trigger: the agent acts, the patient suffers, a speaker is a source); otherwise by
    position: who comes before the trigger acts, who comes after suffers it. An armed group
    that speaks about a violent act claims it ("the BLA claimed to have killed")."""
    responding = F.has_cue(text, fr.get("response_cues", []))
    out, seen = [], set()
    inside = lambda a, spans: any(lo <= a.span.start < hi for lo, hi in spans)  # noqa: E731
    for a in actors:
        if a.name in seen:
            continue  # one role per actor and claim: the first mention decides
        seen.add(a.name)
        before = trig is None or a.span.start < trig.span.start
        if syntax is not None and inside(a, syntax[0]):
            before = True  # the agent, wherever it stands ("were killed by gunmen")
        elif syntax is not None and inside(a, syntax[1]):
            before = False  # the patient
        role = _role(a, before, violent, responding) if trig is not None else "other"
        if violent and a.kind == ActorKind.armed_group and a.name == claimant:
            role = "perpetrator"
        elif (speaker is not None and speaker.start <= a.span.start < speaker.end) or (
                syntax is not None and inside(a, syntax[2]) and not inside(a, syntax[0])):
            role = "other"  # "police said": the source, not a party
        elif violent and syntax is not None and inside(a, syntax[0]) and a.kind not in (
                ActorKind.civilians, ActorKind.foreign_nationals):
            role = role if role == "responder" else "perpetrator"  # the agent acts
        elif violent and _victim(a, quantities):
            role = "target"
        out.append(a.model_copy(update={"role": role}))
    return out


def _syntax_of(ctx, s: F.SentenceView, trig):
    """(agent spans, patient spans, speaker spans) of the trigger in a parsed sentence."""
    if s.parsed is None or trig is None:
        return None
    words = ctx.resources.grammar
    agents, patients = G.arguments(s.parsed, trig.span.start, trig.span.end, words)
    if "speakers" not in s.memo:  # the same for every claim of the sentence
        s.memo["speakers"] = G.speaker_spans(s.parsed, words)
    return agents, patients, s.memo["speakers"]


def _claim(ctx, s: F.SentenceView, seg, frame: F.Frame, trig, fr: dict, dateline: int) -> Claim:
    start, end = (seg.start, seg.end) if seg is not None and len(s.attributions) > 1 else (
        s.sentence.start, s.sentence.end)
    start = max(start, dateline) if start < dateline < end else start
    while start < end and ctx.text[start].isspace():
        start += 1
    inside = lambda x: start <= x.span.start and x.span.end <= end  # noqa: E731
    own_trig = next((t for t in s.triggers if inside(t)), trig)
    date = F.sentence_date(s, dateline, ctx.resources.grammar)
    place = F.event_place(ctx, s, fr, dateline)
    return Claim(
        document_id=ctx.document_id, span=Span(start=start, end=end), quote=ctx.text[start:end],
        # nobody named: the party whose own channel the document is (a press release), else the outlet
        claimant=seg.claimant if seg is not None else issuer(ctx),
        claimant_span=seg.claimant_span if seg is not None else None,
        hedge=seg.hedge if seg is not None else Hedge.asserted,
        event_type=frame.event_type, sub_event_type=frame.sub_event_type,
        trigger=own_trig.text if own_trig else None,
        trigger_span=own_trig.span if own_trig else None,
        date=date if date is not None and date.precision != "year" else None,
        place=place.place if place else None, place_span=place.span if place else None,
        actors=_roles([a for a in s.actors if inside(a)], own_trig, ctx.text[start:end], fr,
                      frame.violent, seg.claimant if seg is not None else None,
                      [q for q in s.quantities if inside(q)],
                      seg.claimant_span if seg is not None else None,
                      _syntax_of(ctx, s, own_trig) if own_trig is not None and
                      s.sentence.start <= own_trig.span.start < s.sentence.end else None),
        quantities=[q for q in s.quantities if inside(q)],
        background=frame.background, incident=frame.incident, frame=frame.index,
    )


def _segments(s: F.SentenceView) -> list:
    """Attribution segments of a sentence; one outlet segment when nobody is quoted."""
    return sorted(s.attributions, key=lambda a: a.start) or [None]


def _start(st: _State, ctx, s, trig, date, place, incident, background, fr, dateline) -> F.Frame:
    f = F.Frame(index=len(st.frames), first_sentence=s.index, last_sentence=s.index,
                event_type=trig.event_type, sub_event_type=trig.sub_event_type,
                violent=F.is_violent(trig), background=background,
                date=date if date is not None and date.precision != "year" else None,
                place=place, incident=incident, main_predicate=trig.clause == "main" and trig.past)
    st.frames.append(f)
    for seg in _segments(s):
        f.claims.append(_claim(ctx, s, seg, f, trig, fr, dateline))
    return f


def _recall(st: _State, ctx, s, date, place, incident, fr, dateline) -> None:
    """Figures of another day's incident that the sentence names without an event word of its
    own ("in Wednesday's assault"): a background frame, its type unknown (None), so the figures
    stay flagged on the report and feed no event."""
    f = F.Frame(index=len(st.frames), first_sentence=s.index, last_sentence=s.index, event_type=None,
                sub_event_type=None, violent=False, background=True, date=date, place=place,
                incident=incident)
    st.frames.append(f)
    for seg in _segments(s):
        f.claims.append(_claim(ctx, s, seg, f, None, fr, dateline))
    st.last = f


def _hold(st: _State, ctx, s: F.SentenceView, held: list[tuple], fr: dict, dateline: int) -> None:
    """Another time's incident named inside the sentence ("too soon to tie them to last week's
    bombing that killed 20"): its figures stay flagged on the report, in a background frame
    whose claims quote that incident's phrase, and the sentence goes on without them."""
    last = st.last
    _recall(st, ctx, replace(s, quantities=[q for q, _ in held]), None, None, None, fr, dateline)
    st.last = last
    f = st.frames[-1]
    out = []
    for (lo, hi) in dict.fromkeys(span for _, span in held):
        for c in f.claims:
            mine = [q for q in c.quantities if lo <= q.span.start and q.span.end <= hi]
            if mine:
                out.append(Claim.model_validate({
                    **c.model_dump(exclude={"id"}), "span": Span(start=lo, end=hi),
                    "quote": ctx.text[lo:hi], "trigger": None, "trigger_span": None, "quantities": mine}))
    f.claims = out


def _continue(st: _State, ctx, s, frame: F.Frame, trig, fr, dateline, date, place, incident) -> None:
    F.refine(frame, s, date, place, incident)
    for seg in _segments(s):
        lo, hi = (seg.start, seg.end) if seg is not None else (s.sentence.start, s.sentence.end)
        figures = any(lo <= q.span.start < hi for q in s.quantities)
        if figures or (seg is not None and seg.claimant):
            frame.claims.append(_claim(ctx, s, seg, frame, trig, fr, dateline))
    st.last = frame


def _flags(frame: F.Frame | None, s: F.SentenceView) -> None:
    if frame is None:
        return
    for fl in s.flags:
        for c in frame.claims:
            if fl.kind == "unverified":
                c.unverified = True
            else:
                c.contested_in_text = True
            c.notes.append(f"{fl.kind}: \u201c{fl.text}\u201d")


def _in_window(st: _State, s: F.SentenceView, fr: dict) -> bool:
    return st.current is not None and s.index - st.current.last_sentence <= fr.get("continue_within", 3)


def _follows_lead(st: _State, s: F.SentenceView, fr: dict) -> bool:
    """Figures right after a non-violent frame, with no violent incident told yet."""
    last = st.last
    return (st.current is None and last is not None and not last.background and bool(s.quantities)
            and s.index - last.last_sentence <= fr.get("story_within", 2))


def _close(st: _State, s: F.SentenceView, fr: dict) -> bool:
    return st.current is not None and s.index - st.current.last_sentence <= fr.get("story_within", 2)


def _continues_protest(st: _State, s: F.SentenceView, trig, date, place, fr: dict) -> bool:
    """ "Police dispersed the demonstrators", "the protest has been ongoing for six days": a
    sentence about the protest being told, close to it, same day and place, continues it."""
    pf = st.protest
    if pf is None or trig is None or trig.sub_event_type not in fr.get("protest_escalation", []):
        return False
    if s.index - pf.last_sentence > fr.get("continue_within", 3):
        return False
    if date is not None and pf.date is not None and F.days_apart(date, pf.date) > fr.get("same_incident_days", 2):
        return False
    return place is None or pf.place is None or not (
        place.place.admin2 and pf.place.place.admin2 and place.place.admin2 != pf.place.place.admin2)


def _escalate(f: F.Frame, trig, fr: dict) -> None:
    """ACLED codes one protest by its gravest moment: peaceful < with intervention < excessive
    force < violent demonstration (``framing.toml`` ``protest_escalation``)."""
    order = fr.get("protest_escalation", [])
    if f.sub_event_type in order and order.index(trig.sub_event_type) > order.index(f.sub_event_type):
        f.event_type, f.sub_event_type, f.violent = trig.event_type, trig.sub_event_type, F.is_violent(trig)


def _step(st: _State, ctx, s: F.SentenceView, fr: dict, dateline: int) -> None:
    trig = F.best_trigger(s)
    date, place = F.sentence_date(s, dateline, ctx.resources.grammar), F.event_place(ctx, s, fr, dateline)
    held = F.other_time_figures(s, trig, fr)
    if held:
        _hold(st, ctx, s, held, fr, dateline)
        s = replace(s, quantities=[q for q in s.quantities if q not in [q for q, _ in held]])
    if _continues_protest(st, s, trig, date, place, fr):
        _escalate(st.protest, trig, fr)
        _continue(st, ctx, s, st.protest, trig, fr, dateline, date, place, _incident(ctx, s.sentence))
        return
    if s.index == 0 and place is None and dateline:
        st.dateline_place = F.dateline_place(s, dateline)
    incident = _incident(ctx, s.sentence)
    same_day = date is None or st.current is None or st.current.date is None or \
        F.days_apart(date, st.current.date) <= fr.get("same_incident_days", 2)
    # a strategic-looking sentence with figures inside a violent story is part of that story
    story = st.current is not None and same_day and (
        bool(s.quantities) or trig is None and _in_window(st, s, fr) or _close(st, s, fr) or (
            _in_window(st, s, fr) and (incident is not None or F.has_cue(
                s.sentence.text, fr.get("anaphora_cues", [])))))
    if trig is None and s.quantities and F.named_by_other_day(ctx, date, st.current):
        _recall(st, ctx, s, date, place, incident, fr, dateline)
        return
    if trig is None and _follows_lead(st, s, fr):
        # "A bomb damaged the line ... No one was hurt, officials said": figures without an
        # event word right after a non-violent frame are that frame's figures
        _continue(st, ctx, s, st.last, trig, fr, dateline, date, place, incident)
        return
    if trig is None and s.index == 0 and place is not None:
        st.lead_place = (s.index, place)
    if trig is None or (not F.is_violent(trig) and story):
        if story:
            # "the port at Gwadar" in passing must not move "near Karachi airport"; a dateline or
            # a province may be sharpened ("hospital in Quetta" is excluded by elsewhere_cues)
            cur = st.current
            weak = cur.place is None or cur.place_from_dateline or F.specificity(cur.place.place) > 3
            located = F.located_place(ctx, s, fr, dateline) if weak else None
            keep = cur.last_sentence  # commentary after an incident must not stretch its window
            F.refine(cur, s, date, located, incident)
            if located is None and incident is None:
                cur.last_sentence = keep
            if s.quantities or (trig is not None and s.attributions):
                _continue(st, ctx, s, st.current, trig, fr, dateline, date, place, incident)
        return
    if not F.is_violent(trig):
        # "the insurgency gained momentum": nobody acts; but a protest that is its clause's main
        # predicate, in the past ("traders held a protest"), is an event whoever the protesters
        # are ("strikes are increasing" is not)
        if date is not None and date.precision == "year" and trig.clause is not None:
            return  # "650 wildcat strikes in 2007": a year's count, not an event
        if any(not a.generic for a in s.actors) or (
                trig.clause == "main" and trig.past and trig.event_type in fr.get("events_by_predicate", [])):
            st.last = _start(st, ctx, s, trig, date, place, incident, False, fr, dateline)
            if place is None and st.dateline_place is not None:
                st.last.place, st.last.place_from_dateline = st.dateline_place, True  # the weakest guess
            if trig.sub_event_type in fr.get("protest_escalation", []):
                st.protest = st.last
        return
    if F.generic_plural(trig, date, s) or (date and date.precision == "year" and (
            not s.quantities or trig.clause is not None)):
        # a year is a period: "713 civilians were killed in 2015" sums many incidents (a parsed
        # sentence tells; unparsed ones keep the old reading, a figure makes it an incident)
        return
    # a report leads with its own incident: a cue in the first sentence of a longer text ("...
    # killed since the attacks on the night of the 29th") dates that incident, it does not
    # recall another one (a lone sentence keeps its cue: it may be a quoted background line);
    # only when the lead tells it in a past clause and not as another time's event: "too early
    # to connect them with last week's suicide bombing", "the inquiry into last month's attack"
    lead = s.index == 0 and len(ctx.sentences) > 1 and trig.past is not False and trig.clause != "earlier"
    background = not lead and (F.has_cue(s.sentence.text, fr.get("background_cues", []))
                               or F.named_by_other_day(ctx, date, st.current))
    opens = F.opens_frame(s, trig, st.current, fr, date, place)
    background = background or (opens and st.current is not None and F.points_back(ctx, trig, fr))
    if background or opens:
        st.last = _start(st, ctx, s, trig, date, place, incident, background, fr, dateline)
        lead = st.lead_place if st.lead_place and len(st.frames) == 1 and \
            s.index - st.lead_place[0] <= fr.get("story_within", 2) else None
        if place is None and lead is not None and not background:
            st.last.place = lead[1]  # the setting the lead gave before its event word
        elif place is None and st.dateline_place is not None and not background:
            st.last.place, st.last.place_from_dateline = st.dateline_place, True
        if date is None and not background and st.current is not None and st.current.date and _close(st, s, fr):
            # "In Kalat, gunmen killed ten people": another place of the same night's attacks
            st.last.date = st.current.date
        if not background:
            st.current = st.last
    else:
        _continue(st, ctx, s, st.current, trig, fr, dateline, date, place, incident)


def _finish(frames: list[F.Frame], fr: dict) -> list[Claim]:
    out: list[Claim] = []
    for f in frames:
        # a count of the incident's dead or hurt makes an incident of a violent word whose
        # sentence asserts nothing by a verb ("A clash between X and Y. 7 killed."); a place
        # alone, without a date or figure, is commentary ("attacks in Kech have increased")
        has_figure = any(c.quantities for c in f.claims)
        if f.violent and fr.get("violent_needs_anchor", True) and not f.main_predicate and not (
                f.date or has_figure):
            continue
        for c in f.claims:
            c.event_type, c.sub_event_type = f.event_type, f.sub_event_type  # after escalation
            if c.date is None and f.date is not None:
                c.date = f.date
            if c.date is None:
                c.notes.append("date: the text gives no date for this incident")
            if f.place is not None and (c.place is None or F.specificity(c.place) > F.specificity(f.place.place)):
                c.place, c.place_span = f.place.place, f.place.span
            if c.place is None:
                c.notes.append("place: the text names no place for this incident")
            out.append(c)
    # the store keys claims by id (document, span, trigger): one sentence told in two frames
    # must not make two claims of one id, which would fail the whole document
    seen: set[str] = set()
    for c in out:
        while c.id in seen:
            c.id = "c_" + hashlib.sha256(f"{c.id}:{c.frame}".encode()).hexdigest()[:14]
        seen.add(c.id)
    return out


def assemble_claims(ctx: ExtractContext, m: Found) -> list[Claim]:
    fr = ctx.resources.framing
    dateline = F.dateline_end(ctx.text)
    st = _State()
    for s in F.sentence_view(ctx, m):
        _step(st, ctx, s, fr, dateline)
        _flags(st.last, s)
    return _finish(st.frames, fr)
