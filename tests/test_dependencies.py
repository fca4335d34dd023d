"""The dependencies are honest: pyproject.toml declares every package the code imports and no
package it does not use, and the lock files (written by scripts/lock.sh) are the one place where
versions are pinned: they satisfy pyproject.toml, carry a SHA-256 for every entry, hold exactly
the packages the declared ones need, and are what this environment was installed from."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from embargo.config import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
DEV = [Requirement(text) for text in PYPROJECT["dependency-groups"]["dev"]]
RELOCK = "run scripts/lock.sh (needs the network) and commit the lock files"
CODE = ("embargo", "ingest", "dashboard", "demo")

# Runtime dependencies the code never names in an import, and why they are needed all the same.
USED_WITHOUT_IMPORT = {
    "pandas": "polars' to_pandas hands data frames to Streamlit (item search)",
    "pytz": "DuckDB imports it to return TIMESTAMP WITH TIME ZONE values (catalog snapshots)",
}


def read_lock(name: str) -> dict[str, Requirement]:
    """A lock file's entries (name -> requirement with its marker); every entry must be an
    exact pin followed by at least one SHA-256."""
    text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
    entries = {}
    for block in re.split(r"\n(?=[a-z0-9])", text):
        first = block.split(" \\", 1)[0].strip()
        if not first or first.startswith("#"):
            continue
        requirement = Requirement(first)
        hashes = re.findall(r"--hash=sha256:[0-9a-f]{64}", block)
        assert hashes, f"{name}: {requirement.name} has no --hash: {RELOCK}"
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{name}: {first} is not an exact pin"
        entries[canonicalize_name(requirement.name)] = requirement
    return entries


def pinned(requirement: Requirement) -> str:
    (specifier,) = requirement.specifier
    return specifier.version


def applies_here(requirement: Requirement, extra: str = "") -> bool:
    if requirement.marker is None:
        return True
    return requirement.marker.evaluate({**default_environment(), "extra": extra})


@pytest.mark.parametrize(
    ("lock_name", "declared"),
    [("requirements.lock", RUNTIME), ("requirements-dev.lock", RUNTIME + DEV)],
)
def test_the_lock_satisfies_every_declared_dependency(lock_name, declared):
    lock = read_lock(lock_name)
    for requirement in declared:
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{requirement} is declared but not in {lock_name}: {RELOCK}"
        version = pinned(lock[name])
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock_name} pins {name}=={version}, outside pyproject.toml's {requirement}: {RELOCK}"
        )


def test_the_dev_lock_keeps_the_runtime_versions():
    runtime, dev = read_lock("requirements.lock"), read_lock("requirements-dev.lock")
    assert {name: pinned(dev[name]) for name in runtime if name in dev} == {
        name: pinned(requirement) for name, requirement in runtime.items()
    }


def needed(roots: list[Requirement]) -> set[str]:
    """The packages `roots` need on this platform, walking the installed packages' metadata."""
    found: set[str] = set()
    todo = [(requirement, "") for requirement in roots]
    while todo:
        requirement, extra = todo.pop()
        if not applies_here(requirement, extra):
            continue
        name = canonicalize_name(requirement.name)
        wanted_extras = sorted(requirement.extras)
        key = name if not wanted_extras else f"{name}[{','.join(wanted_extras)}]"
        if key in found:
            continue
        found.add(key)
        found.add(name)
        for text in metadata.requires(name) or []:
            dependency = Requirement(text)
            for chosen in ["", *wanted_extras]:
                if applies_here(dependency, chosen):
                    todo.append((dependency, chosen))
                    break
    return {name for name in found if "[" not in name}


@pytest.mark.parametrize(
    ("lock_name", "roots"),
    [("requirements.lock", RUNTIME), ("requirements-dev.lock", RUNTIME + DEV)],
)
def test_the_lock_holds_exactly_what_the_declared_dependencies_need(lock_name, roots):
    if lock_name == "requirements-dev.lock":
        missing = [r.name for r in DEV if not installed(r.name)]
        if missing:
            pytest.skip(f"dev tools not installed here: {missing} (scripts/setup.sh --dev)")
    lock = read_lock(lock_name)
    here = {name for name, requirement in lock.items() if applies_here(requirement)}
    wanted = needed(roots)
    assert sorted(here - wanted) == [], f"{lock_name} pins packages nothing needs: {RELOCK}"
    assert sorted(wanted - here) == [], f"{lock_name} misses needed packages: {RELOCK}"


def installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def test_this_environment_was_installed_from_the_lock():
    lock = read_lock("requirements.lock")
    differing = {
        name: (pinned(requirement), installed(name))
        for name, requirement in lock.items()
        if applies_here(requirement) and installed(name) != pinned(requirement)
    }
    assert differing == {}, "locked vs installed: run scripts/setup.sh"


def imported_modules() -> dict[str, str]:
    """Top-level modules imported by the program's code -> the first file importing each."""
    found: dict[str, str] = {}
    for package in CODE:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(PROJECT_ROOT)))
    return found


def test_every_imported_package_is_declared():
    declared = {canonicalize_name(requirement.name) for requirement in RUNTIME}
    distributions = metadata.packages_distributions()
    undeclared = {}
    for module, where in imported_modules().items():
        if module in sys.stdlib_module_names or module in CODE or module == "__future__":
            continue
        owners = {canonicalize_name(name) for name in distributions.get(module, [])}
        assert owners, f"{where} imports {module}, which no installed package provides"
        if not owners & declared:
            undeclared[module] = (where, sorted(owners))
    assert undeclared == {}, "imported but not in pyproject.toml's dependencies"


def test_every_declared_package_is_used():
    """Each runtime dependency is imported by the code, or named by it as a module (extension
    wheels, vendored map assets), or listed in USED_WITHOUT_IMPORT with the reason."""
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for package in (*CODE, "scripts")
        for path in (PROJECT_ROOT / package).rglob("*.py")
    )
    imported = set(imported_modules())
    distributions = metadata.packages_distributions()
    unused = []
    for requirement in RUNTIME:
        name = canonicalize_name(requirement.name)
        modules = {
            module
            for module, owners in distributions.items()
            if name in {canonicalize_name(owner) for owner in owners}
        }
        named = any(re.search(rf"[\"']{module}\b", sources) for module in modules)
        if not (modules & imported or named or name in USED_WITHOUT_IMPORT):
            unused.append(name)
    assert unused == [], "declared in pyproject.toml but never used"
