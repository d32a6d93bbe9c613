"""HTTP checks that scripts/container-check runs against two running app instances.

Standard library only. Every request goes to 127.0.0.1:PORT the way the reverse proxy would send
it: ``Host: SITE_HOST``, ``X-Forwarded-Proto: https``, ``X-Forwarded-For: <client>``. Each
sub-command prints ``ok: ...`` lines and exits 1 with ``FAIL: ...`` at the first failed check.

    python tests/deploy/container_probe.py health 8101 8102
    python tests/deploy/container_probe.py pages 8101 /blog/een-artikel/
    ...
"""

import argparse
import gzip
import http.client
import json
import re
import sys
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode

SITE_HOST = "blog.example.org"
ORIGIN = f"https://{SITE_HOST}"
CLIENT_ADDRESS = "198.51.100.20"


class CheckFailed(Exception):
    pass


def ok(message: str) -> None:
    print(f"ok: {message}", flush=True)


def expect(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


class Response:
    def __init__(self, raw: http.client.HTTPResponse, elapsed: float):
        self.status = raw.status
        self.headers = {k.lower(): v for k, v in raw.getheaders()}
        self.set_cookies = [v for k, v in raw.getheaders() if k.lower() == "set-cookie"]
        self.body = raw.read()
        self.elapsed = elapsed

    @property
    def text(self) -> str:
        data = self.body
        if self.headers.get("content-encoding") == "gzip":
            data = gzip.decompress(data)
        return data.decode("utf-8", "replace")

    def json(self) -> dict:
        return json.loads(self.text)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class Client:
    """One browser: its own cookies, talking to one instance (port) at a time."""

    def __init__(self, port: int, client_address: str = CLIENT_ADDRESS, https: bool = True):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.client_address = client_address
        self.https = https

    def request(self, method: str, path: str, body=None, headers=None, port=None) -> Response:
        all_headers = {"Host": SITE_HOST, "X-Forwarded-For": self.client_address}
        if self.https:
            all_headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urlencode(body, doseq=True).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["Origin"] = ORIGIN
            all_headers["Referer"] = ORIGIN + path
        all_headers.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=20)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = Response(connection.getresponse(), time.monotonic() - started)
        finally:
            connection.close()
        for cookie in response.set_cookies:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower() or not value.strip('"'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Response:
        return self.request("POST", path, body=data, **kwargs)


class FormParser(HTMLParser):
    """The fields of one <form> as a browser would submit them (no button pressed)."""

    def __init__(self, form_id: str | None = None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_options: list[tuple[str, bool]] = []
        self._option_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_options = name, []
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            self._option_value = attrs.get("value", "")
            self._select_options.append((self._option_value, "selected" in attrs))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and self._select_options and not self._multiple:
                chosen = [self._select_options[0][0]]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None


def _form(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    parser = FormParser(form_id)
    parser.feed(html)
    return parser.fields


def _login(client: Client, username: str, password: str) -> Response:
    page = client.get("/admin/login/?next=/admin/")
    expect(page.status == 200, f"admin login page: {page.status}")
    fields = dict(_form(page.text, "login-form"))
    fields.update(username=username, password=password)
    return client.post("/admin/login/?next=/admin/", fields)


# --- sub-commands ------------------------------------------------------------------------


def health(args) -> None:
    for port in args.ports:
        response = Client(port).get("/healthz")
        expect(response.status == 200, f"/healthz on :{port}: {response.status} {response.text}")
        body = response.json()
        expect(body["status"] == "ok" and body["checks"]["database"] == "ok", body)
        expect(body["checks"]["cache"] == "ok", f"shared cache not used on :{port}: {body}")
        ok(f":{port} /healthz 200 {json.dumps(body['checks'])}")
        plain = Client(port, https=False)
        response = plain.get("/healthz")
        expect(response.status == 200, f"/healthz over plain HTTP on :{port}: {response.status}")
        redirect = plain.get("/blog/")
        expect(
            redirect.status == 301 and redirect.header("location").startswith("https://"),
            f"plain HTTP /blog/ should redirect to HTTPS, got {redirect.status}",
        )
        location = redirect.header("location")
        ok(f":{port} plain HTTP: /healthz 200 (exempt), /blog/ 301 -> {location}")


def pages(args) -> None:
    for port in args.ports:
        client = Client(port)
        listing = client.get("/blog/")
        expect(listing.status == 200, f"/blog/ on :{port}: {listing.status}")
        article = client.get(args.article)
        expect(article.status == 200, f"{args.article} on :{port}: {article.status}")
        expect("<article" in article.text or "<h1" in article.text, "article page has no article")
        ok(f":{port} /blog/ 200, {args.article} 200 ({len(article.body)} bytes)")


def static(args) -> None:
    client = Client(args.ports[0])
    html = client.get("/blog/").text
    hashed = sorted(set(re.findall(r'/static/[^"\'\s]+\.[0-9a-f]{12}\.(?:css|js)', html)))
    expect(hashed, "no static file with a hashed name linked from /blog/")
    for path in hashed:
        for encoding in ("br", "gzip"):
            response = client.get(path, headers={"Accept-Encoding": encoding})
            expect(response.status == 200, f"{path}: {response.status}")
            sent = response.header("content-encoding")
            expect(sent == encoding, f"{path} sent as {sent!r}, not {encoding}")
            cache = response.header("cache-control")
            expect("max-age=315360000" in cache and "immutable" in cache, f"{path}: {cache}")
        ok(f"{path}: br and gzip, Cache-Control: {cache}")
    admin_js = client.get("/admin/login/").text
    expect(re.search(r"/static/admin/[^\"']+\.[0-9a-f]{12}\.css", admin_js), "admin CSS not hashed")
    ok("admin's static files have hashed names too")


def headers(args) -> None:
    client = Client(args.ports[0])
    request_id = f"check-{uuid.uuid4().hex[:12]}"
    response = client.get("/blog/", headers={"X-Request-ID": request_id})
    expect(response.status == 200, f"/blog/: {response.status}")
    csp = response.header("content-security-policy")
    directives = {p.split()[0]: p.split()[1:] for p in csp.split(";") if p.strip()}
    expect(directives.get("script-src") == ["'self'"], f"script-src: {csp}")
    expect("'unsafe-inline'" not in csp, f"unsafe-inline in CSP: {csp}")
    expected = {
        "strict-transport-security": "max-age=",
        "x-content-type-options": "nosniff",
        "referrer-policy": "same-origin",
        "cross-origin-opener-policy": "same-origin",
        "x-frame-options": "DENY",
        "x-request-id": request_id,
    }
    for name, value in expected.items():
        expect(value in response.header(name), f"{name}: {response.header(name)!r}")
    ok(f"Content-Security-Policy: {csp}")
    for name in expected:
        ok(f"{name}: {response.header(name)}")
    admin = client.get("/admin/login/")
    expect(admin.header("content-security-policy") == csp, "admin has another CSP")
    cookie = next((c for c in admin.set_cookies if c.startswith("csrftoken=")), "")
    expect("secure" in cookie.lower() and "httponly" in cookie.lower(), f"csrf cookie: {cookie}")
    ok("admin login: same CSP; csrftoken cookie Secure and HttpOnly")


def edit_across(args) -> None:
    """Log in on A, change a post's title in the admin on A; B shows it at once."""
    a, b = args.ports
    reader = Client(b)
    before = reader.get(args.article)
    expect(before.status == 200, f"{args.article} on :{b}: {before.status}")
    editor = Client(a)
    response = _login(editor, args.username, args.password)
    expect(response.status == 302, f"admin login on :{a}: {response.status}")
    session = editor.cookies.get("sessionid", "")
    expect(session, "no session cookie after login")
    ok(f"logged in on :{a}")
    # The same browser goes on at instance B: sessions are shared.
    response = editor.get("/admin/", port=b)
    expect(response.status == 200, f"admin on :{b} with :{a}'s session: {response.status}")
    ok(f"the session from :{a} is valid on :{b} (admin index 200)")
    change = f"/admin/posts/post/{args.post_id}/change/"
    form = editor.get(change)
    expect(form.status == 200, f"{change}: {form.status}")
    fields = [(k, v) for k, v in _form(form.text, "post_form")]
    expect(any(k == "title" for k, _ in fields), "no title field in the post form")
    fields = [(k, args.title if k == "title" else v) for k, v in fields] + [("_save", "Save")]
    saved = editor.request("POST", change, body=fields)
    expect(saved.status == 302, f"saving the post on :{a}: {saved.status} {saved.text[:3000]}")
    ok(f"post {args.post_id} renamed through the admin on :{a}")
    after = reader.get(args.article)
    expect(after.status == 200, f"{args.article} on :{b}: {after.status}")
    expect(args.title in after.text, f"the new title is not on :{b} yet")
    listing = reader.get("/blog/")
    expect(args.title in listing.text, f"the new title is not in /blog/ on :{b} yet")
    ok(f"the new title shows on :{b} at once (article and /blog/)")


def lockout(args) -> None:
    """Failures on A count on B too: the lockout lives in the shared database."""
    a, b = args.ports
    attacker_a = Client(a, client_address="203.0.113.50")
    statuses = []
    for attempt in range(args.limit):
        statuses.append(_login(attacker_a, f"intruder{attempt}", "wrong").status)
    expect(statuses[:-1] == [200] * (args.limit - 1), f"before the limit: {statuses}")
    expect(statuses[-1] == 429, f"at the limit: {statuses}")
    ok(f"{args.limit} failed logins from one address on :{a}: {statuses}")
    attacker_b = Client(b, client_address="203.0.113.50")
    locked = _login(attacker_b, args.username, args.password)
    expect(locked.status == 429, f"the right password from that address on :{b}: {locked.status}")
    dutch = "Te veel mislukte inlogpogingen" in locked.text
    english = "Too many failed login attempts" in locked.text
    expect(dutch or english, f"lockout page without its message: {locked.text[:500]}")
    language = "Dutch" if dutch else "English (the Dutch translation is missing)"
    ok(f"locked out on :{b} too (429, Retry-After {locked.header('retry-after')}s, {language})")
    other = _login(Client(b, client_address="192.0.2.77"), args.username, args.password)
    expect(other.status == 302, f"another address should still log in: {other.status}")
    ok("another address still logs in")


def outage(args) -> None:
    for port in args.ports:
        client = Client(port)
        response = client.get("/healthz", headers={"X-Request-ID": f"outage-health-{port}"})
        expect(response.status == 503, f"/healthz on :{port}, database down: {response.status}")
        expect(response.json()["checks"]["database"] == "unavailable", response.text)
        expect(response.elapsed < 10, f"/healthz took {response.elapsed:.1f}s")
        ok(f":{port} /healthz 503 {response.text.strip()} in {response.elapsed:.2f}s")
        page = client.get(args.article)
        if page.status == 200:
            ok(f":{port} {args.article} 200 from the shared cache while the database is down")
        else:
            expect(page.status == 503, f"{args.article} on :{port}: {page.status}")
            expect("Even niet bereikbaar" in page.text, "the 503 page is not the friendly one")
            expect("Traceback" not in page.text and "<script" not in page.text, "503 page content")
            retry = page.header("retry-after")
            ok(f":{port} {args.article} 503, friendly Dutch page, Retry-After {retry}")
        missing = client.get(
            "/blog/bestaat-niet-container-check/", headers={"X-Request-ID": f"outage-{port}"}
        )
        expect(missing.status == 503, f"an uncached page on :{port}: {missing.status}")
        expect("Even niet bereikbaar" in missing.text, "uncached page: not the friendly 503")
        ok(f":{port} uncached page 503 with the friendly page")


def recovered(args) -> None:
    deadline = time.monotonic() + args.timeout
    for port in args.ports:
        while True:
            response = Client(port).get("/healthz")
            if response.status == 200:
                break
            expect(time.monotonic() < deadline, f":{port} did not recover: {response.text}")
            time.sleep(1)
        page = Client(port).get(args.article)
        expect(page.status == 200, f"{args.article} on :{port} after recovery: {page.status}")
        ok(f":{port} recovered by itself: /healthz 200, {args.article} 200")


def logs(args) -> None:
    with open(args.file, encoding="utf-8", errors="replace") as log:
        lines = [line for line in log if line.strip()]
    parsed, other = [], []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            other.append(line.rstrip())
    expect(parsed, f"no JSON log lines in {args.file}")
    expect(not other, f"{len(other)} lines that are not JSON, e.g. {other[:3]}")
    access = [e for e in parsed if e.get("logger") == "gunicorn.access"]
    expect(access and all(e.get("request_id") not in (None, "-") for e in access), "access lines")
    ok(f"{len(parsed)} log lines, all JSON; {len(access)} access lines, each with a request_id")
    if args.expect_error_id:
        errors = [e for e in parsed if e.get("level") == "error"]
        matching = [e for e in errors if e.get("request_id") == args.expect_error_id]
        expect(matching, f"no error line with request_id {args.expect_error_id}")
        ok(f"error line with request_id {args.expect_error_id}: {matching[0]['message']}")
    starts = [e for e in parsed if "Starting gunicorn" in str(e.get("message", ""))]
    expect(len(starts) == 1, f"gunicorn started {len(starts)} times")
    ok("gunicorn started once (no restart)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name, function, article=False):
        p = sub.add_parser(name)
        p.add_argument("ports", type=int, nargs="+")
        if article:
            p.add_argument("--article", required=True)
        p.set_defaults(function=function)
        return p

    command("health", health)
    command("pages", pages, article=True)
    command("static", static)
    command("headers", headers)
    p = command("edit-across", edit_across, article=True)
    p.add_argument("--post-id", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password", required=True)
    p = command("lockout", lockout)
    p.add_argument("--limit", type=int, required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password", required=True)
    command("outage", outage, article=True)
    p = command("recovered", recovered, article=True)
    p.add_argument("--timeout", type=float, default=60)
    p = sub.add_parser("logs")
    p.add_argument("file")
    p.add_argument("--expect-error-id")
    p.set_defaults(function=logs)

    args = parser.parse_args(argv)
    try:
        args.function(args)
    except CheckFailed as exc:
        print(f"FAIL: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
