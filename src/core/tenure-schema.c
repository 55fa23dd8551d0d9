/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-schema"

#include "config.h"

#include "tenure-schema.h"
#include "tenure-settings.h"

/* The workspace schema, version 2. Dates are ISO 8601 text (YYYY-MM-DD),
 * money is integer minor units. Every imported row carries batch_id (and a
 * content fingerprint where it has no id of its own) so an import can be
 * undone exactly. The columns named in ARCHITECTURE.md are a contract.
 *
 * Version 2 keeps the same tables and columns. The uniqueness of external
 * ids and fingerprints moved from column constraints to partial unique
 * indexes of their own: an index can be dropped and built again in one
 * sort when a large file is imported into an empty table, where a column
 * constraint would be checked row by row. The unused index on
 * deal(closed_on) is gone. */
/* Column mappings the user corrected, remembered per header. Added in
 * version 1; the migration from version 0 creates it with this same text, so
 * a migrated file has exactly the schema of a new one. */
#define TENURE_SQL_IMPORT_MAPPING \
  "CREATE TABLE import_mapping (\n" \
  "  header TEXT PRIMARY KEY,\n" \
  "  kind TEXT NOT NULL,\n" \
  "  mapping TEXT NOT NULL\n" \
  ");\n"

const char *const tenure_sql_import_mapping = TENURE_SQL_IMPORT_MAPPING;

