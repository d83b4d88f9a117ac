"""Vietnamese is the default language: every English msgid must have a Vietnamese translation."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

PACKAGE = Path(settings.BASE_DIR) / "lantoa"


def catalogs(root):
    return sorted(root.glob("**/locale/vi/LC_MESSAGES/django.po"))


def untranslated(po_path):
    return [
        entry.msgid
        for entry in polib.pofile(str(po_path))
        if entry.obsolete is False
        and ("fuzzy" in entry.flags or not (entry.msgstr or any(entry.msgstr_plural.values())))
    ]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_it_has_a_vietnamese_translation_for_every_msgid_in_the_code(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".venv", "node_modules", "var", ".git", "*.pyc", ".*cache"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
            "--ignore=docs",
            "--ignore=test-artifacts",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "LANTOA_VAR_DIR": str(tmp_path / "var")},
    )
    missing = {str(po.relative_to(copy)): untranslated(po) for po in catalogs(copy / "lantoa")}
    assert {path: ids for path, ids in missing.items() if ids} == {}


@pytest.mark.parametrize("po_path", catalogs(PACKAGE), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_it_ships_compiled_catalogs_that_match_their_sources(po_path):
    with open(po_path.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or not entry.msgstr or entry.msgid_plural:
            continue
        # gettext keys a message with a context as "context\x04msgid".
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled.get(key) == entry.msgstr, entry.msgid
