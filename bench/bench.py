#!/usr/bin/env python3
"""The side-by-side benchmark of docs/benchmarks.md: this application against a plain Camunda 7.24 Spring Boot
application (bench/plain-camunda), one after the other on the same machine and database kind, never at once, measured
by one external load generator (wrk, 8 connections). bench/run builds both jars and calls this script.

    python3 bench/bench.py [--rounds 3] [--seconds 15] [--only http|timers] [--invites 10000]

Results go to target/bench/results.json and are printed as the Markdown table docs/benchmarks.md shows.
"""
import argparse
import base64
import json
import os
import random
import re
import shutil
import signal
import socket
import socketserver
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")
APP_JAR = os.path.join(ROOT, "target", "school-data-approvals-0.1.0-SNAPSHOT.jar")
PLAIN_JAR = os.path.join(ROOT, "bench", "plain-camunda", "target", "plain-camunda.jar")
LUA = os.path.join(ROOT, "bench", "wrk", "requests.lua")
CONNECTIONS = 8
OPERATOR = ("demo", "demo")
SCHOOLS = 60
APPS = 50
SCOPE = "students.basic"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
# Seconds of load before each measure, so that both applications are measured with their code compiled.
WARM_UP = 10


def log(message):
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def call(base, method, path, auth=None, body=None, timeout=60):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if auth:
        request.add_header("Authorization", basic(*auth))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.startswith(("{", "[")) else text)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


# --- Sinks: an SMTP server and a webhook receiver that take everything at once -------------------------------------

class SmtpSink(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        in_data = False
        for line in self.rfile:
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    self.wfile.write(b"250 queued\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 sink\r\n")
            else:
                self.wfile.write(b"250 ok\r\n")


class HookSink(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def start_sinks():
    smtp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpSink)
    smtp.daemon_threads = True
    hooks = ThreadingHTTPServer(("127.0.0.1", 0), HookSink)
    for server in (smtp, hooks):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return smtp.server_address[1], hooks.server_address[1]


# --- The applications ------------------------------------------------------------------------------------------------

class App:
    """One application in a JVM of its own, in a working directory of its own."""

    def __init__(self, name, jar, workdir, args, ready_path):
        self.name, self.jar, self.workdir, self.args, self.ready_path = name, jar, workdir, args, ready_path
        self.port = free_port()
        self.process = None
        self.startup_seconds = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=240):
        os.makedirs(self.workdir, exist_ok=True)
        out = open(os.path.join(self.workdir, "output.log"), "a")
        begin = time.monotonic()
        jvm = [f"-XX:StartFlightRecording=filename={self.workdir}/profile.jfr,settings=profile"] if PROFILE else []
        self.process = subprocess.Popen(["java"] + jvm + ["-jar", self.jar, f"--server.port={self.port}"] + self.args,
                                        cwd=self.workdir, stdout=out, stderr=subprocess.STDOUT)
        while time.monotonic() - begin < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited while starting; see {self.workdir}/output.log")
            try:
                if call(self.base, "GET", self.ready_path, timeout=5)[0] == 200:
                    self.startup_seconds = time.monotonic() - begin
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout} s")

    def heap_mib(self):
        """Heap in use after a full collection, as jcmd reports it."""
        subprocess.run(["jcmd", str(self.process.pid), "GC.run"], capture_output=True)
        info = subprocess.run(["jcmd", str(self.process.pid), "GC.heap_info"], capture_output=True, text=True).stdout
        used = re.search(r"used (\d+)K", info)
        return round(int(used.group(1)) / 1024) if used else None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def ours(workdir, smtp_port, extra=()):
    return App("this application", APP_JAR, workdir,
               ["--spring.mail.host=127.0.0.1", f"--spring.mail.port={smtp_port}",
                "--logging.level.uk.schooldata.approvals=WARN"] + list(extra),
               "/actuator/health/readiness")


