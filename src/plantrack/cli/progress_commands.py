"""Commands that assess progress: status, show, sections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.app import (
    AsOfOption,
    JsonOption,
    LangOption,
    LedgerOption,
    OwnerOption,
    PlanOption,
    SectionOption,
    Session,
    UnitOption,
    command,
    print_json,
    session_for,
    stdout_console,
)
from plantrack.core.errors import ExitCode, MissingArgument, UsageProblem
from plantrack.core.messages import msg

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from plantrack.api import ProjectsAssessed
    from plantrack.core.messages import Lang
    from plantrack.core.model import Register
    from plantrack.core.periods import Month
    from plantrack.core.progress import Assessment
    from plantrack.core.projects import ProjectResult

FAIL_ON = ("at-risk", "off-track")


def assessed(
    session: Session,
    as_of: str | None,
    section: str | None = None,
    owner: str | None = None,
    *,
    demo: bool = False,
) -> Assessment:
    """The plan assessed as the options ask; what the reader should know about the ledger
    (empty, entries for targets not in the plan) goes to stderr."""
    from plantrack import api

    entries = () if demo else session.entries
    assessment = api.assess(
        session.plan, entries, as_of=as_of, section=section, owner=owner, demo=demo
    )
    if not demo:
        for warning in api.ledger_warnings(session.ledger_path, entries, assessment.progress):
            session.warn(warning)
    return assessment


@command()
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    section: SectionOption = None,
    owner: OwnerOption = None,
    unit: UnitOption = None,
    only: Annotated[
        str | None, typer.Option("--only", metavar="STATUSES", show_default=False)
    ] = None,
    as_json: JsonOption = False,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", metavar="at-risk|off-track", show_default=False)
    ] = None,
    demo: Annotated[bool, typer.Option("--demo")] = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Where every target stands: actual against the time-elapsed schedule (序时进度)."""
    from plantrack.core.progress import fails, select, statuses_named
    from plantrack.present.i18n import status_names

    if fail_on is not None and fail_on not in FAIL_ON:
        # The statuses' own words too, as --only takes them: 预警, at risk, at_risk.
        named = {"at_risk": "at-risk", "off_track": "off-track"}
        try:
            keys = statuses_named(fail_on, status_names())
        except UsageProblem:
            keys = set()
        if len(keys) != 1 or next(iter(keys)) not in named:
            raise UsageProblem(msg("status.bad_fail_on", text=fail_on)).at("--fail-on")
        fail_on = named[next(iter(keys))]
    try:
        statuses = None if only is None else statuses_named(only, status_names())
    except UsageProblem as error:
        raise error.at("--only") from None
    session = session_for(ctx, plan, ledger, lang)
    chosen_unit = unit_asked(session, owner, unit)
    if chosen_unit is not None:
        owner = chosen_unit
    assessment = assessed(session, as_of, section, owner, demo=demo)
    rows = select(assessment.scope, statuses=statuses)
    as_of_month = assessment.progress.as_of
    led = None if chosen_unit is None else _status_projects(session, as_of_month, demo, chosen_unit)
    if chosen_unit is not None and not assessment.scope and not (led and led.results):
        session.warn(
            msg("unit.nothing_own", unit=session.plan.unit_label(chosen_unit, session.lang))
        )
    if as_json:
        from plantrack.present.projects_view import projects_json
        from plantrack.present.serialize import status_json

        shown = status_json(assessment.progress, rows, assessment.counts, session.lang)
        if unit is not None:
            shown["unit"] = chosen_unit
        if led is not None:  # the key projects the unit leads (docs/projects.md)
            shown["projects"] = projects_json(led.as_of, led.groups, led.results)
        print_json(shown)
    else:
        from plantrack.present.status_view import status_view

        console = stdout_console()
        console.print(
            status_view(
                assessment.progress, rows, assessment.sections, assessment.counts, session.lang,
                demo=demo, width=console.width, unit=chosen_unit,
            )
        )  # fmt: skip
        everything = (
            _status_projects(session, as_of_month, demo)
            if led is None and section is None and owner is None
            else None
        )
        if everything is not None:  # the whole plan's table ends with the office's sentence
            from plantrack.present.projects_view import projects_line

            unit_of_amounts = everything.register.unit
            console.print()
            console.print(
                projects_line(
                    everything.groups[0], everything.as_of, unit_of_amounts, session.lang,
                    console.width,
                )
            )  # fmt: skip
        if led is not None and led.results:
            from plantrack.present.projects_view import projects_view

            console.print()
            console.print(
                projects_view(
                    session.plan, led.register, led.as_of, led.groups, led.results, None,
                    session.lang, width=console.width,
                )
            )  # fmt: skip
    if fail_on is not None and fails(assessment.scope, fail_on):
        raise typer.Exit(code=ExitCode.FAIL_ON)


