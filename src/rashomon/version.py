"""The package version, alone in a module so that any layer may import it."""

__version__ = "0.1.0"
