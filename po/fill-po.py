#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lists the strings a translation still lacks, and fills them in.

  po/fill-po.py todo po/de.po > todo.json     untranslated and fuzzy entries,
                                              as JSON with an empty "str"
  (translate: fill every "str"; a plural entry takes a list, one per form)
  po/fill-po.py fill po/de.po todo.json       writes the translations into
                                              po/de.po and clears their fuzzy flag

Run `ninja -C _build tenure-update-po` first so the .po has every string of
the sources, and `msgfmt --check --statistics po/de.po` after.
See docs/translating.md."""

import json
import re
import subprocess
import sys


def unquote(text):
    return json.loads(text)


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def read(path):
    """The .po as a list of entries (dicts) with their comment lines."""
    entries, cur, key = [], None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    entries.append(cur)
                cur = None
                continue
            if cur is None:
                cur = {"comments": [], "ctx": None, "id": None, "plural": None, "str": None}
            if line.startswith("#"):
                cur["comments"].append(line)
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)\s+(".*")$', line)
            if m:
                name = {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}.get(m.group(1), "str")
                value = unquote(m.group(3))
                if m.group(2) is not None:
                    if not isinstance(cur["str"], list):
                        cur["str"] = []
                    cur["str"].append(value)
                    key = ("str", int(m.group(2)))
                else:
                    cur[name] = value
                    key = name
            elif line.startswith('"'):
                value = unquote(line)
                if isinstance(key, tuple):
                    cur["str"][key[1]] += value
                else:
                    cur[key] += value
    if cur:
        entries.append(cur)
    return entries


def is_fuzzy(entry):
    return any(c.startswith("#,") and "fuzzy" in c for c in entry["comments"])


def is_obsolete(entry):
    return any(c.startswith("#~") for c in entry["comments"])


def missing(entry):
    s = entry["str"]
    return not s or (isinstance(s, list) and not all(s))


def todo(path):
    out = []
    for e in read(path):
        if e["id"] in (None, "") or is_obsolete(e):
            continue
        if missing(e) or is_fuzzy(e):
            out.append({"ctx": e["ctx"], "id": e["id"], "plural": e["plural"],
                        "str": ["", ""] if e["plural"] else ""})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


def write_entry(f, e):
    for c in e["comments"]:
        f.write(c + "\n")
    if e["id"] is None:  # an obsolete (#~) entry is all comment lines
        f.write("\n")
        return
    if e["ctx"] is not None:
        f.write(f"msgctxt {quote(e['ctx'])}\n")
    f.write(f"msgid {quote(e['id'])}\n")
    if e["plural"] is not None:
        f.write(f"msgid_plural {quote(e['plural'])}\n")
        for i, s in enumerate(e["str"] or ["", ""]):
            f.write(f"msgstr[{i}] {quote(s)}\n")
    else:
        f.write(f"msgstr {quote(e['str'] or '')}\n")
    f.write("\n")


def fill(path, translations):
    with open(translations, encoding="utf-8") as f:
        given = {(t["ctx"], t["id"]): t["str"] for t in json.load(f)}
    entries = read(path)
    filled = 0
    for e in entries:
        s = given.get((e["ctx"], e["id"]))
        if e["id"] in (None, "") or not s or is_obsolete(e):
            continue
        if (isinstance(s, list)) != (e["plural"] is not None):
            sys.exit(f"fill-po: {e['id']!r}: a plural entry takes a list, a singular one a string")
        e["str"] = s
        comments = []
        for c in e["comments"]:
            if c.startswith("#|"):
                continue  # the previous msgid of a fuzzy match
            if c.startswith("#,"):
                flags = [x.strip() for x in c[2:].split(",") if x.strip() and x.strip() != "fuzzy"]
                if not flags:
                    continue
                c = "#, " + ", ".join(flags)
            comments.append(c)
        e["comments"] = comments
        filled += 1
    with open(path, "w", encoding="utf-8") as f:
        for e in entries:
            write_entry(f, e)
    # Back to the usual line wrapping of the gettext tools.
    subprocess.run(["msgcat", "-o", path, path], check=True)
    print(f"fill-po: {filled} entries filled in {path}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "todo":
        todo(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "fill":
        fill(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
