#!/usr/bin/python3
"""Drives Quay's clerk console in real headless Chromium (Selenium + /usr/bin/chromedriver) for the tests.

Arguments: --origin http://127.0.0.1:PORT --shots DIR --token TOKEN (the follow token of ticket A001).
Prints one line per step (the test checks each):
    LOCKED {json}     five wrong passwords for "mai" lock the account; then even the right one is refused
    CONSOLE {json}    "lan" (clerk of q2) signed in: live, waiting list with priority and language marks
    CALLED {json}     Next pressed: the current ticket, the hall feed's snapshot, the phone page of that ticket
    SCOPE {json}      the same session acting for q1: the op table's refusal
    CSRF {json}       statuses of a POST without the CSRF token, one without a session, one cross-site
    RATED {json}      the counter's rating screen: serving A001 in Khmer, then after Done the question in Khmer,
                      a tap on the fourth face, and a second rating of the same ticket that changes nothing
    DOSSIER {json}    a dossier received at q2 on the console, marked result-ready, handed back; a dossier of a
                      service q2 does not serve (--other-dossier) is refused by the op table
    LOGOUT {json}     after signing out, the session is gone
    THROTTLED {json}  a password-guessing script against many names: how many attempts were admitted before the
                      global sign-in bound answered 429, and the message the sign-in page then shows
    DONE / FAIL reason
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By

from browser_common import headless_chromium, phase, say, watchdog  # noqa: E402 (same folder)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--origin", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--other-dossier", required=True, help="receipt code of a dossier of a service q2 does not serve")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    a = ap.parse_args()
    os.makedirs(a.shots, exist_ok=True)
    # Never hang silently: each step has 60 s, then the test hears which step was stuck.
    watchdog()
    d = headless_chromium(a.chromedriver, "1366,900", page_load_timeout=20)

    def fail(why):
        say("FAIL " + why)
        d.save_screenshot(os.path.join(a.shots, "clerk-failure.png"))
        d.quit()
        sys.exit(1)

    def wait(script, timeout=10, what=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if d.execute_script(script):
                return
            time.sleep(0.03)
        fail(what or ("timed out: " + script))

    def login(user, password):
        d.execute_script("document.body.dataset.loginError = ''; document.getElementById('login-error').textContent = ''")
        d.find_element(By.ID, "user").clear()
        d.find_element(By.ID, "user").send_keys(user)
        d.find_element(By.ID, "password").send_keys(password)
        d.find_element(By.ID, "login-button").click()

    try:
        phase("loading /clerk", 60)
        d.get(a.origin + "/clerk")
        wait("return document.body.dataset.view === 'login'", 10, "no login form")
        phase("wrong passwords", 60)
        for _ in range(5):
            login("mai", "wrong-password")
            wait("return !!document.body.dataset.loginError", 10, "no answer to a wrong password")
        first = d.execute_script("return document.body.dataset.loginError")
        login("mai", "pin-9999")
        wait("return !!document.body.dataset.loginError", 10, "no answer to the right password")
        locked = {"afterFive": first, "rightPassword": d.execute_script("return document.body.dataset.loginError"),
                  "message": d.execute_script("return document.getElementById('login-error').textContent")}
        d.save_screenshot(os.path.join(a.shots, "clerk-locked.png"))
        say("LOCKED " + json.dumps(locked, ensure_ascii=False))

        phase("signing in", 60)
        login("lan", "123456")
        wait("return document.body.dataset.view === 'console' && document.body.dataset.live === '1'"
             " && document.querySelectorAll('#waiting li').length === 2", 10, "console not live with 2 waiting")
        console = d.execute_script(
            "return {counter: document.body.dataset.counter, options: Array.from(document.getElementById('counter').options).map(o => o.value),"
            " waiting: Array.from(document.querySelectorAll('#waiting li')).map(li => li.textContent)}")
        d.save_screenshot(os.path.join(a.shots, "clerk-console.png"))
        say("CONSOLE " + json.dumps(console, ensure_ascii=False))

        phase("next", 60)
        d.find_element(By.CSS_SELECTOR, "button[data-action='next']").click()
        wait("return document.getElementById('current-number').textContent === 'A001'", 5, "Next did not show A001")
        wait("return document.querySelectorAll('#waiting li').length === 1", 5, "the waiting list did not shrink")
        hall = []
        for _ in range(40):  # the hall display hears of the call from the same committed event, a moment later
            snap = json.loads(urllib.request.urlopen(a.origin + "/snapshot", timeout=5).read())
            hall = snap.get("snapshot", {}).get("nowCalling", [])
            if hall:
                break
            time.sleep(0.05)
        d.save_screenshot(os.path.join(a.shots, "clerk-called.png"))
        called = {"current": d.execute_script("return document.getElementById('current-number').textContent"), "hall": hall}

        scope = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.quayClerk.act('next', {counter: 'q1'}).then(r => done(r.data), e => done({error: String(e)}));")
        say("SCOPE " + json.dumps(scope, ensure_ascii=False))

        no_csrf = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/clerk/action', {method: 'POST', headers: {'Content-Type': 'application/json'},"
            " body: JSON.stringify({action: 'next', counter: 'q2'})}).then(r => done(r.status), e => done(String(e)));")

        def post(headers, body):
            req = urllib.request.Request(a.origin + "/clerk/action", data=body, headers=headers, method="POST")
            try:
                return urllib.request.urlopen(req, timeout=5).status
            except urllib.error.HTTPError as e:
                return e.code
        body = json.dumps({"action": "next", "counter": "q2"}).encode()
        csrf = {"noToken": no_csrf, "noSession": post({"Content-Type": "application/json"}, body),
                "crossSite": post({"Content-Type": "application/json", "Origin": "http://evil.example"}, body)}
        say("CSRF " + json.dumps(csrf))

        # The citizen's phone: the same call, on the "my ticket" page.
        d.execute_script("window.open(arguments[0], 'phone')", a.origin + "/t/" + a.token)
        d.switch_to.window("phone")
        wait("return document.body.dataset.state === 'called'", 10, "the phone page did not show the call")
        called["phone"] = d.execute_script("return document.getElementById('message').textContent")
        d.close()
        d.switch_to.window(d.window_handles[0])
        say("CALLED " + json.dumps(called, ensure_ascii=False))

        phase("rating screen", 60)
        # The rating tablet at counter 2.
        console = d.current_window_handle
        d.execute_script("window.open(arguments[0], 'rate')", a.origin + "/rate/q2?ask=60")
        d.switch_to.window("rate")
        wait("return document.body.dataset.mode === 'serving' && document.body.dataset.live === '1'", 10, "rating screen not serving")
        serving = d.execute_script("return document.getElementById('serving-text').textContent")
        d.save_screenshot(os.path.join(a.shots, "rate-serving-km.png"))
        d.switch_to.window(console)
        for act in ("start", "done"):
            r = d.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                f"window.quayClerk.act('{act}').then(r => done(r.data), e => done({{error: String(e)}}));")
            if not r or r.get("ok") is not True:
                fail(f"{act}: {r}")
        wait("return document.getElementById('today').dataset.served === '1'", 5, "served today did not count the ticket")
        today = d.execute_script("return document.getElementById('today').textContent")
        d.switch_to.window("rate")
        wait("return document.body.dataset.mode === 'ask'", 5, "the rating question did not come after Done")
        question = d.execute_script("return document.getElementById('question').textContent")
        fonts = d.execute_script("return getComputedStyle(document.getElementById('question')).fontFamily")
        d.save_screenshot(os.path.join(a.shots, "rate-ask-km.png"))
        d.find_element(By.CSS_SELECTOR, "button[data-score='4']").click()
        wait("return document.body.dataset.mode === 'thanks' && !!window.quayRate.lastReply", 5, "no thanks after the tap")
        first = d.execute_script("return window.quayRate.lastReply")
        again = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/rate/q2', {method: 'POST', headers: {'Content-Type': 'application/json'},"
            " body: JSON.stringify({ticket: window.quayRate.state.lastDone.ticket, score: 1})}).then(r => r.json()).then(done, e => done({error: String(e)}));")
        d.save_screenshot(os.path.join(a.shots, "rate-thanks-km.png"))
        say("RATED " + json.dumps({"serving": serving, "question": question, "font": fonts, "first": first, "again": again,
                                   "today": today},
                                  ensure_ascii=False))
        d.close()
        d.switch_to.window(console)

        phase("dossiers", 60)
        d.execute_script("document.getElementById('dossier-receive-box').open = true")
        for field, value in (("r-code", "HS-2026-000777"), ("r-procedure", "1.001612"), ("r-procedure-name", "Đăng ký khai sinh"),
                             ("r-name", "Trần Thị Bích"), ("r-phone", "0912345678")):
            d.find_element(By.ID, field).send_keys(value)
        d.execute_script("document.getElementById('r-date').value = '2030-02-01'")
        d.find_element(By.CSS_SELECTOR, "#dossier-receive button[type='submit']").click()
        wait("return document.getElementById('dossier-view').dataset.status === 'received'", 10, "the dossier was not received")
        received = d.execute_script("return document.getElementById('dossier-summary').textContent")
        d.save_screenshot(os.path.join(a.shots, "clerk-dossier-received.png"))
        d.find_element(By.ID, "dossier-ready").click()
        wait("return document.getElementById('dossier-view').dataset.status === 'result-ready'", 10, "result-ready not shown")
        d.find_element(By.ID, "dossier-back").click()
        wait("return document.getElementById('dossier-view').dataset.status === 'returned'", 10, "hand back not shown")
        d.save_screenshot(os.path.join(a.shots, "clerk-dossier-returned.png"))
        returned = d.execute_script("return document.getElementById('dossier-summary').textContent")
        code = d.find_element(By.ID, "dossier-code")
        code.clear()
        code.send_keys(a.other_dossier)
        d.find_element(By.CSS_SELECTOR, "#dossier-find button[type='submit']").click()
        wait("return document.getElementById('dossier-message').dataset.code !== ''", 10, "no answer for another service's dossier")
        other = d.execute_script("return {code: document.getElementById('dossier-message').dataset.code,"
                                 " hidden: document.getElementById('dossier-view').hidden}")
        say("DOSSIER " + json.dumps({"received": received, "returned": returned, "other": other}, ensure_ascii=False))

        phase("logout", 60)
        d.find_element(By.ID, "logout").click()
        wait("return document.body.dataset.view === 'login'", 5, "logout did not return to the login form")
        status = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/clerk/session').then(r => done(r.status), e => done(String(e)));")
        say("LOGOUT " + json.dumps({"session": status}))

        phase("sign-in throttle", 60)
        admitted, answer = 0, None
        for i in range(100):
            body = json.dumps({"user": f"guess{i}", "password": "not-the-password"}).encode()
            req = urllib.request.Request(a.origin + "/clerk/login", data=body, headers={"Content-Type": "application/json"},
                                         method="POST")
            try:
                answer = urllib.request.urlopen(req, timeout=10).status
            except urllib.error.HTTPError as e:
                answer = e.code
            if answer == 429:
                break
            admitted += 1
        login("lan", "123456")
        wait("return document.body.dataset.loginError === 'busy'", 10, "the sign-in page did not say it is busy")
        d.save_screenshot(os.path.join(a.shots, "clerk-busy.png"))
        say("THROTTLED " + json.dumps({"admitted": admitted, "status": answer,
                                       "message": d.execute_script("return document.getElementById('login-error').textContent")},
                                      ensure_ascii=False))
        say("DONE")
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001
        fail(f"{type(exc).__name__}: {exc}")
    d.quit()


if __name__ == "__main__":
    main()
