"""Screenshots of running pages at projector and phone size, for looking at them as a person would.

    python scripts/screenshots.py http://127.0.0.1:8000 / /redskaber/organisationen/ -o screenshots
"""

import argparse
import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = {"projector": (1920, 1080), "laptop": (1366, 768), "phone": (390, 844)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-o", "--output", default="screenshots")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--sizes", default="projector,phone")
    args = parser.parse_args()
    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("LEDERTRIVSEL_CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--disable-background-networking", "--disable-component-update", "--no-first-run"])
        for size_name in args.sizes.split(","):
            width, height = SIZES[size_name]
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in args.paths:
                page.goto(args.base + path)
                name = path.strip("/").replace("/", "_") or "home"
                target = output / f"{name}-{size_name}.png"
                page.screenshot(path=str(target), full_page=args.full_page)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
