/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-ledger.h"
#include "tenure-metrics.h"
#include "tenure-test-util.h"

#define assert_null(x) g_assert_true (isnan (x))
#define assert_near(x, y) g_assert_cmpfloat_with_epsilon ((x), (y), 1e-9)

static TenureMetrics *
compute (TenureLedger     *ledger,
         TenurePeriodKind  kind,
         const char       *as_of)
{
  g_autoptr(GError) error = NULL;
  TenureMetricsOptions options = { kind, D (as_of), NULL, NULL };
  TenureMetrics *m = tenure_metrics_compute (ledger, &options, &error);

  g_assert_no_error (error);
  return m;
}

/* Contract rule, report date 2024-03-20 (mid-month):
 *   Q  70 from 2023-12-05 to 2023-12-20: December cohort, gone within its
 *      first month: logo 0 at every age, MRR base 0 so revenue all null
 *   P  100 from 2024-01-05 to 2024-01-25: January cohort, gone in January
 *   R  200 from 2024-01-10 to 2024-02-10, back with 300 on 2024-03-01:
 *      January cohort; the reactivation keeps it there
 *   S  50 from 2024-02-14: February cohort
 *
 *   cohort  size  ages (snapshots Dec 31, Jan 31, Feb 29, Mar 20)
 *   2023-12    1  active 0 0 0 0          MRR 0 0 0 0
 *   2024-01    2  active 1 0 1            MRR 200 0 300
 *   2024-02    1  active 1 1              MRR 50 50
 */
static sqlite3 *
example (void)
{
  sqlite3 *db = tt_db_new ();
  gint64 q = tt_account (db, "Q"), p = tt_account (db, "P");
  gint64 r = tt_account (db, "R"), s = tt_account (db, "S");

  tt_sub (db, q, "2023-12-05", "2023-12-20", 70);
  tt_sub (db, p, "2024-01-05", "2024-01-25", 100);
  tt_sub (db, r, "2024-01-10", "2024-02-10", 200);
  tt_sub (db, r, "2024-03-01", NULL, 300);
  tt_sub (db, s, "2024-02-14", NULL, 50);
  return db;
}

static void
test_cohorts_triangle (void)
{
  sqlite3 *db = example ();
  g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, NULL);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-20");
  const TenureCohort *c;

  g_assert_cmpuint (m->n_cohorts, ==, 3);

  c = &m->cohorts[0];
  g_assert_cmpstr (c->label, ==, "2023-12");
  g_assert_cmpint (c->size, ==, 1);
  g_assert_cmpuint (c->n_ages, ==, 4);
  for (guint k = 0; k < 4; k++)
    {
      assert_near (c->logo_retention[k], 0.0);
      assert_null (c->revenue_retention[k]);
    }

  c = &m->cohorts[1];
  g_assert_cmpstr (c->label, ==, "2024-01");
  g_assert_cmpint (c->size, ==, 2);
  g_assert_cmpuint (c->n_ages, ==, 3);
  assert_near (c->logo_retention[0], 0.5);   /* month 0 below 1: P left in January */
  assert_near (c->logo_retention[1], 0.0);
  assert_near (c->logo_retention[2], 0.5);   /* R is back, still in its first cohort */
  assert_near (c->revenue_retention[0], 1.0);
  assert_near (c->revenue_retention[1], 0.0);
  assert_near (c->revenue_retention[2], 1.5);

  c = &m->cohorts[2];
  g_assert_cmpstr (c->label, ==, "2024-02");
  g_assert_cmpuint (c->n_ages, ==, 2);       /* April onwards is past the report date */
  assert_near (c->logo_retention[1], 1.0);
  assert_near (c->revenue_retention[1], 1.0);

  /* Average: Σ numerators / Σ denominators over the cohorts that reached
   * age k; December's zero revenue base adds 0 to both sums.
   *   k0: logo (0+1+1)/(1+2+1)   revenue (0+200+50)/(0+200+50)
   *   k1: logo (0+0+1)/4         revenue (0+0+50)/250
   *   k2: logo (0+1)/(1+2)       revenue (0+300)/(0+200)
   *   k3: logo 0/1               revenue 0/0: null */
  g_assert_cmpuint (m->cohort_average.n_ages, ==, 4);
  assert_near (m->cohort_average.logo_retention[0], 0.5);
  assert_near (m->cohort_average.revenue_retention[0], 1.0);
  assert_near (m->cohort_average.logo_retention[1], 0.25);
  assert_near (m->cohort_average.revenue_retention[1], 0.2);
  assert_near (m->cohort_average.logo_retention[2], 1.0 / 3.0);
  assert_near (m->cohort_average.revenue_retention[2], 1.5);
  assert_near (m->cohort_average.logo_retention[3], 0.0);
  assert_null (m->cohort_average.revenue_retention[3]);

  /* Σ over cohorts of active accounts at March = active accounts (R, S). */
  g_assert_cmpint (m->periods[m->n_periods - 1].active_accounts, ==, 2);
  g_assert_cmpint (m->cohorts[0].active[3] + m->cohorts[1].active[2] + m->cohorts[2].active[1], ==, 2);
  sqlite3_close (db);
}

