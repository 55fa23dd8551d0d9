/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A fresh temporary directory for one test, removed with its contents. */
char     *tenure_test_tmpdir        (void);
void      tenure_test_rmdir         (const char *dir);

/* Every row of every table of @db, in a stable text form: two dumps are
 * equal exactly when the workspaces hold the same data. */
char     *tenure_test_dump          (sqlite3    *db);
char     *tenure_test_dump_file     (const char *path);

/* The bytes of a file, for "left byte for byte unchanged" checks. */
GBytes   *tenure_test_read_bytes    (const char *path);

void      tenure_test_exec          (sqlite3    *db,
                                     const char *sql);

/* Whether TENURE_TEST_SMALL is set (./dev test --sanitize and --valgrind,
 * where everything runs several times slower): randomised tests then run
 * fewer rounds. They still run every check. */
gboolean  tenure_test_small         (void);

G_END_DECLS


/* Small helpers shared by the ledger and metrics tests: an in-memory
 * workspace with the real schema, filled with plain SQL. */

#include <stdarg.h>
#include <sqlite3.h>

#include "tenure-date.h"
#include "tenure-schema.h"

G_GNUC_UNUSED static TenureDay
D (const char *iso)
{
  TenureDay day = 0;

  g_assert_true (tenure_day_parse_iso (iso, &day));
  return day;
}

G_GNUC_UNUSED static sqlite3 *
tt_db_new (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (tenure_schema_install (db, "USD", &error));
  g_assert_no_error (error);
  return db;
}

G_GNUC_UNUSED static void
tt_exec (sqlite3    *db,
         const char *format,
         ...)
{
  va_list args;
  char *sql;
  char *message = NULL;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_free (sql);
}

G_GNUC_UNUSED static gint64
tt_account (sqlite3    *db,
            const char *key)
{
  tt_exec (db, "INSERT INTO account (key, name) VALUES (%Q, %Q)", key, key);
  return sqlite3_last_insert_rowid (db);
}

/* @ends_on may be NULL: open-ended. */
G_GNUC_UNUSED static void
tt_sub (sqlite3    *db,
        gint64      account,
        const char *starts_on,
        const char *ends_on,
        gint64      mrr)
{
  tt_exec (db, "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) "
               "VALUES (%lld, %Q, %Q, %lld)", (long long) account, starts_on, ends_on, (long long) mrr);
}

G_GNUC_UNUSED static void
tt_deal (sqlite3    *db,
         gint64      account,
         const char *closed_on,
         gint64      amount)
{
  tt_exec (db, "INSERT INTO deal (account_id, closed_on, status, amount) "
               "VALUES (%lld, %Q, 'won', %lld)", (long long) account, closed_on, (long long) amount);
}

/* @stage: a journey stage name, or NULL. */
G_GNUC_UNUSED static void
tt_event (sqlite3    *db,
          gint64      account,
          const char *day,
          const char *kind,
          const char *stage)
{
  tt_exec (db, "INSERT INTO event (account_id, occurred_on, kind, stage_id) "
               "VALUES (%lld, %Q, %Q, (SELECT id FROM journey_stage WHERE name = %Q))",
           (long long) account, day, kind, stage);
}

G_GNUC_UNUSED static void
tt_set (sqlite3    *db,
        const char *key,
        const char *value)
{
  tt_exec (db, "INSERT OR REPLACE INTO setting (key, value) VALUES (%Q, %Q)", key, value);
}
