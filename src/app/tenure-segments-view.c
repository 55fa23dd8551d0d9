/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-segments-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tenure-chart-build.h"
#include "tenure-chart-format.h"
#include "tenure-figure-table.h"
#include "tenure-segments-view.h"

/* Segment economics over the trailing twelve months: LTV / CAC and
 * ACV / CAC per segment against the 3× rule of thumb, a table of every
 * figure, and the budget what-if: a budget per segment and what it would
 * buy at the segment's current rates, updated as the budgets change. */

struct _TenureSegmentsView
{
  TenureChartPage  parent_instance;

  GtkWidget       *chart;       /* TenureChartView */
  GtkWidget       *what_if;     /* AdwPreferencesGroup, rebuilt per analysis */
  GPtrArray       *spins;       /* GtkSpinButton *, one per segment */
  GPtrArray       *rows;        /* AdwActionRow *, one per segment */
  GtkWidget       *total_row;   /* AdwActionRow */
  TenureAnalysis  *analysis;    /* a reference: what the what-if computes on */
};

G_DEFINE_FINAL_TYPE (TenureSegmentsView, tenure_segments_view, TENURE_TYPE_CHART_PAGE)

static const char *
segment_name (const TenureSegment *segment)
{
  return segment->segment != NULL ? segment->segment : _("No segment");
}

static char *
format_months (double months)
{
  g_autofree char *number = NULL;

  if (isnan (months) || isinf (months))
    return g_strdup (TENURE_CHART_UNDEFINED);
  number = tenure_chart_format_number (months, 1);
  /* Translators: a CAC payback period, "7.5 mo" */
  return g_strdup_printf (_("%s mo"), number);
}

static void
append_segment (GListStore          *rows,
                TenureAnalysis      *analysis,
                const TenureSegment *s,
                const char          *name)
{
  tenure_figure_table_append (rows, FALSE, 11,
                              g_strdup (name),
                              tenure_figure_count (s->new_accounts),
                              tenure_figure_percent (s->win_rate),
                              tenure_figure_money (analysis, s->bookings),
                              tenure_figure_money (analysis, s->cac),
                              tenure_figure_money (analysis, s->acv),
                              tenure_figure_percent (s->annual_churn),
                              tenure_figure_money (analysis, s->ltv),
                              tenure_figure_ratio (s->ltv_cac),
                              tenure_figure_ratio (s->acv_cac),
                              format_months (s->cac_payback_months));
}

static void
update_table (TenureSegmentsView *self,
              TenureAnalysis     *analysis)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));
  g_autoptr(GListStore) rows = g_list_store_new (TENURE_TYPE_FIGURE_ROW);
  const char *titles[] = {
    _("Segment"), _("New Accounts"), _("Win Rate"), _("Bookings"), _("CAC"), _("ACV"),
    _("Annual Churn"), _("LTV"), _("LTV / CAC"), _("ACV / CAC"), _("CAC Payback"),
  };

  tenure_figure_table_set_columns (table, titles, G_N_ELEMENTS (titles));
  for (guint i = 0; i < analysis->segments->segments->len; i++)
    {
      const TenureSegment *s = g_ptr_array_index (analysis->segments->segments, i);

      append_segment (rows, analysis, s, segment_name (s));
    }
  if (analysis->segments->total != NULL)
    append_segment (rows, analysis, analysis->segments->total, _("All segments"));
  tenure_figure_table_set_rows (table, rows);
}

static char *
format_projection (TenureAnalysis         *analysis,
                   const TenureBudgetLine *line)
{
  g_autofree char *leads = tenure_chart_format_number (line->leads, 0);
  g_autofree char *accounts = tenure_chart_format_number (line->new_accounts, 1);
  g_autofree char *bookings = tenure_figure_money (analysis, line->bookings);
  g_autofree char *ltv = tenure_figure_money (analysis, line->ltv);

  /* Translators: what a budget buys: leads, new accounts, bookings, lifetime value */
  return g_strdup_printf (_("%s leads · %s new accounts · %s bookings · %s LTV"), leads, accounts, bookings, ltv);
}

