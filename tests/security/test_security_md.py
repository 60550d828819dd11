"""SECURITY.md names a test for each promise: every test it names must exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def named_tests() -> list[tuple[str, str]]:
    text = (ROOT / "SECURITY.md").read_text()
    return re.findall(r"`([\w/]+\.py)::(\w+)`", text)


def test_every_test_security_md_names_exists():
    names = named_tests()
    assert len(names) > 20
    missing = []
    for path, name in names:
        file = ROOT / path
        defined = {node.name for node in ast.walk(ast.parse(file.read_text())) if isinstance(node, ast.FunctionDef)} if file.exists() else set()
        if name not in defined:
            missing.append(f"{path}::{name}")
    assert missing == [], "SECURITY.md names tests that do not exist"
