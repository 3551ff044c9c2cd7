"""The store: targets.toml and the ledger on disk, their parse caches, locking, atomic writes,
import files and the mail settings. Problems are raised as PlantrackErrors carrying Messages;
nothing here prints."""
