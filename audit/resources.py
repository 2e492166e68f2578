"""Files shipped with the tool (rules.yaml, templates/)."""
from __future__ import annotations

from pathlib import Path


def resource(name: str) -> Path:
    """A file shipped with the tool: inside the wheel (audit/data/NAME) or at the top of a checkout."""
    packaged = Path(__file__).with_name("data") / name
    return packaged if packaged.exists() else Path(__file__).resolve().parent.parent / name
