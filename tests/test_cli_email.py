"""`plantrack email` against a real SMTP server on loopback (aiosmtpd), not a mock."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, message_from_string, policy
from pathlib import Path

import pytest

from tests.conftest import (
    PASSWORD,
    SMALL_PLAN,
    USER,
    CliRun,
    MailRecorder,
    SmtpServer,
    dedent,
    free_port,
)

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def settings(port: int, extra: str = "", smtp: str = 'security = "none"') -> str:
    return dedent(
        f"""
        [smtp]
        host = "127.0.0.1"
        port = {port}
        sender = "博山区发改局 <fgj@example.gov.cn>"
        timeout = 5
        {smtp}

        [email]
        to = ["leader@example.gov.cn", "office@example.gov.cn"]
        subject = "{{title}} 执行情况（截至{{as_of}}）"

        [owners."交通局"]
        to = ["jtj@example.gov.cn"]

        [owners."住建局"]
        to = ["zjj@example.gov.cn"]
        """
    ) + dedent(extra)


@pytest.fixture
def recorded(cli: CliRun, small_plan: Path) -> Path:
    for args in (
        ("key-projects", "70", "-p", "2023-06"),
        ("rural-roads", "4", "-p", "2023-06"),
        ("city-parlour", "40", "-p", "2023-03"),
    ):
        assert cli("record", *args, env=TODAY).exit_code == 0
    return small_plan


def test_the_summary_arrives_with_chinese_subject_and_both_parts(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = cli("--lang", "zh", "email", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "已发送“测试计划 执行情况（截至2023-06）”至 leader@example.gov.cn、office@example.gov.cn\n"
    )
    [received] = smtp_server.recorder.received
    assert received.mail_from == "fgj@example.gov.cn"
    assert received.recipients == ["leader@example.gov.cn", "office@example.gov.cn"]
    message = received.message
    assert message["Subject"] == "测试计划 执行情况（截至2023-06）"
    assert message["From"].addresses[0].display_name == "博山区发改局"
    assert message["Date"] and message["Message-ID"].endswith("@example.gov.cn>")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert "滞后" in body and "四好农村路" in body  # off track: 4 km of 13 due
        assert "预警" in body and "启动城市客厅项目建设" in body  # at risk
    # the report's HTML for phones: the status bar and a chart for each target that needs
    # attention and has figures, as the text part lists them under its heading
    block = text.split("需要关注")[1].split("\n\n")[0].splitlines()[1:]
    attention = [line for line in block if not line.startswith(" ") and "未报送" not in line]
    assert 'name="viewport"' in html and html.count("<svg") == 1 + len(attention) > 2
    assert "四好农村路逐月实际与序时要求" in html


def test_per_owner_sends_each_owner_its_targets_and_the_full_summary(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = cli("email", "--per-owner", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "owners without addresses in plantrack.toml: 医保局, 发改局; their targets are in the full "
        "summary only\n"
    )
    by_recipient = {tuple(r.recipients): r.message for r in smtp_server.recorder.received}
    assert set(by_recipient) == {
        ("leader@example.gov.cn", "office@example.gov.cn"), ("jtj@example.gov.cn",), ("zjj@example.gov.cn",),
    }  # fmt: skip
    roads = by_recipient[("jtj@example.gov.cn",)].get_body(preferencelist=("plain",)).get_content()
    assert "Rural roads" in roads and "Key projects" not in roads and "City parlour" not in roads
    assert by_recipient[("jtj@example.gov.cn",)]["Subject"].endswith(" — 交通局")
    full = (
        by_recipient[("leader@example.gov.cn", "office@example.gov.cn")]
        .get_body(preferencelist=("plain",))
        .get_content()
    )
    assert "Rural roads" in full and "Key projects" in full and "Reimbursement ratio" in full


def test_starttls_and_login(
    cli: CliRun, recorded: Path, tls_smtp_server: SmtpServer, tmp_path: Path
) -> None:
    smtp = f'security = "starttls"\nusername = "{USER}"\ncafile = "{tls_smtp_server.certificate}"'
    (tmp_path / "plantrack.toml").write_text(
        settings(tls_smtp_server.port, smtp=smtp), encoding="utf-8"
    )
    result = cli(
        "email", "--to", "me@example.gov.cn", env={**TODAY, "PLANTRACK_SMTP_PASSWORD": PASSWORD}
    )
    assert result.exit_code == 0, result.stderr
    [received] = tls_smtp_server.recorder.received
    assert received.recipients == ["me@example.gov.cn"]


def test_a_refused_login(
    cli: CliRun, recorded: Path, tls_smtp_server: SmtpServer, tmp_path: Path
) -> None:
    smtp = f'security = "starttls"\nusername = "{USER}"\ncafile = "{tls_smtp_server.certificate}"'
    (tmp_path / "plantrack.toml").write_text(
        settings(tls_smtp_server.port, smtp=smtp), encoding="utf-8"
    )
    result = cli("email", env={**TODAY, "PLANTRACK_SMTP_PASSWORD": "wrong"})
    assert result.exit_code == 1
    assert result.stderr == (
        f"127.0.0.1:{tls_smtp_server.port}: login refused for user 'fgj' (535); check username in "
        "[smtp] and PLANTRACK_SMTP_PASSWORD\n"
    )
    assert tls_smtp_server.recorder.received == []


def test_an_untrusted_certificate(
    cli: CliRun, recorded: Path, tls_smtp_server: SmtpServer, tmp_path: Path
) -> None:
    smtp = f'security = "starttls"\nusername = "{USER}"'
    (tmp_path / "plantrack.toml").write_text(
        settings(tls_smtp_server.port, smtp=smtp), encoding="utf-8"
    )
    result = cli("email", env={**TODAY, "PLANTRACK_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"127.0.0.1:{tls_smtp_server.port}: TLS failed (CERTIFICATE_VERIFY_FAILED)"
    )


def test_nothing_listening(cli: CliRun, recorded: Path, tmp_path: Path) -> None:
    port = free_port()
    (tmp_path / "plantrack.toml").write_text(settings(port), encoding="utf-8")
    result = cli("email", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        f"127.0.0.1:{port}: connection refused; check host and port in [smtp] and that the mail "
        "server is running\n"
    )


def test_a_server_that_never_answers(cli: CliRun, recorded: Path, tmp_path: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        (tmp_path / "plantrack.toml").write_text(
            settings(port).replace("timeout = 5", "timeout = 0.5"), encoding="utf-8"
        )
        result = cli("email", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        f"127.0.0.1:{port}: no answer within 0.5 s; check host, port and any firewall, or raise "
        "timeout in [smtp]\n"
    )


def test_a_refused_recipient_among_several(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = cli("email", "--to", "a@example.gov.cn", "--to", "nobody@example.gov.cn", env=TODAY)
    assert result.exit_code == 1
    assert result.stdout.endswith("' to a@example.gov.cn\n")
    assert result.stderr == (
        f"127.0.0.1:{smtp_server.port}: recipient nobody@example.gov.cn refused (550 5.1.1 no such "
        "user); check the address in plantrack.toml or --to\n"
    )
    [received] = smtp_server.recorder.received
    assert received.recipients == ["a@example.gov.cn"]


def test_dry_run_to_standard_output_sends_nothing(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = cli("email", "--dry-run", env=TODAY)
    assert result.exit_code == 0
    message = message_from_string(result.stdout, policy=policy.default)
    assert message["To"] == "leader@example.gov.cn, office@example.gov.cn"
    assert smtp_server.recorder.received == []


def test_dry_run_to_files(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    assert cli("email", "--dry-run", "-o", "one.eml", env=TODAY).exit_code == 0
    assert b"multipart/alternative" in (tmp_path / "one.eml").read_bytes()
    result = cli("email", "--dry-run", "--per-owner", "-o", "outbox", env=TODAY)
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    assert names == ["01-summary.eml", "02-交通局.eml", "03-住建局.eml"]
    assert result.stderr.splitlines()[1:] == [f"Wrote outbox/{name}" for name in names]
    assert smtp_server.recorder.received == []


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachments(message) -> list[tuple[str, str, object]]:  # type: ignore[no-untyped-def]
    """(file name, MIME type, workbook) of each attachment of a message."""
    import io

    import openpyxl

    return [
        (
            part.get_filename(),
            part.get_content_type(),
            openpyxl.load_workbook(io.BytesIO(part.get_content())),
        )
        for part in message.iter_attachments()
    ]


def test_attach_xlsx_sends_each_message_its_report_as_a_workbook(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        settings(smtp_server.port).replace("[email]\n", '[email]\nattach = ["xlsx"]\n'),
        encoding="utf-8",
    )
    result = cli("--lang", "zh", "email", "--per-owner", env=TODAY)
    assert result.exit_code == 0, result.stderr
    by_recipient = {tuple(r.recipients): r.message for r in smtp_server.recorder.received}
    summary = by_recipient[("leader@example.gov.cn", "office@example.gov.cn")]
    assert summary.get_content_type() == "multipart/mixed"
    assert "滞后" in summary.get_body(preferencelist=("plain",)).get_content()
    assert "四好农村路" in summary.get_body(preferencelist=("html",)).get_content()
    [(name, mime, book)] = attachments(summary)
    assert (name, mime) == ("测试计划-2023-06.xlsx", XLSX)
    assert book.sheetnames == ["汇总", "经济", "民生", "交通局", "住建局", "医保局", "发改局"]
    [(name, mime, book)] = attachments(by_recipient[("jtj@example.gov.cn",)])
    assert (name, mime) == ("测试计划-交通局-2023-06.xlsx", XLSX)
    assert book.sheetnames == ["汇总", "经济", "交通局"]
    assert book["经济"]["B2"].value == "rural-roads" and book["经济"]["B3"].value is None


def test_without_attach_there_is_no_attachment(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = cli("email", "--dry-run", "-o", "one.eml", env=TODAY)
    assert result.exit_code == 0
    message = message_from_string(
        (tmp_path / "one.eml").read_text(encoding="utf-8"), policy=policy.default
    )
    assert list(message.iter_attachments()) == []
    (tmp_path / "plantrack.toml").write_text(
        settings(smtp_server.port).replace("[email]\n", '[email]\nattach = ["xlsx"]\n'),
        encoding="utf-8",
    )
    assert cli("email", "--dry-run", "-o", "two.eml", env=TODAY).exit_code == 0
    message = message_from_string(
        (tmp_path / "two.eml").read_text(encoding="utf-8"), policy=policy.default
    )
    [(name, mime, book)] = attachments(message)
    assert (name, mime) == ("Test plan-2023-06.xlsx", XLSX)
    assert book.sheetnames[0] == "Summary"


def test_a_preview_needs_no_settings_file(cli: CliRun, recorded: Path) -> None:
    result = cli("email", "--dry-run", "--to", "me@example.gov.cn", env=TODAY)
    assert result.exit_code == 0
    assert "To: me@example.gov.cn" in result.stdout


MINIMAL_SMTP = "[smtp]\nhost = '127.0.0.1'\nsender = 'fgj@example.gov.cn'\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MINIMAL_SMTP + "hots = 'x'\n", "plantrack.toml: [smtp]: field 'hots': unknown field; did you mean 'host'?"),
        (MINIMAL_SMTP + "password = 'x'\n", "plantrack.toml: [smtp]: field 'password': unknown field; remove it or check the spelling"),
        (MINIMAL_SMTP + "security = 'tls'\n", "plantrack.toml: [smtp]: field 'security': 'tls' is not allowed; use one of 'starttls', 'ssl', 'none'"),
        (MINIMAL_SMTP + "port = 0\n", "plantrack.toml: [smtp]: field 'port': must be at least 1, not 0"),
        ("[smtp]\nhost = 'x'\n", 'plantrack.toml: [smtp]: field \'sender\': required; add sender = "发改局 <fgj@example.gov.cn>" (the From address)'),
        (MINIMAL_SMTP + "[email]\nto = ['bob']\n", "plantrack.toml: [email]: field 'to': 'bob' is not an e-mail address; write it as name@example.gov.cn"),
        (MINIMAL_SMTP + "[email]\nsubject = '{titel}'\n", "plantrack.toml: [email]: field 'subject': the template '{titel}' has an unknown placeholder {titel}; use {title}, {title_en} or {as_of}, and write a brace itself as {{ or }}"),
        (MINIMAL_SMTP + "[owners.x]\nto = ['a@b.cn']\ncc = ['a@b.cn']\n", "plantrack.toml: [owners.\"x\"]: field 'cc': unknown field; remove it or check the spelling"),
        ("[email]\nto = []\n", "plantrack.toml: field 'smtp': required; add an [smtp] table with host and sender"),
        (MINIMAL_SMTP + "[email]\nsubject = '{title:>99999999}'\n", "plantrack.toml: [email]: field 'subject': the template '{title:>99999999}' has {title:>99999999}, with a format, conversion, attribute or index, which is not allowed; write {title}, {title_en} or {as_of} alone"),
        (MINIMAL_SMTP + "[email]\nsubject = '{title.__class__}'\n", "plantrack.toml: [email]: field 'subject': the template '{title.__class__}' has {title.__class__}, with a format, conversion, attribute or index, which is not allowed; write {title}, {title_en} or {as_of} alone"),
        (MINIMAL_SMTP + "[email]\nsubject = \"月报\\nBcc: x@y.cn\"\n", "plantrack.toml: [email]: field 'subject': '月报\\nBcc: x@y.cn' contains a line break or control character; a mail header is one line, so remove it"),
        ("[smtp]\nhost = 'x'\nsender = \"fgj@example.gov.cn\\r\\nBcc: x@y.cn\"\n", "plantrack.toml: [smtp]: field 'sender': 'fgj@example.gov.cn\\r\\nBcc: x@y.cn' contains a line break or control character; a mail header is one line, so remove it"),
        (MINIMAL_SMTP + "[email]\nto = [\"a@b.cn\\rBcc: x@y.cn\"]\n", "plantrack.toml: [email]: field 'to': 'a@b.cn\\rBcc: x@y.cn' contains a line break or control character; a mail header is one line, so remove it"),
        (MINIMAL_SMTP + "[owners.x]\nto = [\"a@b.cn\\nBcc: x@y.cn\"]\n", "plantrack.toml: [owners.\"x\"]: field 'to': 'a@b.cn\\nBcc: x@y.cn' contains a line break or control character; a mail header is one line, so remove it"),
        (MINIMAL_SMTP + "deadline = 0\n", "plantrack.toml: [smtp]: field 'deadline': must be above 0, not 0"),
        (MINIMAL_SMTP + "allow_plain_auth = 'yes'\n", "plantrack.toml: [smtp]: field 'allow_plain_auth': must be true or false (without quotes), not the text \"yes\""),
        (MINIMAL_SMTP + "[email]\nattach = ['xslx']\n", "plantrack.toml: [email]: field 'attach': 'xslx' is not allowed; did you mean 'xlsx'? use one of 'xlsx'"),
        (MINIMAL_SMTP + "[email]\nattach = ['pdf']\n", "plantrack.toml: [email]: field 'attach': 'pdf' is not allowed; use one of 'xlsx'"),
        (MINIMAL_SMTP + "[email]\nescalate_to = ['boss']\n", "plantrack.toml: [email]: field 'escalate_to': 'boss' is not an e-mail address; write it as name@example.gov.cn"),
        (MINIMAL_SMTP + "[email]\nescalate_after_days = 0\n", "plantrack.toml: [email]: field 'escalate_after_days': must be at least 1, not 0"),
        (MINIMAL_SMTP + "[units.chengdong]\nto = ['a@b.cn']\ncc = ['a@b.cn']\n", "plantrack.toml: [units.chengdong]: field 'cc': unknown field; remove it or check the spelling"),
        (MINIMAL_SMTP + "[units.\"城东\"]\nto = [\"a@b.cn\\nBcc: x@y.cn\"]\n", "plantrack.toml: [units.\"城东\"]: field 'to': 'a@b.cn\\nBcc: x@y.cn' contains a line break or control character; a mail header is one line, so remove it"),
        (MINIMAL_SMTP + "[webhook]\nkind = 'dingtlk'\nurl = 'https://oapi.dingtalk.com/robot/send?access_token=s3cret'\n", "plantrack.toml: [webhook]: field 'kind': 'dingtlk' is not allowed; did you mean 'dingtalk'? use one of 'dingtalk', 'wecom'"),
        (MINIMAL_SMTP + "[webhook]\nkind = 'wecom'\nurl = 'ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=s3cret'\n", "plantrack.toml: [webhook]: field 'url': the webhook address must start with https:// or http://, not ftp:; copy the whole address from the group bot's settings"),
        (MINIMAL_SMTP + "[webhook]\nkind = 'wecom'\nurl = 'https:///send?key=s3cret'\n", "plantrack.toml: [webhook]: field 'url': the webhook address has no valid server (and port); copy the whole address from the group bot's settings"),
        (MINIMAL_SMTP + "[webhook]\nkind = 'wecom'\nurl = 'https://x.cn:port/send?key=s3cret'\n", "plantrack.toml: [webhook]: field 'url': the webhook address has no valid server (and port); copy the whole address from the group bot's settings"),
        (MINIMAL_SMTP + "[webhook]\nkind = 'wecom'\nurl = 'https://x.cn/send?key=s3cret 2'\n", "plantrack.toml: [webhook]: field 'url': the webhook address contains a space, line break or control character; remove it"),
        (MINIMAL_SMTP + "[webhook]\nkind = 'wecom'\n", "plantrack.toml: [webhook]: field 'url': required; add url = \"https://...\" (the group bot's webhook address)"),
        (MINIMAL_SMTP + "[webhook]\nkind = 'wecom'\nurl = 'https://x.cn/'\ndeadline = 0\n", "plantrack.toml: [webhook]: field 'deadline': must be above 0, not 0"),
    ],
)  # fmt: skip
def test_bad_settings(cli: CliRun, recorded: Path, tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "plantrack.toml").write_text(text, encoding="utf-8")
    result = cli("email", "--to", "me@example.gov.cn", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]


def test_a_missing_password_and_missing_settings(
    cli: CliRun, recorded: Path, tmp_path: Path
) -> None:
    result = cli("email", env=TODAY)
    assert result.stderr == (
        "plantrack.toml: not found beside the plan; create it with an [smtp] table (host, sender) "
        "as docs/cron.md shows, or pass --config PATH\n"
    )
    (tmp_path / "plantrack.toml").write_text(
        settings(25, smtp='username = "fgj"'), encoding="utf-8"
    )
    result = cli("email", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        "PLANTRACK_SMTP_PASSWORD: not set, but [smtp] username is; set it in the environment of "
        "the command (docs/cron.md shows how for cron)\n"
    )


def test_an_owner_in_the_settings_that_no_target_has(
    cli: CliRun, recorded: Path, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        settings(25, extra='[owners."教育局"]\nto = ["j@x.cn"]\n'), encoding="utf-8"
    )
    result = cli("email", "--per-owner", "--dry-run", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        'plantrack.toml: [owners."教育局"]: no target in the plan has this owner; owners in the '
        "plan: 交通局, 住建局, 医保局, 发改局\n"
    )


def test_email_through_the_installed_command(
    run_process, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = run_process("email", "--lang", "zh", env=TODAY)
    assert result.returncode == 0, result.stderr
    [received] = smtp_server.recorder.received
    assert received.message["Subject"] == "测试计划 执行情况（截至2023-06）"


# ── no header injection (#11, item 9; an owner's name, item 13) ─────────────


@pytest.mark.parametrize(
    ("written", "shown"), [("\\u0000", "\\x00"), ("\\u001b", "\\x1b"), ("\\n", "\\n")]
)
def test_an_owner_name_with_a_control_character(
    cli: CliRun, small_plan: Path, tmp_path: Path, written: str, shown: str
) -> None:
    # The plan has the owner too, so only the character itself is wrong.
    small_plan.write_text(
        dedent(SMALL_PLAN).replace('owner = "交通局"', f'owner = "交通{written}局"'),
        encoding="utf-8",
    )
    (tmp_path / "plantrack.toml").write_text(
        settings(25, extra=f'[owners."交通{written}局"]\nto = ["a@example.gov.cn"]\n'),
        encoding="utf-8",
    )
    result = cli("email", "--per-owner", "--dry-run", "-o", "outbox", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        f"plantrack.toml: [owners.\"交通{shown}局\"]: '交通{shown}局' contains a line break or "
        "control character; a mail header is one line, so remove it\n",
    )
    assert not (tmp_path / "outbox").exists()


LINE_BREAK = "contains a line break or control character; a mail header is one line, so remove it"


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [
        ("--subject", "月报\r\nBcc: spy@example.com", "月报\\r\\nBcc: spy@example.com"),
        ("--subject", "{title}\nBcc: spy@example.com", "{title}\\nBcc: spy@example.com"),
        ("--to", "me@example.gov.cn\r\nBcc: spy@example.com", "me@example.gov.cn\\r\\nBcc: spy@example.com"),
        ("--to", "me@example.gov.cn\nSubject: x", "me@example.gov.cn\\nSubject: x"),
    ],
)  # fmt: skip
def test_a_line_break_in_an_option_is_refused_before_anything_is_sent(
    cli: CliRun,
    recorded: Path,
    smtp_server: SmtpServer,
    tmp_path: Path,
    option: str,
    value: str,
    shown: str,
) -> None:
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = cli("email", option, value, env=TODAY)
    assert (result.exit_code, result.stderr) == (1, f"{option}: '{shown}' {LINE_BREAK}\n")
    assert smtp_server.recorder.received == []


def test_a_line_break_in_the_sender_is_refused_before_anything_is_sent(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    text = settings(smtp_server.port).replace(
        'sender = "博山区发改局 <fgj@example.gov.cn>"',
        'sender = "fgj@example.gov.cn\\r\\nBcc: spy@example.com"',
    )
    (tmp_path / "plantrack.toml").write_text(text, encoding="utf-8")
    result = cli("email", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        "plantrack.toml: [smtp]: field 'sender': 'fgj@example.gov.cn\\r\\nBcc: spy@example.com' "
        f"{LINE_BREAK}\n",
    )
    assert smtp_server.recorder.received == []


def test_a_plan_title_over_two_lines_never_reaches_a_header(
    cli: CliRun, recorded: Path, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    recorded.write_text(
        dedent(SMALL_PLAN).replace(
            'title = "测试计划"', 'title = "测试计划\\nBcc: spy@example.com"'
        ),
        encoding="utf-8",
    )
    (tmp_path / "plantrack.toml").write_text(settings(smtp_server.port), encoding="utf-8")
    result = cli("email", "--dry-run", "--per-owner", "-o", "outbox", env=TODAY)
    # The plan itself is refused (a title is one line), so no subject is ever built from it.
    assert result.exit_code == 1
    assert result.stderr == (
        "targets.toml: [plan]: field 'title': contains a line break; "
        "titles, names and owners must be one line\n"
    )
    assert not (tmp_path / "outbox").exists()
    assert cli("email", env=TODAY).exit_code == 1
    assert smtp_server.recorder.received == []


# ── subject templates cannot run (#11, item 15) ─────────────────────────────

NOT_PLAIN = (
    "with a format, conversion, attribute or index, which is not allowed; write {title}, "
    "{title_en} or {as_of} alone"
)
UNKNOWN = "use {title}, {title_en} or {as_of}, and write a brace itself as {{ or }}"
UNPAIRED = (
    "has a brace without its pair; write placeholders as {title}, {title_en} or {as_of}, and a "
    "brace itself as {{ or }}"
)


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{title:>99999999}", f"has {{title:>99999999}}, {NOT_PLAIN}"),
        ("{title.__class__}", f"has {{title.__class__}}, {NOT_PLAIN}"),
        ("{title.__class__.__mro__}", f"has {{title.__class__.__mro__}}, {NOT_PLAIN}"),
        ("{as_of[0]}", f"has {{as_of[0]}}, {NOT_PLAIN}"),
        ("{title!r}", f"has {{title!r}}, {NOT_PLAIN}"),
        ("{as_of:{title}}", f"has {{as_of:{{title}}}}, {NOT_PLAIN}"),
        ("{0}", f"has an unknown placeholder {{0}}; {UNKNOWN}"),
        ("{}", f"has an unknown placeholder {{}}; {UNKNOWN}"),
        ("{__import__}", f"has an unknown placeholder {{__import__}}; {UNKNOWN}"),
        ("{title", UNPAIRED),
        ("月报}", UNPAIRED),
    ],
)
def test_a_subject_template_is_only_ever_its_placeholders(
    cli: CliRun, recorded: Path, template: str, problem: str
) -> None:
    started = time.monotonic()
    result = cli(
        "email", "--to", "me@example.gov.cn", "--dry-run", "--subject", template, env=TODAY
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"--subject: the template '{template}' {problem}\n",
    )
    assert result.stdout == ""
    assert time.monotonic() - started < 10


def test_a_subject_with_braces_of_its_own(cli: CliRun, recorded: Path) -> None:
    result = cli(
        "email", "--to", "me@example.gov.cn", "--dry-run", "--subject", "{{预警}} {title}: {as_of}",
        env=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert message_from_string(result.stdout, policy=policy.default)["Subject"] == (
        "{预警} 测试计划: 2023-06"
    )


# ── every message its own file (#11, item 13) ───────────────────────────────


def test_every_message_gets_its_own_file_whatever_its_owner_is_called(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    # An owner named like the leaders' summary, and two whose names differ only in a
    # character a file name cannot hold.
    small_plan.write_text(
        dedent(SMALL_PLAN)
        .replace('owner = "发改局"', 'owner = "summary"')
        .replace('owner = "交通局"', 'owner = "交通/局"')
        .replace('owner = "住建局"', 'owner = "交通:局"'),
        encoding="utf-8",
    )
    (tmp_path / "plantrack.toml").write_text(
        dedent(
            """
            [smtp]
            host = "127.0.0.1"
            sender = "fgj@example.gov.cn"

            [email]
            to = ["leader@example.gov.cn"]

            [owners."summary"]
            to = ["fgj@example.gov.cn"]

            [owners."交通/局"]
            to = ["a@example.gov.cn"]

            [owners."交通:局"]
            to = ["b@example.gov.cn"]
            """
        ),
        encoding="utf-8",
    )
    result = cli("email", "--per-owner", "--dry-run", "-o", "outbox", env=TODAY)
    assert result.exit_code == 0, result.stderr
    names = ["01-summary.eml", "02-summary.eml", "03-交通-局.eml", "04-交通-局.eml"]
    assert sorted(path.name for path in (tmp_path / "outbox").iterdir()) == names
    assert result.stderr.splitlines()[-4:] == [f"Wrote outbox/{name}" for name in names]
    to = [
        message_from_bytes((tmp_path / "outbox" / name).read_bytes(), policy=policy.default)["To"]
        for name in names
    ]
    assert to == [
        "leader@example.gov.cn", "fgj@example.gov.cn", "a@example.gov.cn", "b@example.gov.cn",
    ]  # fmt: skip


# ── the deadline, and the password (#11, item 14) ───────────────────────────


def start_trickling_server(greeting: bytes = b"220 " + b"." * 120 + b"\r\n") -> int:
    """A server on loopback that sends its greeting one byte a second: each read gets a byte
    well within any timeout, so only a deadline for the whole message ends the wait. It stops
    by itself once the client has gone, or after a minute with none."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(60)

    def serve() -> None:
        with listener:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                for byte in greeting:
                    try:
                        connection.sendall(bytes([byte]))
                    except OSError:
                        return
                    time.sleep(1)

    threading.Thread(target=serve, daemon=True).start()
    return int(listener.getsockname()[1])


