/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-account-list.h"
#include "tenure-analysis.h"

static void
analysis_clear (gpointer data)
{
  TenureAnalysis *analysis = data;

  g_clear_pointer (&analysis->at_risk, tenure_at_risk_free);
  g_clear_pointer (&analysis->scorecards, tenure_scorecards_free);
  g_clear_pointer (&analysis->kam, tenure_kam_free);
  g_clear_pointer (&analysis->segments, tenure_segments_free);
  g_clear_pointer (&analysis->value, tenure_value_result_free);
  g_clear_pointer (&analysis->metrics, tenure_metrics_free);
  g_clear_pointer (&analysis->ledger, tenure_ledger_unref);
  g_clear_pointer (&analysis->strings, g_string_chunk_free);
}

/**
 * tenure_analysis_ref:
 * @analysis: an analysis
 *
 * An analysis is immutable once computed and may be shared between the
 * worker that made it and the views that read it.
 *
 * Returns: (transfer full): @analysis
 */
TenureAnalysis *
tenure_analysis_ref (TenureAnalysis *analysis)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  return g_atomic_rc_box_acquire (analysis);
}

void
tenure_analysis_unref (TenureAnalysis *analysis)
{
  if (analysis != NULL)
    g_atomic_rc_box_release_full (analysis, analysis_clear);
}

void
tenure_analysis_free (TenureAnalysis *analysis)
{
  tenure_analysis_unref (analysis);
}

static void compute_kpis (TenureAnalysis *analysis,
                          sqlite3        *db);

static gboolean compute_all (TenureAnalysis              *analysis,
                             sqlite3                     *db,
                             const TenureAnalysisOptions *options,
                             GCancellable                *cancellable,
                             GError                     **error);

/**
 * tenure_analysis_compute:
 * @db: a workspace connection (read only is enough)
 * @options: the report date, period and range
 * @cancellable: (nullable): cancels between the stages
 * @error: return location for an error
 *
 * Loads the ledger and computes every figure at the report date.
 *
 * Returns: (transfer full) (nullable): the analysis
 */
