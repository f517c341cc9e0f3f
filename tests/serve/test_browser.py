"""``gitops-tutor serve`` in a real headless browser: the home screen renders and a question is answered.

The served terminal draws on a canvas, so the page holds no text to query. Instead an init
script records what the app sends over the websocket; with escape sequences stripped, that is
the text the browser draws. Keys go in through the browser's keyboard, as a person's would.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
COMMAND = Path(sys.executable).parent / "gitops-tutor"
GOOD_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "good-pack"
WAIT_MS = 45_000
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RECORD_SOCKET_TEXT = """
window.__tutorText = "";
const NativeSocket = window.WebSocket;
const decoder = new TextDecoder();
const strip = (s) => s.replace(/\\x1b\\[[0-9;?$<>=]*[A-Za-z~]/g, "").replace(/\\x1b\\][^\\x07]*\\x07/g, "");
window.WebSocket = function (url, protocols) {
  const socket = protocols ? new NativeSocket(url, protocols) : new NativeSocket(url);
  socket.addEventListener("message", async (event) => {
    let data = event.data;
    if (data instanceof Blob) data = await data.arrayBuffer();
    if (data instanceof ArrayBuffer) data = decoder.decode(data);
    window.__tutorText += strip(String(data));
  });
  return socket;
};
window.WebSocket.prototype = NativeSocket.prototype;
Object.assign(window.WebSocket, NativeSocket);
"""

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(not COMMAND.exists(), reason="gitops-tutor is not installed in this environment"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db_path = tmp_path / "progress.db"
    port = free_port()
    token = "browser-test-token"
    env = {**os.environ, "GITOPS_TUTOR_DB": str(db_path), "GITOPS_TUTOR_SERVE_TOKEN": token}
    command = [str(COMMAND), "--content", str(GOOD_PACK), "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/?token={token}", db_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


class ServedApp:
    """The page plus a cursor into the recorded text, so each wait looks only at what came after."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.seen = 0

    def text_since_mark(self) -> str:
        return str(self.page.evaluate("window.__tutorText"))[self.seen :]  # type: ignore[attr-defined]

    def mark(self) -> None:
        self.seen = int(self.page.evaluate("window.__tutorText.length"))  # type: ignore[attr-defined]

    def wait_for(self, *texts: str) -> str:
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            text = self.text_since_mark()
            if any(t in text for t in texts):
                return text
            time.sleep(0.1)
        raise AssertionError(f"none of {texts} appeared; last text: {self.text_since_mark()[-800:]!r}")

    def press(self, key: str) -> None:
        self.mark()
        self.page.keyboard.press(key)  # type: ignore[attr-defined]

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=5)  # type: ignore[attr-defined]


HINTS = {
    "free-text": "Write your answer in your own words.",
    "manifest": "Write or fix the YAML.",
    "single-choice": "Pick one option",
    "multi-choice": "Pick every correct option",
    "which-tool": "Argo CD, Flux, both or neither?",
}


def current_question_type(text: str) -> str | None:
    """The type whose hint was drawn last: the card on screen now (None when no hint was drawn yet)."""
    kind = max(HINTS, key=lambda kind: text.rfind(HINTS[kind]))
    return kind if text.rfind(HINTS[kind]) >= 0 else None


def test_home_renders_and_one_question_is_answered(served: tuple[str, Path]) -> None:
    url, db_path = served
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.add_init_script(RECORD_SOCKET_TEXT)
            page.goto(url)
            app = ServedApp(page)
            app.wait_for("Welcome!", "Due for review")
            page.focus(".xterm-helper-textarea")  # type into the terminal without clicking a widget
            app.press("p")
            app.wait_for("Mixed: a bit of everything")
            app.press("Enter")
            for _ in range(12):  # skip to a question answered in words, which a text box receives
                app.wait_for("Submit (ctrl+s)")
                time.sleep(1.0)  # let the card finish mounting and take focus
                if current_question_type(app.text_since_mark()) == "free-text":
                    break
                app.press("Control+n")
            app.type("desired state compared with live state, reconciled continuously")
            app.press("Control+s")
            app.wait_for("/100")
            app.press("3")
            app.wait_for("Question 2 of")
        finally:
            browser.close()
    with ProgressStore.open(db_path) as store:
        attempts = store.attempts()
    assert len(attempts) == 1 and attempts[0].mode == "practice"
