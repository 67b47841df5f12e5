"""Turn Pydantic validation errors into one sentence that names the input and the field."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError


def describe(error: ValidationError, where: str, field_name: Callable[[str], str] = str) -> str:
    """`where, field a.b: problem` for the first error (and how many more there are).

    `field_name` maps the model's dotted path to the input's own name for it (a CSV column).
    """
    first = error.errors()[0]
    location = field_name(".".join(str(part) for part in first["loc"]) or "value")
    message = first["msg"].removeprefix("Value error, ")
    more = error.error_count() - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{where}, field {location}: {message}{suffix}."