TenureAnalysis *
tenure_analysis_compute (sqlite3                     *db,
                         const TenureAnalysisOptions *options,
                         GCancellable                *cancellable,
                         GError                     **error)
{
  g_autoptr(TenureAnalysis) analysis = g_atomic_rc_box_new0 (TenureAnalysis);

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  analysis->strings = g_string_chunk_new (4096);

  /* One read transaction: the ledger and the figures read with SQL (scores,
   * touchpoints, funnel, targets) see the same state of the file. */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_DATABASE, "%s", sqlite3_errmsg (db));
      return NULL;
    }
  if (!compute_all (analysis, db, options, cancellable, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return g_steal_pointer (&analysis);
}

static gboolean
compute_all (TenureAnalysis              *analysis,
             sqlite3                     *db,
             const TenureAnalysisOptions *options,
             GCancellable                *cancellable,
             GError                     **error)
{
  TenureMetricsOptions metrics_options = { 0 };
  TenureDay as_of;

  gint64 started = g_get_monotonic_time ();
  gint64 stage;

  analysis->ledger = tenure_ledger_load (db, error);
  if (analysis->ledger == NULL)
    return FALSE;
  analysis->load_seconds = (g_get_monotonic_time () - started) / 1e6;
  started = g_get_monotonic_time ();
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  as_of = options->as_of == TENURE_DAY_NONE ? tenure_day_today () : options->as_of;
  metrics_options.period = options->period;
  metrics_options.as_of = as_of;
  metrics_options.from = options->from;
  metrics_options.to = options->to;
  analysis->metrics = tenure_metrics_compute (analysis->ledger, &metrics_options, error);
  if (analysis->metrics == NULL)
    return FALSE;
  analysis->metrics_seconds = (g_get_monotonic_time () - started) / 1e6;
  stage = g_get_monotonic_time ();

  analysis->segments = tenure_segments_compute (db, analysis->ledger, as_of, error);
  if (analysis->segments == NULL)
    return FALSE;
  analysis->kam = tenure_kam_compute (db, analysis->ledger, as_of, error);
  if (analysis->kam == NULL)
    return FALSE;
  analysis->scorecards = tenure_scorecards_compute (db, analysis->ledger, as_of, error);
  if (analysis->scorecards == NULL)
    return FALSE;
  analysis->at_risk = tenure_at_risk_compute (analysis->ledger, analysis->scorecards, analysis->kam, as_of);
  analysis->accounts_seconds = (g_get_monotonic_time () - stage) / 1e6;
  stage = g_get_monotonic_time ();

  if (options->with_value)
    {
      TenureValueOptions value_options = { TENURE_VALUE_MODEL_AUTO, analysis->metrics->as_of, 0 };

      analysis->value = tenure_value_compute (analysis->ledger, &value_options, error);
      if (analysis->value == NULL)
        return FALSE;
      analysis->metrics->value.future_account_value =
        analysis->value->converged ? (double) analysis->value->future_account_value : NAN;

      /* The history refits the model at each snapshot with what was known
       * then: a growing future value is an accelerating engine. */
      for (guint p = 0; p < analysis->metrics->n_periods; p++)
        {
          TenureMetricsPeriod *period = &analysis->metrics->periods[p];

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          period->future_account_value = p + 1 == analysis->metrics->n_periods
            ? analysis->metrics->value.future_account_value
            : tenure_value_future_at (analysis->ledger, analysis->value->model, period->end);
        }
    }
  analysis->value_seconds = (g_get_monotonic_time () - stage) / 1e6;
  stage = g_get_monotonic_time ();
  compute_kpis (analysis, db);
  analysis->kpis_seconds = (g_get_monotonic_time () - stage) / 1e6;
  analysis->compute_seconds = (g_get_monotonic_time () - started) / 1e6;
  return TRUE;
}

static void
write_value_object (TenureAnalysis *analysis,
                    TenureJson     *json)
{
  tenure_json_key (json, "value");
  tenure_json_begin_object (json);
  tenure_json_member_string (json, "model",
                             analysis->value ? tenure_value_model_to_string (analysis->value->model) : NULL);
  tenure_metrics_write_value_members (analysis->metrics, json);
  /* CAC and LTV / CAC of the whole workspace, as for a segment. */
  tenure_json_member_double (json, "cac", analysis->segments->total->cac);
  tenure_json_member_double (json, "ltv_cac", analysis->segments->total->ltv_cac);
  if (analysis->value != NULL && !analysis->value->converged)
    tenure_json_member_string (json, "reason", analysis->value->reason);
  tenure_json_end_object (json);
}

/* An extension of CLI.md: the headline figures with their comparisons, as
 * the Overview and the report show them. */
static void
write_kpis (TenureAnalysis *analysis,
            TenureJson     *json)
{
  tenure_json_key (json, "kpis");
  tenure_json_begin_object (json);
  for (guint k = 0; k < TENURE_N_KPIS; k++)
    {
      const TenureKpi *kpi = &analysis->kpis[k];

      tenure_json_key (json, tenure_kpi_id_to_string (kpi->id));
      tenure_json_begin_object (json);
      tenure_json_member_double (json, "value", kpi->value);
      tenure_json_member_double (json, "previous", kpi->previous);
      tenure_json_member_double (json, "year_ago", kpi->year_ago);
      tenure_json_end_object (json);
    }
  tenure_json_end_object (json);
}

void
tenure_analysis_write_metrics_json (TenureAnalysis *analysis,
                                    TenureJson     *json)
{
  g_return_if_fail (analysis != NULL && json != NULL);

  tenure_json_begin_object (json);
  tenure_metrics_write_members (analysis->metrics, json);
  write_value_object (analysis, json);
  tenure_json_key (json, "segments");
  tenure_segments_write_json (analysis->segments, json);
  tenure_json_key (json, "kam");
  tenure_kam_write_json (analysis->kam, json);
  tenure_json_key (json, "scorecards");
  tenure_scorecards_write_json (analysis->scorecards, json);
  tenure_json_key (json, "at_risk");
  tenure_at_risk_write_json (analysis->at_risk, json);
  write_kpis (analysis, json);
  tenure_json_end_object (json);
}

void
tenure_analysis_write_accounts_json (TenureAnalysis *analysis,
                                     gboolean        at_risk_only,
                                     TenureJson     *json)
{
  g_return_if_fail (analysis != NULL && json != NULL);

  tenure_json_begin_array (json);
  for (guint i = 0; i < tenure_ledger_n_accounts (analysis->ledger); i++)
    {
      const TenureLedgerAccount *account = tenure_ledger_account (analysis->ledger, i);
      const TenureAccountRisk *risk = tenure_at_risk_lookup (analysis->at_risk, account->id);

      if (at_risk_only && (risk == NULL || risk->reasons == TENURE_RISK_NONE))
        continue;
      tenure_json_begin_object (json);
      tenure_metrics_write_account_members (analysis->metrics, analysis->ledger, i, json);
      tenure_account_risk_write_members (risk, json);
      tenure_json_end_object (json);
    }
  tenure_json_end_array (json);
}

/* "low_score,detractor": the codes of @reasons, joined, or NULL. */
static const char *
reason_codes (TenureAnalysis    *analysis,
              TenureRiskReasons  reasons)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint bit = 0; bit < 32; bit++)
    if (reasons & (1u << bit))
      {
        const char *code = tenure_risk_reason_code (1u << bit);

        if (code != NULL)
          g_string_append_printf (codes, "%s%s", codes->len ? "," : "", code);
      }
  return codes->len ? g_string_chunk_insert (analysis->strings, codes->str) : NULL;
}

