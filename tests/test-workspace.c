/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tenure-schema.h"
#include "tenure-settings.h"
#include "tenure-test-util.h"
#include "tenure-workspace.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = tenure_test_tmpdir ();
  f->path = g_build_filename (f->dir, "w.tenure", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tenure_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, "eur", &error);
  g_autofree char *journal = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rule = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  db = tenure_workspace_get_db (ws);

  /* "TNRE" = 0x544E5245 = 1414419013 */
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, 1414419013);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, TENURE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);
  journal = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "delete");
  g_assert_cmpint (query_int (db, "PRAGMA trusted_schema"), ==, 0);

  /* Defaults of CLI.md: six stages, five areas with three sub-metrics each. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM journey_stage"), ==, 6);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM score_area"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM score_metric"), ==, 15);
  g_assert_cmpint (query_int (db, "SELECT min(n) FROM (SELECT count(*) n FROM score_metric GROUP BY area_id)"), ==, 3);
  currency = tenure_workspace_get_setting (ws, "currency");
  g_assert_cmpstr (currency, ==, "EUR");
  rule = tenure_workspace_get_setting (ws, "churn-rule");
  g_assert_cmpstr (rule, ==, "auto");
  g_assert_false (tenure_workspace_is_read_only (ws));

  /* Every contract column of ARCHITECTURE.md is there. */
  {
    static const char *columns[] = {
      "account.id", "account.key", "account.name", "account.segment", "account.owner", "account.type",
      "account.region", "account.referenceable", "account.end_date", "account.batch_id",
      "deal.ext_id", "deal.account_id", "deal.created_on", "deal.closed_on", "deal.status",
      "deal.amount", "deal.kind", "deal.source", "deal.batch_id",
      "subscription.ext_id", "subscription.account_id", "subscription.plan", "subscription.starts_on",
      "subscription.ends_on", "subscription.mrr", "subscription.seats", "subscription.seats_assigned",
      "event.account_id", "event.occurred_on", "event.kind", "event.stage_id", "event.note",
      "journey_stage.position", "journey_stage.name", "journey_stage.min_mrr",
      "touchpoint.account_id", "touchpoint.occurred_on", "touchpoint.channel", "touchpoint.direction",
      "touchpoint.deal_id", "survey_response.account_id", "survey_response.answered_on",
      "survey_response.kind", "survey_response.score", "funnel.segment", "funnel.month",
      "funnel.marketing_spend", "funnel.sales_spend", "funnel.leads", "funnel.opportunities",
      "score_area.position", "score_area.name", "score_metric.area_id", "score_metric.position",
      "score_metric.name", "score_entry.account_id", "score_entry.metric_id", "score_entry.scored_on",
      "score_entry.value", "target.account_id", "target.fiscal_year", "target.arr_last_year",
      "target.arr_target_delta", "setting.key", "setting.value", "import_batch.file_name",
      "import_batch.sha256", "import_batch.imported_at", "import_batch.kind", "import_batch.mapping",
      "import_batch.rows_new", "import_batch.rows_updated", "import_batch.rows_unchanged",
      "import_batch.rows_rejected",
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        g_auto(GStrv) parts = g_strsplit (columns[i], ".", 2);
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') "
                                                "WHERE name = '%s'", parts[0], parts[1]);

        g_assert_cmpint (query_int (db, sql), ==, 1);
      }
  }

  /* Creating over an existing file is refused and leaves it alone. */
  {
    g_autoptr(TenureWorkspace) again = NULL;
    g_autoptr(GError) again_error = NULL;

    again = tenure_workspace_create (f->path, NULL, &again_error);
    g_assert_null (again);
    g_assert_error (again_error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_EXISTS);
  }
}

typedef struct
{
  const char *name;
  int         code;
  const char *message_part;
} BadFile;

