"""Knowledge packs: conflict-specific knowledge as data files, never code.

A pack is a folder holding TOML files and a ``pack.toml`` that names it and the packs it
``extends``. Packs layer: ``core`` (language-level knowledge: triggers, number words,
reporting verbs, place cues) < any packs it extends < the conflict pack. A stage reads one
merged file through :meth:`KnowledgePack.read`: tables merge key by key, lists are extended
(a pack adds its words to core's, it never has to copy them), and a value set by an upper
layer replaces the one below. So a pack folder holds only what is its own.

Every file is validated against its model in :mod:`rashomon.packs.schema` when it is read:
a misspelt key fails with the file, line and valid keys, never silently reads as nothing.

``--pack`` and ``RASHOMON_PACK`` take a bundled pack's name or the path of a folder anywhere.
With neither, the installation's default is the one named in ``packs/default.toml``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rashomon.packs.schema import PackToml, validate

PACKS_DIR = Path(__file__).parent
CORE = "core"


@dataclass(frozen=True)
class KnowledgePack:
    """A pack and the layers under it (``layers[0]`` is core, ``layers[-1]`` this pack)."""

    name: str
    root: Path
    layers: tuple[Path, ...] = ()
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.layers:  # a pack built by hand: core under it
            base = () if self.root == PACKS_DIR / CORE else (PACKS_DIR / CORE,)
            object.__setattr__(self, "layers", (*base, self.root))

    def paths(self, filename: str) -> list[Path]:
        """Every layer's copy of ``filename``, core first."""
        return [p for base in self.layers if (p := base / filename).is_file()]

    def path(self, filename: str) -> Path | None:
        """The uppermost layer's copy of ``filename`` (None when no layer has it)."""
        found = self.paths(filename)
        return found[-1] if found else None

    def read(self, filename: str) -> dict[str, Any]:
        """``filename`` merged over the layers (core first); {} when no layer has it."""
        if filename not in self._cache:
            merged: dict[str, Any] = {}
            for p in self.paths(filename):
                merged = merge(merged, read_toml(p))
            self._cache[filename] = merged
        return self._cache[filename]

    def own(self, filename: str) -> dict[str, Any]:
        """This pack's own copy of ``filename`` (no layers): what ``pack check`` reports."""
        p = self.root / filename
        return read_toml(p) if p.is_file() else {}

    def actor_field(self, field_name: str) -> dict[str, str]:
        """Actor name -> one field (``kind``, ``parent``...) over every table of ``actors.toml``."""
        out: dict[str, str] = {}
        for value in self.read("actors.toml").values():
            for row in value if isinstance(value, list) else ():
                if isinstance(row, dict) and row.get("name") and row.get(field_name):
                    out[row["name"]] = row[field_name]
        return out

    @property
    def meta(self) -> PackToml:
        """This pack's ``pack.toml`` (its own: name, version and extends are not inherited)."""
        return PackToml.model_validate(self.own("pack.toml"))

    @property
    def context(self) -> dict[str, Any]:
        """Default geography of the conflict: ``country``, ``country_code``, ``admin1`` and
        ``countries`` (every country the conflict spans; the single country when unset)."""
        ctx = dict(self.read("pack.toml").get("context", {}))
        if not ctx.get("countries") and ctx.get("country_code"):
            ctx["countries"] = [ctx["country_code"]]
        return ctx

    @property
    def countries(self) -> list[str]:
        return list(self.context.get("countries", []))

    @property
    def default_country_code(self) -> str | None:
        """The country an event without a place country is in: the pack's one country (None
        when it spans several, since guessing one would code events as the wrong country)."""
        listed = self.countries
        return str(listed[0]).upper() if len(listed) == 1 else None

    @property
    def settings(self) -> dict[str, Any]:
        """``[map]`` and ``[linking]`` of ``pack.toml``, merged over the layers."""
        data = self.read("pack.toml")
        return {"map": data.get("map", {}), "linking": data.get("linking", {})}


def merge(base: dict[str, Any], upper: dict[str, Any]) -> dict[str, Any]:
    """``upper`` layered over ``base``: tables merge by key, lists extend (scalars once,
    order kept), any other value of ``upper`` replaces the one in ``base``."""
    out = dict(base)
    for key, value in upper.items():
        below = out.get(key)
        if isinstance(value, dict) and isinstance(below, dict):
            out[key] = merge(below, value)
        elif isinstance(value, list) and isinstance(below, list):
            seen = {v for v in below if not isinstance(v, (dict, list))}
            out[key] = [*below, *(v for v in value if isinstance(v, (dict, list)) or v not in seen)]
        else:
            out[key] = value
    return out


