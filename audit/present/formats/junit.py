"""JUnit XML for CI test reports: one testsuite per document, one testcase per check and per gate.

The suite fails exactly when `check` would exit 1 for the document (audit.judge.verdict): a testcase fails
when its check has open findings (neither good practice nor suppressed) at or above the document's fail
level; a failed gate's testcase fails; the `verdict` testcase fails when the verdict is a FAIL that fails
the run (so a FAIL on the uncheckable share alone shows too). Under `fail-on: never` nothing fails, and the
findings are listed in system-out. An input that could not be read is a testsuite with one testcase in error.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from audit.judge.verdict import fail_severities
from audit.models import DocumentResult, Finding
from audit.present.formats.positions import Locator, has_lines, in_order
from audit.present.safe import xml_text
from audit.rules.ruleset import RuleSet


def to_junit(docs: list[DocumentResult], rules: RuleSet, errors: list[dict[str, str]]) -> str:
    root = ET.Element("testsuites", name="sourcing-audit")
    for doc in docs:
        failing = fail_severities(doc.verdict.fail_on, rules) if doc.verdict.fail_on != "never" else ()
        root.append(_suite(doc, [c.id for c in rules.checks], failing))
    for e in errors:
        suite = ET.SubElement(root, "testsuite", name=e["path"], tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=e["path"], name="read")
        ET.SubElement(case, "error", message=e["message"], type="input-error").text = e["message"]
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    _xml_safe(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _xml_safe(root: ET.Element) -> None:
    """Every text and attribute as XML 1.0 can hold it (an article or file name may hold ESC, VT or BEL)."""
    for el in root.iter():
        el.text = xml_text(el.text) if el.text else el.text
        for key, value in el.attrib.items():
            el.set(key, xml_text(value))


def _suite(doc: DocumentResult, check_ids: list[str], levels: tuple[str, ...]) -> ET.Element:
    by_check: dict[str, list[Finding]] = {cid: [] for cid in check_ids}
    for f in in_order(doc):
        if not f.good:
            by_check.setdefault(f.check_id, []).append(f)
    suite = ET.Element("testsuite", name=doc.path)
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="verdict", value=doc.verdict.name)
    ET.SubElement(props, "property", name="uncheckable_share",
                  value=f"{doc.scores.overall.uncheckable_share:.4f}")
    locator = Locator(doc.file_text or doc.text)
    failures = 0
    for cid, found in by_check.items():
        case = ET.SubElement(suite, "testcase", classname=doc.path, name=cid, file=doc.path)
        failing = [f for f in found if f.severity in levels and not f.suppressed]
        if failing:
            failures += 1
            worst = "error" if any(f.severity == "error" for f in failing) else "warning"
            ET.SubElement(case, "failure", type=worst,
                          message=f"{len(failing)} finding{'s' if len(failing) != 1 else ''}: {failing[0].message}"
                          ).text = "\n".join(_line(doc, f, locator) for f in failing)
        rest = [f for f in found if f not in failing]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_line(doc, f, locator) for f in rest)
    for gate in doc.gates:
        case = ET.SubElement(suite, "testcase", classname=doc.path, name=f"gate {gate.id}", file=doc.path)
        if not gate.passed and doc.verdict.fails:
            failures += 1
            ET.SubElement(case, "failure", type="gate", message=gate.message).text = gate.message
        elif not gate.passed:
            ET.SubElement(case, "system-out").text = gate.message
    case = ET.SubElement(suite, "testcase", classname=doc.path, name="verdict", file=doc.path)
    if doc.verdict.fails:
        failures += 1
        ET.SubElement(case, "failure", type="verdict", message=f"FAIL: {doc.verdict.reason}").text = doc.verdict.reason
    else:
        ET.SubElement(case, "system-out").text = f"{doc.verdict.name}: {doc.verdict.reason}"
    suite.set("tests", str(len(by_check) + len(doc.gates) + 1))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def _line(doc: DocumentResult, f: Finding, locator: Locator) -> str:
    where = doc.path
    if has_lines(doc):
        line, col = locator.position(f.start)
        where = f"{doc.path}:{line}:{col}"
    note = f" (suppressed: {f.suppression_reason or 'accepted'})" if f.suppressed else ""
    return f"{where}: {f.severity} {f.check_id} {f.message}{note}: “{f.excerpt}”"
