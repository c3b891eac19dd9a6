"""`python -m newsint.cli`: the same as the `newsint` command."""

from newsint.cli.main import main

main()
