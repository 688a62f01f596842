#!/usr/bin/env python3
"""The number work of deploy/local/bench.sh and chaos.sh (sourced through lib/bench-common.sh).

  sample      once a second: the emulator's counters, the jobs' states, optionally the workers' stage
              counters (/q/metrics); writes CSVs until every job is final
  small-jobs  one-location jobs a few seconds apart, each timed from its submit to its final status
  quota       figures of a quota run from the sampler's CSV (peak 60 s, utilization, 429s) + plot data
  stages      per-stage records/s from the sampler's metrics CSV
  verify      the set of review ids per job on reviews-raw (kcat lines, one JSON value each, on stdin) against
              the emulator's truth; the job is the value's job_id (reviews-raw is keyed by location id)
  changes     reviews written and edited at the emulator at a steady rate across many locations, as customers do;
              writes one CSV row per change: review id, its new update_time, when it was made (epoch ms)
  arrivals    each change's record on reviews-raw (kcat lines "<timestamp ms> <JSON value>" on stdin): change to
              record latency (p50, p99, max), records per change, changes not arrived
  hot         where a JVM's CPU went: the execution samples of a JFR recording (jfr print --json on stdin), each
              charged to the library of its deepest frame outside the JDK, and to its thread's pool
Only the standard library: a fresh machine has python3 and nothing else.
"""
import argparse
import bisect
import csv
import json
import sys
import time
import urllib.request

FINAL = ("completed", "completed_with_errors", "failed")


def get(url, timeout=2.0):
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.read().decode()


def get_json(url, timeout=2.0):
    return json.loads(get(url, timeout))


def stage_counters(text):
    """stage_records_{consumed,produced}_total summed by topic/type label."""
    out = {}
    for line in text.splitlines():
        if not line.startswith("stage_records_"):
            continue
        # OpenMetrics may append an exemplar (" # {span_id=…} 1.0 <epoch>"): the sample is what comes before it.
        name, _, value = line.split(" # ", 1)[0].rpartition(" ")
        metric = name.split("{", 1)[0]
        if not metric.endswith("_total"):  # OpenMetrics also exposes *_created: a start time, not a count
            continue
        label = ""
        for key in ("topic", "type"):
            marker = key + '="'
            if marker in name:
                label = name.split(marker, 1)[1].split('"', 1)[0]
        key = metric.replace("stage_records_", "").replace("_total", "") + ":" + label
        out[key] = out.get(key, 0.0) + float(value)
    return out


def read_jobs(path):
    try:
        with open(path) as f:
            return [line.split()[0] for line in f if line.strip()]
    except FileNotFoundError:
        return []


# ---------------------------------------------------------------------------------------------------------
def cmd_sample(a):
    metrics = [m.split("=", 1) for m in a.metrics]
    states, counts = {}, {}
    started = time.time()
    done_since = None
    with open(a.out, "w", newline="") as f, \
            (open(a.metrics_out, "w", newline="") if a.metrics_out else open("/dev/null", "w")) as mf:
        w = csv.writer(f)
        mw = csv.writer(mf)
        w.writerow(["t", "epoch", "calls", "too_many", "quota_rejections", "injected_429", "peak60_emulator",
                    "jobs", "jobs_final", "reviews_delivered", "retries", "dead_lettered"])
        mw.writerow(["t", "instance", "counter", "value"])
        tick = time.monotonic()
        while True:
            now = time.time()
            try:
                s = get_json(a.emulator + "/emulator/stats")
                stats = [s["googleApiCalls"], s["tooManyRequests"], s["quotaRejections"], s.get("injected429s", 0),
                         s["peakCallsIn60s"]]
            except Exception:
                stats = None
            jobs = read_jobs(a.jobs_file) if a.jobs_file else []
            for job in jobs:
                if states.get(job) in FINAL:
                    continue
                try:
                    st = get_json(a.ingress + "/api/v1/review-fetch/" + job)
                    states[job] = st["status"]
                    counts[job] = st
                except Exception:
                    pass  # ingress restarting (chaos): keep the last known state
            final = sum(1 for j in jobs if states.get(j) in FINAL)
            delivered = sum(counts[j]["counts"]["reviews_delivered"] for j in jobs if j in counts)
            retries = sum(counts[j]["counts"]["retries"] for j in jobs if j in counts)
            dead = sum(counts[j]["counts"]["dead_lettered"] for j in jobs if j in counts)
            if stats is not None:
                w.writerow([round(now - started, 3), round(now, 3), *stats, len(jobs), final, delivered, retries, dead])
                f.flush()
            for name, url in metrics:
                try:
                    for key, value in sorted(stage_counters(get(url + "/q/metrics")).items()):
                        mw.writerow([round(now - started, 3), name, key, value])
                except Exception:
                    pass
            mf.flush()
            if jobs and len(jobs) >= a.expect_jobs and final == len(jobs):
                done_since = done_since or now
                if now - done_since >= a.linger:
                    break
            if now - started > a.max_seconds:
                print(f"sampler: gave up after {a.max_seconds} s ({final} of {len(jobs)} jobs final)", file=sys.stderr)
                break
            tick += a.interval
            time.sleep(max(0.0, tick - time.monotonic()))
    if a.final_json:
        with open(a.final_json, "w") as out:
            json.dump({j: counts.get(j) for j in read_jobs(a.jobs_file)}, out, indent=1)


