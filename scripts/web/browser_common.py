"""What the browser checks share (scripts/web/*_browser_check.py): starting Chromium, reporting a line."""
import sys
import time

from selenium import webdriver


def start_chrome(service_type, opts, chromedriver):
    """Chromium under a loaded CI box sometimes fails to start ("DevToolsActivePort file doesn't exist"): one retry,
    then a FAIL line (never a silent exit: the test reads this script's stdout)."""
    for attempt in (1, 2):
        try:
            return webdriver.Chrome(service=service_type(chromedriver), options=opts)
        except Exception as exc:  # noqa: BLE001
            if attempt == 2:
                print(f"FAIL chromium did not start: {type(exc).__name__}: {exc}", flush=True)
                sys.exit(1)
            time.sleep(1)


def say(line):
    print(line, flush=True)
