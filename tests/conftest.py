"""Shared fixtures. The network guard applies to the whole suite: any connection to a
non-loopback address raises, so a hidden download or telemetry call fails loudly."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import assistant  # noqa: F401  (offline env first)
from assistant.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO / "data" / "sample"
SHARED = REPO.parent / "shared"


class NetworkBlockedError(OSError):
    pass


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_real_create_connection = socket.create_connection


def _is_local(address: object) -> bool:
    if isinstance(address, str):  # AF_UNIX path
        return True
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host in ("localhost", "", "0.0.0.0"):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False
    return True


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local(address):
        raise NetworkBlockedError(f"network access blocked in tests: connect to {address!r}")
    _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_local(address):
        raise NetworkBlockedError(f"network access blocked in tests: connect to {address!r}")
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    name = host.decode() if isinstance(host, bytes) else host
    if name not in (None, "localhost") and not _is_local((name, 0)):
        raise NetworkBlockedError(f"network access blocked in tests: resolve {name!r}")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def block_network() -> Iterator[None]:
    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", _guarded_connect)
    mp.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    mp.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    os.environ["NEWSDESK_TEST_NETWORK_BLOCKED"] = "1"
    yield
    mp.undo()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def settings(home: Path) -> Settings:
    """The test profile: fake models, real Chroma (or a Chroma server when NEWSDESK_TEST_CHROMA_URL is set)."""
    url = os.environ.get("NEWSDESK_TEST_CHROMA_URL")
    extra: dict[str, object] = {}
    if url:
        extra["chroma_url"] = url
        extra["chroma_collection"] = f"t{abs(hash(str(home))) % 10**10}"
    return Settings.for_tests(home, **extra)


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A private copy of data/sample (tests may edit it)."""
    dest = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, dest)
    return dest


@pytest.fixture(scope="session")
def real_settings_factory() -> object:
    """Build settings for the real models (slow tests): embedded LLM + MiniLM."""

    def make(home: Path, **overrides: object) -> Settings:
        return Settings(home=home, **overrides)  # type: ignore[arg-type]

    return make