static void
write_file (const char *path,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89 };
  g_autofree char *missing = g_build_filename (f->dir, "missing.tenure", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.tenure", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.tenure", NULL);
  g_autofree char *picture = g_build_filename (f->dir, "picture.tenure", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.tenure", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.tenure", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.tenure", NULL);
  struct { const char *path; int code; const char *part; } cases[] = {
    { missing, TENURE_WORKSPACE_ERROR_NOT_FOUND, "does not exist" },
    { empty, TENURE_WORKSPACE_ERROR_EMPTY, "is empty" },
    { text, TENURE_WORKSPACE_ERROR_NOT_SQLITE, "not a Tenure workspace" },
    { picture, TENURE_WORKSPACE_ERROR_NOT_SQLITE, "not a Tenure workspace" },
    { truncated, TENURE_WORKSPACE_ERROR_DAMAGED, "damaged" },
    { foreign, TENURE_WORKSPACE_ERROR_FOREIGN, "another application" },
    { newer, TENURE_WORKSPACE_ERROR_TOO_NEW, "newer version" },
  };

  write_file (empty, "", 0);
  write_file (text, "account,name\nACME,Acme Inc\n", 27);
  write_file (picture, png, sizeof png);

  /* A real workspace with enough rows to span pages, cut in half. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
    g_autoptr(GBytes) bytes = NULL;

    g_assert_no_error (error);
    tenure_test_exec (tenure_workspace_get_db (ws),
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                      "INSERT INTO account (key, name) SELECT 'K' || i, 'Account number ' || i FROM n");
    tenure_workspace_close (ws);
    bytes = tenure_test_read_bytes (f->path);
    write_file (truncated, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);

    write_file (newer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    {
      sqlite3 *db = NULL;

      sqlite3_open (newer, &db);
      tenure_test_exec (db, "PRAGMA user_version = 99");
      sqlite3_close (db);
    }
  }
  {
    sqlite3 *db = NULL;

    sqlite3_open (foreign, &db);
    tenure_test_exec (db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT); "
                          "INSERT INTO photos (path) VALUES ('a.jpg')");
    sqlite3_close (db);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) before = tenure_test_read_bytes (cases[i].path);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TenureWorkspace) ws = NULL;
      g_autofree char *name = g_path_get_basename (cases[i].path);

      ws = tenure_workspace_open (cases[i].path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
      g_assert_null (ws);
      g_assert_error (error, TENURE_WORKSPACE_ERROR, cases[i].code);
      /* The message names the file and says what is wrong. */
      g_assert_nonnull (strstr (error->message, name));
      g_assert_nonnull (strstr (error->message, cases[i].part));

      after = tenure_test_read_bytes (cases[i].path);
      if (before == NULL)
        g_assert_null (after);
      else
        g_assert_true (g_bytes_equal (before, after));
      /* No journal was left beside it either. */
      {
        g_autofree char *journal = g_strconcat (cases[i].path, "-journal", NULL);

        g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
      }
    }
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *rule = NULL;

  ws = tenure_workspace_create (f->path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&ws);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  before = tenure_test_read_bytes (f->path);

  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_workspace_is_read_only (ws));
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "read-only"));

  /* Reading works… */
  rule = tenure_workspace_get_setting (ws, "churn-rule");
  g_assert_cmpstr (rule, ==, "auto");
  g_assert_cmpint (tenure_workspace_count_rows (ws, "journey_stage"), ==, 6);

  /* …every write fails and says so. */
  g_assert_false (tenure_workspace_set_setting (ws, "churn-rule", "contract", &error));
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (tenure_workspace_begin_write (ws, &error));
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Even bypassing the workspace, the connection itself cannot write. */
  g_assert_cmpint (sqlite3_exec (tenure_workspace_get_db (ws), "DELETE FROM setting", NULL, NULL, NULL),
                   ==, SQLITE_READONLY);

  g_clear_object (&ws);
  after = tenure_test_read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_chmod (f->path, 0644);

  /* The flag opens a writable file read-only too. */
  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_workspace_is_read_only (ws));
}

