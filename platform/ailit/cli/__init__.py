"""The ``ailit`` command line: one click group, one module per capability.

Each command's module is imported only when that command runs (or when ``--help`` lists the
commands), so ``ailit serve`` does not pay for the XLIFF toolkit, text statistics and the
rest of the command line before it starts.
"""

from __future__ import annotations

import importlib

import click

from ailit import __version__

# Command name -> (module under ailit.cli, attribute holding the click command).
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("content", "build_command"),
    "check": ("content", "check_command"),
    "new": ("content", "new_group"),
    "i18n": ("i18n", "i18n_group"),
    "curriculum": ("curriculum", "curriculum"),
    "db": ("web", "db_group"),
    "users": ("web", "users_group"),
    "serve": ("serve", "serve"),
    "certificates": ("certificates", "certificates_group"),
    "demo": ("schools", "demo"),
}


class LazyGroup(click.Group):
    """A click group that imports a command's module when the command is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module_name, attribute = LAZY_COMMANDS[cmd_name]
            module = importlib.import_module(f"ailit.cli.{module_name}")
            self.add_command(getattr(module, attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="ailit")
def main() -> None:
    """ailit: compile, serve and certify the AI-literacy curriculum."""
