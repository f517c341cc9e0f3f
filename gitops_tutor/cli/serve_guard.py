"""The guard in front of textual-serve: who may open a session on the learner's progress.

textual-serve hands a full app session (and so the progress database) to any WebSocket that
connects. Browsers let any web page open a WebSocket to ``127.0.0.1``, so without a guard every
site the learner visits while ``serve`` runs could drive the app. We do what Jupyter Server does:

- a secret token per run, required on the page and the socket (in ``?token=`` once, then in a
  ``SameSite=Strict`` cookie that cross-site pages never send);
- the WebSocket's ``Origin`` must be this server's own address (a foreign page is refused even
  when it guesses the token);
- the ``Host`` header must name the address we bound (DNS rebinding sends a foreign host name);
- a cap on concurrent sessions, because each one is a process.

textual-serve is imported by the caller; this module only needs aiohttp, which it brings.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp import web

TOKEN_COOKIE = "gitops_tutor_token"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


def new_token() -> str:
    """A token no web page can guess: 32 bytes from the OS's secure random source."""
    return secrets.token_urlsafe(32)


@dataclass
class Guard:
    """The rules for one ``serve`` run: its token, the host names it answers to, its session cap."""

    token: str
    host: str
    port: int
    max_sessions: int = 4
    sessions: int = field(default=0, init=False)

    def allowed_hosts(self) -> set[str]:
        """``host:port`` spellings a browser may send for this server (the bound name, and loopback)."""
        names: Iterable[str] = {self.host, *LOOPBACK_NAMES} if self.is_loopback() else {self.host}
        spelled = set()
        for name in names:
            bracketed = f"[{name}]" if ":" in name and not name.startswith("[") else name
            spelled.add(f"{bracketed}:{self.port}".lower())
        return spelled

    def is_loopback(self) -> bool:
        return self.host.lower() in LOOPBACK_NAMES

    def host_ok(self, request: web.Request) -> bool:
        """Wildcard binds answer to any name (the user chose to expose it); otherwise the name must match."""
        if self.host in ("0.0.0.0", "::", "0"):
            return True
        return (request.headers.get("Host") or "").lower() in self.allowed_hosts()

    def origin_ok(self, request: web.Request) -> bool:
        """A browser always sends Origin on a WebSocket; it must be this very server."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: the token alone decides
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        return parts.netloc.lower() == (request.headers.get("Host") or "").lower() and self.host_ok(request)

    def token_ok(self, request: web.Request) -> bool:
        offered = request.query.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        return hmac.compare_digest(offered.encode(), self.token.encode())


def refusal(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=f"gitops-tutor serve: {reason}\n")


def guard_middleware(guard: Guard) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """Checks every request except static assets, which hold nothing of the learner's."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/static/"):
            return await handler(request)
        if not guard.host_ok(request):
            return refusal(421, "unknown Host header (this server answers only to its own address)")
        if request.path == "/ws" and not guard.origin_ok(request):
            return refusal(403, "connections from other web sites are refused")
        if not guard.token_ok(request):
            return refusal(403, "missing or wrong token: open the address printed by 'gitops-tutor serve'")
        if request.path == "/ws":
            return await limited_session(guard, request, handler)
        response = await handler(request)
        if request.query.get("token"):
            response.set_cookie(TOKEN_COOKIE, guard.token, httponly=True, samesite="Strict")
        return response

    return check


async def limited_session(guard: Guard, request: web.Request, handler: Handler) -> web.StreamResponse:
    """Each session is an app process; past the cap a new one is refused, not queued."""
    if guard.sessions >= guard.max_sessions:
        return refusal(503, f"{guard.max_sessions} sessions are open already; close one first")
    guard.sessions += 1
    try:
        return await handler(request)
    finally:
        guard.sessions -= 1
