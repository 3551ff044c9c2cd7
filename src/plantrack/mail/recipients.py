"""Who an owner's or a unit's mail goes to: [units.ID] and [owners."name"] of plantrack.toml,
matched against the plan, which the settings do not know when they are read."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from plantrack.core.errors import ConfigError
from plantrack.core.messages import Listing, msg
from plantrack.core.model import Plan
from plantrack.store.settings import MailSettings, escaped, table_name


def owner_addresses(plan: Plan, settings: MailSettings, source: Path) -> dict[str, tuple[str, ...]]:
    """The addresses of each owner of the plan that has some, keyed as the plan names its
    owners (a unit's id when it declares units), in the order of the settings file.

    [units.ID] gives a unit's addresses by id. [owners."X"] gives an owner's by name; when
    the plan declares units, X may be a unit's id or its name (zh or en). A unit with both
    gets the addresses of both. [units.ID] for a unit the plan does not declare is refused
    with a did-you-mean, and so is [owners."X"] for an owner no target has: that office
    would otherwise never hear from plantrack, and nobody would notice. A declared unit with
    no targets of its own (only a partner) has nothing to be sent, and is left out.
    """
    owners = plan.owners()
    found: dict[str, list[str]] = {}
    for name, owner in settings.owners.items():
        key = (plan.resolve_unit(name) or name) if plan.units else name
        if key not in owners:
            raise _owner_unknown(owners, name)
        _add(found, key, owner.to)
    for unit_id, unit in settings.units.items():
        if plan.unit(unit_id) is None:
            raise ConfigError(msg("in_file", file=source, problem=_unknown_unit(plan, unit_id)))
        if unit_id in owners:
            _add(found, unit_id, unit.to)
    return {key: tuple(addresses) for key, addresses in found.items()}


def _add(found: dict[str, list[str]], key: str, addresses: Iterable[str]) -> None:
    listed = found.setdefault(key, [])
    listed.extend(address for address in addresses if address not in listed)


def check_owners(plan: Plan, owners: Iterable[str]) -> None:
    """Refuse an owner in the settings that no target has."""
    plan_owners = plan.owners()
    for owner in owners:
        if owner not in plan_owners:
            raise _owner_unknown(plan_owners, owner)


def _owner_unknown(plan_owners: list[str], name: str) -> ConfigError:
    listed: object = (
        Listing.of(escaped(owner) for owner in plan_owners)
        if plan_owners
        else msg("mail.no_owners")
    )
    return ConfigError(msg("mail.owner_unknown", owner=escaped(name), owners=listed))


def _unknown_unit(plan: Plan, unit_id: str) -> object:
    """Why a [units.X] table names no unit of the plan: a name for an id, a misspelling."""
    where = table_name("units", unit_id)
    if not plan.units:
        return msg("at", where=where, problem=msg("settings.no_units"))
    meant = plan.resolve_unit(unit_id)
    if meant is None:
        close = difflib.get_close_matches(unit_id, [unit.id for unit in plan.units], n=1)
        meant = close[0] if close else None
    hint: object = msg("hint.did_you_mean_then", word=meant) if meant else ""
    problem = msg(
        "settings.unit_unknown",
        unit=escaped(unit_id),
        hint=hint,
        units=Listing.of(unit.id for unit in plan.units),
    )
    return msg("at", where=where, problem=problem)
