/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-report-data.h"

static const char * const default_areas[] = {
  N_("Effectively Launched"),
  N_("Generate ROI"),
  N_("ROI Recognized"),
  N_("Customer Monetizes"),
  N_("Valued Strategic Partner"),
  NULL
};

static const struct
{
  const char            *label;
  TenureReportValueKind  kind;
  TenureReportChange     change;
  gboolean               lower_is_better;
} kpi_defaults[TENURE_REPORT_N_KPIS] = {
  [TENURE_REPORT_KPI_ACTIVE_ACCOUNTS] = { N_("Active accounts"), TENURE_REPORT_VALUE_COUNT, TENURE_REPORT_CHANGE_RELATIVE, FALSE },
  [TENURE_REPORT_KPI_ARR] = { N_("ARR"), TENURE_REPORT_VALUE_MONEY, TENURE_REPORT_CHANGE_RELATIVE, FALSE },
  /* A flow that can change sign: a percentage of it means little. */
  [TENURE_REPORT_KPI_NET_NEW_MRR] = { N_("Net new MRR"), TENURE_REPORT_VALUE_MONEY, TENURE_REPORT_CHANGE_DIFFERENCE, FALSE },
  [TENURE_REPORT_KPI_QUICK_RATIO] = { N_("Quick ratio"), TENURE_REPORT_VALUE_RATIO, TENURE_REPORT_CHANGE_DIFFERENCE, FALSE },
  [TENURE_REPORT_KPI_LOGO_CHURN] = { N_("Logo churn"), TENURE_REPORT_VALUE_PERCENT, TENURE_REPORT_CHANGE_DIFFERENCE, TRUE },
  [TENURE_REPORT_KPI_GRR] = { N_("Gross revenue retention"), TENURE_REPORT_VALUE_PERCENT, TENURE_REPORT_CHANGE_DIFFERENCE, FALSE },
  [TENURE_REPORT_KPI_NRR] = { N_("Net revenue retention"), TENURE_REPORT_VALUE_PERCENT, TENURE_REPORT_CHANGE_DIFFERENCE, FALSE },
  [TENURE_REPORT_KPI_LTV_CAC] = { N_("LTV / CAC"), TENURE_REPORT_VALUE_RATIO, TENURE_REPORT_CHANGE_DIFFERENCE, FALSE },
  [TENURE_REPORT_KPI_FUTURE_VALUE] = { N_("Future account value"), TENURE_REPORT_VALUE_MONEY, TENURE_REPORT_CHANGE_RELATIVE, FALSE },
  [TENURE_REPORT_KPI_NPS] = { N_("NPS"), TENURE_REPORT_VALUE_POINTS, TENURE_REPORT_CHANGE_DIFFERENCE, FALSE },
};

static void
period_free (gpointer p)
{
  TenureReportPeriod *period = p;

  g_free (period->label);
  g_free (period->stage_counts);
  g_free (period);
}

static void
cohort_free (gpointer p)
{
  TenureReportCohort *cohort = p;

  g_free (cohort->label);
  g_free (cohort->retention);
  g_free (cohort);
}

static void
segment_free (gpointer p)
{
  TenureReportSegment *segment = p;

  g_free (segment->segment);
  g_free (segment);
}

static void
key_kpi_free (gpointer p)
{
  TenureReportKeyKpi *kpi = p;

  g_free (kpi->name);
  g_free (kpi->definition);
  g_free (kpi);
}

static void
progress_free (gpointer p)
{
  TenureReportProgress *row = p;

  g_free (row->account);
  g_free (row->associate);
  g_free (row->end_date);
  g_free (row);
}

static void
at_risk_free (gpointer p)
{
  TenureReportAtRisk *row = p;

  g_free (row->account);
  g_strfreev (row->reasons);
  g_free (row);
}

static void
definition_free (gpointer p)
{
  TenureReportDefinition *def = p;

  g_free (def->name);
  g_free (def->text);
  g_free (def);
}

/**
 * tenure_report_data_new:
 *
 * Creates empty report data: no periods or rows, every KPI undefined (NaN)
 * with its default label, the five default scorecard areas, flag threshold
 * 4, quick-ratio benchmark 4, churn rule `contract`.
 *
 * Returns: (transfer full): the data; free with tenure_report_data_free()
 */
