/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-bgnbd"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "tenure-bgnbd.h"
#include "tenure-model-private.h"

/* ------------------------------------------------------------------------ */
/* Gauss hypergeometric function                                              */

/**
 * tenure_hyp2f1:
 * @a: first numerator parameter
 * @b: second numerator parameter
 * @c: denominator parameter (not 0, −1, −2, …)
 * @z: the argument, |z| < 1
 *
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) by its power series.
 * GSL's gsl_sf_hyperg_2F1() refuses or loses accuracy near z = 1 when c − a − b
 * is close to an integer, which BG/NBD hits; the series itself converges for
 * every |z| < 1 and is summed until its tail (bounded by a geometric series
 * once the term ratio is below one) is under 1e−16 of the sum.
 *
 * Returns: ₂F₁(a, b; c; z), or NaN outside the domain or after 10⁸ terms
 */
double
tenure_hyp2f1 (double a,
               double b,
               double c,
               double z)
{
  double term = 1.0, sum = 1.0;

  if (!(fabs (z) < 1.0) || (c <= 0 && c == floor (c)))
    return NAN;

  for (double k = 0.0; k < 1e8; k += 1.0)
    {
      double ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;

      term *= ratio;
      sum += term;
      if (term == 0.0)
        return sum;  /* a or b a non-positive integer: a polynomial */
      if (fabs (ratio) < 1.0 && fabs (term) / (1.0 - fabs (ratio)) <= 1e-16 * fabs (sum))
        return sum;
    }
  return NAN;
}

/* ------------------------------------------------------------------------ */
/* BG/NBD likelihood                                                          */

/* Customers with the same (x, t_x, T) contribute identical terms: the
 * likelihood works on distinct rows with a weight. Non-buyers of one cohort
 * all share a row, which roughly halves the work on CDNOW. */
typedef struct
{
  guint  x;
  double t_x;
  double T;
  double weight;
  guint  T_index;  /* into the distinct ages */
} Row;

typedef struct
{
  Row    *rows;
  gsize   n_rows;
  double  n_customers;
  guint   max_x;
  /* per-x scratch, max_x + 1 entries each */
  double *lg_r;   /* lnΓ(r + x) − lnΓ(r) */
  double *ps_r;   /* ψ(r + x) − ψ(r) */
  double *lb;     /* ln B(a, b + x) − ln B(a, b) */
  double *db_a;   /* its derivative in a */
  double *db_b;   /* its derivative in b */
  double *log_bx; /* ln(b + x − 1) */
  /* Customers acquired on the same day share their age T: ln(α + T) is
   * computed once per distinct age. */
  double *ages;
  double *log_age;
  gsize   n_ages;
} Bgnbd;

static int
double_compare (const void *pa,
                const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;

  return a < b ? -1 : a > b;
}

static int
row_compare (const void *pa,
             const void *pb)
{
  const Row *ra = pa, *rb = pb;

  if (ra->x != rb->x)
    return ra->x < rb->x ? -1 : 1;
  if (ra->t_x != rb->t_x)
    return ra->t_x < rb->t_x ? -1 : 1;
  if (ra->T != rb->T)
    return ra->T < rb->T ? -1 : 1;
  return 0;
}

