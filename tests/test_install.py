"""Installing: `make run` takes only what running needs, the app starts without system zoneinfo, and
the Python version is pinned where buildpacks look."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_ONLY = {
    "pytest",
    "pytest-xdist",
    "ruff",
    "playwright",
    "pytest-playwright",
    "hypothesis",
    "pyscard",
    "schemathesis",
}


def _pins(name):
    return [line for line in (ROOT / name).read_text().splitlines() if line and not line.startswith("#")]


def test_the_runtime_requirements_are_pinned_and_hold_no_test_tool_or_reader_library():
    pins = _pins("requirements.txt")
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][\w.]*", line) for line in pins), pins
    names = {line.split("==")[0].lower() for line in pins}
    assert not names & DEV_ONLY and {"tzdata", "whitenoise", "gunicorn", "huey"} <= names


def test_make_run_installs_requirements_txt_only_and_make_test_adds_the_rest(tmp_path):
    def plan(target):
        env = {**os.environ, "MAKEFLAGS": ""}
        r = subprocess.run(
            ["make", "-n", "-B", target, "VENV=" + str(tmp_path / "venv")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 0, r.stderr
        return r.stdout

    run = plan("run")
    assert "-r requirements.txt" in run and "requirements-dev.txt" not in run and "system-packages" not in run
    assert "--host 127.0.0.1" in (ROOT / "scripts" / "run-embedded.sh").read_text()
    test = plan("test")
    assert "-r requirements-dev.txt" in test and "system-packages.sh test" in test
    assert "hardware/requirements.txt" in plan("reader")


def test_the_app_starts_on_an_image_without_system_zoneinfo(tmp_path):
    code = "from models.core import clock; import app; app.create_app(); print(clock.today())"
    env = {
        **os.environ,
        "PYTHONTZPATH": str(tmp_path / "no-zoneinfo"),
        "CAREERUP_INSTANCE": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
    }
    env.pop("REDIS_URL", None)
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert re.fullmatch(r"\d{4}-\d\d-\d\d\n", r.stdout)


def test_the_python_version_is_pinned_for_buildpacks_and_the_project_table():
    assert (ROOT / ".python-version").read_text().strip() == "3.11"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.12" and project["name"] == "careerup"
