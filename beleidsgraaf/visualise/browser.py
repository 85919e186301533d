"""Open the HTML maps in a real headless Chromium, offline (for tests and screenshots).

A development aid, not used by the tool itself: needs Debian's ``chromium`` and
``chromium-driver`` packages and the ``selenium`` package (a dev dependency). Selenium is told
where chromedriver is, so Selenium Manager never downloads anything.

The browser runs headless with a fresh profile, resolves no host name
(``--host-resolver-rules``) and additionally blocks every http(s)/ws(s) request through the
DevTools protocol; :meth:`MapBrowser.outside_requests` lists every request the page tried to
make that did not stay on ``file:``, ``data:``, ``blob:`` or ``about:``. Before any page script
runs, ``alert``/``confirm``/``prompt``/``print`` are replaced by recorders
(``window.__alerts``) and a MutationObserver records every ``<img>``, ``<iframe>``,
``<object>``, ``<embed>``, ``<svg>`` or ``<script>`` element added to the document after it
was parsed (``window.__inserted``).
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER = "/usr/bin/chromedriver"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")

# Runs in every page before its own scripts.
_GUARD = """
(function () {
  window.__alerts = [];
  ["alert", "confirm", "prompt", "print"].forEach(function (name) {
    window[name] = function (message) { window.__alerts.push(name + ":" + String(message)); };
  });
  window.__inserted = [];
  var WATCHED = "img,iframe,object,embed,svg,script,image";
  var parsed = false;
  document.addEventListener("DOMContentLoaded", function () { parsed = true; });
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) { return; }
        var found = Array.prototype.slice.call(node.querySelectorAll(WATCHED));
        if (node.matches(WATCHED)) { found.push(node); }
        found.forEach(function (element) {
          var tag = element.tagName.toUpperCase();
          if (tag !== "SCRIPT" || parsed) { window.__inserted.push(tag); }
        });
      });
    });
  }).observe(document, {childList: true, subtree: true});
})();
"""


def find_chromium() -> tuple[str, str] | None:
    """``(chromium binary, chromedriver)`` if both are installed, else None."""
    binary = next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)
    driver = CHROMEDRIVER if Path(CHROMEDRIVER).is_file() else shutil.which("chromedriver")
    return (binary, driver) if binary and driver else None


def missing_reason() -> str | None:
    """Why the browser checks cannot run here, or None if they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    if find_chromium() is None:
        return ("chromium and chromium-driver are not installed "
                "(apt-get install chromium chromium-driver; .ci/run does this in CI)")
    return None


@dataclass
class PageState:
    drawn: bool
    stabilized: bool
    node_count: int
    edge_count: int
    dataset_nodes: int
    drawn_nodes: int
    canvas: tuple[int, int]
    ink: int  # canvas pixels that are not background
    first_draw_ms: int | None


