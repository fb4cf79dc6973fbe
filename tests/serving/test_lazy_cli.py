"""The command line imports a command's module only when that command runs."""

from __future__ import annotations

import importlib
import subprocess
import sys

from click.testing import CliRunner

from ailit.cli import LAZY_COMMANDS, main


def test_every_module_command_is_registered_under_its_name() -> None:
    modules = {module for module, _ in LAZY_COMMANDS.values()}
    exported = {
        command.name: (module, command)
        for module in modules
        for command in importlib.import_module(f"ailit.cli.{module}").COMMANDS
    }
    assert set(exported) == set(LAZY_COMMANDS)
    for name, (module, attribute) in LAZY_COMMANDS.items():
        assert exported[name][0] == module
        assert getattr(importlib.import_module(f"ailit.cli.{module}"), attribute) is exported[name][1]


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in LAZY_COMMANDS:
        assert name in result.output


def test_resolving_serve_leaves_other_command_modules_and_heavy_libraries_unimported() -> None:
    code = (
        "import sys, click\n"
        "from ailit.cli import main\n"
        "ctx = click.Context(main)\n"
        "assert main.get_command(ctx, 'serve') is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('ailit.cli.')))\n"
        "print('weasyprint' in sys.modules, 'textstat' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "['ailit.cli.serve', 'ailit.cli.web']"
    assert out[1] == "False False"
