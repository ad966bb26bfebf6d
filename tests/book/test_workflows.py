"""The GitHub workflows and the pre-commit hooks: lint-clean, and publishing as the README says.

actionlint comes from PyPI (requirements-dev.txt) as a wheel with the binary inside,
so it runs offline; its popular-actions data also knows each action's inputs.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from synthetic import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
# Current majors when these workflows were written; a bump is a deliberate edit here too.
PAGES_ACTIONS = {"actions/upload-pages-artifact@v5", "actions/deploy-pages@v5"}


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.is_file():
        pytest.fail(f"{ACTIONLINT} is missing: `make test` installs it from requirements-dev.txt")
    command = [str(ACTIONLINT), "-no-color", *map(str, files)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def load(name: str) -> dict[str, Any]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(f"{action}@")]


def test_actionlint_is_clean() -> None:
    workflows = sorted(WORKFLOWS.glob("*.y*ml"))
    assert {path.name for path in workflows} >= {"pages.yml", "test.yml"}
    result = actionlint(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_mistakes(tmp_path: Path) -> None:
    """Guards the test above against a linter that finds nothing anywhere."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions:\n      pages: writ\n"
        "    steps:\n      - uses: actions/checkout@v7\n        with:\n          fetch-deep: 1\n"
    )
    result = actionlint(broken)
    assert result.returncode == 1
    assert "writ" in result.stdout and "fetch-deep" in result.stdout


def test_pages_builds_on_push_to_main_and_weekly() -> None:
    triggers = load("pages.yml")["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert len(triggers["schedule"]) == 1
    _minute, _hour, day_of_month, month, day_of_week = triggers["schedule"][0]["cron"].split()
    assert (day_of_month, month) == ("*", "*") and day_of_week.isdigit()


def test_pages_deploys_one_at_a_time_with_the_pages_permissions() -> None:
    workflow = load("pages.yml")
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    used = {step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step}
    assert PAGES_ACTIONS <= used


def test_pages_builds_strictly_from_the_execution_cache() -> None:
    build = load("pages.yml")["jobs"]["build"]
    assert any(step.get("run") == "make book" for step in build["steps"])
    assert steps_using(build, "actions/upload-pages-artifact")[0]["with"]["path"] == "_build/html"
    caches = {step["with"]["path"].strip(): step["with"] for step in steps_using(build, "actions/cache")}
    assert ".venv" in caches
    execution = next(spec for path, spec in caches.items() if "_build/.doctrees" in path)
    assert "hashFiles('requirements.txt')" in execution["key"]
    assert execution["restore-keys"].startswith("book-${{ hashFiles('requirements.txt') }}")


def test_pages_builds_with_the_address_pages_reports() -> None:
    build = load("pages.yml")["jobs"]["build"]
    steps = build["steps"]
    configure = next(
        index
        for index, step in enumerate(steps)
        if step.get("uses", "").startswith("actions/configure-pages")
    )
    make_book = next(index for index, step in enumerate(steps) if step.get("run") == "make book")
    assert configure < make_book, "the address is known before the build"
    env = steps[make_book]["env"]
    assert env["SITE_URL"] == f"${{{{ steps.{steps[configure]['id']}.outputs.base_url }}}}"
    assert env["REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_pull_requests_run_the_test_suite_as_ci_does() -> None:
    workflow = load("test.yml")
    assert "pull_request" in workflow["on"]
    test = workflow["jobs"]["test"]
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    venv = steps_using(test, "actions/cache")[0]["with"]
    assert venv["path"] == ".venv" and "requirements-dev.txt" in venv["key"]


def test_pre_commit_config_is_valid() -> None:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    command = [str(pre_commit), "validate-config", str(PRE_COMMIT_CONFIG)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_ruff_nbstripout_and_check_yaml_at_released_revs() -> None:
    repos = yaml.safe_load(PRE_COMMIT_CONFIG.read_text(encoding="utf-8"))["repos"]
    revs = {hook["id"]: repo["rev"] for repo in repos if repo["repo"] != "local" for hook in repo["hooks"]}
    assert set(revs) == {"ruff-check", "ruff-format", "nbstripout", "check-yaml"}
    assert all(re.fullmatch(r"v?\d+\.\d+\.\d+", rev) for rev in revs.values()), revs
    # The hook and `.venv/bin/ruff` give the same findings only at the same version.
    ruff_pin = re.search(r"^ruff==(\S+)$", (REPO / "requirements-dev.txt").read_text(), re.MULTILINE)
    assert ruff_pin and revs["ruff-check"] == f"v{ruff_pin[1]}"


def test_pre_commit_checks_the_content_as_make_check_does() -> None:
    repos = yaml.safe_load(PRE_COMMIT_CONFIG.read_text(encoding="utf-8"))["repos"]
    local = {hook["id"]: hook for repo in repos if repo["repo"] == "local" for hook in repo["hooks"]}
    hook = local["content-check"]
    assert hook["entry"].startswith("make") and hook["entry"].endswith(" check")
    assert hook["pass_filenames"] is False
    for edited in ("intro.md", "experience/new-position.md", "self-development.md", "_config.yml"):
        assert re.search(hook["files"], edited), edited
