/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tenure-import.h"
#include "tenure-schema.h"

/* libFuzzer target over the whole import path: reading (encodings,
 * delimiter sniffing, quoting), kind detection, mapping and conversion.
 * The first byte picks options; the rest is the file. Each input is
 * imported as a dry run, then for real, checked with integrity_check (the
 * importer enforces the schema's CHECK constraints itself) and undone,
 * which must leave the workspace as it was. Build: tests/fuzz/build.sh. */

static sqlite3 *db;
static guint64 baseline;

static guint64
total_rows (void)
{
  static const char *const sql =
    "SELECT (SELECT count(*) FROM account) + (SELECT count(*) FROM deal) + "
    "(SELECT count(*) FROM subscription) + (SELECT count(*) FROM event) + "
    "(SELECT count(*) FROM touchpoint) + (SELECT count(*) FROM survey_response) + "
    "(SELECT count(*) FROM funnel) + (SELECT count(*) FROM score_entry) + "
    "(SELECT count(*) FROM score_metric) + (SELECT count(*) FROM target) + "
    "(SELECT count(*) FROM import_batch) + (SELECT count(*) FROM import_change) + "
    "(SELECT count(*) FROM import_mapping)";
  sqlite3_stmt *stmt = NULL;
  guint64 n;

  g_assert (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
check_integrity (void)
{
  sqlite3_stmt *stmt = NULL;

  g_assert (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  if (strcmp ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_error ("integrity_check: %s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char *const maps[] = { "Amount=mrr", "Date=closed_on", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  TenureImportOptions options = { 0 };
  guint8 flags;

  if (db == NULL)
    {
      g_assert (sqlite3_open (":memory:", &db) == SQLITE_OK);
      g_assert (tenure_schema_install (db, "USD", NULL));
      baseline = total_rows ();
    }
  if (size < 1)
    return 0;
  flags = data[0];
  options.kind = (flags & 0x0f) <= TENURE_IMPORT_KIND_TARGETS ? (flags & 0x0f) : TENURE_IMPORT_KIND_UNKNOWN;
  options.date_order = (flags >> 4) & 3;
  if (options.date_order > TENURE_DATE_ORDER_MDY)
    options.date_order = TENURE_DATE_ORDER_UNKNOWN;
  options.inclusive_end = (flags & 0x40) != 0;
  options.mappings = (flags & 0x80) ? maps : NULL;
  bytes = g_bytes_new (data + 1, size - 1);

  options.dry_run = TRUE;
  tenure_import_bytes (db, bytes, "fuzz.csv", &options, NULL, NULL, NULL, &report, &error);
  g_clear_error (&error);
  g_clear_pointer (&report, tenure_import_report_free);
  g_assert (total_rows () == baseline);

  options.dry_run = FALSE;
  if (tenure_import_bytes (db, bytes, "fuzz.csv", &options, NULL, NULL, NULL, &report, &error))
    {
      for (guint i = 0; i < report->rejects->len; i++)
        g_free (tenure_import_reject_to_string (report, report->rejects->pdata[i]));
      check_integrity ();
      if (!tenure_import_undo (db, report->batch_id, &error))
        g_error ("undo: %s", error->message);
    }
  g_assert (total_rows () == baseline);
  return 0;
}
