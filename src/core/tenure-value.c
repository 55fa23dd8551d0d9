/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-value"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-metrics.h"
#include "tenure-model.h"
#include "tenure-value.h"

/* From the ledger to the value models (METRICS.md, "Future account value").
 *
 * Survival (subscriptions): each account that originated by the report date
 * is one observation of the time to its first churn, in months. An account
 * whose first churn falls in its k-th month of tenure (after k−1 whole months,
 * before k) has a lifetime of k periods; an account still in its first spell
 * is right-censored at the whole months it has completed. Every account
 * active at the report date then expects its discounted residual lifetime,
 * counted from its current spell (a reactivated account starts again), and
 * contributes MRR × gross margin × that many months.
 *
 * BG/NBD (deals only): each account with a won deal is a customer; several
 * won deals on one day are one transaction; time is in weeks, as in the
 * literature, and the horizon in months is converted at 365.25/12 days a
 * month. Gamma-Gamma gives the expected value of a deal in currency units. */

#define DAYS_PER_WEEK 7.0
#define DAYS_PER_MONTH (365.25 / 12.0)

const char *
tenure_value_model_to_string (TenureValueModel model)
{
  switch (model)
    {
    case TENURE_VALUE_MODEL_AUTO: return "auto";
    case TENURE_VALUE_MODEL_SURVIVAL: return "survival";
    case TENURE_VALUE_MODEL_BGNBD: return "bgnbd";
    default: g_assert_not_reached ();
    }
}

gboolean
tenure_value_model_parse (const char       *text,
                          TenureValueModel *out)
{
  for (int m = TENURE_VALUE_MODEL_AUTO; m <= TENURE_VALUE_MODEL_BGNBD; m++)
    if (g_strcmp0 (text, tenure_value_model_to_string (m)) == 0)
      {
        *out = m;
        return TRUE;
      }
  return FALSE;
}

void
tenure_value_result_free (TenureValueResult *result)
{
  if (result == NULL)
    return;
  g_free (result->reason);
  g_free (result->kaplan_meier);
  g_free (result->fitted);
  g_clear_pointer (&result->accounts, g_array_unref);
  g_free (result);
}

/* The spell of @account that contains @as_of, or NULL. */
static const TenureSpell *
current_spell (const TenureLedgerAccount *account,
               TenureDay                  as_of)
{
  for (guint i = account->n_spells; i > 0; i--)
    {
      const TenureSpell *spell = &account->spells[i - 1];

      if (spell->start > as_of)
        continue;
      return spell->end > as_of ? spell : NULL;
    }
  return NULL;
}

static void
fail (TenureValueResult *result,
      const char        *reason)
{
  result->converged = FALSE;
  g_free (result->reason);
  result->reason = g_strdup (reason);
}

static void
compute_survival (TenureLedger      *ledger,
                  TenureValueResult *result)
{
  g_autoptr(GArray) tenures = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) churned = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) derl_cache = NULL;
  double monthly_rate = pow (1.0 + result->discount_rate, 1.0 / 12.0) - 1.0;
  double total = 0;
  TenureDay as_of = result->as_of;

  for (guint i = 0; i < tenure_ledger_n_accounts (ledger); i++)
    {
      const TenureLedgerAccount *account = tenure_ledger_account (ledger, i);
      const TenureSpell *first;
      guint tenure;
      gboolean gone;

      if (account->n_spells == 0 || account->spells[0].start > as_of)
        continue;
      first = &account->spells[0];
      gone = first->end != TENURE_DAY_OPEN && first->end <= as_of;
      if (gone)
        tenure = first->end > first->start
                   ? (guint) tenure_months_between (first->start, first->end - 1) + 1 : 1;
      else
        tenure = (guint) tenure_months_between (first->start, as_of);
      g_array_append_val (tenures, tenure);
      g_array_append_val (churned, gone);
    }
  result->n_accounts = tenures->len;

  data = tenure_sbg_data_new_from_accounts ((const guint *) tenures->data,
                                            (const gboolean *) churned->data, tenures->len, &error);
  if (data == NULL || !tenure_sbg_fit (data, &result->sbg, &error))
    {
      fail (result, error ? error->message : "the retention model could not be fitted");
      return;
    }

  result->n_km = data->n_periods;
  result->kaplan_meier = g_new0 (double, result->n_km);
  result->fitted = g_new0 (double, result->n_km);
  tenure_sbg_kaplan_meier (data, result->kaplan_meier);
  tenure_sbg_survival_curve (&result->sbg.params, result->fitted, result->n_km);

  /* Tenures are small integers: one residual-lifetime sum per tenure,
   * computed the first time an account of that tenure needs it. */
  derl_cache = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < tenure_ledger_n_accounts (ledger); i++)
    {
      const TenureLedgerAccount *account = tenure_ledger_account (ledger, i);
      const TenureSpell *spell = current_spell (account, as_of);
      TenureValueAccount row = { 0 };
      double value;

      if (spell == NULL)
        continue;
      row.account = account->key;
      row.tenure_months = tenure_months_between (spell->start, as_of);
      row.mrr = tenure_ledger_account_mrr_on (account, as_of);
      while (derl_cache->len <= (guint) row.tenure_months)
        {
          double unknown = NAN;

          g_array_append_val (derl_cache, unknown);
        }
      if (isnan (g_array_index (derl_cache, double, row.tenure_months)))
        g_array_index (derl_cache, double, row.tenure_months) =
          tenure_sbg_derl (&result->sbg.params, row.tenure_months, monthly_rate);
      row.expected_months = g_array_index (derl_cache, double, row.tenure_months);
      row.expected_transactions = NAN;
      row.p_alive = NAN;
      row.expected_value = NAN;
      value = (double) row.mrr * result->gross_margin * row.expected_months;
      if (!isfinite (value))
        {
          fail (result, "the discount rate is too low for the expected lifetime to be finite");
          return;
        }
      row.future_value = llround (value);
      total += value;
      g_array_append_val (result->accounts, row);
    }
  result->future_account_value = llround (total);
  result->converged = TRUE;
}

