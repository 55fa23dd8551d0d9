/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tenure-at-risk.h"
#include "tenure-kam.h"
#include "tenure-kam-private.h"
#include "tenure-ledger.h"
#include "tenure-metrics.h"

#include "kam-test-util.h"

/* Report date 2024-12-31: the window is 2024-01-01 … 2024-12-31 (366 days,
 * a leap year); the upsell base is the snapshot of 2023-12-31. The workspace
 * has subscriptions, so the churn rule is `contract`.
 *
 *   ACME  1000/month from 2023-01-01, 10 seats, 9 assigned, referenceable
 *   BETA   500/month 2023-06-01 … 2024-07-01 (exclusive): not renewed
 *   CORE   300/month 2024-03-01 … 2024-09-01, then 400 open, 20 seats, 10
 *          assigned, referenceable: renewed on 2024-09-01
 *   DUNE   a won deal only: never active under `contract`
 *   ECHO   200/month from 2022-01-01, 5 seats, assigned unknown
 */
static void
fill_workspace (sqlite3 *db)
{
  kam_test_exec (db,
    "INSERT INTO account (id, key, name, referenceable) VALUES"
    " (1, 'ACME', 'Acme', 1), (2, 'BETA', 'Beta', 0), (3, 'CORE', 'Core', 1),"
    " (4, 'DUNE', 'Dune', 0), (5, 'ECHO', 'Echo', 0);"
    "INSERT INTO subscription (account_id, starts_on, ends_on, mrr, seats, seats_assigned) VALUES"
    " (1, '2023-01-01', NULL, 1000, 10, 9),"
    " (2, '2023-06-01', '2024-07-01', 500, 10, 2),"
    " (3, '2024-03-01', '2024-09-01', 300, NULL, NULL),"
    " (3, '2024-09-01', NULL, 400, 20, 10),"
    " (5, '2022-01-01', NULL, 200, 5, NULL),"
    /* Active on no day: not due for renewal. */
    " (5, '2024-04-01', '2024-04-01', 50, NULL, NULL);"
    "INSERT INTO deal (id, account_id, created_on, closed_on, status, amount, kind, source) VALUES"
    " (10, 1, '2024-10-01', '2024-11-20', 'won', 2000, 'upsell', 'partner'),"
    " (11, 1, '2024-01-15', '2024-03-05', 'won', 1000, 'cross_sell', NULL),"
    " (12, 3, '2024-02-01', '2024-02-20', 'won', 3600, 'new', 'referral'),"
    " (13, 3, '2024-03-01', '2024-03-15', 'won', 500, 'upsell', NULL),"
    " (14, 4, '2024-04-20', '2024-05-10', 'won', 700, 'new', ' Referral '),"
    " (15, 2, '2024-03-01', '2024-04-01', 'lost', 900, 'upsell', NULL),"
    " (16, 5, '2023-11-01', '2023-12-15', 'won', 999, 'upsell', NULL),"
    " (17, 2, '2024-12-01', '2025-01-10', 'won', 800, 'renewal', NULL);"
    "INSERT INTO touchpoint (id, account_id, occurred_on, deal_id) VALUES"
    " (1, 1, '2024-02-01', NULL), (2, 1, '2024-11-15', NULL), (3, 1, '2024-12-20', NULL),"
    " (4, 1, '2025-01-05', NULL),"
    " (5, 2, '2024-03-10', NULL), (6, 2, '2024-08-01', NULL),"
    " (7, 3, '2024-02-15', NULL), (8, 3, '2024-05-01', NULL),"
    " (9, 4, '2024-05-01', NULL);"
    "INSERT INTO survey_response (id, account_id, answered_on, kind, score) VALUES"
    " (1, 1, '2024-03-01', 'nps', 3), (2, 1, '2024-09-01', 'nps', 10),"
    " (3, 2, '2023-11-01', 'nps', 9),"
    " (4, 3, '2024-06-01', 'nps', 6), (5, 3, '2024-06-01', 'nps', 8),"
    " (6, 4, '2024-07-01', 'nps', 9),"
    " (7, 5, '2024-12-31', 'nps', 2), (8, 5, '2025-01-02', 'nps', 10),"
    " (9, 1, '2024-02-01', 'csat', 5), (10, 1, '2024-08-01', 'csat', 4),"
    " (11, 3, '2024-04-01', 'csat', 3), (12, 5, '2024-10-01', 'csat', 1),"
    " (13, 2, '2023-12-31', 'csat', 5);");
}

