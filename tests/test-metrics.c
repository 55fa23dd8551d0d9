/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-ledger.h"
#include "tenure-metrics.h"
#include "tenure-test-util.h"

#define assert_null(x) g_assert_true (isnan (x))
#define assert_near(x, y) g_assert_cmpfloat_with_epsilon ((x), (y), 1e-9)

static TenureLedger *
load (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  TenureLedger *ledger = tenure_ledger_load (db, &error);

  g_assert_no_error (error);
  return ledger;
}

static TenureMetrics *
compute (TenureLedger     *ledger,
         TenurePeriodKind  kind,
         const char       *as_of,
         const char       *from,
         const char       *to)
{
  g_autoptr(GError) error = NULL;
  TenureMetricsOptions options = { kind, D (as_of), from, to };
  TenureMetrics *m = tenure_metrics_compute (ledger, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static const TenureMetricsPeriod *
period (TenureMetrics *m,
        const char    *label)
{
  for (guint k = 0; k < m->n_periods; k++)
    if (g_str_equal (m->periods[k].label, label))
      return &m->periods[k];
  g_error ("no period %s", label);
  return NULL;
}

/* The worked example (contract rule), report date 2024-04-15:
 *
 *   A  100 from 2024-01-10, +50 from 2024-03-01 (expansion in March);
 *      won 1200 + 300 on 2023-12-20 (first sale 1500), 500 on 2024-03-05
 *   B  200 from 2024-01-01 to 2024-02-15 (churn), 80 from 2024-04-01
 *      (reactivation)
 *   C  30 from 2024-02-03 to 2024-02-20: a pilot inside February
 *   D  60 + 40 from 2024-02-10; the 60 ends 2024-03-15 (contraction);
 *      won 900 on 2024-02-10
 *   E  starts 2024-04-20 and wins a deal on 2024-05-01: after the report
 *      date, so invisible
 *
 * The series starts in December 2023, the month of the earliest won deal.
 * Snapshots: Dec 31, Jan 31, Feb 29, Mar 31 and Apr 15 (the report date).
 *
 *            Dec   Jan   Feb   Mar   Apr
 *   A          0   100   100   150   150
 *   B          0   200     0     0    80
 *   C          0     0     0     0     0
 *   D          0     0   100    40    40
 *   MRR        0   300   200   190   270
 */
static sqlite3 *
worked_example (void)
{
  sqlite3 *db = tt_db_new ();
  gint64 a = tt_account (db, "A");
  gint64 b = tt_account (db, "B");
  gint64 c = tt_account (db, "C");
  gint64 d = tt_account (db, "D");
  gint64 e = tt_account (db, "E");

  tt_sub (db, a, "2024-01-10", NULL, 100);
  tt_sub (db, a, "2024-03-01", NULL, 50);
  tt_deal (db, a, "2023-12-20", 1200);
  tt_deal (db, a, "2023-12-20", 300);
  tt_deal (db, a, "2024-03-05", 500);
  tt_sub (db, b, "2024-01-01", "2024-02-15", 200);
  tt_sub (db, b, "2024-04-01", NULL, 80);
  tt_sub (db, c, "2024-02-03", "2024-02-20", 30);
  tt_sub (db, d, "2024-02-10", "2024-03-15", 60);
  tt_sub (db, d, "2024-02-10", NULL, 40);
  tt_deal (db, d, "2024-02-10", 900);
  tt_sub (db, e, "2024-04-20", NULL, 70);
  tt_deal (db, e, "2024-05-01", 100);
  return db;
}

static void
test_metrics_months (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-04-15", NULL, NULL);
  const TenureMetricsPeriod *p;

  g_assert_cmpint (m->churn_rule, ==, TENURE_CHURN_RULE_CONTRACT);
  g_assert_cmpuint (m->n_periods, ==, 5);
  g_assert_cmpstr (m->periods[0].label, ==, "2023-12");
  g_assert_cmpint (m->periods[0].start, ==, D ("2023-12-01"));
  g_assert_cmpint (m->periods[0].end, ==, D ("2023-12-31"));
  g_assert_cmpint (m->periods[4].end, ==, D ("2024-04-15"));

  /* December: only the deal. Every ratio has a zero denominator. */
  p = period (m, "2023-12");
  g_assert_cmpint (p->mrr, ==, 0);
  g_assert_cmpint (p->active_accounts, ==, 0);
  g_assert_cmpint (p->bookings, ==, 1500);
  assert_null (p->quick_ratio);
  assert_null (p->logo_churn_rate);
  assert_null (p->revenue_churn_rate);
  assert_null (p->arpa);
  assert_null (p->grr);
  assert_null (p->nrr);
  assert_null (p->new_account_average_sale);
  assert_null (p->future_account_value);

  /* January: A and B originate with 100 + 200 of new MRR. A's first sale
   * (1500, closed in December) is January's average sale; B has no deal. */
  p = period (m, "2024-01");
  g_assert_cmpint (p->mrr, ==, 300);
  g_assert_cmpint (p->arr, ==, 3600);
  g_assert_cmpint (p->active_accounts, ==, 2);
  g_assert_cmpint (p->new_accounts, ==, 2);
  g_assert_cmpint (p->new_mrr, ==, 300);
  g_assert_cmpint (p->net_new_mrr, ==, 300);
  assert_null (p->quick_ratio);          /* 300 / 0 */
  assert_null (p->logo_churn_rate);      /* 0 active at Dec 31 */
  assert_null (p->revenue_churn_rate);   /* MRR 0 at Dec 31 */
  assert_near (p->arpa, 150.0);
  assert_near (p->new_account_average_sale, 1500.0);
  g_assert_cmpint (p->bookings, ==, 0);

  /* February: B churns (200), C comes and goes (new and churned, never at
   * a snapshot: no movement), D is new (100). Logo churn: of the 2
   * accounts active at Jan 31 only B churned: 1/2; C does not count. */
  p = period (m, "2024-02");
  g_assert_cmpint (p->mrr, ==, 200);
  g_assert_cmpint (p->active_accounts, ==, 2);
  g_assert_cmpint (p->new_accounts, ==, 2);
  g_assert_cmpint (p->churned_accounts, ==, 2);
  g_assert_cmpint (p->new_mrr, ==, 100);
  g_assert_cmpint (p->churned_mrr, ==, 200);
  g_assert_cmpint (p->net_new_mrr, ==, -100);
  assert_near (p->quick_ratio, 100.0 / 200.0);
  assert_near (p->logo_churn_rate, 0.5);
  assert_near (p->revenue_churn_rate, 200.0 / 300.0);
  assert_near (p->arpa, 100.0);
  g_assert_cmpint (p->bookings, ==, 900);
  assert_near (p->new_account_average_sale, 900.0);   /* D; C has no deal */

  /* March: A expands 50, D contracts 60. */
  p = period (m, "2024-03");
  g_assert_cmpint (p->mrr, ==, 190);
  g_assert_cmpint (p->expansion_mrr, ==, 50);
  g_assert_cmpint (p->contraction_mrr, ==, 60);
  g_assert_cmpint (p->net_new_mrr, ==, -10);
  assert_near (p->quick_ratio, 50.0 / 60.0);
  assert_near (p->logo_churn_rate, 0.0);
  assert_near (p->revenue_churn_rate, 60.0 / 200.0);
  assert_near (p->arpa, 95.0);
  g_assert_cmpint (p->bookings, ==, 500);
  assert_null (p->new_account_average_sale);

  /* April (to the 15th): B comes back with 80, a reactivation (it had MRR
   * on or before Mar 31); E and its deal are after the report date. */
  p = period (m, "2024-04");
  g_assert_cmpint (p->mrr, ==, 270);
  g_assert_cmpint (p->active_accounts, ==, 3);
  g_assert_cmpint (p->reactivated_accounts, ==, 1);
  g_assert_cmpint (p->new_accounts, ==, 0);
  g_assert_cmpint (p->reactivation_mrr, ==, 80);
  g_assert_cmpint (p->new_mrr, ==, 0);
  g_assert_cmpint (p->net_new_mrr, ==, 80);
  assert_null (p->quick_ratio);          /* (0 + 0) / 0: reactivation not counted */
  assert_near (p->revenue_churn_rate, 0.0);
  assert_near (p->arpa, 90.0);
  g_assert_cmpint (p->bookings, ==, 0);

  /* Stages: no events, everyone in Onboarding. */
  g_assert_cmpint (period (m, "2024-04")->stage_counts[0], ==, 3);
  g_assert_cmpint (period (m, "2024-02")->stage_counts[0], ==, 2);
  g_assert_cmpint (tenure_metrics_transition_count (m, period (m, "2024-02"), TENURE_STAGE_OUTSIDE, 0), ==, 2);
  g_assert_cmpint (tenure_metrics_transition_count (m, period (m, "2024-02"), 0, TENURE_STAGE_OUTSIDE), ==, 2);
  g_assert_cmpint (tenure_metrics_transition_count (m, period (m, "2024-04"), TENURE_STAGE_OUTSIDE, 0), ==, 1);

  /* Predicted LTV at the report date: ARPA 90 × margin 1 over the pooled
   * monthly logo churn Dec…Apr: 1 churned / (0+0+2+2+2) active before. */
  assert_near (m->value.predicted_ltv, 90.0 / (1.0 / 6.0));
  /* Realized LTV: only C churned and stayed away; it never had MRR at a
   * month end, so its realized value is 0. */
  g_assert_cmpint (m->value.realized_accounts, ==, 1);
  assert_near (m->value.realized_ltv, 0.0);
  assert_null (m->value.future_account_value);
  sqlite3_close (db);
}

static void
test_metrics_cohorts (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-04-15", NULL, NULL);
  const TenureCohort *c;
  const TenureCohortAverage *avg = &m->cohort_average;

  /* January {A, B}: active 2, 1, 1, 2 (B back in April); MRR 300, 100,
   * 150, 230. February {C, D}: active 1, 1, 1; MRR 100, 40, 40. December
   * had no origination: not listed. */
  g_assert_cmpuint (m->n_cohorts, ==, 2);
  c = &m->cohorts[0];
  g_assert_cmpstr (c->label, ==, "2024-01");
  g_assert_cmpint (c->size, ==, 2);
  g_assert_cmpuint (c->n_ages, ==, 4);
  assert_near (c->logo_retention[0], 1.0);
  assert_near (c->logo_retention[1], 0.5);
  assert_near (c->logo_retention[2], 0.5);
  assert_near (c->logo_retention[3], 1.0);
  assert_near (c->revenue_retention[1], 100.0 / 300.0);
  assert_near (c->revenue_retention[2], 150.0 / 300.0);
  assert_near (c->revenue_retention[3], 230.0 / 300.0);

  c = &m->cohorts[1];
  g_assert_cmpstr (c->label, ==, "2024-02");
  g_assert_cmpuint (c->n_ages, ==, 3);   /* cells past the report date are absent */
  assert_near (c->logo_retention[0], 0.5); /* C left within its first month */
  assert_near (c->revenue_retention[0], 1.0);
  assert_near (c->revenue_retention[1], 0.4);

  /* Weighted average: Σ numerators / Σ denominators of the cohorts that
   * reached age k. */
  g_assert_cmpuint (avg->n_ages, ==, 4);
  assert_near (avg->logo_retention[0], 3.0 / 4.0);
  assert_near (avg->logo_retention[1], 2.0 / 4.0);
  assert_near (avg->logo_retention[3], 2.0 / 2.0);
  assert_near (avg->revenue_retention[1], 140.0 / 400.0);
  assert_near (avg->revenue_retention[2], 190.0 / 400.0);
  assert_near (avg->revenue_retention[3], 230.0 / 300.0);
  sqlite3_close (db);
}

static void
test_metrics_quarters (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) q = compute (ledger, TENURE_PERIOD_QUARTER, "2024-04-15", NULL, NULL);
  g_autoptr(TenureMetrics) y = compute (ledger, TENURE_PERIOD_YEAR, "2024-04-15", NULL, NULL);
  const TenureMetricsPeriod *p;

  g_assert_cmpuint (q->n_periods, ==, 3);
  p = period (q, "2023-Q4");
  g_assert_cmpint (p->start, ==, D ("2023-10-01"));
  g_assert_cmpint (p->end, ==, D ("2023-12-31"));
  g_assert_cmpint (p->bookings, ==, 1500);

  /* Q1: snapshot Mar 31; movements are the months' sums (new 300 + 100,
   * expansion 50, contraction 60, churn 200); the quick ratio comes from
   * them; logo and revenue churn have nothing active at Dec 31. */
  p = period (q, "2024-Q1");
  g_assert_cmpint (p->mrr, ==, 190);
  g_assert_cmpint (p->active_accounts, ==, 2);
  g_assert_cmpint (p->new_accounts, ==, 4);
  g_assert_cmpint (p->churned_accounts, ==, 2);
  g_assert_cmpint (p->new_mrr, ==, 400);
  g_assert_cmpint (p->churned_mrr, ==, 200);
  g_assert_cmpint (p->net_new_mrr, ==, 190);
  assert_near (p->quick_ratio, 450.0 / 260.0);
  assert_null (p->logo_churn_rate);
  assert_null (p->revenue_churn_rate);
  assert_near (p->arpa, 95.0);
  g_assert_cmpint (p->bookings, ==, 1400);
  assert_near (p->new_account_average_sale, (1500.0 + 900.0) / 2.0);
  g_assert_cmpint (tenure_metrics_transition_count (q, p, TENURE_STAGE_OUTSIDE, 0), ==, 4);

  p = period (q, "2024-Q2");
  g_assert_cmpint (p->start, ==, D ("2024-04-01"));
  g_assert_cmpint (p->end, ==, D ("2024-04-15"));
  g_assert_cmpint (p->mrr, ==, 270);
  assert_near (p->logo_churn_rate, 0.0);

  g_assert_cmpuint (y->n_periods, ==, 2);
  p = period (y, "2024");
  g_assert_cmpint (p->start, ==, D ("2024-01-01"));
  g_assert_cmpint (p->mrr, ==, 270);
  g_assert_cmpint (p->net_new_mrr, ==, 270);
  g_assert_cmpint (p->reactivated_accounts, ==, 1);
  /* The year's logo churn: nobody was active at Dec 31, 2023. */
  assert_null (p->logo_churn_rate);
  sqlite3_close (db);
}

static void
test_metrics_fiscal (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) q = NULL;
  g_autoptr(TenureMetrics) y = NULL;
  g_autoptr(TenureMetrics) narrow = NULL;
  char buf[16];

  tt_set (db, "fiscal-year-start", "4");
  ledger = load (db);
  q = compute (ledger, TENURE_PERIOD_QUARTER, "2024-04-15", NULL, NULL);
  /* With an April start, FY2024 runs April 2023 – March 2024. */
  g_assert_cmpuint (q->n_periods, ==, 3);
  g_assert_cmpstr (q->periods[0].label, ==, "FY2024-Q3");
  g_assert_cmpstr (q->periods[1].label, ==, "FY2024-Q4");
  g_assert_cmpstr (q->periods[2].label, ==, "FY2025-Q1");
  g_assert_cmpint (q->periods[2].start, ==, D ("2024-04-01"));

  y = compute (ledger, TENURE_PERIOD_YEAR, "2024-04-15", NULL, NULL);
  g_assert_cmpuint (y->n_periods, ==, 2);
  g_assert_cmpstr (y->periods[0].label, ==, "FY2024");
  g_assert_cmpint (y->periods[0].start, ==, D ("2023-04-01"));
  g_assert_cmpint (y->periods[0].end, ==, D ("2024-03-31"));
  g_assert_cmpint (y->periods[0].mrr, ==, 190);
  g_assert_cmpstr (y->periods[1].label, ==, "FY2025");

  narrow = compute (ledger, TENURE_PERIOD_QUARTER, "2024-04-15", "FY2024-Q4", "FY2024-Q4");
  g_assert_cmpuint (narrow->n_periods, ==, 1);
  g_assert_cmpint (narrow->periods[0].mrr, ==, 190);

  /* Labels and their parser agree, January or not. */
  g_assert_cmpstr (tenure_period_format (TENURE_PERIOD_QUARTER, 1, tenure_month_from_ym (2024, 2), buf), ==, "2024-Q1");
  g_assert_cmpstr (tenure_period_format (TENURE_PERIOD_QUARTER, 4, tenure_month_from_ym (2024, 3), buf), ==, "FY2024-Q4");
  g_assert_cmpstr (tenure_period_format (TENURE_PERIOD_YEAR, 10, tenure_month_from_ym (2024, 10), buf), ==, "FY2025");
  g_assert_cmpstr (tenure_period_format (TENURE_PERIOD_YEAR, 1, tenure_month_from_ym (2024, 10), buf), ==, "2024");
  for (int fy_start = 1; fy_start <= 12; fy_start++)
    for (TenurePeriodKind kind = TENURE_PERIOD_MONTH; kind <= TENURE_PERIOD_YEAR; kind++)
      for (TenureMonth month = tenure_month_from_ym (2020, 1); month < tenure_month_from_ym (2026, 1); month++)
        {
          TenureMonth first;

          tenure_period_format (kind, fy_start, month, buf);
          g_assert_true (tenure_period_parse (kind, fy_start, buf, &first));
          g_assert_cmpint (first, ==, tenure_period_first_month (kind, fy_start, month));
          g_assert_cmpint (first, <=, month);
          g_assert_cmpint (month - first, <, kind == TENURE_PERIOD_YEAR ? 12 : kind == TENURE_PERIOD_QUARTER ? 3 : 1);
        }
  sqlite3_close (db);
}

