"""pyproject.toml and environment.yml list the same dependencies with the same floors."""

import re
import tomllib

import yaml

from analysis import paths

REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)\s*(.*)$")


def parse(requirements):
    return dict(REQUIREMENT.match(r.strip()).groups() for r in requirements)


def test_conda_environment_matches_pyproject():
    project = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = parse(project["dependencies"] + project["optional-dependencies"]["test"])
    wanted["python"] = project["requires-python"]
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text())
    conda = parse(d for d in env["dependencies"] if isinstance(d, str) and d != "pip")
    assert conda == wanted