static void
compute_bgnbd (TenureLedger      *ledger,
               TenureValueResult *result)
{
  g_autoptr(GArray) transactions = g_array_new (FALSE, FALSE, sizeof (TenureTransaction));
  g_autofree TenureBgnbdCustomer *customers = NULL;
  g_autofree gint64 *ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) spend_error = NULL;
  gsize n_customers = 0;
  double horizon = result->horizon_months * DAYS_PER_MONTH / DAYS_PER_WEEK;
  double total = 0;

  for (guint i = 0; i < tenure_ledger_n_accounts (ledger); i++)
    {
      const TenureLedgerAccount *account = tenure_ledger_account (ledger, i);

      for (guint k = 0; k < account->n_won_days && account->won_days[k].day <= result->as_of; k++)
        {
          TenureTransaction t = { i, account->won_days[k].day, account->won_days[k].amount / 100.0 };

          g_array_append_val (transactions, t);
        }
    }
  customers = tenure_bgnbd_summarize ((const TenureTransaction *) transactions->data, transactions->len,
                                      result->as_of, DAYS_PER_WEEK, &ids, &n_customers);
  result->n_accounts = n_customers;
  if (!tenure_bgnbd_fit (customers, n_customers, &result->bgnbd, &error))
    {
      fail (result, error->message);
      return;
    }
  result->spend_converged = tenure_gamma_gamma_fit (customers, n_customers, &result->spend, &spend_error);
  if (!result->spend_converged)
    {
      fail (result, spend_error->message);
      return;
    }

  for (gsize c = 0; c < n_customers; c++)
    {
      const TenureLedgerAccount *account = tenure_ledger_account (ledger, (guint) ids[c]);
      TenureValueAccount row = { 0 };
      double value;

      row.account = account->key;
      row.tenure_months = -1;
      row.expected_months = NAN;
      row.expected_transactions = tenure_bgnbd_expected_transactions (&result->bgnbd.params,
                                                                      &customers[c], horizon);
      row.p_alive = tenure_bgnbd_p_alive (&result->bgnbd.params, &customers[c]);
      row.expected_value = tenure_gamma_gamma_expected_value (&result->spend.params, &customers[c]);
      value = row.expected_transactions * row.expected_value * 100.0 * result->gross_margin;
      row.future_value = llround (value);
      total += value;
      g_array_append_val (result->accounts, row);
    }
  result->future_account_value = llround (total);
  result->converged = TRUE;
}

/**
 * tenure_value_compute:
 * @ledger: the ledger
 * @options: model, report date and horizon
 * @error: unused for fits that fail (they are reported in the result)
 *
 * Fits the value model to what the ledger knew at the report date. A fit
 * that fails or data too thin to fit gives a result with converged FALSE, a
 * reason, and no figure.
 *
 * Returns: (transfer full): the result
 */
TenureValueResult *
tenure_value_compute (TenureLedger             *ledger,
                      const TenureValueOptions *options,
                      GError                  **error)
{
  const TenureLedgerSettings *settings;
  TenureValueResult *result;

  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  settings = tenure_ledger_settings (ledger);
  result = g_new0 (TenureValueResult, 1);
  result->as_of = options->as_of == TENURE_DAY_NONE ? tenure_day_today () : options->as_of;
  result->horizon_months = options->horizon_months > 0 ? options->horizon_months
                                                       : (int) settings->value_horizon;
  result->gross_margin = settings->gross_margin;
  result->discount_rate = settings->discount_rate;
  result->accounts = g_array_new (FALSE, TRUE, sizeof (TenureValueAccount));
  result->model = options->model;
  if (result->model == TENURE_VALUE_MODEL_AUTO)
    result->model = tenure_ledger_has_subscriptions (ledger) ? TENURE_VALUE_MODEL_SURVIVAL
                                                             : TENURE_VALUE_MODEL_BGNBD;
  if (result->model == TENURE_VALUE_MODEL_SURVIVAL)
    compute_survival (ledger, result);
  else
    compute_bgnbd (ledger, result);
  return result;
}