static void
bgnbd_init (Bgnbd                     *m,
            const TenureBgnbdCustomer *customers,
            gsize                      n)
{
  gsize k = 0;

  m->rows = g_new (Row, MAX (n, 1));
  m->max_x = 0;
  for (gsize i = 0; i < n; i++)
    {
      m->rows[i] = (Row) { customers[i].x, customers[i].x > 0 ? customers[i].t_x : 0.0,
                           customers[i].T, 1.0 };
      m->max_x = MAX (m->max_x, customers[i].x);
    }
  qsort (m->rows, n, sizeof (Row), row_compare);
  for (gsize i = 0; i < n; i++)
    {
      if (k > 0 && row_compare (&m->rows[k - 1], &m->rows[i]) == 0)
        m->rows[k - 1].weight += 1.0;
      else
        m->rows[k++] = m->rows[i];
    }
  m->n_rows = k;
  m->n_customers = (double) n;
  m->lg_r = g_new (double, 6 * ((gsize) m->max_x + 1));
  m->ps_r = m->lg_r + m->max_x + 1;
  m->lb = m->ps_r + m->max_x + 1;
  m->db_a = m->lb + m->max_x + 1;
  m->db_b = m->db_a + m->max_x + 1;
  m->log_bx = m->db_b + m->max_x + 1;

  m->ages = g_new (double, 2 * MAX (m->n_rows, 1));
  m->log_age = m->ages + MAX (m->n_rows, 1);
  for (gsize i = 0; i < m->n_rows; i++)
    m->ages[i] = m->rows[i].T;
  qsort (m->ages, m->n_rows, sizeof (double), double_compare);
  m->n_ages = 0;
  for (gsize i = 0; i < m->n_rows; i++)
    if (m->n_ages == 0 || m->ages[m->n_ages - 1] != m->ages[i])
      m->ages[m->n_ages++] = m->ages[i];
  for (gsize i = 0; i < m->n_rows; i++)
    {
      double *found = bsearch (&m->rows[i].T, m->ages, m->n_ages, sizeof (double), double_compare);

      g_assert (found != NULL);
      m->rows[i].T_index = (guint) (found - m->ages);
    }
}

static void
bgnbd_clear (Bgnbd *m)
{
  g_free (m->rows);
  g_free (m->lg_r);
  g_free (m->ages);
}

/* Σ log L_i and its gradient in (r, α, a, b), after FHL (2005) eq. 6:
 *   L = Γ(r+x)α^r/Γ(r) · B(a, b+x)/B(a, b) · [(α+T)^−(r+x)
 *       + δ(x>0) a/(b+x−1) (α+t_x)^−(r+x)].
 * The x-dependent gamma and beta ratios come from their recurrences
 * (lnΓ(r+x+1) = lnΓ(r+x) + ln(r+x)), so no special function is called. */
static double
bgnbd_ll (Bgnbd                   *m,
          const TenureBgnbdParams *p,
          double                  *grad)
{
  double r = p->r, alpha = p->alpha, a = p->a, b = p->b;
  double log_alpha = log (alpha), log_a = log (a);
  double ll = 0.0, g_r = 0.0, g_alpha = 0.0, g_a = 0.0, g_b = 0.0;

  m->lg_r[0] = m->ps_r[0] = m->lb[0] = m->db_a[0] = m->db_b[0] = m->log_bx[0] = 0.0;
  for (gsize d = 0; d < m->n_ages; d++)
    m->log_age[d] = log (alpha + m->ages[d]);
  for (guint x = 1; x <= m->max_x; x++)
    {
      double j = x - 1;

      m->log_bx[x] = log (b + j);

      m->lg_r[x] = m->lg_r[x - 1] + log (r + j);
      m->ps_r[x] = m->ps_r[x - 1] + 1.0 / (r + j);
      /* B(a, b+x)/B(a, b) = Π_{j<x} (b+j)/(a+b+j) */
      m->lb[x] = m->lb[x - 1] + log ((b + j) / (a + b + j));
      m->db_a[x] = m->db_a[x - 1] - 1.0 / (a + b + j);
      m->db_b[x] = m->db_b[x - 1] + 1.0 / (b + j) - 1.0 / (a + b + j);
    }

  for (gsize i = 0; i < m->n_rows; i++)
    {
      const Row *row = &m->rows[i];
      double rx = r + row->x;
      double log_aT = m->log_age[row->T_index];
      double a3 = -rx * log_aT;
      double w = row->weight;
      double li;

      if (row->x == 0)
        {
          li = r * log_alpha + a3;
          if (grad != NULL)
            {
              g_r += w * (log_alpha - log_aT);
              g_alpha += w * (r / alpha - r / (alpha + row->T));
            }
        }
      else
        {
          double bx = b + row->x - 1.0;
          double log_atx = log (alpha + row->t_x);
          double a4 = log_a - m->log_bx[row->x] - rx * log_atx;
          /* ln(e^a3 + e^a4) without overflow, with one exp: w4 is the share
           * of the "dropped out after the last purchase" branch. */
          double e = exp (-fabs (a4 - a3));
          double w4 = a4 > a3 ? 1.0 / (1.0 + e) : e / (1.0 + e), w3 = 1.0 - w4;

          li = m->lg_r[row->x] + r * log_alpha + m->lb[row->x] + MAX (a3, a4) + log1p (e);
          if (grad != NULL)
            {
              g_r += w * (m->ps_r[row->x] + log_alpha - w3 * log_aT - w4 * log_atx);
              g_alpha += w * (r / alpha - rx * (w3 / (alpha + row->T) + w4 / (alpha + row->t_x)));
              g_a += w * (m->db_a[row->x] + w4 / a);
              g_b += w * (m->db_b[row->x] - w4 / bx);
            }
        }
      ll += w * li;
    }

  if (grad != NULL)
    {
      grad[0] = g_r;
      grad[1] = g_alpha;
      grad[2] = g_a;
      grad[3] = g_b;
    }
  return ll;
}

