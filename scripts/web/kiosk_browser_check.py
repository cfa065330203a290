#!/usr/bin/python3
"""Taps through Quay's kiosk screen in real headless Chromium (Selenium + /usr/bin/chromedriver) for the tests.

One browser session for the whole run. Talks to the test that started it, one line each way:
    -> ISSUED {json}      a ticket was taken on screen: lang, number, ticket id, printed (the test checks the printer)
    -> REPLAY {json}      the last issue request re-sent with the same idempotency key: the reply (same ticket, replayed)
    -> WANT <command>     the test should send <command> to the printer simulator, then answer OK on stdin
    -> REFUSED {json}     a refusal shown in the chosen language
    -> RETURNED {json}    "I have a receipt" in Khmer: the code typed on the on-screen keyboard gives a return ticket
    -> NORECEIPT {json}   an unknown receipt code: the catalogue's refusal in Khmer
    -> GUARD {json}       HTTP status of a cross-site POST, a form POST, an oversized POST (all refused), and of a
                          WebSocket handshake to the scan feed from this origin (101) and from another site (refused)
    -> PHONE {json}       the "my ticket" page of the Khmer ticket (its QR's token) on a phone-sized screen
    -> WANT call A002     the test should call the Khmer ticket to a counter, then answer OK
    -> CALLED {json}      the phone page shows the call, in Khmer (latency_ms from OK)
    -> EXPIRED {json}     a made-up token shows only "no longer valid"
    -> WANT scan cccd     the test should hold an ID card of a citizen over 60 under the kiosk's scanner, then OK
    -> CCCD {json}        the priority screen marks the elderly class; nothing of the card shown
    -> WANT scan receipt  the test should scan a result-ready receipt at the kiosk's scanner, then OK
    -> SCANRETURN {json}  the return ticket quayd issued for the scan, shown on the screen
    -> WANT unplug-next-job  the test should make the printer lose the next ticket (cable pulled), then OK
    -> PRINTFAIL {json}   the number taken but not printed: shown large with "show this number to staff", in Khmer
    -> A11Y {json}        per screen: smallest tap target (mm at --dpi), smallest text size (px), lowest contrast
    -> DONE
    -> FAIL reason        anything went wrong (exit status 1)
Khmer is checked for missing glyphs: every Khmer character shown must be in the character set (fc-match) of the
font Chromium reports it used (CSS.getPlatformFontsForNode), and at least one Khmer font must be used.
Screenshots go to --shots DIR, one PNG per screen and language.
"""
import argparse
import json
import os
import sys
import time
import socket
import urllib.error
import urllib.parse
import urllib.request

from browser_common import answered, headless_chromium, phase, say, watchdog  # noqa: E402 (same folder)
from page_checks import PageChecks  # noqa: E402 (same folder)


