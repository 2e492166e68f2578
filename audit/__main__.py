"""`python -m audit` runs the same CLI as `sourcing-audit`."""
import sys

from audit.cli import main

sys.exit(main())
