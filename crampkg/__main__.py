"""Run the command line: ``python -m crampkg``."""
from crampkg.cli import main

raise SystemExit(main())