static void
changed_cb (TenureWorkspace *ws,
            guint           *count)
{
  (*count)++;
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint changed = 0;
  struct { const char *key; const char *value; gboolean ok; } cases[] = {
    { "churn-rule", "contract", TRUE },
    { "churn-rule", "sometimes", FALSE },
    { "inactivity-days", "0", FALSE },
    { "inactivity-days", "90", TRUE },
    { "inactivity-days", "90.5", FALSE },
    { "currency", "EURO", FALSE },
    { "currency", "gbp", TRUE },
    { "fiscal-year-start", "13", FALSE },
    { "fiscal-year-start", "4", TRUE },
    { "gross-margin", "1.2", FALSE },
    { "gross-margin", "0.8", TRUE },
    { "discount-rate", "-0.1", FALSE },
    { "value-horizon", "0", FALSE },
    { "quick-ratio-benchmark", "0", FALSE },
    { "quick-ratio-benchmark", "3.5", TRUE },
    { "quick-ratio-reactivation", "yes", FALSE },
    { "quick-ratio-reactivation", "TRUE", TRUE },
    { "score-flag-threshold", "11", FALSE },
    { "utilisation-threshold", "0.5", TRUE },
    { "interaction-gap-days", "-3", FALSE },
    { "stage-source", "mrr-bands", TRUE },
    { "stage-source", "bands", FALSE },
    { "stages", "[]", FALSE },
    { "stages", "[{\"name\": \"A\"}, {\"name\": \"A\"}]", FALSE },
    { "no-such-key", "1", FALSE },
  };

  g_assert_no_error (error);
  g_signal_connect (ws, "changed", G_CALLBACK (changed_cb), &changed);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ok;

      before = tenure_test_dump (tenure_workspace_get_db (ws));
      ok = tenure_workspace_set_setting (ws, cases[i].key, cases[i].value, &error);
      after = tenure_test_dump (tenure_workspace_get_db (ws));
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          /* The message names the key; nothing changed. */
          g_assert_nonnull (strstr (error->message, cases[i].key));
          g_assert_cmpstr (before, ==, after);
          g_clear_error (&error);
        }
      g_clear_pointer (&before, g_free);
      g_clear_pointer (&after, g_free);
    }
  /* One ::changed per committed write: 9 valid settings above. */
  g_assert_cmpuint (changed, ==, 9);

  {
    g_autofree char *currency = tenure_workspace_get_setting (ws, "currency");
    g_autofree char *flag = tenure_workspace_get_setting (ws, "quick-ratio-reactivation");

    g_assert_cmpstr (currency, ==, "GBP");
    g_assert_cmpstr (flag, ==, "true");
  }
}

