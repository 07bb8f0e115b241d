"""A backend-neutral picture of a database schema, for comparing a migrated database with the models.

Per table: columns (type, nullability, primary key), indexes (columns, unique) and foreign keys
(columns, target table and columns, ON DELETE rule). Names of indexes and constraints and the order
of columns are left out: a column that a later migration adds comes last, and that is fine.
"""

from __future__ import annotations

from models import is_postgres


def snapshot(database) -> dict[str, dict]:
    return _postgres(database) if is_postgres() else _sqlite(database)


def drop_everything(database) -> None:
    """Leave the database without any table (the schema_migration table included)."""
    if is_postgres():
        database.execute_sql("DROP SCHEMA public CASCADE")
        database.execute_sql("CREATE SCHEMA public")
        return
    database.execute_sql("PRAGMA foreign_keys = OFF")
    for (table,) in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall():
        database.execute_sql(f'DROP TABLE "{table}"')
    database.execute_sql("PRAGMA foreign_keys = ON")


def _sqlite(database) -> dict[str, dict]:
    tables = [row[0] for row in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()]
    result = {}
    for table in tables:
        columns = {name: (kind.upper(), bool(notnull), bool(pk))
                   for _, name, kind, notnull, _, pk in database.execute_sql(f'PRAGMA table_info("{table}")')}
        indexes = set()
        for _, name, unique, _, _ in database.execute_sql(f'PRAGMA index_list("{table}")').fetchall():
            info = database.execute_sql(f'PRAGMA index_info("{name}")').fetchall()
            indexes.add((tuple(column for _, _, column in sorted(info)), bool(unique)))
        keys: dict[int, list] = {}
        for key_id, seq, target, source, target_column, _, on_delete, _ in database.execute_sql(
                f'PRAGMA foreign_key_list("{table}")').fetchall():
            keys.setdefault(key_id, []).append((seq, source, target, target_column, on_delete))
        foreign_keys = set()
        for parts in keys.values():
            parts.sort()
            foreign_keys.add((tuple(p[1] for p in parts), parts[0][2], tuple(p[3] for p in parts), parts[0][4]))
        result[table] = {"columns": columns, "indexes": indexes, "foreign_keys": foreign_keys}
    return result


def _postgres(database) -> dict[str, dict]:
    result: dict[str, dict] = {}
    for table, name, kind, length, nullable in database.execute_sql(
            "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable "
            "FROM information_schema.columns WHERE table_schema = 'public'").fetchall():
        entry = result.setdefault(table, {"columns": {}, "indexes": set(), "foreign_keys": set()})
        entry["columns"][name] = (f"{kind}({length})" if length else kind, nullable == "NO", False)
    for table, columns, unique, primary in database.execute_sql(
            "SELECT t.relname, array_agg(a.attname ORDER BY k.ord), i.indisunique, i.indisprimary "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public' "
            "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
            "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum "
            "GROUP BY i.indexrelid, t.relname, i.indisunique, i.indisprimary").fetchall():
        result[table]["indexes"].add((tuple(columns), unique))
        if primary:
            for column in columns:
                kind, notnull, _ = result[table]["columns"][column]
                result[table]["columns"][column] = (kind, notnull, True)
    for table, source, target, target_columns, on_delete in database.execute_sql(
            "SELECT c.conrelid::regclass::text, "
            "ARRAY(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute "
            "      ON attrelid = c.conrelid AND attnum = k.n ORDER BY k.o), "
            "c.confrelid::regclass::text, "
            "ARRAY(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute "
            "      ON attrelid = c.confrelid AND attnum = k.n ORDER BY k.o), "
            "c.confdeltype "
            "FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace").fetchall():
        result[table.strip('"')]["foreign_keys"].add((tuple(source), target.strip('"'), tuple(target_columns),
                                                       _PG_DELETE_RULES[on_delete]))
    return result


_PG_DELETE_RULES = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