static TenureKam *
compute (sqlite3    *db,
         const char *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, &error);
  TenureKam *kam;

  g_assert_no_error (error);
  kam = tenure_kam_compute (db, ledger, kam_test_day (as_of), &error);
  g_assert_no_error (error);
  g_assert_nonnull (kam);
  return kam;
}

static void
test_kam_surveys (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;

  fill_workspace (db);
  kam = compute (db, "2024-12-31");
  /* Latest NPS response per account in the window: ACME 10 (its 3 is
   * older), BETA none (2023-11-01 is outside), CORE 8 (same-day
   * correction, higher id), DUNE 9, ECHO 2 (the 10 comes after the report
   * date). Promoters 2, detractors 1, of 4: (2 − 1) / 4 = 25 points. */
  g_assert_cmpuint (kam->nps_accounts, ==, 4);
  g_assert_cmpuint (kam->promoters, ==, 2);
  g_assert_cmpuint (kam->detractors, ==, 1);
  assert_close (kam->nps, 25.0);
  /* CSAT: 5, 4, 3, 1 in the window (the 5 of 2023-12-31 is outside):
   * 2 of 4 = 0.5. */
  g_assert_cmpuint (kam->csat_responses, ==, 4);
  assert_close (kam->csat, 0.5);
  /* Latest response ever, for the at-risk list: BETA 9, ECHO 2. */
  g_assert_cmpint (tenure_kam_lookup (kam, 2)->latest_nps, ==, 9);
  g_assert_cmpint (tenure_kam_lookup (kam, 5)->latest_nps, ==, 2);
  g_assert_cmpint (tenure_kam_lookup (kam, 5)->latest_nps_on, ==, kam_test_day ("2024-12-31"));
  g_assert_null (tenure_kam_lookup (kam, 999));
  g_assert_true (tenure_kam_nth (kam, 1) == tenure_kam_lookup (kam, 2));

  /* The NPS alone, as the KPIs ask for it at earlier snapshots, is the
   * same figure. On 2024-06-30 the window is 2023-07-01 … 2024-06-30:
   * ACME 3, BETA 9, CORE 8 (same-day correction): (1 − 1) / 3 = 0. */
  assert_close (tenure_kam_nps (db, kam_test_day ("2024-12-31"), NULL), 25.0);
  assert_close (tenure_kam_nps (db, kam_test_day ("2024-06-30"), NULL), 0.0);
  {
    g_autoptr(TenureKam) june = compute (db, "2024-06-30");

    assert_close (june->nps, 0.0);
  }
  /* Before any answer: undefined. */
  g_assert_true (isnan (tenure_kam_nps (db, kam_test_day ("2023-01-01"), NULL)));
  sqlite3_close (db);
}