/**
 * tenure_bgnbd_log_likelihood:
 * @params: BG/NBD parameters
 * @customers: (array length=n): customer summaries
 * @n: the number of customers
 *
 * Returns: the BG/NBD log-likelihood of @customers under @params
 */
double
tenure_bgnbd_log_likelihood (const TenureBgnbdParams   *params,
                             const TenureBgnbdCustomer *customers,
                             gsize                      n)
{
  Bgnbd m;
  double ll;

  g_return_val_if_fail (params != NULL && (n == 0 || customers != NULL), NAN);
  g_return_val_if_fail (params->r > 0 && params->alpha > 0 && params->a > 0 && params->b > 0, NAN);

  bgnbd_init (&m, customers, n);
  ll = bgnbd_ll (&m, params, NULL);
  bgnbd_clear (&m);
  return ll;
}

static double
bgnbd_objective (const double *theta,
                 double       *grad,
                 gpointer      user_data)
{
  Bgnbd *m = user_data;
  TenureBgnbdParams p;
  double ll;

  for (int i = 0; i < 4; i++)
    if (!isfinite (theta[i]) || fabs (theta[i]) > 30)
      return INFINITY;

  p = (TenureBgnbdParams) { exp (theta[0]), exp (theta[1]), exp (theta[2]), exp (theta[3]) };
  ll = bgnbd_ll (m, &p, grad);
  if (grad != NULL)
    {
      /* d/d log θ = θ d/dθ; the objective is the mean negative log-likelihood */
      grad[0] *= -p.r / m->n_customers;
      grad[1] *= -p.alpha / m->n_customers;
      grad[2] *= -p.a / m->n_customers;
      grad[3] *= -p.b / m->n_customers;
    }
  return -ll / m->n_customers;
}

static gboolean
check_customers (const TenureBgnbdCustomer  *customers,
                 gsize                       n,
                 guint                      *n_repeat,
                 GError                    **error)
{
  *n_repeat = 0;
  for (gsize i = 0; i < n; i++)
    {
      const TenureBgnbdCustomer *c = &customers[i];

      if (!(c->T >= 0) || !(c->t_x >= 0) || !(c->t_x <= c->T) || !isfinite (c->T) ||
          (c->x > 0 && !(c->mean_value >= 0)))
        {
          g_set_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA,
                       "Customer %" G_GSIZE_FORMAT " has an impossible summary "
                       "(x %u, t_x %g, T %g): 0 ≤ t_x ≤ T is required", i, c->x, c->t_x, c->T);
          return FALSE;
        }
      if (c->x > 0)
        (*n_repeat)++;
    }
  return TRUE;
}

static gboolean
bgnbd_fail (TenureBgnbdFit  *fit,
            GError         **error,
            int              code,
            const char      *reason)
{
  fit->params = (TenureBgnbdParams) { NAN, NAN, NAN, NAN };
  fit->log_likelihood = NAN;
  fit->converged = FALSE;
  fit->reason = reason;
  g_set_error (error, TENURE_MODEL_ERROR, code, "Purchase model (BG/NBD): %s", reason);
  return FALSE;
}

/**
 * tenure_bgnbd_fit:
 * @customers: (array length=n): customer summaries
 * @n: the number of customers
 * @fit: (out caller-allocates): the fitted model
 * @error: return location for a #TENURE_MODEL_ERROR
 *
 * Fits r, α, a, b by maximum likelihood: BFGS on the log parameters with the
 * analytic gradient, from several starting points scaled to the data's time
 * unit, keeping the best interior optimum. Fewer than
 * %TENURE_BGNBD_MIN_CUSTOMERS customers or %TENURE_BGNBD_MIN_REPEAT_BUYERS
 * repeat buyers is too thin.
 *
 * Returns: %TRUE when the fit converged; otherwise @fit has converged =
 *   %FALSE, a reason and NaN parameters, and @error is set
 */
