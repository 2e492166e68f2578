"""Which field of a record holds the id, text, outlet, date, URL and title (the --*-field flags)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from audit.rules.cache import code_pattern

DEFAULTS = {
    "id": ("id", "article_id", "doc_id"),
    "text": ("text", "body", "content", "article"),
    "outlet": ("outlet", "publisher", "source", "site"),
    "date": ("date", "publication_date", "published", "published_at"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
}
_MONTH = code_pattern(r"^(\d{4})-(\d{2})")


@dataclass(frozen=True)
class FieldMap:
    """For each of id, text, outlet, date, url and title, the field names tried in order (a flag gives one)."""

    id: tuple[str, ...] = DEFAULTS["id"]
    text: tuple[str, ...] = DEFAULTS["text"]
    outlet: tuple[str, ...] = DEFAULTS["outlet"]
    date: tuple[str, ...] = DEFAULTS["date"]
    url: tuple[str, ...] = DEFAULTS["url"]
    title: tuple[str, ...] = DEFAULTS["title"]

    @classmethod
    def from_flags(cls, **given: str | None) -> FieldMap:
        """--id-field and the others: a given name replaces the defaults of its field."""
        return cls(**{k: (v,) if v else DEFAULTS[k] for k, v in given.items() if k in DEFAULTS})

    def columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.id + self.text + self.outlet + self.date + self.url + self.title))


@dataclass(frozen=True)
class Meta:
    """What the archive says about an article, beside its text."""

    id: str
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None

    @property
    def month(self) -> str | None:
        m = _MONTH.match(self.date or "")
        return f"{m.group(1)}-{m.group(2)}" if m else None


def pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The value of the first of `names` the record has (and is not null), else None."""
    for name in names:
        value = record.get(name)
        if value is not None:
            return value
    return None


def meta_of(record: dict[str, Any], fields: FieldMap, default_id: str) -> Meta:
    def text(names: tuple[str, ...]) -> str | None:
        value = pick(record, names)
        return None if value is None or value == "" else str(value)

    return Meta(text(fields.id) or default_id, text(fields.outlet), text(fields.date), text(fields.url),
                text(fields.title))
