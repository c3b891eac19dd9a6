"""The command line, thin over the library: `newsint` is the entry point `newsint.cli:main`.

Modules: main (the typer app, analyze, serve, demo), corpus (ingest and the corpus queries),
export, eval, and common (consoles, option types, errors, the corpus opener). The name `main`
below is the entry-point function; import the module's contents with `from newsint.cli.main
import ...`.
"""

from newsint.cli.main import app, demo_files, main

__all__ = ["app", "demo_files", "main"]
