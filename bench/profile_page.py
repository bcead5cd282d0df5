"""Profile one page in-process with production settings (cProfile, 5 requests after a warm-up):

    .venv/bin/python bench/profile_page.py --database-url postgres://postgres@127.0.0.1:5432/doanket_national \\
        --user quymo-tinh "/quan-ly/nguoi/?q=nguyen+thi"

Prints where the time goes (total, SQL, queries per request) and the top functions by cumulative time;
writes the same to bench/results/profile-<slug>.txt. The database must hold generated data
(`manage.py generate_data`); nothing is written to it.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("path")
    p.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    p.add_argument("--user", default="quymo-trunguong")
    p.add_argument("--redis-url", default=None, help="cache (default: per-process memory)")
    args = p.parse_args()
    import suite

    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
           "DATABASE_URL": args.database_url, "DJANGO_ALLOWED_HOSTS": "testserver", "DOANKET_REQUIRE_2FA": "0",
           "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0"}
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():  # the production storage needs the manifest
        suite.manage({**os.environ, **env}, "collectstatic", "--noinput", "-v0")
    suite.setup_django(env)
    slug = re.sub(r"[^a-z0-9]+", "-", args.path.lower()).strip("-") or "root"
    out = suite.RESULTS / f"profile-{slug}.txt"
    suite.RESULTS.mkdir(parents=True, exist_ok=True)
    suite.profile_page(args.path, args.user, out)
    print(out.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
