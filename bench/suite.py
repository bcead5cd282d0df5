"""The benchmark suite: the platform as in production, driven on loopback, measured side by side.

    bench/run-all --scale district          # a few minutes on a fresh machine
    bench/run-all --scale national          # ~1,000,000 people; generation ~6 min the first time

Steps (each prints what it measures; everything lands in bench/results/suite-<scale>.json):
 0. a PostgreSQL database for the scale (created, migrated, filled by `manage.py generate_data` unless it
    already holds that scale), static files collected, Redis for the cache (the local one, or one started
    here), gunicorn with deploy/gunicorn.conf.py and production settings (DEBUG off);
 1. throughput of the public article page and home page against /bench/bytes/<n>/, a view returning the
    same number of bytes from memory through the same middleware on the same server (wrk; Python threads
    when wrk cannot be installed);
 2. median and p99 latency of the cadres' key pages and API calls, for a province user and a national
    user, one request at a time; EXPLAIN ANALYZE of every query those pages run (a sequential scan of a
    large table is flagged); a cProfile of the slowest page;
 3. the 100,000-row people import (bench/import_people.py, rolled back): seconds, rows/s, peak memory;
 4. check-ins under concurrent load through the check-in page, then a count proving every acknowledged
    check-in is stored exactly once;
 5. peak memory of the app's worker processes after all of it.
When the results of the other scale are present, the cost growth table (national ÷ district) is printed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = ROOT / "bench" / "results"
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PASSWORD = "doanket2025"  # noqa: S105 — the generated logins' documented password (generate_data --password)
TARGETS = {"article_vs_ceiling": 0.5, "growth": 1.5, "import_s": 60, "import_mb": 500}
BIG_TABLE_ROWS = 20_000  # a sequential scan of a table larger than this is flagged

import loadgen  # noqa: E402 — after sys.path


def log(msg: str) -> None:
    print(msg, flush=True)


# -- setup -------------------------------------------------------------------------------------------
def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=["district", "province", "national"], default="district")
    p.add_argument("--database-url", help="PostgreSQL database to use (default: a local doanket_bench_<scale>)")
    p.add_argument("--regenerate", action="store_true", help="empty the database and generate the data again")
    p.add_argument("--port", type=int, default=0, help="port of the app server (default: a free one)")
    p.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/15",
                   help="Redis for the cache (database flushed at start); one is started when none answers")
    p.add_argument("--duration", type=int, default=10, help="seconds per throughput run")
    p.add_argument("--connections", type=int, default=16, help="concurrent connections of the load generator")
    p.add_argument("--samples", type=int, default=100, help="requests per page for the latency figures")
    p.add_argument("--import-rows", type=int, default=100_000)
    p.add_argument("--checkin-seconds", type=int, default=20)
    p.add_argument("--checkin-clients", type=int, default=8)
    p.add_argument("--only", default="", help="comma list of steps to run: throughput,latency,import,checkin")
    p.add_argument("--python-loadgen", action="store_true", help="use the Python load generator even if wrk exists")
    p.add_argument("--version-recheck", type=float, default=None,
                   help="DOANKET_VERSION_RECHECK_SECONDS for the server (production default 1; 0 = strict)")
    return p.parse_args()


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.3):
            return True
    except OSError:
        return False


class Stack:
    """Processes started here (Redis when needed, gunicorn), stopped at exit."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen] = []

    def start(self, cmd: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
        fh = open(log_path, "w")
        proc = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)  # noqa: S603
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def database_url(args: argparse.Namespace) -> str:
    if args.database_url:
        return args.database_url
    name = f"doanket_bench_{args.scale}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            log(f"created database {name}")
    return f"postgres://postgres@127.0.0.1:5432/{name}"


# Per-database settings of deploy/postgresql.conf (the rest of that file needs a server restart).
PG_SETTINGS = {"random_page_cost": "1.1", "work_mem": "16MB", "jit": "off"}


