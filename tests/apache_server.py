"""Debian's real Apache 2.4, started on a loopback port over a built site, reading
the site's own .htaccess files as a shared host's Apache would."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from nginx_server import free_port

APACHE = "/usr/sbin/apache2"
MODULES = Path("/usr/lib/apache2/modules")

CONFIG = """\
{modules}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {dir}/apache.pid
ErrorLog {dir}/error.log
LogLevel warn
DefaultRuntimeDir {dir}
TypesConfig /etc/mime.types
{user}
DocumentRoot "{site}"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{site}">
    AllowOverride All
    Require all granted
</Directory>
"""


class ApacheServer:
    """``with ApacheServer(site, workdir) as server: server.url``; stopped on exit.

    As root, Apache's children run as www-data, which cannot enter pytest's
    private temp folders: the site is served from a world-readable copy then."""

    def __init__(self, site: Path, workdir: Path):
        self.site = site
        self.dir = workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.copy: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        served, user = self.site, ""
        if os.geteuid() == 0:
            self.copy = Path(tempfile.mkdtemp(prefix="hr-apache-"))
            os.chmod(self.copy, 0o755)
            served = self.copy / "site"
            shutil.copytree(self.site, served)
            for path in [served, *served.rglob("*")]:
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
            user = "User www-data\nGroup www-data"
        modules = "\n".join(
            f"LoadModule {name}_module {MODULES}/mod_{name}.so"
            for name in ("mpm_event", "authz_core", "mime", "dir", "alias", "rewrite", "headers", "env")
        )
        config = self.dir / "apache.conf"
        config.write_text(CONFIG.format(modules=modules, port=self.port, dir=self.dir, site=served, user=user), encoding="utf-8")
        check = subprocess.run([APACHE, "-t", "-f", str(config)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen([APACHE, "-DFOREGROUND", "-f", str(config)], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"apache did not start: {self.errors()}")
                time.sleep(0.05)

    def errors(self) -> str:
        log = self.dir / "error.log"
        return log.read_text(encoding="utf-8") if log.is_file() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: the parent stops its children
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.copy is not None:
            shutil.rmtree(self.copy, ignore_errors=True)

    def __exit__(self, *exc):
        self.stop()
