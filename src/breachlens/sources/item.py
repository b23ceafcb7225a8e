"""The one thing every connector yields: :class:`Item`, a raw post, article or message as its source gives it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

__all__ = ["ContentType", "Item"]

ContentType = Literal["text", "html", "markdown", "json"]


@dataclass(frozen=True)
class Item:
    """One raw post, article or message.

    ``text`` may be HTML (``content_type == "html"``): the caller turns it into text
    (:func:`breachlens.extract.pipeline.prepare`). ``published`` is timezone-aware UTC. ``metadata`` holds what
    the connector knows beyond that, e.g. ``{"claim_type": "ransomware", "actor": "lockbit3", ...}`` for a
    leak-site post or ``{"channel": ..., "message_id": ..., "links": [...]}`` for a Telegram message.

    Example::

        >>> Item(text="Selling ACME db, 2M rows", source="notes/").content_type
        'text'
    """

    text: str
    source: str
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    content_type: ContentType = "text"
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.published is not None and self.published.tzinfo is None:
            raise ValueError("Item.published must be timezone-aware (UTC)")