static void
test_metrics_range (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-04-15", "2024-02", "2024-03");
  g_autoptr(GError) error = NULL;
  TenureMetricsOptions bad = { TENURE_PERIOD_QUARTER, D ("2024-04-15"), "2024-02", NULL };
  TenureMetricsOptions reversed = { TENURE_PERIOD_MONTH, D ("2024-04-15"), "2024-03", "2024-02" };
  TenureMetrics *none;

  /* Narrowing keeps the figures: February's ratios still see January. */
  g_assert_cmpuint (m->n_periods, ==, 2);
  g_assert_cmpstr (m->periods[0].label, ==, "2024-02");
  assert_near (m->periods[0].logo_churn_rate, 0.5);

  none = tenure_metrics_compute (ledger, &bad, &error);
  g_assert_null (none);
  g_assert_error (error, TENURE_METRICS_ERROR, TENURE_METRICS_ERROR_INVALID_PERIOD);
  g_clear_error (&error);
  none = tenure_metrics_compute (ledger, &reversed, &error);
  g_assert_null (none);
  g_assert_error (error, TENURE_METRICS_ERROR, TENURE_METRICS_ERROR_INVALID_RANGE);
  sqlite3_close (db);
}

static void
test_metrics_accounts (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-04-15", NULL, NULL);
  const TenureAccountFigures *f;

  f = &m->accounts[tenure_ledger_account_index (ledger, tenure_ledger_lookup_key (ledger, "A"))];
  g_assert_true (f->active);
  g_assert_cmpint (f->stage, ==, 0);
  g_assert_cmpint (f->mrr, ==, 150);
  g_assert_cmpint (f->arr, ==, 1800);
  g_assert_cmpint (f->originated_on, ==, D ("2024-01-10"));
  g_assert_cmpint (f->churned_on, ==, TENURE_DAY_NONE);
  g_assert_cmpint (f->tenure_months, ==, 3);      /* Jan 10 → Apr 10 */

  /* B is back: tenure counts from its first origination. */
  f = &m->accounts[tenure_ledger_account_index (ledger, tenure_ledger_lookup_key (ledger, "B"))];
  g_assert_true (f->active);
  g_assert_cmpint (f->originated_on, ==, D ("2024-01-01"));
  g_assert_cmpint (f->churned_on, ==, TENURE_DAY_NONE);

  f = &m->accounts[tenure_ledger_account_index (ledger, tenure_ledger_lookup_key (ledger, "C"))];
  g_assert_false (f->active);
  g_assert_cmpint (f->stage, ==, TENURE_STAGE_OUTSIDE);
  g_assert_cmpint (f->churned_on, ==, D ("2024-02-20"));
  g_assert_cmpint (f->tenure_months, ==, 0);

  f = &m->accounts[tenure_ledger_account_index (ledger, tenure_ledger_lookup_key (ledger, "E"))];
  g_assert_false (f->active);
  g_assert_cmpint (f->originated_on, ==, TENURE_DAY_NONE);
  g_assert_cmpint (f->tenure_months, ==, -1);
  g_assert_cmpint (f->mrr, ==, 0);

  g_assert_cmpint (tenure_months_between (D ("2024-01-31"), D ("2024-02-29")), ==, 1);
  g_assert_cmpint (tenure_months_between (D ("2024-01-31"), D ("2024-02-28")), ==, 0);
  g_assert_cmpint (tenure_months_between (D ("2024-01-15"), D ("2024-02-14")), ==, 0);
  g_assert_cmpint (tenure_months_between (D ("2023-01-15"), D ("2024-01-15")), ==, 12);
  sqlite3_close (db);
}

