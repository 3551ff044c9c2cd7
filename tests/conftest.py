"""Shared fixtures: plans written into tmp_path, the CLI run in-process and as a real process."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

# Set by tests/test_portable_locking.py: run this suite as on a system without fcntl
# (Windows has none), in this process and in every plantrack process it starts.
WITHOUT_FCNTL = "PLANTRACK_TEST_WITHOUT_FCNTL"
if os.environ.get(WITHOUT_FCNTL):
    sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` now fails

from plantrack.cli import app  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHIPPED_PLAN = REPO / "targets.toml"
REPORT = REPO / "docs" / "source" / "boshan-2022-execution-2023-plan.zh.txt"

# A small plan with one target of each kind, used by most tests.
SMALL_PLAN = """
    [plan]
    title = "测试计划"
    title_en = "Test plan"
    year = 2023

    [[section]]
    id = "econ"
    name = "经济"
    name_en = "Economy"

    [[section]]
    id = "social"
    name = "民生"
    name_en = "Social"

    [[target]]
    id = "gdp-growth"
    section = "econ"
    name = "地区生产总值增长"
    name_en = "GDP growth"
    kind = "growth"
    unit = "%"
    target = 6
    qualifier = "about"
    baseline = 2.5
    frequency = "quarterly"

    [[target]]
    id = "key-projects"
    section = "econ"
    name = "重点项目"
    name_en = "Key projects"
    kind = "total"
    unit = "个"
    target = 150
    owner = "发改局"

    [[target]]
    id = "rural-roads"
    section = "econ"
    name = "四好农村路"
    name_en = "Rural roads"
    kind = "total"
    unit = "公里"
    target = 26
    entry = "increment"
    owner = "交通局"

    [[target]]
    id = "reimbursement-ratio"
    section = "social"
    name = "门诊慢特病报销比例"
    name_en = "Reimbursement ratio"
    kind = "level"
    unit = "%"
    target = 60
    baseline = 55
    frequency = "annual"
    owner = "医保局"

    [[target]]
    id = "energy-intensity"
    section = "econ"
    name = "单位GDP能耗下降"
    name_en = "Energy intensity change"
    kind = "growth"
    unit = "%"
    target = -3
    direction = "down"

    [[target]]
    id = "city-parlour"
    section = "social"
    name = "启动城市客厅项目建设"
    name_en = "City parlour started"
    kind = "milestone"
    due = "2023-06"
    owner = "住建局"

    [[target]]
    id = "new-energy-output"
    section = "econ"
    name = "新能源产业产值"
    name_en = "New-energy output"
    kind = "level"
    unit = "亿元"
    target = 50
    frequency = "annual"
    due = "2025-12"