def read_toml(path: Path) -> dict[str, Any]:
    """A pack file parsed and validated against its model (E160 / E162 on a bad file)."""
    return _read_toml(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=128)
def _read_toml(path: Path, mtime_ns: int) -> dict[str, Any]:
    # keyed by mtime too: a pack being edited (``pack check`` in a loop, tests) is re-read
    from rashomon.errors import ConfigError

    text = path.read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}.", code="E160") from None
    validate(path.name, data, text, str(path))
    return data


def demo_folder(pack: KnowledgePack) -> Path:
    """The pack's sample corpus (``demo/``: reports written by the project), for ``rashomon
    demo``. Raises ConfigError E163 for a pack without one."""
    folder = pack.root / "demo"
    if not folder.is_dir():
        from rashomon.errors import ConfigError

        raise ConfigError(f"Knowledge pack '{pack.name}' has no demo corpus ({folder}).", code="E163",
                          hint="A pack's sample reports live in its demo/ folder (docs/packs.md).")
    return folder


def available_packs() -> list[str]:
    return sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.toml").is_file())


def default_pack_name() -> str:
    """``RASHOMON_PACK``, else the installation's default (``packs/default.toml``)."""
    env = os.environ.get("RASHOMON_PACK")
    if env:
        return env
    return tomllib.loads((PACKS_DIR / "default.toml").read_text("utf-8"))["default"]


def load_pack(name: str | None = None, directory: str | None = None) -> KnowledgePack:
    """Load a pack by a bundled name or a folder path (``name`` or ``directory``); ``None``
    means :func:`default_pack_name`. Raises ConfigError E101 (no such pack), E161 (bad
    ``extends``), E160 (a file that does not fit its model)."""
    return _load(name or default_pack_name(), directory)


@lru_cache(maxsize=16)
def _load(name: str, directory: str | None) -> KnowledgePack:
    root = locate(directory or name)
    layers = _layers(root, ())
    for base in layers:  # validate every file now: a bad pack fails at load, not mid-batch
        for p in sorted(base.glob("*.toml")):
            read_toml(p)
    meta = PackToml.model_validate(read_toml(root / "pack.toml"))
    return KnowledgePack(name=meta.name, root=root, layers=layers)


def locate(name_or_path: str, relative_to: Path | None = None) -> Path:
    """The folder of a pack: a bundled name, or a path (relative to ``relative_to``)."""
    from rashomon.errors import ConfigError

    candidates = [PACKS_DIR / name_or_path] if "/" not in name_or_path and "\\" not in name_or_path else []
    p = Path(name_or_path).expanduser()
    candidates += [relative_to / p if relative_to and not p.is_absolute() else p]
    for c in candidates:
        if (c / "pack.toml").is_file():
            return c.resolve()
    raise ConfigError(f"Knowledge pack '{name_or_path}' not found (no pack.toml there).",
                      code="E101", hint=f"Bundled packs: {', '.join(available_packs())}; "
                      "or give the path of a pack folder.")


def _layers(root: Path, seen: tuple[Path, ...]) -> tuple[Path, ...]:
    """Core, then each pack ``root`` extends (depth first, once each), then ``root``."""
    from rashomon.errors import ConfigError

    if root in seen:
        chain = " -> ".join(p.name for p in (*seen, root))
        raise ConfigError(f"Knowledge packs extend each other in a circle: {chain}.", code="E161")
    meta = PackToml.model_validate(read_toml(root / "pack.toml"))
    core = (PACKS_DIR / CORE).resolve()
    if root == core:
        return (core,)
    bases = meta.extends or [CORE]
    out: list[Path] = []
    for base in bases:
        try:
            base_root = locate(base, relative_to=root)
        except ConfigError:
            raise ConfigError(f"{root / 'pack.toml'}: extends '{base}', which is no pack.",
                              code="E161", hint=f"Bundled packs: {', '.join(available_packs())}.") from None
        for layer in _layers(base_root, (*seen, root)):
            if layer not in out:
                out.append(layer)
    if core not in out:
        out.insert(0, core)
    return (*out, root)
