"""Reference datasets (UCDP GED, ACLED) and their events, kept apart from our claims.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_datasets",
        sa.Column("name", sa.String(128), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source", sa.Text), sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
        sa.Column("problems", sa.JSON, nullable=False),
    )
    op.create_table(
        "reference_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset", sa.String(128),
                  sa.ForeignKey("reference_datasets.name", ondelete="CASCADE"), nullable=False),
        sa.Column("ref_id", sa.String(64), nullable=False), sa.Column("line", sa.Integer),
        sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("event_type", sa.String(64)), sa.Column("sub_event_type", sa.String(64)),
        sa.Column("type_of_violence", sa.Integer),
        sa.Column("side_a", sa.Text), sa.Column("side_b", sa.Text),
        sa.Column("admin1", sa.String(128)), sa.Column("admin2", sa.String(128)),
        sa.Column("location", sa.Text),
        sa.Column("latitude", sa.Float), sa.Column("longitude", sa.Float),
        sa.Column("where_prec", sa.Integer),
        sa.Column("low", sa.Integer), sa.Column("best", sa.Integer), sa.Column("high", sa.Integer),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_index("ix_reference_events_dataset_date", "reference_events", ["dataset", "date_start"])


def downgrade() -> None:
    op.drop_index("ix_reference_events_dataset_date", "reference_events")
    op.drop_table("reference_events")
    op.drop_table("reference_datasets")
