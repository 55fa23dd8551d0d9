/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "tenure-figures.h"
#include "tenure-sample.h"
#include "tenure-test-util.h"

static void
updated_cb (TenureFigures *figures,
            guint         *count)
{
  (*count)++;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_updates (guint *count,
                  guint  target)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (*count < target && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
test_figures_follow_the_workspace (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(TenureAccountList) accounts = NULL;
  g_autoptr(TenureFigures) figures = NULL;
  TenureAnalysis *analysis;
  const TenureMetricsPeriod *last;
  gint64 list_mrr = 0;
  guint active = 0;
  guint updates = 0;

  g_assert_true (tenure_sample_create (path, NULL, &error));
  g_assert_no_error (error);
  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  accounts = tenure_account_list_new (ws);
  figures = tenure_figures_new (ws, accounts);
  g_signal_connect (figures, "updated", G_CALLBACK (updated_cb), &updates);

  /* The first analysis is computed in a worker; the main loop stays free. */
  g_assert_true (tenure_figures_is_busy (figures));
  g_assert_null (tenure_figures_get_analysis (figures));
  wait_for_updates (&updates, 1);
  analysis = tenure_figures_get_analysis (figures);
  g_assert_nonnull (analysis);
  g_assert_null (tenure_figures_get_error (figures));

  /* The account model carries the same figures as the analysis. */
  last = &analysis->metrics->periods[analysis->metrics->n_periods - 1];
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(TenureAccount) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      list_mrr += tenure_account_get_mrr (account);
      if (tenure_account_get_active (account))
        {
          active++;
          g_assert_nonnull (tenure_account_get_stage (account));
        }
    }
  g_assert_cmpint (list_mrr, ==, last->mrr);
  g_assert_cmpuint (active, ==, last->active_accounts);
  g_assert_cmpint (analysis->metrics->churn_rule, ==, TENURE_CHURN_RULE_CONTRACT);

  /* A change of the workspace brings a new analysis under the new rule. */
  g_assert_true (tenure_workspace_set_setting (ws, "churn-rule", "explicit", &error));
  wait_for_updates (&updates, 2);
  g_assert_cmpint (tenure_figures_get_analysis (figures)->metrics->churn_rule, ==, TENURE_CHURN_RULE_EXPLICIT);

  /* So does a change of period. */
  tenure_figures_set_period (figures, TENURE_PERIOD_QUARTER);
  wait_for_updates (&updates, 3);
  g_assert_cmpint (tenure_figures_get_analysis (figures)->metrics->period, ==, TENURE_PERIOD_QUARTER);

  g_clear_object (&figures);
  g_clear_object (&accounts);
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

/* A period set right after construction is in the first computation: one
 * analysis, quarterly, not a monthly one followed by a quarterly one. */
static void
test_figures_first_period (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(TenureAccountList) accounts = NULL;
  g_autoptr(TenureFigures) figures = NULL;
  gboolean waited = FALSE;
  guint updates = 0;

  g_assert_true (tenure_sample_create (path, NULL, &error));
  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  accounts = tenure_account_list_new (ws);
  figures = tenure_figures_new (ws, accounts);
  g_signal_connect (figures, "updated", G_CALLBACK (updated_cb), &updates);
  tenure_figures_set_period (figures, TENURE_PERIOD_QUARTER);
  g_assert_true (tenure_figures_is_busy (figures));
  wait_for_updates (&updates, 1);
  g_assert_cmpint (tenure_figures_get_analysis (figures)->metrics->period, ==, TENURE_PERIOD_QUARTER);

  /* Nothing else was queued. */
  g_timeout_add (500, timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (updates, ==, 1);
  g_assert_false (tenure_figures_is_busy (figures));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/figures/follow-the-workspace", test_figures_follow_the_workspace);
  g_test_add_func ("/figures/first-period", test_figures_first_period);
  return g_test_run ();
}
