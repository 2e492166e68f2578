"""`python -m audit` runs the same CLI as `sourcing-audit`."""

from audit.cli import exit_process, main

exit_process(main())
