// Counter rating screen: shows the counter and the ticket being served; after Done, asks "How was your service?"
// in the ticket's language with four faces. One tap per ticket (quayd ignores a second one). The question goes away
// quietly after ?ask=SECONDS (default 60). Live through the hall feed (/ws), no polling.
"use strict";
(function () {
  const counter = decodeURIComponent(location.pathname.split("/")[2] || "");
  const askSeconds = Math.max(10, Math.min(600, Number(new URLSearchParams(location.search).get("ask")) || 60));
  const $ = (id) => document.getElementById(id);
  const s = { texts: {}, state: null, lang: "vi", asked: {}, done: {}, timer: null, hide: null, backoff: 500 };
  window.quayRate = s;

  function text(key, args) {
    const f = s.texts[key] || {};
    let t = f[s.lang] || f.vi || "";
    for (const [k, v] of Object.entries(args || {})) t = t.split("{" + k + "}").join(String(v));
    return t;
  }
  function mode(m) {
    document.body.dataset.mode = m;
    $("serving").hidden = m !== "serving";
    $("ask").hidden = m !== "ask";
    $("thanks").hidden = m !== "thanks";
  }
  function lang(l) {
    s.lang = l || "vi";
    document.body.dataset.lang = s.lang;
    for (const el of document.querySelectorAll("p, button span")) el.lang = s.lang;
  }

  async function refresh() {
    try {
      const r = await fetch("/rate/" + encodeURIComponent(counter) + "/state", { cache: "no-store" });
      const m = await r.json();
      s.texts = m.texts || {};
      s.state = m.state;
      render();
    } catch (e) { /* the next feed message retries */ }
  }
  function soon() { clearTimeout(s.timer); s.timer = setTimeout(refresh, 150); }

  function render() {
    const st = s.state;
    if (!st || !st.ok) return;
    const cur = st.current, last = st.lastDone;
    if (document.body.dataset.mode === "thanks") return;
    if (cur) {
      lang(cur.language);
      $("serving-text").textContent = text("rate.serving", { number: cur.number });
      mode("serving");
    } else if (last && !last.rated && !s.done[last.ticket]) {
      lang(last.language);
      if (!s.asked[last.ticket]) {
        s.asked[last.ticket] = Date.now();
        clearTimeout(s.hide);
        s.hide = setTimeout(() => { s.done[last.ticket] = true; lang("vi"); mode("idle"); render(); }, askSeconds * 1000);
      }
      $("question").textContent = text("rate.question");
      for (const el of document.querySelectorAll("[data-label]")) el.textContent = text(el.dataset.label);
      mode("ask");
    } else {
      lang("vi");
      mode("idle");
    }
    $("counter").textContent = text("rate.counter", { counter: st.counter });
  }

  document.addEventListener("click", async (ev) => {
    const b = ev.target.closest("button[data-score]");
    const last = s.state && s.state.lastDone;
    if (!b || !last || document.body.dataset.mode !== "ask") return;
    s.done[last.ticket] = true;
    clearTimeout(s.hide);
    const r = await fetch("/rate/" + encodeURIComponent(counter), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ticket: last.ticket, score: Number(b.dataset.score) }),
    }).then((x) => x.json()).catch(() => null);
    s.lastReply = r;
    $("thanks-text").textContent = text("rate.thanks");
    mode("thanks");
    setTimeout(() => { lang("vi"); mode("idle"); render(); }, 4000);
  });

  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    ws.onopen = () => { s.backoff = 500; document.body.dataset.live = "1"; soon(); };
    ws.onmessage = () => soon();
    ws.onclose = () => { document.body.dataset.live = "0"; setTimeout(connect, s.backoff); s.backoff = Math.min(s.backoff * 2, 15000); };
  }
  refresh().then(connect);
})();
