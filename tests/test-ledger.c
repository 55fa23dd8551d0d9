/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tenure-ledger.h"
#include "tenure-test-util.h"

static TenureLedger *
load (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  TenureLedger *ledger = tenure_ledger_load (db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

static void
assert_spells (const TenureLedgerAccount *a,
               guint                      n,
               ...)
{
  va_list args;

  g_assert_cmpuint (a->n_spells, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      const char *start = va_arg (args, const char *);
      const char *end = va_arg (args, const char *);

      g_assert_cmpint (a->spells[i].start, ==, D (start));
      g_assert_cmpint (a->spells[i].end, ==, end ? D (end) : TENURE_DAY_OPEN);
    }
  va_end (args);
}

static void
test_ledger_mrr_points (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  const TenureLedgerAccount *a;
  gint64 id = tt_account (db, "A");

  /* 100 from Jan 15 to Mar 9 (ends_on is the first day without it), 50
   * from Feb 1 on, and a zero-length line that changes nothing. */
  tt_sub (db, id, "2024-01-15", "2024-03-10", 100);
  tt_sub (db, id, "2024-02-01", NULL, 50);
  tt_sub (db, id, "2024-02-10", "2024-02-10", 999);
  ledger = load (db);

  g_assert_cmpuint (tenure_ledger_n_accounts (ledger), ==, 1);
  a = tenure_ledger_lookup_key (ledger, "A");
  g_assert_nonnull (a);
  g_assert_true (a == tenure_ledger_lookup_id (ledger, id));
  g_assert_null (tenure_ledger_lookup_key (ledger, "B"));
  g_assert_null (tenure_ledger_lookup_id (ledger, id + 1));
  g_assert_cmpuint (tenure_ledger_account_index (ledger, a), ==, 0);

  g_assert_cmpuint (a->n_mrr_points, ==, 3);
  g_assert_cmpint (tenure_ledger_account_mrr_on (a, D ("2024-01-14")), ==, 0);
  g_assert_cmpint (tenure_ledger_account_mrr_on (a, D ("2024-01-15")), ==, 100);
  g_assert_cmpint (tenure_ledger_account_mrr_on (a, D ("2024-01-31")), ==, 100);
  g_assert_cmpint (tenure_ledger_account_mrr_on (a, D ("2024-02-01")), ==, 150);
  g_assert_cmpint (tenure_ledger_account_mrr_on (a, D ("2024-03-09")), ==, 150);
  g_assert_cmpint (tenure_ledger_account_mrr_on (a, D ("2024-03-10")), ==, 50);
  g_assert_cmpint (tenure_ledger_account_mrr_on (a, D ("2030-01-01")), ==, 50);
  g_assert_cmpint (tenure_ledger_mrr_on (ledger, D ("2024-02-15")), ==, 150);
  g_assert_cmpint (a->first_paying_day, ==, D ("2024-01-15"));

  /* auto resolves to contract: the workspace has subscriptions. */
  g_assert_cmpint (tenure_ledger_churn_rule (ledger), ==, TENURE_CHURN_RULE_CONTRACT);
  g_assert_true (tenure_ledger_settings (ledger)->churn_rule_auto);
  g_assert_cmpstr (tenure_ledger_settings (ledger)->currency, ==, "USD");
  g_assert_cmpint (tenure_ledger_first_day (ledger), ==, D ("2024-01-15"));
  assert_spells (a, 1, "2024-01-15", NULL);
  sqlite3_close (db);
}

static void
test_ledger_contract (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(GArray) churns = NULL;
  g_autoptr(GArray) reactivations = NULL;
  const TenureLedgerAccount *a;
  gint64 pilot = tt_account (db, "PILOT");
  gint64 gap = tt_account (db, "GAP");
  gint64 renew = tt_account (db, "RENEW");
  gint64 twice = tt_account (db, "TWICE");

  /* A pilot that starts and ends within one month. */
  tt_sub (db, pilot, "2024-01-05", "2024-01-20", 10);
  /* Last active day Jan 30, back on Feb 2: churn Jan 31, reactivation Feb 2. */
  tt_sub (db, gap, "2024-01-01", "2024-01-31", 20);
  tt_sub (db, gap, "2024-02-02", NULL, 20);
  /* A renewal line starting the day the old one ends: no churn. */
  tt_sub (db, renew, "2024-01-01", "2024-02-01", 30);
  tt_sub (db, renew, "2024-02-01", NULL, 40);
  /* Leaves twice within March. */
  tt_sub (db, twice, "2024-03-01", "2024-03-05", 5);
  tt_sub (db, twice, "2024-03-10", "2024-03-12", 5);
  tt_sub (db, twice, "2024-03-20", NULL, 5);
  ledger = load (db);

  a = tenure_ledger_lookup_key (ledger, "PILOT");
  assert_spells (a, 1, "2024-01-05", "2024-01-20");
  g_assert_true (tenure_ledger_account_active_on (a, D ("2024-01-19")));
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-01-20")));
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-01-04")));
  g_assert_cmpint (tenure_ledger_account_churned_on (a, D ("2024-12-31")), ==, D ("2024-01-20"));
  g_assert_cmpint (tenure_ledger_account_churned_on (a, D ("2024-01-19")), ==, TENURE_DAY_NONE);

  a = tenure_ledger_lookup_key (ledger, "GAP");
  assert_spells (a, 2, "2024-01-01", "2024-01-31", "2024-02-02", NULL);
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-01-31")));
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-02-01")));
  g_assert_true (tenure_ledger_account_active_on (a, D ("2024-02-02")));
  reactivations = tenure_ledger_account_reactivation_days (a, TENURE_DAY_OPEN);
  g_assert_cmpuint (reactivations->len, ==, 1);
  g_assert_cmpint (g_array_index (reactivations, TenureDay, 0), ==, D ("2024-02-02"));
  /* Active again at the report date: the churn stays in the history. */
  g_assert_cmpint (tenure_ledger_account_churned_on (a, D ("2024-06-30")), ==, D ("2024-01-31"));

  a = tenure_ledger_lookup_key (ledger, "RENEW");
  assert_spells (a, 1, "2024-01-01", NULL);

  a = tenure_ledger_lookup_key (ledger, "TWICE");
  assert_spells (a, 3, "2024-03-01", "2024-03-05", "2024-03-10", "2024-03-12", "2024-03-20", NULL);
  churns = tenure_ledger_account_churn_days (a, D ("2024-03-31"));
  g_assert_cmpuint (churns->len, ==, 2);
  g_assert_cmpint (tenure_ledger_account_originated_on (a, D ("2024-02-29")), ==, TENURE_DAY_NONE);
  g_assert_cmpint (tenure_ledger_account_originated_on (a, D ("2024-03-01")), ==, D ("2024-03-01"));
  sqlite3_close (db);
}

static void
test_ledger_inactivity (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  const TenureLedgerAccount *a;
  gint64 id = tt_account (db, "DEALS");

  tt_set (db, "inactivity-days", "30");
  /* Active on closed_on … closed_on + 29. Jan 1 covers to Jan 30; Jan 20
   * extends to Feb 18; a deal on Feb 19 (the first inactive day) still
   * counts on that day (d - N < closed_on <= d), so the stretch goes on to
   * Mar 19 and churns on Mar 20 = last deal + 30. May 1 starts again. Two
   * deals on one day are one sale day. */
  tt_deal (db, id, "2024-01-01", 100);
  tt_deal (db, id, "2024-01-01", 50);
  tt_deal (db, id, "2024-01-20", 10);
  tt_deal (db, id, "2024-02-19", 10);
  tt_deal (db, id, "2024-05-01", 10);
  tt_exec (db, "INSERT INTO deal (account_id, closed_on, status, amount) VALUES (%lld, '2023-12-01', 'lost', 7)",
           (long long) id);
  ledger = load (db);

  /* No subscriptions: auto is inactivity. */
  g_assert_cmpint (tenure_ledger_churn_rule (ledger), ==, TENURE_CHURN_RULE_INACTIVITY);
  a = tenure_ledger_lookup_key (ledger, "DEALS");
  g_assert_cmpuint (a->n_deals, ==, 6);
  g_assert_cmpuint (a->n_won_days, ==, 4);
  g_assert_cmpint (a->first_sale_day, ==, D ("2024-01-01"));
  g_assert_cmpint (a->first_sale_amount, ==, 150);
  g_assert_cmpint (tenure_ledger_first_day (ledger), ==, D ("2024-01-01"));
  assert_spells (a, 2, "2024-01-01", "2024-03-20", "2024-05-01", "2024-05-31");
  g_assert_true (tenure_ledger_account_active_on (a, D ("2024-03-19")));
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-03-20")));
  g_assert_true (tenure_ledger_account_active_on (a, D ("2024-05-30")));
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-05-31")));
  /* A churn after the report date is not a churn yet. */
  g_assert_cmpint (tenure_ledger_account_churned_on (a, D ("2024-05-30")), ==, D ("2024-03-20"));
  sqlite3_close (db);
}

static void
test_ledger_explicit (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(GArray) spells = NULL;
  const TenureLedgerAccount *a;
  gint64 money = tt_account (db, "MONEY");
  gint64 events = tt_account (db, "EVENTS");
  gint64 pilot = tt_account (db, "PILOT");
  gint64 orphan = tt_account (db, "ORPHAN");

  tt_set (db, "churn-rule", "explicit");
  /* The money says active throughout; the events say otherwise. A churned
   * event while not active (Mar 15) is ignored; a deal on the churn day
   * does not reactivate (not strictly after); a subscription start after
   * the latest churn does. */
  tt_sub (db, money, "2024-01-10", NULL, 100);
  tt_event (db, money, "2024-03-01", "churned", NULL);
  tt_deal (db, money, "2024-03-01", 5);
  tt_event (db, money, "2024-03-15", "churned", NULL);
  tt_sub (db, money, "2024-04-02", NULL, 10);

  /* Originated by event before any money; reactivated by event. */
  tt_event (db, events, "2023-11-20", "originated", NULL);
  tt_event (db, events, "2024-01-05", "churned", NULL);
  tt_event (db, events, "2024-02-07", "reactivated", NULL);
  tt_deal (db, events, "2024-02-10", 30);

  /* Originated and churned on one day. */
  tt_event (db, pilot, "2024-06-03", "originated", NULL);
  tt_event (db, pilot, "2024-06-03", "churned", NULL);

  /* A reactivated event cannot originate. */
  tt_event (db, orphan, "2024-01-01", "reactivated", NULL);
  ledger = load (db);

  g_assert_cmpint (tenure_ledger_churn_rule (ledger), ==, TENURE_CHURN_RULE_EXPLICIT);
  g_assert_false (tenure_ledger_settings (ledger)->churn_rule_auto);
  g_assert_cmpint (tenure_ledger_first_day (ledger), ==, D ("2023-11-20"));

  a = tenure_ledger_lookup_key (ledger, "MONEY");
  assert_spells (a, 2, "2024-01-10", "2024-03-01", "2024-04-02", NULL);
  /* Under contract the same account never churned. */
  spells = tenure_ledger_account_spells_for_rule (ledger, a, TENURE_CHURN_RULE_CONTRACT);
  g_assert_cmpuint (spells->len, ==, 1);
  g_assert_true (tenure_ledger_account_active_on_rule (ledger, a, TENURE_CHURN_RULE_CONTRACT, D ("2024-03-20")));
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-03-20")));

  a = tenure_ledger_lookup_key (ledger, "EVENTS");
  assert_spells (a, 2, "2023-11-20", "2024-01-05", "2024-02-07", NULL);

  a = tenure_ledger_lookup_key (ledger, "PILOT");
  assert_spells (a, 1, "2024-06-03", "2024-06-03");
  g_assert_false (tenure_ledger_account_active_on (a, D ("2024-06-03")));
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-06-03")), ==, TENURE_STAGE_OUTSIDE);
  g_assert_cmpuint (a->n_transitions, ==, 2);

  a = tenure_ledger_lookup_key (ledger, "ORPHAN");
  g_assert_cmpuint (a->n_spells, ==, 0);

  /* The same ledger under the other rules. */
  tenure_ledger_set_churn_rule (ledger, TENURE_CHURN_RULE_CONTRACT);
  a = tenure_ledger_lookup_key (ledger, "MONEY");
  assert_spells (a, 1, "2024-01-10", NULL);
  a = tenure_ledger_lookup_key (ledger, "EVENTS");
  g_assert_cmpuint (a->n_spells, ==, 0);
  tenure_ledger_set_churn_rule (ledger, TENURE_CHURN_RULE_INACTIVITY);
  a = tenure_ledger_lookup_key (ledger, "EVENTS");
  assert_spells (a, 1, "2024-02-10", "2025-02-09");
  sqlite3_close (db);
}

static void
test_ledger_stages_events (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  const TenureLedgerAccount *a;
  gint64 id = tt_account (db, "A");

  tt_sub (db, id, "2024-01-01", "2024-05-01", 100);
  tt_sub (db, id, "2024-07-01", NULL, 100);
  tt_event (db, id, "2023-12-01", "upgraded", "Monetized");      /* before origination: ignored */
  tt_event (db, id, "2024-01-01", "upgraded", "Launched");       /* origination day: after entering */
  tt_event (db, id, "2024-02-01", "upgraded", NULL);             /* one step up: ROI Generated */
  tt_event (db, id, "2024-03-01", "upgraded", "ROI Generated");  /* no move */
  tt_event (db, id, "2024-04-01", "downgraded", "Onboarding");
  tt_event (db, id, "2024-06-01", "upgraded", "Monetized");      /* while churned: ignored */
  tt_event (db, id, "2024-07-01", "downgraded", NULL);           /* already at the first stage */
  ledger = load (db);

  g_assert_cmpuint (tenure_ledger_n_stages (ledger), ==, 6);
  g_assert_cmpstr (tenure_ledger_stage (ledger, 2)->name, ==, "ROI Generated");
  a = tenure_ledger_lookup_key (ledger, "A");
  /* new→0, 0→1, 1→2, 2→0, 0→churned (May 1), new→0 (Jul 1). */
  g_assert_cmpuint (a->n_transitions, ==, 6);
  g_assert_cmpint (a->transitions[0].from, ==, TENURE_STAGE_OUTSIDE);
  g_assert_cmpint (a->transitions[0].to, ==, 0);
  g_assert_cmpint (a->transitions[1].day, ==, D ("2024-01-01"));
  g_assert_cmpint (a->transitions[1].to, ==, 1);
  g_assert_cmpint (a->transitions[2].to, ==, 2);
  g_assert_cmpint (a->transitions[3].to, ==, 0);
  g_assert_cmpint (a->transitions[4].day, ==, D ("2024-05-01"));
  g_assert_cmpint (a->transitions[4].to, ==, TENURE_STAGE_OUTSIDE);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-01-01")), ==, 1);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-03-15")), ==, 2);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-06-15")), ==, TENURE_STAGE_OUTSIDE);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-07-15")), ==, 0);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2023-07-15")), ==, TENURE_STAGE_OUTSIDE);
  sqlite3_close (db);
}

