"""Analyst review: an append-only table of review changes, and API users with hashed tokens.

``review_log`` holds one row per analyst action (status, assignee, notes, a corrected field, a
claim mark): who, when, old and new value, why. Rows are never updated or deleted; an event's
review is folded from them (``store.review``). ``users`` holds a salted hash of each token.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the review status as a column too, so the review queue filters without reading payloads
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("review_status", sa.String(16), nullable=False,
                                   server_default="unreviewed"))
    op.create_index("ix_events_review_status", "events", ["review_status"])
    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("claim_id", sa.String(32), nullable=True),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old", sa.JSON, nullable=True), sa.Column("new", sa.JSON, nullable=True),
        sa.Column("claim_ids", sa.JSON, nullable=False),
        sa.Column("who", sa.Text, nullable=False), sa.Column("why", sa.Text),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_review_log_event", "review_log", ["event_id"])
    op.create_index("ix_review_log_claim", "review_log", ["claim_id"])
    op.create_table(
        "users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("token_id", sa.String(16), nullable=False, unique=True),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("users")
    op.drop_index("ix_review_log_claim", table_name="review_log")
    op.drop_index("ix_review_log_event", table_name="review_log")
    op.drop_table("review_log")
    op.drop_index("ix_events_review_status", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("review_status")
