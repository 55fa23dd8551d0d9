/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "tenure-analysis.h"
#include "tenure-chart-build.h"
#include "tenure-chart-view.h"
#include "tenure-charts.h"
#include "tenure-kpi-tile.h"
#include "tenure-sample.h"
#include "tenure-test-display.h"
#include "tenure-test-util.h"
#include "tenure-workspace.h"

/* One analysis of the sample business, shared by every test. */
static TenureAnalysis *analysis;

/* gtk_test_accessible_assert_property() pastes the expected value into a
 * format string: a "%" in it breaks the message. */
#define assert_accessible_property(accessible, property, value) \
  G_STMT_START { \
    g_autofree char *actual__ = gtk_test_accessible_check_property (GTK_ACCESSIBLE (accessible), (property), (value)); \
    if (actual__ != NULL) \
      g_error ("accessible property %d is '%s', not '%s'", (property), actual__, (value)); \
  } G_STMT_END

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

static TenureAnalysis *
compute_sample_analysis (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "Sample.tenure", NULL);
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  TenureAnalysis *result;

  g_assert_true (tenure_sample_create (path, NULL, &error));
  g_assert_no_error (error);
  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  result = tenure_analysis_compute (tenure_workspace_get_db (ws),
                                    &(TenureAnalysisOptions) { TENURE_PERIOD_MONTH, TENURE_DAY_NONE, NULL, NULL, TRUE },
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static double
relative_change (double now,
                 double before)
{
  return before != 0 ? (now - before) / fabs (before) : NAN;
}

/* Four tiles as the overview shows them, from the sample's series. */
static GtkWidget *
add_kpi_tiles (GtkBox *row)
{
  TenureMetrics *m = analysis->metrics;
  guint n = m->n_periods;
  const TenureMetricsPeriod *last = &m->periods[n - 1];
  const TenureMetricsPeriod *prev = n > 1 ? &m->periods[n - 2] : last;
  const TenureMetricsPeriod *year = n > 12 ? &m->periods[n - 13] : NULL;
  guint spark_n = MIN (n, 12);
  g_autofree double *mrr = g_new (double, spark_n);
  g_autofree double *active = g_new (double, spark_n);
  g_autofree double *churn = g_new (double, spark_n);
  g_autofree double *quick = g_new (double, spark_n);
  g_autofree char *mrr_text = tenure_chart_format_money (last->mrr, m->currency, TENURE_CHART_MONEY_COMPACT);
  g_autofree char *active_text = tenure_chart_format_number (last->active_accounts, 0);
  g_autofree char *churn_text = tenure_chart_format_percent (last->logo_churn_rate, 1);
  g_autofree char *quick_text = tenure_chart_format_ratio (last->quick_ratio, 2);
  g_autofree char *quick_prev = NULL;
  GtkWidget *tile;
  GtkWidget *first;

  for (guint i = 0; i < spark_n; i++)
    {
      const TenureMetricsPeriod *p = &m->periods[n - spark_n + i];

      mrr[i] = p->mrr;
      active[i] = p->active_accounts;
      churn[i] = p->logo_churn_rate;
      quick[i] = p->quick_ratio;
    }

  first = tile = tenure_kpi_tile_new ("Monthly recurring revenue");
  tenure_kpi_tile_set_value (TENURE_KPI_TILE (tile), mrr_text);
  tenure_kpi_tile_set_changes (TENURE_KPI_TILE (tile),
                               relative_change (last->mrr, prev->mrr),
                               year ? relative_change (last->mrr, year->mrr) : NAN,
                               TRUE, "last month", "a year ago");
  tenure_kpi_tile_set_sparkline (TENURE_KPI_TILE (tile), mrr, spark_n);
  gtk_box_append (row, tile);

  tile = tenure_kpi_tile_new ("Active accounts");
  tenure_kpi_tile_set_value (TENURE_KPI_TILE (tile), active_text);
  tenure_kpi_tile_set_changes (TENURE_KPI_TILE (tile),
                               relative_change (last->active_accounts, prev->active_accounts),
                               year ? relative_change (last->active_accounts, year->active_accounts) : NAN,
                               TRUE, "last month", "a year ago");
  tenure_kpi_tile_set_sparkline (TENURE_KPI_TILE (tile), active, spark_n);
  gtk_box_append (row, tile);

  /* Churn: a rise is bad news. */
  tile = tenure_kpi_tile_new ("Logo churn");
  tenure_kpi_tile_set_value (TENURE_KPI_TILE (tile), churn_text);
  tenure_kpi_tile_set_changes (TENURE_KPI_TILE (tile),
                               relative_change (last->logo_churn_rate, prev->logo_churn_rate),
                               year ? relative_change (last->logo_churn_rate, year->logo_churn_rate) : NAN,
                               FALSE, "last month", "a year ago");
  tenure_kpi_tile_set_sparkline (TENURE_KPI_TILE (tile), churn, spark_n);
  gtk_box_append (row, tile);

  /* A ratio: its absolute change, through the general form. */
  tile = tenure_kpi_tile_new ("Quick ratio");
  tenure_kpi_tile_set_value (TENURE_KPI_TILE (tile), quick_text);
  {
    double delta = last->quick_ratio - prev->quick_ratio;
    g_autofree char *amount = tenure_chart_format_ratio (fabs (delta), 2);

    quick_prev = g_strdup_printf ("%s vs last month", amount);
    tenure_kpi_tile_set_change_texts (TENURE_KPI_TILE (tile), quick_prev, "\xe2\x80\x94 vs a year ago",
                                      isnan (delta) ? 0 : delta > 0 ? 1 : delta < 0 ? -1 : 0, 0);
  }
  tenure_kpi_tile_set_sparkline (TENURE_KPI_TILE (tile), quick, spark_n);
  gtk_box_append (row, tile);

  return first;
}

typedef struct
{
  GtkWidget       *window;
  TenureChartView *view;
  GtkWidget       *first_tile;
} Gallery;

static void
gallery_init (Gallery *g)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  /* The screenshot renders the window's content: give it the window's
   * background, or translucent cards show on nothing. */
  gtk_widget_add_css_class (content, "background");
  gtk_box_append (GTK_BOX (content), box);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  g->first_tile = add_kpi_tiles (GTK_BOX (row));
  gtk_box_append (GTK_BOX (box), row);
  g->view = TENURE_CHART_VIEW (tenure_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (g->view), TRUE);
  /* As the pages show it: a card, whose rounded corners clip the chart. */
  gtk_widget_add_css_class (GTK_WIDGET (g->view), "card");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (g->view));

  g->window = adw_window_new ();
  adw_window_set_content (ADW_WINDOW (g->window), content);
  gtk_window_set_default_size (GTK_WINDOW (g->window), 1100, 820);
  gtk_window_present (GTK_WINDOW (g->window));
  g_assert_true (tenure_test_wait_for (is_mapped, g->window, 5000));
  g_assert_true (tenure_test_wait_for (has_size, g->view, 5000));
}

