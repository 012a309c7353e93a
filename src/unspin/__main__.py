"""``python -m unspin`` runs the CLI."""

from unspin.cli import app

app(prog_name="unspin")
