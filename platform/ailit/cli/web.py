"""`ailit` commands for the web capability."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
