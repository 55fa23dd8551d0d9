/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tenure-ledger.h"
#include "tenure-metrics.h"
#include "tenure-segments.h"

#include "kam-test-util.h"

/* Report date 2024-12-31: the window is 2024-01 … 2024-12. Subscriptions
 * exist, so the churn rule is `contract`. Gross margin 0.8.
 *
 * Tech, funnel in the window: 2024-01 (60000 + 30000 spend, 300 leads, 60
 * opportunities) and 2024-06 (40000 + 20000, 200 leads, 40); 2023-12 is
 * outside. Accounts:
 *   T1  1000/month since 2023-01-01
 *   T2   500/month 2023-06-01 … 2024-04-10: churns in April
 *   T3  2000/month from 2024-02-15: new, ACV 12 × 2000 (2024-02-29 snapshot)
 *   T4   300/month 2024-05-20 … 2024-06-10, then 400 from 2024-07-01: new,
 *       ACV 12 × 300 (2024-05-31 snapshot), churns in June, comes back in July
 *   T5   100/month 2024-08-05 … 2024-08-20: new, but no month-end snapshot
 *       with MRR, so no ACV; not active at the July snapshot, so its churn
 *       is not in August's logo churn rate
 * Retail: funnel 2024-03 (10000 marketing, no leads); R1 250/month from
 *   2024-03-01, new, ACV 3000, never churns.
 * Media: a funnel row in 2025-01 only: listed, all zero or null.
 * No segment: U1 100/month from 2024-11-01 (new, ACV 1200); U2 segment ''.
 */
static void
fill_workspace (sqlite3 *db)
{
  kam_test_exec (db,
    "UPDATE setting SET value = '0.8' WHERE key = 'gross-margin';"
    "INSERT INTO account (id, key, name, segment) VALUES"
    " (1, 'T1', 'T1', 'Tech'), (2, 'T2', 'T2', 'Tech'), (3, 'T3', 'T3', 'Tech'),"
    " (4, 'T4', 'T4', 'Tech'), (5, 'T5', 'T5', 'Tech'), (6, 'R1', 'R1', 'Retail'),"
    " (7, 'U1', 'U1', NULL), (8, 'U2', 'U2', '');"
    "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) VALUES"
    " (1, '2023-01-01', NULL, 1000),"
    " (2, '2023-06-01', '2024-04-10', 500),"
    " (3, '2024-02-15', NULL, 2000),"
    " (4, '2024-05-20', '2024-06-10', 300), (4, '2024-07-01', NULL, 400),"
    " (5, '2024-08-05', '2024-08-20', 100),"
    " (6, '2024-03-01', NULL, 250),"
    " (7, '2024-11-01', NULL, 100);"
    "INSERT INTO deal (account_id, created_on, closed_on, status, amount, kind) VALUES"
    " (3, '2024-01-10', '2024-02-01', 'won', 24000, 'new'),"
    " (4, '2024-05-01', '2024-05-15', 'won', 3600, 'new'),"
    " (1, '2024-08-01', '2024-09-01', 'won', 6000, 'upsell'),"
    " (2, '2024-02-01', '2024-03-01', 'lost', 5000, 'upsell'),"
    " (1, '2023-12-01', '2023-12-20', 'lost', 5000, 'upsell'),"
    " (1, '2024-12-01', '2025-01-05', 'won', 9000, 'upsell'),"
    " (1, '2024-12-01', NULL, 'open', 9000, 'upsell');"
    "INSERT INTO funnel (segment, month, marketing_spend, sales_spend, leads, opportunities) VALUES"
    " ('Tech', '2023-12', 99999, 99999, 999, 999),"
    " ('Tech', '2024-01', 60000, 30000, 300, 60),"
    " ('Tech', '2024-06', 40000, 20000, 200, 40),"
    " ('Retail', '2024-03', 10000, 0, 0, 0),"
    " ('Media', '2025-01', 5000, 5000, 50, 5);");
}

static TenureSegments *
compute (sqlite3    *db,
         const char *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, &error);
  TenureSegments *segments;

  g_assert_no_error (error);
  segments = tenure_segments_compute (db, ledger, kam_test_day (as_of), &error);
  g_assert_no_error (error);
  g_assert_nonnull (segments);
  return segments;
}

