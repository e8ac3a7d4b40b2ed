"""Reading the actors TOML file; errors name the file, and the actor and alias at fault."""

from __future__ import annotations

import tomllib
from pathlib import Path

from metrics.actors import ActorConfigError, ActorSet, compile_actors
from sourcebias.paths import DEFAULT_ACTORS


def load_actors(path: Path | None = None) -> ActorSet:
    path = path or DEFAULT_ACTORS
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ActorConfigError(
            f"{path}: cannot read actors config: {exc.strerror or exc}"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ActorConfigError(f"{path}: invalid TOML: {exc}") from None
    try:
        return compile_actors(config)
    except ActorConfigError as exc:
        raise ActorConfigError(f"{path}: {exc}") from None
