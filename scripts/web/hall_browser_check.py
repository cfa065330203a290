#!/usr/bin/python3
"""Drives the hall display page in real headless Chromium (Selenium + /usr/bin/chromedriver) for Quay's tests.

Talks to the test that started it over stdin/stdout, one line each way:
    -> LOADED                 page connected and showing the first snapshot; the test now pushes "A015 -> 3"
    -> CALLED {json}          the call appeared in the DOM (latency_ms is measured from LOADED)
    -> OFFLINE                after the test stopped the server, the page shows it is reconnecting
    <- RESTARTED              (stdin) the test started a server again, with "C077 -> 5" in its snapshot
    -> RESULT {json}          the page reconnected by itself and shows the new snapshot
    -> FAIL reason            anything went wrong (exit status 1)
Checks along the way: the Khmer text is laid out (width > 0) and rendered with a Khmer system font
(Chromium's CSS.getPlatformFontsForNode reports "Khmer OS" or "Noto Sans Khmer"), and no request left the host.
Screenshots: --screenshot PATH (after the call) and PATH with "-offline" before the extension.
"""
import argparse
import json
import os
import sys
import time


from browser_common import headless_chromium, phase, watchdog  # noqa: E402 (same folder)

KHMER_FONTS = ("Khmer OS", "Noto Sans Khmer")


def say(line):
    print(line, flush=True)


def fail(driver, why):
    say("FAIL " + why)
    if driver is not None:
        driver.quit()
    sys.exit(1)


def wait_for(driver, script, timeout, step=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script(script):
            return True
        time.sleep(step)
    return False


def khmer_fonts(driver, selector):
    """Platform fonts Chromium actually used for the text of the first element matching selector."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    # The text node child holds the glyph runs.
    desc = driver.execute_cdp_cmd("DOM.describeNode", {"nodeId": node, "depth": 1})["node"]
    fonts = []
    for target in [node] + [c.get("nodeId") for c in desc.get("children", []) if c.get("nodeId")]:
        try:
            r = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": target})
            fonts += [f["familyName"] for f in r.get("fonts", [])]
        except Exception:  # noqa: BLE001 (a text node may not be addressable; the element is)
            pass
    return fonts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--screenshot", required=True)
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = ap.parse_args()
    watchdog()  # every phase below is bounded: a hang ends in "FAIL stuck in '<phase>'"

    if not os.path.exists(args.chromedriver):
        say("FAIL chromedriver missing: apt-get install chromium-driver")
        sys.exit(1)
    driver = headless_chromium(args.chromedriver, "1920,1080", lang="vi", page_load_timeout=20)
    # A 1080p TV: the viewport itself, not the window, is 1920x1080.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})
    try:
        phase("loading the hall page", 60)
        driver.get(args.url)
        if not wait_for(driver, "return document.body && document.body.dataset.connected === '1'", 10):
            fail(driver, "page did not connect to /ws")
        if not wait_for(driver, "return document.querySelectorAll('#waiting li').length > 0", 5):
            fail(driver, "first snapshot not rendered")

        # Khmer: laid out and drawn with a Khmer system font.
        widths = driver.execute_script(
            "return Array.from(document.querySelectorAll('[lang=km]')).filter(e => !e.closest('[hidden]'))"
            ".map(e => e.getBoundingClientRect().width)")
        if not widths or min(widths) <= 0:
            fail(driver, f"Khmer text has no width: {widths}")
        used = khmer_fonts(driver, ".title .km")
        if not any(k in f for f in used for k in KHMER_FONTS):
            fail(driver, f"Khmer title not rendered with a Khmer font (fonts used: {used})")

        t0 = time.monotonic()
        say("LOADED")
        shown = wait_for(driver, """
            const li = document.querySelector('#now li[data-ticket="A015"]');
            const b = document.getElementById('banner-vi').textContent;
            return li && li.dataset.counter === '3' && b.includes('A015') && b.includes('3');""", 1.0, 0.005)
        latency_ms = (time.monotonic() - t0) * 1000
        if not shown:
            fail(driver, f"A015 -> counter 3 not shown within 1 s")
        time.sleep(0.3)
        driver.save_screenshot(args.screenshot)
        banner = driver.execute_script(
            "return [document.getElementById('banner-vi').textContent, document.getElementById('banner-km').textContent]")
        km_banner_fonts = khmer_fonts(driver, "#banner-km")
        say("CALLED " + json.dumps({"latency_ms": round(latency_ms, 1), "banner": banner,
                                    "khmer_fonts": sorted(set(used + km_banner_fonts))}, ensure_ascii=False))

        phase("server gone, then restarted", 90)
        if not wait_for(driver, "return document.body.dataset.connected === '0'", 10):
            fail(driver, "page did not notice the server going away")
        root, ext = os.path.splitext(args.screenshot)
        driver.save_screenshot(root + "-offline" + ext)
        say("OFFLINE")
        if sys.stdin.readline().strip() != "RESTARTED":
            fail(driver, "test did not restart the server")
        t1 = time.monotonic()
        if not wait_for(driver, """return document.body.dataset.connected === '1' &&
                !!document.querySelector('#now li[data-ticket="C077"][data-counter="5"]')""", 20, 0.05):
            fail(driver, "page did not reconnect and re-read the snapshot")
        reconnect_ms = (time.monotonic() - t1) * 1000
        offsite = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(n => !n.startsWith(location.origin) && !n.startsWith('ws://' + location.host))")
        if offsite:
            fail(driver, f"page loaded external assets: {offsite}")
        say("RESULT " + json.dumps({"latency_ms": round(latency_ms, 1), "reconnect_ms": round(reconnect_ms, 1)}))
    except Exception as exc:  # noqa: BLE001 (report any Selenium failure on the protocol line)
        fail(driver, f"{type(exc).__name__}: {exc}")
    driver.quit()


if __name__ == "__main__":
    main()
