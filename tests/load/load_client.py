"""The load test's client: N simulated users against one Odoo server (``bin/party load``).

Run by ``bin/party load`` as a second process, with the interpreter that runs Odoo
(``requests`` comes with Odoo)::

    python3 tests/load/load_client.py --url http://127.0.0.1:PORT --db DB \
        --users 50 --seconds 300 --out samples.json

Each user is a thread with its own HTTP session (cookies), started one after the
other over the ramp-up, then looping until the end with a think time between two
requests (uniform, ``--think`` seconds on average):

- officers (the demo's internal users: secretary, partyadmin, auditor) log in by
  ``/web/session/authenticate`` and call ``/web/dataset/call_kw`` as the web client
  does: the cockpit's data, the lists of members, meetings and dues
  (``web_search_read``), a member's form (``web_read``);
- members (the demo's portal users: member, applicant, and the portal users the
  harness gives the other demo members in the copy) log in through ``/web/login``
  with its CSRF token and open ``/my``, ``/my/party``, ``/my/meetings`` (and sign in to
  a meeting whose sign-in is open), ``/my/notices``, ``/my/dues`` and start a dues
  payment: ``/my/dues/pay`` and the payment form's transaction route (payment_demo).

Every request is a sample ``[kind, start (s since the run began), latency (s),
error or null]``; the samples are written as JSON to ``--out``.  An HTTP status of
400 or more, a JSON-RPC error, a portal page that lands on the login page and a
timeout are errors.  Everything else (percentiles, the report) is computed by
bin/party_harness/load.py.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import threading
import time

import requests

OFFICERS = ("secretary", "partyadmin", "auditor")
MEMBERS = ("member", "applicant")
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
DUES_RE = re.compile(r'<input[^>]*name="dues"[^>]*?value="(\d+)"')
SIGN_IN_RE = re.compile(r'action="/my/meetings/(\d+)/sign_in"')
ATTR_RE = r'data-{}="([^"]*)"'
METHOD_RE = re.compile(
    r'data-payment-option-type="payment_method"[^>]*?data-payment-option-id="(\d+)"'
    r'[^>]*?data-provider-id="(\d+)"'
)


class Run:
    """What the users share: the clock, the samples, the stop time."""

    def __init__(self, url, db, seconds, think, timeout, passwords):
        self.url = url.rstrip("/")
        self.db = db
        self.start = time.monotonic()
        self.stop = self.start + seconds
        self.think = think
        self.timeout = timeout
        self.passwords = passwords
        self.samples = []
        self.lock = threading.Lock()

    def record(self, kind, started, error):
        now = time.monotonic()
        with self.lock:
            self.samples.append(
                [kind, round(started - self.start, 3), round(now - started, 4), error]
            )

    def running(self):
        return time.monotonic() < self.stop


class User:
    """One simulated user: a session and the requests it makes."""

    def __init__(self, run: Run, login: str, rng: random.Random):
        self.run = run
        self.login = login
        self.rng = rng
        self.http = requests.Session()

    def request(self, kind, method, path, *, check=None, **kwargs):
        """One timed request; returns the response, or None on error (recorded)."""
        started = time.monotonic()
        error = None
        response = None
        try:
            response = self.http.request(
                method, self.run.url + path, timeout=self.run.timeout, **kwargs
            )
            if response.status_code >= 400:
                error = f"HTTP {response.status_code} {method} {path}"
            elif check is not None:
                error = check(response)
        except requests.RequestException as exc:
            error = f"{type(exc).__name__} {method} {path}: {exc}"
        self.run.record(kind, started, error)
        return None if error else response

    def rpc(self, kind, path, params):
        def check(response):
            try:
                body = response.json()
            except ValueError:
                return f"not JSON from {path}: {response.text[:200]}"
            if body.get("error"):
                data = body["error"].get("data") or {}
                return f"JSON-RPC error {path}: {data.get('name')}: {data.get('message')}"
            return None

        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.request(kind, "POST", path, json=payload, check=check)
        return response.json()["result"] if response is not None else None

    def call_kw(self, kind, model, method, args, kwargs=None):
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        return self.rpc(kind, f"/web/dataset/call_kw/{model}/{method}", params)

    def pause(self):
        time.sleep(self.rng.uniform(0.5, 1.5) * self.run.think)

    def loop(self):
        if not self.log_in():
            return
        while self.run.running():
            self.visit()


class Officer(User):
    """An internal user in the web client."""

    def log_in(self):
        params = {
            "db": self.run.db,
            "login": self.login,
            "password": self.run.passwords[self.login],
        }
        return self.rpc("officer login", "/web/session/authenticate", params) is not None

    def visit(self):
        lists = (
            ("party.member", ["name", "organization_id", "member_category", "status"]),
            ("party.meeting", ["name", "organization_id", "start", "state"]),
            ("party.dues", ["member_id", "period", "amount", "state"]),
        )
        self.call_kw("officer cockpit", "party.cockpit", "get_cockpit_data", [])
        self.pause()
        for model, names in lists:
            if not self.run.running():
                return
            spec = {name: {} for name in names}
            page = self.call_kw(
                f"officer list {model}",
                model,
                "web_search_read",
                [],
                {"domain": [], "specification": spec, "limit": 80, "offset": 0},
            )
            self.pause()
            if model == "party.member" and page and page.get("records"):
                record = self.rng.choice(page["records"])
                spec = {
                    "name": {},
                    "organization_id": {"fields": {"display_name": {}}},
                    "member_category": {},
                    "status": {},
                    "join_date": {},
                    "position_ids": {"fields": {"display_name": {}}},
                }
                self.call_kw(
                    "officer form party.member",
                    model,
                    "web_read",
                    [[record["id"]]],
                    {"specification": spec},
                )
                self.pause()


class Member(User):
    """A portal user on the phone."""

    def not_login_page(self, response):
        if "/web/login" in response.url:
            return f"session lost: {response.request.method} landed on {response.url}"
        return None

    def page(self, kind, path):
        response = self.request(kind, "GET", path, check=self.not_login_page)
        self.pause()
        return response.text if response is not None else ""

    def log_in(self):
        response = self.request("member login page", "GET", "/web/login")
        found = CSRF_RE.search(response.text) if response is not None else None
        if not found:
            return False
        data = {
            "login": self.login,
            "password": self.run.passwords[self.login],
            "csrf_token": found.group(1),
            "redirect": "/my",
        }
        response = self.request(
            "member login", "POST", "/web/login", data=data, check=self.not_login_page
        )
        return response is not None

    def visit(self):
        home = self.page("member /my", "/my")
        for path in ("/my/party", "/my/notices"):
            if self.run.running():
                self.page(f"member {path}", path)
        meetings = self.page("member /my/meetings", "/my/meetings") or home
        found = SIGN_IN_RE.search(meetings)
        csrf = CSRF_RE.search(meetings)
        if found and csrf and self.run.running():
            self.request(
                "member meeting sign-in",
                "POST",
                f"/my/meetings/{found.group(1)}/sign_in",
                data={"csrf_token": csrf.group(1)},
                check=self.not_login_page,
            )
            self.pause()
        if self.run.running():
            self.pay_dues(self.page("member /my/dues", "/my/dues"))

    def pay_dues(self, dues_page):
        ids = DUES_RE.findall(dues_page)
        if not ids or not self.run.running():
            return
        picked = ids[:1]
        query = "&".join(f"dues={i}" for i in picked)
        form = self.page("member /my/dues/pay", f"/my/dues/pay?{query}")
        values = {key: re.search(ATTR_RE.format(key), form) for key in ("amount", "access-token")}
        method = METHOD_RE.search(form)
        if not (method and all(values.values())) or not self.run.running():
            return  # no payment form (no online method): the portal said so
        params = {
            "amount": float(values["amount"].group(1)),
            "access_token": values["access-token"].group(1),
            "provider_id": int(method.group(2)),
            "payment_method_id": int(method.group(1)),
            "token_id": None,
            "flow": "direct",
            "tokenization_requested": False,
        }
        self.rpc("member dues transaction", f"/my/dues/transaction/{'-'.join(picked)}", params)
        self.pause()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--ramp", type=float, default=30, help="seconds to start every user")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time (s)")
    parser.add_argument("--timeout", type=float, default=60, help="request timeout (s)")
    parser.add_argument("--officer-share", type=float, default=0.4)
    parser.add_argument("--passwords", required=True, help="JSON {login: password}")
    parser.add_argument("--officers", default=",".join(OFFICERS), help="officer logins")
    parser.add_argument("--members", default=",".join(MEMBERS), help="portal member logins")
    parser.add_argument("--out", required=True)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    run = Run(args.url, args.db, args.seconds, args.think, args.timeout, json.loads(args.passwords))
    officers = int(args.users * args.officer_share)
    officer_logins = [login for login in args.officers.split(",") if login]
    member_logins = [login for login in args.members.split(",") if login]
    threads = []
    n_officer = n_member = 0
    for n in range(args.users):
        rng = random.Random(n)
        # officers and members interleaved: user n is an officer when the share's
        # running count steps up at n
        if int((n + 1) * args.officer_share) > int(n * args.officer_share):
            user = Officer(run, officer_logins[n_officer % len(officer_logins)], rng)
            n_officer += 1
        else:
            user = Member(run, member_logins[n_member % len(member_logins)], rng)
            n_member += 1
        thread = threading.Thread(target=user.loop, name=f"user-{n}", daemon=True)
        threads.append(thread)
    for thread in threads:
        thread.start()
        time.sleep(args.ramp / max(args.users, 1))
    for thread in threads:
        thread.join(timeout=max(run.stop - time.monotonic(), 0) + args.timeout + 5)
    elapsed = time.monotonic() - run.start
    with run.lock:
        samples = list(run.samples)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(
            {"elapsed": elapsed, "officers": officers, "users": args.users, "samples": samples}, out
        )
    print(f"load client: {len(samples)} requests in {elapsed:.1f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
