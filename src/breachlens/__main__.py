"""``python -m breachlens`` runs the command line."""

from breachlens.cli import main

main()
