"""python-telegram-bot's requests made with aiohttp's client instead of httpx.

Profiled under a burst (bench/bench_questions.py with BENCH_PYSPY), half of the bot's
CPU went to httpx and httpcore sending the outbox's messages: per request httpx builds
its request and response models in Python, and httpcore's pool checks every pooled
connection for expiry (a poll() of its socket). aiohttp's client parses HTTP in C and
keeps its idle connections in a dict by host. The wire format is the one HTTPXRequest
sends (the parameters form-encoded, each value as python-telegram-bot encodes it), and
the errors are python-telegram-bot's (TimedOut, NetworkError), so nothing above this
class changes. Uploads (a request with files) still go through httpx: they are rare,
and that path stays the one python-telegram-bot tests.
"""

from __future__ import annotations

import functools
import ssl
import urllib.request
from urllib.parse import urlencode, urlsplit

import aiohttp
import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Unreachable(NetworkError):
    """The server could not be reached or dropped the connection without an answer
    (refused, no route, name not found, disconnected): the network, not the request.
    The outbox then waits for Telegram as a whole instead of putting off one chat."""


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for every httpx client of the process (httpx's default, which
    honours SSL_CERT_FILE): building one loads the CA bundle, about 50 ms of CPU, and
    python-telegram-bot builds a client per request object and again at each start."""
    return httpx.create_ssl_context()


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` on one aiohttp session with up to `connection_pool_size`
    connections; requests with files are handed to an `HTTPXRequest`."""

    def __init__(
        self,
        connection_pool_size: int = 1,
        *,
        connect_timeout: float | None = 5.0,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ):
        self._pool_size = max(1, connection_pool_size)
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}
        self._uploads = HTTPXRequest(
            connection_pool_size=self._pool_size,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            pool_timeout=pool_timeout,
            httpx_kwargs={"verify": tls_context()},
        )

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
                # Not aiohttp's trust_env: it looks up the proxy variables and reads
                # ~/.netrc (in a thread) for every request. `_proxy` once per host.
                trust_env=False,
            )
            self._proxies.clear()
        await self._uploads.initialize()

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
        await self._uploads.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            return await self._uploads.do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        timeout = self._timeout(read_timeout, connect_timeout, pool_timeout)
        body = _form_body(request_data)
        try:
            async with session.request(
                method,
                url,
                data=body,
                headers=_FORM if body is not None else None,
                timeout=timeout,
                proxy=self._proxy(url),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except (aiohttp.ClientConnectionError, OSError) as error:
            raise Unreachable(f"aiohttp.{error.__class__.__name__}: {error}") from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error

    def _timeout(
        self,
        read_timeout: ODVInput[float],
        connect_timeout: ODVInput[float],
        pool_timeout: ODVInput[float],
    ) -> aiohttp.ClientTimeout:
        """The request's timeouts, this object's own where python-telegram-bot passes its
        default."""
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        pool = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        # aiohttp has no write timeout of its own: a body here is small (no files), it
        # goes into the socket's buffer at once; the answer is then awaited `read` long.
        return aiohttp.ClientTimeout(
            total=None,
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )

    def _proxy(self, url: str) -> str | None:
        """The proxy the environment names for `url`'s host (HTTPS_PROXY, NO_PROXY...),
        as httpx (HTTPXRequest) takes them from the environment; looked up once a host."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            proxies = urllib.request.getproxies()
            bypass = bool(key[1]) and urllib.request.proxy_bypass(key[1])
            self._proxies[key] = None if bypass else proxies.get(key[0]) or proxies.get("all")
        return self._proxies[key]


def _form_body(request_data: RequestData | None) -> bytes | None:
    """The parameters form-encoded, as HTTPXRequest sends them: aiohttp's FormData (given
    a dict) costs a third of the request's CPU in aiohttp (measured with py-spy)."""
    fields = request_data.json_parameters if request_data is not None else None
    return urlencode(fields).encode() if fields else None