const char *const tenure_schema_sql =
  "CREATE TABLE import_batch (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  file_name TEXT NOT NULL,\n"
  "  sha256 TEXT NOT NULL,\n"
  "  imported_at TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL,\n"
  "  mapping TEXT NOT NULL DEFAULT '{}',\n"
  "  rows_new INTEGER NOT NULL DEFAULT 0,\n"
  "  rows_updated INTEGER NOT NULL DEFAULT 0,\n"
  "  rows_unchanged INTEGER NOT NULL DEFAULT 0,\n"
  "  rows_rejected INTEGER NOT NULL DEFAULT 0,\n"
  "  header TEXT\n"
  ");\n"
  /* What each batch changed, so undo restores the workspace exactly:
   * old_row NULL means the batch inserted the row; otherwise it holds the
   * row as it was before the batch (a JSON object of its columns). */
  "CREATE TABLE import_change (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,\n"
  "  table_name TEXT NOT NULL,\n"
  "  row_id INTEGER NOT NULL,\n"
  "  old_row TEXT\n"
  ");\n"
  "CREATE INDEX import_change_batch ON import_change(batch_id);\n"
  "CREATE INDEX import_change_row ON import_change(table_name, row_id);\n"
  TENURE_SQL_IMPORT_MAPPING
  "CREATE TABLE account (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  key TEXT NOT NULL UNIQUE,\n"
  "  name TEXT NOT NULL,\n"
  "  segment TEXT,\n"
  "  owner TEXT,\n"
  "  type INTEGER CHECK (type IS NULL OR type BETWEEN 1 AND 4),\n"
  "  region TEXT,\n"
  "  referenceable INTEGER NOT NULL DEFAULT 0 CHECK (referenceable IN (0, 1)),\n"
  "  end_date TEXT,\n"
  "  batch_id INTEGER REFERENCES import_batch(id)\n"
  ");\n"
  "CREATE TABLE deal (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  ext_id TEXT,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  created_on TEXT,\n"
  "  closed_on TEXT,\n"
  "  status TEXT NOT NULL DEFAULT 'won' CHECK (status IN ('won', 'lost', 'open')),\n"
  "  amount INTEGER NOT NULL CHECK (amount >= 0),\n"
  "  kind TEXT NOT NULL DEFAULT 'new'\n"
  "    CHECK (kind IN ('new', 'upsell', 'cross_sell', 'renewal', 'other')),\n"
  "  source TEXT,\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  fingerprint TEXT,\n"
  "  CHECK (status <> 'won' OR closed_on IS NOT NULL)\n"
  ");\n"
  "CREATE UNIQUE INDEX deal_ext_id ON deal(ext_id) WHERE ext_id IS NOT NULL;\n"
  "CREATE UNIQUE INDEX deal_fingerprint ON deal(fingerprint) WHERE fingerprint IS NOT NULL;\n"
  "CREATE INDEX deal_account ON deal(account_id, closed_on);\n"
  "CREATE TABLE subscription (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  ext_id TEXT,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  plan TEXT,\n"
  "  starts_on TEXT NOT NULL,\n"
  "  ends_on TEXT,\n"
  "  mrr INTEGER NOT NULL CHECK (mrr >= 0),\n"
  "  seats INTEGER CHECK (seats IS NULL OR seats >= 0),\n"
  "  seats_assigned INTEGER CHECK (seats_assigned IS NULL OR seats_assigned >= 0),\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  fingerprint TEXT,\n"
  "  CHECK (ends_on IS NULL OR ends_on >= starts_on)\n"
  ");\n"
  "CREATE UNIQUE INDEX subscription_ext_id ON subscription(ext_id) WHERE ext_id IS NOT NULL;\n"
  "CREATE UNIQUE INDEX subscription_fingerprint ON subscription(fingerprint)\n"
  "  WHERE fingerprint IS NOT NULL;\n"
  "CREATE INDEX subscription_account ON subscription(account_id, starts_on);\n"
  "CREATE TABLE journey_stage (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  position INTEGER NOT NULL UNIQUE,\n"
  "  name TEXT NOT NULL UNIQUE,\n"
  "  min_mrr INTEGER CHECK (min_mrr IS NULL OR min_mrr >= 0)\n"
  ");\n"
  "CREATE TABLE event (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  occurred_on TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL\n"
  "    CHECK (kind IN ('originated', 'upgraded', 'downgraded', 'churned', 'reactivated')),\n"
  "  stage_id INTEGER REFERENCES journey_stage(id),\n"
  "  note TEXT,\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  fingerprint TEXT\n"
  ");\n"
  "CREATE UNIQUE INDEX event_fingerprint ON event(fingerprint)\n"
  "  WHERE fingerprint IS NOT NULL;\n"
  "CREATE INDEX event_account ON event(account_id, occurred_on);\n"
  "CREATE TABLE touchpoint (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  occurred_on TEXT NOT NULL,\n"
  "  channel TEXT NOT NULL DEFAULT 'other'\n"
  "    CHECK (channel IN ('call', 'email', 'meeting', 'video', 'other')),\n"
  "  direction TEXT,\n"
  "  deal_id INTEGER REFERENCES deal(id),\n"
  "  deal_ext_id TEXT,\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  fingerprint TEXT\n"
  ");\n"
  "CREATE UNIQUE INDEX touchpoint_fingerprint ON touchpoint(fingerprint)\n"
  "  WHERE fingerprint IS NOT NULL;\n"
  "CREATE INDEX touchpoint_account ON touchpoint(account_id, occurred_on);\n"
  "CREATE TABLE survey_response (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  answered_on TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL DEFAULT 'nps' CHECK (kind IN ('nps', 'csat')),\n"
  "  score INTEGER NOT NULL,\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  fingerprint TEXT,\n"
  "  CHECK ((kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'csat' AND score BETWEEN 1 AND 5))\n"
  ");\n"
  "CREATE UNIQUE INDEX survey_response_fingerprint ON survey_response(fingerprint)\n"
  "  WHERE fingerprint IS NOT NULL;\n"
  "CREATE INDEX survey_account ON survey_response(account_id, answered_on);\n"
  "CREATE TABLE funnel (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  segment TEXT NOT NULL,\n"
  "  month TEXT NOT NULL,\n"
  "  marketing_spend INTEGER NOT NULL DEFAULT 0 CHECK (marketing_spend >= 0),\n"
  "  sales_spend INTEGER NOT NULL DEFAULT 0 CHECK (sales_spend >= 0),\n"
  "  leads INTEGER NOT NULL DEFAULT 0 CHECK (leads >= 0),\n"
  "  opportunities INTEGER NOT NULL DEFAULT 0 CHECK (opportunities >= 0),\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  UNIQUE (segment, month)\n"
  ");\n"
  "CREATE TABLE score_area (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  position INTEGER NOT NULL UNIQUE,\n"
  "  name TEXT NOT NULL UNIQUE\n"
  ");\n"
  "CREATE TABLE score_metric (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  area_id INTEGER NOT NULL REFERENCES score_area(id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  UNIQUE (area_id, position),\n"
  "  UNIQUE (area_id, name)\n"
  ");\n"
  "CREATE TABLE score_entry (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  metric_id INTEGER NOT NULL REFERENCES score_metric(id) ON DELETE CASCADE,\n"
  "  scored_on TEXT NOT NULL,\n"
  "  value REAL NOT NULL CHECK (value BETWEEN 0 AND 10),\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  fingerprint TEXT\n"
  ");\n"
  "CREATE UNIQUE INDEX score_entry_fingerprint ON score_entry(fingerprint)\n"
  "  WHERE fingerprint IS NOT NULL;\n"
  "CREATE INDEX score_entry_account ON score_entry(account_id, metric_id, scored_on);\n"
  "CREATE TABLE target (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  fiscal_year INTEGER NOT NULL,\n"
  "  arr_last_year INTEGER,\n"
  "  arr_target_delta INTEGER,\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  UNIQUE (account_id, fiscal_year)\n"
  ");\n"
  "CREATE TABLE setting (\n"
  "  key TEXT PRIMARY KEY,\n"
  "  value TEXT NOT NULL\n"
  ");\n";

