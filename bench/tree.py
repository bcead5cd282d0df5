"""Benchmark of the unit tree at national size.

Builds the official catalogue (34 provinces, 3,321 communes), the pre-2025 layer (historic districts
and ~10,000 old communes merged into today's communes, with lineage links) and N residential areas
spread over the communes, then times the tree reads every page does: subtree counts, ancestors,
a user's reach (with lineage roll-up) and a first page of visible units.

    .venv/bin/python bench/tree.py [--areas 100000] [--repeat 25] [--flush]

Uses DATABASE_URL when set, otherwise a temporary SQLite file (never the developer's db.sqlite3).
Results are printed and merged into bench/results/tree.json under the database vendor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from doanket.orgunits.permissions import UnitPerm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "tree.json"

HISTORIC_DISTRICTS = 696  # districts, towns and provincial cities abolished on 1/7/2025
OLD_PER_COMMUNE = 3  # 10,035 communes before the merger → 3,321 after


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=100_000, help="residential areas to create (default 100000)")
    parser.add_argument("--repeat", type=int, default=25, help="timed runs per query; the median is reported")
    parser.add_argument("--no-historic", dest="historic", action="store_false",
                        help="skip the pre-2025 districts, old communes and lineage links")
    parser.add_argument("--flush", action="store_true",
                        help="empty the database first if it already holds units (DATABASE_URL only)")
    return parser.parse_args()


def setup_django() -> tuple[str, str | None]:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    tmpdir = None
    if not os.environ.get("DATABASE_URL"):
        tmpdir = tempfile.mkdtemp(prefix="doanket-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmpdir}/bench.sqlite3"
    import django

    django.setup()
    from django.db import connection

    return connection.vendor, tmpdir


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(median ms, min ms, last result), after one warm-up call."""
    result = fn()
    samples = []
    for _i in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples), result


def build(areas: int, historic: bool) -> dict[str, float]:
    from django.db import transaction

    from doanket.orgunits import services
    from doanket.orgunits.catalogue import load_catalogue
    from doanket.orgunits.models import LineageKind, LineageLink, OrgUnit, UnitType

    seconds: dict[str, float] = {}
    types = {t.code: t for t in UnitType.objects.all()}
    with transaction.atomic():
        start = time.perf_counter()
        load_catalogue()
        seconds["catalogue"] = time.perf_counter() - start

        provinces = list(OrgUnit.objects.filter(unit_type__code="province").order_by("path"))
        communes: dict[int, list[OrgUnit]] = {p.pk: [] for p in provinces}
        by_path = {p.path: p.pk for p in provinces}
        for c in OrgUnit.objects.filter(unit_type__code="commune", valid_to__isnull=True).order_by("path"):
            communes[by_path[c.path[: 2 * OrgUnit.steplen]]].append(c)
        total_communes = sum(len(v) for v in communes.values())

        if historic:
            start = time.perf_counter()
            end = dt.date(2025, 6, 30)
            links = []
            for province in provinces:
                current = communes[province.pk]
                n_districts = max(1, round(len(current) * HISTORIC_DISTRICTS / total_communes))
                districts = services.unit_bulk_add_children(actor=None, parent=province, units=[
                    OrgUnit(unit_type=types["district"], name=f"Huyện cũ số {i + 1}", code=f"{province.code}{i:03d}",
                            valid_to=end) for i in range(n_districts)
                ])
                districts = list(OrgUnit.objects.filter(path__in=[d.path for d in districts]).order_by("path"))
                per_district: list[list[tuple[int, OrgUnit]]] = [[] for _d in districts]
                for i, successor in enumerate(current):
                    for k in range(OLD_PER_COMMUNE):
                        per_district[(i * OLD_PER_COMMUNE + k) % len(districts)].append((k, successor))
                for district, olds in zip(districts, per_district, strict=True):
                    made = services.unit_bulk_add_children(actor=None, parent=district, units=[
                        OrgUnit(unit_type=types["commune"], name=f"Xã cũ {k + 1} của {s.name}", code=s.code,
                                valid_to=end) for k, s in olds
                    ])
                    made_pks = OrgUnit.objects.filter(path__in=[m.path for m in made]).order_by("path")
                    for old, (_k, successor) in zip(made_pks, olds, strict=True):
                        links.append(LineageLink(predecessor=old, successor=successor, kind=LineageKind.MERGE,
                                                 effective_date=dt.date(2025, 7, 1),
                                                 legal_basis="Nghị quyết (giả lập cho đo hiệu năng)"))
            LineageLink.objects.bulk_create(links, batch_size=2000)
            seconds["historic"] = time.perf_counter() - start

        start = time.perf_counter()
        flat = [c for p in provinces for c in communes[p.pk]]
        base, extra = divmod(areas, len(flat))
        for i, commune in enumerate(flat):
            n = base + (1 if i < extra else 0)
            if n:
                services.unit_bulk_add_children(actor=None, parent=commune, units=[
                    OrgUnit(unit_type=types["area"], name=f"Khu dân cư số {k + 1}") for k in range(n)
                ])
        seconds["areas"] = time.perf_counter() - start
    return seconds


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def explain(qs: Any) -> list[str]:
    """The database's plan for a queryset without ordering (as COUNT runs it), as text lines."""
    return [line.strip() for line in qs.order_by().values("pk").explain().splitlines() if line.strip()]