class MapBrowser:
    """One headless Chromium; open maps with :meth:`open`."""

    def __init__(self, profile: Path, width: int = 1400, height: int = 900):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        found = find_chromium()
        if found is None:
            raise RuntimeError(missing_reason() or "chromium not found")
        binary, driver = found
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for argument in ("--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--disable-default-apps", "--disable-extensions", "--no-first-run",
                         "--no-default-browser-check", "--hide-scrollbars",
                         "--force-device-scale-factor=1", "--lang=nl-NL",
                         "--host-resolver-rules=MAP * ~NOTFOUND",
                         f"--window-size={width},{height}", f"--user-data-dir={profile}"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        self.driver.set_page_load_timeout(120)
        self.driver.set_script_timeout(120)
        self._cdp("Network.enable", {})
        self._cdp("Network.setBlockedURLs",
                  {"urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]})
        self._cdp("Page.addScriptToEvaluateOnNewDocument", {"source": _GUARD})
        self._cdp("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def _cdp(self, command: str, params: dict) -> Any:
        return self.driver.execute_cdp_cmd(command, params)

    def close(self) -> None:
        self.driver.quit()

    def __enter__(self) -> MapBrowser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def open(self, page: Path, timeout: float = 120.0, settle: bool = True) -> float:
        """Load ``page`` from disk and wait until the map is drawn (and, if ``settle``,
        stabilised); seconds from navigation until then."""
        self.driver.get_log("performance")  # forget earlier requests
        started = time.monotonic()
        self.driver.get(Path(page).resolve().as_uri())
        self.wait_for("drawn", timeout - (time.monotonic() - started))
        if settle:
            self.wait_for("stabilized", timeout - (time.monotonic() - started))
        return time.monotonic() - started

    def wait_for(self, flag: str, timeout: float) -> None:
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            if self.js("return !!(window.beleidsgraaf && window.beleidsgraaf.state[arguments[0]])",
                       flag):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"map not {flag} within {timeout:.0f} s")
            time.sleep(0.1)

    def state(self) -> PageState:
        found = self.js("""
          var b = window.beleidsgraaf, net = b.network;
          var canvas = document.querySelector("#map canvas");
          var ink = 0;
          if (canvas && canvas.width && canvas.height) {
            var px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            for (var i = 0; i < px.length; i += 16) {  // every 4th pixel
              if (px[i + 3] > 0 && (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235)) ink++;
            }
          }
          return {drawn: b.state.drawn, stabilized: b.state.stabilized,
                  nodeCount: b.nodeCount, edgeCount: b.edgeCount,
                  datasetNodes: b.nodes.length, drawnNodes: net.body.nodeIndices.length,
                  canvas: canvas ? [canvas.width, canvas.height] : [0, 0], ink: ink,
                  firstDrawMs: b.state.firstDrawMs === undefined ? null : b.state.firstDrawMs};
        """)
        return PageState(found["drawn"], found["stabilized"], found["nodeCount"],
                         found["edgeCount"], found["datasetNodes"], found["drawnNodes"],
                         tuple(found["canvas"]), found["ink"], found["firstDrawMs"])

    def alerts(self) -> list[str]:
        return list(self.js("return window.__alerts || []"))

    def inserted(self) -> list[str]:
        return list(self.js("return window.__inserted || []"))

    def element_count(self, selector: str) -> int:
        return int(self.js("return document.querySelectorAll(arguments[0]).length", selector))

    def outside_requests(self) -> list[str]:
        """URLs of requests (since the last :meth:`open`) that did not stay local, from the
        DevTools network log and the page's resource timing."""
        urls = set()
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") in ("Network.requestWillBeSent",
                                         "Network.webSocketCreated"):
                params = message["params"]
                url = params.get("request", {}).get("url") or params.get("url", "")
                urls.add(url)
        urls |= set(self.js(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
            ".concat([location.href])"))
        return sorted(u for u in urls if not u.startswith(LOCAL_SCHEMES))

    def node_ids(self) -> list:
        return list(self.js("return window.beleidsgraaf.nodes.getIds()"))

    def hover_node(self, node_id: Any, wait: float = 0.6) -> str:
        """Move the mouse onto a node (as a person would) and return the tooltip's text."""
        return self._hover("""
          var net = window.beleidsgraaf.network, id = arguments[0];
          net.focus(id, {scale: Math.max(net.getScale(), 1.0), animation: false});
          net.redraw();
          return net.canvasToDOM(net.getPositions([id])[id]);
        """, node_id, wait)

    def hover_edge(self, edge_id: Any, wait: float = 0.6) -> str:
        """Move the mouse onto the middle of an edge and return the tooltip's text."""
        return self._hover("""
          var b = window.beleidsgraaf, net = b.network, edge = b.edges.get(arguments[0]);
          var at = net.getPositions([edge.from, edge.to]);
          var middle = {x: (at[edge.from].x + at[edge.to].x) / 2,
                        y: (at[edge.from].y + at[edge.to].y) / 2};
          net.moveTo({position: middle, scale: Math.max(net.getScale(), 1.0), animation: false});
          net.redraw();
          return net.canvasToDOM(middle);
        """, edge_id, wait)

    def _hover(self, locate: str, item: Any, wait: float) -> str:
        self._move(1, 1)  # away from everything: hides an earlier tooltip
        time.sleep(0.2)
        point = self.js(locate, item)
        box = self.js("var r = document.getElementById('map').getBoundingClientRect();"
                      "return [r.left, r.top];")
        x, y = box[0] + point["x"], box[1] + point["y"]
        self._move(x + 3, y + 3)
        time.sleep(0.05)
        self._move(x, y)
        time.sleep(wait)
        return str(self.js("""
          var t = document.querySelector("div.vis-tooltip");
          return t && t.style.visibility !== "hidden" ? t.textContent : "";
        """))

    def hovered_markup(self) -> str:
        """innerHTML of the visible tooltip ('' if none)."""
        return str(self.js("""
          var t = document.querySelector("div.vis-tooltip");
          return t && t.style.visibility !== "hidden" ? t.innerHTML : "";
        """))

    def _move(self, x: float, y: float) -> None:
        self._cdp("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def screenshot(self, out: Path) -> Path:
        """A PNG of the page as a person sees it (tooltip hidden)."""
        self.js("""var t = document.querySelector("div.vis-tooltip");
                   if (t) { t.style.visibility = "hidden"; }""")
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(out))
        return out