def plain(workdir, extra=()):
    return App("plain Camunda", PLAIN_JAR, workdir, list(extra), "/actuator/health/liveness")


# --- wrk -------------------------------------------------------------------------------------------------------------

def wrk(base, requests_file, seconds, label):
    """Runs wrk with 8 connections over the listed requests; returns requests/s, p50 and p99 (ms) and non-2xx."""
    env = dict(os.environ, BENCH_REQUESTS=requests_file)
    output = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", LUA, base],
                            capture_output=True, text=True, env=env).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result = {"rps": rate, "p50": latency(output, "50%"), "p99": latency(output, "99%"),
              "errors": int(errors.group(1)) if errors else 0}
    log(f"  {label}: {rate:.1f}/s, p50 {result['p50']} ms, p99 {result['p99']} ms, non-2xx {result['errors']}")
    if result["errors"]:
        log(f"  WARNING: {result['errors']} answers were not 2xx; the rate above counts them")
    return result


def latency(output, percentile):
    match = re.search(rf"{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\b", output)
    value, unit = float(match.group(1)), match.group(2)
    return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)


def write_requests(path, requests):
    """A Lua file for bench/wrk/requests.lua: {method, path, auth, body} per request, taken in turn."""
    def lua(text):
        return "nil" if text is None else json.dumps(text)
    with open(path, "w") as out:
        out.write("return {\n")
        for method, target, auth, body in requests:
            out.write(f"{{{lua(method)}, {lua(target)}, {lua(basic(*auth) if auth else None)}, "
                      f"{lua(None if body is None else json.dumps(body))}}},\n")
        out.write("}\n")
    return path


# --- This application: the schools, apps and administrators the load uses ------------------------------------------

def prepare_ours(workdir, smtp_port, hook_port):
    """Onboards the schools and registers the apps once; each round starts from a copy of this database."""
    app = ours(workdir, smtp_port).start()
    urns = [str(200000 + i) for i in range(SCHOOLS)]
    for urn in urns:
        status, body = call(app.base, "POST", "/api/schools", OPERATOR,
                            {"urn": urn, "name": f"Bench School {urn}", "contactEmail": f"office@{urn}.bench.example"})
        assert status == 202, body
    apps = {}
    for i in range(APPS):
        app_id = f"bench-app-{i}"
        status, body = call(app.base, "POST", "/api/apps", OPERATOR,
                            {"appId": app_id, "name": f"Bench App {i}", "contactEmail": f"dev@{app_id}.example",
                             "webhookUrl": f"http://localhost:{hook_port}/hooks"})
        assert status == 201, body
        apps[app_id] = body["secret"]
    for urn in urns:
        while call(app.base, "GET", f"/api/schools/{urn}", OPERATOR)[1]["status"] != "ACTIVE":
            time.sleep(0.5)
        status, body = call(app.base, "PUT", f"/engine-rest/user/office@{urn}.bench.example/credentials", OPERATOR,
                            {"password": "Bench-Admin-1", "authenticatedUserPassword": OPERATOR[1]})
        assert status == 204, body
    app.stop()
    with open(os.path.join(workdir, "bench.json"), "w") as out:
        json.dump({"urns": urns, "apps": apps}, out)