static void
test_segments_tech (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureSegments) segments = NULL;
  const TenureSegment *tech;

  fill_workspace (db);
  segments = compute (db, "2024-12-31");
  g_assert_cmpint (segments->window_start, ==, kam_test_day ("2024-01-01"));

  tech = tenure_segments_lookup (segments, "Tech");
  g_assert_nonnull (tech);
  /* Funnel: 500 leads, 100 opportunities (0.2), 100000 marketing and 50000
   * sales spend; cost per lead 100000 / 500 = 200. */
  g_assert_cmpint (tech->leads, ==, 500);
  g_assert_cmpint (tech->opportunities, ==, 100);
  assert_close (tech->lead_to_opportunity_rate, 0.2);
  assert_close (tech->cost_per_lead, 200.0);
  /* Deals closed in the window: won 24000, 3600, 6000; lost 1 (the other
   * lost one is from 2023, the 9000 won closes in 2025, one is open).
   * Win rate 3 / 4; bookings 33600; ASP 11200. */
  g_assert_cmpuint (tech->won_deals, ==, 3);
  g_assert_cmpuint (tech->lost_deals, ==, 1);
  assert_close (tech->win_rate, 0.75);
  g_assert_cmpint (tech->bookings, ==, 33600);
  assert_close (tech->asp, 11200.0);
  /* New accounts T3, T4, T5: CAC = 150000 / 3 = 50000. ACV over T3 and
   * T4: (24000 + 3600) / 2 = 13800. */
  g_assert_cmpuint (tech->new_accounts, ==, 3);
  assert_close (tech->cac, 50000.0);
  g_assert_cmpuint (tech->acv_accounts, ==, 2);
  assert_close (tech->acv, 13800.0);
  /* Monthly logo churn (base = active at the previous snapshot):
   * Jan 0/2, Feb 0/2, Mar 0/3, Apr 1/3 (T2), May 0/2, Jun 1/3 (T4),
   * Jul 0/2, Aug 0/3 (T5 was not in the base), Sep–Dec 0/3.
   * Annual churn = 1 − (2/3)(2/3) = 5/9. */
  g_assert_cmpuint (tech->churn_base[3], ==, 3);
  g_assert_cmpuint (tech->churned[3], ==, 1);
  g_assert_cmpuint (tech->churn_base[6], ==, 2);
  g_assert_cmpuint (tech->churned[7], ==, 0);
  assert_close (tech->monthly_logo_churn[5], 1.0 / 3.0);
  assert_close (tech->annual_churn, 5.0 / 9.0);
  /* LTV = 13800 × 0.8 / (5/9) = 19872; LTV/CAC = 0.39744; ACV/CAC =
   * 0.276. ARPA = (1000 + 2000 + 400) / 3; payback = 50000 / (ARPA × 0.8)
   * = 150000 / 2720. */
  assert_close (tech->ltv, 19872.0);
  assert_close (tech->ltv_cac, 0.39744);
  assert_close (tech->acv_cac, 0.276);
  g_assert_cmpint (tech->mrr, ==, 3400);
  g_assert_cmpuint (tech->paying_accounts, ==, 3);
  assert_close (tech->cac_payback_months, 150000.0 / 2720.0);
  sqlite3_close (db);
}

