"""The plantrack command line: each command parses its options, makes one call into the
library (plantrack.api), and renders the result. Heavy modules (rich, pydantic, the mail code)
are imported inside the commands that use them, so that `plantrack --help` starts quickly.

The commands live in one module per subject and register on the app of `app.py` when
imported, in the order `plantrack --help` lists them.
"""

# isort: off
from plantrack.cli.app import app, main
from plantrack.cli import plan_commands  # validate, targets
from plantrack.cli import ledger_commands  # record, import, template, history, export
from plantrack.cli import progress_commands  # status, show, sections
from plantrack.cli import report_commands  # report, email
from plantrack.cli import remind_commands  # remind

# isort: on

__all__ = [
    "app",
    "ledger_commands",
    "main",
    "plan_commands",
    "progress_commands",
    "remind_commands",
    "report_commands",
]
