"""Append-only audit table at the database level (R-22).

Installed by `manage.py harden_db` after `migrate` (make run and deployments run it), not by a migration:
Django's test flush empties every table between transactional tests, which these triggers would refuse.
On PostgreSQL the deployment also revokes UPDATE/DELETE/TRUNCATE from the application role (docs/deploy).
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

PG_STATEMENTS = [
    """
    CREATE OR REPLACE FUNCTION tepat_audit_is_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'jejak audit bersifat append-only (%)', TG_OP;
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE OR DELETE ON core_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION tepat_audit_is_append_only()",
    "CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION tepat_audit_is_append_only()",
]
SQLITE_STATEMENTS = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
    "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'jejak audit bersifat append-only'); END",
    "CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'jejak audit bersifat append-only'); END",
]


def install_audit_guard(connection: BaseDatabaseWrapper) -> None:
    statements = {"postgresql": PG_STATEMENTS, "sqlite": SQLITE_STATEMENTS}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