static void
test_cohorts_json (void)
{
  sqlite3 *db = example ();
  g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, NULL);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-20");
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  tenure_json_begin_object (json);
  tenure_metrics_write_cohorts (m, json);
  tenure_json_end_object (json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
                   "{\"cohorts\":["
                   "{\"cohort\":\"2023-12\",\"size\":1,\"logo_retention\":[0.0,0.0,0.0,0.0],"
                   "\"revenue_retention\":[null,null,null,null]},"
                   "{\"cohort\":\"2024-01\",\"size\":2,\"logo_retention\":[0.5,0.0,0.5],"
                   "\"revenue_retention\":[1.0,0.0,1.5]},"
                   "{\"cohort\":\"2024-02\",\"size\":1,\"logo_retention\":[1.0,1.0],"
                   "\"revenue_retention\":[1.0,1.0]}],"
                   "\"cohort_average\":{\"logo_retention\":[0.5,0.25,0.333333333333333,0.0],"
                   "\"revenue_retention\":[1.0,0.2,1.5,null]}}");
  sqlite3_close (db);
}

/* Cohorts are monthly whatever the period kind of the series. */
static void
test_cohorts_period_kind (void)
{
  sqlite3 *db = example ();
  g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, NULL);
  g_autoptr(TenureMetrics) months = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-20");
  g_autoptr(TenureMetrics) years = compute (ledger, TENURE_PERIOD_YEAR, "2024-03-20");

  g_assert_cmpuint (years->n_cohorts, ==, months->n_cohorts);
  for (guint c = 0; c < months->n_cohorts; c++)
    {
      g_assert_cmpstr (years->cohorts[c].label, ==, months->cohorts[c].label);
      g_assert_cmpuint (years->cohorts[c].n_ages, ==, months->cohorts[c].n_ages);
      for (guint k = 0; k < months->cohorts[c].n_ages; k++)
        {
          g_assert_cmpint (years->cohorts[c].active[k], ==, months->cohorts[c].active[k]);
          g_assert_cmpint (years->cohorts[c].mrr[k], ==, months->cohorts[c].mrr[k]);
        }
    }
  sqlite3_close (db);
}

/* Lifetime values: nobody churned in the trailing 12 months means an
 * infinite predicted lifetime: undefined, not a number. */
static void
test_cohorts_ltv_no_churn (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;
  gint64 a = tt_account (db, "A");

  tt_sub (db, a, "2024-01-01", NULL, 100);
  ledger = tenure_ledger_load (db, NULL);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-06-30");
  assert_near (m->periods[m->n_periods - 1].arpa, 100.0);
  assert_null (m->value.predicted_ltv);
  assert_null (m->value.realized_ltv);
  g_assert_cmpint (m->value.realized_accounts, ==, 0);
  sqlite3_close (db);
}

/* Predicted LTV with a gross margin, pooled over exactly 12 months:
 * 10 accounts of 100 from 2023-01-01; one leaves at the start of each of
 * 2023-03, 2024-02 and 2024-03. At March 2024 the trailing months are
 * April 2023 … March 2024: churned 2 (Feb, Mar 2024), denominators: 9
 * active at each month end from Mar 2023 to Jan 2024 (11 months) and 8 at
 * Feb 2024: 99 + 8 = 107. ARPA = 700 / 7 = 100. Margin 0.8:
 * 100 × 0.8 / (2 / 107) = 4280. Realized LTV: the three who left, sums of
 * month-end MRR: 2 × 100, 13 × 100, 14 × 100: 2900 / 3. */
static void
test_cohorts_ltv_pooled (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;
  const char *ends[3] = { "2023-03-01", "2024-02-01", "2024-03-01" };

  tt_set (db, "gross-margin", "0.8");
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("A%d", i);
      gint64 id = tt_account (db, key);

      tt_sub (db, id, "2023-01-01", i < 3 ? ends[i] : NULL, 100);
    }
  ledger = tenure_ledger_load (db, NULL);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-31");
  assert_near (m->periods[m->n_periods - 1].arpa, 100.0);
  assert_near (m->value.predicted_ltv, 100.0 * 0.8 / (2.0 / 107.0));
  g_assert_cmpint (m->value.realized_accounts, ==, 3);
  assert_near (m->value.realized_ltv, 2900.0 / 3.0);
  sqlite3_close (db);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cohorts/triangle", test_cohorts_triangle);
  g_test_add_func ("/cohorts/json", test_cohorts_json);
  g_test_add_func ("/cohorts/period-kind", test_cohorts_period_kind);
  g_test_add_func ("/cohorts/ltv-no-churn", test_cohorts_ltv_no_churn);
  g_test_add_func ("/cohorts/ltv-pooled", test_cohorts_ltv_pooled);
  return g_test_run ();
}
