"""PostgreSQL: renew the talent data version once per transaction, at commit, instead of on every statement.

0003's statement triggers updated the version row inside each writing statement, so every transaction that wrote
employees, seats, SKP, assessments or standards held that one row's lock until it committed: a 15,000-row import
blocked every other writer for its whole length, and two writers touching each other's rows could deadlock. Here a
deferred constraint trigger fires at commit (after every row lock the transaction takes), and a transaction-local
setting lets only the first event of a batch update the row: the lock is held for the commit alone. TRUNCATE
keeps its statement trigger (it locks the whole table anyway). SQLite (one writer at a time) keeps 0003's triggers.
`selectors/talent_version.py` fires a transaction's pending events before it reads the token inside an atomic
block, so a transaction sees its own writes.
"""

# ruff: noqa: S608 -- the SQL is built from this module's constant table names only
from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "evaluation_talent_version"
FLAG = "tepat.talent_version_xact"
SOURCES = (
    "people_employee",
    "organization_seat",
    "people_performancerecord",
    "people_competencyassessment",
    "organization_positioncompetency",
)
BUMP_ONCE = f"""CREATE FUNCTION {TABLE}_bump_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('{FLAG}', true), '') IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('{FLAG}', txid_current()::text, true);
        UPDATE {TABLE} SET token = md5(random()::text || clock_timestamp()::text) WHERE id = 1;
    END IF;
    RETURN NULL;
END $$"""


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(BUMP_ONCE)
    for table in SOURCES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_talent_version ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_talent_version_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_bump()"
        )
        schema_editor.execute(
            f"CREATE CONSTRAINT TRIGGER {table}_talent_version_commit AFTER INSERT OR UPDATE OR DELETE "
            f"ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TABLE}_bump_once()"
        )


def remove(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SOURCES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_talent_version_commit ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_talent_version_truncate ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_talent_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_bump()"
        )
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_bump_once()")


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0003_talent_data_version")]

    operations = [migrations.RunPython(install, remove)]
