"""Reminding each unit that owes overdue figures (`plantrack remind`, docs/reminders.md): a
mail to its addresses, copied to [email] escalate_to once a figure is escalate_after_days
late, and the same list in the group chat of [webhook]; at most once a day per unit, each
reminder that reached its unit logged in reminders.toml beside the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

from plantrack.core.errors import ConfigError, MailError, ReminderLogError
from plantrack.core.messages import Lang, Listing, Message, msg
from plantrack.core.model import Entry, Plan
from plantrack.core.reminders import Channel, Reminder, Sent, overdue_by_unit, reminded_on
from plantrack.mail.compose import Outgoing, build_message, numbered_names
from plantrack.mail.recipients import owner_addresses
from plantrack.mail.smtp import Delivery, send_all
from plantrack.mail.webhook import fitted, post, posts, where
from plantrack.present.reminders import body, group_text, subject
from plantrack.store import reminder_log
from plantrack.store.settings import MailSettings, WebhookSettings, table_name


@dataclass(frozen=True)
class Due:
    """A reminder to send now: to whom, copied to whom, and its words."""

    reminder: Reminder
    to: tuple[str, ...]
    cc: tuple[str, ...]
    escalated: bool
    addressed: bool  # the unit has addresses of its own in the settings
    subject: str
    text: str  # the mail
    group: str  # what the group chat reads of it

    @property
    def unit(self) -> str:
        return self.reminder.unit


@dataclass(frozen=True)
class Prepared:
    """What a run of `remind` sends: the reminders due, and the units already reminded
    today (their latest log record), which are not reminded again."""

    plan: Plan
    today: date
    due: tuple[Due, ...]
    skipped: tuple[Sent, ...]
    webhook: WebhookSettings | None

    def channels(self, due: Due) -> list[Channel]:
        """The channels meant to reach a unit: mail when it has recipients, the group chat
        when there is one."""
        meant: list[Channel] = ["email"] if due.to else []
        return [*meant, "webhook"] if self.webhook is not None else meant

    def unaddressed(self, lang: Lang) -> list[Message]:
        """One line for each unit due that has no addresses: which table to add, and
        whether anything (the group chat, a copy to the leaders) reaches it all the same."""
        table = "units" if self.plan.units else "owners"
        return [
            msg(
                "remind.no_addresses_own" if self.channels(due) else "remind.no_addresses",
                unit=self.plan.unit_label(due.unit, lang),
                table=table_name(table, due.unit),
            )
            for due in self.due
            if not due.addressed
        ]


def prepare(
    plan: Plan,
    entries: Iterable[Entry],
    settings: MailSettings,
    source: Path,
    log: Iterable[Sent],
    *,
    today: date,
    lang: Lang,
    force: bool = False,
) -> Prepared:
    """The reminders due today, each with its recipients and words. A unit the log says
    was reminded today is skipped, unless `force`. A [units.ID] the plan does not declare is
    refused (ConfigError) before anything is sent."""
    addresses = owner_addresses(plan, settings, source)
    done = {} if force else reminded_on(log, today)
    reminders = overdue_by_unit(plan, entries, today)
    due = tuple(
        _due(plan, reminder, settings, addresses.get(reminder.unit, ()), today, lang)
        for reminder in reminders
        if reminder.unit not in done
    )
    skipped = tuple(done[reminder.unit] for reminder in reminders if reminder.unit in done)
    return Prepared(plan, today, due, skipped, settings.webhook)


def _due(
    plan: Plan,
    reminder: Reminder,
    settings: MailSettings,
    own: tuple[str, ...],
    today: date,
    lang: Lang,
) -> Due:
    email = settings.email
    escalated = bool(email.escalate_to) and reminder.days_late >= email.escalate_after_days
    copied = email.escalate_to if escalated else ()
    to, cc = own, tuple(address for address in copied if address not in own)
    if not to:  # nobody of the unit's own: the leaders are its recipients
        to, cc = cc, ()
    days = email.escalate_after_days
    return Due(
        reminder=reminder,
        to=to,
        cc=cc,
        escalated=escalated,
        addressed=bool(own),
        subject=subject(plan, reminder, lang),
        text=body(plan, reminder, today, copied, days, lang),
        group=group_text(plan, reminder, copied, days, lang),
    )


# ── what a run shows, sends and logs ─────────────────────────────────────────


def mails(prepared: Prepared, settings: MailSettings, now: datetime) -> list[Outgoing]:
    """A text/plain message for each reminder with recipients, its scope the unit."""
    return [
        Outgoing(
            due.unit,
            due.to + due.cc,
            build_message(
                sender=settings.smtp.sender,
                recipients=due.to,
                cc=due.cc,
                subject=due.subject,
                text=due.text,
                html=None,
                now=now,
            ),
        )
        for due in prepared.due
        if due.to
    ]


def group_posts(prepared: Prepared) -> list[tuple[list[Due], str]]:
    """The posts to the group chat: the units' texts a blank line apart, as many to a post
    as the bot takes."""
    if prepared.webhook is None:
        return []
    texts = [due.group for due in prepared.due]
    return [
        (
            [prepared.due[number] for number in group],
            fitted("\n\n".join(texts[number] for number in group), prepared.webhook.kind),
        )
        for group in posts(texts, prepared.webhook.kind)
    ]


def message_files(prepared: Prepared, outgoing: Sequence[Outgoing]) -> list[tuple[str, bytes]]:
    """The messages of a run as files, named as `email -o` names them: each mail as .eml,
    then each post to the group chat as the text it carries (01-chengdong.eml,
    04-dingtalk.txt)."""
    posted = group_posts(prepared)
    kind = prepared.webhook.kind if prepared.webhook is not None else ""
    names = numbered_names(
        [(item.scope, ".eml") for item in outgoing] + [(kind, ".txt") for _ in posted]
    )
    contents = [item.message.as_bytes() for item in outgoing]
    contents += [content.encode("utf-8") + b"\n" for _, content in posted]
    return list(zip(names, contents, strict=True))


def readable_messages(prepared: Prepared, outgoing: Sequence[Outgoing]) -> list[str]:
    """The messages of a dry run as a person reads them at a terminal: each mail's From, To,
    Cc and Subject, then its text, decoded (the .eml files of -o carry Chinese text encoded
    as base64, which nobody can read); then each post to the group chat."""
    shown = []
    for item in outgoing:
        message = item.message
        headers = [
            f"{name}: {message[name]}" for name in ("From", "To", "Cc", "Subject") if message[name]
        ]
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if isinstance(body, EmailMessage) else ""
        shown.append("\n".join(headers) + "\n\n" + text.rstrip("\n") + "\n")
    shown += [content + "\n" for _, content in group_posts(prepared)]
    return shown


@dataclass
class Outcome:
    """What reached one unit, and whether a channel meant for it failed."""

    due: Due
    channels: list[Channel] = field(default_factory=list)
    failed: bool = False


@dataclass
class Delivered:
    """A run's outcomes, unit by unit, with what to tell the reader: `said` for stdout, in
    order, `problems` for stderr."""

    outcomes: list[Outcome]
    said: list[Message] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems) or any(outcome.failed for outcome in self.outcomes)

    def logged(self, sent_at: str, day: date) -> list[Sent]:
        """A log record for each unit that some channel reached."""
        return [
            Sent.of(outcome.due.reminder, sent_at, day, outcome.due.escalated, outcome.channels)
            for outcome in self.outcomes
            if outcome.channels
        ]


def deliver(
    prepared: Prepared,
    settings: MailSettings,
    password: str | None,
    outgoing: Sequence[Outgoing],
    lang: Lang,
) -> Delivered:
    """Send each mail, then post to the group chat. A failure of one channel is reported and
    the others still go: a unit reached at all is logged as reminded."""
    delivered = Delivered([Outcome(due) for due in prepared.due])
    by_unit = {outcome.due.unit: outcome for outcome in delivered.outcomes}
    for outcome in delivered.outcomes:
        if not prepared.channels(outcome.due):
            outcome.failed = True  # no addresses, no group chat: nothing reaches it
    if outgoing:
        _send_mails(settings, password, outgoing, by_unit, delivered)
    for units, content in group_posts(prepared):
        assert prepared.webhook is not None, "posts exist only with a webhook"
        problem = post(prepared.webhook, content)
        names = Listing.of(prepared.plan.unit_label(due.unit, lang) for due in units)
        if problem is not None:
            delivered.problems.append(problem)
        else:
            delivered.said.append(msg("remind.posted", units=names, where=where(prepared.webhook)))
        for due in units:
            if problem is None:
                by_unit[due.unit].channels.append("webhook")
            else:
                by_unit[due.unit].failed = True
    return delivered


def _send_mails(
    settings: MailSettings,
    password: str | None,
    outgoing: Sequence[Outgoing],
    by_unit: dict[str, Outcome],
    delivered: Delivered,
) -> None:
    if settings.smtp.username is not None and password is None:
        raise ConfigError(msg("mail.no_password")).at("PLANTRACK_SMTP_PASSWORD")
    done: set[str] = set()

    def took(delivery: Delivery) -> None:
        outcome = by_unit[delivery.outgoing.scope]
        done.add(delivery.outgoing.scope)
        if delivery.sent:
            outcome.channels.append("email")
            subject_line = str(delivery.outgoing.message["Subject"])
            addresses = Listing.of(delivery.sent)
            delivered.said.append(msg("mail.sent", subject=subject_line, addresses=addresses))
        for address, reason in delivery.failed.items():
            outcome.failed = True
            delivered.problems.append(
                msg(
                    "mail.recipient_refused",
                    server=settings.smtp.server,
                    address=address,
                    reason=reason,
                )
            )

    try:
        send_all(settings.smtp, password, outgoing, on_delivery=took)
    except MailError as error:
        delivered.problems.extend(error.problems)
        for item in outgoing:
            if item.scope not in done:
                by_unit[item.scope].failed = True


@dataclass
class Run:
    """A run that sent: what it delivered, the records it logged, and why it could not log
    them (`log_problems`, a failure) or may not have logged them durably (a warning)."""

    prepared: Prepared
    outgoing: list[Outgoing]
    delivered: Delivered
    logged: list[Sent]
    log_problems: tuple[Message, ...] = ()
    not_durable: Message | None = None


def send_reminders(
    plan: Plan,
    entries: Iterable[Entry],
    settings: MailSettings,
    source: Path,
    log_path: Path,
    *,
    today: date,
    now: datetime,
    sent_at: str,
    lang: Lang,
    password: str | None,
    force: bool = False,
) -> Run:
    """Remind every unit due, holding the log's lock from reading it to logging what was
    sent: a second run waits, then finds those units reminded today. Anything that keeps the
    log from being written is refused before a message goes out."""
    with reminder_log.locked(log_path) as log:
        prepared = prepare(
            plan, entries, settings, source, log.records, today=today, lang=lang, force=force
        )
        outgoing = mails(prepared, settings, now)
        delivered = deliver(prepared, settings, password, outgoing, lang)
        records = delivered.logged(sent_at, today)
        try:
            log.append(records)
        except ReminderLogError as error:
            return Run(prepared, outgoing, delivered, [], error.problems)
        return Run(prepared, outgoing, delivered, records, (), log.not_durable)


def preview_reminders(
    plan: Plan,
    entries: Iterable[Entry],
    settings: MailSettings,
    source: Path,
    log_path: Path,
    *,
    today: date,
    lang: Lang,
    force: bool = False,
) -> Prepared:
    """What a run would send now, reading the log without its lock and writing nothing."""
    log = reminder_log.read_reminders(log_path)
    return prepare(plan, entries, settings, source, log, today=today, lang=lang, force=force)
