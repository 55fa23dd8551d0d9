/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cohorts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-chart-build.h"
#include "tenure-chart-format.h"
#include "tenure-chart-view.h"
#include "tenure-cohorts-view.h"
#include "tenure-figure-table.h"

/* Cohort retention: the logo or revenue retention of each origination month
 * by age as a heat map, the retention curves, and a table of each cohort at
 * the ages that matter. Clicking a cell lists the accounts behind it. */

/* The ages the table shows, in months. */
static const guint table_ages[] = { 0, 1, 3, 6, 12 };

struct _TenureCohortsView
{
  TenureChartPage  parent_instance;

  GtkWidget       *switcher;     /* linked toggle buttons */
  GtkWidget       *logo_button;
  GtkWidget       *revenue_button;
  GtkWidget       *charts;       /* GtkBox */
  GtkWidget       *heat_map;     /* TenureChartView */
  GtkWidget       *curves;       /* TenureChartView */
};

G_DEFINE_FINAL_TYPE (TenureCohortsView, tenure_cohorts_view, TENURE_TYPE_CHART_PAGE)

static gboolean
shows_revenue (TenureCohortsView *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->revenue_button));
}

static void
update_table (TenureCohortsView *self,
              TenureAnalysis    *analysis)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));
  g_autoptr(GListStore) rows = g_list_store_new (TENURE_TYPE_FIGURE_ROW);
  const TenureMetrics *metrics = analysis->metrics;
  gboolean revenue = shows_revenue (self);
  const char *titles[] = {
    _("Cohort"), _("Size"), _("Month 0"), _("Month 1"), _("Month 3"), _("Month 6"), _("Month 12"),
  };

  tenure_figure_table_set_columns (table, titles, G_N_ELEMENTS (titles));
  for (guint c = metrics->n_cohorts; c-- > 0;)
    {
      const TenureCohort *cohort = &metrics->cohorts[c];
      char **cells = g_new0 (char *, G_N_ELEMENTS (titles) + 1);
      g_autoptr(TenureFigureRow) row = NULL;

      cells[0] = tenure_chart_format_month (cohort->month);
      cells[1] = tenure_figure_count (cohort->size);
      for (guint a = 0; a < G_N_ELEMENTS (table_ages); a++)
        {
          guint age = table_ages[a];

          /* Ages the cohort has not reached yet stay blank. */
          if (age < cohort->n_ages)
            cells[2 + a] = tenure_figure_percent (revenue ? cohort->revenue_retention[age]
                                                          : cohort->logo_retention[age]);
          else
            cells[2 + a] = g_strdup ("");
        }
      row = tenure_figure_row_new (cells, G_N_ELEMENTS (titles), FALSE);
      g_list_store_append (rows, row);
    }
  tenure_figure_table_set_rows (table, rows);
}

static void
update_charts (TenureCohortsView *self,
               TenureAnalysis    *analysis)
{
  tenure_figure_chart_update (self->heat_map, TENURE_CHART_KIND_COHORTS, analysis, shows_revenue (self));
  tenure_figure_chart_update (self->curves, TENURE_CHART_KIND_RETENTION, analysis, shows_revenue (self));
}

static void
tenure_cohorts_view_refresh (TenureChartPage *page)
{
  TenureCohortsView *self = TENURE_COHORTS_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);

  if (analysis == NULL || !tenure_chart_page_has_data (page))
    return;

  update_charts (self, analysis);
  update_table (self, analysis);
  tenure_chart_page_set_header (page, self->switcher);
  tenure_chart_page_set_chart (page, self->charts);
}

static void
measure_toggled_cb (TenureCohortsView *self)
{
  tenure_cohorts_view_refresh (TENURE_CHART_PAGE (self));
}

/* The accounts of cohort @c active at the snapshot of age @age. */
static GPtrArray *
cohort_accounts (TenureAnalysis *analysis,
                 guint           c,
                 guint           age)
{
  const TenureCohort *cohort = &analysis->metrics->cohorts[c];
  TenureDay snapshot = MIN (tenure_month_last_day (cohort->month + age), analysis->metrics->as_of);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < tenure_ledger_n_accounts (analysis->ledger); i++)
    {
      const TenureLedgerAccount *account = tenure_ledger_account (analysis->ledger, i);
      TenureDay originated = tenure_ledger_account_originated_on (account, analysis->metrics->as_of);

      if (originated == TENURE_DAY_NONE || tenure_month_of_day (originated) != cohort->month)
        continue;
      if (tenure_ledger_account_active_on (account, snapshot))
        g_ptr_array_add (names, (gpointer) (account->name != NULL ? account->name : account->key));
    }
  return names;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
cell_activated_cb (TenureCohortsView    *self,
                   const TenureChartHit *hit)
{
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (TENURE_CHART_PAGE (self));
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *month = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (analysis == NULL || hit->row < 0 || hit->column < 0 ||
      (guint) hit->row >= analysis->metrics->n_cohorts)
    return;

  names = cohort_accounts (analysis, hit->row, hit->column);
  g_ptr_array_sort (names, compare_names);
  month = tenure_chart_format_month (analysis->metrics->cohorts[hit->row].month);
  /* Translators: "Cohort of Mar 2024 at Month 3" */
  heading = g_strdup_printf (_("Cohort of %s at Month %d"), month, hit->column);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (body, "%s%s", i ? "\n" : "", (const char *) g_ptr_array_index (names, i));
  if (names->len == 0)
    g_string_append (body, _("No account of this cohort was active at this age"));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE, "%u active account", "%u active accounts", names->len),
                                  names->len);
  {
    GtkWidget *scrolled = gtk_scrolled_window_new ();
    GtkWidget *label = gtk_label_new (body->str);

    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tenure_cohorts_view_class_init (TenureCohortsViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "x-office-spreadsheet-symbolic";
  page_class->empty_title = N_("No Cohorts Yet");
  page_class->empty_description = N_("Import subscriptions to see how the accounts won each month are retained");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
  page_class->refresh = tenure_cohorts_view_refresh;
}

static void
tenure_cohorts_view_init (TenureCohortsView *self)
{
  self->switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (self->switcher, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->switcher, "linked");
  self->logo_button = gtk_toggle_button_new_with_mnemonic (_("_Logo Retention"));
  self->revenue_button = gtk_toggle_button_new_with_mnemonic (_("_Revenue Retention"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->revenue_button), GTK_TOGGLE_BUTTON (self->logo_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->logo_button), TRUE);
  gtk_box_append (GTK_BOX (self->switcher), self->logo_button);
  gtk_box_append (GTK_BOX (self->switcher), self->revenue_button);
  g_signal_connect_object (self->revenue_button, "toggled", G_CALLBACK (measure_toggled_cb), self, G_CONNECT_SWAPPED);

  self->charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (self->charts, TRUE);
  self->heat_map = tenure_figure_chart_new (_("Cohort retention"),
                                            _("Retention of each origination month by age in months; click a cell for its accounts"));
  gtk_widget_set_size_request (self->heat_map, -1, 420);
  self->curves = tenure_figure_chart_new (_("Retention curves"),
                                          _("Retention by age of each cohort and their weighted average"));
  gtk_box_append (GTK_BOX (self->charts), self->heat_map);
  gtk_box_append (GTK_BOX (self->charts), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->charts), self->curves);
  g_signal_connect_object (self->heat_map, "datum-activated", G_CALLBACK (cell_activated_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tenure_cohorts_view_new (void)
{
  return g_object_new (TENURE_TYPE_COHORTS_VIEW, NULL);
}
