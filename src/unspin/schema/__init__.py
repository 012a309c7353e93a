"""The JSON Schema of unspin's result objects, and a validator for tests and API clients."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema


@cache
def result_schema() -> dict[str, Any]:
    return json.loads(resources.files("unspin.schema").joinpath("result.schema.json").read_text())


def validate_result(result: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless ``result`` is a valid result object."""
    jsonschema.validate(result, result_schema())
