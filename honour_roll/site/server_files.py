"""What a web server needs from a build, beyond the pages: written into the
site's hidden ``.server/`` folder, which deploy/nginx.conf reads and never serves.

- ``.server/redirects.map``: every old id of a published record (``aliases``)
  and its new address, so that the server answers 301 (the meta-refresh pages
  stay, for hosts that cannot redirect). Apache gets the same list as
  ``guong-dien-hinh/.htaccess``. Made with the other generated files.
- ``.server/csp.conf``: the pages' Content-Security-Policy as a header, with
  ``frame-ancestors 'none'``, which a ``<meta>`` policy cannot carry. Each page
  allows its own inline scripts by hash; the theme's scripts differ with the
  page's folder depth, so the header allows the hashes of every page. The
  browser enforces both, so each page is still held to its own list. Written
  after the build, from the pages as written.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from honour_roll.site.generated import Generated
from honour_roll.site.html_post import POLICY, script_hashes
from honour_roll.record.loader import Roll
from honour_roll.site.pages import TEMPLATES
from honour_roll.site.precompress import Compressed, compress_site
from honour_roll.site.urls import DIRECTORY_URLS, HONOREE_DIR, Urls, honoree_src

SERVER_DIR = ".server"
REDIRECT_MAP = f"{SERVER_DIR}/redirects.map"
CSP_CONF = f"{SERVER_DIR}/csp.conf"
APACHE_CONF = ".htaccess"
APACHE_REDIRECTS = f"{HONOREE_DIR}/.htaccess"
FRAME_POLICY = "frame-ancestors 'none'"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")
_HEAD_BYTES = 4096  # the policy is the first thing in <head>


def _environment() -> jinja2.Environment:
    # Server configuration, not HTML: nothing is HTML-escaped, every value is checked instead.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "server"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def base_path(site_url: str) -> str:
    """The site's folder on its host ("" at the root, "/thi-dua" in a sub-folder)."""
    base = urlsplit(site_url).path.rstrip("/")
    if not re.fullmatch(r"(/[A-Za-z0-9._~-]+)*", base):  # written unquoted into server configuration
        raise ValueError(f"site path cannot be written into a server's configuration: {base!r}")
    return base


def redirects(roll: Roll, site_url: str, urls: Urls = DIRECTORY_URLS) -> list[tuple[str, str]]:
    """(old path, new path) of every alias of a published record, as URL paths
    from the server's root (the site may live in a sub-folder of its host)."""
    base = base_path(site_url)
    out = []
    for h in roll.published:
        for alias in h.aliases:
            for slug in (alias, h.id):
                if not _SLUG.fullmatch(slug):  # the validator allows nothing else; never write it into a server config
                    raise ValueError(f"not a slug: {slug!r}")
            out.append((f"{base}/{urls.page(honoree_src(alias))}", f"{base}/{urls.page(honoree_src(h))}"))
    return sorted(out)


def redirect_config_files(roll: Roll, site_url: str, urls: Urls = DIRECTORY_URLS) -> list[Generated]:
    env = _environment()
    pairs = redirects(roll, site_url, urls)
    patterns = [(old.replace(".", r"\."), new) for old, new in pairs]  # Apache matches a regular expression
    return [
        Generated(REDIRECT_MAP, content=env.get_template("redirects.map.j2").render(redirects=pairs), in_nav=False),
        Generated(
            APACHE_REDIRECTS,
            content=env.get_template("redirects.htaccess.j2").render(redirects=patterns),
            in_nav=False,
        ),
    ]


def page_script_hashes(page: Path) -> set[str]:
    """The inline-script hashes a built page allows: read from its policy, or
    computed when it has none (e.g. a redirect page)."""
    with page.open("rb") as f:
        head = f.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    m = _META_POLICY.search(head)
    if m:
        return set(_HASH.findall(m.group(1)))
    return set(script_hashes(page.read_text(encoding="utf-8")))


def header_policy(site_dir: Path) -> str:
    """The pages' policy for a header: every inline-script hash of every page, and no framing."""
    hashes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        hashes |= page_script_hashes(page)
    return POLICY.format(hashes=" ".join(sorted(hashes))).replace("  ", " ") + "; " + FRAME_POLICY


def write_header_policy(site_dir: Path, site_url: str = "/") -> str:
    """``.server/csp.conf`` for nginx and the site's ``.htaccess`` for Apache."""
    policy = header_policy(site_dir)
    # Quoted in both files: a quote, a backslash or a '$' (a variable) would break out of it.
    if re.search(r'["$\\\n]', policy):
        raise ValueError(f"policy cannot be written into a server's configuration: {policy!r}")
    base = base_path(site_url)
    env = _environment()
    path = site_dir / CSP_CONF
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(env.get_template("csp.conf.j2").render(policy=policy), encoding="utf-8")
    (site_dir / APACHE_CONF).write_text(env.get_template("htaccess.j2").render(policy=policy, base=base), encoding="utf-8")
    return policy


def finish_site(site_dir: Path, cache_dir: Path | None = None, site_url: str = "/") -> Compressed:
    """After the build has written every page: the header policy, then the
    compressed copies of every text file (hidden server files get none)."""
    write_header_policy(site_dir, site_url)
    return compress_site(site_dir, cache_dir)