static void
test_stages (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
  sqlite3 *db = tenure_workspace_get_db (ws);
  gint64 launched_id;
  g_autofree char *stages = NULL;

  g_assert_no_error (error);
  launched_id = query_int (db, "SELECT id FROM journey_stage WHERE name = 'Launched'");
  tenure_test_exec (db, "INSERT INTO account (key, name) VALUES ('A', 'A')");
  tenure_test_exec (db, "INSERT INTO event (account_id, occurred_on, kind, stage_id) "
                        "VALUES (1, '2024-01-01', 'upgraded', (SELECT id FROM journey_stage WHERE name = 'Launched'))");

  /* Reorder, add a bound, drop unused stages: ids of kept stages stay. */
  g_assert_true (tenure_workspace_set_setting (ws, "stages",
                                               "[{\"name\": \"Launched\", \"min_mrr\": 10000},"
                                               " {\"name\": \"Onboarding\", \"min_mrr\": null},"
                                               " {\"name\": \"Expanding\"}]", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT id FROM journey_stage WHERE name = 'Launched'"), ==, launched_id);
  g_assert_cmpint (query_int (db, "SELECT position FROM journey_stage WHERE name = 'Launched'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT min_mrr FROM journey_stage WHERE name = 'Launched'"), ==, 10000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM journey_stage"), ==, 3);
  stages = tenure_workspace_get_setting (ws, "stages");
  g_assert_cmpstr (stages, ==, "[{\"name\":\"Launched\",\"min_mrr\":10000},"
                               "{\"name\":\"Onboarding\",\"min_mrr\":null},"
                               "{\"name\":\"Expanding\",\"min_mrr\":null}]");

  /* A stage that events use cannot go. */
  g_assert_false (tenure_workspace_set_setting (ws, "stages", "[{\"name\": \"Onboarding\"}]", &error));
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Launched"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM journey_stage"), ==, 3);
}

static char *
schema_text (const char *path)
{
  sqlite3 *db = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  text = query_text (db, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)");
  sqlite3_close (db);
  return text;
}

/* The schema of a workspace created at @path now. */
static char *
fresh_schema_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) fresh = tenure_workspace_create (path, NULL, &error);

  g_assert_no_error (error);
  g_clear_object (&fresh);
  return schema_text (path);
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autofree char *backup = g_strconcat (f->path, ".v0.bak", NULL);
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.tenure", NULL);
  g_autofree char *migrated_schema = NULL;
  g_autofree char *fresh_schema = NULL;
  sqlite3 *db = NULL;

  /* A hand-made file of format 0: today's schema without import_mapping,
   * with an account in it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (tenure_schema_install (db, NULL, &error));
  g_assert_no_error (error);
  tenure_test_exec (db, "DROP TABLE import_mapping; PRAGMA user_version = 0; "
                        "INSERT INTO account (key, name) VALUES ('ACME', 'Acme Inc')");
  sqlite3_close (db);

  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (tenure_workspace_is_read_only (ws));
  g_assert_cmpint (query_int (tenure_workspace_get_db (ws), "PRAGMA user_version"), ==, TENURE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (tenure_workspace_get_db (ws), "SELECT count(*) FROM account"), ==, 1);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_object (&ws);

  /* The migrated schema is exactly a new workspace's. */
  fresh_schema = fresh_schema_text (fresh_path);
  migrated_schema = schema_text (f->path);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);

  /* The backup is the untouched format-0 file. */
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'import_mapping'"), ==, 0);
  sqlite3_close (db);
}

/* Format 1 as it was written: the external id and fingerprint were column
 * constraints. Two of the six tables that changed are enough to make a
 * format-1 file: deal, and touchpoint, which refers to it. */
static const char format_1_tables[] =
  "DROP TABLE touchpoint; DROP TABLE deal;"
  "CREATE TABLE deal (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  ext_id TEXT UNIQUE,\n"
  "  account_id INTEGER NOT NULL REFERENCES account(id),\n"
  "  created_on TEXT,\n"
  "  closed_on TEXT,\n"
  "  status TEXT NOT NULL DEFAULT 'won' CHECK (status IN ('won', 'lost', 'open')),\n"
  "  amount INTEGER NOT NULL CHECK (amount >= 0),\n"
  "  kind TEXT NOT NULL DEFAULT 'new'\n"
  "    CHECK (kind IN ('new', 'upsell', 'cross_sell', 'renewal', 'other')),\n"
  "  source TEXT,\n"
  "  batch_id INTEGER REFERENCES import_batch(id),\n"
  "  fingerprint TEXT UNIQUE,\n"
  "  CHECK (status <> 'won' OR closed_on IS NOT NULL)\n"
  ");\n"
  "CREATE INDEX deal_account ON deal(account_id, closed_on);\n"
  "CREATE INDEX deal_closed ON deal(closed_on);\n"
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
  "  fingerprint TEXT UNIQUE\n"
  ");\n"
  "CREATE INDEX touchpoint_account ON touchpoint(account_id, occurred_on);\n"
  "INSERT INTO account (id, key, name) VALUES (1, 'ACME', 'Acme Inc');"
  "INSERT INTO deal (id, ext_id, account_id, closed_on, amount) VALUES (7, 'D-1', 1, '2024-03-01', 500);"
  "INSERT INTO deal (id, account_id, closed_on, amount, fingerprint) VALUES (9, 1, '2024-04-01', 250, 'f-0');"
  "INSERT INTO touchpoint (account_id, occurred_on, deal_id) VALUES (1, '2024-02-20', 7);"
  "PRAGMA user_version = 1;";


