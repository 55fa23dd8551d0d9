/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tenure-kam-private.h"
#include "tenure-ledger.h"
#include "tenure-scorecard.h"

#include "kam-test-util.h"

/* The default scorecard has areas 1–5, and sub-metrics 1–3 in area 1, 4–6 in
 * area 2, 7–9 in area 3 (schema install order). */
static void
fill_scores (sqlite3 *db)
{
  kam_test_exec (db,
    "INSERT INTO account (id, key, name, type, owner, end_date) VALUES"
    " (1, 'ACME', 'Acme Corp', 2, 'Dana', '2026-06-30'),"
    " (2, 'BETA', 'Beta Ltd', 1, NULL, NULL),"
    " (3, 'GAMMA', 'Gamma', NULL, 'Lee', NULL),"
    " (4, 'DELTA', 'Delta', 4, NULL, NULL),"
    " (5, 'EPS', 'Epsilon', 3, NULL, NULL);"
    /* ACME: metric 1 re-scored 6 → 8 (a later value after the report
     * date is ignored); metric 2 = 5; metric 3 never scored: area 1 =
     * (8 + 5) / 2 = 6.5. Metric 4 scored 3 then corrected to 4 on the same
     * day (higher id wins): area 2 = 4. Overall = (6.5 + 4) / 2 = 5.25. */
    "INSERT INTO score_entry (id, account_id, metric_id, scored_on, value) VALUES"
    " (1, 1, 1, '2024-03-01', 6), (2, 1, 1, '2024-06-01', 8), (3, 1, 1, '2025-01-15', 2),"
    " (4, 1, 2, '2024-02-01', 5),"
    " (5, 1, 4, '2024-05-01', 3), (6, 1, 4, '2024-05-01', 4),"
    /* BETA: area 3 = (2 + 3) / 2 = 2.5 = overall, below 4: flagged. */
    " (7, 2, 7, '2024-01-10', 2), (8, 2, 8, '2024-12-31', 3),"
    /* EPS: scored only after the report date: no score. */
    " (9, 5, 1, '2025-02-01', 1);");
}

/* Loads a ledger and computes the scorecards at @as_of. */
static TenureScorecards *
compute (sqlite3    *db,
         const char *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, &error);
  TenureScorecards *sc;

  g_assert_no_error (error);
  sc = tenure_scorecards_compute (db, ledger, kam_test_day (as_of), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sc);
  return sc;
}

static void
test_scorecard_areas (void)
{
  g_autoptr(TenureScorecards) sc = NULL;
  sqlite3 *db = kam_test_db ();
  const TenureScorecard *acme, *beta, *gamma, *delta, *eps;

  fill_scores (db);
  /* GAMMA has MRR at the report date, so it is active and listed. */
  kam_test_exec (db, "INSERT INTO subscription (account_id, starts_on, mrr) VALUES (3, '2024-07-01', 200);");
  sc = compute (db, "2024-12-31");
  g_assert_nonnull (sc);
  g_assert_cmpuint (sc->n_areas, ==, 5);
  g_assert_cmpstr (sc->area_names[0], ==, "Effectively Launched");

  acme = tenure_scorecards_lookup (sc, 1);
  assert_close (acme->areas[0], 6.5);
  assert_close (acme->areas[1], 4.0);
  assert_nan (acme->areas[2]);
  assert_close (acme->overall, 5.25);
  g_assert_false (acme->flagged);
  g_assert_true (acme->listed);
  g_assert_cmpuint (acme->scored_metrics, ==, 3);

  beta = tenure_scorecards_lookup (sc, 2);
  assert_close (beta->areas[2], 2.5);
  assert_close (beta->overall, 2.5);
  g_assert_true (beta->flagged);

  /* No score: no overall score, never flagged. */
  gamma = tenure_scorecards_lookup (sc, 3);
  assert_nan (gamma->overall);
  g_assert_false (gamma->flagged);
  g_assert_true (gamma->listed);

  delta = tenure_scorecards_lookup (sc, 4);
  g_assert_false (delta->listed);
  eps = tenure_scorecards_lookup (sc, 5);
  assert_nan (eps->overall);
  g_assert_false (eps->listed);

  /* With the threshold at 5.5, ACME's 5.25 is flagged too. */
  kam_test_exec (db, "UPDATE setting SET value = '5.5' WHERE key = 'score-flag-threshold';");
  g_clear_pointer (&sc, tenure_scorecards_free);
  sc = compute (db, "2024-12-31");
  g_assert_true (tenure_scorecards_lookup (sc, 1)->flagged);

  /* Before the re-score (as of 2024-05-15) ACME's metric 1 is 6: area 1 =
   * (6 + 5) / 2 = 5.5, area 2 = 4, overall 4.75. */
  g_clear_pointer (&sc, tenure_scorecards_free);
  sc = compute (db, "2024-05-15");
  assert_close (tenure_scorecards_lookup (sc, 1)->areas[0], 5.5);
  assert_close (tenure_scorecards_lookup (sc, 1)->overall, 4.75);
  /* BETA's metric 8 is not scored yet: area 3 = 2. */
  assert_close (tenure_scorecards_lookup (sc, 2)->overall, 2.0);
  sqlite3_close (db);
}

