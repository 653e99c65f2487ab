"""Real client addresses behind trusted proxies, the login throttle, and refusing to start in
development mode on a public address (issue 11, holes 9 and 13). Nothing here binds a
non-loopback address: the addresses are only parsed, or refused before anything listens."""
# ruff: noqa: S104

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from digisam.core.netaddr import bind_hosts, client_address, is_loopback, parse_networks, public_hosts

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


# --- the client's address ----------------------------------------------------------------------

@pytest.mark.parametrize(("remote", "forwarded", "trusted", "expected"), [
    ("203.0.113.9", "", "", "203.0.113.9"),
    # Without trusted proxies X-Forwarded-For is ignored: anyone can send it.
    ("203.0.113.9", "198.51.100.1", "", "203.0.113.9"),
    # From an untrusted address, too.
    ("203.0.113.9", "198.51.100.1", "10.0.0.0/8", "203.0.113.9"),
    ("10.0.0.5", "198.51.100.1", "10.0.0.0/8", "198.51.100.1"),
    # The rightmost untrusted hop: what the client put in front is not believed.
    ("10.0.0.5", "6.6.6.6, 198.51.100.1", "10.0.0.0/8", "198.51.100.1"),
    # Two trusted proxies in a row.
    ("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.0.0.7", "10.0.0.0/8", "198.51.100.1"),
    # A hop that is not an address stops the walk at the last trusted one.
    ("10.0.0.5", "198.51.100.1, garbage", "10.0.0.0/8", "10.0.0.5"),
    ("10.0.0.5", "[2001:db8::1]:443", "10.0.0.0/8", "2001:db8::1"),
    ("10.0.0.5", "198.51.100.1:5555", "10.0.0.5", "198.51.100.1"),
])
def test_the_client_address_is_the_rightmost_hop_not_a_trusted_proxy(remote, forwarded, trusted, expected):
    assert client_address(remote, forwarded, parse_networks(trusted)) == expected


def test_a_trusted_proxy_setting_that_is_not_an_address_is_refused():
    with pytest.raises(ValueError, match="not-an-ip"):
        parse_networks("10.0.0.0/8, not-an-ip")


def _fail(client, username, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/login/", {"username": username, "password": "wrong-password"}, **extra)


def _login(client, username, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/login/", {"username": username, "password": "test-password-123"}, **extra)


@pytest.mark.django_db
def test_behind_a_trusted_proxy_an_attacker_cannot_lock_out_another_client(world, client, settings):
    settings.DIGISAM_TRUSTED_PROXIES = "10.0.0.0/8"
    for _ in range(6):
        _fail(client, "member", PROXY, forwarded="198.51.100.66")
    # The attacker's own address is locked for that user name...
    assert _login(client, "member", PROXY, forwarded="198.51.100.66").status_code in (403, 429)
    # ...but the real user, through the same proxy, logs in.
    response = _login(client, "member", PROXY, forwarded="203.0.113.20")
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_forwarded_header_does_not_dodge_the_lockout(world, client, settings):
    settings.DIGISAM_TRUSTED_PROXIES = ""
    for number in range(6):
        _fail(client, "member", "203.0.113.9", forwarded=f"198.51.100.{number}")
    response = _login(client, "member", "203.0.113.9", forwarded="198.51.100.99")
    assert response.status_code in (403, 429) and "spærret" in response.content.decode()


# --- the login throttle ------------------------------------------------------------------------

@pytest.mark.django_db
def test_one_address_trying_many_user_names_is_throttled(world, client, settings):
    settings.DIGISAM_LOGIN_THROTTLE_PER_ADDRESS = 5
    settings.DIGISAM_LOGIN_THROTTLE_GLOBAL = 1000
    answers = [_fail(client, f"nobody{n}", "203.0.113.9").status_code for n in range(5)]
    assert 429 not in answers
    throttled = _login(client, "member", "203.0.113.9")
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert "For mange loginforsøg" in throttled.content.decode()
    # Another address is not affected, and no user was locked by the throttle.
    assert _login(client, "member", "203.0.113.10").status_code == 302


@pytest.mark.django_db
def test_the_whole_site_is_throttled_when_logins_flood_from_many_addresses(world, client, settings):
    settings.DIGISAM_LOGIN_THROTTLE_PER_ADDRESS = 1000
    settings.DIGISAM_LOGIN_THROTTLE_GLOBAL = 8
    for n in range(8):
        assert _fail(client, "nobody", f"198.51.100.{n}").status_code != 429
    assert _fail(client, "nobody", "198.51.100.200").status_code == 429
    assert client.post("/api/token/", {"username": "member", "password": "x"},
                       REMOTE_ADDR="198.51.100.201").status_code == 429


@pytest.mark.django_db
def test_the_throttle_counts_posts_only(world, client, settings):
    settings.DIGISAM_LOGIN_THROTTLE_PER_ADDRESS = 1
    for _ in range(3):
        assert client.get("/login/", REMOTE_ADDR="203.0.113.9").status_code == 200


# --- refusing to start -------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "expected"), [
    (["digisam", "runserver", "0.0.0.0:8000"], ["0.0.0.0"]),
    (["manage.py", "runserver", "8000"], []),
    (["manage.py", "runserver", "127.0.0.1:8000"], []),
    (["manage.py", "runserver", "[::]:8000"], ["::"]),
    (["gunicorn", "digisam.wsgi", "--bind", "0.0.0.0:80"], ["0.0.0.0"]),
    (["gunicorn", "digisam.wsgi", "--bind=192.0.2.4:80"], ["192.0.2.4"]),
    (["gunicorn", "digisam.wsgi", "-b", ":8000"], ["0.0.0.0"]),
    (["gunicorn", "digisam.wsgi", "-b", "localhost:8000", "-b", "unix:/run/digisam.sock"], []),
    (["gunicorn", "digisam.wsgi"], []),
])
def test_the_bind_addresses_are_read_from_the_command_line(argv, expected):
    assert [h for h in bind_hosts(argv, {}) if not is_loopback(h)] == expected


