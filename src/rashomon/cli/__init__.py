"""The ``rashomon`` command line: thin commands over the library (one module per command).

Every error reaches the user as one sentence with a stable code, never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console

app = typer.Typer(
    name="rashomon", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Turn conflict news into events that keep every side's claims.\n\n"
         "Example: rashomon demo",
    # -h as well as --help, on every command (click hands these down to sub-commands)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from rashomon.version import __version__

        typer.echo(f"rashomon {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Turn conflict news into events that keep every side's claims.

    Example: rashomon demo
    """
# Pipes and files get a wide console so tables stay readable when saved or pasted.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)


UNEXPECTED = "E999"  # a bug: anything that is neither a RashomonError nor a usage error


def _register() -> None:
    # Importing a command module registers its commands on ``app``.
    import pkgutil

    for mod in pkgutil.iter_modules(__path__):
        if mod.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{mod.name}")


def main(argv: list[str] | None = None) -> int:
    from rashomon.errors import RashomonError

    _register()
    try:
        rv = app(args=argv, standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except RashomonError as exc:
        err_console.print(f"[red]Error {exc.code}:[/red] {exc}", highlight=False, soft_wrap=True)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("Interrupted.")
        return 130
    except Exception as exc:  # click usage errors and anything unexpected: one line, no trace
        usage = _click_error(exc)
        if usage is not None:
            code, message = usage
            err_console.print(f"[red]Error {code}:[/red] {message}", highlight=False, soft_wrap=True)
            return 2
        err_console.print(f"[red]Error {UNEXPECTED}:[/red] unexpected {exc.__class__.__name__}: {exc}",
                          highlight=False)
        return 1


def _click_error(exc: Exception) -> tuple[str, str] | None:
    """``(code, one sentence)`` for a command-line usage error, else ``None``.

    typer vendors click (``typer._click``) and newer releases no longer raise the classes of
    an installed ``click``: match the vendored classes and the installed ones alike.
    """
    classes = []
    for name in ("typer._click.exceptions", "click.exceptions"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        classes.append((module.UsageError, module.ClickException))
    for usage_error, click_exception in classes:
        if isinstance(exc, click_exception):
            code = "E141" if isinstance(exc, usage_error) else "E142"
            return code, _sentence(exc.format_message())
    return None


def _sentence(message: str) -> str:
    """One line ending with a full stop (click's "No such option: --x" has none)."""
    text = " ".join(message.split())
    return text if text.endswith((".", "?", "!")) else text + "."


def run() -> None:
    sys.exit(main())
