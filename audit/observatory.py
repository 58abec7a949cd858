"""The MDN HTTP Observatory, the real scanner, on a publish build served as a host would.

    .venv/bin/python -m audit.observatory

The scanner (npm ``@mdn/mdn-http-observatory``) only talks to ports 80 and 443
of a host name and always verifies the certificate, so the run needs root:

* a throwaway certificate authority and a certificate for ``HOST`` (openssl,
  in a temporary folder), given to Node with NODE_EXTRA_CA_CERTS;
* ``HOST`` mapped to 127.0.0.1 in /etc/hosts for the run, the line removed
  afterwards whatever happens;
* the site on https://HOST (127.0.0.1:443) with its ``_headers`` applied
  (tests/headers_server.py), and http://HOST (port 80) answering every
  request with a 301 to https, as hosts do.

Anything missing (root, openssl, Node, the package, a free port) is a failure
with a message that says what to do, never a skipped check.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from headers_server import serve_with_headers

from .tools import OBSERVATORY_SCAN as SCAN_JS
from .tools import ensure_npm_packages

log = logging.getLogger(__name__)

# .test is reserved for testing (RFC 6761): the name can never be a real site.
HOST = "clinic-observatory.test"
HOSTS_FILE = Path("/etc/hosts")
PACKAGE = SCAN_JS.parents[1]  # scan.js is the package's CLI; its bin wrapper runs it
# The list of preloaded HSTS hosts, which the package's postinstall would download
# (npm runs with --ignore-scripts).  Empty: a test host is on no preload list.
HSTS_PRELOAD = PACKAGE / "conf" / "hsts-preload.json"
PASSING_GRADE = "A+"


class ObservatoryError(Exception):
    """The scan could not run; the message says why and what to do."""


@dataclass
class ObservatoryResult:
    grade: str
    score: int
    tests_passed: int
    tests_quantity: int
    failed: list[str] = field(default_factory=list)  # "test name: result (score modifier)"

    @property
    def passes(self) -> bool:
        return self.grade == PASSING_GRADE and not self.failed


def require_root() -> None:
    if os.geteuid() != 0:
        raise ObservatoryError(
            "the Observatory scan needs root: it serves the site on ports 80 and 443 and maps "
            f"{HOST} to 127.0.0.1 in /etc/hosts for the run. Run `make audit` as root "
            "(CI does: .ci/run)."
        )


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key) for HOST, valid for two days."""
    openssl = shutil.which("openssl")
    if not openssl:
        raise ObservatoryError(
            "the Observatory scan needs openssl (Debian: apt-get install openssl)"
        )
    ca_key, ca_pem = folder / "ca.key", folder / "ca.pem"
    key, csr, pem = folder / "host.key", folder / "host.csr", folder / "host.pem"
    extensions = folder / "host.ext"
    extensions.write_text(
        f"subjectAltName = DNS:{HOST}\nbasicConstraints = CA:FALSE\n"
        "keyUsage = digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n",
        encoding="utf-8",
    )
    steps = [
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(ca_key),
            "-out",
            str(ca_pem),
            "-days",
            "2",
            "-subj",
            "/CN=Clinic audit throwaway CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
        [
            openssl,
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(csr),
            "-subj",
            f"/CN={HOST}",
        ],
        [
            openssl,
            "x509",
            "-req",
            "-in",
            str(csr),
            "-CA",
            str(ca_pem),
            "-CAkey",
            str(ca_key),
            "-CAcreateserial",
            "-out",
            str(pem),
            "-days",
            "2",
            "-extfile",
            str(extensions),
        ],
    ]
    for command in steps:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise ObservatoryError(
                f"openssl failed: {' '.join(command[:3])}: {done.stderr.strip()}"
            )
    return ca_pem, pem, key


@contextlib.contextmanager
def hosts_entry(name: str):
    """``127.0.0.1 name`` in /etc/hosts while the block runs; exactly that line removed after."""
    line = f"127.0.0.1 {name}  # make audit, process {os.getpid()}"
    text = HOSTS_FILE.read_text(encoding="utf-8")
    HOSTS_FILE.write_text(
        text + ("" if text.endswith("\n") or not text else "\n") + line + "\n", encoding="utf-8"
    )
    try:
        yield
    finally:
        # Re-read: another process may have changed the file meanwhile; keep its lines.
        lines = HOSTS_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = "".join(text for text in lines if text.rstrip("\n") != line)
        HOSTS_FILE.write_text(kept, encoding="utf-8")