static void
test_scorecard_active_rule (void)
{
  g_autoptr(TenureScorecards) sc = NULL;
  sqlite3 *db = kam_test_db ();

  fill_scores (db);
  /* No subscription anywhere: auto resolves to inactivity (365 days).
   * DELTA won a deal on 2024-03-01, so it is active at 2024-12-31 and
   * listed though unscored; GAMMA's deal of 2023-12-01 lapsed on
   * 2024-11-30, so GAMMA is not listed. */
  kam_test_exec (db, "INSERT INTO deal (account_id, closed_on, amount) VALUES"
                     " (4, '2024-03-01', 100), (3, '2023-12-01', 100);");
  sc = compute (db, "2024-12-31");
  g_assert_true (tenure_scorecards_lookup (sc, 4)->active);
  g_assert_true (tenure_scorecards_lookup (sc, 4)->listed);
  g_assert_false (tenure_scorecards_lookup (sc, 3)->active);
  g_assert_false (tenure_scorecards_lookup (sc, 3)->listed);
  sqlite3_close (db);
}

/* Fiscal year starting in April, report date 2024-12-31: FY2025 (April 2024
 * to March 2025); ARR last year is the snapshot of 2024-03-31. */
static void
test_scorecard_fiscal_arr (void)
{
  g_autoptr(TenureScorecards) sc = NULL;
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);
  sqlite3 *db = kam_test_db ();
  const TenureScorecard *card;

  fill_scores (db);
  kam_test_exec (db,
    "UPDATE setting SET value = '4' WHERE key = 'fiscal-year-start';"
    /* ACME: 1000 until 2024-04-01 (exclusive), then 1500. ARR last year =
     * 12 × 1000 = 12000; now 18000; YTD 6000; target 12000: progress 0.5. */
    "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) VALUES"
    " (1, '2023-01-01', '2024-04-01', 1000), (1, '2024-04-01', NULL, 1500),"
    /* BETA: 5000 throughout (computed last year 60000) but the target
     * states 50000: YTD = 60000 − 50000 = 10000; target delta 0: progress
     * undefined. */
    " (2, '2023-06-01', NULL, 5000),"
    /* GAMMA: from 2024-07-01, no target: last year 0, YTD 2400. */
    " (3, '2024-07-01', NULL, 200);"
    "INSERT INTO target (account_id, fiscal_year, arr_last_year, arr_target_delta) VALUES"
    " (1, 2025, NULL, 12000), (2, 2025, 50000, 0), (3, 2024, 999, 999);");

  sc = compute (db, "2024-12-31");
  g_assert_cmpint (sc->fiscal_year, ==, 2025);

  card = tenure_scorecards_lookup (sc, 1);
  g_assert_cmpint (card->arr_last_year, ==, 12000);
  g_assert_false (card->arr_last_year_imported);
  g_assert_cmpint (card->arr_now, ==, 18000);
  g_assert_cmpint (card->arr_ytd, ==, 6000);
  g_assert_cmpint (card->arr_target_delta, ==, 12000);
  assert_close (card->progress, 0.5);

  card = tenure_scorecards_lookup (sc, 2);
  g_assert_cmpint (card->arr_last_year, ==, 50000);
  g_assert_true (card->arr_last_year_imported);
  g_assert_cmpint (card->arr_ytd, ==, 10000);
  g_assert_true (card->has_target);
  assert_nan (card->progress);

  card = tenure_scorecards_lookup (sc, 3);
  g_assert_cmpint (card->arr_last_year, ==, 0);
  g_assert_cmpint (card->arr_ytd, ==, 2400);
  g_assert_false (card->has_target);
  assert_nan (card->progress);

  tenure_scorecards_write_json (sc, json);
  g_assert_cmpstr (tenure_json_peek (json), ==,
    "[{\"account\":\"ACME\",\"type\":2,\"owner\":\"Dana\",\"end_date\":\"2026-06-30\","
    "\"areas\":{\"Effectively Launched\":6.5,\"Generate ROI\":4.0,\"ROI Recognized\":null,"
    "\"Customer Monetizes\":null,\"Valued Strategic Partner\":null},\"overall\":5.25,"
    "\"flagged\":false,\"arr_last_year\":12000,\"arr_target_delta\":12000,\"arr_ytd\":6000,"
    "\"progress\":0.5},"
    "{\"account\":\"BETA\",\"type\":1,\"owner\":null,\"end_date\":null,"
    "\"areas\":{\"Effectively Launched\":null,\"Generate ROI\":null,\"ROI Recognized\":2.5,"
    "\"Customer Monetizes\":null,\"Valued Strategic Partner\":null},\"overall\":2.5,"
    "\"flagged\":true,\"arr_last_year\":50000,\"arr_target_delta\":0,\"arr_ytd\":10000,"
    "\"progress\":null},"
    "{\"account\":\"GAMMA\",\"type\":null,\"owner\":\"Lee\",\"end_date\":null,"
    "\"areas\":{\"Effectively Launched\":null,\"Generate ROI\":null,\"ROI Recognized\":null,"
    "\"Customer Monetizes\":null,\"Valued Strategic Partner\":null},\"overall\":null,"
    "\"flagged\":false,\"arr_last_year\":0,\"arr_target_delta\":null,\"arr_ytd\":2400,"
    "\"progress\":null}]");

  /* January fiscal year: FY2024 is the calendar year; ARR last year is the
   * snapshot of 2023-12-31: ACME 12000 (imported targets are for 2025). */
  kam_test_exec (db, "UPDATE setting SET value = '1' WHERE key = 'fiscal-year-start';");
  g_clear_pointer (&sc, tenure_scorecards_free);
  sc = compute (db, "2024-12-31");
  g_assert_cmpint (sc->fiscal_year, ==, 2024);
  g_assert_cmpint (tenure_scorecards_lookup (sc, 1)->arr_last_year, ==, 12000);
  g_assert_cmpint (tenure_scorecards_lookup (sc, 2)->arr_last_year, ==, 60000);
  g_assert_false (tenure_scorecards_lookup (sc, 2)->has_target);
  sqlite3_close (db);
}

