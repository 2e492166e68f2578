"""The values that exist once per statement (issue 13: a 16 MB article holds hundreds of thousands of them)."""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest

from audit.models import DocumentResult, Excluded
from audit.pipeline import audit_file

SEED = Path(__file__).resolve().parents[1] / "seeds" / "putin-trump-tomahawk.txt"


@pytest.fixture(scope="module")
def doc() -> DocumentResult:
    return audit_file(SEED)


def _per_statement(doc: DocumentResult) -> dict[str, Any]:
    attributed = next(s for s in doc.statements if s.attributions)
    return {"Paragraph": doc.paragraphs[0], "Statement": doc.statements[0].statement,
            "LabelledStatement": attributed, "Match": attributed.matches[0], "Attribution": attributed.attributions[0],
            "Quotation": doc.quotations[0], "Source": doc.sources[0], "Finding": doc.findings[0]}


@pytest.mark.parametrize("name", ["Paragraph", "Statement", "LabelledStatement", "Match", "Attribution",
                                  "Quotation", "Source", "Finding"])
def test_a_per_statement_value_has_slots_not_a_dict(doc: DocumentResult, name: str) -> None:
    value = _per_statement(doc)[name]
    assert type(value).__name__ == name
    assert not hasattr(value, "__dict__")  # slots: no dictionary of attributes per instance
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, dataclasses.fields(value)[0].name, None)
    assert pickle.loads(pickle.dumps(value)) == value  # --jobs workers send them back pickled


def test_a_whole_result_survives_pickling(doc: DocumentResult) -> None:
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and back.statements[3].statement.text == doc.statements[3].statement.text


@dataclasses.dataclass(frozen=True, slots=True)
class _Tagged(Excluded):  # a subclass of a model, as a library user might write
    tag: str = "t"


def test_a_subclass_of_a_model_pickles_as_itself() -> None:
    value = _Tagged("furniture", 3, 1, "See also", tag="kept")
    back = pickle.loads(pickle.dumps(value))
    assert type(back) is _Tagged and back == value and back.tag == "kept"
