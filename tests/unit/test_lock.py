"""requirements.lock pins what pyproject.toml asks for: a test fails when they disagree."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [Requirement(line) for line in wanted]


def lock_pins(text: str) -> dict[str, str]:
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", text, re.M)
    }


def disagreements(requirements: list[Requirement], lock_text: str, torch: str) -> list[str]:
    pins = lock_pins(lock_text)
    problems = []
    for req in requirements:
        name = canonicalize_name(req.name)
        # torch is installed on its own (see the Makefile), so its pin lives there.
        version = torch if name == "torch" else pins.get(name)
        if version is None:
            problems.append(f"{req.name}: in pyproject.toml ma non in requirements.lock")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(
                f"{req.name}: il lock ha {version}, pyproject.toml chiede {req.specifier}"
            )
    unhashed = [
        block.split("==")[0]
        for block in re.split(r"\n(?=[A-Za-z0-9])", lock_text)
        if "==" in block and "--hash=sha256:" not in block
    ]
    problems += [f"{name}: senza hash nel lock" for name in unhashed]
    return problems


def makefile_torch() -> str:
    match = re.search(r"^TORCH\s*:=\s*(\S+)", (ROOT / "Makefile").read_text("utf-8"), re.M)
    assert match, "il Makefile non dichiara TORCH"
    return match.group(1)


def test_the_lock_pins_every_dependency_within_its_range_with_hashes():
    problems = disagreements(
        pyproject_requirements(),
        (ROOT / "requirements.lock").read_text("utf-8"),
        makefile_torch(),
    )
    assert problems == [], (
        "requirements.lock non è allineato a pyproject.toml: rigeneralo con `make lock`.\n"
        + "\n".join(problems)
    )


def test_an_out_of_date_lock_is_reported():
    requirements = [Requirement("numpy>=2.0"), Requirement("mkdocs>=1.6.1,<1.7")]
    lock = "numpy==1.26.4 \\\n    --hash=sha256:abc\nmkdocs==1.6.1\n"
    problems = disagreements(requirements + [Requirement("rich>=13")], lock, "2.13.0")
    assert "numpy: il lock ha 1.26.4, pyproject.toml chiede >=2.0" in problems
    assert "rich: in pyproject.toml ma non in requirements.lock" in problems
    assert "mkdocs: senza hash nel lock" in problems
