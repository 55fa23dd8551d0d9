#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""tenure-cli end to end, as scripts use it: exit codes, one clear line on
stderr naming the file, row or setting, files left untouched on failure, and
the JSON of CLI.md. Usage: test-cli.py PATH/TO/tenure-cli FIXTURES_DIR"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
FIXTURES = sys.argv[2]
results = []


def run(*args, env=None):
    p = subprocess.run([CLI, *args], capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def dump(path):
    """Every row of every table: equal dumps mean equal workspaces."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = []
    for (name,) in con.execute("select name from sqlite_schema where type = 'table' order by name"):
        out.append(name)
        out.extend(repr(r) for r in con.execute(f'select * from "{name}" order by rowid'))
    con.close()
    return "\n".join(out)


def main():
    tmp = tempfile.mkdtemp(prefix="tenure-cli-test-")
    try:
        tests(tmp)
    finally:
        shutil.rmtree(tmp)
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok and detail:
            for line in str(detail).splitlines():
                print(f"# {line}")
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


def tests(tmp):
    w = os.path.join(tmp, "w.tenure")

    # new, pragma application_id, check
    rc, out, err = run("new", w)
    check("new exits 0", rc == 0, err)
    con = sqlite3.connect(w)
    check("application_id is TNRE", con.execute("pragma application_id").fetchone()[0] == 0x544E5245)
    con.close()
    rc, out, err = run("check", w)
    check("check on a new workspace exits 0", rc == 0, err)
    rc, out, err = run("new", w)
    check("new over an existing file exits 1", rc == 1 and "already exists" in err, err)

    # usage errors exit 2
    rc, _, err = run()
    check("no command exits 2", rc == 2)
    rc, _, err = run("frobnicate", w)
    check("unknown command exits 2", rc == 2 and "frobnicate" in err, err)
    rc, _, err = run("info")
    check("missing argument exits 2", rc == 2, err)
    rc, _, err = run("metrics", w, "--period", "fortnight")
    check("bad --period exits 2", rc == 2 and "fortnight" in err, err)
    rc, _, err = run("metrics", w, "--as-of", "2024-02-30")
    check("impossible --as-of exits 2", rc == 2 and "2024-02-30" in err, err)

    # settings: every key readable, wrong key or value exits 1 and changes nothing
    keys = ["churn-rule", "inactivity-days", "currency", "fiscal-year-start", "gross-margin",
            "discount-rate", "value-horizon", "quick-ratio-benchmark", "quick-ratio-reactivation",
            "score-flag-threshold", "utilisation-threshold", "interaction-gap-days", "stages",
            "stage-source"]
    defaults = {"churn-rule": "auto", "inactivity-days": "365", "currency": "USD",
                "fiscal-year-start": "1", "gross-margin": "1", "discount-rate": "0.1",
                "value-horizon": "36", "quick-ratio-benchmark": "4",
                "quick-ratio-reactivation": "false", "score-flag-threshold": "4",
                "utilisation-threshold": "0.7", "interaction-gap-days": "30", "stage-source": "events"}
    for key in keys:
        rc, out, err = run("get", w, key)
        ok = rc == 0 and (key not in defaults or out.strip() == defaults[key])
        check(f"get {key} gives its default", ok, out + err)
    before = dump(w)
    for key, value in [("churn-rule", "sometimes"), ("gross-margin", "1.5"), ("colour", "blue"),
                       ("fiscal-year-start", "0"), ("stages", "not json")]:
        rc, out, err = run("set", w, key, value)
        check(f"set {key} {value} exits 1 naming the key", rc == 1 and key in err and err.count("\n") == 1, err)
    check("wrong settings changed nothing", dump(w) == before)
    rc, _, err = run("set", w, "fiscal-year-start", "4")
    rc2, out, _ = run("get", w, "fiscal-year-start")
    check("set then get", rc == 0 and out.strip() == "4", err)

    # bad files: exit 1, one line naming the file, the file unchanged
    bad = {
        "empty.tenure": b"",
        "text.tenure": b"account,name\nACME,Acme\n",
        "picture.tenure": bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 100,
    }
    for name, content in bad.items():
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(content)
    foreign = os.path.join(tmp, "foreign.tenure")
    con = sqlite3.connect(foreign)
    con.execute("create table photos (id integer primary key, path text)")
    con.commit()
    con.close()
    newer = os.path.join(tmp, "newer.tenure")
    shutil.copy(w, newer)
    con = sqlite3.connect(newer)
    con.execute("pragma user_version = 99")
    con.close()
    truncated = os.path.join(tmp, "truncated.tenure")
    big = os.path.join(tmp, "big.tenure")
    run("new", big)
    con = sqlite3.connect(big)
    con.executemany("insert into account (key, name) values (?, ?)", [(f"K{i}", "x" * 200) for i in range(2000)])
    con.commit()
    con.close()
    with open(big, "rb") as f:
        data = f.read()
    with open(truncated, "wb") as f:
        f.write(data[: len(data) // 2])
    for name in list(bad) + ["foreign.tenure", "newer.tenure", "truncated.tenure", "missing.tenure"]:
        path = os.path.join(tmp, name)
        before = digest(path) if os.path.exists(path) else None
        rc, out, err = run("info", path)
        after = digest(path) if os.path.exists(path) else None
        check(f"info {name} exits 1 with one line naming it, file unchanged",
              rc == 1 and name in err and err.count("\n") == 1 and before == after, err)

    # read-only: info works and says so; writes fail
    ro = os.path.join(tmp, "ro.tenure")
    shutil.copy(w, ro)
    os.chmod(ro, 0o444)
    rc, out, err = run("info", ro)
    check("info on a read-only workspace succeeds and says so", rc == 0 and "read-only" in out, out + err)
    rc, out, err = run("set", ro, "currency", "EUR")
    check("set on a read-only workspace exits 1", rc == 1 and "read-only" in err, err)

    # import: a German spreadsheet export needs no flag
    g = os.path.join(tmp, "g.tenure")
    run("new", g)
    rc, out, err = run("import", g, os.path.join(FIXTURES, "german-export.csv"))
    check("German export imports without flags", rc == 0, out + err)
    # a typo in one row names the row and its column; valid rows are kept (exit 3)
    rc, out, err = run("import", g, os.path.join(FIXTURES, "typo-one-row.csv"))
    check("a typo names its row and column, exit 3", rc == 3 and "row" in err and "column" in err, out + err)

    # strict writes nothing; dry run writes nothing; re-import adds nothing; undo restores
    s = os.path.join(tmp, "s.tenure")
    run("new", s)
    empty = dump(s)
    rc, out, err = run("import", s, os.path.join(FIXTURES, "typo-one-row.csv"), "--strict")
    check("--strict with a rejected row exits 3 and writes nothing", rc == 3 and dump(s) == empty, out + err)
    rc, out, err = run("import", s, os.path.join(FIXTURES, "deals-with-ids.csv"), "--dry-run")
    check("--dry-run writes nothing", rc == 0 and dump(s) == empty and "dry run" in out, out + err)
    rc, out, err = run("import", s, os.path.join(FIXTURES, "deals-with-ids.csv"))
    once = dump(s)
    check("import of deals", rc == 0 and once != empty, out + err)
    rc, out, err = run("import", s, os.path.join(FIXTURES, "deals-with-ids.csv"))
    con = sqlite3.connect(s)
    deals = con.execute("select count(*) from deal").fetchone()[0]
    con.close()
    check("re-import adds nothing", rc == 0 and " 0 new" in out, out + err)
    rc, out, err = run("undo", s)
    rc2, out2, err2 = run("undo", s)
    check("undo twice restores the empty workspace", rc == 0 and rc2 == 0 and dump(s) == empty, err + err2)
    rc, out, err = run("undo", s)
    check("undo with nothing to undo exits 1", rc == 1, err)
    rejects = os.path.join(tmp, "rejects.csv")
    rc, out, err = run("import", s, os.path.join(FIXTURES, "typo-one-row.csv"), "--rejects", rejects)
    check("--rejects writes the rejected rows", rc == 3 and os.path.exists(rejects) and os.path.getsize(rejects) > 0, err)
    rc, out, err = run("import", s, os.path.join(FIXTURES, "unknown-kind.csv"))
    check("an unknown kind exits 1 naming the file", rc == 1 and "unknown-kind.csv" in err, err)
    rc, out, err = run("import", s, os.path.join(FIXTURES, "deals-with-ids.csv"), "--kind", "invoices")
    check("a wrong --kind exits 2", rc == 2, err)

    # the sample: figures through the CLI, and consistent with themselves
    sample = os.path.join(tmp, "sample.tenure")
    rc, out, err = run("new", sample, "--sample")
    check("new --sample", rc == 0, err)
    rc, out, err = run("check", sample)
    check("check on the sample exits 0", rc == 0, out + err)
    rc, out, err = run("metrics", sample, "--json")
    m = json.loads(out) if rc == 0 else {}
    series = m.get("series", [])
    check("metrics --json on the sample has a series", rc == 0 and len(series) >= 36, err)
    ok = all(b["active_accounts"] == a["active_accounts"] + b["new_accounts"] + b["reactivated_accounts"]
             - b["churned_accounts"] for a, b in zip(series, series[1:]))
    check("active(p) = active(p-1) + new + reactivated - churned on the sample", ok)
    ok = all(b["net_new_mrr"] == b["mrr"] - a["mrr"] for a, b in zip(series, series[1:]))
    check("net new MRR = MRR(p) - MRR(p-1) on the sample", ok)
    ok = all(p["arr"] == 12 * p["mrr"] for p in series)
    check("ARR = 12 x MRR", ok)
    ok = all(sum(p["stages"].values()) == p["active_accounts"] for p in series)
    check("stage counts add up to the active accounts", ok)
    rc, out, err = run("metrics", sample, "--json", "--period", "quarter")
    q = json.loads(out) if rc == 0 else {}
    if q.get("series"):
        last = q["series"][-1]
        months = [p for p in series if last["start"] <= p["start"] <= last["end"]]
        check("a quarter's movements are the sum of its months",
              all(last[k] == sum(p[k] for p in months) for k in
                  ("new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr",
                   "new_accounts", "churned_accounts", "bookings")))
        check("a quarter's MRR is its last month's", last["mrr"] == series[-1]["mrr"])
    else:
        check("metrics --period quarter", False, err)
    rc, out, err = run("accounts", sample, "--json")
    accounts = json.loads(out) if rc == 0 else []
    active = sum(1 for a in accounts if a["active"])
    check("accounts --json: the active ones are metrics' active accounts",
          rc == 0 and active == series[-1]["active_accounts"], err)
    check("accounts --json: MRR adds up to the workspace MRR",
          sum(a["mrr"] for a in accounts) == series[-1]["mrr"])
    rc, out, err = run("accounts", sample, "--json", "--at-risk")
    risky = json.loads(out) if rc == 0 else []
    check("accounts --at-risk lists the metrics' at-risk accounts",
          rc == 0 and sorted(a["account"] for a in risky) == sorted(a["account"] for a in m.get("at_risk", [])))
    rc, out, err = run("value", sample, "--json")
    v = json.loads(out) if rc == 0 else {}
    check("value --json fits the survival model on the sample",
          rc == 0 and v.get("model") == "survival" and v.get("converged") is True, out + err)
    check("value's future account value is the metrics' one",
          v.get("future_account_value") == m.get("value", {}).get("future_account_value"))
    kinds = ["lifecycle", "transitions", "cohorts", "retention", "quick-ratio", "mrr-bridge",
             "segments", "scorecards", "value"]
    titles = {"quick-ratio": "quick ratio", "lifecycle": "Lifecycle", "cohorts": "retention",
              "mrr-bridge": "bridge"}
    for kind in kinds:
        for ext in ("png", "svg", "pdf"):
            out = os.path.join(tmp, f"{kind}.{ext}")
            rc, _, err = run("chart", sample, kind, "-o", out, "--width", "900", "--height", "500",
                             *(["--dark"] if ext == "svg" else []))
            check(f"chart {kind} as {ext}", rc == 0 and os.path.getsize(out) > 1000, err)
        if kind in titles and shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", os.path.join(tmp, f"{kind}.pdf"), "-"],
                                  capture_output=True, text=True).stdout
            check(f"chart {kind}: the PDF keeps its title as text", titles[kind].lower() in text.lower(), text[:200])
    rc, _, err = run("chart", sample, "pie", "-o", os.path.join(tmp, "pie.png"))
    check("an unknown chart exits 2", rc == 2 and "pie" in err, err)
    rc, _, err = run("chart", sample, "lifecycle", "-o", os.path.join(tmp, "chart.gif"))
    check("an unknown image type exits 1", rc == 1 and "chart.gif" in err, err)
    check("future value is the sum over accounts",
          v.get("future_account_value") is not None
          and abs(sum(a["future_value"] for a in v["per_account"]) - v["future_account_value"]) <= len(v["per_account"]))


main()
