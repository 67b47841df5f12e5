"""longarm: document, verify and analyse transnational repression."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from longarm.notebook import Database, open

__all__ = ["Database", "open"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The notebook API pulls in SQLAlchemy; loading it lazily keeps `longarm extract` fast.
    if name in __all__:
        from longarm import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'longarm' has no attribute {name!r}")