def test_gunicorn_options_in_the_environment_count_too():
    assert public_hosts(["gunicorn", "digisam.wsgi"], {"GUNICORN_CMD_ARGS": "--bind 0.0.0.0:8000 --workers 2"}) == [
        "0.0.0.0"]


def _start(args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DIGISAM_") and k != "DATABASE_URL"}
    environ.update({"DIGISAM_VAR_DIR": "/tmp/digisam-infra-refuse", "PYTHONUNBUFFERED": "1", **env})
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env=environ, cwd=ROOT)


def test_development_mode_refuses_a_public_address_without_a_secret_and_never_binds_it():
    # Port 9 (discard) on every interface would be refused before anything listens.
    done = _start([str(ROOT / ".venv/bin/digisam"), "serve", "0.0.0.0:9", "--noreload"])
    assert done.returncode != 0
    assert "refuses to listen on 0.0.0.0" in done.stderr and "DIGISAM_ENV=production" in done.stderr


def test_gunicorn_in_development_mode_on_a_public_address_refuses_before_binding():
    done = _start([str(ROOT / ".venv/bin/gunicorn"), "digisam.wsgi", "--preload", "--bind", "0.0.0.0:9"])
    assert done.returncode != 0
    assert "refuses to listen on 0.0.0.0" in done.stderr


def test_production_without_a_secret_key_refuses_to_start_with_a_clear_message():
    done = _start([sys.executable, "-c", "import django; from django.conf import settings; settings.DEBUG"],
                  DIGISAM_ENV="production", DIGISAM_ALLOWED_HOSTS="digisam.example.org",
                  DJANGO_SETTINGS_MODULE="digisam.settings")
    assert done.returncode != 0 and "needs DIGISAM_SECRET_KEY" in done.stderr


def test_production_never_takes_the_published_development_key():
    from django.conf import settings

    done = _start([sys.executable, "-c", "from django.conf import settings; settings.DEBUG"],
                  DIGISAM_ENV="production", DIGISAM_ALLOWED_HOSTS="digisam.example.org",
                  DIGISAM_SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY, DJANGO_SETTINGS_MODULE="digisam.settings")
    assert done.returncode != 0 and "needs DIGISAM_SECRET_KEY" in done.stderr


def test_development_mode_on_loopback_starts():
    ok = _start([str(ROOT / ".venv/bin/digisam"), "check"])
    assert ok.returncode == 0, ok.stderr