static void
test_kam_accounts_and_touches (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;
  const TenureKamAccount *acme, *beta, *core, *echo;

  fill_workspace (db);
  kam = compute (db, "2024-12-31");

  /* Active at the report date: ACME, CORE, ECHO; referenceable: ACME and
   * CORE, 2 of 3. */
  g_assert_cmpuint (kam->active_accounts, ==, 3);
  assert_close (kam->referenceable_share, 2.0 / 3.0);
  {
    /* The same active accounts as the metrics engine's last snapshot. */
    g_autoptr(GError) error = NULL;
    g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, &error);
    TenureMetricsOptions options = { TENURE_PERIOD_MONTH, kam->as_of, NULL, NULL };
    TenureMetrics *metrics = tenure_metrics_compute (ledger, &options, &error);

    g_assert_no_error (error);
    g_assert_cmpint (metrics->periods[metrics->n_periods - 1].active_accounts, ==, kam->active_accounts);
    tenure_metrics_free (metrics);
  }

  /* Active days in the window: ACME 366, BETA 182 (January–June), CORE 306
   * (March–December), ECHO 366: 1220 days = 1220 × 12 / 366 = 40
   * account-months. Touchpoints on active days: ACME 3 (the one of 2025 is
   * after the report date), BETA 1 (not 2024-08-01), CORE 1 (not the one
   * before it originated), DUNE none: 5 / 40 = 0.125. */
  assert_close (kam->active_account_months, 40.0);
  g_assert_cmpuint (kam->active_touches, ==, 5);
  assert_close (kam->touches_per_account_month, 0.125);

  acme = tenure_kam_lookup (kam, 1);
  g_assert_cmpint (acme->last_touch, ==, kam_test_day ("2024-12-20"));
  g_assert_cmpint (acme->days_since_touch, ==, 11);
  g_assert_false (acme->interaction_gap);
  /* BETA's gap is long but BETA is no longer a customer. */
  beta = tenure_kam_lookup (kam, 2);
  g_assert_cmpint (beta->days_since_touch, ==, 152);
  g_assert_false (beta->interaction_gap);
  /* CORE: 2024-05-01 → 244 days > 30. */
  core = tenure_kam_lookup (kam, 3);
  g_assert_cmpint (core->days_since_touch, ==, 244);
  g_assert_true (core->interaction_gap);
  /* ECHO was never touched: the gap runs from its origination,
   * 2022-01-01, 1095 days. */
  echo = tenure_kam_lookup (kam, 5);
  g_assert_cmpint (echo->last_touch, ==, TENURE_DAY_NONE);
  g_assert_cmpint (echo->days_since_touch, ==, -1);
  g_assert_cmpint (echo->gap_days, ==, 1095);
  g_assert_true (echo->interaction_gap);
  g_assert_cmpuint (kam->gap_accounts, ==, 2);

  /* No deal tags: touches while each won deal of the window was open,
   * created_on … closed_on inclusive: deal 10 (ACME 2024-10-01 … 11-20):
   * 1; deal 11 (ACME 01-15 … 03-05): 1; deal 12 (CORE 02-01 … 02-20): 1;
   * deal 13 (CORE 03-01 … 03-15): 0; deal 14 (DUNE 04-20 … 05-10): 1.
   * 4 / 5 = 0.8. */
  g_assert_false (kam->deal_tagged);
  g_assert_cmpuint (kam->closure_deals, ==, 5);
  assert_close (kam->touches_to_closure, 0.8);
  sqlite3_close (db);
}

static void
test_kam_touches_tagged (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;

  fill_workspace (db);
  /* Tagged: deal 10 has touchpoint 2 (and 4, after the report date), deal
   * 14 has touchpoint 9; deals 11, 12, 13 have none: 2 / 5 = 0.4. */
  kam_test_exec (db, "UPDATE touchpoint SET deal_id = 10 WHERE id IN (2, 4);"
                     "UPDATE touchpoint SET deal_id = 14 WHERE id = 9;");
  kam = compute (db, "2024-12-31");
  g_assert_true (kam->deal_tagged);
  g_assert_cmpuint (kam->closure_deals, ==, 5);
  g_assert_cmpuint (kam->closure_touches, ==, 2);
  assert_close (kam->touches_to_closure, 0.4);

  /* A deal without created_on counts in the tagged mode (0 touches) but
   * cannot be measured untagged: untagged, deal 13 drops out and the
   * average is 4 / 4 = 1. */
  g_clear_pointer (&kam, tenure_kam_free);
  kam_test_exec (db, "UPDATE touchpoint SET deal_id = NULL;"
                     "UPDATE deal SET created_on = NULL WHERE id = 13;");
  kam = compute (db, "2024-12-31");
  g_assert_false (kam->deal_tagged);
  g_assert_cmpuint (kam->closure_deals, ==, 4);
  assert_close (kam->touches_to_closure, 1.0);
  sqlite3_close (db);
}

