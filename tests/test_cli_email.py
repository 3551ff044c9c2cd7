"""`plantrack email` against a real SMTP server on loopback (aiosmtpd), not a mock."""

from __future__ import annotations

import socket
from email import message_from_string, policy
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, USER, CliRun, SmtpServer, dedent, free_port

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
    # attention, as many as the text part lists under its heading
    block = text.split("需要关注")[1].split("\n\n")[0].splitlines()[1:]
    attention = [line for line in block if not line.startswith(" ")]
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
        f"127.0.0.1:{tls_smtp_server.port}: login refused for user 'fgj' (535 5.7.8 Authentication "
        "credentials invalid); check username in [smtp] and PLANTRACK_SMTP_PASSWORD\n"
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
    assert cli("email", "--dry-run", "--per-owner", "-o", "outbox", env=TODAY).exit_code == 0
    names = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    assert names == ["summary.eml", "交通局.eml", "住建局.eml"]
    assert smtp_server.recorder.received == []


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
        (MINIMAL_SMTP + "[email]\nsubject = '{titel}'\n", "plantrack.toml: [email]: field 'subject': the template '{titel}' has an unknown placeholder 'titel'; use {title}, {title_en} or {as_of}, and write a brace itself as {{ or }}"),
        (MINIMAL_SMTP + "[owners.x]\nto = ['a@b.cn']\ncc = ['a@b.cn']\n", "plantrack.toml: [owners.\"x\"]: field 'cc': unknown field; remove it or check the spelling"),
        ("[email]\nto = []\n", "plantrack.toml: field 'smtp': required; add an [smtp] table with host and sender"),
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