# ---------------------------------------------------------------------------------------------------------
def cmd_small_jobs(a):
    """Submits one-location jobs a.gap seconds apart, each with a token of its own (another customer), appends each
    job id to the jobs file (for the sampler), polls each until it is final and prints `<job> <location> <seconds>
    <status>` per job: seconds from the submit's answer to the first poll that saw the job final."""
    locations = [line.strip() for line in open(a.locations) if line.strip()]
    pending, results = {}, []
    start = time.monotonic()
    for i, location in enumerate(locations):
        while time.monotonic() < start + i * a.gap:
            poll_small_jobs(a, pending, results)
            time.sleep(0.2)
        token = json.loads(post(a.emulator + "/emulator/tokens", {}))["access_token"]
        answer = json.loads(post(a.ingress + "/api/v1/review-fetch", {"location_ids": [location]},
                                 {"Authorization": "Bearer " + token}))
        pending[answer["job_id"]] = (location, time.monotonic())
        with open(a.jobs_file, "a") as f:
            f.write(answer["job_id"] + "\n")
    deadline = time.monotonic() + a.max_seconds
    while pending and time.monotonic() < deadline:
        poll_small_jobs(a, pending, results)
        time.sleep(0.2)
    for job, (location, _) in pending.items():
        results.append((job, location, float("nan"), "not final"))
    for job, location, seconds, status in results:
        print(f"{job} {location} {seconds:.1f} {status}")


def poll_small_jobs(a, pending, results):
    for job in list(pending):
        try:
            status = get_json(a.ingress + "/api/v1/review-fetch/" + job)["status"]
        except Exception:
            continue
        if status in FINAL:
            location, submitted = pending.pop(job)
            results.append((job, location, time.monotonic() - submitted, status))