G_DEFINE_QUARK (tenure-schema-error-quark, tenure_schema_error)

const char *const tenure_default_score_areas[5] = {
  "Effectively Launched",
  "Generate ROI",
  "ROI Recognized",
  "Customer Monetizes",
  "Valued Strategic Partner",
};

const char *const tenure_default_score_metrics[5][3] = {
  { "Go-live on time", "Onboarding complete", "Adoption" },
  { "Use cases live", "Time to value", "Business KPIs improved" },
  { "Executive sponsor", "ROI documented", "Business reviews held" },
  { "Renewal secured", "Expansion pipeline", "Licence utilisation" },
  { "Reference willing", "Roadmap input", "Multi-year agreement" },
};

gboolean
tenure_sql_exec (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, TENURE_SCHEMA_ERROR, sqlite3_errcode (db), "%s",
                   message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_defaults (sqlite3     *db,
                 const char  *currency,
                 GError     **error)
{
  g_autoptr(GArray) stages = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *const *keys = tenure_settings_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = tenure_settings_default (keys[i]);
      char *row;

      /* Stages are rows of journey_stage, not a setting value. */
      if (g_str_equal (keys[i], "stages"))
        continue;
      if (g_str_equal (keys[i], "currency") && currency != NULL)
        value = currency;
      row = sqlite3_mprintf ("INSERT INTO setting (key, value) VALUES (%Q, %Q);\n", keys[i], value);
      g_string_append (sql, row);
      sqlite3_free (row);
    }

  stages = tenure_settings_parse_stages (tenure_settings_default ("stages"), error);
  if (stages == NULL)
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    {
      const TenureStageSpec *spec = &g_array_index (stages, TenureStageSpec, i);
      char *row = sqlite3_mprintf ("INSERT INTO journey_stage (position, name, min_mrr) "
                                   "VALUES (%u, %Q, NULL);\n", i, spec->name);

      g_string_append (sql, row);
      sqlite3_free (row);
    }

  for (guint a = 0; a < G_N_ELEMENTS (tenure_default_score_areas); a++)
    {
      char *row = sqlite3_mprintf ("INSERT INTO score_area (id, position, name) VALUES (%u, %u, %Q);\n",
                                   a + 1, a, tenure_default_score_areas[a]);

      g_string_append (sql, row);
      sqlite3_free (row);
      for (guint m = 0; m < 3; m++)
        {
          row = sqlite3_mprintf ("INSERT INTO score_metric (area_id, position, name) "
                                 "VALUES (%u, %u, %Q);\n", a + 1, m, tenure_default_score_metrics[a][m]);
          g_string_append (sql, row);
          sqlite3_free (row);
        }
    }
  return tenure_sql_exec (db, sql->str, error);
}

gboolean
tenure_schema_install (sqlite3     *db,
                       const char  *currency,
                       GError     **error)
{
  g_autofree char *pragmas = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!tenure_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             TENURE_APPLICATION_ID, TENURE_SCHEMA_VERSION);
  if (!tenure_sql_exec (db, tenure_schema_sql, error) ||
      !insert_defaults (db, currency, error) ||
      !tenure_sql_exec (db, pragmas, error) ||
      !tenure_sql_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