gboolean
tenure_bgnbd_fit (const TenureBgnbdCustomer  *customers,
                  gsize                       n,
                  TenureBgnbdFit             *fit,
                  GError                    **error)
{
  TenureMinimum min;
  Bgnbd m;
  double starts[4 * 4], theta[4];
  double mean_T = 0.0, mean_x = 0.0, scale;
  guint n_repeat;

  g_return_val_if_fail (n == 0 || customers != NULL, FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fit->iterations = 0;
  if (!check_customers (customers, n, &n_repeat, error))
    {
      bgnbd_fail (fit, NULL, 0, "the customer summaries are invalid");
      return FALSE;
    }
  if (n < TENURE_BGNBD_MIN_CUSTOMERS || n_repeat < TENURE_BGNBD_MIN_REPEAT_BUYERS)
    return bgnbd_fail (fit, error, TENURE_MODEL_ERROR_TOO_THIN,
                       "too thin: the model needs at least 100 accounts of which 20 repeat buyers");

  for (gsize i = 0; i < n; i++)
    {
      mean_T += customers[i].T / (double) n;
      mean_x += customers[i].x / (double) n;
    }
  /* α is a time scale: r/α is the typical purchase rate, about x/T. */
  scale = MAX (mean_T, 1e-6) / MAX (mean_x, 0.1);
  {
    const double s[4][4] = {
      { 1.0, 1.0, 1.0, 1.0 },
      { 0.25, 0.25, 1.0, 3.0 },
      { 0.5, 0.1, 0.5, 1.0 },
      { 2.0, 4.0, 2.0, 10.0 },
    };

    for (int k = 0; k < 4; k++)
      {
        starts[4 * k + 0] = log (s[k][0]);
        starts[4 * k + 1] = log (s[k][1] * scale);
        starts[4 * k + 2] = log (s[k][2]);
        starts[4 * k + 3] = log (s[k][3]);
      }
  }

  bgnbd_init (&m, customers, n);
  _tenure_minimize (bgnbd_objective, &m, 4, starts, 4, theta, &min);
  bgnbd_clear (&m);

  fit->iterations = min.iterations;
  if (!min.converged)
    {
      bgnbd_fail (fit, error, TENURE_MODEL_ERROR_NOT_CONVERGED, min.reason);
      fit->iterations = min.iterations;
      return FALSE;
    }

  fit->params = (TenureBgnbdParams) { exp (theta[0]), exp (theta[1]), exp (theta[2]), exp (theta[3]) };
  fit->log_likelihood = -min.value * (double) n;
  fit->converged = TRUE;
  fit->reason = NULL;
  return TRUE;
}

/**
 * tenure_bgnbd_p_alive:
 * @params: BG/NBD parameters
 * @customer: a customer summary
 *
 * The probability that the customer is still alive at the end of the
 * calibration period (FHL 2008): 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
 *
 * Returns: P(alive | x, t_x, T)
 */
double
tenure_bgnbd_p_alive (const TenureBgnbdParams   *params,
                      const TenureBgnbdCustomer *customer)
{
  const TenureBgnbdParams *p = params;
  double x;

  g_return_val_if_fail (params != NULL && customer != NULL, NAN);

  if (customer->x == 0)
    return 1.0;
  x = customer->x;
  return 1.0 / (1.0 + p->a / (p->b + x - 1.0) *
                      exp ((p->r + x) * log ((p->alpha + customer->T) / (p->alpha + customer->t_x))));
}

static double
expected_transactions (const TenureBgnbdParams   *p,
                       const TenureBgnbdCustomer *c,
                       double                     a,
                       double                     t)
{
  double x = c->x;
  double z = t / (p->alpha + c->T + t);
  double hyp, numerator;

  /* FHL (2005) eq. 10 has ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) with
   * 1 − z = (α+T)/(α+T+t). Euler's transformation turns it into
   * (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose terms shrink from the
   * start instead of growing like k^(r+x−a) before they fall. */
  hyp = exp ((a - 1.0) * log1p (-z)) * tenure_hyp2f1 (a + p->b - 1.0 - p->r, a - 1.0,
                                                       a + p->b + x - 1.0, z);
  numerator = (a + p->b + x - 1.0) / (a - 1.0) * (1.0 - hyp);
  if (c->x == 0)
    return numerator;
  return numerator / (1.0 + a / (p->b + x - 1.0) *
                            exp ((p->r + x) * log ((p->alpha + c->T) / (p->alpha + c->t_x))));
}

/**
 * tenure_bgnbd_expected_transactions:
 * @params: BG/NBD parameters
 * @customer: a customer summary
 * @t: the horizon, in the model's time unit
 *
 * The conditional expectation E[Y(t) | x, t_x, T] of the number of
 * transactions in the next @t time units (FHL 2005, eq. 10).
 *
 * Returns: the expected number of transactions, or NaN if it cannot be
 *   computed
 */
double
tenure_bgnbd_expected_transactions (const TenureBgnbdParams   *params,
                                    const TenureBgnbdCustomer *customer,
                                    double                     t)
{
  g_return_val_if_fail (params != NULL && customer != NULL, NAN);
  g_return_val_if_fail (t >= 0, NAN);

  if (t == 0)
    return 0.0;
  /* The formula has a removable singularity at a = 1; average the two sides. */
  if (fabs (params->a - 1.0) < 1e-7)
    return 0.5 * (expected_transactions (params, customer, 1.0 - 1e-6, t) +
                  expected_transactions (params, customer, 1.0 + 1e-6, t));
  return expected_transactions (params, customer, params->a, t);
}

/* ------------------------------------------------------------------------ */
/* Gamma-Gamma                                                                */

typedef struct
{
  /* repeat buyers only, grouped by x */
  double *x;
  double *log_x;
  double *zbar;       /* x · zbar, the total repeat spend */
  double *log_zbar;
  guint  *x_index;    /* index into the distinct-x tables */
  gsize   n;
  double *distinct_x;
  gsize   n_distinct;
  double *scratch;    /* 4 × n_distinct */
} GammaGamma;

/* Whether a customer enters the spend model: repeat buyers whose repeat
 * transactions had some value (a zero-value deal says nothing about the
 * spend distribution and has no density under it). */
static inline gboolean
spends (const TenureBgnbdCustomer *c)
{
  return c->x > 0 && c->mean_value > 0;
}

static void
gamma_gamma_init (GammaGamma                *m,
                  const TenureBgnbdCustomer *customers,
                  gsize                      n)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_direct_hash, g_direct_equal);
  gsize k = 0;

  m->x = g_new (double, 4 * MAX (n, 1));
  m->log_x = m->x + n;
  m->zbar = m->log_x + n;
  m->log_zbar = m->zbar + n;
  m->x_index = g_new (guint, MAX (n, 1));
  m->distinct_x = g_new (double, MAX (n, 1));
  m->n_distinct = 0;
  for (gsize i = 0; i < n; i++)
    {
      gpointer slot;

      if (!spends (&customers[i]))
        continue;
      m->x[k] = customers[i].x;
      m->log_x[k] = log (m->x[k]);
      m->zbar[k] = customers[i].mean_value * m->x[k];
      m->log_zbar[k] = log (customers[i].mean_value);
      if (!g_hash_table_lookup_extended (index, GUINT_TO_POINTER (customers[i].x), NULL, &slot))
        {
          slot = GUINT_TO_POINTER (m->n_distinct);
          m->distinct_x[m->n_distinct++] = m->x[k];
          g_hash_table_insert (index, GUINT_TO_POINTER (customers[i].x), slot);
        }
      m->x_index[k] = GPOINTER_TO_UINT (slot);
      k++;
    }
  m->n = k;
  m->scratch = g_new (double, 4 * MAX (m->n_distinct, 1));
}

