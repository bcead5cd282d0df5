"""The 100,000-row people import: build a workbook, then import it as a province cadre and measure.

    python bench/import_people.py build --rows 100000 --out /tmp/people.xlsx
    python bench/import_people.py run --file /tmp/people.xlsx [--user quymo-tinh] [--keep]

`run` prints one JSON line: seconds of `importexport.services.import_people`, rows per second, and the
process's peak resident memory (ru_maxrss, the whole process: Python, Django and the import). The
import is rolled back afterwards unless --keep, so the benchmark database stays as generated. Each
step is its own process, so building the file does not count in the import's memory.
Uses DJANGO_SETTINGS_MODULE and DATABASE_URL from the environment (bench/suite.py sets them).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def build(rows: int, out: Path, seed: int) -> dict:
    setup()
    import openpyxl

    from doanket.importexport.columns import COLUMNS, Kind
    from doanket.orgunits.models import OrgUnit
    from doanket.scale.names import NameMaker

    province = OrgUnit.objects.get(unit_type__code="province", code="01", valid_to__isnull=True)
    areas = list(OrgUnit.objects.filter(unit_type__code="area", path__startswith=province.path)
                 .order_by("path").values_list("pk", flat=True))
    if not areas:
        raise SystemExit("no residential areas in Hà Nội: run manage.py generate_data first")
    names = NameMaker.for_province("01")
    rng = random.Random(seed)
    keys = [c.key for c in COLUMNS[Kind.PEOPLE]]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Dữ liệu")
    ws.append([c.header for c in COLUMNS[Kind.PEOPLE]])
    for i in range(rows):
        gender = "F" if rng.random() < 0.5 else "M"
        born = rng.randint(1950, 2004)
        values = {"pk": None, "full_name": names.make(rng, gender, born), "title": None,
                  "gender": "Nữ" if gender == "F" else "Nam", "birth_year": born,
                  "phone": f"09{rng.randrange(10**8):08d}",
                  # 099…: a province code no generated person has, so every number is new and unique
                  "id_number": f"099{i:09d}", "unit": f"#{areas[i % len(areas)]}",
                  "affiliation": None, "note": None}
        ws.append([values.get(k) for k in keys])
    wb.save(out)
    return {"rows": rows, "file_bytes": out.stat().st_size, "areas": len(areas)}


def run(path: Path, username: str, keep: bool) -> dict:
    setup()
    from django.db import connection, transaction

    from doanket.accounts.models import User
    from doanket.importexport import services

    class Rollback(Exception):
        pass

    user = User.objects.get(username=username)
    data = path.read_bytes()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = None
    try:
        with transaction.atomic():
            result = services.import_people(actor=user, data=data)
            elapsed = time.perf_counter() - start
            if not keep:
                raise Rollback
    except Rollback:
        pass
    assert result is not None
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"rows": result.created + result.updated + result.unchanged, "created": result.created,
            "seconds": round(elapsed, 2), "rows_per_s": round(result.created / elapsed),
            "peak_rss_mb": round(peak_kib / 1024, 1), "rss_before_import_mb": round(rss_before / 1024, 1),
            "file_bytes": len(data), "database": connection.vendor, "kept": keep}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    b = sub.add_parser("build")
    b.add_argument("--rows", type=int, default=100_000)
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("run")
    r.add_argument("--file", type=Path, required=True)
    r.add_argument("--user", default="quymo-tinh")
    r.add_argument("--keep", action="store_true", help="commit the import instead of rolling it back")
    args = parser.parse_args()
    out = build(args.rows, args.out, args.seed) if args.step == "build" else run(args.file, args.user, args.keep)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
