"""longarm: document, verify and analyse transnational repression."""

from __future__ import annotations

from longarm.notebook import Database, open

__all__ = ["Database", "open"]
__version__ = "0.1.0"
