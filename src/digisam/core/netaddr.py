"""Addresses: which ones are loopback, what a process is about to bind, and the real client
address behind trusted proxies. Pure functions (no Django) so that settings.py can use them.
"""

from __future__ import annotations

import ipaddress
import shlex

LOOPBACK_NAMES = {"localhost", "ip6-localhost", "ip6-loopback"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and the loopback names; False for anything else, 0.0.0.0 included."""
    host = (host or "").strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_of(address: str) -> str | None:
    """The host part of a bind address: `0.0.0.0:8000`, `[::]:80`, `:8000`, `8000`, `unix:/path`."""
    address = address.strip()
    if not address or address.startswith(("unix:", "fd://")):
        return None
    if address.startswith("["):
        return address[1:].split("]", 1)[0]
    if address.isdigit():
        return None  # a port only: runserver binds 127.0.0.1
    if address.count(":") > 1:
        return address  # a bare IPv6 address
    host = address.rsplit(":", 1)[0] if ":" in address else address
    return host or "0.0.0.0"  # noqa: S104 - ":8000" means every interface to gunicorn; named to be refused


def bind_hosts(argv: list[str], environ: dict) -> list[str]:
    """The hosts this process will listen on, as far as its command line tells: Django's
    `runserver [ADDR:]PORT` (and `digisam serve`), gunicorn's `-b/--bind` (also in GUNICORN_CMD_ARGS)."""
    hosts: list[str] = []
    args = list(argv[1:]) + shlex.split(environ.get("GUNICORN_CMD_ARGS", ""))
    for index, arg in enumerate(args):
        if arg in ("runserver", "serve") and index + 1 < len(args) and not args[index + 1].startswith("-"):
            hosts.append(_host_of(args[index + 1]))
        elif arg in ("-b", "--bind") and index + 1 < len(args):
            hosts.append(_host_of(args[index + 1]))
        elif arg.startswith("--bind="):
            hosts.append(_host_of(arg.split("=", 1)[1]))
        elif arg.startswith("-b") and len(arg) > 2:
            hosts.append(_host_of(arg[2:]))
    return [h for h in hosts if h is not None]


def public_hosts(argv: list[str], environ: dict, allowed_hosts=()) -> list[str]:
    """Bind hosts and allowed host names that are not loopback (what makes DEBUG dangerous)."""
    candidates = bind_hosts(argv, environ) + [h.lstrip(".") for h in allowed_hosts if h not in ("testserver",)]
    return [h for h in candidates if not is_loopback(h)]


def parse_networks(value: str) -> list:
    """`10.0.0.0/8, 192.0.2.7` → networks; raises ValueError naming the entry that is not one."""
    networks = []
    for part in (value or "").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {part!r}")
    return networks


def _parse_ip(value: str):
    value = (value or "").strip().strip('"')
    if value.startswith("[") and "]" in value:
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1 and "." in value:
        value = value.split(":", 1)[0]  # an IPv4 address with a port
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_address(remote_addr: str, forwarded_for: str, trusted: list) -> str:
    """The real client: REMOTE_ADDR unless it is a trusted proxy; then X-Forwarded-For read from the
    right, skipping trusted proxies, and the first hop that is not one is the client. A hop that is
    not an address stops the walk at the last address before it (it cannot be trusted further)."""
    current = _parse_ip(remote_addr)
    if current is None:
        return remote_addr or ""
    if not trusted or not any(current in network for network in trusted):
        return str(current)
    for hop in reversed([h for h in (forwarded_for or "").split(",") if h.strip()]):
        address = _parse_ip(hop)
        if address is None:
            break
        current = address
        if not any(address in network for network in trusted):
            break
    return str(current)
