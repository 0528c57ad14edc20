"""Debian's real Apache 2.4, started on a loopback port over a built site, reading
the site's own .htaccess files as a shared host's Apache would."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from nginx_server import LoopbackServer

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


class ApacheServer(LoopbackServer):
    """``with ApacheServer(site, workdir) as server: server.url``; stopped on exit.

    As root, Apache's children run as www-data, which cannot enter pytest's
    private temp folders: the site is served from a world-readable copy then."""

    name = "apache"

    def __init__(self, site: Path, workdir: Path):
        super().__init__(site, workdir)
        self.copy: Path | None = None

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
        return self._wait_until_listening()

    def stop(self) -> None:
        super().stop()
        if self.copy is not None:
            shutil.rmtree(self.copy, ignore_errors=True)