/* A datum near the middle of the chart: scan outwards from the centre
 * until the lookup finds one. */
static gboolean
find_hit (TenureChartView *view,
          TenureChartHit  *hit,
          double          *x,
          double          *y)
{
  int w = gtk_widget_get_width (GTK_WIDGET (view));
  int h = gtk_widget_get_height (GTK_WIDGET (view));

  for (int r = 0; r < MAX (w, h) / 2; r += 3)
    for (int dy = -r; dy <= r; dy += MAX (r, 1))
      for (int dx = -r; dx <= r; dx += 3)
        if (tenure_chart_view_lookup (view, w / 2.0 + dx, h / 2.0 + dy, hit))
          {
            *x = w / 2.0 + dx;
            *y = h / 2.0 + dy;
            return TRUE;
          }
  return FALSE;
}

static gboolean
same_datum (const TenureChartHit *a,
            const TenureChartHit *b)
{
  return a->kind == b->kind && a->period == b->period && a->series == b->series &&
         a->row == b->row && a->column == b->column;
}

static void
datum_activated_cb (TenureChartView *view,
                    TenureChartHit  *hit,
                    TenureChartHit  *out)
{
  *out = *hit;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  return NULL;
}

static void
check_kind (Gallery         *g,
            TenureChartKind  kind,
            gboolean         dark)
{
  g_autofree char *name = g_strdup_printf ("chart-view-%s-%s", tenure_chart_kind_to_string (kind),
                                           dark ? "dark" : "light");
  g_autofree char *shot = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *value = NULL;
  TenureChartHit hit, centre, activated;
  GtkEventController *motion, *click;
  double cx = 0, cy = 0;
  gboolean tooltip_shown = FALSE;
  GtkTooltip *tooltip;

  tenure_chart_view_set_chart (g->view, tenure_chart_build (kind, analysis, NULL), analysis->metrics->currency);
  tenure_chart_view_set_accessible_text (g->view, tenure_chart_kind_to_string (kind), "A chart of the sample.");
  tenure_test_iterate (50);

  /* The hit-test finds a datum; the centre of its area, where the tooltip
   * points, finds the same one again (a bar of zero height has no centre:
   * its column answers). */
  g_assert_true (find_hit (g->view, &hit, &cx, &cy));
  if (hit.area.width >= 2 && hit.area.height >= 2)
    {
      cx = hit.area.x + hit.area.width / 2;
      cy = hit.area.y + hit.area.height / 2;
    }
  g_assert_true (tenure_chart_view_lookup (g->view, cx, cy, &centre));
  g_assert_true (same_datum (&hit, &centre));

  /* The tooltip carries the formatted value. */
  markup = tenure_chart_view_get_tooltip_markup (g->view, cx, cy);
  g_assert_nonnull (markup);
  value = isnan (centre.value) ? NULL : tenure_chart_hit_format (&centre, analysis->metrics->currency);
  if (value != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (value, -1);

      g_assert_nonnull (strstr (markup, escaped));
    }
  g_test_message ("%s tooltip: %s", tenure_chart_kind_to_string (kind), markup);
  /* …and the widget's query-tooltip says there is one. */
  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (g->view, "query-tooltip", (int) cx, (int) cy, FALSE, tooltip, &tooltip_shown);
  g_assert_true (tooltip_shown);
  g_object_unref (tooltip);
  g_assert_null (tenure_chart_view_get_tooltip_markup (g->view, -10, -10));

  /* A click on the datum activates it. */
  click = find_controller (GTK_WIDGET (g->view), GTK_TYPE_GESTURE_CLICK);
  g_assert_nonnull (click);
  tenure_chart_hit_init (&activated);
  g_signal_connect (g->view, "datum-activated", G_CALLBACK (datum_activated_cb), &activated);
  g_signal_emit_by_name (click, "pressed", 1, cx, cy);
  g_signal_emit_by_name (click, "released", 1, cx, cy);
  g_signal_handlers_disconnect_by_func (g->view, datum_activated_cb, &activated);
  g_assert_true (same_datum (&activated, &centre));
  g_assert_cmpint (activated.kind, !=, TENURE_CHART_HIT_NONE);

  /* Hover highlights it: the screenshot shows the highlight. */
  motion = find_controller (GTK_WIDGET (g->view), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_assert_nonnull (motion);
  g_signal_emit_by_name (motion, "motion", cx, cy);

  shot = tenure_test_screenshot (g->window, name);
  g_test_message ("screenshot: %s", shot);
  g_signal_emit_by_name (motion, "leave");
}

static void
test_chart_view_every_kind (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  Gallery g;

  gallery_init (&g);
  for (TenureChartKind kind = 0; kind < TENURE_CHART_N_KINDS; kind++)
    check_kind (&g, kind, FALSE);

  /* Keyboard focus reaches the chart, where a screen reader reads its
   * label and description; the focus ring shows it. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (g.view)));
  gtk_window_set_focus_visible (GTK_WINDOW (g.window), TRUE);
  {
    g_autofree char *shot = tenure_test_screenshot (g.window, "chart-view-focus");

    g_test_message ("screenshot: %s", shot);
  }
  gtk_window_set_focus_visible (GTK_WINDOW (g.window), FALSE);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  for (TenureChartKind kind = 0; kind < TENURE_CHART_N_KINDS; kind++)
    check_kind (&g, kind, TRUE);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (g.window));
}


static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

/* The keyboard reaches every chart: Tab focuses it, the arrow keys move a
 * cursor from datum to datum with its tooltip shown and given to screen
 * readers, Home and End go to the ends, Enter activates the datum as a
 * click does. */
static void
test_chart_view_keyboard (void)
{
  Gallery g;

  gallery_init (&g);
  gtk_window_set_focus_visible (GTK_WINDOW (g.window), TRUE);
  for (TenureChartKind kind = 0; kind < TENURE_CHART_N_KINDS; kind++)
    {
      GtkWidget *view = GTK_WIDGET (g.view);
      TenureChartHit first, next, last, activated;
      g_autofree char *text = NULL;
      double x0, y0, x1, y1;
      gint64 start;

      tenure_chart_view_set_chart (g.view, tenure_chart_build (kind, analysis, NULL), analysis->metrics->currency);
      tenure_chart_view_set_accessible_text (g.view, tenure_chart_kind_to_string (kind), "A chart of the sample.");
      tenure_test_iterate (50);
      gtk_window_set_focus (GTK_WINDOW (g.window), NULL);
      for (guint i = 0; i < 20 && !gtk_widget_has_focus (view); i++)
        if (!gtk_widget_child_focus (g.window, GTK_DIR_TAB_FORWARD))
          gtk_window_set_focus (GTK_WINDOW (g.window), NULL);
      g_assert_true (tenure_test_wait_for (has_focus, view, 1000));
      g_assert_false (tenure_chart_view_get_cursor (g.view, NULL));

      /* The first arrow press puts the cursor on the first datum. */
      g_assert_true (tenure_test_press_key (view, GDK_KEY_Right, 0));
      g_assert_true (tenure_chart_view_get_cursor (g.view, &first));
      g_assert_cmpint (first.kind, !=, TENURE_CHART_HIT_NONE);
      text = tenure_chart_view_dup_cursor_text (g.view);
      g_assert_nonnull (text);
      assert_accessible_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);

      /* Right moves to a datum further right; Left comes back. The
       * retention curves and value chart start on a line: it goes on. */
      start = g_get_monotonic_time ();
      g_assert_true (tenure_test_press_key (view, GDK_KEY_Right, 0));
      g_test_message ("%s: a move takes %.1f ms", tenure_chart_kind_to_string (kind),
                      (g_get_monotonic_time () - start) / 1000.0);
      g_assert_true (tenure_chart_view_get_cursor (g.view, &next));
      g_assert_false (same_datum (&first, &next));
      x0 = first.area.x + first.area.width / 2;
      x1 = next.area.x + next.area.width / 2;
      g_assert_cmpfloat (x1, >, x0);
      g_assert_true (tenure_test_press_key (view, GDK_KEY_Left, 0));
      g_assert_true (tenure_chart_view_get_cursor (g.view, &next));
      g_assert_true (same_datum (&first, &next));

      /* Down, where the chart has something below the first datum. */
      if (tenure_chart_view_move_cursor (g.view, 0, 1))
        {
          g_assert_true (tenure_chart_view_get_cursor (g.view, &next));
          y0 = first.area.y + first.area.height / 2;
          y1 = next.area.y + next.area.height / 2;
          g_assert_cmpfloat (y1, >, y0);
          tenure_test_press_key (view, GDK_KEY_Up, 0);
        }

      /* End is another datum, Home the first again. */
      g_assert_true (tenure_test_press_key (view, GDK_KEY_End, 0));
      g_assert_true (tenure_chart_view_get_cursor (g.view, &last));
      g_assert_false (same_datum (&first, &last));
      {
        g_autofree char *name = g_strdup_printf ("chart-view-keyboard-%s", tenure_chart_kind_to_string (kind));

        tenure_test_iterate (20);
        g_free (tenure_test_screenshot (g.window, name));
      }
      g_assert_true (tenure_test_press_key (view, GDK_KEY_Home, 0));
      g_assert_true (tenure_chart_view_get_cursor (g.view, &next));
      g_assert_true (same_datum (&first, &next));

      /* Enter activates the cursor's datum; so does gtk_widget_activate(). */
      tenure_chart_hit_init (&activated);
      g_signal_connect (view, "datum-activated", G_CALLBACK (datum_activated_cb), &activated);
      g_assert_true (tenure_test_press_key (view, GDK_KEY_Return, 0));
      g_assert_true (same_datum (&activated, &first));
      tenure_chart_hit_init (&activated);
      tenure_chart_view_move_cursor (g.view, 1, 0);
      g_assert_true (gtk_widget_activate (view));
      g_assert_true (tenure_chart_view_get_cursor (g.view, &next));
      g_assert_true (same_datum (&activated, &next));
      g_signal_handlers_disconnect_by_func (view, datum_activated_cb, &activated);

      /* New figures of the same chart keep the cursor on its datum. */
      tenure_chart_view_set_chart (g.view, tenure_chart_build (kind, analysis, NULL), analysis->metrics->currency);
      g_assert_true (tenure_chart_view_get_cursor (g.view, &last));
      g_assert_true (same_datum (&last, &next));
    }
  gtk_window_destroy (GTK_WINDOW (g.window));
}

static void
test_chart_view_empty (void)
{
  GtkWidget *view = g_object_ref_sink (tenure_chart_view_new ());
  TenureChartHit hit;
  int min, nat;

  g_assert_null (tenure_chart_view_get_chart (TENURE_CHART_VIEW (view)));
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, >=, 320);
  g_assert_true (gtk_widget_get_hexpand (view));
  g_assert_true (gtk_widget_get_focusable (view));
  g_assert_false (tenure_chart_view_lookup (TENURE_CHART_VIEW (view), 10, 10, &hit));
  g_assert_cmpint (hit.kind, ==, TENURE_CHART_HIT_NONE);

  /* A chart, then none again: the view keeps its size and draws nothing. */
  tenure_chart_view_set_chart (TENURE_CHART_VIEW (view),
                               tenure_chart_build (TENURE_CHART_KIND_COHORTS, analysis, NULL), "USD");
  g_assert_nonnull (tenure_chart_view_get_chart (TENURE_CHART_VIEW (view)));
  g_assert_cmpstr (tenure_chart_view_get_currency (TENURE_CHART_VIEW (view)), ==, "USD");
  tenure_chart_view_set_chart (TENURE_CHART_VIEW (view), NULL, NULL);
  g_assert_null (tenure_chart_view_get_chart (TENURE_CHART_VIEW (view)));
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, >=, 320);

  g_assert_finalize_object (view);
}