static void
test_ledger_stages_bands (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  const TenureLedgerAccount *a;
  gint64 id = tt_account (db, "A");

  tt_set (db, "stage-source", "mrr-bands");
  /* Bounds: Launched 100, ROI Generated none (never reached by MRR),
   * ROI Recognized 500. */
  tt_exec (db, "UPDATE journey_stage SET min_mrr = 100 WHERE name = 'Launched'");
  tt_exec (db, "UPDATE journey_stage SET min_mrr = 500 WHERE name = 'ROI Recognized'");
  tt_sub (db, id, "2024-01-01", NULL, 50);             /* 50: Onboarding */
  tt_sub (db, id, "2024-02-01", "2024-04-01", 100);    /* 150: Launched */
  tt_sub (db, id, "2024-03-01", "2024-04-01", 400);    /* 550: ROI Recognized; Apr 1 back to 50 */
  ledger = load (db);

  a = tenure_ledger_lookup_key (ledger, "A");
  g_assert_cmpuint (a->n_transitions, ==, 4);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-01-31")), ==, 0);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-02-01")), ==, 1);
  g_assert_cmpint (tenure_ledger_account_stage_on (a, D ("2024-03-01")), ==, 3);
  g_assert_cmpint (a->transitions[3].from, ==, 3);
  g_assert_cmpint (a->transitions[3].to, ==, 0);
  sqlite3_close (db);
}

