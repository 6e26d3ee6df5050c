"""Take the README's screenshots from a running demo site in Debian's Chromium, each page in
English, Japanese and Urdu (docs/img/<name>-<language>.png).

The officers' pages need their second sign-in step, which a script cannot give: serve the
demo for this with two-step sign-in off (development only), e.g.

    MFA_ENFORCED=false make run            # in one shell
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
LANGUAGES = ("en", "ja", "ur")
RECRUITER = "misaki.sato@sakura-technology.example"
CANDIDATE = "ayesha.khan@mail.example"
SHOTS = [
    (RECRUITER, "/jobs/1/shortlist/", "shortlist-employer"),
    (CANDIDATE, "/candidate/jobs/", "recommendations-candidate"),
    (CANDIDATE, "/candidate/", "dashboard-candidate"),
    (RECRUITER, "/employer/", "dashboard-employer"),
    ("organiser@moitt.example", "/ministry/missions/1/", "mission-timetable"),
    ("officer@moitt.example", "/ministry/", "dashboard-ministry"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    base = parser.parse_args().base
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for email, path, name in SHOTS:
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            page = context.new_page()
            # The first page that ranks loads the matching index and its model: give it time.
            page.set_default_timeout(180_000)
            page.goto(base + "/login/")
            page.fill("#id_username", email)
            page.fill("#id_password", "kakehashi-demo")
            with page.expect_navigation():
                page.click("main button[type=submit]")
            if "/two-step" in page.url:
                raise SystemExit("the officers' second step is on: serve with MFA_ENFORCED=false")
            page.goto(base + path)
            for language in LANGUAGES:
                # The language menu, as a person would: it also keeps it on their account.
                if page.get_attribute("html", "lang") != language:
                    with page.expect_navigation():
                        page.select_option("#lang-select", language)
                page.screenshot(path=str(OUT / f"{name}-{language}.png"), full_page=False)
                print("wrote", OUT / f"{name}-{language}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