TenureReportData *
tenure_report_data_new (void)
{
  TenureReportData *data = g_new0 (TenureReportData, 1);
  g_autoptr(GStrvBuilder) areas = g_strv_builder_new ();

  data->workspace_name = g_strdup ("");
  data->currency = g_strdup ("USD");
  data->period_label = g_strdup ("");
  data->prepared_on = NULL;

  for (guint i = 0; i < TENURE_REPORT_N_KPIS; i++)
    {
      TenureReportKpi *kpi = &data->kpis[i];

      kpi->label = g_strdup (_(kpi_defaults[i].label));
      kpi->kind = kpi_defaults[i].kind;
      kpi->change = kpi_defaults[i].change;
      kpi->lower_is_better = kpi_defaults[i].lower_is_better;
      kpi->value = kpi->previous = kpi->year_ago = NAN;
    }

  data->periods = g_ptr_array_new_with_free_func (period_free);
  data->quick_ratio_benchmark = 4;
  data->stage_names = g_new0 (char *, 1);
  data->cohorts = g_ptr_array_new_with_free_func (cohort_free);
  data->segments = g_ptr_array_new_with_free_func (segment_free);
  data->key_kpis = g_ptr_array_new_with_free_func (key_kpi_free);

  for (guint i = 0; default_areas[i] != NULL; i++)
    g_strv_builder_add (areas, _(default_areas[i]));
  data->area_names = g_strv_builder_end (areas);
  data->flag_threshold = 4;
  data->progress = g_ptr_array_new_with_free_func (progress_free);
  data->at_risk = g_ptr_array_new_with_free_func (at_risk_free);
  data->definitions = g_ptr_array_new_with_free_func (definition_free);
  data->churn_rule = g_strdup ("contract");
  data->inactivity_days = 365;
  data->missing = g_ptr_array_new_with_free_func (g_free);

  return data;
}

/**
 * tenure_report_data_free:
 * @data: (transfer full) (nullable): report data
 *
 * Frees @data, every owned field and the chart hooks' user data.
 */
void
tenure_report_data_free (TenureReportData *data)
{
  if (data == NULL)
    return;

  g_free (data->workspace_name);
  g_free (data->currency);
  g_free (data->period_label);
  g_free (data->prepared_on);
  for (guint i = 0; i < TENURE_REPORT_N_KPIS; i++)
    g_free (data->kpis[i].label);
  g_ptr_array_unref (data->periods);
  g_strfreev (data->stage_names);
  g_free (data->transitions);
  g_ptr_array_unref (data->cohorts);
  g_free (data->cohort_average);
  g_ptr_array_unref (data->segments);
  g_ptr_array_unref (data->key_kpis);
  g_strfreev (data->area_names);
  g_ptr_array_unref (data->progress);
  g_ptr_array_unref (data->at_risk);
  g_ptr_array_unref (data->definitions);
  g_free (data->churn_rule);
  g_ptr_array_unref (data->missing);
  for (guint i = 0; i < TENURE_REPORT_N_CHARTS; i++)
    if (data->charts[i].destroy != NULL)
      data->charts[i].destroy (data->charts[i].user_data);
  g_free (data);
}

/**
 * tenure_report_data_get_n_stages:
 * @data: report data
 *
 * Returns: the number of journey stages
 */
guint
tenure_report_data_get_n_stages (const TenureReportData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->stage_names ? g_strv_length (data->stage_names) : 0;
}

/**
 * tenure_report_data_get_n_areas:
 * @data: report data
 *
 * Returns: the number of scorecard areas, at most #TENURE_REPORT_MAX_AREAS
 */
guint
tenure_report_data_get_n_areas (const TenureReportData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return MIN (data->area_names ? g_strv_length (data->area_names) : 0, TENURE_REPORT_MAX_AREAS);
}

/**
 * tenure_report_data_set_stages:
 * @data: report data without periods
 * @stage_names: (array zero-terminated=1): journey stages, first first
 *
 * Sets the journey stages; periods added afterwards get one count each.
 * Clears the transitions matrix, whose size depends on the stages.
 */
void
tenure_report_data_set_stages (TenureReportData   *data,
                               const char * const *stage_names)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (stage_names != NULL);
  g_return_if_fail (data->periods->len == 0);

  g_strfreev (data->stage_names);
  data->stage_names = g_strdupv ((char **) stage_names);
  g_clear_pointer (&data->transitions, g_free);
}

/**
 * tenure_report_data_add_period:
 * @data: report data
 * @label: the period's label
 *
 * Appends a period to the trend, with zero movements, an undefined quick
 * ratio and zeroed stage counts.
 *
 * Returns: (transfer none): the period to fill
 */
TenureReportPeriod *
tenure_report_data_add_period (TenureReportData *data,
                               const char       *label)
{
  TenureReportPeriod *period;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  period = g_new0 (TenureReportPeriod, 1);
  period->label = g_strdup (label);
  period->quick_ratio = NAN;
  period->stage_counts = g_new0 (double, MAX (1, tenure_report_data_get_n_stages (data)));
  g_ptr_array_add (data->periods, period);
  return period;
}

/**
 * tenure_report_data_add_cohort:
 * @data: report data
 * @label: the cohort's month
 * @size: accounts in the cohort
 * @n_ages: cells the cohort has reached (month 0 included)
 *
 * Appends a cohort row; its retention cells start undefined (NaN).
 *
 * Returns: (transfer none): the cohort to fill
 */
TenureReportCohort *
tenure_report_data_add_cohort (TenureReportData *data,
                               const char       *label,
                               double            size,
                               guint             n_ages)
{
  TenureReportCohort *cohort;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  cohort = g_new0 (TenureReportCohort, 1);
  cohort->label = g_strdup (label);
  cohort->size = size;
  cohort->n_ages = n_ages;
  cohort->retention = g_new (double, MAX (1, n_ages));
  for (guint i = 0; i < n_ages; i++)
    cohort->retention[i] = NAN;
  g_ptr_array_add (data->cohorts, cohort);
  return cohort;
}

