// Kiosk touch screen: language -> service -> (priority) -> print -> the number, huge. Everything it shows comes
// from quayd (GET menu: the `config` op's reply and the catalogue texts); every ticket goes through the `issue` op
// with a fresh idempotency key per tap, re-sent unchanged on retry, so a network hiccup never gives two numbers.
// URL options: ?reset=SECONDS (idle time before going back to the start, default 30), ?dpi=N (the screen's
// real DPI, used by tests to check 15 mm tap targets; default 96).
"use strict";
(function () {
  const kiosk = decodeURIComponent(location.pathname.split("/")[2] || "");
  const params = new URLSearchParams(location.search);
  const resetSeconds = Math.max(5, Math.min(600, Number(params.get("reset")) || 30));
  document.body.dataset.dpi = String(Number(params.get("dpi")) || 96);
  const state = { lang: "vi", menu: null, texts: {}, service: null, busy: false, idle: null, code: "", suggested: null };
  // For tests and diagnostics: the last request sent and the reply it got.
  const debug = (window.quayKiosk = { kiosk, lastRequest: null, lastReply: null, attempts: 0, lastScan: null });

  const $ = (sel) => document.querySelector(sel);
  function text(key, args, lang) {
    const forms = state.texts[key] || {};
    let s = forms[lang || state.lang] || forms.vi || "";
    for (const [k, v] of Object.entries(args || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  }
  function localized(obj) { return (obj && (obj[state.lang] || obj.vi)) || ""; }

  function applyTexts(root) {
    for (const el of (root || document).querySelectorAll("[data-text]")) {
      const lang = el.dataset.in || state.lang;
      const s = text(el.dataset.text, null, lang);
      if (s) { el.textContent = s; el.lang = lang; }
    }
  }

  function show(screen) {
    for (const s of document.querySelectorAll(".screen")) s.hidden = s.id !== "screen-" + screen;
    document.body.dataset.screen = screen;
    armIdle();
  }
  function armIdle() {
    clearTimeout(state.idle);
    if (document.body.dataset.screen !== "language") state.idle = setTimeout(restart, resetSeconds * 1000);
  }
  function restart() {
    state.service = null;
    state.busy = false;
    state.suggested = null;
    note("");
    document.body.dataset.lang = "vi";
    document.documentElement.lang = "vi";
    show("language");
    loadMenu();
  }

  async function loadMenu() {
    try {
      const r = await fetch("/kiosk/" + encodeURIComponent(kiosk) + "/menu", { cache: "no-store" });
      if (!r.ok) throw new Error("HTTP " + r.status);
      const m = await r.json();
      state.texts = m.texts || {};
      state.menu = m.config && m.config.ok ? m.config : null;
      applyTexts();
      $("#center").textContent = state.menu ? localized(state.menu.center) : "";
      document.body.dataset.ready = state.menu ? "1" : "0";
      return !!state.menu;
    } catch (e) {
      document.body.dataset.ready = "0";
      return false;
    }
  }

  async function chooseLanguage(lang) {
    state.lang = lang;
    document.body.dataset.lang = lang;
    document.documentElement.lang = lang;
    if (!(await loadMenu())) return refuse(text("kiosk.ui.offline"));
    renderServices();
    show("service");
  }

  function renderServices() {
    const box = $("#services");
    box.textContent = "";
    for (const s of state.menu.services) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "tile";
      b.dataset.service = s.id;
      b.lang = state.lang;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = localized(s.name);
      b.append(name);
      const meta = document.createElement("span");
      meta.className = "meta";
      const parts = [text("kiosk.ui.waiting", { count: s.waiting || 0 })];
      if (s.estimatedWaitMinutes != null) parts.push(text("kiosk.ui.estimate", { minutes: s.estimatedWaitMinutes }));
      else parts.push(text("kiosk.ui.no-counter-open"));
      meta.textContent = parts.join(" · ");
      b.append(meta);
      if (s.refusal) {
        b.disabled = true;
        b.dataset.refusal = s.refusal.code;
        const why = document.createElement("span");
        why.className = "why";
        why.textContent = (s.refusal.citizen && s.refusal.citizen[state.lang]) || s.refusal.message;
        b.append(why);
      }
      b.addEventListener("click", () => chooseService(s.id));
      box.append(b);
    }
  }

  function chooseService(id) {
    state.service = id;
    const classes = state.menu.priorities || [];
    if (classes.length === 0) return issue(null);
    const box = $("#priorities");
    box.textContent = "";
    const regular = tile("regular", text("kiosk.ui.no-priority"), "", () => issue(null));
    regular.classList.add("regular");
    box.append(regular);
    for (const p of classes) {
      const why = text("kiosk.ui.priority-note." + p.id) || text("kiosk.ui.priority-note");
      const t = tile(p.id, localized(p.name), why, () => issue(p.id));
      if (state.suggested === p.id) {
        // The kiosk's scanner read an ID card that qualifies: marked and first, the citizen still decides.
        t.classList.add("suggested");
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = text("kiosk.ui.suggested");
        t.prepend(badge);
        box.insertBefore(t, box.firstChild);
      } else box.append(t);
    }
    show("priority");
  }
  function tile(id, title, note, onTap) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "tile";
    b.dataset.priority = id;
    b.lang = state.lang;
    const n = document.createElement("span");
    n.className = "name";
    n.textContent = title;
    b.append(n);
    if (note) {
      const m = document.createElement("span");
      m.className = "meta";
      m.textContent = note;
      b.append(m);
    }
    b.addEventListener("click", onTap);
    return b;
  }

  function newKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // POSTs `body` to the kiosk's `path`, retried (the same body) on a network failure or a 5xx; the reply or null.
  async function post(path, body, attempts) {
    debug.lastRequest = body;
    let reply = null;
    for (let attempt = 0; attempt < attempts && !reply; attempt++) {
      debug.attempts = attempt + 1;
      if (attempt > 0) await new Promise((res) => setTimeout(res, 800 * attempt));
      try {
        const r = await fetch("/kiosk/" + encodeURIComponent(kiosk) + "/" + path, {
          method: "POST", headers: { "Content-Type": "application/json" }, body, cache: "no-store",
        });
        if (r.status >= 500) continue;
        reply = await r.json();
      } catch (e) { /* network: retry with the same body */ }
    }
    debug.lastReply = reply;
    state.busy = false;
    return reply;
  }

  // The ticket, or the refusal in the citizen's language.
  function answer(reply) {
    if (!reply) return refuse(text("kiosk.ui.offline"));
    if (!reply.ok) {
      const e = reply.error || {};
      return refuse((e.citizen && e.citizen[state.lang]) || text("kiosk.ui.offline"), e.code);
    }
    showTicket(reply);
  }

  // One tap, one key: retried (same body, same key) on a network failure or a 5xx, never with a new key.
  async function issue(priority) {
    if (state.busy) return;
    state.busy = true;
    show("printing");
    const body = JSON.stringify({ service: state.service, language: state.lang, priority: priority, key: newKey() });
    answer(await post("issue", body, 4));
  }

  // "I have a receipt": an on-screen keyboard (no text field: kiosk mode has no keyboard), then `issue-return`.
  const KEYS = "1234567890QWERTYUIOPASDFGHJKLZXCVBNM./-".split("").concat(["←"]);
  function showReceipt() {
    state.code = "";
    $("#code").textContent = "";
    const box = $("#keys");
    if (!box.children.length) {
      for (const k of KEYS) {
        const b = document.createElement("button");
        b.type = "button";
        b.dataset.key = k;
        b.textContent = k;
        box.append(b);
      }
    }
    show("receipt");
  }
  function typeKey(k) {
    state.code = k === "←" ? state.code.slice(0, -1) : (state.code + k).slice(0, 64);
    $("#code").textContent = state.code;
  }
  async function issueReturn() {
    if (state.busy || state.code.length < 5) return;
    state.busy = true;
    show("printing");
    // issue-return is idempotent by itself: the same receipt gets its open return ticket again.
    answer(await post("return", JSON.stringify({ code: state.code, language: state.lang }), 3));
  }

  function showTicket(r) {
    const t = r.ticket;
    $("#number").textContent = t.number;
    $("#number").dataset.ticket = t.id;
    const svc = ((state.menu && state.menu.services) || []).find((s) => s.id === t.service);
    $("#ticket-service").textContent = text("ticket.service", { service: svc ? localized(svc.name) : t.service });
    $("#ticket-ahead").textContent = r.waitingAhead != null ? text("ticket.waiting-ahead", { count: r.waitingAhead }) : "";
    $("#ticket-wait").textContent = r.estimatedWaitMinutes != null ? text("ticket.estimated-wait", { minutes: r.estimatedWaitMinutes }) : "";
    $("#ticket-counters").textContent = r.counters && r.counters.length ? text("ticket.counters", { counters: r.counters.join(", ") }) : "";
    // The number was taken but not printed: the screen is the citizen's ticket now.
    const failed = r.print && !r.print.ok;
    $("#ticket-note").textContent = failed ? (r.print.citizen && r.print.citizen[state.lang]) || "" : text("kiosk.ui.take-ticket");
    $("#ticket-staff").textContent = failed ? text("kiosk.ui.show-staff") : "";
    $("#ticket-staff").hidden = !failed;
    document.body.dataset.printed = failed ? "0" : "1";
    // The "my ticket" phone page of this ticket (its unguessable token, never the sequential id).
    $("#follow").hidden = !r.follow;
    if (r.follow) $("#qr").src = "/t/" + encodeURIComponent(r.follow) + "/qr.svg";
    $("#follow").dataset.token = r.follow || "";
    for (const el of document.querySelectorAll("#screen-ticket p")) el.lang = state.lang;
    show("ticket");
  }

  // A line at the top of every screen saying what the kiosk's scanner just read ("" hides it).
  function note(message) {
    $("#scan-note").textContent = message;
    $("#scan-note").lang = state.lang;
    $("#scan-note").hidden = !message;
  }

  // What the kiosk's own scanner read, live (GET /kiosk/NAME/ws): a CCCD suggests the elderly priority (the screen
  // never sees the card: quayd sends only whether a class is suggested); a receipt's return ticket was already
  // issued and printed by quayd, the screen shows it like one taken here.
  function scanned(s) {
    debug.lastScan = s;
    armIdle();
    if (s.kind === "cccd") {
      state.suggested = s.suggestedPriority || null;
      note(state.suggested ? text("kiosk.ui.cccd-suggests") : text("kiosk.ui.cccd-read"));
      if (document.body.dataset.screen === "priority") chooseService(state.service);
    } else if (s.kind === "receipt" && s.result) {
      note("");
      answer(s.result);
    } else if (s.kind === "unreadable") {
      note(text("kiosk.ui.scan-unreadable"));
    }
  }
  function listenToScanner() {
    let delay = 1000;
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/kiosk/" + encodeURIComponent(kiosk) + "/ws";
    (function open() {
      const ws = new WebSocket(url);
      ws.onopen = () => { delay = 1000; document.body.dataset.scanner = "1"; };
      ws.onmessage = (ev) => {
        let m = null;
        try { m = JSON.parse(ev.data); } catch (e) { return; }
        if (m && m.scan) scanned(m.scan);
      };
      ws.onclose = () => {
        document.body.dataset.scanner = "0";
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 30000);
      };
    })();
  }

  function refuse(message, code) {
    $("#refusal").textContent = message;
    $("#refusal").lang = state.lang;
    $("#refusal").dataset.code = code || "offline";
    show("refused");
  }

  document.addEventListener("click", (ev) => {
    armIdle();
    const b = ev.target.closest("button");
    if (!b) return;
    if (b.dataset.choose) chooseLanguage(b.dataset.choose);
    else if (b.dataset.action === "restart") restart();
    else if (b.dataset.action === "services") { renderServices(); show("service"); }
    else if (b.dataset.action === "receipt") showReceipt();
    else if (b.dataset.action === "return") issueReturn();
    else if (b.dataset.key) typeKey(b.dataset.key);
  });
  document.addEventListener("contextmenu", (ev) => ev.preventDefault());
  function tick() {
    const d = new Date();
    $("#clock").textContent = String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }
  tick();
  setInterval(tick, 1000);
  restart();
  listenToScanner();
})();
