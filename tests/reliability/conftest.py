"""Each reliability test gets a copy of one migrated SQLite database in a folder of its own."""

import shutil

import pytest

from tests.reliability.procs import _environ, scenario


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("migrated")
    scenario(_environ(folder), "migrate")
    return folder / "app.db"


@pytest.fixture
def env(tmp_path, migrated):
    shutil.copy(migrated, tmp_path / "app.db")
    return _environ(tmp_path)
