/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-scorecards-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tenure-chart-build.h"
#include "tenure-chart-format.h"
#include "tenure-figure-table.h"
#include "tenure-format.h"
#include "tenure-scorecards-view.h"

/* The account progress scorecards: the area and overall scores per account
 * as a heat grid, and the progress report against the year's ARR target,
 * flagged accounts in the error colour. */

struct _TenureScorecardsView
{
  TenureChartPage  parent_instance;

  GtkWidget       *chart;   /* TenureChartView */
  GtkWidget       *note;    /* GtkLabel below a shortened table */
};

/* Every row of a figure table is realized: the table lists the accounts
 * that need attention most, the board report and the accounts view all. */
#define MAX_ROWS 100

G_DEFINE_FINAL_TYPE (TenureScorecardsView, tenure_scorecards_view, TENURE_TYPE_CHART_PAGE)

static char *
format_score (double score)
{
  return tenure_chart_format_number (score, 1);
}

/* Flagged accounts first, then by overall score, lowest first, as the heat
 * grid lists them; unscored accounts last. */
static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const TenureScorecard *x = *(const TenureScorecard **) a;
  const TenureScorecard *y = *(const TenureScorecard **) b;

  if (x->flagged != y->flagged)
    return x->flagged ? -1 : 1;
  if (isnan (x->overall) != isnan (y->overall))
    return isnan (x->overall) ? 1 : -1;
  if (!isnan (x->overall) && x->overall != y->overall)
    return x->overall < y->overall ? -1 : 1;
  return 0;
}

/* …and by name among equal scores. */
static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  const TenureScorecard *x = *(const TenureScorecard **) a;
  const TenureScorecard *y = *(const TenureScorecard **) b;
  int order = compare_scores (a, b);

  if (order != 0)
    return order;
  return g_utf8_collate (x->name != NULL ? x->name : x->account, y->name != NULL ? y->name : y->account);
}