static void
test_ledger_bad_date (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(GError) error = NULL;
  TenureLedger *ledger;
  gint64 id = tt_account (db, "A");

  tt_sub (db, id, "2024-02-30", NULL, 10);
  ledger = tenure_ledger_load (db, &error);
  g_assert_null (ledger);
  g_assert_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "subscription"));
  sqlite3_close (db);
}

static void
assert_deal (const TenureDeal *deal,
             const char       *closed_on,
             gint64            amount)
{
  g_assert_cmpint (deal->closed_on, ==, closed_on ? D (closed_on) : TENURE_DAY_NONE);
  g_assert_cmpint (deal->amount, ==, amount);
}

/* The deals are read in storage order and sorted per account: by closing
 * day, unclosed last, ties by id, whatever order they were entered in and
 * however the accounts' rows interleave. */
static void
test_ledger_deals_order (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  const TenureLedgerAccount *a, *b;
  gint64 ida = tt_account (db, "A"), idb = tt_account (db, "B");

  tt_exec (db, "INSERT INTO deal (account_id, status, amount) VALUES (%lld, 'open', 1)", (long long) ida);
  tt_deal (db, idb, "2024-03-01", 20);
  tt_deal (db, ida, "2024-02-01", 2);
  tt_exec (db, "INSERT INTO deal (account_id, closed_on, status, amount) VALUES (%lld, '2024-01-15', 'lost', 3)",
           (long long) ida);
  tt_deal (db, ida, "2024-02-01", 4);
  tt_deal (db, idb, "2024-01-01", 10);
  /* B gets enough deals for the general sort: 40 more, newest first. */
  for (int i = 40; i > 0; i--)
    {
      char day[16];

      g_snprintf (day, sizeof day, "2023-%02d-%02d", 1 + (i - 1) / 20, 2 + (i - 1) % 20);
      tt_deal (db, idb, day, 100 + i);
    }
  ledger = load (db);

  a = tenure_ledger_lookup_key (ledger, "A");
  g_assert_cmpuint (a->n_deals, ==, 4);
  assert_deal (&a->deals[0], "2024-01-15", 3);
  assert_deal (&a->deals[1], "2024-02-01", 2);
  assert_deal (&a->deals[2], "2024-02-01", 4);
  assert_deal (&a->deals[3], NULL, 1);
  g_assert_cmpuint (a->n_won_days, ==, 1);
  g_assert_cmpint (a->won_days[0].amount, ==, 6);

  b = tenure_ledger_lookup_key (ledger, "B");
  g_assert_cmpuint (b->n_deals, ==, 42);
  for (guint i = 1; i < b->n_deals; i++)
    g_assert_cmpint (b->deals[i - 1].closed_on, <, b->deals[i].closed_on);
  assert_deal (&b->deals[0], "2023-01-02", 101);
  assert_deal (&b->deals[40], "2024-01-01", 10);
  assert_deal (&b->deals[41], "2024-03-01", 20);
  sqlite3_close (db);
}

