// Clerk console: sign in (session cookie, HttpOnly, SameSite=Strict), then the counter's current ticket and
// waiting list, live over /clerk/ws (quayd pushes after every change). Every action is a POST with the session's
// CSRF token; the op table decides what this clerk may do.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { csrf: null, user: null, allowed: null, counters: [], queue: null, ws: null, backoff: 500 };
  window.quayClerk = state;

  function view(v) {
    document.body.dataset.view = v;
    $("login").hidden = v !== "login";
    $("console").hidden = v !== "console";
  }

  async function post(path, body) {
    const headers = { "Content-Type": "application/json" };
    if (state.csrf) headers["X-CSRF-Token"] = state.csrf;
    const r = await fetch(path, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
    let data = null;
    try { data = await r.json(); } catch (e) { data = { error: await r.text().catch(() => "") }; }
    return { status: r.status, data };
  }

  async function start() {
    const r = await fetch("/clerk/session", { credentials: "same-origin", cache: "no-store" });
    if (r.status !== 200) return view("login");
    signedIn(await r.json());
  }

  function signedIn(s) {
    // Signed in from the report page (/report sends here with ?next=/report): back to it. Only that page.
    if (new URLSearchParams(location.search).get("next") === "/report") { location.href = "/report"; return; }
    state.csrf = s.csrf;
    state.user = s.user;
    state.allowed = s.counters;  // null: any counter
    $("who").textContent = s.user;
    view("console");
    connect();
  }

  $("login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("login-error").textContent = "";
    const r = await post("/clerk/login", { user: $("user").value, password: $("password").value });
    $("password").value = "";
    if (r.status === 200) return signedIn(r.data);
    if (r.status === 423) {
      const until = new Date(Number(r.data.until) * 1000);
      const hm = String(until.getHours()).padStart(2, "0") + ":" + String(until.getMinutes()).padStart(2, "0");
      $("login-error").textContent = "Tài khoản tạm khoá do nhập sai nhiều lần. Thử lại sau " + hm + ".";
      document.body.dataset.loginError = "locked";
    } else if (r.status === 429) {
      $("login-error").textContent = "Có quá nhiều lần đăng nhập trên hệ thống. Vui lòng thử lại sau " + r.data.retryAfter + " giây.";
      document.body.dataset.loginError = "busy";
    } else {
      $("login-error").textContent = "Sai tên đăng nhập hoặc mật khẩu.";
      document.body.dataset.loginError = "refused";
    }
  });

  $("logout").addEventListener("click", async () => {
    await post("/clerk/logout", {});
    state.csrf = null;
    if (state.ws) { state.ws.onclose = null; state.ws.close(); }
    view("login");
  });

  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/clerk/ws");
    state.ws = ws;
    ws.onopen = () => { state.backoff = 500; document.body.dataset.live = "1"; };
    ws.onmessage = (m) => { const d = JSON.parse(m.data); state.counters = (d.counters && d.counters.counters) || []; state.queue = d.queue && d.queue.snapshot; state.stats = d.stats && d.stats.stats; render(); };
    ws.onclose = () => {
      document.body.dataset.live = "0";
      if (!state.csrf) return;
      setTimeout(connect, state.backoff);
      state.backoff = Math.min(state.backoff * 2, 15000);
    };
  }

  function mine() { return state.counters.filter((c) => !state.allowed || state.allowed.includes(c.id)); }

  function render() {
    const sel = $("counter");
    const current = sel.value;
    const list = mine();
    if (sel.options.length !== list.length) {
      sel.textContent = "";
      for (const c of list) { const o = document.createElement("option"); o.value = c.id; o.textContent = c.number + " (" + c.id + ")"; sel.append(o); }
      if (current) sel.value = current;
    }
    const c = list.find((x) => x.id === sel.value) || list[0];
    if (!c) return;
    $("counter-state").textContent = c.state;
    const line = state.stats && (state.stats.counters || []).find((x) => x.id === c.id);
    const mean = line && line.meanServiceSeconds != null ? Math.round(line.meanServiceSeconds / 60) + " phút" : "—";
    $("today").textContent = "Hôm nay: đã phục vụ " + (line ? line.served : 0) + " · thời gian phục vụ trung bình " + mean;
    $("today").dataset.served = String(line ? line.served : 0);
    document.body.dataset.counter = c.id;
    const t = c.current;
    $("current-number").textContent = t ? t.number : "—";
    $("current-number").dataset.ticket = t ? t.id : "";
    $("current-info").textContent = t ? t.state + (t.priority ? " · ★ " + t.priority : "") + " · " + t.language : "";
    const waiting = ((state.queue && state.queue.waiting) || []).filter((w) => c.services.includes(w.service));
    $("waiting-count").textContent = String(waiting.length);
    const ol = $("waiting");
    ol.textContent = "";
    for (const w of waiting) {
      const li = document.createElement("li");
      li.dataset.ticket = w.number;
      li.textContent = w.number;
      if (w.priority) li.append(mark("prio", "★ " + w.priority));
      if (w.language !== "vi") li.append(mark(w.language, w.language.toUpperCase()));
      ol.append(li);
    }
    const ts = $("to-service");
    if (!ts.options.length && state.queue) {
      const services = new Set(state.counters.flatMap((x) => x.services));
      ts.append(new Option("— dịch vụ —", ""));
      for (const s of services) ts.append(new Option(s, s));
      const tc = $("to-counter");
      tc.append(new Option("— quầy —", ""));
      for (const x of state.counters) tc.append(new Option(x.number, x.id));
    }
  }
  function mark(kind, text) { const s = document.createElement("span"); s.className = "mark " + kind; s.textContent = text; return s; }

  async function act(action, extra) {
    $("error").textContent = "";
    const counter = $("counter").value;
    const r = await post("/clerk/action", Object.assign({ action, counter }, extra || {}));
    state.last = r;
    if (r.status !== 200 || !r.data || r.data.ok === false) {
      $("error").textContent = (r.data && r.data.error && (r.data.error.message || r.data.error)) || ("HTTP " + r.status);
    }
    return r;
  }
  window.quayClerk.act = act;

  document.addEventListener("click", (ev) => {
    const b = ev.target.closest("button[data-action]");
    if (b) act(b.dataset.action);
  });

  // Dossiers: find by receipt code, mark the result ready, hand it back; receive a new one at this counter. Each is
  // one op (dossier-get, dossier-update, dossier-create) run as this clerk: the op table says whether they may.
  const STATUS = { received: "Đã tiếp nhận", processing: "Đang xử lý", "result-ready": "Đã có kết quả", returned: "Đã trả kết quả",
                   "needs-supplement": "Yêu cầu bổ sung", rejected: "Từ chối", withdrawn: "Đã rút",
                   "handed-to-post": "Đã chuyển bưu chính", delivered: "Bưu chính đã phát", "returned-to-sender": "Bưu chính chuyển hoàn" };
  function showDossier(r) {
    const ok = r.status === 200 && r.data && r.data.ok !== false && r.data.dossier;
    $("dossier-view").hidden = !ok;
    if (!ok) {
      const e = r.data && r.data.error;
      $("dossier-message").textContent = (e && (e.message || e.code || e)) || ("HTTP " + r.status);
      $("dossier-message").dataset.code = (e && e.code) || "error";
      return;
    }
    const d = r.data.dossier;
    $("dossier-view").dataset.status = d.status;
    $("dossier-view").dataset.receipt = d.receiptCode;
    $("dossier-summary").textContent = d.receiptCode + " · " + (d.procedureName || d.procedure) + " · " + (STATUS[d.status] || d.status) +
      " · hẹn trả " + String(d.appointmentDate);
    $("dossier-ready").disabled = !["received", "processing"].includes(d.status);
    // A result the post brought back can be handed over at the counter too.
    $("dossier-back").disabled = !["result-ready", "returned-to-sender"].includes(d.status);
    $("dossier-message").textContent = "";
    $("dossier-message").dataset.code = "";
  }
  async function dossierAction(action, extra) {
    const r = await post("/clerk/action", Object.assign({ action, counter: $("counter").value }, extra));
    state.lastDossier = r;
    showDossier(r);
    return r;
  }
  $("dossier-find").addEventListener("submit", (ev) => {
    ev.preventDefault();
    dossierAction("dossier-find", { dossier: $("dossier-code").value.trim() });
  });
  for (const b of document.querySelectorAll("button[data-dossier]")) {
    b.addEventListener("click", () => dossierAction(b.dataset.dossier, { dossier: $("dossier-view").dataset.receipt }));
  }
  $("dossier-receive").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const r = await dossierAction("dossier-receive", {
      dossier: $("r-code").value.trim(), procedure: $("r-procedure").value.trim(), procedureName: $("r-procedure-name").value.trim(),
      appointmentDate: $("r-date").value, citizenName: $("r-name").value.trim(), citizenPhone: $("r-phone").value.trim(),
    });
    if (r.status === 200 && r.data && r.data.ok !== false) {
      $("dossier-code").value = $("r-code").value.trim();
      $("dossier-receive").reset();
      $("dossier-receive-box").open = false;
    }
  });
  $("counter").addEventListener("change", render);
  $("transfer").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const ticket = $("current-number").dataset.ticket;
    act("transfer", { ticket, toService: $("to-service").value || null, toCounter: $("to-counter").value || null, reason: $("reason").value || null });
  });
  start();
})();