/* GRR and NRR over the accounts paying at the month end 12 months before:
 *   X  100 from 2023-01-01, +50 from 2023-06-01         a 100  b 150
 *   Y  200 from 2023-01-15 to 2023-09-01, then 120       a 200  b 120
 *   Z  50 from 2023-01-20 to 2023-02-15                  a  50  b   0
 *   W  500 from 2023-02-01: not paying at Jan 31, 2023, so not in the base
 * January 2024: GRR = (100 + 120 + 0) / 350, NRR = (150 + 120 + 0) / 350. */
static void
test_metrics_retention (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;
  g_autoptr(TenureMetrics) q = NULL;
  gint64 x = tt_account (db, "X"), y = tt_account (db, "Y");
  gint64 z = tt_account (db, "Z"), w = tt_account (db, "W");

  tt_sub (db, x, "2023-01-01", NULL, 100);
  tt_sub (db, x, "2023-06-01", NULL, 50);
  tt_sub (db, y, "2023-01-15", "2023-09-01", 200);
  tt_sub (db, y, "2023-09-01", NULL, 120);
  tt_sub (db, z, "2023-01-20", "2023-02-15", 50);
  tt_sub (db, w, "2023-02-01", NULL, 500);
  ledger = load (db);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-02-10", NULL, NULL);

  /* December 2023 has no month-end 12 months before inside the series. */
  assert_null (period (m, "2023-12")->grr);
  assert_near (period (m, "2024-01")->grr, 220.0 / 350.0);
  assert_near (period (m, "2024-01")->nrr, 270.0 / 350.0);
  g_assert_cmpint (period (m, "2024-01")->retention_base_mrr, ==, 350);
  /* February (to the report date, the 10th) against Feb 28, 2023: X 100,
   * Y 200, W 500 (Z had left): GRR (100 + 120 + 500) / 800. */
  assert_near (period (m, "2024-02")->grr, 720.0 / 800.0);
  assert_near (period (m, "2024-02")->nrr, 770.0 / 800.0);

  /* A quarter takes its last month's figures. */
  q = compute (ledger, TENURE_PERIOD_QUARTER, "2024-02-10", NULL, NULL);
  assert_near (period (q, "2024-Q1")->grr, 720.0 / 800.0);
  assert_null (period (q, "2023-Q4")->nrr);
  sqlite3_close (db);
}