static void
test_kam_deals (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;

  fill_workspace (db);
  kam = compute (db, "2024-12-31");

  /* Won in the window: 10, 11, 12, 13, 14 (15 is lost, 16 before, 17
   * after). Bookings 2000 + 1000 + 3600 + 500 + 700 = 7800. Repeat: ACME's
   * 2000 and 1000 (originated 2023-01-01); CORE's deals close in February
   * and March, CORE originated 2024-03-01, not before March: new; DUNE
   * never originated: new. Repeat 3000 / 7800; new to repeat 4800 / 3000
   * = 1.6. Referral: 12 and 14 (" Referral " trimmed, any case): 2 / 5. */
  g_assert_cmpuint (kam->won_deals, ==, 5);
  g_assert_cmpint (kam->bookings, ==, 7800);
  g_assert_cmpint (kam->repeat_bookings, ==, 3000);
  g_assert_cmpint (kam->new_bookings, ==, 4800);
  assert_close (kam->repeat_bookings_share, 3000.0 / 7800.0);
  assert_close (kam->new_to_repeat_ratio, 1.6);
  assert_close (kam->referral_share, 0.4);

  /* Active on 2023-12-31: ACME, BETA, ECHO. ACME won an upsell and a
   * cross-sell; CORE's upsell does not count (not in the base), nor
   * ECHO's (before the window) nor BETA's lost one. 1 / 3 each. */
  g_assert_cmpuint (kam->start_accounts, ==, 3);
  g_assert_cmpuint (kam->upsell_accounts, ==, 1);
  assert_close (kam->upsell_rate, 1.0 / 3.0);
  assert_close (kam->cross_sell_rate, 1.0 / 3.0);
  sqlite3_close (db);
}

static void
test_kam_renewals_utilisation (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;

  fill_workspace (db);
  kam = compute (db, "2024-12-31");
  /* Due: BETA (2024-07-01, MRR 0 that day) and CORE (2024-09-01, MRR 400):
   * 1 / 2. */
  g_assert_cmpuint (kam->renewals_due, ==, 2);
  g_assert_cmpuint (kam->renewals_renewed, ==, 1);
  assert_close (kam->renewal_rate, 0.5);
  /* Seats on lines active at the report date that state both numbers:
   * ACME 9 / 10, CORE 10 / 20 (ECHO's assigned seats are unknown, BETA's
   * line has ended): 19 / 30. CORE at 0.5 is under 0.7. */
  g_assert_cmpint (kam->seats, ==, 30);
  g_assert_cmpint (kam->seats_assigned, ==, 19);
  assert_close (kam->licence_utilisation, 19.0 / 30.0);
  assert_close (tenure_kam_lookup (kam, 1)->utilisation, 0.9);
  g_assert_false (tenure_kam_lookup (kam, 1)->low_utilisation);
  assert_close (tenure_kam_lookup (kam, 3)->utilisation, 0.5);
  g_assert_true (tenure_kam_lookup (kam, 3)->low_utilisation);
  assert_nan (tenure_kam_lookup (kam, 5)->utilisation);
  g_assert_false (tenure_kam_lookup (kam, 5)->low_utilisation);
  g_assert_cmpuint (kam->low_utilisation_accounts, ==, 1);

  /* The threshold is a setting: at 0.95 ACME is flagged too. */
  g_clear_pointer (&kam, tenure_kam_free);
  kam_test_exec (db, "UPDATE setting SET value = '0.95' WHERE key = 'utilisation-threshold';");
  kam = compute (db, "2024-12-31");
  g_assert_true (tenure_kam_lookup (kam, 1)->low_utilisation);
  sqlite3_close (db);
}

static void
test_kam_json (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  fill_workspace (db);
  kam = compute (db, "2024-12-31");
  tenure_kam_write_json (kam, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "{\"nps\":25.0,\"csat\":0.5,\"referenceable_share\":0.666666666666667,"
    "\"touches_per_account_month\":0.125,\"touches_to_closure\":0.8,"
    "\"upsell_rate\":0.333333333333333,\"cross_sell_rate\":0.333333333333333,"
    "\"renewal_rate\":0.5,\"repeat_bookings_share\":0.384615384615385,"
    "\"new_to_repeat_ratio\":1.6,\"referral_share\":0.4,"
    "\"licence_utilisation\":0.633333333333333}");
  sqlite3_close (db);
}