static void
make_format_1 (const char *path,
               const char *extra)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (tenure_schema_install (db, NULL, &error));
  g_assert_no_error (error);
  tenure_test_exec (db, format_1_tables);
  if (extra != NULL)
    tenure_test_exec (db, extra);
  sqlite3_close (db);
}

static void
test_migration_1 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autofree char *backup = g_strconcat (f->path, ".v1.bak", NULL);
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.tenure", NULL);
  g_autofree char *format_1 = NULL;
  g_autofree char *migrated_schema = NULL;
  g_autofree char *fresh_schema = NULL;
  sqlite3 *db;

  make_format_1 (f->path, NULL);
  format_1 = schema_text (f->path);

  /* Opened read-only, a format-1 file is read as it is and not written. */
  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_workspace_is_read_only (ws));
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "older format"));
  g_assert_cmpint (tenure_workspace_get_schema_version (ws), ==, 1);
  g_assert_cmpint (query_int (tenure_workspace_get_db (ws), "SELECT sum(amount) FROM deal"), ==, 750);
  g_clear_object (&ws);
  migrated_schema = schema_text (f->path);
  g_assert_cmpstr (migrated_schema, ==, format_1);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_pointer (&migrated_schema, g_free);

  /* Opened for writing, it is upgraded: same rows, today's schema. */
  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (tenure_workspace_is_read_only (ws));
  db = tenure_workspace_get_db (ws);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, TENURE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM deal"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT id FROM deal WHERE ext_id = 'D-1'"), ==, 7);
  g_assert_cmpint (query_int (db, "SELECT id FROM deal WHERE fingerprint = 'f-0'"), ==, 9);
  g_assert_cmpint (query_int (db, "SELECT deal_id FROM touchpoint"), ==, 7);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  /* The external id is still unique, now through its own index. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO deal (ext_id, account_id, closed_on, amount) "
                                 "VALUES ('D-1', 1, '2024-05-01', 1)", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_clear_object (&ws);

  fresh_schema = fresh_schema_text (fresh_path);
  migrated_schema = schema_text (f->path);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);

  /* The backup is the untouched format-1 file. */
  g_clear_pointer (&migrated_schema, g_free);
  migrated_schema = schema_text (backup);
  g_assert_cmpstr (migrated_schema, ==, format_1);
}

static void
test_migration_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* A column someone added to a table that must be rebuilt would be lost:
   * the upgrade is refused, and the file is left exactly as it was. */
  make_format_1 (f->path, "ALTER TABLE deal ADD COLUMN region TEXT");
  before = tenure_test_dump_file (f->path);
  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_null (ws);
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "“deal” has 12 columns where Tenure made 11"));
  g_assert_nonnull (strstr (error->message, "it is unchanged"));
  after = tenure_test_dump_file (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_foreign_schema (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
  g_autofree char *altered = g_build_filename (f->dir, "altered.tenure", NULL);
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_clear_object (&ws);

  /* A trigger that would write on every update: opened read-only, and the
   * trigger never runs on our connection. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  tenure_test_exec (db, "CREATE TABLE log (x); CREATE TRIGGER spy AFTER INSERT ON account "
                        "BEGIN INSERT INTO log VALUES (new.key); END;");
  sqlite3_close (db);
  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_workspace_is_read_only (ws));
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "spy"));
  g_clear_object (&ws);

  /* A missing column cannot be read at all. */
  ws = tenure_workspace_create (altered, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&ws);
  g_assert_cmpint (sqlite3_open (altered, &db), ==, SQLITE_OK);
  tenure_test_exec (db, "ALTER TABLE deal DROP COLUMN source");
  sqlite3_close (db);
  ws = tenure_workspace_open (altered, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_null (ws);
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "deal.source"));
}