def http_round_ours(base_dir, round_dir, seconds, smtp_port):
    shutil.rmtree(round_dir, ignore_errors=True)
    shutil.copytree(base_dir, round_dir)
    setup = json.load(open(os.path.join(round_dir, "bench.json")))
    app = ours(round_dir, smtp_port).start()
    log(f" this application started in {app.startup_seconds:.1f} s")
    pairs = [(app_id, secret, urn) for urn in setup["urns"] for app_id, secret in setup["apps"].items()]
    warm, measured = pairs[:len(pairs) // 3], pairs[len(pairs) // 3:]
    submit = lambda chosen: [("POST", "/api/access-requests", (app_id, secret),
                              {"schoolUrn": urn, "purpose": "Homework for every class",
                               "scopes": [{"name": SCOPE, "required": True}]}) for app_id, secret, urn in chosen]
    wrk(app.base, write_requests(os.path.join(round_dir, "warm.lua"), submit(warm)), WARM_UP, "warm-up submissions")
    result = {"startup": app.startup_seconds,
              "submissions": wrk(app.base, write_requests(os.path.join(round_dir, "submit.lua"), submit(measured)),
                                 seconds, "submissions")}
    # The work the submissions left for the job executor (emails to the administrators) is done before the next
    # measure, as the plain application has none.
    drain(app.base)
    # One request approved first, on its own, for the data-flow check afterwards.
    app_id, secret, _ = measured[0]
    mine = call(app.base, "GET", "/api/access-requests?status=PENDING", (app_id, secret))[1]
    assert mine, f"{app_id} has no pending request"
    request_id, urn = mine[0]["id"], mine[0]["schoolUrn"]
    flow_task = call(app.base, "GET", f"/engine-rest/task?processInstanceBusinessKey={request_id}", OPERATOR)[1][0]
    status, body = call(app.base, "POST", f"/engine-rest/task/{flow_task['id']}/complete", admin(urn), approval())
    assert status == 204, body
    tasks = [task for task in open_tasks(app.base, "data-access-request")
             if task["tenantId"] in setup["urns"] and task["id"] != flow_task["id"]]
    # In the order they came, the tasks would arrive school by school; schools decide independently of each other.
    random.Random(7).shuffle(tasks)
    completions = [("POST", f"/engine-rest/task/{task['id']}/complete", admin(task["tenantId"]), approval())
                   for task in tasks]
    warm_completions, completions = completions[:len(completions) // 3], completions[len(completions) // 3:]
    wrk(app.base, write_requests(os.path.join(round_dir, "warm-complete.lua"), warm_completions), WARM_UP,
        "warm-up completions")
    drain(app.base)
    result["completions"] = wrk(app.base, write_requests(os.path.join(round_dir, "complete.lua"), completions),
                                seconds, f"review completions (of {len(completions)} open)")
    drain(app.base)
    flow = [("GET", f"/api/schools/{urn}/apps/{app_id}/data-flow?scope={SCOPE}", (app_id, secret), None)]
    deadline = time.monotonic() + 60
    while not call(app.base, "GET", flow[0][1], (app_id, secret))[1]["allowed"]:
        assert time.monotonic() < deadline, "the approved request's grant was not in force after a minute"
        time.sleep(0.5)
    wrk(app.base, write_requests(os.path.join(round_dir, "flow.lua"), flow), WARM_UP // 2, "warm-up data-flow")
    result["dataflow"] = wrk(app.base, write_requests(os.path.join(round_dir, "flow.lua"), flow), seconds, "data-flow")
    liveness = [("GET", "/actuator/health/liveness", None, None)]
    result["liveness"] = wrk(app.base, write_requests(os.path.join(round_dir, "live.lua"), liveness), seconds,
                             "liveness")
    result["heap"] = app.heap_mib()
    app.stop()
    return result


def admin(urn):
    return f"office@{urn}.bench.example", "Bench-Admin-1"


def approval():
    return {"variables": {"decision": {"value": "APPROVE"},
                          "approvedScopes": {"value": json.dumps([SCOPE]), "type": "Json"}}}


def http_round_plain(round_dir, seconds):
    shutil.rmtree(round_dir, ignore_errors=True)
    app = plain(round_dir).start()
    log(f" plain Camunda started in {app.startup_seconds:.1f} s")
    start = lambda count: [("POST", "/engine-rest/process-definition/key/one-task/start", OPERATOR, {})] * count
    wrk(app.base, write_requests(os.path.join(round_dir, "warm.lua"), start(1)), WARM_UP, "warm-up starts")
    result = {"startup": app.startup_seconds,
              "starts": wrk(app.base, write_requests(os.path.join(round_dir, "start.lua"), start(1)), seconds,
                            "one-task starts")}
    # Enough open tasks that the completions never run out: plain completions are quick.
    wrk(app.base, write_requests(os.path.join(round_dir, "start.lua"), start(1)), seconds + WARM_UP,
        "more starts, for tasks to complete (not measured)")
    tasks = open_tasks(app.base, "one-task")
    completions = [("POST", f"/engine-rest/task/{task['id']}/complete", OPERATOR, {}) for task in tasks]
    warm_completions, completions = completions[:len(completions) // 4], completions[len(completions) // 4:]
    wrk(app.base, write_requests(os.path.join(round_dir, "warm-complete.lua"), warm_completions), WARM_UP,
        "warm-up completions")
    result["completions"] = wrk(app.base, write_requests(os.path.join(round_dir, "complete.lua"), completions),
                                seconds, f"task completions (of {len(completions)} open)")
    result["heap"] = app.heap_mib()
    app.stop()
    return result


def drain(base, timeout=300):
    """Waits until no job is due: what the last measure left for the job executor is done."""
    begin = time.monotonic()
    while call(base, "GET", "/engine-rest/job/count?executable=true", OPERATOR)[1]["count"] > 0:
        assert time.monotonic() - begin < timeout, "the job executor did not catch up"
        time.sleep(0.5)
    log(f"  the job executor caught up in {time.monotonic() - begin:.1f} s")


def open_tasks(base, process):
    tasks, first = [], 0
    while True:
        status, page = call(base, "GET", f"/engine-rest/task?processDefinitionKey={process}&firstResult={first}"
                                         f"&maxResults=1000&sortBy=created&sortOrder=asc", OPERATOR)
        assert status == 200, page
        tasks += page
        if len(page) < 1000:
            return tasks
        first += 1000


# --- Timers: 10,000 due at one instant --------------------------------------------------------------------------------

REGISTRATION_GROUPS = [f"{year}{form}" for year in range(7, 12) for form in "ABCDEF"]


def h2_jar():
    jar = os.path.join(WORK, "h2.jar")
    if not os.path.exists(jar):
        listing = subprocess.run(["unzip", "-Z1", APP_JAR], capture_output=True, text=True).stdout
        entry = next(line for line in listing.splitlines() if re.match(r"BOOT-INF/lib/h2-.*\.jar$", line))
        with open(jar, "wb") as out:
            out.write(subprocess.run(["unzip", "-p", APP_JAR, entry], capture_output=True).stdout)
    return jar


def h2(database, sql):
    """Runs SQL on an H2 file database while no application holds it."""
    result = subprocess.run(["java", "-cp", h2_jar(), "org.h2.tools.Shell", "-url", f"jdbc:h2:file:{database}",
                             "-user", "sa", "-password", "", "-sql", sql], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def prepare_invites(workdir, smtp_port, target):
    """Whole-school batches of students and parents until at least `target` invitations are out, waiting at
    'Await answer' with their expiry timers (14 days ahead)."""
    app = ours(workdir, smtp_port).start()
    invited, number = 0, 0
    while invited < target:
        urn = str(300000 + number)
        number += 1
        status, body = call(app.base, "POST", "/api/schools", OPERATOR,
                            {"urn": urn, "name": f"Timer School {urn}", "contactEmail": f"office@{urn}.bench.example"})
        assert status == 202, body
        while call(app.base, "GET", f"/api/schools/{urn}", OPERATOR)[1]["status"] != "ACTIVE":
            time.sleep(0.5)
        for source in ("STUDENTS", "PARENTS"):
            status, body = call(app.base, "POST", f"/api/schools/{urn}/invites", OPERATOR,
                                {"sourceGroup": source, "groupIds": REGISTRATION_GROUPS}, timeout=300)
            assert status == 202, body
            invited += body["invited"]
        log(f"  {invited} invitations asked for")
    drain(app.base, timeout=1800)
    waiting = call(app.base, "GET", "/engine-rest/process-instance/count?processDefinitionKey=user-invite",
                   OPERATOR)[1]["count"]
    log(f"  {waiting} invitations sent and waiting for an answer")
    app.stop()
    return waiting


def prepare_timers(workdir, count):
    """Exactly `count` bare-timer instances waiting at their timer (due far ahead), started by 8 clients at once."""
    app = plain(workdir).start()
    body = {"variables": {"due": {"value": "2099-01-01T00:00:00", "type": "String"}}}

    def start(_):
        status, answer = call(app.base, "POST", "/engine-rest/process-definition/key/bare-timer/start", OPERATOR, body)
        assert status == 200, answer

    with ThreadPoolExecutor(CONNECTIONS) as clients:
        list(clients.map(start, range(count)))
    waiting = call(app.base, "GET", "/engine-rest/process-instance/count?processDefinitionKey=bare-timer",
                   OPERATOR)[1]["count"]
    app.stop()
    return waiting


def timer_round(app, database, activity, process, lead_seconds=45):
    """Moves every timer of `activity` to one instant `lead_seconds` ahead, starts the application, and measures from
    that instant until no instance of `process` is left."""
    due = datetime.now(timezone.utc) + timedelta(seconds=lead_seconds)
    stamp = due.strftime("%Y-%m-%d %H:%M:%S")
    sql = (f"UPDATE ACT_RU_JOB SET DUEDATE_ = TIMESTAMP '{stamp}' WHERE JOB_DEF_ID_ IN "
           f"(SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = '{activity}');")
    if process == "user-invite":
        sql += f" UPDATE INVITE SET EXPIRES_AT = TIMESTAMP WITH TIME ZONE '{stamp}+00' WHERE STATUS = 'SENT';"
    h2(database, sql)
    app.start()
    wait = (due - datetime.now(timezone.utc)).total_seconds()
    assert wait > 0, f"{app.name} took longer than {lead_seconds} s to start"
    time.sleep(wait)
    begin = time.monotonic()
    while call(app.base, "GET", f"/engine-rest/process-instance/count?processDefinitionKey={process}",
               OPERATOR)[1]["count"] > 0:
        time.sleep(0.5)
    seconds = time.monotonic() - begin
    log(f"  {app.name}: every {process} instance ended {seconds:.1f} s after the instant its timers were due")
    app.stop()
    return seconds


def timers(rounds, smtp_port, target):
    ours_base, plain_base = os.path.join(WORK, "invites-base"), os.path.join(WORK, "timers-base")
    for directory in (ours_base, plain_base):
        shutil.rmtree(directory, ignore_errors=True)
    log(f"Preparing {target} sent invitations")
    invitations = prepare_invites(ours_base, smtp_port, target)
    log(f"Preparing {invitations} bare timers")
    bare = prepare_timers(plain_base, invitations)
    results = {"invitations": invitations, "bare_timers": bare, "ours": [], "plain": []}
    for number in range(1, rounds + 1):
        for kind, base, activity, process in (("ours", ours_base, "BoundaryEvent_InvitationExpired", "user-invite"),
                                              ("plain", plain_base, "TimerEvent_Due", "bare-timer")):
            directory = os.path.join(WORK, f"{kind}-timers-{number}")
            shutil.rmtree(directory, ignore_errors=True)
            shutil.copytree(base, directory)
            app = ours(directory, smtp_port) if kind == "ours" else plain(directory)
            database = os.path.join(directory, "data", "school-data-approvals" if kind == "ours" else "plain-camunda")
            log(f"Round {number}: {app.name}, timers")
            results[kind].append({"seconds": timer_round(app, database, activity, process),
                                  "startup": app.startup_seconds})
    return results


def median(rounds, *keys):
    values = []
    for result in rounds:
        value = result
        for key in keys:
            value = value[key]
        values.append(value)
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--only", choices=["http", "timers"])
    parser.add_argument("--invites", type=int, default=10000)
    options = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    smtp_port, hook_port = start_sinks()
    results = {"machine": machine(), "started": datetime.now(timezone.utc).isoformat(), "rounds": options.rounds,
               "seconds": options.seconds}

    if options.only in (None, "http"):
        base_dir = os.path.join(WORK, "ours-base")
        shutil.rmtree(base_dir, ignore_errors=True)
        log("Preparing this application's schools and apps")
        prepare_ours(base_dir, smtp_port, hook_port)
        ours_rounds, plain_rounds = [], []
        for number in range(1, options.rounds + 1):
            log(f"Round {number}: this application")
            ours_rounds.append(http_round_ours(base_dir, os.path.join(WORK, f"ours-{number}"), options.seconds,
                                               smtp_port))
            log(f"Round {number}: plain Camunda")
            plain_rounds.append(http_round_plain(os.path.join(WORK, f"plain-{number}"), options.seconds))
        results["http"] = {"ours": ours_rounds, "plain": plain_rounds}

    if options.only in (None, "timers"):
        results["timers"] = timers(options.rounds, smtp_port, options.invites)

    with open(os.path.join(WORK, "results.json"), "w") as out:
        json.dump(results, out, indent=2)
    report(results)


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
    return {"nproc": os.cpu_count(), "cpu": cpu.group(1) if cpu else "?",
            "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]}


def report(results):
    if "timers" in results:
        timer_results = results["timers"]
        ours_seconds, plain_seconds = median(timer_results["ours"], "seconds"), median(timer_results["plain"], "seconds")
        print(f"\n{timer_results['invitations']} invitation expiries: {ours_seconds:.1f} s; "
              f"{timer_results['bare_timers']} bare timers: {plain_seconds:.1f} s; ratio "
              f"{ours_seconds / plain_seconds:.2f} (target ≤ 0.7)")
    if "http" in results:
        ours_rounds, plain_rounds = results["http"]["ours"], results["http"]["plain"]
        submissions, starts = median(ours_rounds, "submissions", "rps"), median(plain_rounds, "starts", "rps")
        reviews, completions = median(ours_rounds, "completions", "rps"), median(plain_rounds, "completions", "rps")
        flow, live = median(ours_rounds, "dataflow", "rps"), median(ours_rounds, "liveness", "rps")
        rows = [
            ("Submissions/s vs one-task starts/s (HTTP Basic)", submissions, starts, submissions / starts, 0.8),
            ("Review completions/s vs task completions/s", reviews, completions, reviews / completions, 0.8),
            ("Data-flow check/s vs liveness/s (same server)", flow, live, flow / live, 0.8),
        ]
        print("\n| measure (median of rounds) | this application | anchor | ratio | target | met |")
        print("|---|---|---|---|---|---|")
        for name, value, anchor, ratio, target in rows:
            print(f"| {name} | {value:.1f} | {anchor:.1f} | {ratio:.2f} | ≥ {target} | {'yes' if ratio >= target else 'no'} |")
        print(f"| Data-flow p50 / p99 (ms) | {median(ours_rounds, 'dataflow', 'p50')} / "
              f"{median(ours_rounds, 'dataflow', 'p99')} | {median(ours_rounds, 'liveness', 'p50')} / "
              f"{median(ours_rounds, 'liveness', 'p99')} | | | |")
        start_ours, start_plain = median(ours_rounds, "startup"), median(plain_rounds, "startup")
        print(f"| Start-up to ready (s) | {start_ours:.1f} | {start_plain:.1f} | {start_ours / start_plain:.2f} | ≤ 1.0 | "
              f"{'yes' if start_ours <= start_plain else 'no'} |")
        print(f"| Heap in use after the load, after a full GC (MiB) | {median(ours_rounds, 'heap')} | "
              f"{median(plain_rounds, 'heap')} | | | |")


if __name__ == "__main__":
    sys.exit(main())
