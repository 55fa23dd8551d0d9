#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file with translatable strings is listed in po/POTFILES, and
every listed file exists: a string in a file gettext never sees is a string
nobody can translate. Usage: test-potfiles.py SOURCE_ROOT"""

import os
import re
import sys

top = sys.argv[1]
listed = set()
with open(os.path.join(top, "po", "POTFILES")) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

c_marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dgettext|ngettext)\s*\(\s*"')
ui_marker = re.compile(r'translatable="yes"')
found = set()
for folder in ("src", "ui", "data"):
    for root, _, files in os.walk(os.path.join(top, folder)):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            try:
                text = open(path, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            if name.endswith(".c") and c_marker.search(text):
                found.add(rel)
            elif name.endswith(".ui") and ui_marker.search(text):
                found.add(rel)

results = []
for rel in sorted(found):
    results.append((f"{rel} is in po/POTFILES", rel in listed))
for rel in sorted(listed):
    results.append((f"{rel} (listed) exists", os.path.exists(os.path.join(top, rel))))
print(f"1..{len(results)}")
for i, (name, ok) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
sys.exit(0 if all(ok for _, ok in results) else 1)