/**
 * tenure_report_data_add_segment:
 * @data: report data
 * @segment: the segment's name
 *
 * Appends a segment row with every figure undefined.
 *
 * Returns: (transfer none): the row to fill
 */
TenureReportSegment *
tenure_report_data_add_segment (TenureReportData *data,
                                const char       *segment)
{
  TenureReportSegment *row;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (segment != NULL, NULL);

  row = g_new0 (TenureReportSegment, 1);
  row->segment = g_strdup (segment);
  row->cac = row->acv = row->ltv = NAN;
  row->ltv_cac = row->acv_cac = row->payback_months = NAN;
  g_ptr_array_add (data->segments, row);
  return row;
}

/**
 * tenure_report_data_add_key_kpi:
 * @data: report data
 * @name: the KPI's name
 * @kind: how @value is formatted
 * @value: its value; NaN when undefined
 * @definition: (nullable): what it measures
 *
 * Appends a key-account KPI.
 *
 * Returns: (transfer none): the row
 */
TenureReportKeyKpi *
tenure_report_data_add_key_kpi (TenureReportData      *data,
                                const char            *name,
                                TenureReportValueKind  kind,
                                double                 value,
                                const char            *definition)
{
  TenureReportKeyKpi *row;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  row = g_new0 (TenureReportKeyKpi, 1);
  row->name = g_strdup (name);
  row->kind = kind;
  row->value = value;
  row->definition = g_strdup (definition);
  g_ptr_array_add (data->key_kpis, row);
  return row;
}

/**
 * tenure_report_data_add_progress:
 * @data: report data
 * @account: the account's name
 *
 * Appends an account to the progress scorecard, with no scores, no type,
 * zero ARR figures and undefined progress.
 *
 * Returns: (transfer none): the row to fill
 */
TenureReportProgress *
tenure_report_data_add_progress (TenureReportData *data,
                                 const char       *account)
{
  TenureReportProgress *row;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (account != NULL, NULL);

  row = g_new0 (TenureReportProgress, 1);
  row->account = g_strdup (account);
  for (guint i = 0; i < TENURE_REPORT_MAX_AREAS; i++)
    row->scores[i] = NAN;
  row->overall = NAN;
  row->progress = NAN;
  g_ptr_array_add (data->progress, row);
  return row;
}

/**
 * tenure_report_data_add_at_risk:
 * @data: report data
 * @account: the account's name
 * @reasons: (array zero-terminated=1): reason codes or texts
 *
 * Appends an account to the at-risk list.
 *
 * Returns: (transfer none): the row
 */
TenureReportAtRisk *
tenure_report_data_add_at_risk (TenureReportData   *data,
                                const char         *account,
                                const char * const *reasons)
{
  TenureReportAtRisk *row;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (account != NULL, NULL);

  row = g_new0 (TenureReportAtRisk, 1);
  row->account = g_strdup (account);
  row->reasons = reasons ? g_strdupv ((char **) reasons) : g_new0 (char *, 1);
  g_ptr_array_add (data->at_risk, row);
  return row;
}

/**
 * tenure_report_data_add_definition:
 * @data: report data
 * @name: the metric's name
 * @text: its definition
 *
 * Appends an entry to the definitions page.
 *
 * Returns: (transfer none): the entry
 */
TenureReportDefinition *
tenure_report_data_add_definition (TenureReportData *data,
                                   const char       *name,
                                   const char       *text)
{
  TenureReportDefinition *def;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  def = g_new0 (TenureReportDefinition, 1);
  def->name = g_strdup (name);
  def->text = g_strdup (text);
  g_ptr_array_add (data->definitions, def);
  return def;
}

/**
 * tenure_report_data_add_missing:
 * @data: report data
 * @note: what is missing and what it leaves empty, one sentence
 *
 * Adds a "missing data" note; the summary page lists them.
 */
void
tenure_report_data_add_missing (TenureReportData *data,
                                const char       *note)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (note != NULL);

  g_ptr_array_add (data->missing, g_strdup (note));
}

/**
 * tenure_report_data_set_chart:
 * @data: report data
 * @chart: which chart
 * @draw: (nullable): draws it; %NULL restores the built-in chart
 * @user_data: data for @draw
 * @destroy: (nullable): frees @user_data when replaced or with @data
 *
 * Replaces one of the report's charts with the caller's own drawing.
 */
void
tenure_report_data_set_chart (TenureReportData     *data,
                              TenureReportChartId   chart,
                              TenureReportDrawFunc  draw,
                              gpointer              user_data,
                              GDestroyNotify        destroy)
{
  TenureReportChart *slot;

  g_return_if_fail (data != NULL);
  g_return_if_fail (chart < TENURE_REPORT_N_CHARTS);

  slot = &data->charts[chart];
  if (slot->destroy != NULL)
    slot->destroy (slot->user_data);
  slot->draw = draw;
  slot->user_data = user_data;
  slot->destroy = destroy;
}
