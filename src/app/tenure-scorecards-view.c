/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-scorecards-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-scorecards-view.h"

/* The account progress scorecard: area and overall scores per account,
 * flagged accounts, and the financial columns against the year's target.
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureScorecardsView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureScorecardsView, tenure_scorecards_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_scorecards_view_class_init (TenureScorecardsViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "emblem-ok-symbolic";
  page_class->empty_title = N_("No Scores Yet");
  page_class->empty_description = N_("Score an account in the Accounts view, or import scores, to see the account progress scorecards");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM score_entry)";
}

static void
tenure_scorecards_view_init (TenureScorecardsView *self)
{
}

GtkWidget *
tenure_scorecards_view_new (void)
{
  return g_object_new (TENURE_TYPE_SCORECARDS_VIEW, NULL);
}