class _RedirectToHttps(BaseHTTPRequestHandler):
    """Port 80: every request gets a 301 to the same path on https://HOST."""

    server_version = "headers-server"
    sys_version = ""

    def log_message(self, format, *args):  # keep the report quiet
        pass

    def _redirect(self) -> None:
        self.send_response(301)
        self.send_header("Location", f"https://{HOST}{self.path}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = do_OPTIONS = _redirect


@contextlib.contextmanager
def _listening(port: int, handler):
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise ObservatoryError(
            f"cannot listen on 127.0.0.1:{port} ({error}); stop what is "
            "using that port and run the audit again"
        ) from error
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def served_as_host(folder: Path, certificate: Path, key: Path):
    """``folder`` on https://HOST (443, with its _headers) and http://HOST (80, a 301)."""
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(certificate, key)
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(serve_with_headers(folder, port=443, tls=tls))
        except OSError as error:
            raise ObservatoryError(
                f"cannot listen on 127.0.0.1:443 ({error}); stop what is "
                "using that port and run the audit again"
            ) from error
        stack.enter_context(_listening(80, _RedirectToHttps))
        yield


def scan(host: str, ca: Path) -> dict:
    """The scanner's JSON report for ``host`` ({"scan": {...}, "tests": {...}})."""
    node = shutil.which("node")
    if not node:
        raise ObservatoryError(
            "the Observatory scan needs Node.js 20 (Debian: apt-get install nodejs)"
        )
    if not SCAN_JS.is_file():
        raise ObservatoryError(f"{SCAN_JS} is missing: run npm ci --ignore-scripts")
    env = dict(os.environ, NODE_EXTRA_CA_CERTS=str(ca))
    done = subprocess.run(
        [node, str(SCAN_JS), host], capture_output=True, text=True, env=env, timeout=180
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise ObservatoryError(
            f"the scanner printed no JSON (exit {done.returncode}):\n"
            f"{done.stdout[-1000:]}{done.stderr[-1000:]}"
        ) from None
    if done.returncode != 0 or "error" in report:
        raise ObservatoryError(f"the scanner failed: {report.get('error', done.stderr[-1000:])}")
    return report


def judge(report: dict) -> ObservatoryResult:
    """Grade, score and every failed test of a scanner report."""
    summary = report["scan"]
    failed = [
        f"{name}: {test['result']} ({test['scoreModifier']:+d})"
        for name, test in sorted(report["tests"].items())
        if not test["pass"]
    ]
    return ObservatoryResult(
        summary["grade"], summary["score"], summary["testsPassed"], summary["testsQuantity"], failed
    )


def observe(folder: Path) -> ObservatoryResult:
    """Serve the built site ``folder`` as HOST and scan it."""
    require_root()
    ensure_npm_packages()
    if not HSTS_PRELOAD.is_file():
        HSTS_PRELOAD.write_text("{}\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="clinic-observatory-") as tmp:
        ca, certificate, key = make_certificates(Path(tmp))
        with hosts_entry(HOST), served_as_host(folder, certificate, key):
            return judge(scan(HOST, ca))


def main() -> int:
    """Publish the fictional fixture clinic, scan it, print the result; 1 below A+."""
    from fixture_clinics import publish_fixture_clinic

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="clinic-observatory-site-") as tmp:
        built = publish_fixture_clinic(Path(tmp) / "site")
        if built.returncode != 0:
            log.error("The fixture clinic did not publish:\n%s", built.output)
            return 1
        try:
            result = observe(built.out_dir)
        except ObservatoryError as error:
            log.error("Observatory: %s", error)
            return 1
    log.info(
        "Observatory: grade %s, score %s, %s of %s tests passed",
        result.grade,
        result.score,
        result.tests_passed,
        result.tests_quantity,
    )
    for line in result.failed:
        log.info("  failed: %s", line)
    return 0 if result.passes else 1


if __name__ == "__main__":
    sys.exit(main())
