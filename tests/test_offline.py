"""Offline by default: the suite-wide guard blocks non-loopback connections, and the code
sets the offline switches of every library that phones home."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from assistant.offline import OFFLINE_ENV
from tests.conftest import NetworkBlockedError


def test_guard_blocks_public_address() -> None:
    with socket.socket() as sock, pytest.raises(NetworkBlockedError):
        sock.connect(("93.184.216.34", 80))


def test_guard_blocks_private_address_and_name_lookup() -> None:
    with socket.socket() as sock, pytest.raises(NetworkBlockedError):
        sock.connect(("10.0.0.1", 80))
    with pytest.raises(NetworkBlockedError):
        socket.getaddrinfo("huggingface.co", 443)


def test_guard_allows_loopback() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
    finally:
        server.close()


def test_offline_switches_are_set_for_every_entry_point() -> None:
    # A fresh interpreter importing only the package gets the switches (CLI, UI and API all import it).
    env = {k: v for k, v in os.environ.items() if k not in OFFLINE_ENV}
    code = f"import assistant, os, json; print(json.dumps({{k: os.environ.get(k) for k in {list(OFFLINE_ENV)!r}}}))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    import json

    seen = json.loads(out.stdout)
    assert seen == OFFLINE_ENV
