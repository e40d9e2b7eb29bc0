#!/usr/bin/env python3
"""Cold-start harness: a Lambda Runtime API stand-in and a driver that launches the packaged function the way the
AWS java21 managed runtime does (the Runtime Interface Client's AWSLambda main class, function code loaded from the
task root = the unzipped function.zip) and times launch -> first GET /next (init) and launch -> response POST (first
answer). Started by infra/coldstart/run.sh, which builds, fetches the RIC and starts moto + the Vtiger double.

Only the standard library is needed, plus boto3 (installed with moto) to create the DynamoDB table once.
"""
import argparse
import hashlib
import hmac
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"
RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
HMAC_SECRET = "coldstart-hmac-secret"
PREFIX = "/2018-06-01/runtime"


# ---- the Lambda Runtime API stand-in ------------------------------------------------------------------------------

class Invocation:
    """One cold start: one event handed out on the first GET /next; later GETs block like a frozen sandbox."""

    def __init__(self, event_bytes, function_arn):
        self.event = event_bytes
        self.request_id = str(uuid.uuid4())
        self.arn = function_arn
        self.t_next = None
        self.t_done = None
        self.outcome = None      # 'response' | 'error' | 'init/error'
        self.body = b""
        self.next_calls = 0
        self.done = threading.Event()
        self.stop = threading.Event()
        self.lock = threading.Lock()


