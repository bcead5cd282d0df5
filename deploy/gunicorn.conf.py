"""Gunicorn settings for production (and for bench/run-all, which measures with them).

    gunicorn -c deploy/gunicorn.conf.py config.wsgi --no-control-socket

Everything can be overridden by the environment: WEB_CONCURRENCY (worker processes), GUNICORN_BIND,
GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: each request holds one process, so a slow client cannot hold one for long behind a
# buffering proxy (nginx). Pages are short database-bound requests: 2 × cores + 1 keeps the cores busy
# while some workers wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # long jobs go to the queue, never through a request
graceful_timeout = 30
keepalive = 2
# Recycle a worker after this many requests (± jitter), so that memory growth of any kind stays bounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Load the application once in the master, then fork: workers share its memory pages (copy-on-write)
# and a broken deploy fails at start, not in the first request. No connection is open before the fork.
preload_app = True
# Headers from the proxy in front (X-Forwarded-Proto, X-Forwarded-For) are trusted from loopback only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None  # "-" for stdout; nginx usually logs instead
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "doanket"
