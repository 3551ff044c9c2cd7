"""plantrack: track a local government's annual plan targets month by month."""

__version__ = "0.1.0"