static void
test_segments_others (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureSegments) segments = NULL;
  const TenureSegment *retail, *media, *none, *total;

  fill_workspace (db);
  segments = compute (db, "2024-12-31");

  /* Sorted by name, the accounts without a segment last. */
  g_assert_cmpuint (segments->segments->len, ==, 4);
  g_assert_cmpstr (((TenureSegment *) segments->segments->pdata[0])->segment, ==, "Media");
  g_assert_cmpstr (((TenureSegment *) segments->segments->pdata[1])->segment, ==, "Retail");
  g_assert_cmpstr (((TenureSegment *) segments->segments->pdata[2])->segment, ==, "Tech");
  g_assert_null (((TenureSegment *) segments->segments->pdata[3])->segment);

  /* Retail: no leads (cost per lead undefined), no deals (win rate and
   * ASP undefined); CAC 10000 / 1; ACV 12 × 250 = 3000, ACV/CAC 0.3; no
   * churn in any month with a base: annual churn 0, so LTV is undefined
   * (infinite) and so is LTV/CAC; payback 10000 / (250 × 0.8) = 50. */
  retail = tenure_segments_lookup (segments, "Retail");
  assert_nan (retail->cost_per_lead);
  assert_nan (retail->lead_to_opportunity_rate);
  assert_nan (retail->win_rate);
  assert_nan (retail->asp);
  assert_close (retail->cac, 10000.0);
  assert_close (retail->acv, 3000.0);
  assert_close (retail->acv_cac, 0.3);
  assert_close (retail->annual_churn, 0.0);
  assert_nan (retail->ltv);
  assert_nan (retail->ltv_cac);
  assert_close (retail->cac_payback_months, 50.0);

  /* Media: nothing in the window; every ratio undefined, no month has a
   * base so annual churn is undefined too. */
  media = tenure_segments_lookup (segments, "Media");
  g_assert_cmpint (media->leads, ==, 0);
  assert_nan (media->cac);
  assert_nan (media->acv);
  assert_nan (media->annual_churn);
  assert_nan (media->arpa);
  assert_nan (media->cac_payback_months);

  /* No segment (U1 and U2, whose '' is no segment): no funnel, so the
   * spend is unknown and CAC undefined rather than 0. */
  none = tenure_segments_lookup (segments, NULL);
  g_assert_true (none == tenure_segments_lookup (segments, ""));
  g_assert_cmpuint (none->new_accounts, ==, 1);
  assert_nan (none->cac);
  assert_close (none->acv, 1200.0);
  assert_nan (none->acv_cac);
  assert_nan (none->cac_payback_months);

  /* The whole workspace: spend 160000 over 5 new accounts = 32000. ACV
   * (24000 + 3600 + 3000 + 1200) / 4 = 7950. Monthly churn: Apr 1/4 (T2 of
   * T1, T2, T3, R1), Jun 1/4 (T4 of T1, T3, T4, R1), others 0: annual
   * 1 − (3/4)² = 7/16. LTV = 7950 × 0.8 / (7/16) = 6360 × 16 / 7 =
   * 101760 / 7 ≈ 14537.14; LTV/CAC = 101760 / 7 / 32000 = 3.18 / 7. ARPA = 3750 / 5 = 750; payback = 32000 / 600. */
  total = segments->total;
  g_assert_true (total->is_total);
  g_assert_cmpint (total->leads, ==, 500);
  g_assert_cmpint (total->marketing_spend + total->sales_spend, ==, 160000);
  g_assert_cmpuint (total->new_accounts, ==, 5);
  assert_close (total->cac, 32000.0);
  assert_close (total->acv, 7950.0);
  assert_close (total->annual_churn, 7.0 / 16.0);
  assert_close (total->ltv, 101760.0 / 7.0);
  assert_close (total->ltv_cac, 3.18 / 7.0);
  assert_close (total->arpa, 750.0);
  assert_close (total->cac_payback_months, 32000.0 / 600.0);
  sqlite3_close (db);
}

static void
test_segments_json (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureSegments) segments = NULL;
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  fill_workspace (db);
  segments = compute (db, "2024-12-31");
  tenure_segment_write_json (tenure_segments_lookup (segments, "Retail"), json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "{\"segment\":\"Retail\",\"leads\":0,\"opportunities\":0,\"won_deals\":0,"
    "\"lost_deals\":0,\"win_rate\":null,\"bookings\":0,\"asp\":null,\"new_accounts\":1,"
    "\"cost_per_lead\":null,\"cac\":10000.0,\"acv\":3000.0,\"annual_churn\":0.0,"
    "\"ltv\":null,\"ltv_cac\":null,\"acv_cac\":0.3,\"cac_payback_months\":50.0}");

  g_clear_pointer (&json, tenure_json_free);
  json = tenure_json_new (FALSE);
  tenure_segments_write_json (segments, json);
  g_assert_true (g_str_has_prefix (tenure_json_peek (json), "[{\"segment\":\"Media\","));
  g_assert_nonnull (strstr (tenure_json_peek (json), "{\"segment\":null,\"leads\":0,"));
  sqlite3_close (db);
}