"""

PLANTRACK_VARIABLES = (
    "PLANTRACK_PLAN",
    "PLANTRACK_LEDGER",
    "PLANTRACK_LANG",
    "PLANTRACK_TODAY",
    "PLANTRACK_CONFIG",
    "PLANTRACK_SMTP_PASSWORD",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files of tests/golden/ from the current output (review the diff)",
    )


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test starts in its own folder with no plantrack settings and an English locale."""
    for name in PLANTRACK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "160")
    # Each test's parse caches in a folder of its own, beside (not inside) its data folder.
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    monkeypatch.delenv("PLANTRACK_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file in tmp_path and return its path."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def small_plan(write: Callable[[str, str], Path]) -> Path:
    return write("targets.toml", SMALL_PLAN)


CliRun = Callable[..., Result]


@pytest.fixture
def cli() -> CliRun:
    """Run plantrack in-process through typer's CliRunner, stdout and stderr kept apart."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)

    return run


WITHOUT_FCNTL_MAIN = (
    "import sys; sys.modules['fcntl'] = None; sys.argv[0] = 'plantrack'; "
    "from plantrack.cli import main; main()"
)


def plantrack_command() -> list[str]:
    """How to start plantrack as a process: the installed console script, or, when the suite
    runs without fcntl, this Python with fcntl made unavailable before plantrack loads."""
    if os.environ.get(WITHOUT_FCNTL):
        return [sys.executable, "-c", WITHOUT_FCNTL_MAIN]
    return [plantrack_executable()]


def plantrack_executable() -> str:
    """The installed console script: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "plantrack"
    if beside.exists():
        return str(beside)
    found = shutil.which("plantrack")
    if found is None:
        raise RuntimeError("the plantrack console script is not installed; run pip install -e .")
    return found


@pytest.fixture
def run_process(tmp_path: Path) -> Iterator[Callable[..., subprocess.CompletedProcess[str]]]:
    """Run the installed plantrack as a real process in tmp_path."""

    def run(
        *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if k not in PLANTRACK_VARIABLES}
        environment["LANG"] = "C.UTF-8"
        environment.update(env or {})
        return subprocess.run(
            [*plantrack_command(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or tmp_path,
            env=environment,
            timeout=120,
        )

    yield run


def numbered_plan(count: int) -> str:
    """A plan of `count` monthly total targets t01, t02, ... in one section."""
    targets = "".join(
        f'\n[[target]]\nid = "t{n:02d}"\nsection = "s"\nname = "目标{n}"\nkind = "total"\n'
        f'unit = "个"\ntarget = 100\n'
        for n in range(1, count + 1)
    )
    return f'[plan]\ntitle = "编号计划"\nyear = 2023\n\n[[section]]\nid = "s"\nname = "板块"\n{targets}'


@pytest.fixture
def ledger_bytes(tmp_path: Path) -> Callable[[], bytes | None]:
    """The ledger's exact bytes now, or None when it does not exist."""

    def read() -> bytes | None:
        path = tmp_path / "actuals.toml"
        return path.read_bytes() if path.exists() else None

    return read


# ── the ledger's parse cache, read and forged ───────────────────────────────


def ledger_cache_frames(path: Path) -> list[object]:
    """The frames of a ledger file's parse cache, unmarshalled: ("ledger", key), then the
    columns of its entries (store/cache.py)."""
    import marshal
    import struct

    from plantrack.store.cache import LEDGER_MAGIC

    data = path.read_bytes()
    assert data.startswith(LEDGER_MAGIC)
    frames, offset = [], len(LEDGER_MAGIC)
    while offset < len(data):
        (size,) = struct.unpack_from("<I", data, offset)
        frames.append(marshal.loads(data[offset + 4 : offset + 4 + size]))
        offset += 4 + size
    return frames


def write_ledger_cache(path: Path, frames: list[object]) -> None:
    """A ledger cache made of these frames, as a forger would write it."""
    import marshal
    import struct

    from plantrack.store.cache import LEDGER_MAGIC

    content = b"".join(
        struct.pack("<I", len(dumped)) + dumped for dumped in map(marshal.dumps, frames)
    )
    path.write_bytes(LEDGER_MAGIC + content)


# ── a real SMTP server on loopback (aiosmtpd) ───────────────────────────────


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class MailRecorder:
    """An aiosmtpd handler that keeps what arrives and refuses addresses at nobody@."""

    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    port: int
    recorder: MailRecorder
    certificate: Path | None = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A plain SMTP server (no TLS, no login) on a free loopback port."""
    from aiosmtpd.controller import Controller

    recorder = MailRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(port, recorder)
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made for the test run."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


USER, PASSWORD = "fgj", "s3cret-口令"


@pytest.fixture
def tls_smtp_server(certificate: tuple[Path, Path]) -> Iterator[SmtpServer]:
    """An SMTP server that requires STARTTLS and a login as fgj / s3cret-口令."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticate(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
        )
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    recorder = MailRecorder()
    port = free_port()
    controller = Controller(
        recorder, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
        auth_required=True, authenticator=authenticate,
    )  # fmt: skip
    controller.start()
    try:
        yield SmtpServer(port, recorder, cert)
    finally:
        controller.stop()


JUNE_TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


@pytest.fixture
def june_figures(cli: CliRun, small_plan: Path) -> Path:
    """Figures for the small plan by June: key projects on track, rural roads off track,
    GDP off track, energy intensity on track, the city parlour at risk and overdue."""
    for args in (
        ("key-projects", "70", "-p", "2023-06"),
        ("rural-roads", "4", "-p", "2023-05"),
        ("rural-roads", "5", "-p", "2023-06"),
        ("gdp-growth", "4.4", "-p", "2023-Q2"),  # 6%左右 is judged at 5.5: off track
        ("energy-intensity", "-2.6", "-p", "2023-06"),
        ("city-parlour", "40", "-p", "2023-03"),
    ):
        result = cli("record", *args, env=JUNE_TODAY)
        assert result.exit_code == 0, result.stderr
    return small_plan


def english(error: BaseException) -> str:
    """The first problem of a PlantrackError in English words, as the command line shows it."""
    from plantrack.core.errors import PlantrackError
    from plantrack.present.i18n import words

    assert isinstance(error, PlantrackError)
    return words(error.message, "en")


# A plan with units: a department that leads, three towns that take shares of a total (new
# urban jobs), a ceiling split to two of them, and a target the department leads unsplit.
UNITS_PLAN = """\
[plan]
title = "单位计划"
year = 2023

[[section]]
id = "main"
name = "主要目标"

[[unit]]
id = "renshe"
name = "区人社局"
name_en = "Human Resources Bureau"
kind = "department"

[[unit]]
id = "jiaotong"
name = "区交通运输局"
kind = "department"

[[unit]]
id = "chengdong"
name = "城东街道"
name_en = "Chengdong Subdistrict"
kind = "town"

[[unit]]
id = "chengxi"
name = "城西街道"
kind = "town"

[[unit]]
id = "chishang"
name = "池上镇"
kind = "town"

[[target]]
id = "urban-jobs"
section = "main"
name = "城镇新增就业"
name_en = "New urban jobs"
kind = "total"
unit = "人"
target = 1500
lead = "区人社局"
partners = ["jiaotong"]

[target.split]
chengdong = 800
chengxi = 600
chishang = 100

[[target]]
id = "unemployment"
section = "main"
name = "城镇调查失业率"
kind = "limit"
unit = "%"
target = 5.5
qualifier = "at_most"
owner = "renshe"

[target.split]
chengdong = 5.5
chengxi = 5.0

[[target]]
id = "rural-roads"
section = "main"
name = "农村公路"
kind = "total"
unit = "公里"
target = 26
lead = "jiaotong"
"""


@pytest.fixture
def units_plan(write: Callable[[str, str], Path]) -> Path:
    return write("targets.toml", UNITS_PLAN)


# ── a key-project register beside the units plan (docs/projects.md) ─────────

REGISTER = """\
[projects]
unit = "亿元"

[[project]]
id = "xiyejie"
name = "西冶街片区更新"
level = "district"
type = "new"
lead = "jiaotong"
total_investment = 12.0
annual_plan = 3.0
planned_start = "2023-03"

[[project.milestone]]
name = "主体封顶"
due = "2023-05"

[[project]]
id = "energy-hub"
name = "能源枢纽"
level = "city"
type = "continued"
lead = "区人社局"
annual_plan = 5.0
"""


@pytest.fixture
def register_files(write: Callable[[str, str], Path]) -> Path:
    """The units plan, a ledger with one figure of energy-hub, and REGISTER beside them."""
    write("targets.toml", UNITS_PLAN)
    write(
        "actuals.toml",
        '[[entry]]\ntarget = "energy-hub"\nperiod = "2023-06"\nvalue = 2.1\n'
        'recorded_at = "2023-07-10T00:00:00Z"\nby = "王芳"\n',
    )
    return write("projects.toml", REGISTER)