static void
test_metrics_quick_ratio_reactivation (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;

  tt_set (db, "quick-ratio-reactivation", "true");
  ledger = load (db);
  m = compute (ledger, TENURE_PERIOD_QUARTER, "2024-04-15", NULL, NULL);
  g_assert_true (m->quick_ratio_reactivation);
  /* Q2: reactivation 80 in the numerator, nothing lost: still undefined. */
  assert_null (period (m, "2024-Q2")->quick_ratio);
  /* The year: (400 + 50 + 80) / (200 + 60). */
  g_clear_pointer (&m, tenure_metrics_free);
  m = compute (ledger, TENURE_PERIOD_YEAR, "2024-04-15", NULL, NULL);
  assert_near (period (m, "2024")->quick_ratio, 530.0 / 260.0);
  sqlite3_close (db);
}

/* Deals only (inactivity, N = 30): no MRR anywhere.
 *   P  won 100 on 2024-01-10 and 40 on 2024-01-25: active Jan 10 – Feb 23,
 *      churns Feb 24 (last deal + 30)
 *   Q  won 70 on 2024-02-05 (churns Mar 6), 70 again on 2024-03-20
 *      (reactivation)
 * Report date 2024-03-31. */
static void
test_metrics_inactivity (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;
  gint64 p = tt_account (db, "P"), q = tt_account (db, "Q");
  const TenureMetricsPeriod *mar;

  tt_set (db, "inactivity-days", "30");
  tt_deal (db, p, "2024-01-10", 100);
  tt_deal (db, p, "2024-01-25", 40);
  tt_deal (db, q, "2024-02-05", 70);
  tt_deal (db, q, "2024-03-20", 70);
  ledger = load (db);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-31", NULL, NULL);

  g_assert_cmpint (m->churn_rule, ==, TENURE_CHURN_RULE_INACTIVITY);
  g_assert_cmpuint (m->n_periods, ==, 3);
  g_assert_cmpint (period (m, "2024-01")->active_accounts, ==, 1);
  g_assert_cmpint (period (m, "2024-01")->bookings, ==, 140);
  assert_near (period (m, "2024-01")->new_account_average_sale, 100.0);
  g_assert_cmpint (period (m, "2024-02")->active_accounts, ==, 1);   /* Q; P left Feb 24 */
  g_assert_cmpint (period (m, "2024-02")->churned_accounts, ==, 1);
  assert_near (period (m, "2024-02")->logo_churn_rate, 1.0);
  mar = period (m, "2024-03");
  g_assert_cmpint (mar->active_accounts, ==, 1);
  g_assert_cmpint (mar->churned_accounts, ==, 1);
  g_assert_cmpint (mar->reactivated_accounts, ==, 1);
  assert_near (mar->logo_churn_rate, 1.0);   /* Q, active Feb 29, left Mar 6 */
  g_assert_cmpint (mar->mrr, ==, 0);
  assert_null (mar->arpa);
  assert_null (mar->revenue_churn_rate);
  assert_null (mar->quick_ratio);
  /* No MRR: revenue retention is null in every cell. */
  g_assert_cmpuint (m->n_cohorts, ==, 2);
  assert_null (m->cohorts[0].revenue_retention[0]);
  assert_null (m->cohort_average.revenue_retention[0]);
  assert_near (m->cohorts[0].logo_retention[1], 0.0);
  /* Realized value of deals-only accounts: their won amounts (P: 140). */
  g_assert_cmpint (m->value.realized_accounts, ==, 1);
  assert_near (m->value.realized_ltv, 140.0);
  /* ARPA undefined: predicted LTV undefined. */
  assert_null (m->value.predicted_ltv);
  sqlite3_close (db);
}