static void
test_segments_what_if (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureSegments) segments = NULL;
  TenureBudgetLine lines[3] = {
    { "Tech", 50000, },
    { "Media", 0, },
    { "Retail", 1000, },
  };
  TenureBudgetLine total;

  fill_workspace (db);
  segments = compute (db, "2024-12-31");

  /* Tech: 50000 / 200 = 250 leads; new accounts 250 × 3 / 500 = 1.5;
   * bookings 250 × 33600 / 500 = 16800; LTV 1.5 × 19872 = 29808. Media: a
   * zero budget projects zeros. Retail has no leads: undefined, and so is
   * the total. */
  tenure_segments_what_if (segments, lines, 3, &total);
  assert_close (lines[0].leads, 250.0);
  assert_close (lines[0].new_accounts, 1.5);
  assert_close (lines[0].bookings, 16800.0);
  assert_close (lines[0].ltv, 29808.0);
  assert_close (lines[1].leads, 0.0);
  assert_nan (lines[2].leads);
  assert_nan (total.leads);
  g_assert_cmpint (total.budget, ==, 51000);

  /* Moving everything to Tech: the total is Tech's line. */
  tenure_segments_what_if (segments, lines, 2, &total);
  assert_close (total.leads, 250.0);
  assert_close (total.ltv, 29808.0);
  sqlite3_close (db);
}

/* Without subscriptions the rule is `inactivity` (365 days) and ACV is the
 * first sale: A won 500 and 700 on 2024-03-10 (ACV 1200, a later 300 does
 * not count). B's only deal, 2023-06-01, lapses on 2024-05-31: May's base
 * is A and B, one churned: 1/2; no other month churns. Annual churn 0.5,
 * LTV = 1200 × 1 / 0.5 = 2400. No funnel: CAC undefined. */
static void
test_segments_first_sale (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureSegments) segments = NULL;
  const TenureSegment *s;

  kam_test_exec (db,
    "INSERT INTO account (id, key, name, segment) VALUES (1, 'A', 'A', 'S'), (2, 'B', 'B', 'S');"
    "INSERT INTO deal (account_id, closed_on, amount) VALUES"
    " (1, '2024-03-10', 500), (1, '2024-03-10', 700), (1, '2024-06-01', 300),"
    " (2, '2023-06-01', 1000);");
  segments = compute (db, "2024-12-31");
  s = tenure_segments_lookup (segments, "S");
  g_assert_cmpuint (s->new_accounts, ==, 1);
  assert_close (s->acv, 1200.0);
  g_assert_cmpuint (s->churn_base[4], ==, 2);
  g_assert_cmpuint (s->churned[4], ==, 1);
  assert_close (s->annual_churn, 0.5);
  assert_close (s->ltv, 2400.0);
  assert_nan (s->cac);
  /* No MRR: ARPA and payback undefined. */
  assert_nan (s->arpa);
  assert_nan (s->cac_payback_months);
  sqlite3_close (db);
}

/* A report date mid-month: the window is 2023-07 … 2024-06 and nothing
 * after 2024-06-15 is used (T2's churn on 2024-04-10 counts, T4's on
 * 2024-06-10 too, the June funnel row counts). */
static void
test_segments_mid_month (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureSegments) segments = NULL;
  const TenureSegment *tech;

  fill_workspace (db);
  segments = compute (db, "2024-06-05");
  tech = tenure_segments_lookup (segments, "Tech");
  g_assert_cmpint (segments->window_start, ==, kam_test_day ("2023-07-01"));
  /* Funnel: 2023-12 (999 leads), 2024-01 (300), 2024-06 (200). */
  g_assert_cmpint (tech->leads, ==, 1499);
  /* New by 2024-06-05: T3, T4 (T5 not yet). ACV: T3 24000; T4's first
   * snapshot with MRR is 2024-05-31: 3600. */
  g_assert_cmpuint (tech->new_accounts, ==, 2);
  assert_close (tech->acv, 13800.0);
  /* T4's churn on 2024-06-10 is after the report date: June has none. */
  g_assert_cmpuint (tech->churned[11], ==, 0);
  sqlite3_close (db);
}