/* A deal whose account is missing (possible only when foreign keys were
 * off) is named with its row. */
static void
test_ledger_deal_orphan (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(GError) error = NULL;
  TenureLedger *ledger;
  gint64 id = tt_account (db, "A");

  tt_deal (db, id, "2024-01-01", 10);
  tt_exec (db, "PRAGMA foreign_keys = OFF");
  tt_exec (db, "INSERT INTO deal (id, account_id, closed_on, status, amount) VALUES (77, 999, '2024-01-02', 'won', 5)");
  ledger = tenure_ledger_load (db, &error);
  g_assert_null (ledger);
  g_assert_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "Table deal, row 77: account 999 does not exist");
  sqlite3_close (db);
}

/* Accounts listed by key in byte order, whatever their ids. */
static void
test_ledger_key_order (void)
{
  sqlite3 *db = tt_db_new ();
  g_autoptr(TenureLedger) ledger = NULL;
  const char *keys[] = { "b", "A", "a", "B-2", "B-10" };
  const char *sorted[] = { "A", "B-10", "B-2", "a", "b" };
  const guint *order;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    tt_account (db, keys[i]);
  ledger = load (db);
  order = tenure_ledger_key_order (ledger);
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (tenure_ledger_account (ledger, order[i])->key, ==, sorted[i]);
  g_assert_true (tenure_ledger_lookup_id (ledger, 999) == NULL);
  g_assert_cmpuint (tenure_ledger_index_of_id (ledger, 999), ==, G_MAXUINT);
  g_assert_cmpuint (tenure_ledger_index_of_id (ledger, tenure_ledger_account (ledger, order[0])->id), ==, order[0]);
  g_assert_cmpstr (tenure_ledger_lookup_id (ledger, tenure_ledger_account (ledger, order[0])->id)->key, ==, "A");
  sqlite3_close (db);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ledger/mrr-points", test_ledger_mrr_points);
  g_test_add_func ("/ledger/contract", test_ledger_contract);
  g_test_add_func ("/ledger/inactivity", test_ledger_inactivity);
  g_test_add_func ("/ledger/explicit", test_ledger_explicit);
  g_test_add_func ("/ledger/stages-events", test_ledger_stages_events);
  g_test_add_func ("/ledger/stages-bands", test_ledger_stages_bands);
  g_test_add_func ("/ledger/bad-date", test_ledger_bad_date);
  g_test_add_func ("/ledger/deals-order", test_ledger_deals_order);
  g_test_add_func ("/ledger/deal-orphan", test_ledger_deal_orphan);
  g_test_add_func ("/ledger/key-order", test_ledger_key_order);
  return g_test_run ();
}