/* Explicit rule, report date 2024-03-31:
 *   M  100 from 2024-01-10, never ends; churned event 2024-02-05; another
 *      churned event 2024-02-20 (ignored: not active); reactivated event
 *      2024-03-03; churned again 2024-03-10, and a won deal 2024-03-25
 *      (strictly after: reactivation). MRR keeps flowing meanwhile.
 * Movements still come from MRR: new 100 in January, nothing after. */
static void
test_metrics_explicit (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;
  gint64 a = tt_account (db, "M");
  const TenureMetricsPeriod *mar;

  tt_set (db, "churn-rule", "explicit");
  tt_sub (db, a, "2024-01-10", NULL, 100);
  tt_event (db, a, "2024-02-05", "churned", NULL);
  tt_event (db, a, "2024-02-20", "churned", NULL);
  tt_event (db, a, "2024-03-03", "reactivated", NULL);
  tt_event (db, a, "2024-03-10", "churned", NULL);
  tt_deal (db, a, "2024-03-25", 10);
  ledger = load (db);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-31", NULL, NULL);

  g_assert_cmpint (period (m, "2024-02")->churned_accounts, ==, 1);
  g_assert_cmpint (period (m, "2024-02")->active_accounts, ==, 0);
  g_assert_cmpint (period (m, "2024-02")->mrr, ==, 100);
  g_assert_cmpint (period (m, "2024-02")->churned_mrr, ==, 0);
  mar = period (m, "2024-03");
  g_assert_cmpint (mar->reactivated_accounts, ==, 2);
  g_assert_cmpint (mar->churned_accounts, ==, 1);
  g_assert_cmpint (mar->active_accounts, ==, 1);
  /* Not active at Feb 29: its March churn is not logo churn. */
  assert_null (mar->logo_churn_rate);
  assert_near (period (m, "2024-02")->logo_churn_rate, 1.0);
  g_assert_cmpint (tenure_metrics_transition_count (m, mar, TENURE_STAGE_OUTSIDE, 0), ==, 2);
  g_assert_cmpint (tenure_metrics_transition_count (m, mar, 0, TENURE_STAGE_OUTSIDE), ==, 1);
  sqlite3_close (db);
}