def _status_projects(
    session: Session, as_of: Month, demo: bool, unit: str | None = None
) -> ProjectsAssessed | None:
    """The key projects as of the status's month (with `unit`, those it leads), for the
    end of `status`; None without a register."""
    from plantrack import api

    register = session.plan.register
    if register is None:
        return None
    entries = () if demo else session.entries
    return api.projects(session.plan, register, entries, as_of=str(as_of), unit=unit, demo=demo)


def unit_asked(session: Session, owner: str | None, unit: str | None) -> str | None:
    """The unit --unit names (its id), refused at the option when the plan has no units, the
    unit is unknown, or --owner names another."""
    from plantrack.core.errors import UnknownSection
    from plantrack.core.lookup import find_owner

    if unit is None:
        return None
    plan = session.plan
    if not plan.units:
        raise UsageProblem(msg("unit.no_units")).at("--unit")
    try:
        found = find_owner(plan, unit)
    except UnknownSection as error:
        raise error.at("--unit") from None
    try:
        other = find_owner(plan, owner)
    except UnknownSection as error:
        raise error.at("--owner") from None
    if other is not None and other != found:
        raise UsageProblem(msg("unit.owner_and_unit")).at("--unit")
    return found


@command()
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="TARGET", show_default=False)],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """One target in detail: month by month, sparkline, forecast and verdict, history."""
    from plantrack import api
    from plantrack.api import resolve_today
    from plantrack.core.errors import UnknownTarget
    from plantrack.core.lookup import resolve_target
    from plantrack.core.progress import series

    session = session_for(ctx, plan, ledger, lang)
    assessment = assessed(session, as_of)
    try:
        chosen = resolve_target(session.plan, target)
    except UnknownTarget as error:
        raise error.at("TARGET") from None
    progress = assessment.progress
    project = _project_result(session, chosen.id, assessment)
    result = progress.result(chosen.id) if project is None else project.investment
    entries = [entry for entry in session.entries if entry.target == chosen.id]
    # All the entries assessed: a target that follows another is measured against that one's
    # figures, and one derived from the key-project register against the register's.
    months = series(session.plan, chosen, assessment.entries, progress.as_of, resolve_today())
    ranking = (
        api.rank(session.plan, session.entries, chosen.id, as_of=str(progress.as_of))
        if chosen.split
        else None
    )
    if as_json:
        from plantrack.present.serialize import show_json

        shown = show_json(str(progress.as_of), result, months, entries, session.lang)
        if project is not None:  # the project's own verdict: its start and milestones too
            from plantrack.present.projects_view import projects_json

            row = projects_json(progress.as_of, (), (project,))["projects"][0]
            shown["project"] = row
        if ranking is not None:
            from plantrack.present.units_view import rank_json

            units = rank_json(session.plan, chosen, progress.as_of, ranking.units, session.lang)
            shown["units"] = units["units"]
        print_json(shown)
        return
    from plantrack.present.status_view import headline
    from plantrack.present.target_view import target_view

    console = stdout_console()
    console.print(headline(progress, session.lang))
    console.print(target_view(session.plan, result, months, entries, session.lang))
    if project is not None:
        from plantrack.present.projects_view import project_verdict

        register = session.plan.register
        assert register is not None
        verdict = project_verdict(
            session.plan, project, register.unit, session.lang, width=console.width
        )
        console.print(verdict)
    if ranking is not None:  # a split target: how each unit stands, best first
        from plantrack.present.units_view import rank_view

        console.print(rank_view(session.plan, chosen, progress.as_of, ranking.units, session.lang))


