"""First schema: documents, claims, events, event actors, audit log.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text), sa.Column("outlet", sa.Text), sa.Column("title", sa.Text),
        sa.Column("published", sa.Date), sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.Text), sa.Column("external_id", sa.Text),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("n_claims", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("event_type", sa.String(64)), sa.Column("sub_event_type", sa.String(64)),
        sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("place_name", sa.Text), sa.Column("admin1", sa.String(128)),
        sa.Column("admin2", sa.String(128)), sa.Column("country", sa.String(128)),
        sa.Column("latitude", sa.Float), sa.Column("longitude", sa.Float),
        sa.Column("place_precision", sa.Integer),
        sa.Column("status", sa.String(32)), sa.Column("grade", sa.String(32)),
        sa.Column("unverified", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("killed_best", sa.Integer),
        sa.Column("n_claims", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_documents", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_date", "events", ["date_start"])
    op.create_index("ix_events_updated", "events", ["updated_at"])
    op.create_index("ix_events_admin", "events", ["admin1", "admin2"])
    op.create_index("ix_events_type", "events", ["event_type"])
    op.create_index("ix_events_status", "events", ["status"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("document_id", sa.String(32),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.String(32), nullable=True),
        sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
        sa.Column("claimant", sa.Text), sa.Column("hedge", sa.String(16)),
        sa.Column("event_type", sa.String(64)), sa.Column("sub_event_type", sa.String(64)),
        sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date),
        sa.Column("admin1", sa.String(128)), sa.Column("admin2", sa.String(128)),
        sa.Column("background", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_index("ix_claims_document", "claims", ["document_id"])
    op.create_index("ix_claims_event", "claims", ["event_id"])
    op.create_index("ix_claims_date", "claims", ["date_start"])
    op.create_index("ix_claims_claimant", "claims", ["claimant"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(32), sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
    )
    op.create_index("ix_event_actors_name", "event_actors", ["name"])
    op.create_index("ix_event_actors_event", "event_actors", ["event_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("event_ids", sa.JSON, nullable=False),
        sa.Column("claim_ids", sa.JSON, nullable=False),
        sa.Column("result_event_ids", sa.JSON, nullable=False),
        sa.Column("who", sa.Text, nullable=False), sa.Column("why", sa.Text),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("audit_log", "event_actors", "claims", "events", "documents"):
        op.drop_table(table)
