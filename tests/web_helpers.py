"""Shared by the web tests: the app through Starlette's test client, the seed, documents made on the fly, and the
statements of the seed whose labels a reader of the article can tell (read from the article, not the tool)."""
from __future__ import annotations

import io
import re
from pathlib import Path

from lxml import html as lxml_html
from starlette.testclient import TestClient  # the web extra: scripts/setup.sh installs it; the tests never skip

from audit.web.app import create_app
from audit.web.config import WebConfig

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
BASE = "http://127.0.0.1:8000"

# Sentences of the seed and the label their wording gives them (a reader's reading of the guidelines' labels)
READ_LABELS = {
    "The transcript shows Witkoff racing to connect Putin with Trump": "leaked transcript",
    "Bloomberg reported that the talks helped shape an initial 28-point peace proposal": "secondhand report",
    "A second diplomat still at the State Department said": "anonymous source",
    "Trump defended his envoy on Air Force One on Tuesday": "named source",
    "Two days before meeting Zelensky, Trump spoke with Putin.": "unattributed",
    "Share this @internewscast.com": "not a claim",
}


def client(config: WebConfig | None = None) -> TestClient:
    return TestClient(create_app(config or WebConfig()), base_url=BASE)


def statements(page: str) -> list[tuple[str, str, str]]:
    """(label name, statement text, details) of each statement on a result page, in order."""
    tree = lxml_html.fromstring(page)
    out = []
    for s in tree.xpath(_klass("span", "stmt")):
        mark = s.xpath(_klass("span", "mark", "."))[0].text_content()
        tip = s.xpath(_klass("span", "tip", "."))[0].text_content()
        name = re.match(r"\w\d+ (.+?)\.", tip)
        out.append((name.group(1) if name else "", " ".join(mark.split()), " ".join(tip.split())))
    return out


def _klass(tag: str, name: str, at: str = "") -> str:
    return f'{at}//{tag}[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'


def hidden_fields(page: str, form_class: str) -> dict[str, str]:
    form = lxml_html.fromstring(page).xpath(_klass("form", form_class))[0]
    return {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@type='hidden']")}


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
