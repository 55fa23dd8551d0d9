#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The published CDNOW fits reproduced through the whole product: the
transactions of CDNOW_sample.txt written as a deals CSV, imported with
tenure-cli, and fitted by `tenure-cli value --model bgnbd` with the
calibration period ending 1997-09-30 (39 weeks, time in weeks, several
purchases on one day one transaction). Published (Fader, Hardie & Lee 2005;
shared/data/README.md): r 0.242593, alpha 4.413532, a 0.792886, b 2.425752,
LL -9582.4; Gamma-Gamma p 6.2488, q 3.7446, gamma 15.4478.
Usage: test-value-cdnow.py PATH/TO/tenure-cli DATA_DIR"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

cli, data = sys.argv[1], sys.argv[2]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def close(value, published, tolerance=0.005):
    return value is not None and abs(value - published) <= tolerance * abs(published)


tmp = tempfile.mkdtemp(prefix="tenure-cdnow-")
try:
    deals = os.path.join(tmp, "cdnow-deals.csv")
    with open(os.path.join(data, "cdnow", "CDNOW_sample.txt")) as src, open(deals, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["customer", "closed_on", "amount", "status"])
        for line in src:
            fields = line.split()
            if len(fields) != 5:
                continue
            _, customer, day, _, dollars = fields
            w.writerow([f"C{int(customer):04d}", f"{day[:4]}-{day[4:6]}-{day[6:]}", dollars, "won"])
    workspace = os.path.join(tmp, "cdnow.tenure")
    subprocess.run([cli, "new", workspace], check=True, capture_output=True)
    p = subprocess.run([cli, "import", workspace, deals], capture_output=True, text=True)
    check("the 6,919 transactions import", p.returncode == 0 and "6919 new" in p.stdout, p.stdout + p.stderr)

    p = subprocess.run([cli, "value", workspace, "--model", "bgnbd", "--as-of", "1997-09-30",
                        "--horizon", "9", "--json"], capture_output=True, text=True)
    v = json.loads(p.stdout) if p.returncode == 0 else {}
    check("value --json runs", p.returncode == 0, p.stderr)
    params = v.get("parameters") or {}
    check("2,357 customers", v.get("accounts") == 2357, v.get("accounts"))
    check("time unit is the week", v.get("time_unit") == "week")
    check("converged", v.get("converged") is True, v.get("reason"))
    for name, published in (("r", 0.242593), ("alpha", 4.413532), ("a", 0.792886), ("b", 2.425752)):
        check(f"BG/NBD {name} within 0.5 % of {published}", close(params.get(name), published), params.get(name))
    check("log-likelihood within 0.05 of -9582.43",
          v.get("log_likelihood") is not None and abs(v["log_likelihood"] - (-9582.43)) <= 0.05,
          v.get("log_likelihood"))
    spend = (v.get("spend_model") or {}).get("parameters") or {}
    for name, published in (("p", 6.2488), ("q", 3.7446), ("gamma", 15.4478)):
        check(f"Gamma-Gamma {name} within 0.5 % of {published}", close(spend.get(name), published), spend.get(name))
finally:
    shutil.rmtree(tmp)

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    if not ok:
        print(f"# {detail}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
