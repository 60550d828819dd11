"""The real app in a process of its own, as `ledertrivsel serve` starts it, for tests that need it."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    def __init__(self, var_dir: Path, database_url: str, port: int | None = None, **environment):
        self.var_dir = Path(var_dir)
        self.port = port or free_port()
        self.environment = {
            **os.environ,
            "LEDERTRIVSEL_VAR_DIR": str(self.var_dir),
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "REDIS_URL": "",
            **environment,
        }
        self.process = None
        self.log_path = self.var_dir / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def command(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        """Runs `ledertrivsel ...` against the same database and settings."""
        return subprocess.run(
            [sys.executable, "-m", "ledertrivsel.cli", *arguments], env=self.environment, check=check, capture_output=True, text=True
        )

    def start(self) -> "AppServer":
        self.var_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ledertrivsel.cli", "serve", "--port", str(self.port)],
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the app did not start:\n{self.log_path.read_text()}")
                time.sleep(0.2)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self):
        """Ends the process at once, as a crash or a power cut would: no clean shutdown."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


class HttpSession:
    """A cookie-keeping HTTP client for a running app, with Django's CSRF token handled."""

    def __init__(self, base_url: str):
        import http.cookiejar

        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())

    def cookie(self, name: str) -> str:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), "")

    def get(self, path: str):
        return self.opener.open(self.base_url + path, timeout=10)

    def post(self, path: str, data: dict):
        import urllib.parse

        if not self.cookie("csrftoken"):
            self.get(path).read()
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookie("csrftoken")}).encode()
        request = urllib.request.Request(self.base_url + path, data=body, headers={"Referer": self.base_url + path})
        try:
            return self.opener.open(request, timeout=10)
        except urllib.error.HTTPError as redirect:
            if redirect.code in (301, 302, 303):
                return redirect
            raise


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
