/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "tenure-import.h"
#include "tenure-schema.h"

/* Import speed against the sqlite3 shell's .import of the same file into a
 * plain table. Usage: bench-import [ROWS] [DIR]. Writes DIR/deals.csv (a
 * quick generator: ids on two rows in three, 5,000 accounts, dates
 * day-first), times tenure_import_file() into a new workspace, then
 * `sqlite3 DIR/plain.db .import`. */

static void
generate (const char *path,
          guint       rows)
{
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  fputs ("Deal ID,Account,Amount,Created On,Close Date,Status,Type\n", f);
  for (guint i = 0; i < rows; i++)
    fprintf (f, "%s%.0u,Account %u,\"%u.%02u\",2023-%02u-%02u,%02u/%02u/2024,%s,%s\n",
             i % 3 == 0 ? "" : "D", i % 3 == 0 ? 0 : i, i % 5000, 100 + i % 9000, i % 100,
             1 + i % 12, 1 + i % 28, 1 + i % 28, 1 + i % 12,
             i % 7 == 0 ? "Closed Lost" : "Closed Won", i % 4 == 0 ? "Upsell" : "New Business");
  fclose (f);
}

static double
cpu_seconds (const struct rusage *r)
{
  return r->ru_utime.tv_sec + r->ru_utime.tv_usec / 1e6 + r->ru_stime.tv_sec + r->ru_stime.tv_usec / 1e6;
}

int
main (int argc, char *argv[])
{
  guint rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("tenure-bench-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "deals.csv", NULL);
  g_autofree char *ws = g_build_filename (dir, "bench.tenure", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *cmd = NULL;
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 start;
  double ours, shell, ours_cpu, shell_cpu, indexed_wall, indexed_cpu;
  g_autofree char *indexed = g_build_filename (dir, "indexed.db", NULL);
  g_autofree char *errors = NULL;
  struct rusage r0, r1;
  int status;

  generate (csv, rows);
  g_unlink (ws);
  g_unlink (plain);

  g_assert_cmpint (sqlite3_open (ws, &db), ==, SQLITE_OK);
  if (!tenure_schema_install (db, "USD", &error))
    g_error ("%s", error->message);
  getrusage (RUSAGE_SELF, &r0);
  start = g_get_monotonic_time ();
  if (!tenure_import_file (db, csv, NULL, NULL, NULL, NULL, &report, &error))
    g_error ("%s", error->message);
  ours = (g_get_monotonic_time () - start) / 1e6;
  getrusage (RUSAGE_SELF, &r1);
  ours_cpu = cpu_seconds (&r1) - cpu_seconds (&r0);
  sqlite3_close (db);

  cmd = g_strdup_printf ("sqlite3 %s -cmd '.mode csv' '.import %s deal'", plain, csv);
  start = g_get_monotonic_time ();
  if (!g_spawn_command_line_sync (cmd, NULL, &errors, &status, &error))
    g_error ("%s", error->message);
  shell = (g_get_monotonic_time () - start) / 1e6;
  g_clear_pointer (&errors, g_free);
  getrusage (RUSAGE_CHILDREN, &r1);
  shell_cpu = cpu_seconds (&r1);

  /* The same .import into a table with the deal table's indexes: what
   * SQLite itself needs for the rows, before fingerprints and undo log. */
  g_free (cmd);
  g_unlink (indexed);
  cmd = g_strdup_printf ("sqlite3 %s -cmd 'PRAGMA cache_size = -65536' "
                         "-cmd 'CREATE TABLE deal (ext_id TEXT, account, amount, created_on, "
                         "closed_on, status, kind)' -cmd 'CREATE INDEX d0 ON deal (ext_id)' "
                         "-cmd 'CREATE INDEX d1 ON deal (account, closed_on)' "
                         "-cmd 'CREATE INDEX d2 ON deal (closed_on)' -cmd '.mode csv' "
                         "'.import --skip 1 %s deal'", indexed, csv);
  getrusage (RUSAGE_CHILDREN, &r0);
  start = g_get_monotonic_time ();
  if (!g_spawn_command_line_sync (cmd, NULL, &errors, &status, &error))
    g_error ("%s", error->message);
  indexed_wall = (g_get_monotonic_time () - start) / 1e6;
  g_clear_pointer (&errors, g_free);
  getrusage (RUSAGE_CHILDREN, &r1);
  indexed_cpu = cpu_seconds (&r1) - cpu_seconds (&r0);

  printf ("rows %u: sqlite3 .import into a table with the deal indexes %.2f s wall, %.2f s CPU; "
          "ratio %.2f wall, %.2f CPU\n", rows, indexed_wall, indexed_cpu, ours / indexed_wall,
          ours_cpu / indexed_cpu);
  printf ("rows %u: tenure import %.2f s wall, %.2f s CPU (%" G_GUINT64_FORMAT " new, %" G_GUINT64_FORMAT
          " rejected); sqlite3 .import %.2f s wall, %.2f s CPU; ratio %.2f wall, %.2f CPU\n",
          rows, ours, ours_cpu, report->rows_new, report->rows_rejected, shell, shell_cpu,
          ours / shell, ours_cpu / shell_cpu);
  return 0;
}
