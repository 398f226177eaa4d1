"""A data version of the talent map's sources, changed by a trigger on every write to them.

The talent map (selectors/talent.py) reads employees, seats, SKP records, competency assessments and the
positions' competency standards; rows are updated in place without an updated_at, so there is no cheap exact
"has anything changed". Every INSERT/UPDATE/DELETE (and TRUNCATE on PostgreSQL) of those tables sets the
single row of `evaluation_talent_version` to a new random token inside the writing transaction: a reader that
sees the same token before and after computing saw the same committed data, and a rolled-back write's token is
never seen again (a counter would be reused after a rollback).
"""

# ruff: noqa: S608 -- the SQL is built from this module's constant table names only
from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "evaluation_talent_version"
SOURCES = (
    "people_employee",
    "organization_seat",
    "people_performancerecord",
    "people_competencyassessment",
    "organization_positioncompetency",
)
OPS = ("INSERT", "UPDATE", "DELETE")


def _statements(vendor: str) -> list[str]:
    create = f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, token varchar(64) NOT NULL)"
    if vendor == "postgresql":
        out = [
            create,
            f"INSERT INTO {TABLE} (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))",
            f"""CREATE FUNCTION {TABLE}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {TABLE} SET token = md5(random()::text || clock_timestamp()::text) WHERE id = 1;
                RETURN NULL;
            END $$""",
        ]
        for table in SOURCES:  # once per statement: a bulk write of 100,000 rows bumps once
            out.append(
                f"CREATE TRIGGER {table}_talent_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_bump()"
            )
        return out
    out = [create, f"INSERT INTO {TABLE} (id, token) VALUES (1, lower(hex(randomblob(16))))"]
    for table in SOURCES:  # SQLite has row triggers only
        for op in OPS:
            out.append(
                f"CREATE TRIGGER {table}_talent_version_{op.lower()} AFTER {op} ON {table} BEGIN "
                f"UPDATE {TABLE} SET token = lower(hex(randomblob(16))) WHERE id = 1; END"
            )
    return out


def _drops(vendor: str) -> list[str]:
    if vendor == "postgresql":
        out = [f"DROP TRIGGER IF EXISTS {table}_talent_version ON {table}" for table in SOURCES]
        return [*out, f"DROP FUNCTION IF EXISTS {TABLE}_bump()", f"DROP TABLE IF EXISTS {TABLE}"]
    out = [f"DROP TRIGGER IF EXISTS {t}_talent_version_{op.lower()}" for t in SOURCES for op in OPS]
    return [*out, f"DROP TABLE IF EXISTS {TABLE}"]


def install(apps: Any, schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def remove(apps: Any, schema_editor: Any) -> None:
    for sql in _drops(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_review_cycles"),
        ("organization", "0003_seat_active_by_position_index"),
        ("people", "0003_employee_active_by_unit_index"),
    ]

    operations = [migrations.RunPython(install, remove)]
