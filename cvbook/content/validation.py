"""Front matter against the model: each problem becomes a ContentError naming the file and the key."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError

Model = TypeVar("Model", bound=BaseModel)


def validate(model: type[Model], data: dict[str, Any], path: Path) -> Model:
    """``model(**data)``; every problem becomes a ContentError (the first, with the rest in ``more``)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # Unknown keys first: a misspelt key also makes the right one "missing".
        found = sorted(error.errors(), key=lambda problem: problem["type"] != "extra_forbidden")
        first, *rest = (_problem(path, problem, model) for problem in found)
        raise ContentError(first.path, first.field, first.message, more=tuple(rest)) from None


def _problem(path: Path, problem: Any, model: type[BaseModel]) -> ContentError:
    field = ".".join(str(part) for part in problem["loc"]) or None
    if problem["type"] == "extra_forbidden":
        message = _unknown_key_message(str(problem["loc"][-1]), _allowed_keys(model, problem["loc"]))
    elif problem["type"] == "missing":
        message = "required key is missing"
    else:
        message = problem["msg"].removeprefix("Value error, ")
    return ContentError(path, field, message)


def _allowed_keys(model: type[BaseModel], location: tuple[Any, ...]) -> list[str]:
    """The keys allowed where an unknown key was found: at the top, or in a nested model."""
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation if str(part) in model.model_fields else None
        nested = [arg for arg in (*getattr(annotation, "__args__", ()), annotation) if _is_model(arg)]
        if not nested:
            break
        model = nested[0]
    return list(model.model_fields)


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _unknown_key_message(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    suggestion = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown key ({suggestion}allowed keys: {', '.join(allowed)})"
