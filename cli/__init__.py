"""The `sourcebias` command: the top of the flow, calling every stage below it."""
