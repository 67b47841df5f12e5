"""`python -m longarm` runs the command line."""

from longarm.cli import main

main()