double
tenure_value_future_at (TenureLedger     *ledger,
                        TenureValueModel  model,
                        TenureDay         as_of)
{
  TenureValueOptions options = { model, as_of, 0 };
  g_autoptr(TenureValueResult) result = tenure_value_compute (ledger, &options, NULL);

  return result->converged ? (double) result->future_account_value : NAN;
}

static void
write_double_or_null (TenureJson *json,
                      const char *key,
                      double      value,
                      int         digits)
{
  tenure_json_key (json, key);
  tenure_json_double_prec (json, value, digits);
}

void
tenure_value_write_json (TenureValueResult *result,
                         TenureJson        *json)
{
  char day[16];
  gboolean survival = result->model == TENURE_VALUE_MODEL_SURVIVAL;

  tenure_json_begin_object (json);
  tenure_json_member_string (json, "model", tenure_value_model_to_string (result->model));
  tenure_json_member_string (json, "as_of", tenure_day_format_iso (result->as_of, day));
  tenure_json_member_string (json, "time_unit", survival ? "month" : "week");
  tenure_json_member_int (json, "accounts", result->n_accounts);

  tenure_json_key (json, "parameters");
  if (survival && !isnan (result->sbg.params.alpha))
    {
      tenure_json_begin_object (json);
      write_double_or_null (json, "alpha", result->sbg.params.alpha, 6);
      write_double_or_null (json, "beta", result->sbg.params.beta, 6);
      tenure_json_end_object (json);
    }
  else if (!survival && result->bgnbd.converged)
    {
      tenure_json_begin_object (json);
      write_double_or_null (json, "r", result->bgnbd.params.r, 6);
      write_double_or_null (json, "alpha", result->bgnbd.params.alpha, 6);
      write_double_or_null (json, "a", result->bgnbd.params.a, 6);
      write_double_or_null (json, "b", result->bgnbd.params.b, 6);
      tenure_json_end_object (json);
    }
  else
    tenure_json_null (json);
  write_double_or_null (json, "log_likelihood",
                        survival ? result->sbg.log_likelihood : result->bgnbd.log_likelihood, 10);
  tenure_json_member_bool (json, "converged", result->converged);
  if (!result->converged)
    tenure_json_member_string (json, "reason", result->reason);

  if (!survival && result->bgnbd.converged)
    {
      tenure_json_key (json, "spend_model");
      tenure_json_begin_object (json);
      tenure_json_member_string (json, "model", "gamma-gamma");
      tenure_json_key (json, "parameters");
      if (result->spend_converged)
        {
          tenure_json_begin_object (json);
          write_double_or_null (json, "p", result->spend.params.p, 6);
          write_double_or_null (json, "q", result->spend.params.q, 6);
          write_double_or_null (json, "gamma", result->spend.params.gamma, 6);
          tenure_json_end_object (json);
        }
      else
        tenure_json_null (json);
      write_double_or_null (json, "log_likelihood", result->spend.log_likelihood, 10);
      tenure_json_member_bool (json, "converged", result->spend_converged);
      tenure_json_end_object (json);
    }

  if (survival && result->kaplan_meier != NULL)
    {
      tenure_json_key (json, "kaplan_meier");
      tenure_json_begin_array (json);
      for (guint t = 0; t < result->n_km; t++)
        tenure_json_double_prec (json, result->kaplan_meier[t], 6);
      tenure_json_end_array (json);
      tenure_json_key (json, "fitted_survival");
      tenure_json_begin_array (json);
      for (guint t = 0; t < result->n_km; t++)
        tenure_json_double_prec (json, result->fitted[t], 6);
      tenure_json_end_array (json);
    }

  tenure_json_member_int (json, "horizon_months", result->horizon_months);
  tenure_json_member_double (json, "gross_margin", result->gross_margin);
  tenure_json_member_double (json, "discount_rate", result->discount_rate);
  tenure_json_key (json, "future_account_value");
  if (result->converged)
    tenure_json_int (json, result->future_account_value);
  else
    tenure_json_null (json);

  tenure_json_key (json, "per_account");
  tenure_json_begin_array (json);
  for (guint i = 0; result->converged && i < result->accounts->len; i++)
    {
      const TenureValueAccount *row = &g_array_index (result->accounts, TenureValueAccount, i);

      tenure_json_begin_object (json);
      tenure_json_member_string (json, "account", row->account);
      if (survival)
        {
          tenure_json_member_int (json, "tenure_months", row->tenure_months);
          tenure_json_member_int (json, "mrr", row->mrr);
          write_double_or_null (json, "expected_months", row->expected_months, 6);
        }
      else
        {
          write_double_or_null (json, "expected_transactions", row->expected_transactions, 6);
          write_double_or_null (json, "p_alive", row->p_alive, 6);
          write_double_or_null (json, "expected_value", row->expected_value, 8);
        }
      tenure_json_member_int (json, "future_value", row->future_value);
      tenure_json_end_object (json);
    }
  tenure_json_end_array (json);
  tenure_json_end_object (json);
}
