"""Indexes for the HTTP API's filters at scale (measured with bench/api.py, 100k events).

* status / date filters keep the newest-first order from an index (no sort of all matches);
* incremental sync (``updated_since``) pages in change order straight from an index;
* place and actor filters count matches from narrow covering indexes instead of scanning the
  wide events rows (each carries its JSON payload).

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_events_status_date", "events", ["status", "date_start", "id"]),
    ("ix_events_date_end", "events", ["date_end", "date_start"]),
    ("ix_events_place_cover", "events", ["place_name", "admin1", "admin2", "country"]),
    ("ix_events_type_date", "events", ["event_type", "date_start"]),
    ("ix_events_updated_id", "events", ["updated_at", "id"]),  # sync pages in change order
    ("ix_event_actors_name_event", "event_actors", ["name", "event_id"]),
]


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