/* Every denominator zero: every KPI null, nothing flagged. */
static void
test_kam_empty (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  kam = compute (db, "2024-12-31");
  tenure_kam_write_json (kam, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "{\"nps\":null,\"csat\":null,\"referenceable_share\":null,"
    "\"touches_per_account_month\":null,\"touches_to_closure\":null,"
    "\"upsell_rate\":null,\"cross_sell_rate\":null,\"renewal_rate\":null,"
    "\"repeat_bookings_share\":null,\"new_to_repeat_ratio\":null,"
    "\"referral_share\":null,\"licence_utilisation\":null}");
  sqlite3_close (db);
}

/* Zero denominators one at a time, with data present. */
static void
test_kam_partial_zeros (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(TenureKam) kam = NULL;

  /* One customer, active all year, never touched, no seats; one new
   * deal from a prospect. No touchpoints in the workspace: no gap flag. */
  kam_test_exec (db,
    "INSERT INTO account (id, key, name) VALUES (1, 'ONE', 'One'), (2, 'TWO', 'Two');"
    "INSERT INTO subscription (account_id, starts_on, mrr, seats, seats_assigned) VALUES"
    " (1, '2023-01-01', 100, 0, 0);"
    "INSERT INTO deal (account_id, created_on, closed_on, amount, kind) VALUES"
    " (2, '2024-05-01', '2024-06-01', 700, 'new');");
  kam = compute (db, "2024-12-31");
  g_assert_false (kam->has_touchpoints);
  g_assert_false (tenure_kam_lookup (kam, 1)->interaction_gap);
  /* Touches: 0 over 12 account-months = 0, defined. */
  assert_close (kam->touches_per_account_month, 0.0);
  /* Repeat bookings 0 of 700: share 0; new to repeat 700 / 0: undefined. */
  assert_close (kam->repeat_bookings_share, 0.0);
  assert_nan (kam->new_to_repeat_ratio);
  /* Zero seats on the active line: utilisation undefined, not flagged. */
  assert_nan (kam->licence_utilisation);
  assert_nan (tenure_kam_lookup (kam, 1)->utilisation);
  g_assert_false (tenure_kam_lookup (kam, 1)->low_utilisation);
  /* Nothing due for renewal, no survey. */
  assert_nan (kam->renewal_rate);
  assert_nan (kam->nps);
  assert_nan (kam->csat);
  /* One account in the upsell base, none upsold: 0, defined. */
  assert_close (kam->upsell_rate, 0.0);
  /* A deal without touchpoints: 0 touches to closure, defined. */
  assert_close (kam->touches_to_closure, 0.0);
  sqlite3_close (db);
}

/* At-risk list, contract rule, report date 2024-12-15 (the latest period
 * opens after the snapshot of 2024-11-30):
 *   LOW    overall score 2 (< 4) and latest NPS 5 (from 2022: the latest
 *          response counts however old): low_score, detractor
 *   UTIL   3 of 10 seats assigned (0.3 < 0.7): low_utilisation; touched
 *          2024-11-15, exactly 30 days: no gap; NPS 3 then 8: no detractor
 *   GAP    last touch 2024-10-01, 75 days > 30: interaction_gap
 *   CONTR  1000 at 2024-11-30, 600 at 2024-12-15: contraction
 *   FINE   score 8, NPS 9, 10 of 10 seats, touched 2024-12-10: no reason
 *   GONE   churned on 2024-06-01 with score 1 and NPS 0: not active, not
 *          listed */
