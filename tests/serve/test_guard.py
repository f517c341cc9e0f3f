"""The guard in front of ``serve``: a foreign web page, a missing token, a rebinding Host name and a
flood of sessions are refused; the printed address works (issue 16, F8).

These run the real aiohttp app that ``serve`` builds (textual-serve's routes plus our middleware) on
a loopback port, with aiohttp's own client standing in for the browser and for a hostile page.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.cli.serve import guarded_server

pytest.importorskip("textual_serve", reason="textual-serve is not installed")

TOKEN = "test-token-0123456789"
WAITING_APP = f"{sys.executable} -c 'import sys; sys.stdin.read()'"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def served() -> AsyncIterator[tuple[str, int]]:
    port = free_port()
    server = guarded_server(WAITING_APP, "127.0.0.1", port, max_sessions=1, token=TOKEN)
    test_server = TestServer(await server._make_app(), host="127.0.0.1", port=port)
    await test_server.start_server()
    try:
        yield f"http://127.0.0.1:{port}", port
    finally:
        await test_server.close()


async def test_page_needs_the_token(served: tuple[str, int]) -> None:
    base, _ = served
    # unsafe=True: like a browser, keep cookies set by an IP address such as 127.0.0.1
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        async with client.get(f"{base}/") as bare:
            assert bare.status == 403
        async with client.get(f"{base}/?token=wrong") as wrong:
            assert wrong.status == 403
        async with client.get(f"{base}/?token={TOKEN}") as right:
            assert right.status == 200
            assert "SameSite=Strict" in right.headers["Set-Cookie"]
        async with client.get(f"{base}/") as with_cookie:
            assert with_cookie.status == 200


async def test_foreign_host_name_is_refused(served: tuple[str, int]) -> None:
    base, port = served
    headers = {"Host": f"evil.example:{port}"}
    async with aiohttp.ClientSession() as client, client.get(f"{base}/?token={TOKEN}", headers=headers) as response:
        assert response.status == 421


async def test_socket_from_another_site_is_refused_even_with_the_token(served: tuple[str, int]) -> None:
    base, _ = served
    async with aiohttp.ClientSession() as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(f"{base}/ws?token={TOKEN}", origin="http://evil.example")
        assert refused.value.status == 403


async def test_socket_without_token_is_refused(served: tuple[str, int]) -> None:
    base, _ = served
    async with aiohttp.ClientSession() as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(f"{base}/ws", origin=base)
        assert refused.value.status == 403


async def test_own_page_connects_and_sessions_are_capped(served: tuple[str, int]) -> None:
    base, _ = served
    async with aiohttp.ClientSession() as client:
        first = await client.ws_connect(f"{base}/ws?token={TOKEN}", origin=base)
        try:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(f"{base}/ws?token={TOKEN}", origin=base)
            assert refused.value.status == 503
        finally:
            await first.close()


def test_busy_port_is_one_clear_line(tmp_path: object) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} is already in use" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
