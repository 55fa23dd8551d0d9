/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-model.h"

G_BEGIN_DECLS

/* The shifted-beta-geometric (sBG) retention model.
 *
 * Reference: P. S. Fader and B. G. S. Hardie, "How to project customer
 * retention", Journal of Interactive Marketing 21(1), 2007, 76–90; the
 * discounted expected residual lifetime follows Fader and Hardie, "Customer-base
 * valuation in a contractual setting: the perils of ignoring heterogeneity",
 * Marketing Science 29(1), 2010.
 *
 * Each account renews at the end of every period with its own probability
 * 1 − θ, and θ varies across accounts as Beta(α, β). The lifetime T (the
 * number of periods an account stays, T ≥ 1) then has
 *   P(T = t) = B(α + 1, β + t − 1) / B(α, β)
 *   S(t)     = P(T > t) = B(α, β + t) / B(α, β),
 * computed by the recursion S(0) = 1, S(n) = S(n − 1)(β + n − 1)/(α + β + n − 1).
 *
 * An account that churned at tenure t (whole periods) contributes P(T = t) to
 * the likelihood; an account still active at tenure t is right-censored and
 * contributes S(t). */

/* METRICS.md: a survival model needs at least 30 accounts and 6 periods of
 * history (tenures 0 … 5 observed). */
#define TENURE_SBG_MIN_ACCOUNTS 30
#define TENURE_SBG_MIN_PERIODS  6

/* Survival data aggregated by tenure: @churned[t] accounts had a lifetime of
 * exactly t periods (churned[0] is always 0), @censored[t] accounts are still
 * active at tenure t. Both arrays have @n_periods entries (tenures
 * 0 … n_periods − 1, the last one observed). */
typedef struct
{
  gsize   n_periods;
  guint64 n_accounts;
  guint64 *churned;
  guint64 *censored;
} TenureSbgData;

typedef struct
{
  double alpha;
  double beta;
} TenureSbgParams;

typedef struct
{
  TenureSbgParams params;
  double          log_likelihood;
  gboolean        converged;
  guint           iterations;
  /* Why there is no fit (static string), NULL when converged. */
  const char     *reason;
} TenureSbgFit;

TenureSbgData *tenure_sbg_data_new_from_accounts (const guint        *tenure,
                                                  const gboolean     *churned,
                                                  gsize               n_accounts,
                                                  GError            **error);
TenureSbgData *tenure_sbg_data_new_from_alive    (const guint64      *alive,
                                                  gsize               n_periods,
                                                  GError            **error);
void           tenure_sbg_data_free              (TenureSbgData      *data);

double         tenure_sbg_log_likelihood         (const TenureSbgParams *params,
                                                  const TenureSbgData   *data);
gboolean       tenure_sbg_fit                    (const TenureSbgData   *data,
                                                  TenureSbgFit          *fit,
                                                  GError               **error);

double         tenure_sbg_survival               (const TenureSbgParams *params,
                                                  guint                  t);
void           tenure_sbg_survival_curve         (const TenureSbgParams *params,
                                                  double                *out,
                                                  gsize                  n);
void           tenure_sbg_kaplan_meier           (const TenureSbgData   *data,
                                                  double                *out);
double         tenure_sbg_derl                   (const TenureSbgParams *params,
                                                  guint                  tenure,
                                                  double                 discount_rate);
void           tenure_sbg_derl_many              (const TenureSbgParams *params,
                                                  const guint           *tenure,
                                                  gsize                  n,
                                                  double                 discount_rate,
                                                  double                *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureSbgData, tenure_sbg_data_free)

G_END_DECLS