GArray *
tenure_analysis_account_updates (TenureAnalysis *analysis)
{
  GArray *updates = g_array_new (FALSE, TRUE, sizeof (TenureAccountUpdate));

  for (guint i = 0; i < tenure_ledger_n_accounts (analysis->ledger); i++)
    {
      const TenureLedgerAccount *account = tenure_ledger_account (analysis->ledger, i);
      const TenureAccountFigures *figures = &analysis->metrics->accounts[i];
      TenureAccountUpdate update = { 0 };
      char day[16];

      update.key = account->key;
      update.active = figures->active;
      update.mrr = figures->mrr;
      update.stage = figures->stage >= 0 ? analysis->metrics->stage_names[figures->stage] : NULL;
      if (figures->originated_on != TENURE_DAY_NONE)
        update.originated_on = g_string_chunk_insert (analysis->strings, tenure_day_format_iso (figures->originated_on, day));
      if (figures->churned_on != TENURE_DAY_NONE)
        update.churned_on = g_string_chunk_insert (analysis->strings, tenure_day_format_iso (figures->churned_on, day));
      update.tenure_months = MAX (figures->tenure_months, 0);
      update.overall_score = NAN;
      {
        const TenureAccountRisk *risk = tenure_at_risk_lookup (analysis->at_risk, account->id);

        if (risk != NULL)
          {
            update.overall_score = risk->overall_score;
            if (risk->last_touch != TENURE_DAY_NONE)
              update.last_touch = g_string_chunk_insert (analysis->strings, tenure_day_format_iso (risk->last_touch, day));
            update.at_risk_reasons = reason_codes (analysis, risk->reasons);
          }
      }
      g_array_append_val (updates, update);
    }
  return updates;
}

/* KPIs */

typedef struct
{
  TenureKpiId    id;
  const char    *name;
  const char    *definition;
  TenureKpiKind  kind;
  gboolean       higher_is_better;
} KpiSpec;

static const KpiSpec kpi_specs[TENURE_N_KPIS] = {
  { TENURE_KPI_ACTIVE_ACCOUNTS, N_("Active accounts"),
    N_("Accounts active at the end of the period under the churn rule"), TENURE_KPI_COUNT, TRUE },
  { TENURE_KPI_MRR, N_("MRR"), N_("Monthly recurring revenue at the end of the period"), TENURE_KPI_MONEY, TRUE },
  { TENURE_KPI_ARR, N_("ARR"), N_("Annual recurring revenue: 12 × MRR"), TENURE_KPI_MONEY, TRUE },
  { TENURE_KPI_NET_NEW_MRR, N_("Net new MRR"),
    N_("New + reactivation + expansion − contraction − churn"), TENURE_KPI_MONEY, TRUE },
  { TENURE_KPI_QUICK_RATIO, N_("Quick ratio"),
    N_("(New + expansion MRR) / (churned + contraction MRR); benchmark 4"), TENURE_KPI_RATIO, TRUE },
  { TENURE_KPI_LOGO_CHURN, N_("Logo churn"),
    N_("Accounts active at the previous period end that churned in the period, as a share of them"),
    TENURE_KPI_FRACTION, FALSE },
  { TENURE_KPI_GRR, N_("GRR"), N_("Gross revenue retention over the trailing 12 months"), TENURE_KPI_FRACTION, TRUE },
  { TENURE_KPI_NRR, N_("NRR"), N_("Net revenue retention over the trailing 12 months"), TENURE_KPI_FRACTION, TRUE },
  { TENURE_KPI_NEW_ACCOUNT_AVERAGE_SALE, N_("New account average sale"),
    N_("Average first sale of the accounts that originated in the period"), TENURE_KPI_MONEY, TRUE },
  { TENURE_KPI_LTV_CAC, N_("LTV / CAC"),
    N_("Lifetime value over acquisition cost, all segments, trailing 12 months"), TENURE_KPI_RATIO, TRUE },
  { TENURE_KPI_FUTURE_ACCOUNT_VALUE, N_("Future account value"),
    N_("Expected remaining value of the active accounts, from the fitted model"), TENURE_KPI_MONEY, TRUE },
  { TENURE_KPI_NPS, N_("NPS"), N_("Promoters − detractors, latest answer per account, trailing 12 months"),
    TENURE_KPI_POINTS, TRUE },
};

