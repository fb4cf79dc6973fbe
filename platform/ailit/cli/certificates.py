"""`ailit` commands for the certificates capability."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