static void
test_fiscal_year_names (void)
{
  /* April start: FY2025 runs from 2024-04-01 to 2025-03-31. */
  g_assert_cmpint (_tenure_fiscal_year_of (kam_test_day ("2024-04-01"), 4), ==, 2025);
  g_assert_cmpint (_tenure_fiscal_year_of (kam_test_day ("2025-03-31"), 4), ==, 2025);
  g_assert_cmpint (_tenure_fiscal_year_of (kam_test_day ("2025-04-01"), 4), ==, 2026);
  g_assert_cmpint (_tenure_fiscal_year_first_day (2025, 4), ==, kam_test_day ("2024-04-01"));
  g_assert_cmpint (_tenure_fiscal_year_of (kam_test_day ("2024-12-31"), 1), ==, 2024);
  g_assert_cmpint (_tenure_fiscal_year_first_day (2024, 1), ==, kam_test_day ("2024-01-01"));
  /* Windows: twelve months to the report date; 29 February starts on 1 March. */
  g_assert_cmpint (_tenure_kam_window_start (kam_test_day ("2024-12-31")), ==, kam_test_day ("2024-01-01"));
  g_assert_cmpint (_tenure_kam_window_start (kam_test_day ("2024-02-29")), ==, kam_test_day ("2023-03-01"));
  g_assert_cmpint (_tenure_kam_window_start (kam_test_day ("2024-06-15")), ==, kam_test_day ("2023-06-16"));
  g_assert_cmpint (_tenure_segment_window_start (kam_test_day ("2024-06-15")), ==, kam_test_day ("2023-07-01"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scorecard/areas", test_scorecard_areas);
  g_test_add_func ("/scorecard/active-rule", test_scorecard_active_rule);
  g_test_add_func ("/scorecard/fiscal-arr", test_scorecard_fiscal_arr);
  g_test_add_func ("/scorecard/fiscal-year-names", test_fiscal_year_names);
  return g_test_run ();
}