/* Journey stages, report date 2024-03-31:
 *   A  100 from 2024-01-01 to 2024-03-15; upgraded to Launched on Jan 20,
 *      upgraded without a stage (one step: ROI Generated) on Feb 10
 *   B  300 from 2024-02-05; downgraded to Onboarding on Feb 6 (no move)
 *
 *            Onboarding  Launched  ROI Generated   moves
 *   Jan      0           1         0               new→Onboarding, Onboarding→Launched
 *   Feb      1           0         1               new→Onboarding (B), Launched→ROI Generated
 *   Mar      1           0         0               ROI Generated→churned
 *
 * With MRR bands instead (Launched from 200): A stays in Onboarding, B
 * enters Launched directly. */
static void
test_metrics_stages (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;
  gint64 a = tt_account (db, "A"), b = tt_account (db, "B");
  const TenureMetricsPeriod *p;

  tt_sub (db, a, "2024-01-01", "2024-03-15", 100);
  tt_event (db, a, "2024-01-20", "upgraded", "Launched");
  tt_event (db, a, "2024-02-10", "upgraded", NULL);
  tt_sub (db, b, "2024-02-05", NULL, 300);
  tt_event (db, b, "2024-02-06", "downgraded", "Onboarding");
  ledger = load (db);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-31", NULL, NULL);

  p = period (m, "2024-01");
  g_assert_cmpint (p->stage_counts[0], ==, 0);
  g_assert_cmpint (p->stage_counts[1], ==, 1);
  g_assert_cmpint (tenure_metrics_transition_count (m, p, TENURE_STAGE_OUTSIDE, 0), ==, 1);
  g_assert_cmpint (tenure_metrics_transition_count (m, p, 0, 1), ==, 1);
  p = period (m, "2024-02");
  g_assert_cmpint (p->stage_counts[0], ==, 1);
  g_assert_cmpint (p->stage_counts[1], ==, 0);
  g_assert_cmpint (p->stage_counts[2], ==, 1);
  g_assert_cmpint (tenure_metrics_transition_count (m, p, TENURE_STAGE_OUTSIDE, 0), ==, 1);
  g_assert_cmpint (tenure_metrics_transition_count (m, p, 1, 2), ==, 1);
  g_assert_cmpint (tenure_metrics_transition_count (m, p, 0, 0), ==, 0);
  p = period (m, "2024-03");
  g_assert_cmpint (p->stage_counts[0], ==, 1);
  g_assert_cmpint (p->stage_counts[2], ==, 0);
  g_assert_cmpint (tenure_metrics_transition_count (m, p, 2, TENURE_STAGE_OUTSIDE), ==, 1);
  g_clear_pointer (&m, tenure_metrics_free);
  g_clear_pointer (&ledger, tenure_ledger_unref);

  tt_set (db, "stage-source", "mrr-bands");
  tt_exec (db, "UPDATE journey_stage SET min_mrr = 200 WHERE name = 'Launched'");
  ledger = load (db);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-31", NULL, NULL);
  p = period (m, "2024-02");
  g_assert_cmpint (p->stage_counts[0], ==, 1);
  g_assert_cmpint (p->stage_counts[1], ==, 1);
  g_assert_cmpint (tenure_metrics_transition_count (m, p, TENURE_STAGE_OUTSIDE, 1), ==, 1);
  p = period (m, "2024-03");
  g_assert_cmpint (tenure_metrics_transition_count (m, p, 0, TENURE_STAGE_OUTSIDE), ==, 1);
  sqlite3_close (db);
}

