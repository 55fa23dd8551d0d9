#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The German translation end to end, without installing: tenure-cli finds
the catalogs of the build directory through TENURE_LOCALEDIR (set by
tests/meson.build). Under de_DE.UTF-8 the human output of metrics, info and
value, a chart, the board report and an error message are German with
decimal commas; metrics --json stays byte for byte what the C locale writes.
Usage: test-german.py TENURE_CLI"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

cli = sys.argv[1]
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def run(args, lang="de_DE.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE="")
    p = subprocess.run([cli] + args, capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8"), p.stdout


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True).stdout


def finish():
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok and detail:
            for line in detail.rstrip().splitlines()[:30]:
                print(f"# {line}")
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
if "de_de.utf8" not in locales and "de_de.utf-8" not in locales:
    print("1..0 # SKIP the de_DE.UTF-8 locale is not installed (Debian: locales-all)")
    sys.exit(0)

localedir = os.environ.get("TENURE_LOCALEDIR", "")
check("TENURE_LOCALEDIR holds the German catalog",
      os.path.isfile(os.path.join(localedir, "de", "LC_MESSAGES", "tenure.mo")), localedir)

# A German money amount with thousands separators ("1.024.032,00"), a ratio
# ("25,37×") and a percentage ("106,3%").
MONEY = re.compile(r"\b\d{1,3}(?:\.\d{3})+,\d{2}\b")
RATIO = re.compile(r"\b\d+,\d{2}×")
PERCENT = re.compile(r"\b\d+,\d%")

with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "sample.tenure")
    rc, out, err, _ = run(["new", ws, "--sample"], lang="C.UTF-8")
    check("new --sample creates the sample workspace", rc == 0 and os.path.exists(ws), out + err)

    rc, out, err, _ = run(["metrics", ws])
    check("metrics: German column headings", rc == 0 and "Zeitraum" in out and "Neu-MRR" in out
          and "Churn-MRR" in out, out + err)
    check("metrics: German footer", "Beträge in USD; Churn-Regel" in out, out)
    check("metrics: money with German separators (1.234,56)", MONEY.search(out), out)
    check("metrics: quick ratio with a decimal comma (4,20×)", RATIO.search(out), out)
    check("metrics: percentages with a decimal comma (1,4%)", PERCENT.search(out), out)
    check("metrics: no English money format left", not re.search(r"\d,\d{3}\.\d{2}\b", out), out)

    rc_c, out_c, _, _ = run(["metrics", ws], lang="C.UTF-8")
    check("metrics in the C locale stays English with a decimal point",
          rc_c == 0 and "period" in out_c and "Money in USD" in out_c
          and re.search(r"\d,\d{3}\.\d{2}\b", out_c), out_c)

    rc, out, err, _ = run(["info", ws])
    check("info: German labels", rc == 0 and "Arbeitsbereich:" in out and "Währung:" in out
          and "Churn-Regel:" in out and "Lesen und Schreiben" in out, out + err)
    check("info: table names stay as scripts query them", re.search(r"^touchpoint\s+\d", out, re.M), out)
    check("info: counts with German thousands separators", re.search(r"^touchpoint\s+\d{1,3}\.\d{3}$", out, re.M), out)

    rc, out, err, _ = run(["value", ws])
    check("value: German output with decimal commas",
          rc == 0 and "Künftiger Kundenwert:" in out and "Modell:" in out and MONEY.search(out), out + err)

    # JSON is locale independent: byte for byte the same as in the C locale.
    rc_de, _, err_de, json_de = run(["metrics", ws, "--json"])
    rc_c, _, err_c, json_c = run(["metrics", ws, "--json"], lang="C.UTF-8")
    check("metrics --json under de_DE is byte-identical to the C locale",
          rc_de == 0 and rc_c == 0 and json_de == json_c and len(json_c) > 0, err_de + err_c)
    try:
        json.loads(json_de)
        parsed = True
    except ValueError:
        parsed = False
    check("metrics --json under de_DE parses as JSON", parsed)
    rc_de, _, _, acc_de = run(["accounts", ws, "--json"])
    rc_c, _, _, acc_c = run(["accounts", ws, "--json"], lang="C.UTF-8")
    check("accounts --json under de_DE is byte-identical to the C locale",
          rc_de == 0 and acc_de == acc_c and len(acc_c) > 0)

    # A benchmark with a fraction shows on the chart with one decimal.
    rc, out, err, _ = run(["set", ws, "quick-ratio-benchmark", "4.5"], lang="C.UTF-8")
    check("set quick-ratio-benchmark 4.5", rc == 0, out + err)
    chart = os.path.join(tmp, "x.pdf")
    rc, out, err, _ = run(["chart", ws, "quick-ratio", "-o", chart])
    text = pdf_text(chart) if rc == 0 and os.path.exists(chart) else ""
    check("chart quick-ratio: German title", "MRR-Bewegungen und Quick Ratio" in text, text + err)
    check("chart quick-ratio: German legend", "Kontraktion" in text and "Richtwert" in text, text)
    check("chart quick-ratio: a decimal comma (4,5×)", "4,5×" in text, text)

    report = os.path.join(tmp, "report.pdf")
    rc, out, err, _ = run(["report", ws, "-o", report])
    text = pdf_text(report) if rc == 0 and os.path.exists(report) else ""
    for heading in ("Vorstandsbericht", "Inhalt", "Zusammenfassung", "Kennzahlen", "Umsatzbewegungen",
                    "Kundenlebenszyklus", "Gefährdete Kunden", "Definitionen und Hinweise"):
        check(f"report: German heading “{heading}”", heading in text, err)
    check("report: decimal commas", re.search(r"\d,\d", text), err)

    # Errors are German too, usage errors and core's messages alike.
    missing = os.path.join(tmp, "missing.tenure")
    rc, out, err, _ = run(["info", missing])
    check("info on a missing file: German error, exit 1",
          rc == 1 and "missing.tenure existiert nicht" in err, err)
    rc, out, err, _ = run(["metrics", ws, "--period", "fortnight"])
    check("a usage error in German, exit 2",
          rc == 2 and "--period erwartet" in err and "Aufruf: tenure-cli metrics" in err, err)
    rc, out, err, _ = run(["set", ws, "gross-margin", "lots"])
    check("a settings error in German", rc == 1 and "ist nicht gültig" in err and "einen Anteil" in err, err)

finish()
