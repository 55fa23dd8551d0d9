/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-date.h"
#include "tenure-model.h"

G_BEGIN_DECLS

/* BG/NBD: the beta-geometric / negative binomial distribution model of
 * repeat transactions in a non-contractual setting.
 *
 * Reference: P. S. Fader, B. G. S. Hardie and K. L. Lee, "'Counting your
 * customers' the easy way: an alternative to the Pareto/NBD model", Marketing
 * Science 24(2), 2005, 275–284 (equations 6, 10 and 11 there; the
 * likelihood and the conditional expectation as in Fader, Hardie and Lee,
 * "Computing P(alive) using the BG/NBD model", 2008).
 *
 * While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
 * after each purchase he drops out with probability p ~ Beta(a, b). Each
 * customer is summarised by x (repeat transactions in the calibration period),
 * t_x (the time of the last one) and T (his age), all measured from his first
 * transaction in one time unit (weeks in the published example; α is in that
 * unit, r, a, b are unitless).
 *
 * Gamma-Gamma spend model: Fader, Hardie and Lee, "RFM and CLV: using iso-value
 * curves for customer base analysis", Journal of Marketing Research 42(4),
 * 2005, 415–430, and Fader and Hardie, "The Gamma-Gamma model of monetary
 * value" (2013). A customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ); it is fitted on the mean value zbar of the x > 0 repeat
 * transactions of each repeat buyer. */

/* METRICS.md: BG/NBD needs at least 100 customers of whom 20 repeat buyers;
 * Gamma-Gamma is fitted on the repeat buyers, so it needs the same 20. */
#define TENURE_BGNBD_MIN_CUSTOMERS     100
#define TENURE_BGNBD_MIN_REPEAT_BUYERS 20

typedef struct
{
  guint  x;           /* repeat transactions in the calibration period */
  double t_x;         /* time of the last repeat transaction (0 when x = 0) */
  double T;           /* age: first transaction to the end of calibration */
  double mean_value;  /* zbar: mean value of the x repeat transactions (0 when x = 0) */
} TenureBgnbdCustomer;

typedef struct
{
  double r;
  double alpha;
  double a;
  double b;
} TenureBgnbdParams;

typedef struct
{
  TenureBgnbdParams params;
  double            log_likelihood;
  gboolean          converged;
  guint             iterations;
  /* Why there is no fit (static string), NULL when converged. */
  const char       *reason;
} TenureBgnbdFit;

typedef struct
{
  double p;
  double q;
  double gamma;
} TenureGammaGammaParams;

typedef struct
{
  TenureGammaGammaParams params;
  double                 log_likelihood;
  gboolean               converged;
  guint                  iterations;
  const char            *reason;
  guint                  n_customers;  /* the repeat buyers it was fitted on (mean value > 0) */
} TenureGammaGammaFit;

/* One purchase: several on the same day of one customer make one transaction. */
typedef struct
{
  gint64    customer;
  TenureDay day;
  double    amount;
} TenureTransaction;

double   tenure_bgnbd_log_likelihood         (const TenureBgnbdParams   *params,
                                              const TenureBgnbdCustomer *customers,
                                              gsize                      n);
gboolean tenure_bgnbd_fit                    (const TenureBgnbdCustomer *customers,
                                              gsize                      n,
                                              TenureBgnbdFit            *fit,
                                              GError                   **error);
double   tenure_bgnbd_expected_transactions  (const TenureBgnbdParams   *params,
                                              const TenureBgnbdCustomer *customer,
                                              double                     t);
double   tenure_bgnbd_p_alive                (const TenureBgnbdParams   *params,
                                              const TenureBgnbdCustomer *customer);

double   tenure_gamma_gamma_log_likelihood   (const TenureGammaGammaParams *params,
                                              const TenureBgnbdCustomer    *customers,
                                              gsize                         n);
gboolean tenure_gamma_gamma_fit              (const TenureBgnbdCustomer    *customers,
                                              gsize                         n,
                                              TenureGammaGammaFit          *fit,
                                              GError                      **error);
double   tenure_gamma_gamma_expected_value   (const TenureGammaGammaParams *params,
                                              const TenureBgnbdCustomer    *customer);

TenureBgnbdCustomer *tenure_bgnbd_summarize  (const TenureTransaction   *transactions,
                                              gsize                      n_transactions,
                                              TenureDay                  calibration_end,
                                              double                     unit_days,
                                              gint64                   **customer_ids,
                                              gsize                     *n_customers);

double   tenure_hyp2f1                       (double                     a,
                                              double                     b,
                                              double                     c,
                                              double                     z);

G_END_DECLS
