"""Entry point of the frozen (PyInstaller) app: the same `reader-app` command."""

from reader_app.cli import main

raise SystemExit(main())
