"""Pure metric core: text and explicit arguments in, frozen dataclasses out. No UI imports."""