static void
update_what_if (TenureSegmentsView *self)
{
  TenureSegments *segments = self->analysis->segments;
  int digits = tenure_chart_currency_digits (self->analysis->metrics->currency);
  double scale = pow (10, digits);
  g_autofree TenureBudgetLine *lines = g_new0 (TenureBudgetLine, self->spins->len);
  TenureBudgetLine total = { 0 };

  for (guint i = 0; i < self->spins->len; i++)
    {
      const TenureSegment *s = g_ptr_array_index (segments->segments, i);

      lines[i].segment = s->segment;
      lines[i].budget = (gint64) llround (gtk_spin_button_get_value (g_ptr_array_index (self->spins, i)) * scale);
    }
  tenure_segments_what_if (segments, lines, self->spins->len, &total);
  for (guint i = 0; i < self->spins->len; i++)
    {
      g_autofree char *text = format_projection (self->analysis, &lines[i]);

      adw_action_row_set_subtitle (g_ptr_array_index (self->rows, i), text);
    }
  {
    g_autofree char *text = format_projection (self->analysis, &total);
    g_autofree char *budget = tenure_chart_format_money (total.budget, self->analysis->metrics->currency,
                                                         TENURE_CHART_MONEY_WHOLE);
    /* Translators: the total budget of the what-if, "Total: $120,000" */
    g_autofree char *title = g_strdup_printf (_("Total: %s"), budget);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row), title);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->total_row), text);
  }
}

static void
budget_changed_cb (TenureSegmentsView *self)
{
  if (self->analysis != NULL)
    update_what_if (self);
}

static void
build_what_if (TenureSegmentsView *self,
               TenureAnalysis     *analysis)
{
  int digits = tenure_chart_currency_digits (analysis->metrics->currency);
  double scale = pow (10, digits);

  g_ptr_array_set_size (self->spins, 0);
  g_ptr_array_set_size (self->rows, 0);
  self->what_if = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->what_if), _("Budget What-If"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->what_if),
                                         _("A budget per segment, in leads at its current cost per lead, and what those leads would bring at its current rates"));
  for (guint i = 0; i < analysis->segments->segments->len; i++)
    {
      const TenureSegment *s = g_ptr_array_index (analysis->segments->segments, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1e9, 1000);
      double spend = (double) (s->marketing_spend + s->sales_spend) / scale;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), segment_name (s));
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), round (spend));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      segment_name (s), -1);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (budget_changed_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->what_if), row);
      g_ptr_array_add (self->spins, spin);
      g_ptr_array_add (self->rows, row);
    }
  self->total_row = adw_action_row_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->what_if), self->total_row);
  update_what_if (self);
}

static void
tenure_segments_view_refresh (TenureChartPage *page)
{
  TenureSegmentsView *self = TENURE_SEGMENTS_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);

  if (analysis == NULL || analysis->segments == NULL || !tenure_chart_page_has_data (page))
    return;

  tenure_figure_chart_update (self->chart, TENURE_CHART_KIND_SEGMENTS, analysis, FALSE);
  update_table (self, analysis);
  if (self->analysis != analysis)
    {
      g_clear_pointer (&self->analysis, tenure_analysis_unref);
      self->analysis = tenure_analysis_ref (analysis);
      build_what_if (self, analysis);
      tenure_chart_page_set_footer (page, self->what_if);
    }
  tenure_chart_page_set_chart (page, self->chart);
}

static void
tenure_segments_view_dispose (GObject *object)
{
  TenureSegmentsView *self = (TenureSegmentsView *) object;

  g_clear_pointer (&self->analysis, tenure_analysis_unref);
  g_clear_pointer (&self->spins, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tenure_segments_view_parent_class)->dispose (object);
}

static void
tenure_segments_view_class_init (TenureSegmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  object_class->dispose = tenure_segments_view_dispose;

  page_class->empty_icon = "view-paged-symbolic";
  page_class->empty_title = N_("No Segment Economics Yet");
  page_class->empty_description = N_("Import funnel figures (leads and spend per segment and month) and deals to see acquisition costs and LTV / CAC");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM funnel) OR EXISTS (SELECT 1 FROM deal)";
  page_class->refresh = tenure_segments_view_refresh;
}

static void
tenure_segments_view_init (TenureSegmentsView *self)
{
  self->spins = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->chart = tenure_figure_chart_new (_("Segment economics"),
                                         _("LTV / CAC and ACV / CAC per segment against the 3× rule of thumb"));
}

GtkWidget *
tenure_segments_view_new (void)
{
  return g_object_new (TENURE_TYPE_SEGMENTS_VIEW, NULL);
}
