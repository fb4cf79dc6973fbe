"""Who issues ailit certificates: the issuer profile named in every credential."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ISSUER_PATH = "/api/v1/issuer"


@dataclass(frozen=True)
class IssuerProfile:
    """The issuer's public identity: ``id`` is the URL of its profile (the keys' controller)."""

    id: str
    name: str
    url: str

    @classmethod
    def for_base_url(cls, base_url: str, name: str = "ailit") -> IssuerProfile:
        base = base_url.rstrip("/")
        return cls(id=base + ISSUER_PATH, name=name, url=base + "/")

    def to_json(self) -> dict[str, Any]:
        """The Open Badges ``Profile`` embedded in credentials."""
        return {"id": self.id, "type": ["Profile"], "name": self.name, "url": self.url}
