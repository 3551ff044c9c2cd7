"""The crontab lines of docs/cron.md, run as cron runs them: /bin/sh, no terminal, a bare
environment, the password from a file, against a real SMTP server with STARTTLS and login."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import (
    PASSWORD,
    REPO,
    SMALL_PLAN,
    USER,
    SmtpServer,
    dedent,
    plantrack_executable,
)

CRON_DOC = REPO / "docs" / "cron.md"


def crontab_commands() -> list[str]:
    """The command part of each crontab line in the ```crontab block of docs/cron.md."""
    text = CRON_DOC.read_text(encoding="utf-8")
    block = re.search(r"```crontab\n(.*?)```", text, re.DOTALL)
    assert block, "docs/cron.md has a ```crontab block"
    lines = [
        line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]
    return [line.split(None, 5)[5] for line in lines]


@pytest.fixture
def office(tmp_path: Path, tls_smtp_server: SmtpServer) -> Path:
    """A planning office's folder: plan, ledger with figures, mail settings, password file."""
    folder = tmp_path / "srv"
    folder.mkdir()
    (folder / "targets.toml").write_text(dedent(SMALL_PLAN), encoding="utf-8")
    (folder / "plantrack.toml").write_text(
        dedent(
            f"""
            [smtp]
            host = "127.0.0.1"
            port = {tls_smtp_server.port}
            sender = "博山区发改局 <fgj@example.gov.cn>"
            username = "{USER}"
            cafile = "{tls_smtp_server.certificate}"
            timeout = 10

            [email]
            to = ["leader@example.gov.cn"]

            [owners."交通局"]
            to = ["jtj@example.gov.cn"]
            """
        ),
        encoding="utf-8",
    )
    password_file = folder / "smtp.env"
    password_file.write_text(f"export PLANTRACK_SMTP_PASSWORD='{PASSWORD}'\n", encoding="utf-8")
    password_file.chmod(0o600)
    record(folder, "key-projects", "70", "2023-06")
    record(folder, "rural-roads", "4", "2023-06")  # off track: 4 km of 13 due by June
    return folder


def record(folder: Path, target: str, value: str, period: str, *extra: str) -> None:
    subprocess.run(
        [plantrack_executable(), "record", target, value, "--period", period, *extra],
        cwd=folder, env={**os.environ, "PLANTRACK_TODAY": "2023-07-10"}, check=True, capture_output=True,
    )  # fmt: skip


def run_as_cron(command: str, folder: Path, log: Path) -> None:
    concrete = (
        command.replace("/srv/plantrack", str(folder))
        .replace("/opt/plantrack/bin/plantrack", plantrack_executable())
        .replace("/var/log/plantrack.log", str(log))
    )
    bare = {
        "HOME": str(folder.parent),
        "PATH": "/usr/bin:/bin",
        "LOGNAME": "cron",
        "SHELL": "/bin/sh",
    }
    subprocess.run(
        ["/bin/sh", "-c", concrete], env=bare, stdin=subprocess.DEVNULL, check=True, timeout=120
    )


def test_the_documented_lines_are_four(tmp_path: Path) -> None:
    commands = crontab_commands()
    assert len(commands) == 4
    assert all("PLANTRACK_SMTP_PASSWORD" not in command for command in commands)


def test_the_monthly_summary_reaches_the_leaders(
    office: Path, tls_smtp_server: SmtpServer, tmp_path: Path
) -> None:
    log = tmp_path / "plantrack.log"
    run_as_cron(crontab_commands()[0], office, log)
    [received] = tls_smtp_server.recorder.received
    assert received.recipients == ["leader@example.gov.cn"]
    assert received.message["Subject"] == "测试计划 执行情况（截至2023-06）"
    text = received.message.get_body(preferencelist=("plain",)).get_content()
    assert "✖ 滞后  四好农村路" in text
    assert "已发送“测试计划 执行情况（截至2023-06）”至 leader@example.gov.cn" in log.read_text(
        encoding="utf-8"
    )


def test_the_weekly_mail_goes_to_each_owner(
    office: Path, tls_smtp_server: SmtpServer, tmp_path: Path
) -> None:
    run_as_cron(crontab_commands()[1], office, tmp_path / "plantrack.log")
    recipients = sorted(tuple(r.recipients) for r in tls_smtp_server.recorder.received)
    assert recipients == [("jtj@example.gov.cn",), ("leader@example.gov.cn",)]
    owner_mail = next(
        r for r in tls_smtp_server.recorder.received if r.recipients == ["jtj@example.gov.cn"]
    )
    text = owner_mail.message.get_body(preferencelist=("plain",)).get_content()
    assert "四好农村路" in text and "重点项目" not in text


def test_the_alert_is_sent_only_when_a_target_is_off_track(
    office: Path, tls_smtp_server: SmtpServer, tmp_path: Path
) -> None:
    log = tmp_path / "plantrack.log"
    run_as_cron(crontab_commands()[2], office, log)
    [alert] = tls_smtp_server.recorder.received
    assert alert.message["Subject"] == "【预警】测试计划有指标滞后（截至2023-06）"
    record(office, "rural-roads", "14", "2023-06", "--replace")  # roads back on track
    run_as_cron(crontab_commands()[2], office, log)
    assert len(tls_smtp_server.recorder.received) == 1, "no alert when nothing is off track"


def test_the_daily_reminder_reaches_each_owner_once_a_day(
    office: Path, tls_smtp_server: SmtpServer, tmp_path: Path
) -> None:
    """Cron's clock is the system's: long after the plan year, every 2023 figure missing is
    overdue, for each owner of the small plan."""
    with (office / "plantrack.toml").open("a", encoding="utf-8") as settings:
        for owner, address in (("发改局", "fgj"), ("住建局", "zjj"), ("医保局", "ybj")):
            settings.write(f'\n[owners."{owner}"]\nto = ["{address}@example.gov.cn"]\n')
    log = tmp_path / "plantrack.log"
    run_as_cron(crontab_commands()[3], office, log)
    subjects = {
        tuple(r.recipients): r.message["Subject"] for r in tls_smtp_server.recorder.received
    }
    assert subjects[("jtj@example.gov.cn",)] == "【催报】交通局：1项指标数据逾期未报"
    assert len(subjects) == 4
    assert "已发送“【催报】交通局：1项指标数据逾期未报”至 jtj@example.gov.cn" in log.read_text(
        encoding="utf-8"
    )
    run_as_cron(crontab_commands()[3], office, log)  # the same day: nobody twice
    assert len(tls_smtp_server.recorder.received) == 4
    assert "交通局：今天已催报过" in log.read_text(encoding="utf-8")
    assert (office / "reminders.toml").exists()