def _project_result(
    session: Session, project_id: str, assessment: Assessment
) -> ProjectResult | None:
    """A key project's verdict as `projects` gives it (investment, start, milestones), for
    `show`; None for a target of the plan."""
    register = session.plan.register
    if register is None or register.project(project_id) is None:
        return None
    from plantrack.core.progress import Figures
    from plantrack.core.projects import Events, judge_project, project_events

    project = register.project(project_id)
    assert project is not None
    as_of = assessment.progress.as_of
    entries = [entry for entry in session.entries if entry.target == project_id]
    events = project_events(entries)
    return judge_project(
        session.plan, register, project, Figures(session.plan, entries),
        events.get(project_id, Events()).up_to(as_of), as_of, assessment.today,
    )  # fmt: skip


SECTIONS_BY = ("section", "unit")


def demo_banner(console: Console, lang: Lang) -> None:
    """The banner over output drawn from illustrative figures, as `status --demo` shows it."""
    from rich.text import Text

    from plantrack.present.i18n import label

    console.print(Text(label("demo.banner", lang), style="bold reverse yellow"))


@command()
def sections(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="section|unit", show_default=False)
    ] = None,
    as_json: JsonOption = False,
    demo: Annotated[bool, typer.Option("--demo")] = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Counts of targets in each status, per section and per owner; or per unit."""
    from plantrack.core.progress import Breakdown, Figures, breakdown

    if by is not None and by not in SECTIONS_BY:
        raise UsageProblem(msg("sections.bad_by", text=by)).at("--by")
    session = session_for(ctx, plan, ledger, lang)
    if by == "unit" and not session.plan.units:
        raise UsageProblem(msg("unit.no_units")).at("--by")
    assessment = assessed(session, as_of, demo=demo)
    lang_ = session.lang
    if by == "unit":
        from plantrack.core.units import counts_by_unit

        figures = Figures(session.plan, assessment.entries)
        per_unit = counts_by_unit(session.plan, assessment.progress, figures, assessment.today)
        counts = Breakdown((), per_unit)
    else:
        counts = breakdown(session.plan, assessment.scope)
    if as_json:
        from plantrack.present.serialize import sections_json, units_json

        as_of_text = str(assessment.progress.as_of)
        if by == "unit":
            print_json(units_json(session.plan, as_of_text, per_unit, assessment.counts, lang_))
        else:
            print_json(sections_json(as_of_text, counts, assessment.counts, lang_))
        return
    from plantrack.present.status_view import headline
    from plantrack.present.target_view import breakdown_table

    console = stdout_console()
    if demo:
        demo_banner(console, lang_)
    console.print(headline(assessment.progress, lang_))
    console.print(breakdown_table(counts, lang_, session.plan))


@command()
def rank(
    ctx: typer.Context,
    target: Annotated[str | None, typer.Argument(metavar="TARGET", show_default=False)] = None,
    as_of: AsOfOption = None,
    projects: Annotated[bool, typer.Option("--projects")] = False,
    by: Annotated[str | None, typer.Option("--by", metavar="lead", show_default=False)] = None,
    as_json: JsonOption = False,
    demo: Annotated[bool, typer.Option("--demo")] = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Rank the units of a target split to them, best first, as the monthly circular does."""
    from plantrack import api

    if projects:
        if target is not None:
            raise UsageProblem(msg("rank.projects_and_target")).at("TARGET")
        if by not in (None, "lead"):
            raise UsageProblem(msg("rank.bad_by", text=by)).at("--by")
        _rank_projects(ctx, as_of, as_json, demo, plan, ledger, lang)
        return
    if by is not None:
        raise UsageProblem(msg("rank.by_without_projects")).at("--by")
    if target is None:
        raise MissingArgument(msg("rank.no_target")).at("TARGET")
    session = session_for(ctx, plan, ledger, lang)
    entries = () if demo else session.entries
    ranking = api.rank(session.plan, entries, target, as_of=as_of, demo=demo)
    if as_json:
        from plantrack.present.units_view import rank_json

        print_json(
            rank_json(session.plan, ranking.target, ranking.as_of, ranking.units, session.lang)
        )
        return
    from plantrack.present.units_view import rank_view

    console = stdout_console()
    if demo:
        demo_banner(console, session.lang)
    console.print(
        rank_view(session.plan, ranking.target, ranking.as_of, ranking.units, session.lang)
    )