def tune_database(db_url: str) -> dict[str, str]:
    """SSD cost model and sort memory for the benchmark database, as production sets them server-wide."""
    import psycopg

    parsed = urlparse(db_url)
    name = parsed.path.strip("/")
    with psycopg.connect(db_url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        for key, value in PG_SETTINGS.items():
            conn.execute(f'ALTER DATABASE "{name}" SET {key} = \'{value}\'')
    return dict(PG_SETTINGS)


def redis_url(args: argparse.Namespace, stack: Stack) -> str | None:
    parsed = urlparse(args.redis_url)
    if _port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        url = args.redis_url
    elif shutil.which("redis-server"):
        port = 6399
        stack.start(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], dict(os.environ),
                    RESULTS / "redis.log")
        for _i in range(50):
            if _port_open("127.0.0.1", port):
                break
            time.sleep(0.1)
        url = f"redis://127.0.0.1:{port}/0"
    else:
        log("! no Redis: the cache is per process (locmem); install redis-server for the production profile")
        return None
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


def server_env(args: argparse.Namespace, db_url: str, cache_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "DOANKET_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": db_url,
        "DATABASE_CONN_MAX_AGE": "600",  # persistent connections, as in production
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # Plain HTTP on loopback: no TLS redirect, cookies without the Secure flag.
        "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0", "DJANGO_HSTS_SECONDS": "0",
        "DOANKET_BENCH_VIEWS": "1",
        # The generated logins have no authenticator app; the second factor is not what is measured.
        "DOANKET_REQUIRE_2FA": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_MAX_REQUESTS": "0",  # no recycling during the run: step 5 reads the workers' peak memory
        "PYTHONPATH": str(ROOT),
    })
    if cache_url:
        env["REDIS_URL"] = cache_url
    if args.version_recheck is not None:
        env["DOANKET_VERSION_RECHECK_SECONDS"] = str(args.version_recheck)
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    out = subprocess.run([PY, "manage.py", *args], env=env, cwd=ROOT, check=True,  # noqa: S603
                         capture_output=capture, text=True)
    return out.stdout if capture else ""


EXPECTED_PEOPLE = {"district": 10_000, "province": 37_900, "national": 997_720}


