"""`python -m plantrack` runs the command line."""

from plantrack.cli import main

main()
