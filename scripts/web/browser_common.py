"""What the browser checks share (scripts/web/*_browser_check.py): starting Chromium, reporting a line."""
import os
import signal
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


_PHASE = ["starting"]


def phase(name, seconds=90):
    """Names what the script does now and gives it `seconds`: past that, a FAIL line names the phase it was stuck in
    and the script exits (a hung Chromium, page or stdin never hangs the test silently)."""
    _PHASE[0] = name
    signal.alarm(seconds)


def watchdog():
    """Installs the SIGALRM handler behind `phase` (call once, before the first phase)."""
    def stuck(*_):
        print(f"FAIL stuck in '{_PHASE[0]}' (chromium, the page or the test did not answer in time)", flush=True)
        os._exit(1)
    signal.signal(signal.SIGALRM, stuck)
    phase("starting chromium")


def answered(what):
    """The test's answer to a WANT line: true for OK (stdin, bounded by the phase's watchdog)."""
    line = sys.stdin.readline().strip()
    if line != "OK":
        print(f"FAIL {what} (the test answered '{line}')", flush=True)
        return False
    return True
