#!/usr/bin/python3
"""Every screen of Quay's web faces in vi, km and en, in real headless Chromium, saved as PNG and checked.

Arguments: --origin http://127.0.0.1:PORT --kiosk NAME --shots DIR --user NAME --password PW (an admin web account)
For each language a citizen takes a ticket on the kiosk (language, services, receipt keyboard, priority, ticket),
follows it on the phone page (waiting, then called: the ticket is called through the clerk console's own POST),
is served at counter q1 (rating screen: serving, the question, thanks) and the report page is opened in that
language; then the hall display and the clerk console. On every screen: WCAG AA contrast of every visible text,
text size and tap targets (>= 15 mm at the screen's DPI on the touch screens), nothing cut off on the fixed-size
screens, and every Khmer character drawn with a Khmer font that has it (fc-match charset of the font Chromium
used). Prints:
    SHOT {json}   one per screenshot: name, file and the measured figures
    DONE / FAIL reason (with the phase it was in)
"""
import argparse
import json
import os
import sys
import time

from selenium.webdriver.common.by import By

from browser_common import phase, say, watchdog  # noqa: E402 (same folder)
from kiosk_browser_check import Kiosk  # noqa: E402 (same folder)

LANGS = ("vi", "km", "en")


class Screens(Kiosk):
    def __init__(self, args):
        args.url = args.origin + "/kiosk/" + args.kiosk + "?reset=300&dpi=102"
        super().__init__(args)
        self.count = 0

    def record(self, name, lang, touch=False, min_text=16, scope="body *", clipping=True, khmer=None):
        """Measures the page as it is now, checks it and saves it as NAME.png."""
        self.check_a11y(name, min_text=min_text, scope=scope, min_target=15.0 if touch else 0, clipping=clipping)
        if khmer if khmer is not None else lang == "km":
            self.check_khmer(name)
        self.shot(name)
        self.count += 1
        say("SHOT " + json.dumps({"name": name, "file": os.path.join(self.args.shots, name + ".png"), **self.a11y[name]},
                                 ensure_ascii=False))

    def clerk(self, action, counter="q1"):
        """The clerk console's own POST (session cookie + CSRF token), as the signed-in admin."""
        r = self.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/clerk/session').then(r => r.json()).then(s => fetch('/clerk/action', {method: 'POST',"
            " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf},"
            " body: JSON.stringify({action: arguments[0], counter: arguments[1]})})).then(r => r.json()).then(done,"
            " e => done({error: String(e)}));", action, counter)
        if not r or r.get("ok") is not True:
            self.fail(f"clerk {action}: {r}")
        return r

    def sign_in(self):
        phase("clerk sign-in", 60)
        self.viewport(1366, 900)
        self.d.get(self.args.origin + "/clerk")
        self.wait("return document.body.dataset.view === 'login'", 15, "no sign-in form")
        self.record("clerk-sign-in-vi", "vi", clipping=False)
        self.d.find_element(By.ID, "user").send_keys(self.args.user)
        self.d.find_element(By.ID, "password").send_keys(self.args.password)
        self.d.find_element(By.ID, "login-button").click()
        self.wait("return document.body.dataset.view === 'console' && document.body.dataset.live === '1'", 15, "console not live")

    def citizen(self, lang):
        a = self.args
        phase(f"kiosk in {lang}", 90)
        self.start(lang, portrait=lang != "en")
        if lang == "vi":
            self.record("kiosk-language", "vi", touch=True, min_text=32, scope="main *, header *", khmer=True)
        self.tap(f"[data-choose='{lang}']")
        self.screen("service")
        self.record(f"kiosk-services-{lang}", lang, touch=True, min_text=32, scope="main *, header *")
        self.tap("[data-action='receipt']")
        self.screen("receipt")
        for ch in "HS-":
            self.tap(f"[data-key='{ch}']")
        self.record(f"kiosk-receipt-{lang}", lang, touch=True, min_text=32, scope="main *, header *")
        self.tap("#screen-receipt [data-action='services']")
        self.screen("service")
        self.tap("[data-service='hotich']")
        self.screen("priority")
        self.record(f"kiosk-priority-{lang}", lang, touch=True, min_text=32, scope="main *, header *")
        self.tap("[data-priority='regular']")
        self.screen("ticket", 20)
        self.wait("return document.getElementById('qr').complete && document.getElementById('qr').naturalWidth > 0", 10, "no QR")
        self.record(f"kiosk-ticket-{lang}", lang, touch=True, min_text=32, scope="main *, header *")
        token = self.d.execute_script("return document.getElementById('follow').dataset.token")

        phase(f"phone page in {lang}", 60)
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        self.d.get(a.origin + "/t/" + token)
        self.wait("return document.body.dataset.state === 'waiting' && document.body.dataset.live === '1'", 15, "phone page")
        self.record(f"phone-waiting-{lang}", lang, min_text=18)
        self.clerk("next")
        self.wait("return document.body.dataset.state === 'called'", 10, "the call did not reach the phone page")
        self.record(f"phone-called-{lang}", lang, min_text=18)

        phase(f"rating screen in {lang}", 60)
        self.viewport(1280, 800)
        self.d.get(a.origin + "/rate/q1?ask=120")
        self.wait("return document.body.dataset.mode === 'serving' && document.body.dataset.live === '1'", 15, "rating screen")
        self.record(f"rate-serving-{lang}", lang, touch=True, min_text=24)
        self.clerk("start")
        self.clerk("done")
        self.wait("return document.body.dataset.mode === 'ask'", 10, "no rating question after Done")
        self.record(f"rate-ask-{lang}", lang, touch=True, min_text=24)
        self.tap("button[data-score='4']")
        self.wait("return document.body.dataset.mode === 'thanks'", 10, "no thanks")
        self.record(f"rate-thanks-{lang}", lang, touch=True, min_text=24)

        phase(f"report page in {lang}", 60)
        self.viewport(1366, 900)
        self.d.get(a.origin + "/report?lang=" + lang)
        self.wait("return !!document.getElementById('download-xlsx')", 20, "no report page")
        self.record(f"report-{lang}", lang, min_text=12, clipping=False)

    def run(self):
        self.sign_in()
        for lang in LANGS:
            self.citizen(lang)
        phase("hall display", 60)
        self.viewport(1920, 1080)
        self.d.get(self.args.origin + "/")
        self.wait("return document.body.dataset.connected === '1' && !!document.querySelector('[data-ticket]')", 15,
                  "hall page not live")
        time.sleep(0.5)
        self.record("hall", "vi", min_text=24, khmer=True)
        phase("clerk console", 60)
        self.viewport(1366, 900)
        self.d.get(self.args.origin + "/clerk")
        self.wait("return document.body.dataset.view === 'console' && document.body.dataset.live === '1'", 15, "console")
        self.record("clerk-console-vi", "vi", clipping=False)
        say("DONE " + json.dumps({"shots": self.count}))
        self.d.quit()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--origin", required=True)
    ap.add_argument("--kiosk", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = ap.parse_args()
    watchdog()
    os.makedirs(args.shots, exist_ok=True)
    s = Screens(args)
    try:
        s.run()
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001
        s.fail(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
