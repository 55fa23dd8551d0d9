#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks flatpak/io.github.tenure.Tenure.json without flatpak-builder: valid
# JSON, the application id and command, the sandbox permissions that
# docs/flatpak.md explains, and the application built last with meson.
# Usage: test-flatpak-manifest.py [MANIFEST]; prints TAP.

import json
import os
import sys

APP_ID = 'io.github.tenure.Tenure'
FINISH_ARGS = [
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    '--filesystem=xdg-documents',
]

results = []


def check(ok, name, diag=None):
    results.append((bool(ok), name, diag))
    return bool(ok)


def main():
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        top = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
        path = os.path.join(top, 'flatpak', APP_ID + '.json')

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        check(False, 'manifest is valid JSON', str(e))
        return

    check(isinstance(manifest, dict), 'manifest is valid JSON')
    if not isinstance(manifest, dict):
        return

    # "app-id" is the deprecated spelling of "id"; accept either, not both.
    ids = [manifest[k] for k in ('id', 'app-id') if k in manifest]
    check(ids == [APP_ID], 'application id is ' + APP_ID, 'found %r' % ids)
    check(manifest.get('command') == 'tenure', 'command is tenure',
          'found %r' % manifest.get('command'))
    check(manifest.get('runtime') == 'org.gnome.Platform'
          and manifest.get('sdk') == 'org.gnome.Sdk'
          and isinstance(manifest.get('runtime-version'), str),
          'GNOME runtime and SDK with a version')

    args = manifest.get('finish-args', [])
    for arg in FINISH_ARGS:
        check(arg in args, 'finish-args has ' + arg)
    # A new permission needs its reason in docs/flatpak.md and a line above.
    check(sorted(args) == sorted(FINISH_ARGS), 'no other finish-args',
          'extra: %r' % sorted(set(args) - set(FINISH_ARGS)))

    modules = manifest.get('modules', [])
    named = [m for m in modules if isinstance(m, dict)]
    check(len(named) == len(modules) and len(modules) >= 2,
          'modules are inline objects, GSL and tenure at least')
    for m in named:
        for src in m.get('sources', []):
            if src.get('type') in ('archive', 'file'):
                sha = src.get('sha256', '')
                check(len(sha) == 64 and all(c in '0123456789abcdef' for c in sha)
                      and len(set(sha)) > 4,
                      'module %s: source %s has a sha256' % (m.get('name'), src.get('url')))

    last = named[-1] if named else {}
    check(last.get('name') == 'tenure', 'last module is tenure',
          'found %r' % last.get('name'))
    check(last.get('buildsystem') == 'meson', 'last module builds with meson')
    dirs = [s for s in last.get('sources', []) if s.get('type') == 'dir']
    check(len(dirs) == 1 and dirs[0].get('path') == '..',
          'last module builds the source tree (dir "..")')


main()
for i, (ok, name, diag) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and diag:
        print('# ' + diag)
print('1..%d' % len(results))
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