def ensure_data(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """Migrate; generate the scale unless the database already holds it (same people count)."""
    manage(env, "migrate", "--noinput", "-v0")
    from doanket.accounts.models import User
    from doanket.people.models import Person

    marker = RESULTS / f"generate-{urlparse(env['DATABASE_URL']).path.strip('/')}.json"
    people = Person.objects.count()
    have_logins = User.objects.filter(username="quymo-tinh").exists()
    if not args.regenerate and have_logins and people and abs(people - EXPECTED_PEOPLE[args.scale]) < 0.05 * \
            EXPECTED_PEOPLE[args.scale]:
        log(f"database already holds scale {args.scale} ({people:,} people): reused")
        return json.loads(marker.read_text()) if marker.exists() else {"reused": True, "people": people}
    log(f"generating scale {args.scale} (manage.py generate_data --flush) …")
    manage(env, "generate_data", "--scale", args.scale, "--flush", "--noinput", "--json", str(marker))
    return json.loads(marker.read_text())


VACUUMED = ("people_person", "people_historicalperson", "people_assignment", "events_invitation",
            "events_historicalinvitation", "news_article")


def vacuum() -> float:
    """VACUUM (ANALYZE) the tables the import and the check-ins write to: a rolled-back import leaves
    100,000 dead rows and index entries in the people tables, which would slow the next run's pages."""
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cur:
        for table in VACUUMED:
            cur.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
    return time.perf_counter() - start


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def start_server(args: argparse.Namespace, env: dict[str, str], stack: Stack) -> subprocess.Popen:
    if _port_open("127.0.0.1", args.port):
        raise SystemExit(f"port {args.port} is taken; choose another with --port")
    env["GUNICORN_BIND"] = f"127.0.0.1:{args.port}"
    manage(env, "collectstatic", "--noinput", "-v0")
    proc = stack.start([GUNICORN, "-c", "deploy/gunicorn.conf.py", "config.wsgi", "--no-control-socket"], env,
                       RESULTS / "gunicorn.log")
    for _i in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited: see {RESULTS / 'gunicorn.log'}")
        if _port_open("127.0.0.1", args.port):
            try:
                if loadgen.Client("127.0.0.1", args.port).get("/bench/bytes/10/").status == 200:
                    return proc
            except OSError:
                pass
        time.sleep(0.1)
    raise SystemExit("gunicorn did not answer within 30 s")


# -- fixtures ------------------------------------------------------------------------------------------
def fixtures() -> dict[str, Any]:
    """What the pages are measured on: the same units and records at every scale."""
    from doanket.core.reach import subtree_q
    from doanket.core.text import fold
    from doanket.events.models import Event
    from doanket.news.models import Article, Status
    from doanket.orgunits.models import OrgUnit
    from doanket.people.models import Assignment

    province = OrgUnit.objects.get(unit_type__code="province", code="01", valid_to__isnull=True)
    commune = OrgUnit.objects.filter(unit_type__code="commune", code="00352", valid_to__isnull=True).first() or \
        OrgUnit.objects.filter(subtree_q(province.path), unit_type__code="commune", numchild__gt=0).order_by("code")[0]
    training = Event.objects.filter(organiser=province, event_type__code="tap-huan").order_by("starts_at").first()
    article = (Article.objects.filter(status=Status.PUBLISHED, unit=commune).order_by("published_at", "pk").first())
    chair = Assignment.objects.filter(unit=commune, position__rank=10).select_related("person").first()
    misses = list(Article.objects.filter(status=Status.PUBLISHED, unit__path__startswith=province.path)
                  .order_by("pk").values_list("pk", "slug")[:400])
    assert training and article and chair, "the generated data lacks a training, an article or a commune chair"
    return {"province": province, "commune": commune, "training": training, "article": article,
            "name_query": fold(chair.person.full_name), "miss_articles": misses}


def pages(fx: dict[str, Any]) -> list[dict[str, Any]]:
    """The cadres' key pages. `fixed`: shows a fixed-size page of results (the 1.5× growth target applies)."""
    p, c, t = fx["province"], fx["commune"], fx["training"]
    q = quote(fx["name_query"])
    return [
        {"key": "directory", "label": "people directory, first page", "path": "/quan-ly/nguoi/", "fixed": True},
        {"key": "directory_search", "label": "directory search “nguyen thi” (no accents)",
         "path": "/quan-ly/nguoi/?q=nguyen+thi", "fixed": True},
        {"key": "directory_name", "label": "directory search a full name (no accents)",
         "path": f"/quan-ly/nguoi/?q={q}", "fixed": True},
        {"key": "unit_commune", "label": "unit page: a commune (30 areas)", "path": f"/quan-ly/don-vi/{c.pk}/",
         "fixed": True},
        {"key": "unit_province", "label": "unit page: the province (dashboard counts)",
         "path": f"/quan-ly/don-vi/{p.pk}/", "fixed": False},
        {"key": "attendance", "label": "attendance of a province-wide training",
         "path": f"/quan-ly/su-kien/{t.pk}/tham-du/", "fixed": False},
        {"key": "events", "label": "event list, first page", "path": "/quan-ly/su-kien/", "fixed": True},
        {"key": "api_people", "label": "API: people search “nguyen thi”, 50 a page",
         "path": "/api/people?q=nguyen%20thi&page_size=50", "fixed": True},
        {"key": "api_units", "label": "API: communes of the province, 50 a page",
         "path": f"/api/units?parent={p.pk}&page_size=50", "fixed": True},
        {"key": "api_holders", "label": "API: who holds what at a commune",
         "path": f"/api/units/{c.pk}/assignments", "fixed": True},
    ]


# -- 1. throughput -------------------------------------------------------------------------------------
def step_throughput(args: argparse.Namespace, fx: dict[str, Any]) -> dict[str, Any]:
    client = loadgen.Client("127.0.0.1", args.port)
    article_path = fx["article"].get_absolute_url()
    home = client.get("/")
    article = client.get(article_path)
    assert home.status == 200 and article.status == 200, (home.status, article.status)
    targets = [("article", article_path), ("bare_article", f"/bench/bytes/{len(article.body)}/"),
               ("home", "/"), ("bare_home", f"/bench/bytes/{len(home.body)}/")]
    wrk = None if args.python_loadgen else loadgen.ensure_wrk()
    tool = "wrk (Debian package)" if wrk else "Python threads + http.client"
    log(f"\n[1] throughput, {args.connections} connections, {args.duration} s a run, 2 rounds — load generator: {tool}")
    runs: dict[str, list[loadgen.Throughput]] = {k: [] for k, _p in targets}
    for _key, path in targets:  # warm every worker (connections, caches) before measuring
        if wrk:
            loadgen.run_wrk(wrk, f"http://127.0.0.1:{args.port}{path}", seconds=2, connections=args.connections)
        else:
            loadgen.run_python("127.0.0.1", args.port, path, seconds=2, connections=args.connections)
    for _round in range(2):
        for key, path in targets:
            if wrk:
                r = loadgen.run_wrk(wrk, f"http://127.0.0.1:{args.port}{path}", seconds=args.duration,
                                    connections=args.connections)
            else:
                r = loadgen.run_python("127.0.0.1", args.port, path, seconds=args.duration,
                                       connections=args.connections)
            runs[key].append(r)
            log(f"    {key:<13} {r.rps:8.0f} req/s  p50 {r.p50_ms or 0:6.2f} ms  p99 {r.p99_ms or 0:6.2f} ms  "
                f"errors {r.errors}")
    best = {k: max(v, key=lambda r: r.rps) for k, v in runs.items()}
    out = {"tool": tool, "connections": args.connections, "seconds": args.duration,
           "bytes": {"article": len(article.body), "home": len(home.body)},
           "runs": {k: [r.as_dict() for r in v] for k, v in runs.items()},
           "best_rps": {k: round(v.rps, 1) for k, v in best.items()},
           "article_vs_ceiling": round(best["article"].rps / best["bare_article"].rps, 3),
           "home_vs_ceiling": round(best["home"].rps / best["bare_home"].rps, 3)}
    out["article_target_met"] = out["article_vs_ceiling"] >= TARGETS["article_vs_ceiling"]
    return out


# -- 2. latency ------------------------------------------------------------------------------------------
def step_latency(args: argparse.Namespace, fx: dict[str, Any]) -> dict[str, Any]:
    users = {"province": "quymo-tinh", "national": "quymo-trunguong"}
    out: dict[str, Any] = {"samples": args.samples, "users": users, "pages": {}}
    log(f"\n[2] latency, one request at a time, up to {args.samples} samples a page (after 3 warm-ups)")
    for who, username in users.items():
        client = loadgen.Client("127.0.0.1", args.port)
        client.login(username, PASSWORD)
        for page in pages(fx):
            lat = loadgen.sample(client, page["path"], n=args.samples)
            s = lat.summary()
            out["pages"].setdefault(page["key"], {**page, "users": {}})["users"][who] = s
            log(f"    {who:<8} {page['label']:<48} median {s['median_ms']:8.2f} ms  p99 {s['p99_ms']:8.2f} ms  "
                f"({s['bytes']:,} B)")
    # Public article pages never seen before: the cache-miss path (rendering + queries).
    client = loadgen.Client("127.0.0.1", args.port)
    miss = loadgen.Latency()
    for pk, slug in fx["miss_articles"][: args.samples]:
        r = client.get(f"/tin-tuc/{pk}-{slug}/")
        miss.samples.append(r.seconds * 1000)
        miss.statuses[r.status] = miss.statuses.get(r.status, 0) + 1
    out["article_cache_miss"] = miss.summary()
    s = out["article_cache_miss"]
    log(f"    public   article page, first view (cache miss)           median {s['median_ms']:8.2f} ms  "
        f"p99 {s['p99_ms']:8.2f} ms")
    return out


def explain_pages(fx: dict[str, Any]) -> dict[str, Any]:
    """Every query each key page runs, with EXPLAIN ANALYZE: time, and sequential scans of large tables."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from doanket.accounts.models import User

    with connection.cursor() as cur:
        cur.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r' AND relnamespace = "
                    "'public'::regnamespace")
        sizes = dict(cur.fetchall())
    report: dict[str, Any] = {}
    client = Client()
    for who, username in (("province", "quymo-tinh"), ("national", "quymo-trunguong")):
        client.force_login(User.objects.get(username=username))
        for page in [*pages(fx), {"key": "article", "path": fx["article"].get_absolute_url()}]:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(page["path"])
            assert response.status_code == 200, (page["path"], response.status_code)
            queries = []
            for q in ctx.captured_queries:
                sql = q["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                    plan = cur.fetchone()[0][0]
                nodes = list(_nodes(plan["Plan"]))
                # A sequential scan of a large table that actually read more than BIG_TABLE_ROWS rows (a
                # `LIMIT 1` existence probe stops at the first row and is not a walk of the table).
                seq = sorted({n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan"
                              and sizes.get(n.get("Relation Name", ""), 0) > BIG_TABLE_ROWS
                              and _rows_read(n) > BIG_TABLE_ROWS})
                queries.append({"ms": round(plan["Execution Time"], 2), "seq_scans_of_large_tables": seq,
                                "scans": sorted({f"{n['Node Type']} {n.get('Relation Name', '')}".strip()
                                                 for n in nodes if "Scan" in n["Node Type"]}),
                                "sql": sql[:600]})
            queries.sort(key=lambda x: -x["ms"])
            report.setdefault(page["key"], {})[who] = {
                "queries": len(ctx.captured_queries), "db_ms": round(sum(x["ms"] for x in queries), 2),
                "seq_scans_of_large_tables": sorted({t for x in queries for t in x["seq_scans_of_large_tables"]}),
                "slowest": queries[:3]}
    return report


def _rows_read(node: dict[str, Any]) -> float:
    return (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * node.get("Actual Loops", 1)


def _nodes(node: dict[str, Any]):
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def profile_page(path: str, username: str, out: Path) -> dict[str, Any]:
    """Where one page's time goes: five requests timed plainly (total, SQL), then five under cProfile for the
    split between template rendering, database and the rest, and the top functions by own and cumulative time."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from doanket.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        for _i in range(5):
            client.get(path)
        total = time.perf_counter() - start
    queries = list(ctx.captured_queries)  # the next requests reset the connection's query log
    sql = sum(float(q["time"]) for q in queries)
    prof = cProfile.Profile()
    prof.enable()
    for _i in range(5):
        client.get(path)
    prof.disable()
    stats = pstats.Stats(prof)
    profiled = max(v[3] for v in stats.stats.values())  # type: ignore[attr-defined]

    def cumulative(file_part: str, func: str) -> float:
        return sum(v[3] for (f, _line, name), v in stats.stats.items()  # type: ignore[attr-defined]
                   if file_part in f and name == func)

    render = cumulative("django/template/backends/django.py", "render")
    database = cumulative("django/db/backends/utils.py", "_execute")
    split = {"template_rendering": round(render / profiled, 3), "database_calls": round(database / profiled, 3)}
    split["other"] = round(1 - split["template_rendering"] - split["database_calls"], 3)
    buf = io.StringIO()
    buf.write(f"{path} as {username}: {total * 200:.1f} ms a request without the profiler, "
              f"{sql * 200:.1f} ms of it in {len(queries) // 5} SQL queries\n")
    buf.write("under cProfile: " + ", ".join(f"{k} {v:.0%}" for k, v in split.items())
              + " (template rendering includes the queries of lazy querysets it evaluates)\n\n")
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(35)
    out.write_text(buf.getvalue())
    return {"path": path, "user": username, "ms_per_request": round(total * 200, 1),
            "sql_ms_per_request": round(sql * 200, 1), "queries_per_request": len(queries) // 5,
            "sql_share": round(sql / total, 3) if total else None, "split_under_profiler": split,
            "file": str(out.relative_to(ROOT))}


# -- 3. import -------------------------------------------------------------------------------------------
def step_import(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    log(f"\n[3] people import, {args.import_rows:,} rows (bench/import_people.py; rolled back afterwards)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.xlsx"
        built = json.loads(subprocess.run([PY, "bench/import_people.py", "build", "--rows", str(args.import_rows),  # noqa: S603
                                           "--out", str(path)], env=env, cwd=ROOT, check=True,
                                          capture_output=True, text=True).stdout)
        ran = json.loads(subprocess.run([PY, "bench/import_people.py", "run", "--file", str(path)], env=env,  # noqa: S603
                                        cwd=ROOT, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
    ran["file_bytes"] = built["file_bytes"]
    ran["time_target_met"] = ran["seconds"] < TARGETS["import_s"]
    ran["memory_target_met"] = ran["peak_rss_mb"] < TARGETS["import_mb"]
    log(f"    {ran['rows']:,} rows in {ran['seconds']:.1f} s = {ran['rows_per_s']:,} rows/s; peak memory "
        f"{ran['peak_rss_mb']:.0f} MB (process; {ran['rss_before_import_mb']:.0f} MB before the import)")
    return ran


# -- 4. check-ins ----------------------------------------------------------------------------------------
BENCH_EVENT = "[bench] Hội nghị đo tốc độ điểm danh"


def checkin_event(province: Any, invitees: int) -> tuple[Any, list[str]]:
    """A fresh event of the province, open for check-in, with `invitees` invitations (no history rows)."""
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from doanket.core.reach import subtree_q
    from doanket.events.models import Event, EventStatus, EventType, Invitation, new_invitation_code
    from doanket.people.models import Person

    old = list(Event.objects.filter(title=BENCH_EVENT).values_list("pk", flat=True))
    if old:
        with connection.cursor() as cur:  # raw: no per-row deletion history for the bench's own records
            cur.execute("DELETE FROM events_historicalinvitation WHERE event_id = ANY(%s)", [old])
            cur.execute("DELETE FROM events_invitation WHERE event_id = ANY(%s)", [old])
            cur.execute("DELETE FROM events_historicalevent WHERE id = ANY(%s)", [old])
            cur.execute("DELETE FROM events_audiencerule WHERE event_id = ANY(%s)", [old])
            cur.execute("DELETE FROM events_event WHERE id = ANY(%s)", [old])
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.create(title=BENCH_EVENT, event_type=EventType.objects.get(code="hoi-nghi"),
                                     organiser=province, organiser_label="Ban Thường trực (đo hiệu năng)",
                                     starts_at=now - dt.timedelta(minutes=30), ends_at=now + dt.timedelta(hours=8),
                                     status=EventStatus.OPEN)
        people = list(Person.objects.filter(subtree_q(province.path, "unit__path")).order_by("pk")
                      .values_list("pk", "unit_id")[:invitees])
        invitations = [Invitation(event=event, person_id=pk, via_unit_id=unit_id, code=new_invitation_code(),
                                  position_label="Đại biểu", position_rank=100) for pk, unit_id in people]
        Invitation.objects.bulk_create(invitations, batch_size=5000)
    return event, [i.code for i in invitations]


def step_checkin(args: argparse.Namespace, fx: dict[str, Any]) -> dict[str, Any]:
    from doanket.events.models import Invitation

    event, codes = checkin_event(fx["province"], 20_000)
    log(f"\n[4] check-ins: {args.checkin_clients} clients for {args.checkin_seconds} s on an event with "
        f"{len(codes):,} invitations (5 % of codes sent by two clients at once, 10 % of sends repeat a code)")
    rng = random.Random(5)
    queue: list[str] = []
    for code in codes:
        queue.append(code)
        if rng.random() < 0.05:
            queue.append(code)  # the same code scanned at two doors at once
    lock = threading.Lock()
    state = {"next": 0}
    acked: list[str] = []  # codes acknowledged as a first check-in
    again: list[str] = []  # codes acknowledged as already checked in
    errors: list[str] = []
    latencies: list[float] = []
    path = f"/quan-ly/su-kien/{event.pk}/diem-danh/"
    clients = []
    for _i in range(args.checkin_clients):  # log in first: password hashing is not what is measured
        client = loadgen.Client("127.0.0.1", args.port)
        client.login("quymo-tinh", PASSWORD)
        client.get(path)
        clients.append(client)
    deadline = time.perf_counter() + args.checkin_seconds

    def clerk(i: int) -> None:
        client = clients[i]
        r = random.Random(i)
        while time.perf_counter() < deadline:
            with lock:
                if acked and r.random() < 0.10:
                    code = r.choice(acked)
                elif state["next"] < len(queue):
                    code = queue[state["next"]]
                    state["next"] += 1
                else:
                    break
            resp = client.post(path, {"code": code}, headers={"HX-Request": "true"})
            text = resp.text
            with lock:
                latencies.append(resp.seconds * 1000)
                if resp.status == 200 and "Đã điểm danh:" in text:
                    acked.append(code)
                elif resp.status == 200 and "đã điểm danh lúc" in text:
                    again.append(code)
                else:
                    errors.append(f"{resp.status}: {text[:120]}")

    wall = loadgen.concurrently(args.checkin_clients, clerk)
    stored = set(Invitation.objects.filter(event=event, checked_in_at__isnull=False).values_list("code", flat=True))
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT id, count(*) FROM events_historicalinvitation WHERE event_id = %s AND checked_in_at IS "
                    "NOT NULL AND history_type = '~' GROUP BY id HAVING count(*) > 1", [event.pk])
        doubled_history = cur.fetchall()
    first = set(acked)
    out = {
        "clients": args.checkin_clients, "seconds": round(wall, 2), "invitations": len(codes),
        "requests": len(latencies), "first_checkins": len(acked), "repeat_answers": len(again),
        "errors": len(errors), "error_samples": errors[:5],
        "checkins_per_s": round(len(acked) / wall, 1), "requests_per_s": round(len(latencies) / wall, 1),
        "median_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p99_ms": round(loadgen.percentile(latencies, 99), 2) if latencies else None,
        "stored": len(stored), "acknowledged_twice_as_first": len(acked) - len(first),
        "acknowledged_not_stored": len(first - stored), "stored_not_acknowledged": len(stored - first),
        "history_rows_doubled": len(doubled_history),
    }
    out["exactly_once"] = (out["acknowledged_twice_as_first"] == 0 and out["acknowledged_not_stored"] == 0
                           and out["stored_not_acknowledged"] == 0 and out["history_rows_doubled"] == 0)
    log(f"    {out['first_checkins']:,} check-ins in {wall:.1f} s = {out['checkins_per_s']}/s "
        f"({out['requests_per_s']} requests/s incl. repeats; median {out['median_ms']} ms, p99 {out['p99_ms']} ms); "
        f"errors {out['errors']}")
    log(f"    stored {out['stored']:,}; acknowledged-but-missing {out['acknowledged_not_stored']}, "
        f"stored-but-unacknowledged {out['stored_not_acknowledged']}, acknowledged twice as first "
        f"{out['acknowledged_twice_as_first']}, doubled history rows {out['history_rows_doubled']} → "
        f"{'exactly once ✓' if out['exactly_once'] else 'NOT exactly once ✗'}")
    return out


# -- 5. memory -------------------------------------------------------------------------------------------
def worker_memory(master: subprocess.Popen) -> dict[str, Any]:
    def status(pid: int) -> dict[str, int]:
        fields = {}
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _sep, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "PPid"):
                fields[key] = int(value.split()[0])
        return fields

    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                s = status(int(entry.name))
            except (OSError, ValueError):
                continue
            if s.get("PPid") == master.pid:
                workers.append({"pid": int(entry.name), "peak_rss_mb": round(s["VmHWM"] / 1024, 1),
                                "rss_mb": round(s["VmRSS"] / 1024, 1)})
    m = status(master.pid)
    return {"workers": workers, "master_rss_mb": round(m["VmRSS"] / 1024, 1),
            "max_worker_peak_rss_mb": max((w["peak_rss_mb"] for w in workers), default=None)}


# -- report ----------------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")))
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cur.fetchone()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem / 1024 / 1024, 1),
            "python": platform.python_version(), "postgresql": pg, "database_size": size,
            "kernel": platform.release()}


def growth_table(results: dict[str, Any]) -> dict[str, Any] | None:
    other = {"district": "national", "national": "district"}.get(results["scale"])
    path = RESULTS / f"suite-{other}.json"
    if not other or not path.exists():
        return None
    prev = json.loads(path.read_text())
    district, national = (prev, results) if other == "district" else (results, prev)
    if "latency" not in district or "latency" not in national:
        return None
    rows = []
    for key, page in national["latency"]["pages"].items():
        base = district["latency"]["pages"].get(key)
        if not base:
            continue
        for who in ("province", "national"):
            d, n = base["users"].get(who), page["users"].get(who)
            if not d or not n:
                continue
            ratio = n["median_ms"] / d["median_ms"]
            rows.append({"page": key, "label": page["label"], "user": who, "fixed": page["fixed"],
                         "district_median_ms": d["median_ms"], "national_median_ms": n["median_ms"],
                         "district_p99_ms": d["p99_ms"], "national_p99_ms": n["p99_ms"], "ratio": round(ratio, 2),
                         "target_met": (ratio <= TARGETS["growth"]) if page["fixed"] else None})
    return {"district_measured_at": district["measured_at"], "national_measured_at": national["measured_at"],
            "rows": rows}


def print_growth(growth: dict[str, Any]) -> None:
    log("\ncost growth, national ÷ district (median latency; target ≤ 1.5× for fixed-size pages)")
    log(f"    {'page':<48} {'user':<8} {'district':>9} {'national':>9} {'ratio':>6}  target")
    for r in growth["rows"]:
        verdict = "—" if r["target_met"] is None else ("met" if r["target_met"] else "MISSED")
        log(f"    {r['label']:<48} {r['user']:<8} {r['district_median_ms']:>7.1f}ms {r['national_median_ms']:>7.1f}ms "
            f"{r['ratio']:>5.2f}×  {verdict}")


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda _sig, _frame: sys.exit(143))  # stop the servers on the way out
    if not args.port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            args.port = s.getsockname()[1]
    steps = set(args.only.split(",")) if args.only else {"throughput", "latency", "import", "checkin"}
    RESULTS.mkdir(parents=True, exist_ok=True)
    stack = Stack()
    results: dict[str, Any] = {"scale": args.scale, "measured_at": time.strftime("%Y-%m-%d %H:%M:%S"),
                               "workers": args.workers,
                               "version_recheck_seconds": 1.0 if args.version_recheck is None else args.version_recheck}
    try:
        db_url = database_url(args)
        results["postgresql_settings"] = tune_database(db_url)
        cache = redis_url(args, stack)
        env = server_env(args, db_url, cache)
        setup_django(env)
        results["generation"] = ensure_data(args, env)
        results["machine"] = machine()
        results["cache"] = "redis" if cache else "locmem"
        log(f"machine: {results['machine']['cpu']}, {results['machine']['cores']} cores, "
            f"{results['machine']['memory_gib']} GiB; PostgreSQL {results['machine']['postgresql']} "
            f"({results['machine']['database_size']}); cache {results['cache']}")
        results["vacuum_seconds"] = round(vacuum(), 1)
        fx = fixtures()
        server = start_server(args, env, stack)
        log(f"gunicorn: {args.workers} sync workers, production settings, http://127.0.0.1:{args.port}/")
        if "throughput" in steps:
            results["throughput"] = step_throughput(args, fx)
        if "latency" in steps:
            results["latency"] = step_latency(args, fx)
            log("    EXPLAIN ANALYZE of every query of those pages …")
            results["explain"] = explain_pages(fx)
            flagged = {f"{k}/{who}": v["seq_scans_of_large_tables"] for k, by in results["explain"].items()
                       for who, v in by.items() if v["seq_scans_of_large_tables"]}
            results["seq_scans_of_large_tables"] = flagged
            log(f"    sequential scans of tables over {BIG_TABLE_ROWS:,} rows: {flagged or 'none'}")
            slowest = max(results["latency"]["pages"].values(), key=lambda p: p["users"]["national"]["median_ms"])
            results["profile"] = profile_page(slowest["path"], "quymo-trunguong",
                                              RESULTS / f"profile-{args.scale}.txt")
            pr = results["profile"]
            log(f"    slowest page for the national user: {slowest['label']} — {pr['ms_per_request']} ms in-process, "
                f"{pr['sql_ms_per_request']} ms of it in {pr['queries_per_request']} SQL queries; "
                f"profile in {pr['file']}")
        if "import" in steps:
            results["import"] = step_import(args, env)
            vacuum()
        if "checkin" in steps:
            results["checkin"] = step_checkin(args, fx)
        results["memory"] = worker_memory(server)
        log(f"\n[5] app workers after the run: peak RSS {results['memory']['max_worker_peak_rss_mb']} MB "
            f"(each of {len(results['memory']['workers'])}; master {results['memory']['master_rss_mb']} MB)")
    finally:
        stack.stop()
    growth = growth_table(results)
    if growth:
        results["growth"] = growth
        print_growth(growth)
    out = RESULTS / f"suite-{args.scale}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n")
    if "throughput" in results:
        t = results["throughput"]
        log(f"\narticle page at {t['article_vs_ceiling']:.0%} of the ceiling (target ≥ 50 %: "
            f"{'met' if t['article_target_met'] else 'MISSED'}); home page at {t['home_vs_ceiling']:.0%}")
    log(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