def test_a_server_that_trickles_its_greeting_meets_the_deadline(
    cli: CliRun, recorded: Path, tmp_path: Path
) -> None:
    port = start_trickling_server()
    (tmp_path / "plantrack.toml").write_text(
        settings(port, smtp='security = "none"\ndeadline = 1.5').replace(
            "timeout = 5", "timeout = 3"
        ),
        encoding="utf-8",
    )
    started = time.monotonic()
    result = cli("email", env=TODAY)
    assert time.monotonic() - started < 5
    assert (result.exit_code, result.stderr) == (
        1,
        f"127.0.0.1:{port}: a message was not through within 1.5 s; check the mail server, or "
        "raise deadline in [smtp]\n",
    )


@pytest.fixture
def plain_auth_server() -> Iterator[SmtpServer]:
    """An SMTP server that takes a login without TLS, and refuses a wrong password with a reply
    that repeats it, as some servers do."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticate(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        assert isinstance(auth_data, LoginPassword)
        if auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD:
            return AuthResult(success=True)
        return AuthResult(
            success=False,
            handled=False,
            message=f"535 5.7.8 {auth_data.password.decode()} is not the password",
        )

    recorder = MailRecorder()
    port = free_port()
    controller = Controller(
        recorder, hostname="127.0.0.1", port=port, auth_require_tls=False, auth_required=True,
        authenticator=authenticate,
    )  # fmt: skip
    controller.start()
    try:
        yield SmtpServer(port, recorder)
    finally:
        controller.stop()


PLAIN_LOGIN = f'security = "none"\nusername = "{USER}"'


def test_a_password_in_clear_is_refused_without_connecting(
    cli: CliRun, recorded: Path, tmp_path: Path
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        (tmp_path / "plantrack.toml").write_text(settings(port, smtp=PLAIN_LOGIN), encoding="utf-8")
        result = cli("email", env={**TODAY, "PLANTRACK_SMTP_PASSWORD": PASSWORD})
        listener.setblocking(False)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody called
    assert (result.exit_code, result.stderr) == (
        1,
        'plantrack.toml: [smtp]: username is set, but security = "none" would send the password '
        'unencrypted; use security = "starttls" or "ssl", or set allow_plain_auth = true if the '
        "network to the server is trusted\n",
    )


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_password_in_clear_when_the_office_allows_it(
    cli: CliRun, recorded: Path, plain_auth_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        settings(plain_auth_server.port, smtp=PLAIN_LOGIN + "\nallow_plain_auth = true"),
        encoding="utf-8",
    )
    result = cli("email", env={**TODAY, "PLANTRACK_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.stderr
    [received] = plain_auth_server.recorder.received
    assert received.recipients == ["leader@example.gov.cn", "office@example.gov.cn"]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_refused_login_does_not_repeat_the_server_reply(
    cli: CliRun, recorded: Path, plain_auth_server: SmtpServer, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        settings(plain_auth_server.port, smtp=PLAIN_LOGIN + "\nallow_plain_auth = true"),
        encoding="utf-8",
    )
    for password in ("wrong-password", "错误的口令"):  # by AUTH LOGIN, and by AUTH PLAIN in UTF-8
        result = cli("email", env={**TODAY, "PLANTRACK_SMTP_PASSWORD": password})
        assert (result.exit_code, result.stderr) == (
            1,
            f"127.0.0.1:{plain_auth_server.port}: login refused for user 'fgj' (535); check "
            "username in [smtp] and PLANTRACK_SMTP_PASSWORD\n",
        )
        assert password not in result.stdout + result.stderr
    assert plain_auth_server.recorder.received == []


@pytest.mark.parametrize("security", ["none", "ssl"])
def test_the_deadline_holds_while_connecting_too(
    cli: CliRun, recorded: Path, tmp_path: Path, security: str
) -> None:
    # A server that takes the connection and says nothing: over TLS from the start, the
    # handshake is what waits.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        (tmp_path / "plantrack.toml").write_text(
            settings(port, smtp=f'security = "{security}"\ndeadline = 0.5'), encoding="utf-8"
        )
        started = time.monotonic()
        result = cli("email", env=TODAY)
    assert time.monotonic() - started < 4  # the timeout is 5 s a read
    assert (result.exit_code, result.stderr) == (
        1,
        f"127.0.0.1:{port}: a message was not through within 0.5 s; check the mail server, or "
        "raise deadline in [smtp]\n",
    )


@pytest.fixture
def implicit_tls_server(certificate: tuple[Path, Path]) -> Iterator[SmtpServer]:
    """An SMTP server that speaks TLS from the first byte (port 465 style)."""
    import ssl

    from aiosmtpd.controller import Controller

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    recorder = MailRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port, ssl_context=context)
    controller.start()
    try:
        yield SmtpServer(port, recorder, cert)
    finally:
        controller.stop()


def test_tls_from_the_start(
    cli: CliRun, recorded: Path, implicit_tls_server: SmtpServer, tmp_path: Path
) -> None:
    smtp = f'security = "ssl"\ncafile = "{implicit_tls_server.certificate}"'
    (tmp_path / "plantrack.toml").write_text(
        settings(implicit_tls_server.port, smtp=smtp), encoding="utf-8"
    )
    result = cli("email", "--per-owner", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert len(implicit_tls_server.recorder.received) == 3


UNIT_ADDRESSES = MINIMAL_SMTP + dedent(
    """
    [email]
    to = ["leader@example.gov.cn"]

    [owners."区交通运输局"]
    to = ["jt@example.gov.cn"]

    [units.chengdong]
    to = ["cd@example.gov.cn"]

    [units.jiaotong]
    to = ["jt2@example.gov.cn", "jt@example.gov.cn"]
    """
)


def test_per_owner_finds_units_by_id_in_units_and_by_id_or_name_in_owners(
    cli: CliRun, units_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(UNIT_ADDRESSES, encoding="utf-8")
    result = cli("email", "--per-owner", "--dry-run", "-o", "outbox", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[1] == (
        "owners without addresses in plantrack.toml: renshe, chengxi, chishang; their targets "
        "are in the full summary only"
    )
    files = sorted((tmp_path / "outbox").iterdir())
    assert [path.name for path in files] == [
        "01-summary.eml",
        "02-jiaotong.eml",
        "03-chengdong.eml",
    ]
    to = [message_from_bytes(p.read_bytes(), policy=policy.default)["To"] for p in files]
    assert to == [
        "leader@example.gov.cn",
        "jt@example.gov.cn, jt2@example.gov.cn",
        "cd@example.gov.cn",
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[units.chengdogn]", "plantrack.toml: [units.chengdogn]: the plan declares no unit 'chengdogn'; did you mean 'chengdong'? units in the plan: renshe, jiaotong, chengdong, chengxi, chishang"),
        ('[units."城东街道"]', "plantrack.toml: [units.\"城东街道\"]: the plan declares no unit '城东街道'; did you mean 'chengdong'? units in the plan: renshe, jiaotong, chengdong, chengxi, chishang"),
        ("[units.education]", "plantrack.toml: [units.education]: the plan declares no unit 'education'; units in the plan: renshe, jiaotong, chengdong, chengxi, chishang"),
        ('[owners."教育局"]', "plantrack.toml: [owners.\"教育局\"]: no target in the plan has this owner; owners in the plan: renshe, jiaotong, chengdong, chengxi, chishang"),
    ],
)  # fmt: skip
def test_per_owner_refuses_a_table_for_a_unit_the_plan_does_not_declare(
    cli: CliRun, units_plan: Path, tmp_path: Path, table: str, message: str
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        UNIT_ADDRESSES + f'\n{table}\nto = ["x@example.gov.cn"]\n', encoding="utf-8"
    )
    result = cli("email", "--per-owner", "--dry-run", "-o", "outbox", env=TODAY)
    assert (result.exit_code, result.stderr) == (1, message + "\n")
    assert not (tmp_path / "outbox").exists()
    # without --per-owner no unit's addresses are used, and none is looked up
    assert cli("email", "--dry-run", env=TODAY).exit_code == 0


def test_units_in_the_settings_of_a_plan_without_units(
    cli: CliRun, recorded: Path, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        settings(25, extra='[units.jiaotong]\nto = ["j@x.cn"]\n'), encoding="utf-8"
    )
    result = cli("email", "--per-owner", "--dry-run", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        "plantrack.toml: [units.jiaotong]: the plan declares no units ([[unit]] tables); use "
        '[owners."name"] instead, or declare the units in the plan\n',
    )
