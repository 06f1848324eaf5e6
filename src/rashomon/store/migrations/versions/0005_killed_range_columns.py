"""Killed low and high as columns beside killed_best, and a covering index for the statistics.

``GET /api/stats`` sums killed low/best/high per day, district, type and status. With low and
high only in the JSON payload, a first (uncached) request parsed every event's JSON: 0.7-4 s
at 100k events (docs/performance.md, API). With the three figures as columns, and the grouping
columns in one index, the aggregation reads the index alone.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STATS_COLUMNS = ["date_start", "admin1", "admin2", "event_type", "status",
                 "killed_low", "killed_best", "killed_high"]


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("killed_low", sa.Integer, nullable=True))
        batch.add_column(sa.Column("killed_high", sa.Integer, nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE events SET "
                   "killed_low = (payload->'estimates'->'killed'->>'low')::numeric::integer, "
                   "killed_high = (payload->'estimates'->'killed'->>'high')::numeric::integer")
    else:
        op.execute("UPDATE events SET "
                   "killed_low = json_extract(payload, '$.estimates.killed.low'), "
                   "killed_high = json_extract(payload, '$.estimates.killed.high')")
    op.create_index("ix_events_stats_cover", "events", STATS_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_events_stats_cover", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("killed_high")
        batch.drop_column("killed_low")
