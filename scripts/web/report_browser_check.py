#!/usr/bin/python3
"""Drives Quay's report page (/report) in real headless Chromium (Selenium + /usr/bin/chromedriver) for the tests.

Arguments: --origin http://127.0.0.1:PORT --shots DIR --out DIR (where the downloaded XLSX goes).
Accounts (made by the test): "lan" (clerk, password 123456) and "kt" (technician, password tech-2026).
Prints one line per step:
    SIGNIN {json}     /report without a session lands on the sign-in page
    CLERK {json}      a clerk signed in is refused the report (403 text)
    FIGURES {json}    the technician sees November's figures; week and service filters through the page's form
    XLSX {json}       the XLSX download of the page's own query, saved under --out (the test opens it in openpyxl)
    DONE / FAIL reason
"""
import argparse
import base64
import json
import os
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_common import headless_chromium, phase, say, watchdog  # noqa: E402 (same folder)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--origin", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    a = ap.parse_args()
    os.makedirs(a.shots, exist_ok=True)
    watchdog()
    d = headless_chromium(a.chromedriver, "1366,900", page_load_timeout=30)

    def fail(why):
        say("FAIL " + why)
        d.save_screenshot(os.path.join(a.shots, "report-failure.png"))
        d.quit()
        sys.exit(1)

    def wait(script, timeout=15, what=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if d.execute_script(script):
                    return
            except Exception:  # noqa: BLE001 (the page is navigating)
                pass
            time.sleep(0.05)
        fail(what or ("timed out: " + script))

    def sign_in(user, password):
        wait("return document.body && document.body.dataset.view === 'login'", 15, "no sign-in form")
        d.find_element(By.ID, "user").send_keys(user)
        d.find_element(By.ID, "password").send_keys(password)
        d.find_element(By.ID, "login-button").click()

    try:
        phase("report without a session", 60)
        d.get(a.origin + "/report")
        wait("return location.pathname === '/clerk' && document.body.dataset.view === 'login'", 15, "not sent to sign in")
        say("SIGNIN " + json.dumps({"url": d.current_url}))

        phase("a clerk asks for the report", 60)
        sign_in("lan", "123456")
        wait("return location.pathname === '/report'", 15, "not back on /report after signing in")
        wait("return document.body && document.body.innerText.length > 0", 15, "empty answer for the clerk")
        d.save_screenshot(os.path.join(a.shots, "report-clerk-refused.png"))
        say("CLERK " + json.dumps({"text": d.execute_script("return document.body.innerText")}, ensure_ascii=False))
        d.delete_all_cookies()

        phase("a technician reads the figures", 90)
        d.get(a.origin + "/report")
        sign_in("kt", "tech-2026")
        wait("return location.pathname === '/report' && !!document.querySelector('h1')", 20, "the technician got no report")
        d.get(a.origin + "/report?period=month&month=2026-11&today=2026-12-01")
        wait("return !!document.getElementById('download-xlsx')", 20, "no report page for November")
        d.save_screenshot(os.path.join(a.shots, "report-month-vi.png"))
        month = d.execute_script("return {text: document.body.innerText, xlsx: document.getElementById('download-xlsx').href}")
        form = d.find_element(By.ID, "filters")
        Select(form.find_element(By.NAME, "period")).select_by_value("week")
        d.execute_script("document.querySelector('#filters [name=day]').value = '2026-11-11'")
        Select(form.find_element(By.NAME, "service")).select_by_value("s1")
        form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        wait("return (document.getElementById('download-xlsx') || {}).href && "
             "document.getElementById('download-xlsx').href.includes('period=week')", 20, "the week filter was not applied")
        d.save_screenshot(os.path.join(a.shots, "report-week-s1-vi.png"))
        week = d.execute_script("return {text: document.body.innerText, xlsx: document.getElementById('download-xlsx').href}")
        say("FIGURES " + json.dumps({"month": month, "week": week}, ensure_ascii=False))

        phase("xlsx download", 60)
        d.get(a.origin + "/report?period=month&month=2026-11&today=2026-12-01")
        wait("return !!document.getElementById('download-xlsx')", 20, "no report page for November")
        got = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(document.getElementById('download-xlsx').href, {credentials: 'same-origin'}).then(async r => {"
            " const b = new Uint8Array(await r.arrayBuffer()); let s = ''; for (const x of b) s += String.fromCharCode(x);"
            " done({status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),"
            " data: btoa(s)}); }, e => done({error: String(e)}));")
        if got.get("status") != 200:
            fail(f"xlsx download: {dict((k, v) for k, v in got.items() if k != 'data')}")
        path = os.path.join(a.out, "report-page.xlsx")
        with open(path, "wb") as f:
            f.write(base64.b64decode(got["data"]))
        say("XLSX " + json.dumps({"path": path, "type": got["type"], "disposition": got["disposition"]}))
        say("DONE")
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001
        fail(f"{type(exc).__name__}: {exc}")
    d.quit()


if __name__ == "__main__":
    main()