/* Gaps around a month end (contract), report date 2024-03-31:
 *   G  100 to 2024-02-01 (last day Jan 31), again from 2024-02-02: one day
 *      without MRR in February. Churn Feb 1 and reactivation Feb 2, both
 *      in February; active at both snapshots; the snapshots see no
 *      movement, the day-level counts do.
 *   H  100 to 2024-01-31 (last day Jan 30), again from 2024-02-01: churn
 *      on Jan 31 itself, so not active at the January snapshot; back in
 *      February: a reactivation movement of 100.
 *   K  steady 100 from 2024-01-01. */
static void
test_metrics_month_end_gaps (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureMetrics) m = NULL;
  gint64 g = tt_account (db, "G"), h = tt_account (db, "H"), k = tt_account (db, "K");
  const TenureMetricsPeriod *p;

  tt_sub (db, g, "2024-01-01", "2024-02-01", 100);
  tt_sub (db, g, "2024-02-02", NULL, 100);
  tt_sub (db, h, "2024-01-01", "2024-01-31", 100);
  tt_sub (db, h, "2024-02-01", NULL, 100);
  tt_sub (db, k, "2024-01-01", NULL, 100);
  ledger = load (db);
  m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-31", NULL, NULL);

  p = period (m, "2024-01");
  g_assert_cmpint (p->new_accounts, ==, 3);
  g_assert_cmpint (p->churned_accounts, ==, 1);       /* H on Jan 31 */
  g_assert_cmpint (p->active_accounts, ==, 2);
  g_assert_cmpint (p->mrr, ==, 200);
  g_assert_cmpint (p->new_mrr, ==, 200);              /* H had left by the snapshot */

  p = period (m, "2024-02");
  g_assert_cmpint (p->churned_accounts, ==, 1);       /* G on Feb 1 */
  g_assert_cmpint (p->reactivated_accounts, ==, 2);   /* H Feb 1, G Feb 2 */
  g_assert_cmpint (p->active_accounts, ==, 3);
  g_assert_cmpint (p->reactivation_mrr, ==, 100);     /* H: paid on Jan 1–30 */
  g_assert_cmpint (p->churned_mrr, ==, 0);            /* G: 100 at both snapshots */
  /* G was active at Jan 31 and churned in February: logo churn 1 / 2. */
  g_assert_cmpint (p->logo_churned_accounts, ==, 1);
  assert_near (p->logo_churn_rate, 0.5);
  assert_near (p->revenue_churn_rate, 0.0);
  assert_null (p->quick_ratio);
  sqlite3_close (db);
}

static void
test_metrics_empty (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-03-31", NULL, NULL);
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  g_assert_cmpuint (m->n_periods, ==, 0);
  g_assert_cmpuint (m->n_cohorts, ==, 0);
  assert_null (m->value.realized_ltv);
  assert_null (m->value.predicted_ltv);
  tenure_metrics_write_json (m, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
                   "{\"currency\":\"USD\",\"churn_rule\":\"inactivity\",\"quick_ratio_reactivation\":false,"
                   "\"as_of\":\"2024-03-31\",\"period\":\"month\",\"series\":[],\"cohorts\":[],"
                   "\"cohort_average\":{\"logo_retention\":[],\"revenue_retention\":[]}}");
  sqlite3_close (db);
}

/* The keys of the first object of "series", in order, from compact JSON. */
static GPtrArray *
series_keys (const char *text)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const char *p = strstr (text, "\"series\":[{");
  int depth = 0;

  g_assert_nonnull (p);
  p += strlen ("\"series\":[");
  for (; *p; p++)
    {
      if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        {
          if (--depth == 0)
            break;
        }
      else if (*p == '"')
        {
          const char *end = strchr (p + 1, '"');

          if (depth == 1 && end[1] == ':')
            g_ptr_array_add (keys, g_strndup (p + 1, end - p - 1));
          p = end;
        }
    }
  return keys;
}