static void
update_table (TenureScorecardsView *self,
              TenureAnalysis       *analysis)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));
  g_autoptr(GListStore) rows = g_list_store_new (TENURE_TYPE_FIGURE_ROW);
  const TenureScorecards *sc = analysis->scorecards;
  guint n_areas = MIN (sc->n_areas, 5);
  guint n_columns = 5 + n_areas + 5;
  g_autofree const char **titles = g_new0 (const char *, n_columns);
  g_autoptr(GPtrArray) cards = NULL;
  guint t = 0, n, n_listed;

  titles[t++] = _("Account");
  titles[t++] = _("Sales Associate");
  titles[t++] = _("End Date");
  titles[t++] = _("Type");
  /* The areas are the workspace's own names. */
  for (guint a = 0; a < n_areas; a++)
    titles[t++] = sc->area_names[a];
  titles[t++] = _("Overall");
  titles[t++] = _("ARR Last Year");
  titles[t++] = _("ΔARR Target");
  titles[t++] = _("YTD");
  titles[t++] = _("Progress");
  tenure_figure_table_set_columns (table, titles, t);
  tenure_figure_table_set_text_column (table, 1);
  tenure_figure_table_set_text_column (table, 2);

  cards = g_ptr_array_new ();
  for (guint i = 0; i < sc->cards->len; i++)
    if (((TenureScorecard *) g_ptr_array_index (sc->cards, i))->listed)
      g_ptr_array_add (cards, g_ptr_array_index (sc->cards, i));
  n_listed = cards->len;
  /* Collating names is slow: only among the first rows and the accounts
   * that tie with the last of them. */
  g_ptr_array_sort (cards, compare_scores);
  n = MIN (cards->len, MAX_ROWS);
  while (n > 0 && n < cards->len && compare_scores (&cards->pdata[n - 1], &cards->pdata[n]) == 0)
    n++;
  g_ptr_array_set_size (cards, n);
  g_ptr_array_sort (cards, compare_cards);
  g_ptr_array_set_size (cards, MIN (n, MAX_ROWS));
  for (guint i = 0; i < cards->len; i++)
    {
      const TenureScorecard *card = g_ptr_array_index (cards, i);
      char **cells;
      g_autoptr(TenureFigureRow) row = NULL;
      guint c = 0;

      cells = g_new0 (char *, n_columns + 1);
      cells[c++] = g_strdup (card->name != NULL ? card->name : card->account);
      cells[c++] = g_strdup (card->owner != NULL ? card->owner : "");
      cells[c++] = card->end_date != TENURE_DAY_NONE ? tenure_day_to_iso (card->end_date) : g_strdup ("");
      cells[c++] = card->type > 0 ? g_strdup_printf ("%d", card->type) : g_strdup ("");
      for (guint a = 0; a < n_areas; a++)
        cells[c++] = format_score (card->areas[a]);
      cells[c++] = format_score (card->overall);
      cells[c++] = tenure_figure_money (analysis, card->arr_last_year);
      cells[c++] = card->has_target ? tenure_figure_money (analysis, card->arr_target_delta)
                                     : g_strdup (TENURE_CHART_UNDEFINED);
      cells[c++] = tenure_figure_money (analysis, card->arr_ytd);
      cells[c++] = tenure_figure_percent (card->progress);
      row = tenure_figure_row_new (cells, c, card->flagged);
      g_list_store_append (rows, row);
    }
  tenure_figure_table_set_rows (table, rows);

  if (n_listed > cards->len)
    {
      g_autofree char *note = NULL;

      /* Translators: below the shortened scorecard table */
      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The first %u of %u account: flagged and lowest scores first. The board report lists them all.",
                                           "The first %u of %u accounts: flagged and lowest scores first. The board report lists them all.",
                                           n_listed),
                              cards->len, n_listed);
      gtk_label_set_text (GTK_LABEL (self->note), note);
      tenure_chart_page_set_footer (TENURE_CHART_PAGE (self), self->note);
    }
  else
    tenure_chart_page_set_footer (TENURE_CHART_PAGE (self), NULL);
}

static void
tenure_scorecards_view_refresh (TenureChartPage *page)
{
  TenureScorecardsView *self = TENURE_SCORECARDS_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);

  if (analysis == NULL || analysis->scorecards == NULL || !tenure_chart_page_has_data (page))
    return;

  tenure_figure_chart_update (self->chart, TENURE_CHART_KIND_SCORECARDS, analysis, FALSE);
  update_table (self, analysis);
  tenure_chart_page_set_chart (page, self->chart);
}

static void
tenure_scorecards_view_dispose (GObject *object)
{
  TenureScorecardsView *self = (TenureScorecardsView *) object;

  g_clear_object (&self->note);

  G_OBJECT_CLASS (tenure_scorecards_view_parent_class)->dispose (object);
}

static void
tenure_scorecards_view_class_init (TenureScorecardsViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tenure_scorecards_view_dispose;

  page_class->empty_icon = "emblem-ok-symbolic";
  page_class->empty_title = N_("No Scores Yet");
  page_class->empty_description = N_("Score an account in the Accounts view, or import scores, to see the account progress scorecards");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM score_entry)";
  page_class->refresh = tenure_scorecards_view_refresh;
}

static void
tenure_scorecards_view_init (TenureScorecardsView *self)
{
  self->chart = tenure_figure_chart_new (_("Account scorecards"),
                                         _("Area and overall scores per account; flagged accounts below the threshold"));
  gtk_widget_set_size_request (self->chart, -1, 480);
  self->note = g_object_ref_sink (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (self->note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->note), 0);
  gtk_widget_add_css_class (self->note, "dim-label");
}

GtkWidget *
tenure_scorecards_view_new (void)
{
  return g_object_new (TENURE_TYPE_SCORECARDS_VIEW, NULL);
}
