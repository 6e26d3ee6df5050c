"""Take the README's screenshots from a running demo site (make run) in Debian's Chromium.

.venv/bin/python tools/screenshots.py [--base http://127.0.0.1:8000]
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = [
    (
        "misaki.sato@sakura-technology.example",
        "/jobs/1/shortlist/",
        "ja",
        "shortlist-employer-ja.png",
    ),
    ("ayesha.khan@mail.example", "/candidate/jobs/", "en", "recommendations-candidate.png"),
    ("organiser@moitt.example", "/ministry/missions/1/", "en", "mission-timetable.png"),
    ("officer@moitt.example", "/ministry/", "en", "dashboard-ministry.png"),
    ("ayesha.khan@mail.example", "/candidate/", "ur", "dashboard-candidate-ur.png"),
    ("misaki.sato@sakura-technology.example", "/employer/", "ja", "dashboard-employer-ja.png"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    base = parser.parse_args().base
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for email, path, lang, name in SHOTS:
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
            page = context.new_page()
            page.goto(base + "/login/")
            page.fill("#id_username", email)
            page.fill("#id_password", "kakehashi-demo")
            page.click("main button[type=submit]")
            page.goto(base + path)
            page.screenshot(path=str(OUT / name), full_page=False)
            context.close()
            print("wrote", OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
