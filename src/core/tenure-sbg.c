/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-sbg"

#include "config.h"

#include <math.h>

#include "tenure-sbg.h"
#include "tenure-model-private.h"

/* The direct DERL sum stops once a term falls below this (METRICS.md). */
#define DERL_TERM_EPSILON 1e-9
#define DERL_MAX_TERMS 1e8

static TenureSbgData *
data_new (gsize n_periods)
{
  TenureSbgData *data = g_new0 (TenureSbgData, 1);

  data->n_periods = n_periods;
  data->churned = g_new0 (guint64, n_periods);
  data->censored = g_new0 (guint64, n_periods);
  return data;
}

/**
 * tenure_sbg_data_new_from_accounts:
 * @tenure: (array length=n_accounts): each account's tenure in whole periods
 * @churned: (array length=n_accounts): whether the account has churned
 * @n_accounts: the number of accounts
 * @error: return location for a #TENURE_MODEL_ERROR
 *
 * Aggregates per-account survival data. An account that churned with tenure t
 * had a lifetime of t periods, so t must be at least 1; an active account with
 * tenure t is right-censored at t (t = 0 is allowed: it has not yet faced a
 * renewal).
 *
 * Returns: (transfer full) (nullable): the data, or %NULL with @error set
 */
TenureSbgData *
tenure_sbg_data_new_from_accounts (const guint     *tenure,
                                   const gboolean  *churned,
                                   gsize            n_accounts,
                                   GError         **error)
{
  g_autoptr(TenureSbgData) data = NULL;
  guint max_tenure = 0;

  g_return_val_if_fail (n_accounts == 0 || (tenure != NULL && churned != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize i = 0; i < n_accounts; i++)
    {
      if (churned[i] && tenure[i] == 0)
        {
          g_set_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA,
                       "Account %" G_GSIZE_FORMAT " churned with a tenure of 0 periods; "
                       "a churned account's lifetime counts at least one period", i);
          return NULL;
        }
      max_tenure = MAX (max_tenure, tenure[i]);
    }

  data = data_new ((gsize) max_tenure + 1);
  data->n_accounts = n_accounts;
  for (gsize i = 0; i < n_accounts; i++)
    {
      if (churned[i])
        data->churned[tenure[i]]++;
      else
        data->censored[tenure[i]]++;
    }

  return g_steal_pointer (&data);
}

/**
 * tenure_sbg_data_new_from_alive:
 * @alive: (array length=n_periods): accounts still active at the start of
 *   each period, @alive[0] being the cohort size
 * @n_periods: the number of periods observed
 * @error: return location for a #TENURE_MODEL_ERROR
 *
 * Builds survival data from a cohort's survivor counts, the form in which
 * Fader and Hardie publish their examples: alive[t − 1] − alive[t] accounts had
 * a lifetime of t periods, and the alive[n_periods − 1] survivors are censored.
 *
 * Returns: (transfer full) (nullable): the data, or %NULL with @error set
 */
TenureSbgData *
tenure_sbg_data_new_from_alive (const guint64  *alive,
                                gsize           n_periods,
                                GError        **error)
{
  g_autoptr(TenureSbgData) data = NULL;

  g_return_val_if_fail (alive != NULL && n_periods > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize t = 1; t < n_periods; t++)
    {
      if (alive[t] > alive[t - 1])
        {
          g_set_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA,
                       "More accounts alive in period %" G_GSIZE_FORMAT " (%" G_GUINT64_FORMAT
                       ") than in the period before (%" G_GUINT64_FORMAT ")",
                       t, alive[t], alive[t - 1]);
          return NULL;
        }
    }

  data = data_new (n_periods);
  data->n_accounts = alive[0];
  for (gsize t = 1; t < n_periods; t++)
    data->churned[t] = alive[t - 1] - alive[t];
  data->censored[n_periods - 1] = alive[n_periods - 1];

  return g_steal_pointer (&data);
}

/**
 * tenure_sbg_data_free:
 * @data: (nullable): survival data
 *
 * Frees @data.
 */
void
tenure_sbg_data_free (TenureSbgData *data)
{
  if (data == NULL)
    return;
  g_free (data->churned);
  g_free (data->censored);
  g_free (data);
}

/* The log-likelihood and, when @grad is not NULL, its gradient with respect
 * to (log α, log β). One pass over the tenures with the recursions for
 * log S(n) and log P(T = n); no special functions. */
static double
log_likelihood (double               alpha,
                double               beta,
                const TenureSbgData *data,
                double              *grad)
{
  double ll = 0.0, log_s = 0.0, ds_a = 0.0, ds_b = 0.0;
  double ga = 0.0, gb = 0.0;
  double log_alpha = log (alpha);

  ll += (double) data->censored[0] * log_s;
  for (gsize n = 1; n < data->n_periods; n++)
    {
      double ab = alpha + beta + (double) (n - 1);
      double churned = (double) data->churned[n];
      double censored = (double) data->censored[n];

      if (churned > 0)
        {
          /* log P(T = n) = log S(n − 1) + log α − log(α + β + n − 1) */
          ll += churned * (log_s + log_alpha - log (ab));
          ga += churned * (ds_a + 1.0 / alpha - 1.0 / ab);
          gb += churned * (ds_b - 1.0 / ab);
        }

      log_s += log ((beta + (double) (n - 1)) / ab);
      ds_a -= 1.0 / ab;
      ds_b += 1.0 / (beta + (double) (n - 1)) - 1.0 / ab;

      if (censored > 0)
        {
          ll += censored * log_s;
          ga += censored * ds_a;
          gb += censored * ds_b;
        }
    }

  if (grad != NULL)
    {
      grad[0] = alpha * ga;
      grad[1] = beta * gb;
    }
  return ll;
}

