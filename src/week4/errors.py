"""Errors that week4 raises on bad input.

Every error carries a one-line message that names the problem and, where it applies, the
allowed values, so the CLI can print it as is and exit with code 2.
"""


class Week4Error(ValueError):
    """Base class for every error caused by bad input to week4."""


class ParameterError(Week4Error):
    """A scenario parameter is unknown, of the wrong type or out of range."""


class UnknownScenarioError(Week4Error):
    """No scenario is registered under the given name."""
