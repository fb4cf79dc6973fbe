"""`ailit curriculum` commands: competency coverage across the stages."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