/**
 * tenure_sbg_log_likelihood:
 * @params: sBG parameters
 * @data: survival data
 *
 * Returns: the log-likelihood of @data under @params
 */
double
tenure_sbg_log_likelihood (const TenureSbgParams *params,
                           const TenureSbgData   *data)
{
  g_return_val_if_fail (params != NULL && data != NULL, NAN);
  g_return_val_if_fail (params->alpha > 0 && params->beta > 0, NAN);

  return log_likelihood (params->alpha, params->beta, data, NULL);
}

static double
objective (const double *theta,
           double       *grad,
           gpointer      user_data)
{
  const TenureSbgData *data = user_data;
  double n = (double) data->n_accounts;
  double ll;

  if (!isfinite (theta[0]) || !isfinite (theta[1]) || fabs (theta[0]) > 30 || fabs (theta[1]) > 30)
    return INFINITY;

  ll = log_likelihood (exp (theta[0]), exp (theta[1]), data, grad);
  if (grad != NULL)
    {
      grad[0] = -grad[0] / n;
      grad[1] = -grad[1] / n;
    }
  return -ll / n;
}

static gboolean
fail (TenureSbgFit  *fit,
      GError       **error,
      int            code,
      const char    *reason)
{
  fit->params.alpha = NAN;
  fit->params.beta = NAN;
  fit->log_likelihood = NAN;
  fit->converged = FALSE;
  fit->reason = reason;
  g_set_error (error, TENURE_MODEL_ERROR, code, "Survival model: %s", reason);
  return FALSE;
}

/**
 * tenure_sbg_fit:
 * @data: survival data
 * @fit: (out caller-allocates): the fitted model
 * @error: return location for a #TENURE_MODEL_ERROR
 *
 * Fits α and β by maximum likelihood: BFGS on (log α, log β) with the analytic
 * gradient from several starting points, keeping the best interior optimum.
 *
 * Data with fewer than %TENURE_SBG_MIN_ACCOUNTS accounts or
 * %TENURE_SBG_MIN_PERIODS periods is too thin (%TENURE_MODEL_ERROR_TOO_THIN);
 * a fit without an interior optimum (no churn at all, say) fails with
 * %TENURE_MODEL_ERROR_NOT_CONVERGED. Either way @fit has converged = %FALSE,
 * a reason, and NaN parameters.
 *
 * Returns: %TRUE when the fit converged
 */
