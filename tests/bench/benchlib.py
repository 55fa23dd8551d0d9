# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared parts of the benchmark drivers: where the build is, running a
program with its wall time and peak memory, and the generated ledgers."""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
BUILD = os.environ.get("TENURE_BUILD", os.path.join(TOP, "_build"))
CLI = os.path.join(BUILD, "src", "cli", "tenure-cli")
GEN = os.path.join(BUILD, "tests", "gen-ledger")


def arguments(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--smoke", action="store_true",
                   help="run once at the small size, without timing claims (./dev test)")
    p.add_argument("--keep", metavar="DIR", help="keep the generated files in DIR")
    return p.parse_args()


def measure(argv, stdout=subprocess.DEVNULL, stdin=None):
    """Runs argv; returns (seconds, peak resident MB, exit status)."""
    start = time.monotonic()
    p = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.monotonic() - start
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        sys.exit(f"{argv[0]} failed ({code}): {err.strip()}")
    return seconds, usage.ru_maxrss / 1024.0, err


def generate(size, directory, kinds):
    subprocess.run([GEN, "--size", size, "--seed", "7", "--kinds", ",".join(kinds), directory],
                   check=True, stdout=subprocess.DEVNULL)


def workdir(args):
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        return args.keep
    return tempfile.mkdtemp(prefix="tenure-bench-")


def line(name, value, unit):
    print(f"{name:<44} {value:>12.3f} {unit}")