def post(url, body, headers=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.read().decode()


# ---------------------------------------------------------------------------------------------------------
def load_series(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return rows


def interp(xs, ys, x):
    """Cumulative counter at time x (linear between samples)."""
    i = bisect.bisect_left(xs, x)
    if i <= 0:
        return ys[0]
    if i >= len(xs):
        return ys[-1]
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1


def cmd_quota(a):
    rows = load_series(a.csv)
    ts = [float(r["t"]) for r in rows]
    calls = [float(r["calls"]) for r in rows]
    qpm = a.qpm
    # per-second rates and the most calls in any 60 s window of the series
    peak60, peak_at = 0, 0.0
    for i, t in enumerate(ts):
        j = bisect.bisect_right(ts, t + 60.0) - 1
        if calls[j] - calls[i] > peak60:
            peak60, peak_at = calls[j] - calls[i], t
    first = next((i for i in range(1, len(rows)) if calls[i] > calls[0]), None)
    done = next((i for i, r in enumerate(rows) if int(r["jobs"]) > 0 and r["jobs_final"] == r["jobs"]), len(rows) - 1)
    t0 = ts[first - 1] if first else ts[0]
    t_end = ts[done]
    def full_windows(start):
        return [interp(ts, calls, start + 60 * (m + 1)) - interp(ts, calls, start + 60 * m)
                for m in range(int((t_end - start) // 60))]

    # All full windows from the first call, and the steady state: the full windows after the ramp (the
    # first a.ramp seconds, while a job fans out from its accounts to its locations' review pages).
    windows = full_windows(t0)
    full = len(windows)
    util_all = sum(windows) / (qpm * full) if full else float("nan")
    steady_windows = full_windows(t0 + a.ramp)
    steady = sum(steady_windows)
    util = steady / (qpm * len(steady_windows)) if steady_windows else float("nan")
    last = rows[-1]
    with open(a.plot_data, "w") as out:
        out.write("# t calls_per_s calls_in_last_60s quota_per_s\n")
        for i in range(1, len(rows)):
            dt = ts[i] - ts[i - 1]
            rate = (calls[i] - calls[i - 1]) / dt if dt > 0 else 0
            k = bisect.bisect_left(ts, ts[i] - 60.0)
            out.write(f"{ts[i] - t0:.2f} {rate:.3f} {calls[i] - calls[k]:.0f} {qpm / 60:.3f}\n")
    figures = {
        "google_calls": int(calls[-1] - calls[0]),
        "backlog_seconds": round(t_end - t0, 1),
        "full_windows": full,
        "per_window": " ".join(str(round(x)) for x in windows),
        "mean_utilization_all_pct": round(100 * util_all, 2),
        "steady_windows": len(steady_windows),
        "steady_per_window": " ".join(str(round(x)) for x in steady_windows),
        "calls_in_steady_windows": round(steady),
        "mean_utilization_pct": round(100 * util, 2),
        "steady_utilization_each_pct": " ".join(f"{100 * x / qpm:.1f}" for x in steady_windows),
        "steady_min_utilization_pct": round(100 * min(steady_windows) / qpm, 2) if steady_windows else float("nan"),
        "peak60_series": int(peak60),
        "peak60_series_at_s": round(peak_at - t0, 1),
        "peak60_emulator": int(float(last["peak60_emulator"])),
        "too_many_requests": int(float(last["too_many"])),
        "quota_rejections": int(float(last["quota_rejections"])),
        "jobs_final": f'{last["jobs_final"]}/{last["jobs"]}',
        "reviews_delivered": last["reviews_delivered"],
    }
    for k, v in figures.items():
        print(f"{k}={v}")


def cmd_stages(a):
    rows = load_series(a.csv)
    series = {}  # counter -> {t -> sum over instances}
    per_instance = {}
    for r in rows:
        t = float(r["t"])
        per_instance[(r["instance"], r["counter"], t)] = float(r["value"])
    times = sorted({float(r["t"]) for r in rows})
    instances = sorted({r["instance"] for r in rows})
    counters = sorted({r["counter"] for r in rows})
    last_value = {}
    for t in times:
        for c in counters:
            total = 0.0
            for inst in instances:
                v = per_instance.get((inst, c, t))
                if v is not None:
                    last_value[(inst, c)] = v
                total += last_value.get((inst, c), 0.0)
            series.setdefault(c, []).append(total)
    print("| stage counter | records | active s | records/s (active) | peak records/s |")
    print("|---|---:|---:|---:|---:|")
    for c in counters:
        ys = series[c]
        base = ys[0]
        moved = [i for i in range(1, len(ys)) if ys[i] > ys[i - 1]]
        if not moved:
            continue
        start, end = times[moved[0] - 1], times[moved[-1]]
        total = ys[-1] - base
        active = end - start
        peak = max((ys[i] - ys[i - 1]) / (times[i] - times[i - 1]) for i in moved)
        print(f"| {c} | {total:.0f} | {active:.1f} | {total / active if active else 0:.0f} | {peak:.0f} |")
    if a.plot_data:
        keys = ["produced:ReviewRaw", "consumed:fetch-reviews", "consumed:fetch-locations", "consumed:fetch-accounts"]
        with open(a.plot_data, "w") as out:
            out.write("# t reviews/s review-pages/s fetch-locations/s fetch-accounts/s\n")
            for i in range(1, len(times)):
                dt = times[i] - times[i - 1]
                out.write(f"{times[i] - times[0]:.2f} " + " ".join(
                    f"{(series[c][i] - series[c][i - 1]) / dt:.1f}" if c in series else "0" for c in keys) + "\n")


# ---------------------------------------------------------------------------------------------------------
def cmd_verify(a):
    truth = json.load(open(a.truth))
    by_account = {}
    everything = set()
    for loc in truth["locations"]:
        if not loc.get("verified", True):
            continue
        ids = {r["reviewId"] for r in loc.get("reviews", [])}
        everything |= ids
        for acc in loc.get("accounts", []):
            by_account.setdefault(acc.split("/")[-1], set()).update(ids)
    jobs = {}  # job id -> expected set
    for line in open(a.jobs):
        parts = line.split()
        if not parts:
            continue
        jobs[parts[0]] = everything if len(parts) < 2 or parts[1] == "all" else set().union(
            *(by_account.get(x, set()) for x in parts[1].split(",")))
    seen = {j: {} for j in jobs}
    for line in sys.stdin:
        try:
            value = json.loads(line)
        except ValueError:
            continue  # not an event (an empty line, say)
        job = value.get("job_id") if isinstance(value, dict) else None
        if job not in seen:
            continue
        review = value["review_id"]
        seen[job][review] = seen[job].get(review, 0) + 1
    bad = 0
    print("| job | scope | expected reviews | distinct on reviews-raw | lost | records | duplicates | not in truth |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0, 0, 0]
    for line in open(a.jobs):
        parts = line.split()
        if not parts:
            continue
        job, scope = parts[0], (parts[1] if len(parts) > 1 else "all")
        expected, got = jobs[job], seen[job]
        lost = len(expected - got.keys())
        extra = len(got.keys() - expected)
        records = sum(got.values())
        dup = records - len(got)
        bad += lost + extra
        row = [len(expected), len(got), lost, records, dup, extra]
        totals = [x + y for x, y in zip(totals, row)]
        print(f"| {job} | {scope} | " + " | ".join(str(x) for x in row) + " |")
    print("| **total** | | " + " | ".join(f"**{x}**" for x in totals) + " |")
    print(f"LOST={totals[2]} DUPLICATES={totals[4]} EXTRA={totals[5]}", file=sys.stderr)
    sys.exit(1 if bad else 0)


def cmd_changes(a):
    truth = get_json(a.emulator + "/emulator/truth", timeout=30)
    locations = [l for l in truth["locations"] if l.get("verified", True) and l.get("reviews")]
    locations = locations[:a.locations]
    period = 1.0 / a.rate
    start = time.monotonic()
    with open(a.out, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["review_id", "update_time", "kind", "made_at_ms"])
        for i in range(int(a.rate * a.seconds)):
            # A steady rate: each change at its own point of the grid, however long the one before took.
            delay = start + i * period - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            location = locations[i % len(locations)]
            location_id = location["name"].split("/")[-1]
            made_at = int(time.time() * 1000)
            if i % 2 == 0:
                answer = post(f"{a.emulator}/emulator/locations/{location_id}/reviews",
                              {"comment": f"bench review {i}", "starRating": 1 + i % 5})
                review, kind = json.loads(answer)[0], "new"
            else:
                old = location["reviews"][(i // len(locations)) % len(location["reviews"])]["reviewId"]
                request = urllib.request.Request(f"{a.emulator}/emulator/locations/{location_id}/reviews/{old}",
                                                 data=json.dumps({"comment": f"bench edit {i}"}).encode(), method="PATCH",
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=10) as answered:
                    review, kind = json.loads(answered.read().decode()), "updated"
            out.writerow([review["reviewId"], review["updateTime"], kind, made_at])
    late = time.monotonic() - start - a.seconds
    print(f"{int(a.rate * a.seconds)} changes at {a.rate}/s over {len(locations)} locations ({late:.1f} s behind the grid)")


def parse_time(text):
    """RFC 3339 with up to 9 fractional digits, as Google writes it, to (epoch seconds, nanoseconds) for comparing."""
    from datetime import datetime, timezone
    text = text.rstrip("Z")
    whole, _, fraction = text.partition(".")
    seconds = int(datetime.fromisoformat(whole).replace(tzinfo=timezone.utc).timestamp())
    return seconds, int((fraction or "0").ljust(9, "0")[:9])


def cmd_arrivals(a):
    changes = {}
    with open(a.changes) as f:
        for row in csv.DictReader(f):
            changes[(row["review_id"], parse_time(row["update_time"]))] = (row["kind"], int(row["made_at_ms"]))
    arrived = {}
    wrong_change = 0
    for line in sys.stdin:
        stamp, _, value = line.strip().partition(" ")
        try:
            review = json.loads(value)
        except ValueError:
            continue
        if not isinstance(review, dict) or review.get("type") != "review_raw":
            continue
        key = (review["review_id"], parse_time(review["update_time"]))
        if key in changes:
            arrived.setdefault(key, []).append(int(stamp))
            wrong_change += review.get("change") != changes[key][0]
    latencies = sorted(min(stamps) - changes[key][1] for key, stamps in arrived.items())
    records = sum(len(stamps) for stamps in arrived.values())
    missing = len(changes) - len(arrived)

    def pct(p):
        return latencies[min(len(latencies) - 1, max(0, -(-len(latencies) * p // 100) - 1))] if latencies else -1
    result = {"changes": len(changes), "arrived": len(arrived), "missing": missing, "records": records,
              "duplicates": records - len(arrived), "wrong_change": wrong_change,
              "p50_ms": pct(50), "p99_ms": pct(99), "max_ms": latencies[-1] if latencies else -1}
    json.dump(result, sys.stdout)
    print()
    sys.exit(0 if missing == 0 else 3)


# Libraries by package prefix, most specific first; a sample is charged to the first non-JDK frame from the top.
LIBRARIES = [
    ("io.reviewfetcher.", "ours (io.reviewfetcher)"), ("org.apache.kafka.", "Kafka client"),
    ("io.smallrye.reactive.messaging.", "SmallRye Reactive Messaging"), ("io.smallrye.mutiny.", "Mutiny"),
    ("io.smallrye.context.", "context propagation"), ("io.smallrye.config.", "SmallRye Config"),
    ("io.vertx.redis.", "Vert.x Redis client"), ("io.vertx.pgclient.", "Vert.x PG client"), ("io.vertx.sqlclient.", "Vert.x PG client"),
    ("io.vertx.", "Vert.x core"), ("io.netty.", "Netty"), ("org.jboss.resteasy.", "RESTEasy Reactive"),
    ("com.fasterxml.jackson.", "Jackson"), ("io.micrometer.", "Micrometer"), ("io.opentelemetry.", "OpenTelemetry"),
    ("io.quarkus.opentelemetry.", "OpenTelemetry"), ("org.jboss.logmanager.", "logging"), ("org.jboss.logging.", "logging"),
    ("io.quarkus.", "Quarkus"), ("io.smallrye.", "SmallRye (other)"),
]
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


def library(frames):
    for frame in frames:
        name = frame["method"]["type"]["name"].replace("/", ".")
        if not name.startswith(JDK):
            return next((label for prefix, label in LIBRARIES if name.startswith(prefix)), "other: " + ".".join(name.split(".")[:2]))
    return "the JDK alone (no library frame on the stack)" if frames else "no stack"


def thread_pool(name):
    name = name or "?"
    for label in ("vert.x-eventloop", "executor-thread", "vert.x-worker", "kafka-producer-network-thread", "smallrye-kafka"):
        if name.startswith(label):
            return label
    return name.rstrip("0123456789-# ") or name


def cmd_hot(a):
    events = json.load(sys.stdin)["recording"]["events"]
    by_library, by_thread, loads = {}, {}, []
    for event in events:
        values = event["values"]
        if event["type"] == "jdk.CPULoad":
            loads.append((values["jvmUser"] + values["jvmSystem"], values["machineTotal"]))
            continue
        frames = (values.get("stackTrace") or {}).get("frames") or []
        lib = library(frames)
        by_library[lib] = by_library.get(lib, 0) + 1
        pool = thread_pool((values.get("sampledThread") or {}).get("javaName"))
        by_thread[pool] = by_thread.get(pool, 0) + 1
    total = sum(by_library.values()) or 1
    print(f"{a.label}: {total} CPU samples of Java threads (JFR jdk.ExecutionSample; JIT and GC threads are not sampled)")
    if loads:
        jvm = sum(x for x, _ in loads) / len(loads)
        machine = sum(y for _, y in loads) / len(loads)
        print(f"(jdk.CPULoad, mean of {len(loads)} samples: this JVM {100 * jvm:.0f} % of the machine's cores, "
              f"the machine {100 * machine:.0f} % busy)")
    print()
    print("| library (deepest frame outside the JDK) | share of samples |")
    print("|---|---:|")
    for lib, n in sorted(by_library.items(), key=lambda e: -e[1])[:a.top]:
        print(f"| {lib} | {100 * n / total:.1f} % |")
    print()
    print("| thread pool | share of samples |")
    print("|---|---:|")
    for pool, n in sorted(by_thread.items(), key=lambda e: -e[1])[:a.top]:
        print(f"| {pool} | {100 * n / total:.1f} % |")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--out", required=True)
    s.add_argument("--metrics-out")
    s.add_argument("--metrics", action="append", default=[], help="instance=http://host:port")
    s.add_argument("--emulator", default="http://127.0.0.1:8089")
    s.add_argument("--ingress", default="http://127.0.0.1:8080")
    s.add_argument("--jobs-file")
    s.add_argument("--expect-jobs", type=int, default=1)
    s.add_argument("--interval", type=float, default=1.0)
    s.add_argument("--linger", type=float, default=2.0)
    s.add_argument("--max-seconds", type=float, default=3600)
    s.add_argument("--final-json")
    q = sub.add_parser("quota")
    q.add_argument("csv")
    q.add_argument("--qpm", type=float, required=True)
    q.add_argument("--plot-data", required=True)
    q.add_argument("--ramp", type=float, default=60.0, help="seconds after the first call left out of the steady state")
    st = sub.add_parser("stages")
    st.add_argument("csv")
    st.add_argument("--plot-data")
    sj = sub.add_parser("small-jobs")
    sj.add_argument("--locations", required=True, help="a file of location ids, one a line: one job each")
    sj.add_argument("--gap", type=float, default=5.0, help="seconds between two submits")
    sj.add_argument("--jobs-file", required=True)
    sj.add_argument("--max-seconds", type=float, default=600)
    sj.add_argument("--emulator", default="http://127.0.0.1:8089")
    sj.add_argument("--ingress", default="http://127.0.0.1:8080")
    v = sub.add_parser("verify")
    v.add_argument("--truth", required=True)
    v.add_argument("--jobs", required=True, help="lines: <job id> [all | account ids, comma-separated]")
    c = sub.add_parser("changes")
    c.add_argument("--out", required=True)
    c.add_argument("--rate", type=float, default=5.0, help="changes per second")
    c.add_argument("--seconds", type=float, default=60.0)
    c.add_argument("--locations", type=int, default=100, help="how many locations the changes go round")
    c.add_argument("--emulator", default="http://127.0.0.1:8089")
    ar = sub.add_parser("arrivals")
    ar.add_argument("--changes", required=True, help="the CSV of the changes command")
    h = sub.add_parser("hot")
    h.add_argument("--label", default="recording")
    h.add_argument("--top", type=int, default=12)
    a = p.parse_args()
    {"hot": cmd_hot, "sample": cmd_sample, "quota": cmd_quota, "stages": cmd_stages, "small-jobs": cmd_small_jobs,
     "verify": cmd_verify, "changes": cmd_changes, "arrivals": cmd_arrivals}[a.cmd](a)


if __name__ == "__main__":
    main()
