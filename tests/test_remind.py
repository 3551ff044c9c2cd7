"""`plantrack remind` end to end: a real SMTP server on loopback (aiosmtpd) and a group-bot
webhook served by http.server on 127.0.0.1, the days moved with PLANTRACK_TODAY."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from plantrack.store.reminder_log import read_reminders
from tests.conftest import CliRun, SmtpServer, dedent, free_port

JULY_16 = {"PLANTRACK_TODAY": "2023-07-16"}  # June's figures were due by the 15th
SECRET = "s3cret-token-0123456789"


# ── a group bot on loopback ──────────────────────────────────────────────────


@dataclass
class Posted:
    path: str
    content_type: str
    body: dict[str, object]


@dataclass
class Bot:
    """A DingTalk-like bot: records each POST and answers with `reply`."""

    port: int
    posted: list[Posted] = field(default_factory=list)
    reply: tuple[int, bytes] = (200, b'{"errcode":0,"errmsg":"ok"}')

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/robot/send?access_token={SECRET}"

    def contents(self) -> list[str]:
        return [str(post.body["text"]["content"]) for post in self.posted]  # type: ignore[index]


@pytest.fixture
def bot() -> Iterator[Bot]:
    recorder = Bot(0)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length).decode("utf-8"))
            recorder.posted.append(Posted(self.path, self.headers["Content-Type"], body))
            status, answer = recorder.reply
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorder.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()


# ── the office: the plan with units, its settings, figures ─────────────────────


ADDRESSES = {
    "renshe": "rs@example.gov.cn",
    "jiaotong": "jt@example.gov.cn",
    "chengdong": "cd@example.gov.cn",
    "chengxi": "cx@example.gov.cn",
    "chishang": "cs@example.gov.cn",
}


def settings(port: int, *, bot: Bot | None = None, without: tuple[str, ...] = ()) -> str:
    units = "".join(
        f'\n[units.{unit}]\nto = ["{address}"]\n'
        for unit, address in ADDRESSES.items()
        if unit not in without
    )
    webhook = f'\n[webhook]\nkind = "dingtalk"\nurl = "{bot.url}"\ndeadline = 5\n' if bot else ""
    return (
        dedent(
            f"""
            [smtp]
            host = "127.0.0.1"
            port = {port}
            sender = "区发改局 <fgj@example.gov.cn>"
            security = "none"
            timeout = 5

            [email]
            escalate_to = ["leader@example.gov.cn"]
            """
        )
        + units
        + webhook
    )


@pytest.fixture
def office(cli: CliRun, units_plan: Path, tmp_path: Path) -> Path:
    """June's figures in from chengdong (its own shares) and jiaotong (rural roads, which it
    leads; it is only a partner of urban jobs): chengxi and chishang owe theirs."""
    for args in (
        ("urban-jobs", "400", "--unit", "chengdong"),
        ("unemployment", "5.1", "--unit", "chengdong"),
        ("unemployment", "5.2"),  # the district's own rate, which its lead renshe reports
        ("rural-roads", "12"),
    ):
        result = cli("record", *args, "-p", "2023-06", "--by", "t", env=JULY_16)
        assert result.exit_code == 0, result.stderr
    return tmp_path


def write_settings(office: Path, text: str) -> None:
    (office / "plantrack.toml").write_text(text, encoding="utf-8")


def by_recipient(server: SmtpServer) -> dict[tuple[str, ...], object]:
    return {tuple(item.recipients): item.message for item in server.recorder.received}


def log_of(office: Path) -> list[tuple[str, str, tuple[str, ...], bool, tuple[str, ...]]]:
    return [
        (sent.unit, sent.day.isoformat(), sent.targets, sent.escalated, sent.channels)
        for sent in read_reminders(office / "reminders.toml")
    ]


# ── who is reminded, of what ─────────────────────────────────────────────────


def test_only_units_that_owe_overdue_figures_are_reminded(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    write_settings(office, settings(smtp_server.port))
    result = cli("--lang", "zh", "remind", env=JULY_16)
    assert result.exit_code == 0, result.stderr
    mails = by_recipient(smtp_server)
    # not chengdong, jiaotong nor renshe (each reported what it owes: renshe the district's
    # unemployment rate, not the sum of the towns' jobs)
    assert set(mails) == {("cx@example.gov.cn",), ("cs@example.gov.cn",)}
    chengxi = mails[("cx@example.gov.cn",)]
    assert chengxi["Subject"] == "【催报】城西街道：2项指标数据逾期未报"  # type: ignore[index]
    assert chengxi["From"] == "区发改局 <fgj@example.gov.cn>"  # type: ignore[index]
    assert chengxi.get_content_type() == "text/plain"  # type: ignore[attr-defined]
    assert chengxi.get_content().splitlines() == [  # type: ignore[attr-defined]
        "城西街道：",
        "",
        "截至 2023-07-16，以下指标的数据已过报送期限，请尽快报送：",
        "",
        "1. 城镇新增就业（urban-jobs）：6月（2023-06）数据，应于 2023-07-15 前报送，已逾期 1 天",
        "   plantrack record urban-jobs <数值> --unit chengxi -p 2023-06",
        "2. 城镇调查失业率（unemployment）：6月（2023-06）数据，应于 2023-07-15 前报送，已逾期 1 天",
        "   plantrack record unemployment <数值> --unit chengxi -p 2023-06",
        "",
        "—— 单位计划（由 plantrack 发送，每个单位每天至多一次）",
    ]
    assert mails[("cs@example.gov.cn",)]["Subject"] == "【催报】池上镇：1项指标数据逾期未报"  # type: ignore[index]
    assert result.stdout.splitlines() == [
        "已发送“【催报】城西街道：2项指标数据逾期未报”至 cx@example.gov.cn",
        "已发送“【催报】池上镇：1项指标数据逾期未报”至 cs@example.gov.cn",
    ]
    assert result.stderr == "已将 2 条催报记入 reminders.toml\n"
    assert log_of(office) == [
        ("chengxi", "2023-07-16", ("urban-jobs", "unemployment"), False, ("email",)),
        ("chishang", "2023-07-16", ("urban-jobs",), False, ("email",)),
    ]
    [first, _] = read_reminders(office / "reminders.toml")
    assert first.periods == ("2023-06", "2023-06") and first.sent_at.endswith("Z")


def test_an_unsplit_target_is_owed_by_its_lead_without_unit(
    cli: CliRun, units_plan: Path, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    write_settings(tmp_path, settings(smtp_server.port))
    result = cli("remind", env=JULY_16)
    assert result.exit_code == 0, result.stderr
    jiaotong = by_recipient(smtp_server)[("jt@example.gov.cn",)]
    text = jiaotong.get_content().replace("\r\n", "\n")  # type: ignore[attr-defined]
    assert "   plantrack record rural-roads <VALUE> -p 2023-06\n" in text
    assert jiaotong["Subject"] == "Reminder: 1 figure overdue from 区交通运输局"  # type: ignore[index]
    chengdong = by_recipient(smtp_server)[("cd@example.gov.cn",)]
    assert chengdong["Subject"] == "Reminder: 2 figures overdue from Chengdong Subdistrict"  # type: ignore[index]
    # renshe owes the district's unemployment rate (a rate is not the towns' sum), not jobs
    renshe = by_recipient(smtp_server)[("rs@example.gov.cn",)]
    text = renshe.get_content().replace("\r\n", "\n")  # type: ignore[attr-defined]
    assert "plantrack record unemployment <VALUE> -p 2023-06\n" in text
    assert "urban-jobs" not in text


def test_nothing_overdue_is_said_and_nothing_is_sent_or_logged(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    write_settings(office, settings(smtp_server.port))
    result = cli("remind", env={"PLANTRACK_TODAY": "2023-03-15"})  # 1-2月 due by the 15th
    assert (result.exit_code, result.stdout) == (
        0,
        "No unit owes an overdue figure as of 2023-03-15\n",
    )
    assert smtp_server.recorder.received == [] and not (office / "reminders.toml").exists()


# ── once a day ────────────────────────────────────────────────────────────────


def test_a_unit_is_reminded_once_a_day(cli: CliRun, office: Path, smtp_server: SmtpServer) -> None:
    write_settings(office, settings(smtp_server.port))
    assert cli("remind", env=JULY_16).exit_code == 0
    log = (office / "reminders.toml").read_bytes()
    again = cli("remind", env=JULY_16)
    assert again.exit_code == 0
    assert again.stdout.splitlines() == [
        "城西街道: already reminded today (" + read_reminders(office / "reminders.toml")[0].sent_at + "); not reminded again",
        "池上镇: already reminded today (" + read_reminders(office / "reminders.toml")[1].sent_at + "); not reminded again",
    ]  # fmt: skip
    assert len(smtp_server.recorder.received) == 2
    assert (office / "reminders.toml").read_bytes() == log
    next_day = cli("remind", env={"PLANTRACK_TODAY": "2023-07-17"})
    assert next_day.exit_code == 0
    assert len(smtp_server.recorder.received) == 4
    assert [row[:2] for row in log_of(office)] == [
        ("chengxi", "2023-07-16"), ("chishang", "2023-07-16"),
        ("chengxi", "2023-07-17"), ("chishang", "2023-07-17"),
    ]  # fmt: skip
    assert (office / "reminders.toml").read_bytes().startswith(log)


def test_force_reminds_again_the_same_day(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    write_settings(office, settings(smtp_server.port))
    assert cli("remind", env=JULY_16).exit_code == 0
    assert cli("remind", "--force", env=JULY_16).exit_code == 0
    assert len(smtp_server.recorder.received) == 4 and len(log_of(office)) == 4


def test_a_unit_that_reports_is_not_reminded_the_next_day(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    write_settings(office, settings(smtp_server.port))
    assert cli("remind", env=JULY_16).exit_code == 0
    assert cli("record", "urban-jobs", "90", "--unit", "chishang", "-p", "2023-06", env=JULY_16).exit_code == 0  # fmt: skip
    assert cli("remind", env={"PLANTRACK_TODAY": "2023-07-17"}).exit_code == 0
    assert [tuple(item.recipients) for item in smtp_server.recorder.received] == [
        ("cx@example.gov.cn",), ("cs@example.gov.cn",), ("cx@example.gov.cn",),
    ]  # fmt: skip


# ── escalation ────────────────────────────────────────────────────────────────


def test_after_seven_days_late_the_reminder_is_copied_to_escalate_to(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    write_settings(office, settings(smtp_server.port))
    assert cli("remind", env={"PLANTRACK_TODAY": "2023-07-21"}).exit_code == 0  # 6 days late
    assert all("Cc" not in item.message for item in smtp_server.recorder.received)
    result = cli("remind", env={"PLANTRACK_TODAY": "2023-07-22"})  # 7 days late
    assert result.exit_code == 0, result.stderr
    escalated = smtp_server.recorder.received[2:]
    assert [item.recipients for item in escalated] == [
        ["cx@example.gov.cn", "leader@example.gov.cn"],
        ["cs@example.gov.cn", "leader@example.gov.cn"],
    ]
    message = escalated[0].message
    assert (message["To"], message["Cc"]) == ("cx@example.gov.cn", "leader@example.gov.cn")
    assert "Overdue 7 days or more: this reminder is copied to leader@example.gov.cn" in (
        message.get_content().splitlines()
    )
    assert [row[3] for row in log_of(office)] == [False, False, True, True]
    assert "escalated = true" in (office / "reminders.toml").read_text(encoding="utf-8")


def test_escalate_after_days_comes_from_the_settings(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    text = settings(smtp_server.port).replace(
        'escalate_to = ["leader@example.gov.cn"]',
        'escalate_to = ["leader@example.gov.cn"]\nescalate_after_days = 1',
    )
    write_settings(office, text)
    assert cli("remind", env=JULY_16).exit_code == 0
    assert all(
        item.message["Cc"] == "leader@example.gov.cn" for item in smtp_server.recorder.received
    )


# ── dry runs ──────────────────────────────────────────────────────────────────


def test_a_dry_run_sends_nothing_and_logs_nothing(
    cli: CliRun, office: Path, smtp_server: SmtpServer, bot: Bot
) -> None:
    write_settings(office, settings(smtp_server.port, bot=bot))
    result = cli("remind", "--dry-run", env=JULY_16)
    assert result.exit_code == 0, result.stderr
    assert smtp_server.recorder.received == [] and bot.posted == []
    assert not (office / "reminders.toml").exists()
    assert result.stdout.count("\nSubject: ") == 2 and "To: cx@example.gov.cn\n" in result.stdout
    assert (
        "Reminder: 2 figures overdue from 城西街道\n1. New urban jobs (urban-jobs)" in result.stdout
    )


def test_a_dry_run_prints_the_messages_readably_in_chinese_too(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    """The .eml files carry Chinese text as base64; the terminal shows it as text."""
    write_settings(office, settings(smtp_server.port))
    result = cli("--lang", "zh", "remind", "--dry-run", env=JULY_16)
    assert result.exit_code == 0, result.stderr
    assert "Content-Transfer-Encoding" not in result.stdout
    assert "\nSubject: 【催报】城西街道：" in result.stdout
    assert "以下指标的数据已过报送期限，请尽快报送" in result.stdout
    raw = cli("--lang", "zh", "remind", "--dry-run", "-o", "-", env=JULY_16)
    assert "Content-Transfer-Encoding: base64" in raw.stdout  # -o -: the files as sent


def test_a_dry_run_writes_one_file_per_message(
    cli: CliRun, office: Path, smtp_server: SmtpServer, bot: Bot
) -> None:
    write_settings(office, settings(smtp_server.port, bot=bot))
    result = cli("--lang", "zh", "remind", "--dry-run", "-o", "outbox", env=JULY_16)
    assert result.exit_code == 0, result.stderr
    names = sorted(path.name for path in (office / "outbox").iterdir())
    assert names == ["01-chengxi.eml", "02-chishang.eml", "03-dingtalk.txt"]
    assert result.stderr.splitlines() == [f"已写入 outbox/{name}" for name in names]
    message = message_from_bytes(
        (office / "outbox" / "01-chengxi.eml").read_bytes(), policy=policy.default
    )
    assert (message["To"], message["Subject"]) == (
        "cx@example.gov.cn",
        "【催报】城西街道：2项指标数据逾期未报",
    )
    group = (office / "outbox" / "03-dingtalk.txt").read_text(encoding="utf-8")
    assert group.startswith("【催报】城西街道：2项指标数据逾期未报\n1. 城镇新增就业")
    assert "\n\n【催报】池上镇：1项指标数据逾期未报\n" in group
    assert smtp_server.recorder.received == [] and bot.posted == []
    assert not (office / "reminders.toml").exists()


def test_json_says_what_was_sent(cli: CliRun, office: Path, smtp_server: SmtpServer) -> None:
    write_settings(office, settings(smtp_server.port, without=("chishang",)))
    result = cli("remind", "--json", env={"PLANTRACK_TODAY": "2023-07-22"})
    assert result.exit_code == 0, result.stderr  # chishang's copy to the leaders went out
    data = json.loads(result.stdout)
    assert data["today"] == "2023-07-22" and data["dry_run"] is False and data["skipped"] == []
    assert data["reminders"][1] == {
        "unit": "chishang", "name": "池上镇", "to": ["leader@example.gov.cn"], "cc": [],
        "escalated": True, "channels": ["email"],
        "targets": [{
            "id": "urban-jobs", "period": "2023-06", "due": "2023-07-15", "days_late": 7,
            "own_share": True, "command": "plantrack record urban-jobs <VALUE> --unit chishang -p 2023-06",
        }],
    }  # fmt: skip
    again = json.loads(cli("remind", "--json", env={"PLANTRACK_TODAY": "2023-07-22"}).stdout)
    assert [item["unit"] for item in again["skipped"]] == ["chengxi", "chishang"]
    assert again["reminders"] == []


# ── the group chat ────────────────────────────────────────────────────────────


def test_the_group_bot_gets_the_same_list_as_json(
    cli: CliRun, office: Path, smtp_server: SmtpServer, bot: Bot
) -> None:
    write_settings(office, settings(smtp_server.port, bot=bot))
    result = cli("--lang", "zh", "remind", env=JULY_16)
    assert result.exit_code == 0, result.stderr
    [post] = bot.posted
    assert post.path == f"/robot/send?access_token={SECRET}"
    assert post.content_type.split(";")[0] == "application/json"
    assert post.body["msgtype"] == "text" and set(post.body) == {"msgtype", "text"}
    content = bot.contents()[0]
    assert content.splitlines() == [
        "【催报】城西街道：2项指标数据逾期未报",
        "1. 城镇新增就业（urban-jobs）：6月（2023-06）数据，应于 2023-07-15 前报送，已逾期 1 天",
        "   plantrack record urban-jobs <数值> --unit chengxi -p 2023-06",
        "2. 城镇调查失业率（unemployment）：6月（2023-06）数据，应于 2023-07-15 前报送，已逾期 1 天",
        "   plantrack record unemployment <数值> --unit chengxi -p 2023-06",
        "",
        "【催报】池上镇：1项指标数据逾期未报",
        "1. 城镇新增就业（urban-jobs）：6月（2023-06）数据，应于 2023-07-15 前报送，已逾期 1 天",
        "   plantrack record urban-jobs <数值> --unit chishang -p 2023-06",
    ]
    assert result.stdout.splitlines()[-1] == (
        f"已在钉钉群机器人（http://127.0.0.1:{bot.port}）催报 城西街道、池上镇"
    )
    assert [row[4] for row in log_of(office)] == [("email", "webhook"), ("email", "webhook")]


def test_a_unit_without_addresses_is_reminded_in_the_group(
    cli: CliRun, office: Path, smtp_server: SmtpServer, bot: Bot
) -> None:
    write_settings(office, settings(smtp_server.port, bot=bot, without=("chishang",)))
    result = cli("remind", env=JULY_16)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "池上镇: no addresses of its own in plantrack.toml, so the reminder did not go to it "
        'directly; add [units.chishang] to = ["..."]'
    )
    assert [item.recipients for item in smtp_server.recorder.received] == [["cx@example.gov.cn"]]
    assert "池上镇" in bot.contents()[0]
    assert [row[4] for row in log_of(office)] == [("email", "webhook"), ("webhook",)]


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        (
            (200, b'{"errcode":310000,"errmsg":"keywords not in content, token s3cret-token-0123456789"}'),
            "the DingTalk group bot (http://127.0.0.1:{port}): refused the message (errcode 310000: keywords not in content, token ***); check url in [webhook] and the bot's security settings (a keyword, which must be in the text, or IP addresses)",
        ),
        (
            (500, b"oops"),
            "the DingTalk group bot (http://127.0.0.1:{port}): answered HTTP 500; check url in [webhook]",
        ),
    ],
)  # fmt: skip
def test_a_bot_that_refuses_is_one_line_and_the_mail_still_goes(
    cli: CliRun,
    office: Path,
    smtp_server: SmtpServer,
    bot: Bot,
    reply: tuple[int, bytes],
    problem: str,
) -> None:
    bot.reply = reply
    write_settings(office, settings(smtp_server.port, bot=bot))
    result = cli("remind", env=JULY_16)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == problem.format(port=bot.port)
    assert SECRET not in result.stdout + result.stderr
    assert len(smtp_server.recorder.received) == 2
    assert [row[4] for row in log_of(office)] == [("email",), ("email",)]


def test_a_bot_that_cannot_be_reached(cli: CliRun, office: Path, smtp_server: SmtpServer) -> None:
    port = free_port()
    unreachable = Bot(port)
    write_settings(office, settings(smtp_server.port, bot=unreachable))
    result = cli("remind", env=JULY_16)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"the DingTalk group bot (http://127.0.0.1:{port}): connection refused; check url in [webhook]"
    )
    assert SECRET not in result.stderr


def test_a_bot_that_never_answers_meets_the_deadline(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        write_settings(
            office,
            settings(smtp_server.port, bot=Bot(port)).replace("deadline = 5", "deadline = 0.5"),
        )
        result = cli("remind", env=JULY_16)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"the DingTalk group bot (http://127.0.0.1:{port}): no answer within 0.5 s; check the "
        "network, or raise deadline in [webhook]"
    )


# ── partial failures ──────────────────────────────────────────────────────────


def test_a_unit_without_addresses_is_named_and_the_others_are_reminded(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    text = settings(smtp_server.port, without=("chishang",)).replace(
        'escalate_to = ["leader@example.gov.cn"]', ""
    )
    write_settings(office, text)
    result = cli("remind", env=JULY_16)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        '池上镇: no addresses in plantrack.toml, so not reminded; add [units.chishang] to = ["..."]'
    )
    assert [item.recipients for item in smtp_server.recorder.received] == [["cx@example.gov.cn"]]
    assert [row[0] for row in log_of(office)] == ["chengxi"]


def test_a_refused_recipient_fails_the_run_but_not_the_others(
    cli: CliRun, office: Path, smtp_server: SmtpServer
) -> None:
    write_settings(office, settings(smtp_server.port).replace("cx@example", "nobody@example"))
    result = cli("remind", env=JULY_16)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"127.0.0.1:{smtp_server.port}: recipient nobody@example.gov.cn refused (550 5.1.1 no "
        "such user); check the address in plantrack.toml or --to"
    )
    assert [row[0] for row in log_of(office)] == ["chishang"]


def test_a_mail_server_that_is_down_leaves_the_group_chat_and_the_log(
    cli: CliRun, office: Path, bot: Bot
) -> None:
    port = free_port()
    write_settings(office, settings(port, bot=bot))
    result = cli("remind", env=JULY_16)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"127.0.0.1:{port}: connection refused; check host and port in [smtp] and that the mail "
        "server is running"
    )
    assert len(bot.posted) == 1
    assert [row[4] for row in log_of(office)] == [("webhook",), ("webhook",)]


# ── refusals: one line, nothing sent, nothing logged ───────────────────────────


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('\n[units.chengxl]\nto = ["x@example.gov.cn"]\n', "plantrack.toml: [units.chengxl]: the plan declares no unit 'chengxl'; did you mean 'chengxi'? units in the plan: renshe, jiaotong, chengdong, chengxi, chishang"),
        ('\n[webhook]\nkind = "slack"\nurl = "https://hooks.example.com/x?key=' + SECRET + '"\n', "plantrack.toml: [webhook]: field 'kind': 'slack' is not allowed; use one of 'dingtalk', 'wecom'"),
        ('\n[webhook]\nkind = "wecom"\nurl = "file:///etc/passwd?key=' + SECRET + '"\n', "plantrack.toml: [webhook]: field 'url': the webhook address must start with https:// or http://, not file:; copy the whole address from the group bot's settings"),
    ],
)  # fmt: skip
def test_bad_settings_are_refused_before_anything_is_sent(
    cli: CliRun, office: Path, smtp_server: SmtpServer, extra: str, message: str
) -> None:
    write_settings(office, settings(smtp_server.port) + extra)
    for dry_run in ((), ("--dry-run",)):
        result = cli("remind", *dry_run, env=JULY_16)
        assert (result.exit_code, result.stderr, result.stdout) == (1, message + "\n", "")
    assert smtp_server.recorder.received == []
    assert not (office / "reminders.toml").exists()


def test_a_log_that_cannot_be_written_is_refused_before_anything_is_sent(
    cli: CliRun, office: Path, smtp_server: SmtpServer, bot: Bot
) -> None:
    write_settings(office, settings(smtp_server.port, bot=bot))
    log = office / "reminders.toml"
    log.write_text("# kept as it is\n", encoding="utf-8")
    log.chmod(0o444)
    result = cli("remind", env=JULY_16)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "reminders.toml: the reminder log is read-only, so plantrack will not change it nor send "
        "reminders; to remind, make it writable again (e.g. chmod u+w)\n"
    )
    assert smtp_server.recorder.received == [] and bot.posted == []
    assert log.read_text(encoding="utf-8") == "# kept as it is\n"


def test_output_never_names_the_log(cli: CliRun, office: Path, smtp_server: SmtpServer) -> None:
    write_settings(office, settings(smtp_server.port))
    (office / "reminders.toml").mkdir()  # even as a folder, -o would write into the data
    result = cli("remind", "--dry-run", "-o", "reminders.toml", env=JULY_16)
    assert result.exit_code == 1
    assert result.stderr.startswith("-o: reminders.toml is the plan, the ledger or the mail")


# ── as cron runs it ───────────────────────────────────────────────────────────


def test_remind_through_the_installed_command(
    run_process, office: Path, smtp_server: SmtpServer, bot: Bot
) -> None:
    write_settings(office, settings(smtp_server.port, bot=bot))
    result = run_process("--lang", "zh", "remind", env=JULY_16)
    assert result.returncode == 0, result.stderr
    assert len(smtp_server.recorder.received) == 2 and len(bot.posted) == 1
    assert [row[0] for row in log_of(office)] == ["chengxi", "chishang"]
    again = run_process("--lang", "zh", "remind", env=JULY_16)
    assert again.returncode == 0
    assert again.stdout.splitlines()[0].startswith("城西街道：今天已催报过（")
    assert len(smtp_server.recorder.received) == 2 and len(bot.posted) == 1


def test_group_messages_are_split_and_cut_to_the_bots_limit() -> None:
    from plantrack.mail.webhook import fitted, posts

    blocks = ["甲" * 300] * 5  # 900 bytes each, a blank line (2 bytes) between two
    assert posts(blocks, "wecom") == [[0, 1], [2, 3], [4]]  # WeCom: 2,048 bytes a message
    assert posts(blocks, "dingtalk") == [[0, 1, 2, 3, 4]]  # DingTalk: 20,000
    cut = fitted("乙" * 1000, "wecom")
    assert len(cut.encode("utf-8")) <= 2048 and cut == "乙" * 681 + "…"
    assert fitted("短", "wecom") == "短"


def test_a_bot_is_named_by_its_server_never_its_secret() -> None:
    from plantrack.api import describe
    from plantrack.mail.webhook import where
    from plantrack.store.settings import WebhookSettings

    url = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={SECRET}"
    assert describe(where(WebhookSettings("wecom", url)), "zh") == (
        "企业微信群机器人（https://qyapi.weixin.qq.com）"
    )
