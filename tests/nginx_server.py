"""Debian's real nginx, started on a loopback port with the project's own
deploy/nginx.conf over a built site: what the province's servers will run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SERVER_BLOCK = ROOT / "deploy" / "nginx.conf"
PLACEHOLDER_ROOT = "/var/www/guong-dien-hinh/current"

# What Debian's /etc/nginx/nginx.conf gives every site, with every path under DIR.
MAIN = """\
{user}
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {dir}/access.log;
    client_body_temp_path {dir}/temp/body;
    proxy_temp_path {dir}/temp/proxy;
    fastcgi_temp_path {dir}/temp/fastcgi;
    uwsgi_temp_path {dir}/temp/uwsgi;
    scgi_temp_path {dir}/temp/scgi;
    gzip on;
    include {dir}/site.conf;
}}
"""


def server_block(site: Path, port: int) -> str:
    """deploy/nginx.conf as an administrator sets it up: the site folder and the address."""
    text = SERVER_BLOCK.read_text(encoding="utf-8")
    settings = [line for line in text.splitlines() if PLACEHOLDER_ROOT in line and not line.lstrip().startswith("#")]
    assert len(settings) == 3, "the guides tell administrators to change the folder in 3 places"
    text = text.replace(PLACEHOLDER_ROOT, str(site))
    assert "    listen 80;\n    listen [::]:80;\n" in text
    return text.replace("    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{port};\n", 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackServer:
    """A real web server started by a test on a free loopback port, in the foreground
    (the test holds the master's pid), logging into ``workdir/error.log``."""

    name = "server"

    def __init__(self, site: Path, workdir: Path):
        self.site = site
        self.dir = workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_until_listening(self):
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{self.name} did not start: {self.errors()}")
                time.sleep(0.05)

    def errors(self) -> str:
        log = self.dir / "error.log"
        return log.read_text(encoding="utf-8") if log.is_file() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: the master stops its workers
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()


class NginxServer(LoopbackServer):
    """``with NginxServer(site, workdir) as server: server.url``; stopped on exit."""

    name = "nginx"

    def __enter__(self):
        (self.dir / "temp").mkdir(parents=True, exist_ok=True)
        # deploy/nginx.conf includes mime.types by a path relative to the configuration folder.
        if not (self.dir / "mime.types").exists():
            (self.dir / "mime.types").symlink_to("/etc/nginx/mime.types")
        # As root, nginx's workers would run as nobody, who cannot enter pytest's private temp folders.
        user = "user root root;" if os.geteuid() == 0 else ""
        (self.dir / "nginx.conf").write_text(MAIN.format(dir=self.dir, user=user), encoding="utf-8")
        (self.dir / "site.conf").write_text(server_block(self.site, self.port), encoding="utf-8")
        # -e: not even the first lines go to /var/log/nginx, which only root may write.
        command = [NGINX, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"), "-e", str(self.dir / "error.log")]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        # In the foreground: this process is nginx's master, so the test holds its pid.
        self.process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
        return self._wait_until_listening()

    def stop(self) -> None:
        super().stop()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()