def main() -> int:
    args = parse_args()
    vendor, tmpdir = setup_django()
    from django.core.management import call_command
    from django.db import connection

    from doanket.accounts.models import RoleGrant, User
    from doanket.accounts.selectors import user_reach
    from doanket.core.permissions import Role
    from doanket.core.reach import subtree_q
    from doanket.orgunits.models import LineageLink, OrgUnit
    from doanket.orgunits.selectors import unit_ancestors, unit_descendant_count, units_visible

    print(f"database: {vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if OrgUnit.objects.exists():
        if not args.flush:
            print("The database already holds units; rerun with --flush to empty it first.", file=sys.stderr)
            return 2
        from doanket.demo.seed import reset_database

        reset_database()

    start = time.perf_counter()
    build_seconds = build(args.areas, args.historic)
    analyze()
    build_seconds["total"] = time.perf_counter() - start
    units = OrgUnit.objects.count()
    print(f"built {units:,} units ({LineageLink.objects.count():,} lineage links) in {build_seconds['total']:.1f} s "
          f"({', '.join(f'{k} {v:.1f} s' for k, v in build_seconds.items() if k != 'total')})")

    province = OrgUnit.objects.get(unit_type__code="province", code="01")
    commune = OrgUnit.objects.get(unit_type__code="commune", code="00352", valid_to__isnull=True)
    area = OrgUnit.objects.filter(subtree_q(commune.path), depth=commune.depth + 1).order_by("path").first()
    assert area is not None
    province_user = User.objects.create_user(username="bench-province", password=None, unit=province)
    RoleGrant.objects.create(user=province_user, unit=province, role=Role.STANDING)
    commune_user = User.objects.create_user(username="bench-commune", password=None, unit=commune)
    RoleGrant.objects.create(user=commune_user, unit=commune, role=Role.DATA_ENTRY)

    def fresh_reach(user: User) -> Callable[[], Any]:
        def run() -> Any:
            user.__dict__.pop("_reach_cache", None)
            return len(user_reach(user, UnitPerm.VIEW).prefixes)
        return run

    queries: list[tuple[str, Callable[[], Any]]] = [
        ("subtree count: province (Hà Nội)", lambda: unit_descendant_count(province)),
        ("subtree count: commune (Phương Liệt)", lambda: unit_descendant_count(commune)),
        ("ancestors of an area", lambda: len(unit_ancestors(area))),
        ("user_reach: province user", fresh_reach(province_user)),
        ("user_reach: commune user (3 merged)", fresh_reach(commune_user)),
        ("units_visible()[:50]: province user", lambda: len(list(units_visible(province_user)[:50]))),
        ("units_visible()[:50]: commune user", lambda: len(list(units_visible(commune_user)[:50]))),
    ]
    rows = []
    for label, fn in queries:
        median, fastest, result = timed(fn, args.repeat)
        rows.append({"query": label, "median_ms": round(median, 3), "min_ms": round(fastest, 3), "result": result})

    subtree = OrgUnit.objects.filter(subtree_q(province.path)).exclude(pk=province.pk)
    plan_province = explain(subtree)
    plan_commune = explain(OrgUnit.objects.filter(subtree_q(commune.path)).exclude(pk=commune.pk))

    width = max(len(r["query"]) for r in rows)
    print(f"\n{'query':<{width}}  {'median ms':>9}  {'min ms':>8}  result")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 8}  ------")
    for r in rows:
        print(f"{r['query']:<{width}}  {r['median_ms']:>9.2f}  {r['min_ms']:>8.2f}  {r['result']}")
    print(f"\nEXPLAIN subtree count, province: {plan_province[0]}")
    print(f"EXPLAIN subtree count, commune:  {plan_commune[0]}")
    # An index *range* (PostgreSQL "Index Cond", SQLite "SEARCH"), not a full scan of the index ("SCAN … INDEX").
    marker = "Index Cond" if vendor == "postgresql" else "SEARCH"
    uses_index = {name: any(marker in line for line in plan)
                  for name, plan in (("province", plan_province), ("commune", plan_commune))}
    print(f"subtree query is an index range scan: {uses_index}")

    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[vendor] = {
        "measured_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        "python": platform.python_version(),
        "server_version": (connection.cursor().connection.info.server_version if vendor == "postgresql"
                           else sqlite3.sqlite_version),
        "areas": args.areas,
        "historic": args.historic,
        "units": units,
        "lineage_links": LineageLink.objects.count(),
        "repeat": args.repeat,
        "build_seconds": {k: round(v, 2) for k, v in build_seconds.items()},
        "queries": rows,
        "explain": {"province_subtree": plan_province, "commune_subtree": plan_commune, "uses_index": uses_index},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    if tmpdir:
        connection.close()
        for f in Path(tmpdir).iterdir():
            f.unlink()
        Path(tmpdir).rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