/* The workspace total agrees with the metrics engine month by month: the
 * logo churn base and churned accounts, and MRR and paying accounts at the
 * report date. Checked on the main example and under each churn rule. */
static void
test_segments_agree_with_metrics (void)
{
  static const TenureChurnRule rules[] = {
    TENURE_CHURN_RULE_CONTRACT, TENURE_CHURN_RULE_INACTIVITY, TENURE_CHURN_RULE_EXPLICIT,
  };
  sqlite3 *db = kam_test_db ();

  fill_workspace (db);
  /* Deals and events so that inactivity and explicit have something to do. */
  kam_test_exec (db,
    "INSERT INTO deal (account_id, closed_on, amount) VALUES"
    " (2, '2023-05-20', 500), (5, '2024-08-01', 100), (6, '2024-02-20', 900);"
    "INSERT INTO event (account_id, occurred_on, kind) VALUES"
    " (3, '2024-07-15', 'churned'), (3, '2024-07-15', 'reactivated'),"
    " (6, '2024-10-31', 'churned');");

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, &error);
      g_autoptr(TenureSegments) segments = NULL;
      TenureMetricsOptions options = { TENURE_PERIOD_MONTH, kam_test_day ("2024-12-31"), "2024-01", "2024-12" };
      TenureMetrics *metrics;

      g_assert_no_error (error);
      tenure_ledger_set_churn_rule (ledger, rules[r]);
      segments = tenure_segments_compute (db, ledger, options.as_of, &error);
      g_assert_no_error (error);
      metrics = tenure_metrics_compute (ledger, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (metrics->n_periods, ==, TENURE_SEGMENT_MONTHS);
      for (guint i = 0; i < TENURE_SEGMENT_MONTHS; i++)
        {
          const TenureMetricsPeriod *period = &metrics->periods[i];

          g_assert_cmpint (segments->total->churn_base[i], ==, period->previous_active_accounts);
          g_assert_cmpint (segments->total->churned[i], ==, period->logo_churned_accounts);
        }
      g_assert_cmpint (segments->total->mrr, ==, metrics->periods[11].mrr);
      g_assert_cmpint (segments->total->paying_accounts, ==, metrics->periods[11].paying_accounts);
      tenure_metrics_free (metrics);
    }
  sqlite3_close (db);
}

/* Spend and leads but no new account: CAC undefined (spend / 0), cost per
 * lead 3000 / 30 = 100, and everything divided by CAC undefined. */
static void
test_segments_no_new_accounts (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureSegments) segments = NULL;
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  kam_test_exec (db,
    "INSERT INTO funnel (segment, month, marketing_spend, sales_spend, leads, opportunities) VALUES"
    " ('Ads', '2024-02', 3000, 1000, 30, 3);");
  segments = compute (db, "2024-12-31");
  tenure_segments_write_json (segments, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "[{\"segment\":\"Ads\",\"leads\":30,\"opportunities\":3,\"won_deals\":0,"
    "\"lost_deals\":0,\"win_rate\":null,\"bookings\":0,\"asp\":null,\"new_accounts\":0,"
    "\"cost_per_lead\":100.0,\"cac\":null,\"acv\":null,\"annual_churn\":null,"
    "\"ltv\":null,\"ltv_cac\":null,\"acv_cac\":null,\"cac_payback_months\":null}]");
  assert_close (segments->total->cost_per_lead, 100.0);
  assert_nan (segments->total->cac);
  sqlite3_close (db);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segments/tech", test_segments_tech);
  g_test_add_func ("/segments/others", test_segments_others);
  g_test_add_func ("/segments/json", test_segments_json);
  g_test_add_func ("/segments/what-if", test_segments_what_if);
  g_test_add_func ("/segments/first-sale", test_segments_first_sale);
  g_test_add_func ("/segments/mid-month", test_segments_mid_month);
  g_test_add_func ("/segments/no-new-accounts", test_segments_no_new_accounts);
  g_test_add_func ("/segments/agree-with-metrics", test_segments_agree_with_metrics);
  return g_test_run ();
}