static void
gamma_gamma_clear (GammaGamma *m)
{
  g_free (m->x);
  g_free (m->x_index);
  g_free (m->distinct_x);
  g_free (m->scratch);
}

/* Σ log f(zbar | p, q, γ, x) over repeat buyers, with
 *   f = Γ(px+q)/(Γ(px)Γ(q)) γ^q zbar^(px−1) x^(px) / (γ + x zbar)^(px+q),
 * the density of the mean of x Gamma(p, ν) values with ν ~ Gamma(q, γ). */
static double
gamma_gamma_ll (GammaGamma                   *m,
                const TenureGammaGammaParams *params,
                double                       *grad)
{
  double p = params->p, q = params->q, gamma = params->gamma;
  double *lg = m->scratch, *dlg = lg + m->n_distinct;
  double lgq = gsl_sf_lngamma (q), psq = gsl_sf_psi (q), log_gamma = log (gamma);
  double ll = 0.0, g_p = 0.0, g_q = 0.0, g_gamma = 0.0;

  for (gsize d = 0; d < m->n_distinct; d++)
    {
      double px = p * m->distinct_x[d];

      lg[d] = gsl_sf_lngamma (px + q) - gsl_sf_lngamma (px) - lgq;
      if (grad != NULL)
        {
          double psi_pxq = gsl_sf_psi (px + q);

          dlg[d] = psi_pxq - gsl_sf_psi (px);   /* d/d(px) */
          dlg[m->n_distinct + d] = psi_pxq;     /* kept for d/dq */
        }
    }

  for (gsize i = 0; i < m->n; i++)
    {
      double x = m->x[i], px = p * x;
      double log_den = log (gamma + m->zbar[i]);

      ll += lg[m->x_index[i]] + q * log_gamma + (px - 1.0) * m->log_zbar[i] + px * m->log_x[i] -
            (px + q) * log_den;
      if (grad != NULL)
        {
          g_p += x * (dlg[m->x_index[i]] + m->log_zbar[i] + m->log_x[i] - log_den);
          g_q += dlg[m->n_distinct + m->x_index[i]] - psq + log_gamma - log_den;
          g_gamma += q / gamma - (px + q) / (gamma + m->zbar[i]);
        }
    }

  if (grad != NULL)
    {
      grad[0] = g_p;
      grad[1] = g_q;
      grad[2] = g_gamma;
    }
  return ll;
}

