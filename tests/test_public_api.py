"""The public surface in rashomon.__all__ is exactly what the package exports."""

from __future__ import annotations

import types

import rashomon


def test_public_api_all_names_exist():
    for name in rashomon.__all__:
        assert hasattr(rashomon, name), name


def test_public_api_nothing_public_is_unlisted():
    public = {n for n, v in vars(rashomon).items()
              if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    assert public <= set(rashomon.__all__), sorted(public - set(rashomon.__all__))


def test_public_api_open_returns_dataframes(tmp_path):
    db = rashomon.open(str(tmp_path / "p.db"), create=True)
    src = tmp_path / "a.txt"
    src.write_text("Gunmen shot dead four labourers in Panjgur on 3 May 2025, police said.")
    report = db.ingest([str(src)])
    assert report.exit_code == 0
    df = db.events().to_pandas()
    assert list(df.columns)[:3] == ["id", "event_type", "sub_event_type"]
    assert len(df) >= 1
    assert db.events().to_polars().height == len(df)
    claims = db.claims().to_pandas()
    assert (claims["quote"].str.len() > 0).all()
    db.close()
