/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "tenure-account-list.h"
#include "tenure-date.h"
#include "tenure-test-util.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->calls++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_list_model_contract (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);
  g_autoptr(TenureAccountList) list = NULL;
  g_autoptr(TenureAccount) first = NULL;
  g_autoptr(TenureAccount) again = NULL;
  ItemsChanged seen = { 0 };
  char today[16], last_month[16];
  sqlite3 *db;

  g_assert_no_error (error);
  db = tenure_workspace_get_db (ws);
  tenure_day_format_iso (tenure_day_today (), today);
  tenure_day_format_iso (tenure_day_today () - 40, last_month);

  list = tenure_account_list_new (ws);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == TENURE_TYPE_ACCOUNT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &seen);

  /* Two accounts arrive in one committed write: one items-changed, sorted by key. */
  g_assert_true (tenure_workspace_begin_write (ws, &error));
  tenure_test_exec (db, "INSERT INTO account (key, name, segment, type) VALUES ('ZED', 'Zed Ltd', 'SMB', 3), "
                        "('ACME', 'Acme Inc', 'Enterprise', 1)");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO subscription (account_id, starts_on, mrr) "
                                            "SELECT id, '%s', 12345 FROM account WHERE key = 'ACME'", last_month);
    tenure_test_exec (db, sql);
  }
  g_assert_true (tenure_workspace_commit_write (ws, &error));
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (tenure_account_get_key (first), ==, "ACME");
  g_assert_cmpstr (tenure_account_get_name (first), ==, "Acme Inc");
  g_assert_cmpint (tenure_account_get_account_type (first), ==, 1);
  /* 12345 cents of MRR is 148140 cents of ARR. */
  g_assert_cmpint (tenure_account_get_mrr (first), ==, 12345);
  g_assert_cmpint (tenure_account_get_arr (first), ==, 148140);
  g_assert_cmpstr (tenure_account_get_originated_on (first), ==, last_month);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));

  /* A change that adds or removes no account keeps the objects and emits no
   * items-changed; only the changed property notifies. */
  {
    guint name_notifies = 0, segment_notifies = 0;

    g_signal_connect (first, "notify::name", G_CALLBACK (count_notify_cb), &name_notifies);
    g_signal_connect (first, "notify::segment", G_CALLBACK (count_notify_cb), &segment_notifies);
    g_assert_true (tenure_workspace_begin_write (ws, &error));
    tenure_test_exec (db, "UPDATE account SET name = 'Acme Corporation' WHERE key = 'ACME'");
    g_assert_true (tenure_workspace_commit_write (ws, &error));
    g_assert_cmpuint (seen.calls, ==, 1);
    g_assert_cmpuint (name_notifies, ==, 1);
    g_assert_cmpuint (segment_notifies, ==, 0);
    again = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (again == first);
    g_assert_cmpstr (tenure_account_get_name (first), ==, "Acme Corporation");
  }

  /* Removing one emits items-changed. */
  g_assert_true (tenure_workspace_begin_write (ws, &error));
  tenure_test_exec (db, "DELETE FROM account WHERE key = 'ZED'");
  g_assert_true (tenure_workspace_commit_write (ws, &error));
  g_assert_cmpuint (seen.calls, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  g_clear_object (&list);
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static void
test_account_notify_only_on_change (void)
{
  g_autoptr(TenureAccount) account = tenure_account_new ("K");
  guint mrr = 0, arr = 0, score = 0, risk = 0;

  g_signal_connect (account, "notify::mrr", G_CALLBACK (count_notify_cb), &mrr);
  g_signal_connect (account, "notify::arr", G_CALLBACK (count_notify_cb), &arr);
  g_signal_connect (account, "notify::overall-score", G_CALLBACK (count_notify_cb), &score);
  g_signal_connect (account, "notify::at-risk", G_CALLBACK (count_notify_cb), &risk);

  tenure_account_set_mrr (account, 100);
  tenure_account_set_mrr (account, 100);
  g_assert_cmpuint (mrr, ==, 1);
  g_assert_cmpuint (arr, ==, 1);

  /* No score is NaN; NaN again is no change. */
  g_assert_true (isnan (tenure_account_get_overall_score (account)));
  tenure_account_set_overall_score (account, NAN);
  g_assert_cmpuint (score, ==, 0);
  tenure_account_set_overall_score (account, 3.5);
  tenure_account_set_overall_score (account, 3.5);
  g_assert_cmpuint (score, ==, 1);

  /* at-risk follows the reasons, notifying when it flips. */
  g_assert_false (tenure_account_get_at_risk (account));
  tenure_account_set_at_risk_reasons (account, "low_score");
  tenure_account_set_at_risk_reasons (account, "low_score,detractor");
  g_assert_true (tenure_account_get_at_risk (account));
  g_assert_cmpuint (risk, ==, 1);
  tenure_account_set_at_risk_reasons (account, NULL);
  g_assert_cmpuint (risk, ==, 2);

  /* Through GObject properties too. */
  g_object_set (account, "segment", "SMB", "account-type", 2, NULL);
  g_assert_cmpstr (tenure_account_get_segment (account), ==, "SMB");
  g_assert_cmpint (tenure_account_get_account_type (account), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&account));
}

static void
test_apply_figures (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);
  g_autoptr(TenureAccountList) list = NULL;
  TenureAccount *account;
  TenureAccountUpdate figures[] = {
    { "ACME", "Launched", "2024-01-15", NULL, "2024-06-01", "low_score", 5000, 3.2, 5, TRUE },
    { "GONE", "Onboarding", NULL, NULL, NULL, NULL, 0, NAN, 0, FALSE },
  };

  g_assert_no_error (error);
  tenure_test_exec (tenure_workspace_get_db (ws), "INSERT INTO account (key, name) VALUES ('ACME', 'Acme')");
  list = tenure_account_list_new (ws);
  tenure_account_list_apply_figures (list, figures, G_N_ELEMENTS (figures));
  account = tenure_account_list_lookup (list, "ACME");
  g_assert_nonnull (account);
  g_assert_cmpstr (tenure_account_get_stage (account), ==, "Launched");
  g_assert_cmpint (tenure_account_get_mrr (account), ==, 5000);
  g_assert_cmpfloat (tenure_account_get_overall_score (account), ==, 3.2);
  g_assert_true (tenure_account_get_at_risk (account));
  g_assert_null (tenure_account_list_lookup (list, "GONE"));
  g_clear_object (&list);
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/account-list/list-model-contract", test_list_model_contract);
  g_test_add_func ("/account-list/notify-only-on-change", test_account_notify_only_on_change);
  g_test_add_func ("/account-list/apply-figures", test_apply_figures);
  return g_test_run ();
}