static void
test_at_risk_reasons (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureKam) kam = NULL;
  g_autoptr(TenureScorecards) sc = NULL;
  g_autoptr(TenureAtRisk) at_risk = NULL;
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);
  TenureDay as_of = kam_test_day ("2024-12-15");
  const TenureAccountRisk *low, *gone;

  kam_test_exec (db,
    "INSERT INTO account (id, key, name) VALUES (1, 'LOW', 'Low'), (2, 'UTIL', 'Util'),"
    " (3, 'GAP', 'Gap'), (4, 'CONTR', 'Contr'), (5, 'FINE', 'Fine'), (6, 'GONE', 'Gone');"
    "INSERT INTO subscription (account_id, starts_on, ends_on, mrr, seats, seats_assigned) VALUES"
    " (1, '2023-01-01', NULL, 1000, NULL, NULL),"
    " (2, '2023-01-01', NULL, 1000, 10, 3),"
    " (3, '2023-01-01', NULL, 1000, NULL, NULL),"
    " (4, '2023-01-01', '2024-12-01', 1000, NULL, NULL),"
    " (4, '2024-12-01', NULL, 600, NULL, NULL),"
    " (5, '2023-01-01', NULL, 1000, 10, 10),"
    " (6, '2023-01-01', '2024-06-01', 1000, NULL, NULL);"
    "INSERT INTO touchpoint (account_id, occurred_on) VALUES"
    " (1, '2024-12-01'), (2, '2024-11-15'), (3, '2024-10-01'), (4, '2024-12-01'),"
    " (5, '2024-12-10'), (6, '2024-03-01');"
    "INSERT INTO survey_response (account_id, answered_on, kind, score) VALUES"
    " (1, '2022-05-01', 'nps', 5), (5, '2024-11-01', 'nps', 9), (6, '2024-05-01', 'nps', 0),"
    " (2, '2024-01-01', 'nps', 3), (2, '2024-06-01', 'nps', 8);"
    "INSERT INTO score_entry (account_id, metric_id, scored_on, value) VALUES"
    " (1, 1, '2024-11-01', 2), (5, 1, '2024-11-01', 8), (6, 1, '2024-05-01', 1);");

  ledger = tenure_ledger_load (db, &error);
  g_assert_no_error (error);
  kam = tenure_kam_compute (db, ledger, as_of, &error);
  g_assert_no_error (error);
  sc = tenure_scorecards_compute (db, ledger, as_of, &error);
  g_assert_no_error (error);
  at_risk = tenure_at_risk_compute (ledger, sc, kam, as_of);

  g_assert_cmpuint (at_risk->n_at_risk, ==, 4);
  tenure_at_risk_write_json (at_risk, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "[{\"account\":\"CONTR\",\"reasons\":[\"contraction\"]},"
    "{\"account\":\"GAP\",\"reasons\":[\"interaction_gap\"]},"
    "{\"account\":\"LOW\",\"reasons\":[\"low_score\",\"detractor\"]},"
    "{\"account\":\"UTIL\",\"reasons\":[\"low_utilisation\"]}]");

  /* What the account model reads. */
  low = tenure_at_risk_lookup (at_risk, 1);
  assert_close (low->overall_score, 2.0);
  g_assert_cmpint (low->last_touch, ==, kam_test_day ("2024-12-01"));
  g_assert_cmpint (tenure_at_risk_lookup (at_risk, 4)->mrr_previous, ==, 1000);
  g_assert_cmpint (tenure_at_risk_lookup (at_risk, 4)->mrr, ==, 600);
  g_assert_cmpint (tenure_at_risk_lookup (at_risk, 5)->reasons, ==, TENURE_RISK_NONE);
  g_clear_pointer (&json, tenure_json_free);
  json = tenure_json_new (FALSE);
  tenure_json_begin_object (json);
  tenure_account_risk_write_members (low, json);
  tenure_account_risk_write_members (tenure_at_risk_lookup (at_risk, 3), json);
  tenure_json_end_object (json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "{\"overall_score\":2.0,\"last_touch\":\"2024-12-01\",\"at_risk\":[\"low_score\",\"detractor\"],"
    "\"overall_score\":null,\"last_touch\":\"2024-10-01\",\"at_risk\":[\"interaction_gap\"]}");
  gone = tenure_at_risk_lookup (at_risk, 6);
  g_assert_false (gone->active);
  g_assert_cmpint (gone->reasons, ==, TENURE_RISK_NONE);
  assert_close (gone->overall_score, 1.0);
  g_assert_cmpint (gone->churn_due_on, ==, TENURE_DAY_NONE);
  sqlite3_close (db);
}

/* Inactivity rule (no subscriptions), 365 days, report date 2024-12-31:
 *   DUE    last won 2024-01-20: churns 2025-01-19, in 19 days: churn_due
 *   EDGE   last won 2024-01-31: churns 2025-01-30, in 30 days: churn_due
 *   SAFE   last won 2024-02-01: churns 2025-01-31, in 31 days: no reason
 *   LATER  last won 2024-01-10 (churn 2025-01-09); its deal of 2025-01-05
 *          is after the report date and does not save it: churn_due
 *   LAPSED last won 2023-12-01: churned 2024-11-30, not listed
 * Nobody was ever touched, but the workspace has no touchpoints: no
 * interaction_gap. */
