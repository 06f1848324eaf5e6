"""Claims' incident name as a column, and a table of replaced event ids.

Linking reads the stored claims that name an incident ("Jaffar Express") whatever their date
(``link.relink``): with the name only in the JSON payload that query would parse every claim.
Event ids are derived from their claims, so an event whose claims change can change id; the
alias table keeps each old id pointing at the event that took over (``Store.event`` follows it).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("incident", sa.String(200), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE claims SET incident = lower(payload->>'incident')")
    else:
        op.execute("UPDATE claims SET incident = lower(json_extract(payload, '$.incident'))")
    op.create_index("ix_claims_incident", "claims", ["incident"])
    op.create_table(
        "event_aliases",
        sa.Column("old_id", sa.String(32), primary_key=True),
        sa.Column("new_id", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_event_aliases_new", "event_aliases", ["new_id"])


def downgrade() -> None:
    op.drop_index("ix_event_aliases_new", table_name="event_aliases")
    op.drop_table("event_aliases")
    op.drop_index("ix_claims_incident", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("incident")
