"""The registry of extraction stages: each declares what it requires and what it assigns.

A stage is a function ``stage(ctx, mentions) -> None`` registered under a versioned name
(``"quantities.v1"``) with the :class:`~rashomon.extract.mentions.Mentions` fields it reads
(``requires``) and sets (``assigns``); ``"sentences"`` is also the context's sentences. Like
spaCy's ``analyze_pipes``, :func:`analyze` checks an ordering when a pipeline is built: every
field a stage requires must be assigned by an earlier stage, and no field is assigned twice.
At run time a stage sees the mentions through :class:`StageView`, which refuses to read an
undeclared field or to write one the stage does not assign, so the declarations stay true.

A stage whose behaviour changes gets a new name (``.v2``) instead of changing ``.v1`` silently;
``tests/test_pipeline.py`` pins the registry against ``tests/data/stage_registry.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rashomon.errors import ConfigError
from rashomon.extract.base import ExtractContext
from rashomon.extract.mentions import MENTION_FIELDS, Mentions

StageFunc = Callable[[ExtractContext, "StageView"], None]


@dataclass(frozen=True)
class StageSpec:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()):
    """Register a stage function under ``name`` with its contract."""
    requires, assigns = tuple(requires), tuple(assigns)
    unknown = sorted(set(requires + assigns) - set(MENTION_FIELDS))
    if unknown:
        raise ConfigError(f"Stage '{name}' declares unknown fields {unknown}.", code="E131",
                          hint=f"Fields: {', '.join(MENTION_FIELDS)}.")

    def register(func: StageFunc) -> StageFunc:
        if name in REGISTRY:
            raise ConfigError(f"Stage '{name}' is registered twice.", code="E132",
                              hint="Give a changed stage a new versioned name (.v2).")
        REGISTRY[name] = StageSpec(name, func, requires, assigns, (func.__doc__ or "").strip())
        return func

    return register


def analyze(names: Iterable[str]) -> list[str]:
    """Problems of running these stages in this order (empty when the order is sound)."""
    problems, assigned = [], set()
    for name in names:
        spec = REGISTRY.get(name)
        if spec is None:
            problems.append(f"no stage '{name}' (registered: {', '.join(sorted(REGISTRY))})")
            continue
        missing = [f for f in spec.requires if f not in assigned]
        if missing:
            problems.append(f"'{name}' requires {missing}, which no earlier stage assigns")
        twice = [f for f in spec.assigns if f in assigned]
        if twice:
            problems.append(f"'{name}' assigns {twice} again")
        assigned.update(spec.assigns)
    return problems


class StageView:
    """What one stage may see of the document's mentions: its declared fields only."""

    __slots__ = ("_m", "_read", "_write", "_stage")

    def __init__(self, m: Mentions, spec: StageSpec) -> None:
        object.__setattr__(self, "_m", m)
        object.__setattr__(self, "_read", frozenset(spec.requires + spec.assigns))
        object.__setattr__(self, "_write", frozenset(spec.assigns))
        object.__setattr__(self, "_stage", spec.name)

    def __getattr__(self, field: str):
        if field not in self._read:
            raise AttributeError(f"stage '{self._stage}' did not declare that it requires '{field}'")
        return getattr(self._m, field)

    def __setattr__(self, field: str, value) -> None:
        if field not in self._write:
            raise AttributeError(f"stage '{self._stage}' did not declare that it assigns '{field}'")
        setattr(self._m, field, value)


__all__ = ["REGISTRY", "StageSpec", "StageView", "analyze", "stage"]