static void
test_at_risk_churn_due (void)
{
  sqlite3 *db = kam_test_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureKam) kam = NULL;
  g_autoptr(TenureScorecards) sc = NULL;
  g_autoptr(TenureAtRisk) at_risk = NULL;
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);
  TenureDay as_of = kam_test_day ("2024-12-31");

  kam_test_exec (db,
    "INSERT INTO account (id, key, name) VALUES (1, 'DUE', 'Due'), (2, 'EDGE', 'Edge'),"
    " (3, 'SAFE', 'Safe'), (4, 'LATER', 'Later'), (5, 'LAPSED', 'Lapsed');"
    "INSERT INTO deal (account_id, closed_on, amount) VALUES"
    " (1, '2024-01-20', 100), (2, '2024-01-31', 100), (3, '2024-02-01', 100),"
    " (4, '2024-01-10', 100), (4, '2025-01-05', 100), (5, '2023-12-01', 100);");
  ledger = tenure_ledger_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tenure_ledger_churn_rule (ledger), ==, TENURE_CHURN_RULE_INACTIVITY);
  kam = tenure_kam_compute (db, ledger, as_of, &error);
  g_assert_no_error (error);
  sc = tenure_scorecards_compute (db, ledger, as_of, &error);
  g_assert_no_error (error);
  at_risk = tenure_at_risk_compute (ledger, sc, kam, as_of);

  g_assert_cmpint (tenure_at_risk_lookup (at_risk, 1)->churn_due_on, ==, kam_test_day ("2025-01-19"));
  g_assert_cmpint (tenure_at_risk_lookup (at_risk, 4)->churn_due_on, ==, kam_test_day ("2025-01-09"));
  tenure_at_risk_write_json (at_risk, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "[{\"account\":\"DUE\",\"reasons\":[\"churn_due\"]},"
    "{\"account\":\"EDGE\",\"reasons\":[\"churn_due\"]},"
    "{\"account\":\"LATER\",\"reasons\":[\"churn_due\"]}]");
  g_assert_false (tenure_at_risk_lookup (at_risk, 5)->active);
  sqlite3_close (db);
}

static void
test_at_risk_codes (void)
{
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  g_assert_cmpstr (tenure_risk_reason_code (TENURE_RISK_LOW_SCORE), ==, "low_score");
  g_assert_cmpstr (tenure_risk_reason_code (TENURE_RISK_CHURN_DUE), ==, "churn_due");
  g_assert_null (tenure_risk_reason_code (TENURE_RISK_NONE));
  g_assert_null (tenure_risk_reason_code (TENURE_RISK_LOW_SCORE | TENURE_RISK_DETRACTOR));
  tenure_risk_reasons_write_json (TENURE_RISK_CHURN_DUE | TENURE_RISK_LOW_SCORE |
                                  TENURE_RISK_LOW_UTILISATION | TENURE_RISK_INTERACTION_GAP |
                                  TENURE_RISK_DETRACTOR | TENURE_RISK_CONTRACTION, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "[\"low_score\",\"low_utilisation\",\"interaction_gap\",\"detractor\","
    "\"contraction\",\"churn_due\"]");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kam/surveys", test_kam_surveys);
  g_test_add_func ("/kam/accounts-and-touches", test_kam_accounts_and_touches);
  g_test_add_func ("/kam/touches-tagged", test_kam_touches_tagged);
  g_test_add_func ("/kam/deals", test_kam_deals);
  g_test_add_func ("/kam/renewals-utilisation", test_kam_renewals_utilisation);
  g_test_add_func ("/kam/json", test_kam_json);
  g_test_add_func ("/kam/empty", test_kam_empty);
  g_test_add_func ("/kam/partial-zeros", test_kam_partial_zeros);
  g_test_add_func ("/at-risk/reasons", test_at_risk_reasons);
  g_test_add_func ("/at-risk/churn-due", test_at_risk_churn_due);
  g_test_add_func ("/at-risk/codes", test_at_risk_codes);
  return g_test_run ();
}
