#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the seed corpus of fuzz-workspace from a few small real
# workspaces: tests/fuzz/make-seeds.sh BUILD_DIR. Pages of 512 bytes keep
# each seed small, so mutations land in structure rather than free space.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cli=${1:-$top/_build}/src/cli/tenure-cli
out="$top/tests/fuzz/corpus/fuzz-workspace"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

small() { sqlite3 "$1" "PRAGMA page_size = 512; VACUUM;"; }

"$cli" new "$tmp/empty.tenure" --currency EUR >/dev/null
small "$tmp/empty.tenure"

"$cli" new "$tmp/rows.tenure" >/dev/null
"$cli" set "$tmp/rows.tenure" churn-rule contract
"$cli" set "$tmp/rows.tenure" stages '[{"name":"Onboarding"},{"name":"Live","min_mrr":5000}]'
sqlite3 "$tmp/rows.tenure" <<'SQL'
INSERT INTO import_batch (id, file_name, sha256, imported_at, kind) VALUES (1, 'a.csv', 'x', '2024-01-01', 'subscriptions');
INSERT INTO account (id, key, name, segment, batch_id) VALUES (1, 'ACME', 'Acme Inc', 'Tech', 1), (2, 'GLOBEX', 'Globex', 'Retail', 1);
INSERT INTO subscription (account_id, plan, starts_on, ends_on, mrr, batch_id) VALUES
  (1, 'Pro', '2023-01-01', '2023-12-31', 12000, 1), (2, 'Basic', '2023-03-01', NULL, 4000, 1);
INSERT INTO deal (account_id, closed_on, status, amount, kind) VALUES (1, '2022-12-15', 'won', 144000, 'new');
INSERT INTO event (account_id, occurred_on, kind, stage_id) VALUES (1, '2023-01-01', 'originated', 1);
SQL
small "$tmp/rows.tenure"

# Format 0: migrated on opening.
cp "$tmp/rows.tenure" "$tmp/v0.tenure"
sqlite3 "$tmp/v0.tenure" "DROP TABLE import_mapping; PRAGMA user_version = 0; VACUUM;"

# A trigger and a view: opened read-only, never run.
cp "$tmp/rows.tenure" "$tmp/trigger.tenure"
sqlite3 "$tmp/trigger.tenure" "CREATE TABLE log (x); CREATE TRIGGER spy AFTER UPDATE ON setting BEGIN INSERT INTO log VALUES (new.key); END; CREATE VIEW v AS SELECT * FROM account; VACUUM;"

# Rows breaking the invariants.
cp "$tmp/rows.tenure" "$tmp/bad-rows.tenure"
sqlite3 "$tmp/bad-rows.tenure" "PRAGMA ignore_check_constraints = ON; INSERT INTO subscription (account_id, starts_on, ends_on, mrr) VALUES (7, '2024-05-01', '2024-04-01', -5); VACUUM;"

for f in empty rows v0 trigger bad-rows; do cp "$tmp/$f.tenure" "$out/$f.tenure"; done
ls -l "$out"