static double
period_value (const TenureMetricsPeriod *p,
              TenureKpiId                id)
{
  switch (id)
    {
    case TENURE_KPI_ACTIVE_ACCOUNTS: return p->active_accounts;
    case TENURE_KPI_MRR: return p->mrr;
    case TENURE_KPI_ARR: return p->arr;
    case TENURE_KPI_NET_NEW_MRR: return p->net_new_mrr;
    case TENURE_KPI_QUICK_RATIO: return p->quick_ratio;
    case TENURE_KPI_LOGO_CHURN: return p->logo_churn_rate;
    case TENURE_KPI_GRR: return p->grr;
    case TENURE_KPI_NRR: return p->nrr;
    case TENURE_KPI_NEW_ACCOUNT_AVERAGE_SALE: return p->new_account_average_sale;
    case TENURE_KPI_FUTURE_ACCOUNT_VALUE: return p->future_account_value;
    default: return NAN;
    }
}

/* LTV / CAC and NPS are figures "as of" a day, not per period: they are
 * computed again at the earlier snapshots. */
static void
as_of_values (TenureAnalysis *analysis,
              sqlite3        *db,
              TenureDay       day,
              double         *ltv_cac,
              double         *nps)
{
  g_autoptr(TenureSegments) segments = NULL;

  *ltv_cac = NAN;
  *nps = NAN;
  if (day == TENURE_DAY_NONE)
    return;
  segments = tenure_segments_compute (db, analysis->ledger, day, NULL);
  if (segments != NULL)
    *ltv_cac = segments->total->ltv_cac;
  *nps = tenure_kam_nps (db, day, NULL);
}

static void
compute_kpis (TenureAnalysis *analysis,
              sqlite3        *db)
{
  TenureMetrics *m = analysis->metrics;
  guint n = m->n_periods;
  guint per_year = m->period == TENURE_PERIOD_MONTH ? 12 : m->period == TENURE_PERIOD_QUARTER ? 4 : 1;
  TenureDay previous_day = n >= 2 ? m->periods[n - 2].end : TENURE_DAY_NONE;
  TenureDay year_day = n > per_year ? m->periods[n - 1 - per_year].end : TENURE_DAY_NONE;
  double ltv_cac[2], nps[2];

  as_of_values (analysis, db, previous_day, &ltv_cac[0], &nps[0]);
  as_of_values (analysis, db, year_day, &ltv_cac[1], &nps[1]);

  for (guint k = 0; k < TENURE_N_KPIS; k++)
    {
      TenureKpi *kpi = &analysis->kpis[k];
      const KpiSpec *spec = &kpi_specs[k];

      kpi->id = spec->id;
      kpi->name = spec->name;
      kpi->definition = spec->definition;
      kpi->kind = spec->kind;
      kpi->higher_is_better = spec->higher_is_better;
      kpi->value = kpi->previous = kpi->year_ago = NAN;
      kpi->n_history = 0;

      if (k == TENURE_KPI_LTV_CAC || k == TENURE_KPI_NPS)
        {
          gboolean ltv = k == TENURE_KPI_LTV_CAC;

          kpi->value = ltv ? analysis->segments->total->ltv_cac : analysis->kam->nps;
          kpi->previous = ltv ? ltv_cac[0] : nps[0];
          kpi->year_ago = ltv ? ltv_cac[1] : nps[1];
          kpi->history[kpi->n_history++] = kpi->year_ago;
          kpi->history[kpi->n_history++] = kpi->previous;
          kpi->history[kpi->n_history++] = kpi->value;
          continue;
        }
      if (n == 0)
        continue;
      kpi->value = period_value (&m->periods[n - 1], k);
      if (n >= 2)
        kpi->previous = period_value (&m->periods[n - 2], k);
      if (n > per_year)
        kpi->year_ago = period_value (&m->periods[n - 1 - per_year], k);
      for (guint p = n > TENURE_KPI_HISTORY ? n - TENURE_KPI_HISTORY : 0; p < n; p++)
        kpi->history[kpi->n_history++] = period_value (&m->periods[p], k);
    }
}
