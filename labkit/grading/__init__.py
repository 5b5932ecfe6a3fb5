"""Instructor tools (评分): release, collect, sandbox, score, gradebook; used through ``labkit grade`` & co.

Nothing but the command line imports this package (tools/layers.toml); its modules are the
steps of the pipeline, each with its own ``__all__``.
"""

__all__: list[str] = []