static void
test_save_as (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
  g_autofree char *copy = g_build_filename (f->dir, "copy.tenure", NULL);
  g_autofree char *original_dump = NULL;
  g_autofree char *copy_dump = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint files = 0;

  g_assert_no_error (error);
  tenure_test_exec (tenure_workspace_get_db (ws), "INSERT INTO account (key, name) VALUES ('ACME', 'Acme')");
  original_dump = tenure_test_dump (tenure_workspace_get_db (ws));

  g_assert_true (tenure_workspace_save_as (ws, copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (tenure_workspace_get_path (ws), "copy.tenure"));
  title = tenure_workspace_dup_title (ws);
  g_assert_cmpstr (title, ==, "copy");
  copy_dump = tenure_test_dump_file (copy);
  g_assert_cmpstr (original_dump, ==, copy_dump);

  /* Writes now go to the copy, not the original. */
  g_assert_true (tenure_workspace_set_setting (ws, "currency", "EUR", &error));
  g_clear_object (&ws);
  g_clear_pointer (&copy_dump, g_free);
  copy_dump = tenure_test_dump_file (copy);
  g_assert_cmpstr (original_dump, !=, copy_dump);
  g_clear_pointer (&copy_dump, g_free);
  copy_dump = tenure_test_dump_file (f->path);
  g_assert_cmpstr (original_dump, ==, copy_dump);

  /* No temporary file is left behind. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".tenure-save-"));
      files++;
    }
  g_assert_cmpuint (files, ==, 2);
}

static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
  g_autoptr(TenureWorkspace) other = NULL;
  guint changed = 0;

  g_assert_no_error (error);
  g_signal_connect (ws, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_false (tenure_workspace_poll_external_change (ws));

  /* Another program (here another connection) commits a change. */
  other = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_workspace_set_setting (other, "churn-rule", "explicit", &error));
  g_assert_true (tenure_workspace_poll_external_change (ws));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (tenure_workspace_poll_external_change (ws));

  /* Our own write does not count as an external one. */
  g_assert_true (tenure_workspace_set_setting (ws, "churn-rule", "contract", &error));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_false (tenure_workspace_poll_external_change (ws));
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
  g_autoptr(TenureWorkspace) other = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  other = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sqlite3_busy_timeout (tenure_workspace_get_db (ws), 50);
  before = tenure_test_dump (tenure_workspace_get_db (ws));

  /* The other writer holds the lock: ours waits, then says so clearly. */
  g_assert_true (tenure_workspace_begin_write (other, &error));
  g_assert_false (tenure_workspace_set_setting (ws, "churn-rule", "contract", &error));
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another program"));
  tenure_workspace_rollback_write (other);
  after = tenure_test_dump (tenure_workspace_get_db (ws));
  g_assert_cmpstr (before, ==, after);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (f->path, NULL, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = tenure_workspace_get_db (ws);

  g_assert_no_error (error);
  g_assert_true (tenure_workspace_check (ws, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);

  /* Rows that break the invariants, written with the checks off (as a
   * hand-edited file could hold them). */
  tenure_test_exec (db, "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; "
                        "INSERT INTO account (id, key, name) VALUES (1, 'A', 'A'); "
                        "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) "
                        "  VALUES (1, '2024-05-01', '2024-04-01', -5); "
                        "INSERT INTO deal (account_id, status, amount) VALUES (99, 'won', 10); "
                        "PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON;");
  g_assert_true (tenure_workspace_check (ws, problems, &error));
  /* SQLite's integrity check finds the two rows that break CHECK
   * constraints; ours name why: negative MRR, end before start, won deal
   * without a date; the foreign-key check finds the missing account 99. */
  g_assert_cmpuint (problems->len, ==, 6);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/workspace/create", test_create);
  ADD ("/workspace/bad-files", test_bad_files);
  ADD ("/workspace/read-only", test_read_only);
  ADD ("/workspace/settings", test_settings);
  ADD ("/workspace/stages", test_stages);
  ADD ("/workspace/migration", test_migration);
  ADD ("/workspace/migration-1", test_migration_1);
  ADD ("/workspace/migration-refused", test_migration_refused);
  ADD ("/workspace/foreign-schema", test_foreign_schema);
  ADD ("/workspace/save-as", test_save_as);
  ADD ("/workspace/external-change", test_external_change);
  ADD ("/workspace/busy", test_busy);
  ADD ("/workspace/check", test_check);
#undef ADD
  return g_test_run ();
}
