"""`python -m reader_app` runs the `reader-app` command."""

from .cli import main

raise SystemExit(main())
