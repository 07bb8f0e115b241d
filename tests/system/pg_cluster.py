"""A throw-away PostgreSQL cluster in a temporary folder on a free loopback port.

Fault tests stop and start this cluster; they never touch a server they did not start. Skips
the calling test when the server binaries (/usr/lib/postgresql/*/bin) are not installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from .gunicorn_server import free_port


def _server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: [int(x) if x.isdigit() else x for x in Path(p).parts[-3].split(".")])
    return Path(found[-1]).parent if found else None


class Cluster:
    def __init__(self, bindir: Path, datadir: Path, port: int):
        self.bindir, self.datadir, self.port = bindir, datadir, port
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.datadir / "server.log"), "-w",
                  "-o", f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop")


@contextmanager
def throwaway_postgres():
    bindir = _server_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
    folder = Path(tempfile.mkdtemp(prefix="knelpunt-fault-pg-"))
    datadir = folder / "data"
    datadir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(datadir, "postgres", "postgres")
    cluster = Cluster(bindir, datadir, free_port())
    try:
        cluster._run("initdb", "-D", str(datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        except (subprocess.SubprocessError, OSError):
            pass  # not running (never started, or the test stopped it)
        shutil.rmtree(folder, ignore_errors=True)
