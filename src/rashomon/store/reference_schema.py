"""Tables of reference datasets (UCDP GED, ACLED exports), created by migration 0002.

They are kept apart from our documents, claims and events: nothing here feeds estimates or
linking; ``rashomon compare`` only reads them side by side with our events.
"""

from __future__ import annotations

from sqlalchemy import (
                        JSON,
                        Column,
                        Date,
                        DateTime,
                        Float,
                        ForeignKey,
                        Index,
                        Integer,
                        MetaData,
                        String,
                        Table,
                        Text,
)

reference_metadata = MetaData()

reference_datasets = Table(
    "reference_datasets", reference_metadata,
    Column("name", String(128), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("source", Text), Column("imported_at", DateTime, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("problems", JSON, nullable=False),
)

reference_events = Table(
    "reference_events", reference_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(128), ForeignKey("reference_datasets.name", ondelete="CASCADE"),
           nullable=False),
    Column("ref_id", String(64), nullable=False), Column("line", Integer),
    Column("date_start", Date), Column("date_end", Date), Column("date_precision", String(8)),
    Column("event_type", String(64)), Column("sub_event_type", String(64)),
    Column("type_of_violence", Integer),
    Column("side_a", Text), Column("side_b", Text),
    Column("admin1", String(128)), Column("admin2", String(128)), Column("location", Text),
    Column("latitude", Float), Column("longitude", Float), Column("where_prec", Integer),
    Column("low", Integer), Column("best", Integer), Column("high", Integer),
    Column("payload", JSON, nullable=False),
    Index("ix_reference_events_dataset_date", "dataset", "date_start"),
)