static gboolean
check_values (const TenureBgnbdCustomer  *customers,
              gsize                       n,
              guint                      *n_repeat,
              GError                    **error)
{
  *n_repeat = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (customers[i].x == 0)
        continue;
      if (!(customers[i].mean_value >= 0) || !isfinite (customers[i].mean_value))
        {
          g_set_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA,
                       "Customer %" G_GSIZE_FORMAT " has %u repeat transactions but a mean "
                       "value of %g: values cannot be negative", i,
                       customers[i].x, customers[i].mean_value);
          return FALSE;
        }
      if (spends (&customers[i]))
        (*n_repeat)++;
    }
  return TRUE;
}

/**
 * tenure_gamma_gamma_log_likelihood:
 * @params: Gamma-Gamma parameters
 * @customers: (array length=n): customer summaries; those with x = 0 or a
 *   zero mean value are skipped
 * @n: the number of customers
 *
 * Returns: the Gamma-Gamma log-likelihood of the repeat buyers' mean values
 */
double
tenure_gamma_gamma_log_likelihood (const TenureGammaGammaParams *params,
                                   const TenureBgnbdCustomer    *customers,
                                   gsize                         n)
{
  GammaGamma m;
  double ll;
  guint n_repeat;

  g_return_val_if_fail (params != NULL && (n == 0 || customers != NULL), NAN);
  g_return_val_if_fail (params->p > 0 && params->q > 0 && params->gamma > 0, NAN);

  if (!check_values (customers, n, &n_repeat, NULL))
    return NAN;
  gamma_gamma_init (&m, customers, n);
  ll = gamma_gamma_ll (&m, params, NULL);
  gamma_gamma_clear (&m);
  return ll;
}

static double
gamma_gamma_objective (const double *theta,
                       double       *grad,
                       gpointer      user_data)
{
  GammaGamma *m = user_data;
  TenureGammaGammaParams p;
  double ll;

  for (int i = 0; i < 3; i++)
    if (!isfinite (theta[i]) || fabs (theta[i]) > 30)
      return INFINITY;

  p = (TenureGammaGammaParams) { exp (theta[0]), exp (theta[1]), exp (theta[2]) };
  ll = gamma_gamma_ll (m, &p, grad);
  if (grad != NULL)
    {
      grad[0] *= -p.p / (double) m->n;
      grad[1] *= -p.q / (double) m->n;
      grad[2] *= -p.gamma / (double) m->n;
    }
  return -ll / (double) m->n;
}

