"""SQLite as the embedded default: concurrent writers wait for each other instead of failing."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings only"),
    pytest.mark.django_db,
]
ALIAS = "sqlite_file_probe"


def open_file_database(path):
    """A connection to a database file with the project's settings, usable as `ALIAS`."""
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias=ALIAS)
    connections[ALIAS] = wrapper
    return wrapper


def test_it_opens_database_files_in_wal_mode(tmp_path):
    probe = open_file_database(tmp_path / "lantoa.sqlite3")
    with probe.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    probe.close()


def test_it_lets_concurrent_writers_queue_instead_of_failing(tmp_path):
    path = tmp_path / "lantoa.sqlite3"
    setup = open_file_database(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors = []

    def writer():
        db = open_file_database(path)
        try:
            for _ in range(50):
                # Read, then write: with SQLite's default DEFERRED transactions two such
                # writers deadlock and one fails at once with "database is locked".
                with transaction.atomic(using=ALIAS), db.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    (n,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as error:  # the test reports any failure below
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = open_file_database(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert (errors, cursor.fetchone()[0]) == ([], 200)
    check.close()
