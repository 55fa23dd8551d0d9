/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-chart-build"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "tenure-chart-build.h"

struct _TenureChartBuilt
{
  TenureChartKind kind;
  gpointer        data;
};

static const char *const kind_names[TENURE_CHART_N_KINDS] = {
  "lifecycle", "transitions", "cohorts", "retention", "quick-ratio", "mrr-bridge",
  "segments", "scorecards", "value",
};

const char *
tenure_chart_kind_to_string (TenureChartKind kind)
{
  g_return_val_if_fail (kind < TENURE_CHART_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
tenure_chart_kind_parse (const char      *text,
                         TenureChartKind *out)
{
  for (guint k = 0; k < TENURE_CHART_N_KINDS; k++)
    if (g_strcmp0 (text, kind_names[k]) == 0)
      {
        *out = k;
        return TRUE;
      }
  return FALSE;
}

/* "Mar 2024" for months; the period's own label ("2024-Q1", "FY2025")
 * for quarters and years. */
static char *
period_label (TenureMetrics             *metrics,
              const TenureMetricsPeriod *period)
{
  if (metrics->period == TENURE_PERIOD_MONTH)
    return tenure_chart_format_month (period->first_month);
  return g_strdup (period->label);
}

static TenureChartLifecycleData *
build_lifecycle (TenureMetrics *m)
{
  TenureChartLifecycleData *data = tenure_chart_lifecycle_data_new (m->n_periods, m->n_stages);

  for (guint s = 0; s < m->n_stages; s++)
    data->stage_names[s] = g_strdup (m->stage_names[s]);
  for (guint p = 0; p < m->n_periods; p++)
    {
      const TenureMetricsPeriod *period = &m->periods[p];

      data->period_labels[p] = period_label (m, period);
      for (guint s = 0; s < m->n_stages; s++)
        data->counts[s * m->n_periods + p] = period->stage_counts[s];
      data->new_accounts[p] = period->new_accounts + period->reactivated_accounts;
      data->churned_accounts[p] = period->churned_accounts;
    }
  return data;
}

static TenureChartTransitionsData *
build_transitions (TenureMetrics *m)
{
  TenureChartTransitionsData *data = tenure_chart_transitions_data_new (m->n_stages);

  for (guint s = 0; s < m->n_stages; s++)
    data->stage_names[s] = g_strdup (m->stage_names[s]);
  if (m->n_periods == 0)
    return data;
  {
    const TenureMetricsPeriod *period = &m->periods[m->n_periods - 1];

    data->period_label = period_label (m, period);
    tenure_metrics_transition_matrix (m, period, data->counts);
  }
  return data;
}

static TenureChartCohortsData *
build_cohorts (TenureMetrics *m,
               gboolean       revenue)
{
  guint n_ages = 0;
  TenureChartCohortsData *data;

  for (guint c = 0; c < m->n_cohorts; c++)
    n_ages = MAX (n_ages, m->cohorts[c].n_ages);
  data = tenure_chart_cohorts_data_new (m->n_cohorts, n_ages);
  data->revenue = revenue;
  data->currency = g_strdup (m->currency);
  for (guint c = 0; c < m->n_cohorts; c++)
    {
      const TenureCohort *cohort = &m->cohorts[c];

      data->cohort_labels[c] = tenure_chart_format_month (cohort->month);
      data->cohort_sizes[c] = revenue ? (cohort->n_ages ? cohort->mrr[0] : 0) : cohort->size;
      for (guint k = 0; k < n_ages; k++)
        data->retention[c * n_ages + k] = k < cohort->n_ages
          ? (revenue ? cohort->revenue_retention[k] : cohort->logo_retention[k]) : NAN;
    }
  for (guint k = 0; k < n_ages; k++)
    data->average[k] = k < m->cohort_average.n_ages
      ? (revenue ? m->cohort_average.revenue_retention[k] : m->cohort_average.logo_retention[k]) : NAN;
  return data;
}

static TenureChartRetentionData *
build_retention (TenureAnalysis *analysis,
                 gboolean        revenue)
{
  TenureMetrics *m = analysis->metrics;
  TenureValueResult *value = analysis->value;
  guint n_ages = 0;
  TenureChartRetentionData *data;

  for (guint c = 0; c < m->n_cohorts; c++)
    n_ages = MAX (n_ages, m->cohorts[c].n_ages);
  data = tenure_chart_retention_data_new (n_ages, m->n_cohorts);
  data->revenue = revenue;
  for (guint c = 0; c < m->n_cohorts; c++)
    {
      const TenureCohort *cohort = &m->cohorts[c];

      data->curve_labels[c] = tenure_chart_format_month (cohort->month);
      for (guint k = 0; k < n_ages && k < cohort->n_ages; k++)
        data->curves[c * n_ages + k] = revenue ? cohort->revenue_retention[k] : cohort->logo_retention[k];
    }
  for (guint k = 0; k < n_ages && k < m->cohort_average.n_ages; k++)
    data->average[k] = revenue ? m->cohort_average.revenue_retention[k] : m->cohort_average.logo_retention[k];

  /* The fitted sBG curve against Kaplan–Meier, when the survival model
   * stands behind the logo curves. */
  if (!revenue && value != NULL && value->converged && value->model == TENURE_VALUE_MODEL_SURVIVAL)
    for (guint k = 0; k < n_ages; k++)
      {
        data->fitted[k] = tenure_sbg_survival (&value->sbg.params, k);
        data->kaplan_meier[k] = k < value->n_km ? value->kaplan_meier[k] : NAN;
      }
  return data;
}

static TenureChartQuickRatioData *
build_quick_ratio (TenureAnalysis *analysis)
{
  TenureMetrics *m = analysis->metrics;
  TenureChartQuickRatioData *data = tenure_chart_quick_ratio_data_new (m->n_periods);

  data->currency = g_strdup (m->currency);
  data->benchmark = tenure_ledger_settings (analysis->ledger)->quick_ratio_benchmark;
  data->reactivation_in_ratio = m->quick_ratio_reactivation;
  for (guint p = 0; p < m->n_periods; p++)
    {
      const TenureMetricsPeriod *period = &m->periods[p];

      data->period_labels[p] = period_label (m, period);
      data->new_mrr[p] = period->new_mrr;
      data->expansion_mrr[p] = period->expansion_mrr;
      data->reactivation_mrr[p] = period->reactivation_mrr;
      data->contraction_mrr[p] = period->contraction_mrr;
      data->churn_mrr[p] = period->churned_mrr;
      data->quick_ratio[p] = period->quick_ratio;
    }
  return data;
}

static TenureChartBridgeData *
build_bridge (TenureMetrics *m,
              guint          n_periods)
{
  TenureChartBridgeData *data = tenure_chart_bridge_data_new ();
  guint first;

  data->currency = g_strdup (m->currency);
  if (m->n_periods == 0)
    return data;
  n_periods = MIN (n_periods, m->n_periods);
  first = m->n_periods - n_periods;
  {
    g_autofree char *from = period_label (m, &m->periods[first]);
    g_autofree char *to = period_label (m, &m->periods[m->n_periods - 1]);

    data->period_label = first + 1 == m->n_periods ? g_strdup (to) : g_strdup_printf ("%s – %s", from, to);
  }
  data->amounts[TENURE_CHART_BRIDGE_OPENING] = m->periods[first].previous_mrr;
  for (guint p = first; p < m->n_periods; p++)
    {
      data->amounts[TENURE_CHART_BRIDGE_NEW] += m->periods[p].new_mrr;
      data->amounts[TENURE_CHART_BRIDGE_EXPANSION] += m->periods[p].expansion_mrr;
      data->amounts[TENURE_CHART_BRIDGE_REACTIVATION] += m->periods[p].reactivation_mrr;
      data->amounts[TENURE_CHART_BRIDGE_CONTRACTION] += m->periods[p].contraction_mrr;
      data->amounts[TENURE_CHART_BRIDGE_CHURN] += m->periods[p].churned_mrr;
    }
  data->amounts[TENURE_CHART_BRIDGE_CLOSING] = m->periods[m->n_periods - 1].mrr;
  return data;
}

static TenureChartSegmentsData *
build_segments (TenureAnalysis *analysis)
{
  GPtrArray *segments = analysis->segments->segments;
  TenureChartSegmentsData *data = tenure_chart_segments_data_new (segments->len);

  data->reference = 3.0;
  for (guint i = 0; i < segments->len; i++)
    {
      const TenureSegment *segment = g_ptr_array_index (segments, i);

      data->segment_names[i] = g_strdup (segment->segment ? segment->segment : "(no segment)");
      data->ltv_cac[i] = segment->ltv_cac;
      data->acv_cac[i] = segment->acv_cac;
      data->payback_months[i] = segment->cac_payback_months;
    }
  return data;
}

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  const TenureScorecard *x = *(const TenureScorecard **) a;
  const TenureScorecard *y = *(const TenureScorecard **) b;

  /* Flagged first, then the lowest overall score, then the key. */
  if (x->flagged != y->flagged)
    return x->flagged ? -1 : 1;
  if (x->overall != y->overall)
    return x->overall < y->overall ? -1 : 1;
  return g_strcmp0 (x->account, y->account);
}

static TenureChartScorecardsData *
build_scorecards (TenureAnalysis *analysis,
                  guint           max_accounts)
{
  TenureScorecards *scorecards = analysis->scorecards;
  g_autoptr(GPtrArray) scored = g_ptr_array_new ();
  TenureChartScorecardsData *data;

  for (guint i = 0; i < scorecards->cards->len; i++)
    {
      TenureScorecard *card = g_ptr_array_index (scorecards->cards, i);

      if (card->listed && !isnan (card->overall))
        g_ptr_array_add (scored, card);
    }
  g_ptr_array_sort (scored, compare_cards);
  if (scored->len > max_accounts)
    g_ptr_array_set_size (scored, max_accounts);

  data = tenure_chart_scorecards_data_new (scored->len, scorecards->n_areas);
  data->threshold = scorecards->flag_threshold;
  for (guint a = 0; a < scorecards->n_areas; a++)
    data->area_names[a] = g_strdup (scorecards->area_names[a]);
  for (guint i = 0; i < scored->len; i++)
    {
      const TenureScorecard *card = g_ptr_array_index (scored, i);

      data->account_names[i] = g_strdup (card->name ? card->name : card->account);
      for (guint a = 0; a < scorecards->n_areas; a++)
        data->scores[i * scorecards->n_areas + a] = card->areas[a];
      data->overall[i] = card->overall;
      data->flagged[i] = card->flagged;
    }
  return data;
}

static TenureChartFutureValueData *
build_value (TenureAnalysis *analysis)
{
  TenureMetrics *m = analysis->metrics;
  TenureChartFutureValueData *data = tenure_chart_future_value_data_new (m->n_periods);

  data->currency = g_strdup (m->currency);
  if (analysis->value != NULL)
    data->model = g_strdup (analysis->value->model == TENURE_VALUE_MODEL_SURVIVAL
                              ? "shifted-beta-geometric retention model"
                              : "BG/NBD and Gamma-Gamma purchase models");
  for (guint p = 0; p < m->n_periods; p++)
    {
      data->period_labels[p] = period_label (m, &m->periods[p]);
      data->value[p] = m->periods[p].future_account_value;
    }
  return data;
}

/**
 * tenure_chart_build:
 * @kind: which chart
 * @analysis: the figures
 * @options: (nullable): choices for some charts
 *
 * Returns: (transfer full): the chart's input, ready to draw
 */
TenureChartBuilt *
tenure_chart_build (TenureChartKind                kind,
                    TenureAnalysis                *analysis,
                    const TenureChartBuildOptions *options)
{
  TenureChartBuildOptions defaults = { FALSE, 0, 0 };
  TenureChartBuilt *chart;

  g_return_val_if_fail (kind < TENURE_CHART_N_KINDS, NULL);
  g_return_val_if_fail (analysis != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  chart = g_new0 (TenureChartBuilt, 1);
  chart->kind = kind;
  switch (kind)
    {
    case TENURE_CHART_KIND_LIFECYCLE:
      chart->data = build_lifecycle (analysis->metrics);
      break;
    case TENURE_CHART_KIND_TRANSITIONS:
      chart->data = build_transitions (analysis->metrics);
      break;
    case TENURE_CHART_KIND_COHORTS:
      chart->data = build_cohorts (analysis->metrics, options->revenue);
      break;
    case TENURE_CHART_KIND_RETENTION:
      chart->data = build_retention (analysis, options->revenue);
      break;
    case TENURE_CHART_KIND_QUICK_RATIO:
      chart->data = build_quick_ratio (analysis);
      break;
    case TENURE_CHART_KIND_MRR_BRIDGE:
      chart->data = build_bridge (analysis->metrics, options->bridge_periods ? options->bridge_periods : 12);
      break;
    case TENURE_CHART_KIND_SEGMENTS:
      chart->data = build_segments (analysis);
      break;
    case TENURE_CHART_KIND_SCORECARDS:
      chart->data = build_scorecards (analysis, options->max_accounts ? options->max_accounts : 40);
      break;
    case TENURE_CHART_KIND_VALUE:
      chart->data = build_value (analysis);
      break;
    default:
      g_assert_not_reached ();
    }
  return chart;
}

void
tenure_chart_built_free (TenureChartBuilt *chart)
{
  if (chart == NULL)
    return;
  switch (chart->kind)
    {
    case TENURE_CHART_KIND_LIFECYCLE: tenure_chart_lifecycle_data_free (chart->data); break;
    case TENURE_CHART_KIND_TRANSITIONS: tenure_chart_transitions_data_free (chart->data); break;
    case TENURE_CHART_KIND_COHORTS: tenure_chart_cohorts_data_free (chart->data); break;
    case TENURE_CHART_KIND_RETENTION: tenure_chart_retention_data_free (chart->data); break;
    case TENURE_CHART_KIND_QUICK_RATIO: tenure_chart_quick_ratio_data_free (chart->data); break;
    case TENURE_CHART_KIND_MRR_BRIDGE: tenure_chart_bridge_data_free (chart->data); break;
    case TENURE_CHART_KIND_SEGMENTS: tenure_chart_segments_data_free (chart->data); break;
    case TENURE_CHART_KIND_SCORECARDS: tenure_chart_scorecards_data_free (chart->data); break;
    case TENURE_CHART_KIND_VALUE: tenure_chart_future_value_data_free (chart->data); break;
    default: g_assert_not_reached ();
    }
  g_free (chart);
}

TenureChartKind
tenure_chart_built_kind (TenureChartBuilt *chart)
{
  return chart->kind;
}

gconstpointer
tenure_chart_built_data (TenureChartBuilt *chart)
{
  return chart->data;
}

void
tenure_chart_built_draw (TenureChartBuilt       *chart,
                         cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const TenureChartTheme *theme)
{
  g_return_if_fail (chart != NULL && cr != NULL);

  switch (chart->kind)
    {
    case TENURE_CHART_KIND_LIFECYCLE: tenure_chart_lifecycle_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_TRANSITIONS: tenure_chart_transitions_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_COHORTS: tenure_chart_cohorts_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_RETENTION: tenure_chart_retention_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_QUICK_RATIO: tenure_chart_quick_ratio_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_MRR_BRIDGE: tenure_chart_bridge_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_SEGMENTS: tenure_chart_segments_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_SCORECARDS: tenure_chart_scorecards_draw (chart->data, cr, width, height, theme); break;
    case TENURE_CHART_KIND_VALUE: tenure_chart_future_value_draw (chart->data, cr, width, height, theme); break;
    default: g_assert_not_reached ();
    }
}

gboolean
tenure_chart_built_lookup (TenureChartBuilt *chart,
                           double            width,
                           double            height,
                           double            x,
                           double            y,
                           TenureChartHit   *hit)
{
  g_return_val_if_fail (chart != NULL && hit != NULL, FALSE);

  switch (chart->kind)
    {
    case TENURE_CHART_KIND_LIFECYCLE: return tenure_chart_lifecycle_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_TRANSITIONS: return tenure_chart_transitions_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_COHORTS: return tenure_chart_cohorts_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_RETENTION: return tenure_chart_retention_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_QUICK_RATIO: return tenure_chart_quick_ratio_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_MRR_BRIDGE: return tenure_chart_bridge_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_SEGMENTS: return tenure_chart_segments_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_SCORECARDS: return tenure_chart_scorecards_lookup (chart->data, width, height, x, y, hit);
    case TENURE_CHART_KIND_VALUE: return tenure_chart_future_value_lookup (chart->data, width, height, x, y, hit);
    default: g_assert_not_reached ();
    }
}

/**
 * tenure_chart_built_write:
 * @chart: a chart
 * @path: a file ending in .png, .svg or .pdf
 * @width: width in pixels (points for SVG and PDF)
 * @height: height
 * @dark: the dark theme
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
tenure_chart_built_write (TenureChartBuilt  *chart,
                          const char        *path,
                          double             width,
                          double             height,
                          gboolean           dark,
                          GError           **error)
{
  const TenureChartTheme *theme = tenure_chart_theme_get_default (dark);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean png = g_str_has_suffix (lower, ".png");

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: the file name must end in .png, .svg or .pdf", path);
      return FALSE;
    }
  cr = cairo_create (surface);
  tenure_chart_built_draw (chart, cr, width, height, theme);
  cairo_destroy (cr);
  if (png)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s could not be written: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
