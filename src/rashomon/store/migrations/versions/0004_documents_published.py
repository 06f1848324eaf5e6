"""Index documents by publication date: linking looks up the reports published around a new
undated claim (``store.events_in_windows``), once per stored document.

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_published", "documents", ["published"])


def downgrade() -> None:
    op.drop_index("ix_documents_published", table_name="documents")
