"""What the browser checks share (scripts/web/*_browser_check.py): starting Chromium, reporting a line."""
import os
import signal
import sys
import threading
import time

from selenium import webdriver


def start_chrome(service_type, opts, chromedriver, timeout=45):
    """Chromium under a loaded CI box sometimes fails to start ("DevToolsActivePort file doesn't exist") or never
    answers chromedriver: each attempt is bounded (`timeout` s, then that chromedriver is stopped), one retry, then a
    FAIL line (never a silent exit or hang: the test reads this script's stdout)."""
    for attempt in (1, 2):
        service = service_type(chromedriver)
        box = {}

        def start():
            try:
                box["driver"] = webdriver.Chrome(service=service, options=opts)
            except Exception as exc:  # noqa: BLE001
                box["error"] = exc
        t = threading.Thread(target=start, daemon=True)
        t.start()
        t.join(timeout)
        if "driver" in box:
            return box["driver"]
        why = box.get("error") or f"no answer in {timeout} s"
        try:
            service.stop()
        except Exception:  # noqa: BLE001
            pass
        if attempt == 2:
            print(f"FAIL chromium did not start: {type(why).__name__}: {why}", flush=True)
            os._exit(1)
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
    # The test process may hand down a signal mask with SIGALRM blocked: then no alarm would ever fire.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    signal.signal(signal.SIGALRM, stuck)
    phase("starting chromium", 120)


def answered(what):
    """The test's answer to a WANT line: true for OK (stdin, bounded by the phase's watchdog)."""
    line = sys.stdin.readline().strip()
    if line != "OK":
        print(f"FAIL {what} (the test answered '{line}')", flush=True)
        return False
    return True


def headless_chromium(chromedriver, size, lang=None, page_load_timeout=20):
    """Headless Chromium at `size` ("W,H" CSS pixels, scale 1) through `start_chrome`: the one way every check
    script starts its browser."""
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    for o in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={size}", "--disable-dev-shm-usage",
              "--force-device-scale-factor=1") + ((f"--lang={lang}",) if lang else ()):
        opts.add_argument(o)
    if os.path.exists("/usr/bin/chromium"):
        opts.binary_location = "/usr/bin/chromium"
    d = start_chrome(Service, opts, chromedriver)
    d.set_page_load_timeout(page_load_timeout)
    return d