def _rank_projects(
    ctx: typer.Context,
    as_of: str | None,
    as_json: bool,
    demo: bool,
    plan: Path | None,
    ledger: str | None,
    lang: str | None,
) -> None:
    """`rank --projects --by lead`: the lead units ranked by the completion of their projects."""
    from plantrack import api
    from plantrack.core.projects import rank_groups

    session = session_for(ctx, plan, ledger, lang)
    register = _register(session)
    entries = () if demo else session.entries
    assessed_projects = api.projects(
        session.plan, register, entries, as_of=as_of, by="lead", demo=demo
    )
    ranked = rank_groups(assessed_projects.groups[1:])
    from plantrack.present.projects_view import group_name

    names = {
        group.key: group_name(session.plan, "lead", group.key, session.lang) for group, _ in ranked
    }
    if as_json:
        print_json(
            {
                "as_of": str(assessed_projects.as_of),
                "by": "lead",
                "groups": [
                    {
                        "key": group.key,
                        "name": names[group.key],
                        # No investment reported: no share to speak of (null, not 0).
                        "completion": group.completion if group.reported else None,
                        "gap_points": group.gap_points if group.reported else None,
                        "rank": place,
                    }
                    for group, place in ranked
                ],
            }
        )
        return
    from plantrack.present.projects_view import lead_ranking_view

    console = stdout_console()
    if demo:
        demo_banner(console, session.lang)
    console.print(
        lead_ranking_view(
            assessed_projects.as_of, ranked, names, register.unit, session.lang, console.width
        )
    )


def _register(session: Session) -> Register:
    """The plan's key-project register, or a refusal saying where to put one."""
    from plantrack.store.projects_file import REGISTER_FILE_NAME

    register = session.plan.register
    if register is None:
        missing = session.plan_path.parent / REGISTER_FILE_NAME
        raise UsageProblem(msg("projects.no_register", file=missing))
    return register


@command()
def projects(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="level|type|lead", show_default=False)
    ] = None,
    unit: UnitOption = None,
    as_json: JsonOption = False,
    demo: Annotated[bool, typer.Option("--demo")] = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Where the key projects stand, as the office's monthly sentence and figures say."""
    from plantrack import api

    session = session_for(ctx, plan, ledger, lang)
    register = _register(session)
    chosen_unit = unit_asked(session, None, unit)
    entries = () if demo else session.entries
    assessed_projects = api.projects(
        session.plan, register, entries, as_of=as_of, by=by, unit=chosen_unit, demo=demo
    )
    if chosen_unit is not None and not assessed_projects.results:
        name = session.plan.unit_label(chosen_unit, session.lang)
        raise UsageProblem(msg("projects.unit_leads_none", unit=name)).at("--unit")
    if as_json:
        from plantrack.present.projects_view import projects_json

        print_json(
            projects_json(
                assessed_projects.as_of, assessed_projects.groups, assessed_projects.results
            )
        )
        return
    from plantrack.present.projects_view import projects_view

    console = stdout_console()
    if demo:
        demo_banner(console, session.lang)
    console.print(
        projects_view(
            session.plan, register, assessed_projects.as_of, assessed_projects.groups,
            assessed_projects.results, assessed_projects.by, session.lang, width=console.width,
        )
    )  # fmt: skip