class Kiosk(PageChecks):
    def __init__(self, args):
        self.args = args
        self.d = headless_chromium(args.chromedriver, "1080,1920", lang="vi", page_load_timeout=20)
        self.a11y = {}
        self.charsets = {}
        self.tokens = {}

    def fail(self, why):
        say("FAIL " + why)
        try:
            self.shot("failure")
        finally:
            self.d.quit()
        sys.exit(1)

    def viewport(self, width, height):
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def wait(self, script, timeout=10, what=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.d.execute_script(script):
                return
            time.sleep(0.03)
        self.fail(what or ("timed out: " + script))

    def shot(self, name):
        self.d.save_screenshot(os.path.join(self.args.shots, name + ".png"))

    def screen(self, name, timeout=10):
        self.wait(f"return document.body.dataset.screen === '{name}'", timeout, f"screen '{name}' not shown")

    def tap(self, selector):
        self.d.execute_script("document.querySelector(arguments[0]).click()", selector)

    def start(self, lang, portrait=True):
        self.viewport(1080, 1920) if portrait else self.viewport(1920, 1080)
        self.d.get(self.args.url)
        self.wait("return document.body.dataset.ready === '1'", 15, "menu not loaded")
        self.screen("language")

    def take(self, lang, priority, shots=True):
        self.tap(f"[data-choose='{lang}']")
        self.screen("service")
        if shots:
            self.check_a11y(f"services-{lang}")
            self.shot(f"services-{lang}")
            if lang == "km":
                self.check_khmer("services-km")
        # The full service is greyed, with the catalogue's reason in this language.
        full = self.d.execute_script(
            "const b = document.querySelector('[data-service=\"full\"]');"
            "return b && {disabled: b.disabled, why: (b.querySelector('.why') || {}).textContent, code: b.dataset.refusal}")
        if not full or not full["disabled"] or full["code"] != "capacity-reached":
            self.fail(f"{lang}: the full service is not greyed: {full}")
        say("GREYED " + json.dumps({"lang": lang, "why": full["why"]}, ensure_ascii=False))
        self.tap("[data-service='hotich']")
        self.screen("priority")
        if shots:
            self.check_a11y(f"priority-{lang}")
            self.shot(f"priority-{lang}")
            if lang == "km":
                self.check_khmer("priority-km")
        self.tap(f"[data-priority='{priority}']")

    def run(self):
        a = self.args
        # Portrait for vi and km, landscape for en; km claims the elderly priority.
        for lang, priority, portrait in (("vi", "regular", True), ("km", "elderly", True), ("en", "regular", False)):
            phase(f"ticket in {lang}")
            self.start(lang, portrait)
            if lang == "vi":
                self.check_a11y("language")
                self.check_khmer("language")
                self.shot("language")
            self.take(lang, priority)
            self.screen("ticket", 20)
            self.check_a11y(f"ticket-{lang}")
            self.shot(f"ticket-{lang}")
            if lang == "km":
                self.check_khmer("ticket-km")
            info = self.d.execute_script(
                "return {number: document.getElementById('number').textContent, id: document.getElementById('number').dataset.ticket,"
                " printed: document.body.dataset.printed === '1', lang: document.body.dataset.lang,"
                " ahead: document.getElementById('ticket-ahead').textContent, attempts: window.quayKiosk.attempts,"
                " follow: document.getElementById('follow').dataset.token,"
                " qr: document.getElementById('qr').complete && document.getElementById('qr').naturalWidth > 0}")
            if not info["qr"] or not info["follow"]:
                self.fail(f"{lang}: no QR of the phone page on the confirmation: {info}")
            self.tokens[lang] = info["follow"]
            say("ISSUED " + json.dumps(info, ensure_ascii=False))
            if lang == "vi":
                # The network dropped the answer: the page (or a proxy) sends the same request again.
                reply = self.d.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "fetch(location.pathname + '/issue', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                    " body: window.quayKiosk.lastRequest}).then(r => r.json()).then(done, e => done({error: String(e)}));")
                say("REPLAY " + json.dumps(reply, ensure_ascii=False))
            self.tap("#screen-ticket [data-action='restart']")
            self.screen("language")

        # Paper out: refused before a number is taken, in Khmer.
        phase("paper out")
        say("WANT paper-out")
        if not answered("test did not set the printer to paper-out"):
            self.fail("no paper-out")
        self.start("km")
        self.take("km", "regular", shots=False)
        self.screen("refused", 20)
        self.check_a11y("refused-km")
        self.check_khmer("refused-km")
        self.shot("refused-km")
        refused = self.d.execute_script(
            "const r = document.getElementById('refusal'); return {code: r.dataset.code, text: r.textContent, lang: r.lang}")
        say("REFUSED " + json.dumps(refused, ensure_ascii=False))
        say("WANT paper-ok")
        if not answered("test did not set the printer back"):
            self.fail("no paper-ok")

        # "I have a receipt", typed on the on-screen keyboard, in Khmer.
        for code, label in ((a.receipt, "RETURNED"), ("XX-00000", "NORECEIPT")):
            phase(f"receipt typed ({label})")
            self.start("km")
            self.tap("[data-choose='km']")
            self.screen("service")
            self.tap("[data-action='receipt']")
            self.screen("receipt")
            if label == "RETURNED":
                self.check_a11y("receipt-km")
                self.check_khmer("receipt-km")
            for ch in code:
                self.tap(f"[data-key='{ch}']")
            if label == "RETURNED":
                self.shot("receipt-km")
            self.tap("[data-action='return']")
            if label == "RETURNED":
                self.screen("ticket", 20)
                self.shot("return-ticket-km")
                info = self.d.execute_script(
                    "return {number: document.getElementById('number').textContent, printed: document.body.dataset.printed === '1',"
                    " typed: document.getElementById('code').textContent}")
            else:
                self.screen("refused", 20)
                info = self.d.execute_script(
                    "const r = document.getElementById('refusal'); return {code: r.dataset.code, text: r.textContent}")
            say(label + " " + json.dumps(info, ensure_ascii=False))

        self.scanner()
        self.printer_fails_after_issue()

        # State-changing requests from other sites are refused before they reach quayd.
        phase("guards")
        issue_url = a.url.split("?")[0] + "/issue"
        body = json.dumps({"service": "hotich", "language": "vi", "key": "guard-test-key-0001"}).encode()

        def post(headers, data):
            req = urllib.request.Request(issue_url, data=data, headers=headers, method="POST")
            try:
                return urllib.request.urlopen(req, timeout=5).status
            except urllib.error.HTTPError as e:
                return e.code
        def ws_handshake(origin):
            """The status line's code of a WebSocket handshake to the kiosk's scan feed with this Origin."""
            u = urllib.parse.urlsplit(a.url)
            with socket.create_connection((u.hostname, u.port), timeout=5) as s:
                s.sendall((f"GET {u.path}/ws HTTP/1.1\r\nHost: {u.netloc}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                           f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                           f"Origin: {origin}\r\n\r\n").encode())
                return int(s.recv(64).split(b" ")[1])
        guard = {
            "wsSameOrigin": ws_handshake(f"http://{urllib.parse.urlsplit(a.url).netloc}"),
            "wsCrossSite": ws_handshake("http://evil.example"),
            "crossSite": post({"Content-Type": "application/json", "Origin": "http://evil.example"}, body),
            "form": post({"Content-Type": "application/x-www-form-urlencoded"}, b"service=hotich&language=vi"),
            "huge": post({"Content-Type": "application/json"}, b"{" + b" " * 5000 + b"}"),
        }
        say("GUARD " + json.dumps(guard))
        offsite = self.d.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
        if offsite:
            self.fail(f"page loaded external assets: {offsite}")
        phase("phone page")
        self.phone(a.url.split("/kiosk/")[0])
        say("A11Y " + json.dumps(self.a11y, ensure_ascii=False))
        say("DONE")
        self.d.quit()


    def scanner(self):
        """The kiosk's own serial scanner, driven by the test: an ID card and a receipt, seen live on this screen."""
        phase("scanner: ID card")
        self.start("km")
        self.tap("[data-choose='km']")
        self.screen("service")
        self.tap("[data-service='hotich']")
        self.screen("priority")
        self.wait("return document.body.dataset.scanner === '1'", 10, "the kiosk's scanner feed did not connect")
        say("WANT scan cccd")
        if not answered("test did not scan the ID card"):
            self.fail("no ID card scan")
        self.wait("return !!document.querySelector('#priorities .tile.suggested')", 10, "the ID card scan marked no priority")
        self.check_a11y("cccd-km")
        self.check_khmer("cccd-km")
        self.shot("priority-cccd-km")
        info = self.d.execute_script(
            "const s = document.querySelector('#priorities .tile.suggested');"
            "return {suggested: s.dataset.priority, first: document.querySelector('#priorities').firstElementChild.dataset.priority,"
            " badge: (s.querySelector('.badge') || {}).textContent, note: document.getElementById('scan-note').textContent,"
            " page: document.body.innerText, scan: window.quayKiosk.lastScan}")
        say("CCCD " + json.dumps(info, ensure_ascii=False))
        self.tap("#screen-priority [data-action='services']")

        phase("scanner: receipt")
        self.screen("service")
        say("WANT scan receipt")
        if not answered("test did not scan the receipt"):
            self.fail("no receipt scan")
        self.screen("ticket", 20)
        self.check_khmer("scan-return-km")
        self.shot("scan-return-ticket-km")
        info = self.d.execute_script(
            "return {number: document.getElementById('number').textContent, printed: document.body.dataset.printed === '1',"
            " note: document.getElementById('scan-note').textContent}")
        say("SCANRETURN " + json.dumps(info, ensure_ascii=False))
        self.tap("#screen-ticket [data-action='restart']")
        self.screen("language")

    def printer_fails_after_issue(self):
        """The printer answers its status, then loses the ticket (cable pulled): the number is kept, and the screen
        shows it large with the text for the staff, in the citizen's language."""
        phase("printer fails after the number was taken")
        say("WANT unplug-next-job")
        if not answered("test did not arm the printer's unplug"):
            self.fail("no unplug")
        self.start("km")
        self.take("km", "regular", shots=False)
        self.screen("ticket", 30)
        self.wait("return document.body.dataset.printed === '0'", 5, "the failed print was shown as printed")
        self.check_a11y("printer-failed-km")
        self.check_khmer("printer-failed-km")
        self.shot("ticket-printer-failed-km")
        info = self.d.execute_script(
            "return {number: document.getElementById('number').textContent, printed: document.body.dataset.printed === '1',"
            " note: document.getElementById('ticket-note').textContent, staff: document.getElementById('ticket-staff').textContent,"
            " staffShown: !document.getElementById('ticket-staff').hidden,"
            " numberPx: parseFloat(getComputedStyle(document.getElementById('number')).fontSize)}")
        say("PRINTFAIL " + json.dumps(info, ensure_ascii=False))
        self.tap("#screen-ticket [data-action='restart']")
        self.screen("language")

    def phone(self, origin):
        """The Khmer ticket's phone page: its number and place in Khmer, then live, the call."""
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        self.d.get(origin + "/t/" + self.tokens["km"])
        self.wait("return document.body.dataset.state === 'waiting' && document.body.dataset.live === '1'", 10,
                  "phone page did not show the waiting ticket")
        live = self.d.execute_script("return document.getElementById('live-text').textContent")
        expected_live = self.d.execute_script("return (window.quayTicket.texts['follow.live'] || {}).km")
        if live != expected_live:
            self.fail(f"phone page is live but says '{live}', not '{expected_live}'")
        self.check_a11y("phone-km", min_text=18)
        self.check_khmer("phone-km")
        self.shot("phone-km-waiting")
        shown = self.d.execute_script(
            "return {number: document.getElementById('number').textContent, lang: document.documentElement.lang,"
            " ahead: document.getElementById('ahead').textContent, message: document.getElementById('message').textContent}")
        say("PHONE " + json.dumps(shown, ensure_ascii=False))
        say("WANT call A002")
        if not answered("test did not call the ticket"):
            self.fail("no call")
        t0 = time.monotonic()
        self.wait("return document.body.dataset.state === 'called'", 3, "the call did not reach the phone page within 3 s")
        latency = (time.monotonic() - t0) * 1000
        self.check_khmer("phone-km-called")
        self.shot("phone-km-called")
        called = self.d.execute_script("return {message: document.getElementById('message').textContent}")
        called["latency_ms"] = round(latency, 1)
        say("CALLED " + json.dumps(called, ensure_ascii=False))
        self.d.get(origin + "/t/AAAAAAAAAAAAAAAAAAAAAA")
        self.wait("return document.body.dataset.state === 'gone' && document.getElementById('message').textContent !== ''", 10,
                  "a made-up token was not refused")
        self.shot("phone-expired")
        gone = self.d.execute_script(
            "return {message: document.getElementById('message').textContent, number: document.getElementById('number').textContent}")
        say("EXPIRED " + json.dumps(gone, ensure_ascii=False))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--receipt", required=True, help="receipt code of a result-ready dossier")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = ap.parse_args()
    watchdog()
    if not os.path.exists(args.chromedriver):
        say("FAIL chromedriver missing: apt-get install chromium-driver")
        sys.exit(1)
    os.makedirs(args.shots, exist_ok=True)

    k = Kiosk(args)
    try:
        k.run()
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 (report any Selenium failure on the protocol line)
        k.fail(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
