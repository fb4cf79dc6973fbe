"""The ``ailit`` command line: one click group, one module per capability."""

from __future__ import annotations

import click

from ailit import __version__
from ailit.cli import certificates, content, curriculum, i18n, schools, serve, web


@click.group()
@click.version_option(__version__, prog_name="ailit")
def main() -> None:
    """ailit: compile, serve and certify the AI-literacy curriculum."""


for command in (
    *content.COMMANDS,
    *i18n.COMMANDS,
    *curriculum.COMMANDS,
    *web.COMMANDS,
    *serve.COMMANDS,
    *certificates.COMMANDS,
    *schools.COMMANDS,
):
    main.add_command(command)