static gboolean
gamma_gamma_fail (TenureGammaGammaFit  *fit,
                  GError              **error,
                  int                   code,
                  const char           *reason)
{
  fit->params = (TenureGammaGammaParams) { NAN, NAN, NAN };
  fit->log_likelihood = NAN;
  fit->converged = FALSE;
  fit->reason = reason;
  g_set_error (error, TENURE_MODEL_ERROR, code, "Spend model (Gamma-Gamma): %s", reason);
  return FALSE;
}

/**
 * tenure_gamma_gamma_fit:
 * @customers: (array length=n): customer summaries with their mean repeat
 *   value; customers with x = 0 or a zero mean value are skipped
 * @n: the number of customers
 * @fit: (out caller-allocates): the fitted model
 * @error: return location for a #TENURE_MODEL_ERROR
 *
 * Fits p, q, γ by maximum likelihood on the repeat buyers (BFGS on the log
 * parameters, several starts scaled to the mean value). Fewer than
 * %TENURE_BGNBD_MIN_REPEAT_BUYERS repeat buyers with a positive mean value is
 * too thin; a negative or non-finite mean value is invalid data.
 *
 * Returns: %TRUE when the fit converged
 */
gboolean
tenure_gamma_gamma_fit (const TenureBgnbdCustomer  *customers,
                        gsize                       n,
                        TenureGammaGammaFit        *fit,
                        GError                    **error)
{
  TenureMinimum min;
  GammaGamma m;
  double starts[3 * 4], theta[3];
  double mean = 0.0;
  guint n_repeat;

  g_return_val_if_fail (n == 0 || customers != NULL, FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fit->iterations = 0;
  fit->n_customers = 0;
  if (!check_values (customers, n, &n_repeat, error))
    {
      gamma_gamma_fail (fit, NULL, 0, "the customer values are invalid");
      return FALSE;
    }
  fit->n_customers = n_repeat;
  if (n_repeat < TENURE_BGNBD_MIN_REPEAT_BUYERS)
    return gamma_gamma_fail (fit, error, TENURE_MODEL_ERROR_TOO_THIN,
                             "too thin: the spend model needs at least 20 repeat buyers");

  for (gsize i = 0; i < n; i++)
    if (spends (&customers[i]))
      mean += customers[i].mean_value / n_repeat;
  /* The population mean is pγ/(q − 1): start from shapes with that mean,
   * first the moderate ones published fits tend to have (p and γ lie on a
   * long ridge that BFGS crawls along from far away). */
  {
    const double s[4][2] = { { 5.0, 4.0 }, { 2.0, 2.5 }, { 1.0, 10.0 }, { 20.0, 1.5 } };

    for (int k = 0; k < 4; k++)
      {
        starts[3 * k + 0] = log (s[k][0]);
        starts[3 * k + 1] = log (s[k][1]);
        starts[3 * k + 2] = log (mean * (s[k][1] - 1.0) / s[k][0]);
      }
  }

  gamma_gamma_init (&m, customers, n);
  _tenure_minimize (gamma_gamma_objective, &m, 3, starts, 4, theta, &min);
  gamma_gamma_clear (&m);

  fit->iterations = min.iterations;
  if (!min.converged)
    {
      gamma_gamma_fail (fit, error, TENURE_MODEL_ERROR_NOT_CONVERGED, min.reason);
      fit->iterations = min.iterations;
      return FALSE;
    }

  fit->params = (TenureGammaGammaParams) { exp (theta[0]), exp (theta[1]), exp (theta[2]) };
  fit->log_likelihood = -min.value * (double) n_repeat;
  fit->converged = TRUE;
  fit->reason = NULL;
  return TRUE;
}

/**
 * tenure_gamma_gamma_expected_value:
 * @params: Gamma-Gamma parameters
 * @customer: a customer summary
 *
 * The conditional expected average transaction value
 * E[M | p, q, γ, zbar, x] = p(γ + x·zbar)/(px + q − 1), a weighted mean of the
 * population mean pγ/(q − 1) and the customer's own zbar; a customer with
 * x = 0 gets the population mean.
 *
 * Returns: the expected value, or NaN when the mean does not exist (q ≤ 1
 *   for the population mean)
 */
double
tenure_gamma_gamma_expected_value (const TenureGammaGammaParams *params,
                                   const TenureBgnbdCustomer    *customer)
{
  double x, denominator;

  g_return_val_if_fail (params != NULL && customer != NULL, NAN);

  x = customer->x;
  denominator = params->p * x + params->q - 1.0;
  if (!(denominator > 0))
    return NAN;
  return params->p * (params->gamma + (x > 0 ? x * customer->mean_value : 0.0)) / denominator;
}

/* ------------------------------------------------------------------------ */
/* Summaries from transactions                                                */

static int
transaction_compare (const void *pa,
                     const void *pb)
{
  const TenureTransaction *a = pa, *b = pb;

  if (a->customer != b->customer)
    return a->customer < b->customer ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

/**
 * tenure_bgnbd_summarize:
 * @transactions: (array length=n_transactions): purchases, in any order
 * @n_transactions: the number of purchases
 * @calibration_end: the last day of the calibration period (inclusive)
 * @unit_days: the time unit in days (7 for weeks)
 * @customer_ids: (out) (transfer full) (optional): the customer of each
 *   summary
 * @n_customers: (out): the number of summaries
 *
 * Builds (x, t_x, T, zbar) per customer from purchases up to
 * @calibration_end, as in the published CDNOW summary: several purchases on
 * one day are one transaction whose value is their sum; x counts the days
 * with a purchase after the first; t_x and T are the days from the first
 * purchase to the last one and to @calibration_end, divided by @unit_days;
 * zbar is the mean value of the repeat transactions. Customers whose first
 * purchase is after @calibration_end are left out. Summaries come in
 * ascending customer order.
 *
 * Returns: (transfer full) (array length=n_customers): the summaries
 */
TenureBgnbdCustomer *
tenure_bgnbd_summarize (const TenureTransaction  *transactions,
                        gsize                     n_transactions,
                        TenureDay                 calibration_end,
                        double                    unit_days,
                        gint64                  **customer_ids,
                        gsize                    *n_customers)
{
  g_autofree TenureTransaction *sorted = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TenureBgnbdCustomer));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gsize i = 0;

  g_return_val_if_fail (n_transactions == 0 || transactions != NULL, NULL);
  g_return_val_if_fail (unit_days > 0, NULL);
  g_return_val_if_fail (n_customers != NULL, NULL);

  sorted = g_memdup2 (transactions, n_transactions * sizeof (TenureTransaction));
  /* qsort must not be given NULL, even for no elements (g_memdup2 of none). */
  if (n_transactions > 0)
    qsort (sorted, n_transactions, sizeof (TenureTransaction), transaction_compare);

  while (i < n_transactions)
    {
      gint64 customer = sorted[i].customer;
      TenureDay first = sorted[i].day, last = first;
      TenureBgnbdCustomer c = { 0, 0.0, 0.0, 0.0 };
      double repeat_total = 0.0;
      gsize j = i;

      /* the first day's purchases: the initial transaction, not modelled */
      while (j < n_transactions && sorted[j].customer == customer && sorted[j].day == first)
        j++;
      while (j < n_transactions && sorted[j].customer == customer)
        {
          TenureDay day = sorted[j].day;

          for (; j < n_transactions && sorted[j].customer == customer && sorted[j].day == day; j++)
            if (day <= calibration_end)
              repeat_total += sorted[j].amount;
          if (day <= calibration_end)
            {
              c.x++;
              last = day;
            }
        }
      i = j;

      if (first > calibration_end)
        continue;
      c.t_x = (last - first) / unit_days;
      c.T = (calibration_end - first) / unit_days;
      c.mean_value = c.x > 0 ? repeat_total / c.x : 0.0;
      g_array_append_val (out, c);
      g_array_append_val (ids, customer);
    }

  *n_customers = out->len;
  if (customer_ids != NULL)
    *customer_ids = (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
  return (TenureBgnbdCustomer *) g_array_free (g_steal_pointer (&out), FALSE);
}
