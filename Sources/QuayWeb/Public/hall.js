// Hall display client. Connects to /ws, replaces its state with the "snapshot" that starts every connection,
// applies updates (same rules as HallSnapshot.applying in Swift) and reconnects by itself with backoff.
// Text from the server is inserted with textContent only.
"use strict";
(function () {
  const NOW_LIMIT = 6, RECENT_LIMIT = 10, FLASH_MS = 8000;
  let state = { nowCalling: [], recent: [], waiting: [], resultsReady: [] };
  let flashTicket = null, flashUntil = 0, retryMs = 1000, socket = null;
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function apply(msg) {
    const s = state;
    switch (msg.type) {
      case "snapshot":
        state = msg.snapshot;
        return;
      case "called":
      case "recalled": {
        const c = msg.call;
        const old = s.nowCalling.find((x) => x.counter === c.counter);
        if (old && old.ticket !== c.ticket) {
          s.recent = s.recent.filter((x) => x.ticket !== old.ticket);
          s.recent.unshift(old);
        }
        s.nowCalling = s.nowCalling.filter((x) => x.counter !== c.counter && x.ticket !== c.ticket);
        s.recent = s.recent.filter((x) => x.ticket !== c.ticket);
        s.nowCalling.unshift(c);
        while (s.nowCalling.length > NOW_LIMIT) s.recent.unshift(s.nowCalling.pop());
        s.recent = s.recent.slice(0, RECENT_LIMIT);
        flashTicket = c.ticket;
        flashUntil = Date.now() + FLASH_MS;
        announce(c);
        return;
      }
      case "counterCleared": {
        const old = s.nowCalling.find((x) => x.counter === msg.counter);
        if (old) {
          s.nowCalling = s.nowCalling.filter((x) => x.counter !== msg.counter);
          s.recent.unshift(old);
          s.recent = s.recent.slice(0, RECENT_LIMIT);
        }
        return;
      }
      case "waiting":
        s.waiting = msg.waiting;
        return;
      case "resultsReady":
        s.resultsReady = msg.resultsReady;
        return;
    }
  }

  // Texts come from quayd's message catalogue with each snapshot; these are used until the first one arrives.
  let texts = {
    "hall.calling": { vi: "Mời số {number} đến quầy {counter}", km: "សូមអញ្ជើញលេខ {number} មកបញ្ជរលេខ {counter}" },
  };

  function applyTexts(t) {
    if (!t) return;
    for (const key of Object.keys(t)) texts[key] = Object.assign({}, texts[key] || {}, t[key]);
    for (const node of document.querySelectorAll("[data-text]")) {
      const entry = texts[node.dataset.text];
      const lang = node.getAttribute("lang");
      if (entry && entry[lang]) node.textContent = entry[lang];
    }
  }

  function calling(lang, c) {
    return texts["hall.calling"][lang].replace("{number}", c.ticket).replace("{counter}", String(c.counter));
  }

  function announce(c) {
    $("banner-vi").textContent = calling("vi", c);
    $("banner-km").textContent = calling("km", c);
    $("banner").hidden = false;
  }

  function render() {
    const now = $("now");
    now.replaceChildren();
    for (const c of state.nowCalling) {
      const li = el("li");
      li.dataset.ticket = c.ticket;
      li.dataset.counter = String(c.counter);
      li.append(el("span", "ticket", c.ticket), el("span", "counter", String(c.counter)));
      if (c.ticket === flashTicket && Date.now() < flashUntil) li.classList.add("flash");
      now.append(li);
    }
    $("now-empty").hidden = state.nowCalling.length > 0;
    if (state.nowCalling.length === 0) $("banner").hidden = true;

    const recent = $("recent");
    recent.replaceChildren();
    for (const c of state.recent) {
      const li = el("li");
      li.dataset.ticket = c.ticket;
      li.append(el("span", "ticket", c.ticket), el("span", "arrow", "→ " + c.counter));
      recent.append(li);
    }

    const waiting = $("waiting");
    waiting.replaceChildren();
    for (const w of state.waiting) {
      const li = el("li");
      li.dataset.service = w.service;
      const names = el("div", "names");
      const vi = el("span", "vi", w.nameVi); vi.lang = "vi";
      const km = el("span", "km", w.nameKm); km.lang = "km";
      names.append(vi, km);
      li.append(names, el("span", "count", String(w.waiting)));
      waiting.append(li);
    }

    const results = $("results");
    results.replaceChildren();
    for (const r of state.resultsReady) {
      results.append(el("li", "result", r.counter ? r.maskedCode + " → " + r.counter : r.maskedCode));
    }
    $("results-box").hidden = state.resultsReady.length === 0;
  }

  function setConnected(on) {
    document.body.dataset.connected = on ? "1" : "0";
    $("offline").hidden = on;
  }

  function connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    try {
      socket = new WebSocket(url);
    } catch (e) {
      return retry();
    }
    socket.onopen = () => { retryMs = 1000; setConnected(true); };
    socket.onmessage = (ev) => {
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (msg.type === "snapshot" && state.nowCalling.length && msg.snapshot.nowCalling.length) {
        // After a reconnect keep flashing only what is still being called.
        if (!msg.snapshot.nowCalling.some((c) => c.ticket === flashTicket)) flashTicket = null;
      }
      if (msg.type === "snapshot") applyTexts(msg.snapshot.texts);
      apply(msg);
      if (msg.type === "snapshot" && state.nowCalling.length) announce(state.nowCalling[0]);
      render();
    };
    socket.onclose = () => { setConnected(false); retry(); };
    socket.onerror = () => { try { socket.close(); } catch (e) { /* closing anyway */ } };
  }

  function retry() {
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10000);
  }

  function tick() {
    const d = new Date();
    $("clock").textContent = String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
    if (flashTicket && Date.now() >= flashUntil) { flashTicket = null; render(); }
  }

  tick();
  setInterval(tick, 1000);
  render();
  connect();
})();
