/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-analysis"

#include "config.h"

#include <math.h>

#include "tenure-account-list.h"
#include "tenure-analysis.h"

typedef struct
{
  GStringChunk *strings;
} KamResults;

static void
kam_results_free (KamResults *kam)
{
  if (kam == NULL)
    return;
  g_string_chunk_free (kam->strings);
  g_free (kam);
}

void
tenure_analysis_free (TenureAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_clear_pointer (&analysis->value, tenure_value_result_free);
  g_clear_pointer (&analysis->metrics, tenure_metrics_free);
  g_clear_pointer (&analysis->ledger, tenure_ledger_unref);
  g_clear_pointer ((KamResults **) &analysis->kam_results, kam_results_free);
  g_free (analysis);
}

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
  g_autoptr(TenureAnalysis) analysis = g_new0 (TenureAnalysis, 1);
  TenureMetricsOptions metrics_options = { 0 };
  KamResults *kam;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  analysis->cac = NAN;
  kam = g_new0 (KamResults, 1);
  kam->strings = g_string_chunk_new (4096);
  analysis->kam_results = kam;

  analysis->ledger = tenure_ledger_load (db, error);
  if (analysis->ledger == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  metrics_options.period = options->period;
  metrics_options.as_of = options->as_of == TENURE_DAY_NONE ? tenure_day_today () : options->as_of;
  metrics_options.from = options->from;
  metrics_options.to = options->to;
  analysis->metrics = tenure_metrics_compute (analysis->ledger, &metrics_options, error);
  if (analysis->metrics == NULL)
    return NULL;

  if (options->with_value)
    {
      TenureValueOptions value_options = { TENURE_VALUE_MODEL_AUTO, analysis->metrics->as_of, 0 };

      analysis->value = tenure_value_compute (analysis->ledger, &value_options, error);
      if (analysis->value == NULL)
        return NULL;
      analysis->metrics->value.future_account_value =
        analysis->value->converged ? (double) analysis->value->future_account_value : NAN;

      /* The history refits the model at each snapshot with what was known
       * then: a growing future value is an accelerating engine. */
      for (guint p = 0; p < analysis->metrics->n_periods; p++)
        {
          TenureMetricsPeriod *period = &analysis->metrics->periods[p];

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          period->future_account_value = p + 1 == analysis->metrics->n_periods
            ? analysis->metrics->value.future_account_value
            : tenure_value_future_at (analysis->ledger, analysis->value->model, period->end);
        }
    }
  return g_steal_pointer (&analysis);
}

static void
write_value_object (TenureAnalysis *analysis,
                    TenureJson     *json)
{
  double predicted = analysis->metrics->value.predicted_ltv;

  tenure_json_key (json, "value");
  tenure_json_begin_object (json);
  tenure_json_member_string (json, "model",
                             analysis->value ? tenure_value_model_to_string (analysis->value->model) : NULL);
  tenure_metrics_write_value_members (analysis->metrics, json);
  tenure_json_member_double (json, "cac", analysis->cac);
  tenure_json_member_double (json, "ltv_cac", analysis->cac > 0 ? predicted / analysis->cac : NAN);
  if (analysis->value != NULL && !analysis->value->converged)
    tenure_json_member_string (json, "reason", analysis->value->reason);
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
  tenure_json_begin_array (json);
  tenure_json_end_array (json);
  tenure_json_key (json, "kam");
  tenure_json_begin_object (json);
  tenure_json_end_object (json);
  tenure_json_key (json, "scorecards");
  tenure_json_begin_array (json);
  tenure_json_end_array (json);
  tenure_json_key (json, "at_risk");
  tenure_json_begin_array (json);
  tenure_json_end_array (json);
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
      if (at_risk_only)
        continue;
      tenure_json_begin_object (json);
      tenure_metrics_write_account_members (analysis->metrics, analysis->ledger, i, json);
      tenure_json_member_null (json, "overall_score");
      tenure_json_member_null (json, "last_touch");
      tenure_json_key (json, "at_risk");
      tenure_json_begin_array (json);
      tenure_json_end_array (json);
      tenure_json_end_object (json);
    }
  tenure_json_end_array (json);
}

GArray *
tenure_analysis_account_updates (TenureAnalysis *analysis)
{
  KamResults *kam = analysis->kam_results;
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
        update.originated_on = g_string_chunk_insert (kam->strings, tenure_day_format_iso (figures->originated_on, day));
      if (figures->churned_on != TENURE_DAY_NONE)
        update.churned_on = g_string_chunk_insert (kam->strings, tenure_day_format_iso (figures->churned_on, day));
      update.tenure_months = MAX (figures->tenure_months, 0);
      update.overall_score = NAN;
      g_array_append_val (updates, update);
    }
  return updates;
}