static void
test_metrics_json (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-04-15", "2024-02", "2024-02");
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *doc_path = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_doc = 0;
  const char *text;
  gboolean in_section = FALSE;

  tenure_metrics_write_json (m, json);
  text = tenure_json_peek (json);
  g_assert_nonnull (strstr (text, "\"period\":\"2024-02\",\"start\":\"2024-02-01\",\"end\":\"2024-02-29\","
                                  "\"mrr\":200,\"arr\":2400,\"active_accounts\":2,\"new_accounts\":2,"
                                  "\"churned_accounts\":2,\"reactivated_accounts\":0,\"new_mrr\":100,"
                                  "\"expansion_mrr\":0,\"contraction_mrr\":0,\"churned_mrr\":200,"
                                  "\"reactivation_mrr\":0,\"net_new_mrr\":-100,\"quick_ratio\":0.5,"
                                  "\"logo_churn_rate\":0.5,"));
  g_assert_nonnull (strstr (text, "\"grr\":null,\"nrr\":null,\"arpa\":100.0,\"bookings\":900,"
                                  "\"new_account_average_sale\":900.0,\"future_account_value\":null,"));
  g_assert_nonnull (strstr (text, "\"stages\":{\"Onboarding\":2,\"Launched\":0,"));
  g_assert_nonnull (strstr (text, "\"transitions\":[{\"from\":\"new\",\"to\":\"Onboarding\",\"count\":2},"
                                  "{\"from\":\"Onboarding\",\"to\":\"churned\",\"count\":2}]"));
  g_assert_nonnull (strstr (text, "{\"cohort\":\"2024-02\",\"size\":2,\"logo_retention\":[0.5,0.5,0.5],"
                                  "\"revenue_retention\":[1.0,0.4,0.4]}"));
  g_assert_nonnull (strstr (text, "\"churn_rule\":\"contract\""));

  /* docs/metrics.md lists exactly the series fields, in order. */
  keys = series_keys (text);
  doc_path = g_test_build_filename (G_TEST_DIST, "..", "docs", "metrics.md", NULL);
  g_file_get_contents (doc_path, &doc, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (doc, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "## "))
        in_section = g_str_equal (lines[i], "## JSON fields");
      else if (in_section && g_str_has_prefix (lines[i], "- `"))
        {
          const char *name = lines[i] + 3;
          const char *end = strchr (name, '`');

          g_assert_nonnull (end);
          g_assert_cmpuint (n_doc, <, keys->len);
          g_assert_cmpint (strncmp (name, g_ptr_array_index (keys, n_doc), end - name), ==, 0);
          g_assert_cmpuint (strlen (g_ptr_array_index (keys, n_doc)), ==, (gsize) (end - name));
          n_doc++;
        }
    }
  g_assert_cmpuint (n_doc, ==, keys->len);
  g_assert_cmpuint (keys->len, ==, 26);
  sqlite3_close (db);
}

static void
test_metrics_account_json (void)
{
  sqlite3 *db = worked_example ();
  g_autoptr(TenureLedger) ledger = load (db);
  g_autoptr(TenureMetrics) m = compute (ledger, TENURE_PERIOD_MONTH, "2024-04-15", NULL, NULL);
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);
  guint c = tenure_ledger_account_index (ledger, tenure_ledger_lookup_key (ledger, "C"));

  tenure_json_begin_object (json);
  tenure_metrics_write_account_members (m, ledger, c, json);
  tenure_json_key (json, "value");
  tenure_json_begin_object (json);
  tenure_metrics_write_value_members (m, json);
  tenure_json_end_object (json);
  tenure_json_end_object (json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
                   "{\"account\":\"C\",\"name\":\"C\",\"segment\":null,\"owner\":null,\"type\":null,"
                   "\"region\":null,\"stage\":null,\"active\":false,\"mrr\":0,\"arr\":0,"
                   "\"originated_on\":\"2024-02-03\",\"churned_on\":\"2024-02-20\",\"tenure_months\":0,"
                   "\"value\":{\"predicted_ltv\":540.0,\"realized_ltv\":0.0,\"future_account_value\":null}}");
  sqlite3_close (db);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metrics/months", test_metrics_months);
  g_test_add_func ("/metrics/cohorts", test_metrics_cohorts);
  g_test_add_func ("/metrics/quarters", test_metrics_quarters);
  g_test_add_func ("/metrics/fiscal", test_metrics_fiscal);
  g_test_add_func ("/metrics/range", test_metrics_range);
  g_test_add_func ("/metrics/accounts", test_metrics_accounts);
  g_test_add_func ("/metrics/retention", test_metrics_retention);
  g_test_add_func ("/metrics/quick-ratio-reactivation", test_metrics_quick_ratio_reactivation);
  g_test_add_func ("/metrics/inactivity", test_metrics_inactivity);
  g_test_add_func ("/metrics/explicit", test_metrics_explicit);
  g_test_add_func ("/metrics/stages", test_metrics_stages);
  g_test_add_func ("/metrics/month-end-gaps", test_metrics_month_end_gaps);
  g_test_add_func ("/metrics/empty", test_metrics_empty);
  g_test_add_func ("/metrics/json", test_metrics_json);
  g_test_add_func ("/metrics/account-json", test_metrics_account_json);
  return g_test_run ();
}
