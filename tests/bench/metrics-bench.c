/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "tenure-ledger.h"
#include "tenure-metrics.h"
#include "tenure-schema.h"

/* Builds a random workspace of 100,000 accounts, about 150,000 subscription
 * lines and 60 months in a temporary file, then times loading the ledger and
 * computing the metrics separately and prints the peak memory.
 *
 *   metrics-bench [ACCOUNTS] [MONTHS] */

static void
check (int         rc,
       sqlite3    *db,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static void
generate (sqlite3 *db,
          guint    n_accounts,
          guint    n_months,
          TenureDay first,
          TenureDay last)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3_stmt *account, *sub, *deal, *event;
  char start_buf[16], end_buf[16];
  guint lines = 0, deals = 0, events = 0;

  check (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), db, "begin");
  check (sqlite3_prepare_v2 (db, "INSERT INTO account (id, key, name, segment) VALUES (?, ?, ?, ?)",
                             -1, &account, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) VALUES (?, ?, ?, ?)",
                             -1, &sub, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO deal (account_id, closed_on, status, amount) VALUES (?, ?, 'won', ?)",
                             -1, &deal, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO event (account_id, occurred_on, kind, stage_id) "
                                 "VALUES (?, ?, 'upgraded', (SELECT id FROM journey_stage WHERE position = ?))",
                             -1, &event, NULL), db, "prepare");

  for (guint i = 1; i <= n_accounts; i++)
    {
      g_autofree char *key = g_strdup_printf ("ACC%06u", i);
      static const char *const segments[] = { "Tech", "Retail", "Health", "Finance" };
      TenureDay start = g_rand_int_range (rand, first, last - 20);
      TenureDay end;
      gint64 mrr = g_rand_int_range (rand, 1, 100) * 1000;
      int n_lines = g_rand_double (rand) < 0.5 ? 1 : 2;

      sqlite3_bind_int64 (account, 1, i);
      sqlite3_bind_text (account, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (account, 3, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (account, 4, segments[i % 4], -1, SQLITE_STATIC);
      check (sqlite3_step (account), db, "account");
      sqlite3_reset (account);

      sqlite3_bind_int64 (deal, 1, i);
      sqlite3_bind_text (deal, 2, tenure_day_format_iso (start - g_rand_int_range (rand, 0, 30), start_buf), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (deal, 3, 12 * mrr);
      check (sqlite3_step (deal), db, "deal");
      sqlite3_reset (deal);
      deals++;

      for (int k = 0; k < n_lines; k++)
        {
          /* Two in five lines end: churn, contraction or a pause. */
          gboolean ends = g_rand_double (rand) < 0.4;

          end = ends ? start + g_rand_int_range (rand, 1, 900) : TENURE_DAY_OPEN;
          sqlite3_bind_int64 (sub, 1, i);
          sqlite3_bind_text (sub, 2, tenure_day_format_iso (start, start_buf), -1, SQLITE_TRANSIENT);
          if (end == TENURE_DAY_OPEN)
            sqlite3_bind_null (sub, 3);
          else
            sqlite3_bind_text (sub, 3, tenure_day_format_iso (end, end_buf), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (sub, 4, mrr);
          check (sqlite3_step (sub), db, "subscription");
          sqlite3_reset (sub);
          lines++;
          /* The second line: an expansion or a comeback. */
          start = (end == TENURE_DAY_OPEN ? start : end) + g_rand_int_range (rand, 0, 200);
          mrr = g_rand_int_range (rand, 1, 50) * 1000;
        }

      if (g_rand_double (rand) < 0.5)
        {
          sqlite3_bind_int64 (event, 1, i);
          sqlite3_bind_text (event, 2, tenure_day_format_iso (start, start_buf), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (event, 3, g_rand_int_range (rand, 1, 6));
          check (sqlite3_step (event), db, "event");
          sqlite3_reset (event);
          events++;
        }
    }
  sqlite3_finalize (account);
  sqlite3_finalize (sub);
  sqlite3_finalize (deal);
  sqlite3_finalize (event);
  check (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), db, "commit");
  printf ("workspace: %u accounts, %u subscription lines, %u won deals, %u events, %u months\n",
          n_accounts, lines, deals, events, n_months);
}

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_accounts = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint n_months = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 60;
  TenureMonth last_month = tenure_month_from_ym (2024, 12);
  TenureDay first = tenure_month_first_day (last_month - (TenureMonth) n_months + 1);
  TenureDay as_of = tenure_month_last_day (last_month);
  sqlite3 *db = NULL;
  gint64 t0, t1;

  dir = g_dir_make_tmp ("tenure-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.tenure", NULL);
  check (sqlite3_open (path, &db), db, "open");
  sqlite3_exec (db, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF", NULL, NULL, NULL);
  if (!tenure_schema_install (db, "USD", &error))
    g_error ("%s", error->message);

  t0 = g_get_monotonic_time ();
  generate (db, n_accounts, n_months, first, as_of);
  printf ("generate: %.0f ms (not part of the budget)\n", (g_get_monotonic_time () - t0) / 1000.0);
  printf ("peak memory after generating: %.1f MiB\n", peak_mib ());

  for (int rule = TENURE_CHURN_RULE_CONTRACT; rule <= TENURE_CHURN_RULE_EXPLICIT; rule++)
    {
      g_autoptr(TenureLedger) ledger = NULL;

      sqlite3_exec (db, rule == TENURE_CHURN_RULE_CONTRACT ? "UPDATE setting SET value = 'contract' WHERE key = 'churn-rule'"
                        : rule == TENURE_CHURN_RULE_INACTIVITY ? "UPDATE setting SET value = 'inactivity' WHERE key = 'churn-rule'"
                        : "UPDATE setting SET value = 'explicit' WHERE key = 'churn-rule'", NULL, NULL, NULL);
      t0 = g_get_monotonic_time ();
      ledger = tenure_ledger_load (db, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      printf ("\n[%s] load: %.1f ms\n", tenure_churn_rule_to_string (rule), (t1 - t0) / 1000.0);

      for (TenurePeriodKind kind = TENURE_PERIOD_MONTH; kind <= TENURE_PERIOD_YEAR; kind++)
        {
          TenureMetricsOptions options = { kind, as_of, NULL, NULL };
          g_autoptr(TenureMetrics) metrics = NULL;
          const TenureMetricsPeriod *p;

          t0 = g_get_monotonic_time ();
          metrics = tenure_metrics_compute (ledger, &options, &error);
          g_assert_no_error (error);
          t1 = g_get_monotonic_time ();
          p = &metrics->periods[metrics->n_periods - 1];
          printf ("[%s] compute (%s, %u periods, %u cohorts): %.1f ms; last: MRR %" G_GINT64_FORMAT
                  ", active %" G_GINT64_FORMAT "\n",
                  tenure_churn_rule_to_string (rule), tenure_period_kind_to_string (kind),
                  metrics->n_periods, metrics->n_cohorts, (t1 - t0) / 1000.0, p->mrr, p->active_accounts);
        }
    }
  printf ("\npeak memory (ru_maxrss): %.1f MiB\n", peak_mib ());

  sqlite3_close (db);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
