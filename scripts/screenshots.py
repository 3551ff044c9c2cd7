"""Screenshots of the HTML report for docs/images: the shipped plan with the demo figures of
`status --demo`, in Chinese, as a desktop browser (1280 px) and a phone (420 px) show it.

    python scripts/screenshots.py            # rewrite docs/images/report-zh-*.png
    python scripts/screenshots.py --keep     # and keep the HTML pages in docs/images/ too

Needs headless Chromium (`chromium`) with a Chinese font (Debian: fonts-noto-cjk), and
pngquant to keep the pictures small; neither is needed by plantrack itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from plantrack import api
from plantrack.present.reports import ReportInput, report_html

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
# Window sizes: the top of the report, through the first few targets that need attention.
SHOTS = {"report-zh-1280.png": (1280, 1300), "report-zh-420.png": (420, 1500)}
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)  # fmt: skip


def demo_page() -> str:
    """The HTML report of the shipped plan with the demo figures, as of June."""
    plan = api.load_plan(REPO / "targets.toml")
    assessment = api.assess(plan, (), demo=True, today=date(plan.year, 7, 21))
    return report_html(ReportInput.of(assessment, assessment.scope, "zh"))


def screenshot(page: Path, width: int, height: int, output: Path, profile: Path) -> None:
    subprocess.run(
        [
            "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
            f"--window-size={width},{height}", f"--screenshot={output}", page.as_uri(),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--quality=70-90", "--ext", ".png", output],
            check=False,
        )


def main(arguments: list[str]) -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(demo_page(), encoding="utf-8")
        for name, (width, height) in SHOTS.items():
            screenshot(page, width, height, IMAGES / name, Path(folder) / "profile")
            print(f"wrote {(IMAGES / name).relative_to(REPO)}")
        if "--keep" in arguments:
            shutil.copy(page, IMAGES / "report-zh.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