static void
test_chart_view_accessible (void)
{
  GtkWidget *view = g_object_ref_sink (tenure_chart_view_new ());

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_IMG);
  tenure_chart_view_set_accessible_text (TENURE_CHART_VIEW (view), "Cohort retention",
                                         "Logo retention of monthly cohorts; 82% of accounts remain after a year.");
  assert_accessible_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Cohort retention");
  assert_accessible_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Logo retention of monthly cohorts; 82% of accounts remain after a year.");
  tenure_chart_view_set_accessible_text (TENURE_CHART_VIEW (view), "Lifecycle", NULL);
  assert_accessible_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Lifecycle");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_finalize_object (view);
}

static GtkWidget *
nth_label (GtkWidget *tile,
           guint      n)
{
  GtkWidget *box = gtk_widget_get_first_child (tile);
  GtkWidget *child = gtk_widget_get_first_child (box);

  for (guint i = 0; i < n; i++)
    child = gtk_widget_get_next_sibling (child);
  g_assert_true (GTK_IS_LABEL (child));
  return child;
}

static void
test_kpi_tile_changes (void)
{
  GtkWidget *tile = g_object_ref_sink (tenure_kpi_tile_new ("Logo churn"));
  GtkWidget *value = nth_label (tile, 1);
  GtkWidget *previous = nth_label (tile, 2);
  GtkWidget *year = nth_label (tile, 3);
  double spark[] = { 0.02, 0.025, NAN, 0.018 };

  g_assert_true (gtk_widget_has_css_class (tile, "card"));
  g_assert_cmpstr (tenure_kpi_tile_get_title (TENURE_KPI_TILE (tile)), ==, "Logo churn");
  g_assert_true (tenure_kpi_tile_get_higher_is_better (TENURE_KPI_TILE (tile)));
  /* No value yet: a dash, and no change lines. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (value)), ==, "\xe2\x80\x94");
  g_assert_false (gtk_widget_get_visible (previous));

  tenure_kpi_tile_set_value (TENURE_KPI_TILE (tile), "1.8%");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (value)), ==, "1.8%");
  g_assert_true (gtk_widget_has_css_class (value, "numeric"));

  /* Churn went up 4.2 %: bad news, red. It fell 1 % on the year: green. */
  tenure_kpi_tile_set_changes (TENURE_KPI_TILE (tile), 0.042, -0.01, FALSE, "last month", "a year ago");
  g_assert_false (tenure_kpi_tile_get_higher_is_better (TENURE_KPI_TILE (tile)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (previous)), ==, "\xe2\x96\xb2 4.2% vs last month");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (year)), ==, "\xe2\x96\xbc 1.0% vs a year ago");
  g_assert_true (gtk_widget_has_css_class (previous, "error"));
  g_assert_true (gtk_widget_has_css_class (year, "success"));
  assert_accessible_property (tile, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Logo churn: 1.8%. Up 4.2% vs last month. Down 1.0% vs a year ago");

  /* The same changes on a figure where higher is better swap the colours. */
  tenure_kpi_tile_set_higher_is_better (TENURE_KPI_TILE (tile), TRUE);
  g_assert_true (gtk_widget_has_css_class (previous, "success"));
  g_assert_false (gtk_widget_has_css_class (previous, "error"));
  g_assert_true (gtk_widget_has_css_class (year, "error"));

  /* Undefined: a dash, neutral. */
  tenure_kpi_tile_set_changes (TENURE_KPI_TILE (tile), NAN, 0.0, TRUE, "last month", "a year ago");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (previous)), ==, "\xe2\x80\x94 vs last month");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (year)), ==, "0.0% vs a year ago");
  g_assert_true (gtk_widget_has_css_class (previous, "dim-label"));
  g_assert_false (gtk_widget_has_css_class (previous, "success"));
  g_assert_true (gtk_widget_has_css_class (year, "dim-label"));

  /* The general form: the caller's text, the tile's arrow and colour. */
  tenure_kpi_tile_set_change_texts (TENURE_KPI_TILE (tile), "0.35 vs last month", NULL, -1, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (previous)), ==, "\xe2\x96\xbc 0.35 vs last month");
  g_assert_true (gtk_widget_has_css_class (previous, "error"));
  g_assert_false (gtk_widget_get_visible (year));

  tenure_kpi_tile_set_sparkline (TENURE_KPI_TILE (tile), spark, G_N_ELEMENTS (spark));
  tenure_kpi_tile_set_sparkline (TENURE_KPI_TILE (tile), NULL, 0);
  g_assert_finalize_object (tile);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  dir = tenure_test_tmpdir ();
  analysis = compute_sample_analysis (dir);

  g_test_add_func ("/chart-view/empty", test_chart_view_empty);
  g_test_add_func ("/chart-view/accessible", test_chart_view_accessible);
  g_test_add_func ("/chart-view/every-kind", test_chart_view_every_kind);
  g_test_add_func ("/chart-view/keyboard", test_chart_view_keyboard);
  g_test_add_func ("/kpi-tile/changes", test_kpi_tile_changes);
  status = g_test_run ();

  g_clear_pointer (&analysis, tenure_analysis_unref);
  tenure_test_rmdir (dir);
  return status;
}
