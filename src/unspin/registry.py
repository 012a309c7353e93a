"""Every pluggable part in one place: the analyzer components and the output formats.

Registrations are plain data, resolved on first use (as spaCy's registrations.py), so the CLI
starts fast and ``unspin info`` can list components without importing their models. Third-party
components plug in through the ``unspin.components`` entry-point group: the entry point names a
zero-argument callable returning a `ComponentInfo`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from unspin.errors import ComponentError


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    """What a component is, where its code lives, and what it reads and writes."""

    name: str
    factory: str  # "module:Class", imported only when the component is created
    languages: tuple[str, ...]  # ISO 639-1 codes, or ("*",) for any language
    assigns: tuple[str, ...]  # Document fields it writes, e.g. ("spans.techniques", "scores.propaganda")
    description: str
    requires: tuple[str, ...] = ()
    default_config: dict[str, Any] = field(default_factory=dict)

    def supports(self, language: str | None) -> bool:
        return "*" in self.languages or (language is not None and language in self.languages)


COMPONENTS: dict[str, ComponentInfo] = {}


def register(info: ComponentInfo) -> ComponentInfo:
    COMPONENTS[info.name] = info
    return info


def _load_plugins() -> None:
    for entry_point in entry_points(group="unspin.components"):
        info = entry_point.load()()
        if isinstance(info, ComponentInfo):
            register(info)


def components() -> dict[str, ComponentInfo]:
    """All registered components, built-in first, then plugins."""
    if not COMPONENTS:
        _register_builtins()
        _load_plugins()
    return COMPONENTS


def get(name: str) -> ComponentInfo:
    try:
        return components()[name]
    except KeyError:
        known = ", ".join(components()) or "none"
        raise ComponentError(f"unknown component {name!r} (known: {known})") from None


def create(name: str, **config: Any) -> Any:
    """Instantiate a component by name with its default config overridden by ``config``."""
    info = get(name)
    module_name, _, class_name = info.factory.partition(":")
    factory = getattr(importlib.import_module(module_name), class_name)
    return factory(**{**info.default_config, **config})


#: The components that ship with unspin, in the order a pipeline runs them. Each module has an
#: ``info()`` returning its ComponentInfo and imports its models only when first used. Entities
#: run before quotes so quotes can report speakers under their canonical entity names.
BUILTIN_COMPONENTS: tuple[str, ...] = (
    "unspin.components.techniques",
    "unspin.components.narratives",
    "unspin.components.entities",
    "unspin.components.quotes",
)


def _register_builtins() -> None:
    for module_name in BUILTIN_COMPONENTS:
        register(importlib.import_module(module_name).info())
