"""Database tables (SQLAlchemy 2). The schema itself is created by Alembic migrations in
``rashomon/store/migrations``; these table objects mirror them for queries.

Claims and events keep their full record as JSON (``payload``) so that nothing extracted is lost,
plus flat, indexed columns for the filters the CLI and API offer.
"""

from __future__ import annotations

from sqlalchemy import (
                        JSON,
                        Boolean,
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

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("published", Date), Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("source", Text), Column("external_id", Text),
    Column("ingested_at", DateTime, nullable=False),
    Column("n_claims", Integer, nullable=False, default=0),
    Index("ix_documents_published", "published"),
)

events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    Column("event_type", String(64)), Column("sub_event_type", String(64)),
    Column("date_start", Date), Column("date_end", Date), Column("date_precision", String(8)),
    Column("place_name", Text), Column("admin1", String(128)), Column("admin2", String(128)),
    Column("country", String(128)), Column("latitude", Float), Column("longitude", Float),
    Column("place_precision", Integer),
    Column("status", String(32)), Column("grade", String(32)),
    Column("unverified", Boolean, nullable=False, default=False),
    Column("killed_best", Integer), Column("killed_low", Integer), Column("killed_high", Integer),
    Column("n_claims", Integer, nullable=False, default=0),
    Column("n_documents", Integer, nullable=False, default=0),
    Column("locked", Boolean, nullable=False, default=False),
    Column("review_status", String(16), nullable=False, default="unreviewed"),
    Column("updated_at", DateTime, nullable=False),
    Column("payload", JSON, nullable=False),
    Index("ix_events_date", "date_start"), Index("ix_events_updated", "updated_at"),
    Index("ix_events_admin", "admin1", "admin2"), Index("ix_events_type", "event_type"),
    Index("ix_events_status", "status"), Index("ix_events_review_status", "review_status"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(32), primary_key=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(32), nullable=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("claimant", Text), Column("hedge", String(16)),
    Column("event_type", String(64)), Column("sub_event_type", String(64)),
    Column("date_start", Date), Column("date_end", Date),
    Column("admin1", String(128)), Column("admin2", String(128)),
    Column("background", Boolean, nullable=False, default=False),
    Column("incident", String(200)),  # case-folded incident name (linking reads claims by it)
    Column("payload", JSON, nullable=False),
    Index("ix_claims_document", "document_id"), Index("ix_claims_event", "event_id"),
    Index("ix_claims_date", "date_start"), Index("ix_claims_claimant", "claimant"),
    Index("ix_claims_incident", "incident"),
)

# An event whose claims change may change id (ids are derived from claims): the old id points on.
event_aliases = Table(
    "event_aliases", metadata,
    Column("old_id", String(32), primary_key=True),
    Column("new_id", String(32), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_event_aliases_new", "new_id"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(128), nullable=False), Column("role", String(16), nullable=False),
    Index("ix_event_actors_name", "name"), Index("ix_event_actors_event", "event_id"),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),
    Column("event_ids", JSON, nullable=False), Column("claim_ids", JSON, nullable=False),
    Column("result_event_ids", JSON, nullable=False),
    Column("who", Text, nullable=False), Column("why", Text), Column("at", DateTime, nullable=False),
)

# Analyst review (migration 0007): append-only, one row per action; never updated or deleted.
review_log = Table(
    "review_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False), Column("claim_id", String(32)),
    Column("field", String(64), nullable=False),
    Column("old", JSON), Column("new", JSON), Column("claim_ids", JSON, nullable=False),
    Column("who", Text, nullable=False), Column("why", Text), Column("at", DateTime, nullable=False),
    Index("ix_review_log_event", "event_id"), Index("ix_review_log_claim", "claim_id"),
)

users = Table(
    "users", metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("token_id", String(16), nullable=False, unique=True),
    Column("salt", String(64), nullable=False), Column("token_hash", String(128), nullable=False),
    Column("created_at", DateTime, nullable=False), Column("revoked_at", DateTime),
)
