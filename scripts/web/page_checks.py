"""What every browser check measures on a page (scripts/web/*_check.py): tap targets, text size, WCAG AA contrast
and clipping computed from the DOM, and Khmer drawn with fonts that have every character (no tofu)."""
import subprocess

KHMER_FONTS = ("Khmer OS", "Noto Sans Khmer", "Noto Serif Khmer")
MIN_TARGET_MM, MIN_TEXT_PX, MIN_CONTRAST = 15.0, 32.0, 4.5

A11Y_JS = r"""
const dpi = Number(document.body.dataset.dpi || 96);
function lum(c) {
  const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const p = m[1].split(',').map(Number); if (p.length > 3 && p[3] === 0) return null;
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(p[0]) + 0.7152 * f(p[1]) + 0.0722 * f(p[2]);
}
function bg(el) {
  for (let e = el; e; e = e.parentElement) { const l = lum(getComputedStyle(e).backgroundColor); if (l !== null) return l; }
  return 1;
}
const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && !e.closest('[hidden]'); };
const buttons = Array.from(document.querySelectorAll('button')).filter(visible);
const targets = buttons.map(b => { const r = b.getBoundingClientRect(); return Math.min(r.width, r.height) / dpi * 25.4; });
const texts = Array.from(document.querySelectorAll(arguments[0] || 'main *, header *')).filter(e => visible(e) &&
  Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()));
let minPx = 1e9, minContrast = 1e9, worst = '';
for (const e of texts) {
  const cs = getComputedStyle(e);
  minPx = Math.min(minPx, parseFloat(cs.fontSize));
  const a = lum(cs.color), b = bg(e);
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < minContrast) { minContrast = ratio; worst = e.textContent.trim().slice(0, 40); }
}
// Nothing the citizen must read or tap may be cut off by the screen's edges or hidden under the header.
const head = document.querySelector('header');
const top = head ? head.getBoundingClientRect().bottom : 0;
const clipped = arguments[1] === false ? [] : texts.concat(buttons).filter(e => !(head && head.contains(e))).filter(e => {
  const r = e.getBoundingClientRect();
  return r.top < top - 0.5 || r.bottom > innerHeight + 0.5 || r.left < -0.5 || r.right > innerWidth + 0.5;
}).map(e => e.textContent.trim().slice(0, 30));
return {buttons: buttons.length, minTargetMM: Math.min(...targets), minTextPx: minPx, minContrast: minContrast, worst: worst,
        clipped: clipped};
"""


class PageChecks:
    """Mixed into a check that has `self.d` (a Selenium driver), `self.fail(why)`, `self.a11y` and `self.charsets`."""

    def check_a11y(self, name, min_text=MIN_TEXT_PX, scope=None, min_target=MIN_TARGET_MM, clipping=True):
        """Tap targets (mm at the page's DPI), text size, nothing cut off (unless `clipping` is False: pages that
        scroll) and WCAG AA contrast of every visible text under `scope` (CSS selector; default main and header)."""
        r = self.d.execute_script(A11Y_JS, scope, clipping)
        self.a11y[name] = {k: (round(v, 1) if isinstance(v, float) else v) for k, v in r.items()}
        if r["buttons"] and min_target and r["minTargetMM"] < min_target:
            self.fail(f"{name}: tap target {r['minTargetMM']:.1f} mm < {min_target} mm")
        if r["minTextPx"] < min_text:
            self.fail(f"{name}: text {r['minTextPx']} px < {min_text} px")
        if r["clipped"]:
            self.fail(f"{name}: cut off by the screen's edge or the header: {r['clipped']}")
        if r["minContrast"] < MIN_CONTRAST:
            self.fail(f"{name}: contrast {r['minContrast']:.2f} < {MIN_CONTRAST} ('{r['worst']}')")

    def charset(self, family):
        if family not in self.charsets:
            out = subprocess.run(["fc-match", "--format=%{charset}", family], capture_output=True, text=True).stdout
            ranges = []
            for part in out.split():
                lo, _, hi = part.partition("-")
                ranges.append((int(lo, 16), int(hi or lo, 16)))
            self.charsets[family] = ranges
        return self.charsets[family]

    def covered(self, ch, families):
        cp = ord(ch)
        return any(lo <= cp <= hi for f in families for lo, hi in self.charset(f))

    def check_khmer(self, name):
        """Every visible Khmer string: drawn with a Khmer font that has every one of its Khmer characters."""
        d = self.d
        d.execute_cdp_cmd("DOM.enable", {})
        d.execute_cdp_cmd("CSS.enable", {})
        root = d.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        # Elements marked Khmer and everything inside them (a Khmer page marks only <html>); fonts are per text node.
        nodes = d.execute_cdp_cmd("DOM.querySelectorAll", {"nodeId": root, "selector": "[lang=km], [lang=km] *"})["nodeIds"][:600]
        checked = 0
        for node in nodes:
            box = d.execute_cdp_cmd("DOM.describeNode", {"nodeId": node, "depth": 1})["node"]
            try:
                fonts = [f["familyName"] for f in d.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
            except Exception:  # noqa: BLE001 (a hidden node has no layout)
                continue
            if not fonts:
                continue
            text = d.execute_cdp_cmd("DOM.resolveNode", {"nodeId": node})
            obj = text["object"]["objectId"]
            s = d.execute_cdp_cmd("Runtime.callFunctionOn", {"objectId": obj, "functionDeclaration": "function(){return this.textContent}",
                                                             "returnByValue": True})["result"].get("value", "")
            khmer = [c for c in s if 0x1780 <= ord(c) <= 0x17FF or 0x19E0 <= ord(c) <= 0x19FF]
            if not khmer:
                continue
            if not any(k in f for f in fonts for k in KHMER_FONTS):
                self.fail(f"{name}: Khmer '{s[:30]}' ({box.get('localName')}) drawn without a Khmer font: {fonts}")
            missing = sorted({c for c in khmer if not self.covered(c, fonts)})
            if missing:
                self.fail(f"{name}: glyphs missing in {fonts} for {[hex(ord(c)) for c in missing]} in '{s[:30]}'")
            checked += 1
        if checked == 0:
            self.fail(f"{name}: no Khmer text found to check")

