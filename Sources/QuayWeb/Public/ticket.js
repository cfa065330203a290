// "My ticket" phone page: GET status (the `ticket-status` op through quayd's gateway) and the catalogue's texts;
// live through the hall feed (/ws): every pushed change makes the page re-read its own status. No polling.
"use strict";
(function () {
  const token = decodeURIComponent(location.pathname.split("/")[2] || "");
  const $ = (id) => document.getElementById(id);
  const state = { texts: {}, lang: "vi", status: null, timer: null, ws: null, backoff: 500 };
  window.quayTicket = state;

  function text(key, args) {
    const forms = state.texts[key] || {};
    let s = forms[state.lang] || forms.vi || "";
    for (const [k, v] of Object.entries(args || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  }

  async function refresh() {
    try {
      const r = await fetch("/t/" + encodeURIComponent(token) + "/status", { cache: "no-store" });
      const m = await r.json();
      state.texts = m.texts || {};
      render(m.status);
    } catch (e) { /* offline: the live indicator says so; the next feed message retries */ }
  }
  function soon() { clearTimeout(state.timer); state.timer = setTimeout(refresh, 150); }

  function render(s) {
    state.status = s;
    if (!s || !s.ok) {
      const c = (s && s.error && s.error.citizen) || {};
      document.body.dataset.state = "gone";
      $("message").textContent = c[state.lang] || c.vi || "";
      for (const id of ["number", "service", "ahead", "wait"]) $(id).textContent = "";
      applyStatic();
      return;
    }
    state.lang = s.language || "vi";
    document.documentElement.lang = state.lang;
    document.body.dataset.lang = state.lang;
    for (const p of document.querySelectorAll("main p, #live-text")) p.lang = state.lang;
    document.body.dataset.state = s.state;
    $("number").textContent = s.number;
    $("service").textContent = (s.serviceName && (s.serviceName[state.lang] || s.serviceName.vi)) || "";
    const msg = {
      waiting: text("follow.waiting"),
      called: text("follow.called", { number: s.number, counter: s.counter || "" }),
      serving: text("follow.serving", { counter: s.counter || "" }),
      done: text("follow.done"),
      "no-show": text("follow.no-show"),
      expired: text("follow.expired"),
    }[s.state] || "";
    if (s.state === "called" && $("message").textContent !== msg && navigator.vibrate) navigator.vibrate([300, 150, 300]);
    $("message").textContent = msg;
    $("ahead").textContent = s.state === "waiting" ? text("ticket.waiting-ahead", { count: s.waitingAhead }) : "";
    $("wait").textContent = s.state === "waiting" && s.estimatedWaitMinutes != null
      ? text("ticket.estimated-wait", { minutes: s.estimatedWaitMinutes }) : "";
    applyStatic();
  }

  function applyStatic() {
    for (const el of document.querySelectorAll("[data-text]")) el.textContent = text(el.dataset.text);
    $("live-text").textContent = document.body.dataset.live === "1" ? text("follow.live") : text("follow.reconnecting");
  }

  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    state.ws = ws;
    ws.onopen = () => { state.backoff = 500; document.body.dataset.live = "1"; applyStatic(); soon(); };
    ws.onmessage = () => soon();
    ws.onclose = () => {
      document.body.dataset.live = "0";
      applyStatic();
      setTimeout(connect, state.backoff);
      state.backoff = Math.min(state.backoff * 2, 15000);
    };
  }

  refresh().then(connect);
})();