def make_handler(inv):
    class RuntimeApi(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet
            pass

        def _reply(self, status, body=b"", headers=None):
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _read_body(self):
            n = int(self.headers.get("Content-Length") or 0)
            if n:
                return self.rfile.read(n)
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                out = b""
                while True:
                    size = int(self.rfile.readline().strip() or b"0", 16)
                    if size == 0:
                        self.rfile.readline()
                        return out
                    out += self.rfile.read(size)
                    self.rfile.readline()
            return b""

        def do_GET(self):
            if self.path == PREFIX + "/invocation/next":
                with inv.lock:
                    inv.next_calls += 1
                    first = inv.next_calls == 1
                    if first:
                        inv.t_next = time.monotonic()
                if first:
                    deadline = int(time.time() * 1000) + 30_000
                    self._reply(200, inv.event, {
                        "Lambda-Runtime-Aws-Request-Id": inv.request_id,
                        "Lambda-Runtime-Deadline-Ms": str(deadline),
                        "Lambda-Runtime-Invoked-Function-Arn": inv.arn,
                        "Lambda-Runtime-Trace-Id": "Root=1-00000000-000000000000000000000000;Sampled=0",
                    })
                else:
                    inv.stop.wait(120)   # the sandbox is frozen between invocations; the harness kills it
                    self.close_connection = True
                return
            self._reply(404, b'{"errorMessage":"not found"}')

        def do_POST(self):
            body = self._read_body()
            m = re.fullmatch(PREFIX + r"/invocation/([^/]+)/(response|error)", self.path)
            if m or self.path == PREFIX + "/init/error":
                now = time.monotonic()
                self._reply(202, b'{"status":"OK"}')
                with inv.lock:
                    if inv.t_done is None:
                        inv.t_done = now
                        inv.outcome = m.group(2) if m else "init/error"
                        inv.body = body
                inv.done.set()
                return
            self._reply(404, b'{"errorMessage":"not found"}')

    return RuntimeApi


# ---- events --------------------------------------------------------------------------------------------------------

def http_api_event(path, body, headers):
    all_headers = {"content-type": "application/json", "user-agent": "coldstart-harness"}
    all_headers.update({k.lower(): v for k, v in headers.items()})
    return json.dumps({
        "version": "2.0", "routeKey": "POST " + path, "rawPath": path, "rawQueryString": "",
        "headers": all_headers,
        "requestContext": {"accountId": "123456789012", "apiId": "coldstart", "domainName": "coldstart.local",
                           "requestId": str(uuid.uuid4()), "routeKey": "POST " + path, "stage": "$default",
                           "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime()),
                           "timeEpoch": int(time.time() * 1000),
                           "http": {"method": "POST", "path": path, "protocol": "HTTP/1.1",
                                    "sourceIp": "203.0.113.9", "userAgent": "coldstart-harness"}},
        "body": body, "isBase64Encoded": False,
    }).encode()


def customer_body(run_tag):
    cid = random.randint(10_000_000, 99_999_999)
    return json.dumps({
        "id": cid, "email": f"cold.start.{run_tag}.{cid}@example.com", "firstname": "Cold",
        "lastname": f"Start{cid}", "group_id": 1, "store_id": 1, "website_id": 1,
        "addresses": [{"id": cid, "customer_id": cid, "default_billing": True, "default_shipping": True,
                       "firstname": "Cold", "lastname": f"Start{cid}", "company": f"Coldstart GmbH {cid}",
                       "street": ["Teststrasse 1"], "city": "Berlin", "postcode": "10115", "country_id": "DE",
                       "telephone": "+49 30 1234567"}],
    }, separators=(",", ":"))


def sign(body):
    t = str(int(time.time()))
    mac = hmac.new(HMAC_SECRET.encode(), (t + "." + body).encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


SCENARIOS = {
    # A webhook refused before anything else: pure start-up + first request, no Vtiger, no DynamoDB.
    "unauth": dict(label="401 (refused webhook)", expect=401,
                   event=lambda tag: http_api_event("/webhooks/customers/created", customer_body(tag),
                                                    {"x-mvsync-signature": "t=1,v1=" + "0" * 64})),
    # A first sync: DynamoDB claim/lock/commit (moto) + Vtiger login, describe, queries, 3 creates (the double).
    "sync": dict(label="200 (full first sync)", expect=200,
                 event=lambda tag: (lambda b: http_api_event("/webhooks/customers/created", b,
                                                             {"x-mvsync-signature": sign(b)}))(customer_body(tag))),
}


# ---- driver --------------------------------------------------------------------------------------------------------

def lambda_env(a, port):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "en_US.UTF-8", "TZ": ":UTC",
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}",
        "_HANDLER": HANDLER,
        "LAMBDA_TASK_ROOT": a.task, "LAMBDA_RUNTIME_DIR": a.runtime_dir,
        "AWS_EXECUTION_ENV": "AWS_Lambda_java21",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_FUNCTION_NAME": "mvsync-coldstart-customersCreated",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(a.memory),
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/mvsync-coldstart-customersCreated",
        "AWS_LAMBDA_LOG_STREAM_NAME": "coldstart/[$LATEST]local",
        "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "coldstart", "AWS_SECRET_ACCESS_KEY": "coldstart", "AWS_SESSION_TOKEN": "coldstart",
        # the function's own configuration, as template.yaml sets it
        "QUARKUS_FUNQY_EXPORT": "webhook",  # every webhook function; the route is the event's
        "MVSYNC_STORE_TABLE": a.table,
        "MVSYNC_VTIGER_URL": a.vtiger_url, "MVSYNC_VTIGER_USERNAME": "admin",
        "MVSYNC_VTIGER_ACCESS_KEY": "FakeVtigerAdmKey",
        "MVSYNC_WEBHOOK_HMAC_SECRETS": HMAC_SECRET,
        "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE": a.dynamo_url,
        # the connection settings' SSM parameters: moto serves SSM too (none stored: the environment's are used)
        "MVSYNC_CONNECTION_SSM_ENDPOINT_OVERRIDE": a.dynamo_url,
    }
    if a.java_tool_options:
        env["JAVA_TOOL_OPTIONS"] = a.java_tool_options
    for kv in a.env:
        k, _, v = kv.partition("=")
        env[k] = v
    return env


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def cpu_ms(pid):
    """User + system CPU time of the process so far (all threads): far less sensitive to other load than wall time."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def loaded_classes(java, pid):
    """Classes the JVM has loaded (jstat -class), read while the function waits on GET /next: not timed."""
    jstat = os.path.join(os.path.dirname(os.path.realpath(shutil.which(java) or java)), "jstat")
    if not os.path.exists(jstat):
        return None
    try:
        out = subprocess.run([jstat, "-class", str(pid)], capture_output=True, text=True, timeout=20).stdout
        return int(out.splitlines()[1].split()[0])
    except (subprocess.SubprocessError, IndexError, ValueError):
        return None


def one_run(a, scenario, jvm_flags, log_path, tag, task=None, extra_env=None):
    task = task or a.task
    sc = SCENARIOS[scenario]
    inv = Invocation(sc["event"](tag), "arn:aws:lambda:us-east-1:123456789012:function:mvsync-coldstart")
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(inv))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cmd = list(a.prefix) + [a.java] + jvm_flags + ["-classpath", a.runtime_cp, RIC_MAIN, HANDLER]
    env = lambda_env(a, server.server_address[1])
    env["LAMBDA_TASK_ROOT"] = task
    env.update(extra_env or {})
    with open(log_path, "wb") as log:
        log.write(("# " + " ".join(cmd) + "\n").encode())
        log.flush()
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=task, env=env, stdout=log, stderr=subprocess.STDOUT)
        while not inv.done.wait(0.05):
            if proc.poll() is not None or time.monotonic() - t0 > a.timeout:
                break
        rss = peak_rss_mb(proc.pid)
        cpu = cpu_ms(proc.pid)
        classes = loaded_classes(a.java, proc.pid) if inv.done.is_set() else None
        proc.send_signal(signal.SIGTERM)   # SIGTERM (not KILL): lets -XX:ArchiveClassesAtExit write its archive
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    inv.stop.set()
    server.shutdown()
    server.server_close()
    result = dict(ok=False, init_ms=None, total_ms=None, rss_mb=rss, cpu_ms=cpu, classes=classes, status=None,
                  outcome=inv.outcome)
    if inv.t_next is not None:
        result["init_ms"] = (inv.t_next - t0) * 1000
    if inv.t_done is not None:
        result["total_ms"] = (inv.t_done - t0) * 1000
    if inv.outcome == "response":
        try:
            result["status"] = json.loads(inv.body).get("statusCode")
        except ValueError:
            result["status"] = "unparsable"
    result["ok"] = result["status"] == sc["expect"]
    if not result["ok"]:
        result["detail"] = inv.body[:400].decode("utf-8", "replace")
    return result


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, unit=""):
    return "-" if v is None else f"{v:.0f}{unit}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--java", default="java")
    p.add_argument("--task", required=True, help="the unzipped function.zip (Lambda's /var/task)")
    p.add_argument("--runtime-dir", required=True)
    p.add_argument("--runtime-cp", required=True, help="RIC + aws-lambda-java-core + -serialization jars")
    p.add_argument("--jni", required=True, help="the RIC's native library, extracted (as /var/runtime/lib/jni)")
    p.add_argument("--memory", type=int, default=1024)
    p.add_argument("--java-tool-options", default="")
    p.add_argument("--vtiger-url", required=True)
    p.add_argument("--dynamo-url", required=True)
    p.add_argument("--table", default="mvsync-coldstart")
    p.add_argument("--scenarios", default="unauth,sync")
    p.add_argument("--cds", default="", help="path of a dynamic AppCDS archive: trained once, then a 2nd variant")
    p.add_argument("--extra-flags", default="")
    p.add_argument("--baseline-task", default="", help="another unzipped function.zip, measured interleaved")
    p.add_argument("--baseline-zip", default="")
    p.add_argument("--priming", action="store_true", help="add a variant with SnapStart priming run during init")
    p.add_argument("--env", action="append", default=[], help="extra NAME=value for the function")
    p.add_argument("--prefix", default="", help="command prefix, e.g. 'taskset -c 0'")
    p.add_argument("--logs", required=True)
    p.add_argument("--zip", required=True)
    p.add_argument("--timeout", type=float, default=90)
    p.add_argument("--results", default="")
    a = p.parse_args()
    a.prefix = a.prefix.split()
    if a.baseline_task:
        blib = os.path.join(a.baseline_task, "lib")
        size = f"{os.path.getsize(a.baseline_zip) / 1e6:.1f} MB, " if a.baseline_zip else ""
        a.baseline_zip_mb = f"{size}{len([f for f in os.listdir(blib) if f.endswith('.jar')])} jars in lib/"

    import boto3  # installed with moto
    ddb = boto3.client("dynamodb", endpoint_url=a.dynamo_url, region_name="us-east-1",
                       aws_access_key_id="coldstart", aws_secret_access_key="coldstart")
    try:
        ddb.create_table(TableName=a.table, BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                               {"AttributeName": "sk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                    {"AttributeName": "sk", "KeyType": "RANGE"}])
    except ddb.exceptions.ResourceInUseException:
        pass

    # The flags the java21 managed runtime starts its JVM with (heap = 85% of the function's memory).
    lambda_flags = [f"-XX:MaxHeapSize={int(a.memory * 1024 * 0.85)}k", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                    "-XX:+ErrorFileToStderr",
                    f"-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI={a.jni}"]
    lambda_flags += a.extra_flags.split()
    variants = [("lambda java21 flags", lambda_flags, a.task, {})]
    if a.baseline_task:
        variants.insert(0, ("baseline zip, same flags", lambda_flags, a.baseline_task, {}))
    os.makedirs(a.logs, exist_ok=True)
    scenarios = [s for s in a.scenarios.split(",") if s]

    if a.cds:
        if os.path.exists(a.cds):
            os.remove(a.cds)
        # One training run (the full sync when measured: its classes include the refused path's) writes the archive.
        train = "sync" if "sync" in scenarios else scenarios[0]
        r = one_run(a, train, lambda_flags + [f"-XX:ArchiveClassesAtExit={a.cds}"],
                    os.path.join(a.logs, f"cds-train-{train}.log"), "train")
        size = os.path.getsize(a.cds) / 1e6 if os.path.exists(a.cds) else 0
        print(f"AppCDS training run ({train}): {'ok' if r['ok'] else 'FAILED'}; archive {a.cds} {size:.1f} MB",
              flush=True)
        if os.path.exists(a.cds):
            variants.append(("+ AppCDS (dynamic)", lambda_flags + [f"-XX:SharedArchiveFile={a.cds}",
                                                                  "-Xlog:cds=off", "-Xlog:cds+dynamic=off"], a.task, {}))
    if a.priming:
        # SnapStart model: priming runs during init (as it would before the snapshot); the first-invoke column is
        # then what is left for the first request after a restore.
        variants.append(("+ priming at init", lambda_flags, a.task, {"MVSYNC_PRIMING_AT_STARTUP": "true"}))

    # Round-robin (run i of every variant and scenario, then run i+1): load from other processes on the machine
    # then spreads over all variants instead of skewing one of them.
    results = {(v[0], s): [] for v in variants for s in scenarios}
    failures = 0
    load_before = os.getloadavg()
    for i in range(a.runs):
        for vname, flags, task, venv in variants:
            for s in scenarios:
                slug = re.sub(r"[^a-z0-9]+", "-", vname.lower()).strip("-")
                log = os.path.join(a.logs, f"{slug}-{s}-{i + 1}.log")
                r = one_run(a, s, flags, log, f"{s}{i}", task, venv)
                status = "ok" if r["ok"] else f"FAILED ({r['outcome']}, status {r['status']}; see {log})"
                print(f"  run {i + 1}/{a.runs} {vname:26s} {s:7s}: init {fmt(r['init_ms'], ' ms')}, "
                      f"first answer {fmt(r['total_ms'], ' ms')}, CPU {fmt(r['cpu_ms'], ' ms')}, "
                      f"classes {fmt(r['classes'])}, peak RSS {fmt(r['rss_mb'], ' MB')}  {status}",
                      flush=True)
                if not r["ok"]:
                    failures += 1
                    if r.get("detail"):
                        print("    " + r["detail"], flush=True)
                results[(vname, s)].append(r)
    load_after = os.getloadavg()
    rows = []
    for vname, _, _, _ in variants:
        for s in scenarios:
            runs = results[(vname, s)]
            good = [r for r in runs if r["ok"]]
            tot = [r["total_ms"] for r in good]
            rows.append(dict(variant=vname, scenario=SCENARIOS[s]["label"], n=len(good), of=len(runs),
                             init=statistics.median([r["init_ms"] for r in good]) if good else None,
                             p50=statistics.median(tot) if tot else None, min=min(tot) if tot else None,
                             max=max(tot) if tot else None,
                             rss=med([r["rss_mb"] for r in good]), cpu=med([r["cpu_ms"] for r in good]),
                             classes=med([r["classes"] for r in good])))

    java_version = subprocess.run([a.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    lib = os.path.join(a.task, "lib")
    jars = len([f for f in os.listdir(lib) if f.endswith(".jar")]) if os.path.isdir(lib) else 0
    lines = [
        "",
        f"function.zip: {os.path.getsize(a.zip) / 1e6:.1f} MB ({jars} jars in lib/)"
        + (f"; baseline zip: {a.baseline_zip_mb}" if a.baseline_task else "") + f"; JVM: {java_version}; "
        f"load avg {load_before[0]:.1f} -> {load_after[0]:.1f}; cores: {os.cpu_count()}{' (' + ' '.join(a.prefix) + ')' if a.prefix else ''}; memory setting {a.memory} MB",
        f"JVM flags (as the java21 runtime): {' '.join(f for f in lambda_flags if 'NativeClient.JNI' not in f)}",
        f"JAVA_TOOL_OPTIONS (template.yaml): {a.java_tool_options or '-'}",
        "init = launch -> first GET /next (what Lambda reports as Init Duration, and what SnapStart snapshots); "
        "first answer = launch -> response POST",
        "",
        "CPU = user+sys time of the JVM at the answer (less sensitive to other load on the machine than wall time); "
        "classes = classes loaded at the answer",
        "",
        "| variant | scenario | runs | init p50 | first answer p50 | min | max | first invoke p50 | CPU p50 | classes "
        "| peak RSS p50 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        inv = None if r["p50"] is None or r["init"] is None else r["p50"] - r["init"]
        lines.append(f"| {r['variant']} | {r['scenario']} | {r['n']}/{r['of']} | {fmt(r['init'], ' ms')} | "
                     f"**{fmt(r['p50'], ' ms')}** | {fmt(r['min'], ' ms')} | {fmt(r['max'], ' ms')} | "
                     f"{fmt(inv, ' ms')} | {fmt(r['cpu'], ' ms')} | {fmt(r['classes'])} | {fmt(r['rss'], ' MB')} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.results:
        with open(a.results, "w") as f:
            f.write(text)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
