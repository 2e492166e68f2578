"""URL inputs: one page fetched with httpx, with a timeout, a size limit, http and https only, and (for `serve`)
no address on this machine or its private network unless private URLs are allowed (`check URL`, run by the
user on their own machine, allows them).

Every hop (redirects included, each followed by hand) is resolved first, each address checked, and the
connection made to the checked address itself (the Host header and TLS server name keep the URL's host), so
a name that resolves differently on the second look cannot reach a refused address.
"""
from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from audit.errors import InputError

MAX_REDIRECTS = 5
TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


class FetchError(InputError):
    """A URL that cannot be fetched: refused, timed out, too large, or not an article."""


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    also_allowed: frozenset[str] = frozenset()
    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str
    name: str  # a file name whose extension gives the format
    data: bytes


def fetch_url(url: str, policy: FetchPolicy) -> Fetched:
    """The page at `url` (following up to five redirects), or a FetchError with one line for the user."""
    url = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        host, port, scheme = _parts(url)
        try:
            found = _first_answer(url, host, port, scheme, _checked_addresses(host, port, policy), policy)
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out after {policy.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: could not fetch it ({type(exc).__name__})") from None
        if isinstance(found, str):
            url = urljoin(url, found)
            continue
        return found
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _parts(url: str) -> tuple[str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url[:200]}: only http:// and https:// addresses can be fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url[:200]}: not a valid port") from None
    if not parts.hostname:
        raise FetchError(f"{url[:200]}: no host name")
    return parts.hostname, port, parts.scheme


def _checked_addresses(host: str, port: int, policy: FetchPolicy) -> list[str]:
    """The host's addresses, after checking every one of them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{host}: no such host (or no network)") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for a in addresses:
        ip = ipaddress.ip_address(a.split("%")[0])
        if not (ip.is_global or policy.allow_private or a in policy.also_allowed):
            raise FetchError(f"{host}: refused: {a} is on this machine or a private network "
                             "(start serve with --allow-private-urls to allow it)")
    return addresses


def _first_answer(url: str, host: str, port: int, scheme: str, addresses: list[str],
                  policy: FetchPolicy) -> Fetched | str:
    """The first of the checked addresses that accepts the connection answers."""
    for n, address in enumerate(addresses):
        try:
            return _get(url, host, port, scheme, address, policy)
        except httpx.ConnectError:
            if n == len(addresses) - 1:
                raise
    raise FetchError(f"{host}: no address")


def _get(url: str, host: str, port: int, scheme: str, address: str, policy: FetchPolicy) -> Fetched | str:
    """One GET to the checked address: the page, or a redirect's Location (a str)."""
    netloc = f"[{address}]" if ":" in address else address
    parts = urlsplit(url)
    target = parts._replace(netloc=f"{netloc}:{port}", fragment="").geturl()
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": "sourcing-audit", "Accept": "text/html, text/*"}
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    with httpx.Client(timeout=policy.timeout, follow_redirects=False, trust_env=False) as client, \
            client.stream("GET", target, headers=headers, extensions=extensions) as response:
        if response.is_redirect and "location" in response.headers:
            return response.headers["location"]
        if response.status_code >= 400:
            raise FetchError(f"{url}: the server answered {response.status_code}")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in TYPES:
            raise FetchError(f"{url}: not an article page (content type {kind or 'unknown'})")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > policy.max_bytes:
                raise FetchError(f"{url}: the page is over the {policy.max_bytes // (1024 * 1024)} MB limit")
    return Fetched(url, page_name(url, TYPES[kind]), bytes(body))


def page_name(url: str, extension: str) -> str:
    """A safe file name for a fetched page: its last path segment's letters, with the format's extension."""
    stem = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "page"
    return stem + extension