gboolean
tenure_sbg_fit (const TenureSbgData  *data,
                TenureSbgFit         *fit,
                GError              **error)
{
  /* Spread over the shapes the Beta mixing distribution takes: U-shaped,
   * uniform, concentrated on high and on low churn. */
  static const double starts[] = {
    0.0, 0.0,
    -1.0, 0.5,
    1.0, 2.0,
    -2.0, -1.0,
    2.0, 0.0,
  };
  TenureMinimum min;
  double theta[2];
  guint64 n_churned = 0;

  g_return_val_if_fail (data != NULL && fit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fit->iterations = 0;
  if (data->n_accounts < TENURE_SBG_MIN_ACCOUNTS || data->n_periods < TENURE_SBG_MIN_PERIODS)
    return fail (fit, error, TENURE_MODEL_ERROR_TOO_THIN,
                 "too thin: the model needs at least 30 accounts and 6 periods of history");

  for (gsize t = 0; t < data->n_periods; t++)
    n_churned += data->churned[t];
  if (n_churned == 0)
    return fail (fit, error, TENURE_MODEL_ERROR_NOT_CONVERGED,
                 "no account has churned yet, so retention cannot be estimated");

  _tenure_minimize (objective, (gpointer) data, 2, starts, G_N_ELEMENTS (starts) / 2, theta, &min);
  if (!min.converged)
    {
      fail (fit, error, TENURE_MODEL_ERROR_NOT_CONVERGED, min.reason);
      fit->iterations = min.iterations;
      return FALSE;
    }

  fit->params.alpha = exp (theta[0]);
  fit->params.beta = exp (theta[1]);
  fit->log_likelihood = -min.value * (double) data->n_accounts;
  fit->converged = TRUE;
  fit->iterations = min.iterations;
  fit->reason = NULL;
  return TRUE;
}

/**
 * tenure_sbg_survival:
 * @params: sBG parameters
 * @t: a tenure in whole periods
 *
 * Returns: S(t), the probability that an account survives past @t periods
 */
double
tenure_sbg_survival (const TenureSbgParams *params,
                     guint                  t)
{
  double s = 1.0;

  g_return_val_if_fail (params != NULL, NAN);

  for (guint n = 1; n <= t; n++)
    s *= (params->beta + n - 1) / (params->alpha + params->beta + n - 1);
  return s;
}

/**
 * tenure_sbg_survival_curve:
 * @params: sBG parameters
 * @out: (array length=n) (out caller-allocates): S(0) … S(n − 1)
 * @n: the number of values wanted
 *
 * Fills @out with the fitted survival curve.
 */
void
tenure_sbg_survival_curve (const TenureSbgParams *params,
                           double                *out,
                           gsize                  n)
{
  g_return_if_fail (params != NULL && (n == 0 || out != NULL));

  for (gsize t = 0; t < n; t++)
    out[t] = t == 0 ? 1.0
                    : out[t - 1] * (params->beta + t - 1) / (params->alpha + params->beta + t - 1);
}

/**
 * tenure_sbg_kaplan_meier:
 * @data: survival data
 * @out: (array) (out caller-allocates): @data->n_periods values
 *
 * The Kaplan–Meier estimate of S(t) for t = 0 … n_periods − 1, drawn beside the
 * fitted curve. An account censored at tenure c is at risk at the renewals
 * 1 … c; one that churned at t is at risk at 1 … t.
 */
void
tenure_sbg_kaplan_meier (const TenureSbgData *data,
                         double              *out)
{
  double at_risk = 0.0;

  g_return_if_fail (data != NULL && out != NULL);

  for (gsize t = 0; t < data->n_periods; t++)
    at_risk += (double) (data->churned[t] + data->censored[t]);

  out[0] = 1.0;
  at_risk -= (double) data->censored[0];
  for (gsize t = 1; t < data->n_periods; t++)
    {
      double d = (double) data->churned[t];

      out[t] = at_risk > 0 ? out[t - 1] * (1.0 - d / at_risk) : out[t - 1];
      at_risk -= d + (double) data->censored[t];
    }
}

/**
 * tenure_sbg_derl:
 * @params: sBG parameters
 * @tenure: the account's tenure t in whole periods
 * @discount_rate: r, the discount rate per period (≥ 0)
 *
 * The discounted expected residual lifetime of an account with tenure t,
 * counted from the next period: Σ_{k≥1} S(t + k)/S(t)/(1 + r)^k, summed
 * directly until a term falls below 1e−9. Undiscounted (r = 0) the sum is
 * (β + t)/(α − 1) in closed form when α > 1 and diverges otherwise.
 *
 * Returns: the expected number of further periods, +∞ when r = 0 and α ≤ 1,
 *   or NaN for a rate so small (below about 2e−7) that the direct sum would
 *   need more than 10⁸ terms
 */
double
tenure_sbg_derl (const TenureSbgParams *params,
                 guint                  tenure,
                 double                 discount_rate)
{
  double a, b, z, term = 1.0, sum = 0.0;

  g_return_val_if_fail (params != NULL, NAN);
  g_return_val_if_fail (discount_rate >= 0.0, NAN);

  a = params->alpha;
  b = params->beta + tenure;
  if (discount_rate == 0.0)
    return a > 1.0 ? b / (a - 1.0) : INFINITY;

  /* S(t + k)/S(t) = Π_{j=0}^{k−1} (β + t + j)/(α + β + t + j). The terms
   * shrink at least as fast as (1 + r)^−k, so the loop ends after about
   * ln(1e9)/r steps: 2,600 at 10 % a year in months. A rate so small that
   * this would take more than 10⁸ steps is refused rather than looped on. */
  z = 1.0 / (1.0 + discount_rate);
  if (log (DERL_TERM_EPSILON) / log (z) > DERL_MAX_TERMS)
    return NAN;
  for (double j = 0.0;; j += 1.0)
    {
      term *= z * (b + j) / (a + b + j);
      if (term < DERL_TERM_EPSILON)
        break;
      sum += term;
    }
  return sum;
}

/**
 * tenure_sbg_derl_many:
 * @params: sBG parameters
 * @tenure: (array length=n): tenures in whole periods
 * @n: the number of accounts
 * @discount_rate: r, the discount rate per period (≥ 0)
 * @out: (array length=n) (out caller-allocates): DERL of each account
 *
 * tenure_sbg_derl() for a whole book of accounts: accounts share few distinct
 * tenures, so each sum is computed once per tenure.
 */
void
tenure_sbg_derl_many (const TenureSbgParams *params,
                      const guint           *tenure,
                      gsize                  n,
                      double                 discount_rate,
                      double                *out)
{
  g_autoptr(GHashTable) cache = NULL;

  g_return_if_fail (params != NULL && (n == 0 || (tenure != NULL && out != NULL)));

  cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  for (gsize i = 0; i < n; i++)
    {
      double *value = g_hash_table_lookup (cache, GUINT_TO_POINTER (tenure[i]));

      if (value == NULL)
        {
          value = g_new (double, 1);
          *value = tenure_sbg_derl (params, tenure[i], discount_rate);
          g_hash_table_insert (cache, GUINT_TO_POINTER (tenure[i]), value);
        }
      out[i] = *value;
    }
}
