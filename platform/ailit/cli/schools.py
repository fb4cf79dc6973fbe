"""`ailit` commands for the schools capability."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
