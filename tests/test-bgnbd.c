/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_hyperg.h>

#include "tenure-bgnbd.h"

/* The published CDNOW results (data/README.md). */
static const TenureBgnbdParams published = { 0.242593, 4.413532, 0.792886, 2.425752 };
static const TenureGammaGammaParams published_gg = { 6.2488, 3.7446, 15.4478 };

static TenureBgnbdCustomer *
load_summary (gsize *n)
{
  const char *dir = g_getenv ("TENURE_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TenureBgnbdCustomer));

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "cdnow", "cdnow_customers_summary_with_transactions.csv", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "ID,x,t_x,T,zbar"));
  for (guint i = 1; lines[i] != NULL && *g_strstrip (lines[i]) != '\0'; i++)
    {
      TenureBgnbdCustomer c;
      guint id;

      g_assert_cmpint (sscanf (lines[i], "%u,%u,%lf,%lf,%lf", &id, &c.x, &c.t_x, &c.T,
                               &c.mean_value), ==, 5);
      g_assert_cmpuint (id, ==, i);
      g_array_append_val (out, c);
    }
  *n = out->len;
  return (TenureBgnbdCustomer *) g_array_free (g_steal_pointer (&out), FALSE);
}

static void
assert_within_percent (double value,
                       double expected,
                       double percent)
{
  g_assert_cmpfloat (fabs (value - expected), <=, fabs (expected) * percent / 100.0);
}

static void
test_bgnbd_published_likelihood (void)
{
  gsize n;
  g_autofree TenureBgnbdCustomer *customers = load_summary (&n);

  g_assert_cmpuint (n, ==, 2357);
  g_assert_cmpfloat_with_epsilon (tenure_bgnbd_log_likelihood (&published, customers, n),
                                  -9582.4, 0.05);
}

static void
test_bgnbd_fit (void)
{
  gsize n;
  g_autofree TenureBgnbdCustomer *customers = load_summary (&n);
  g_autoptr(GError) error = NULL;
  TenureBgnbdFit fit;

  g_assert_true (tenure_bgnbd_fit (customers, n, &fit, &error));
  g_assert_no_error (error);
  g_assert_true (fit.converged);
  g_assert_null (fit.reason);
  g_assert_cmpuint (fit.iterations, >, 0);
  g_test_message ("r %.6f alpha %.6f a %.6f b %.6f LL %.4f (%u iterations)",
                  fit.params.r, fit.params.alpha, fit.params.a, fit.params.b,
                  fit.log_likelihood, fit.iterations);
  assert_within_percent (fit.params.r, published.r, 0.5);
  assert_within_percent (fit.params.alpha, published.alpha, 0.5);
  assert_within_percent (fit.params.a, published.a, 0.5);
  assert_within_percent (fit.params.b, published.b, 0.5);
  g_assert_cmpfloat_with_epsilon (fit.log_likelihood, -9582.4, 0.05);
  /* The reported likelihood is the one at the reported parameters, and no
   * worse than at the published ones. */
  g_assert_cmpfloat_with_epsilon (fit.log_likelihood,
                                  tenure_bgnbd_log_likelihood (&fit.params, customers, n), 1e-6);
  g_assert_cmpfloat (fit.log_likelihood, >=,
                     tenure_bgnbd_log_likelihood (&published, customers, n) - 1e-6);
}

static void
test_bgnbd_gradient (void)
{
  /* The fit relies on the analytic gradient: nudging any parameter away from
   * the optimum lowers the likelihood on both sides. */
  gsize n;
  g_autofree TenureBgnbdCustomer *customers = load_summary (&n);
  TenureBgnbdFit fit;
  double *fields[4];

  g_assert_true (tenure_bgnbd_fit (customers, n, &fit, NULL));
  for (int k = 0; k < 4; k++)
    for (int side = -1; side <= 1; side += 2)
      {
        TenureBgnbdParams p = fit.params;

        fields[0] = &p.r, fields[1] = &p.alpha, fields[2] = &p.a, fields[3] = &p.b;
        *fields[k] *= 1.0 + side * 0.01;
        g_assert_cmpfloat (tenure_bgnbd_log_likelihood (&p, customers, n), <, fit.log_likelihood);
      }
}

static void
test_bgnbd_synthetic_recovery (void)
{
  /* 20,000 customers simulated as the model describes them: after the first
   * purchase, a Poisson process with λ ~ Gamma(r, α), and after each repeat
   * purchase a drop-out with probability p ~ Beta(a, b). The fit recovers the
   * parameters within a few standard errors (scaled from the published
   * CDNOW ones: about 2 % for r and α, 8–10 % for a and b). */
  const TenureBgnbdParams truth = { 0.25, 4.0, 0.8, 2.5 };
  const gsize n = 20000;
  g_autofree TenureBgnbdCustomer *customers = g_new0 (TenureBgnbdCustomer, n);
  g_autoptr(GError) error = NULL;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  TenureBgnbdFit fit;

  gsl_rng_set (rng, 2005);
  for (gsize i = 0; i < n; i++)
    {
      TenureBgnbdCustomer *c = &customers[i];
      double lambda = gsl_ran_gamma (rng, truth.r, 1.0 / truth.alpha);
      double p = gsl_ran_beta (rng, truth.a, truth.b);
      double t = 0.0;

      c->T = 27.0 + 12.0 * gsl_rng_uniform (rng);
      while (lambda > 0)
        {
          t += gsl_ran_exponential (rng, 1.0 / lambda);
          if (t > c->T)
            break;
          c->x++;
          c->t_x = t;
          if (gsl_rng_uniform (rng) < p)
            break;
        }
    }
  gsl_rng_free (rng);

  g_assert_true (tenure_bgnbd_fit (customers, n, &fit, &error));
  g_assert_no_error (error);
  g_test_message ("synthetic: r %.4f alpha %.4f a %.4f b %.4f", fit.params.r, fit.params.alpha,
                  fit.params.a, fit.params.b);
  assert_within_percent (fit.params.r, truth.r, 8.0);
  assert_within_percent (fit.params.alpha, truth.alpha, 10.0);
  assert_within_percent (fit.params.a, truth.a, 30.0);
  assert_within_percent (fit.params.b, truth.b, 30.0);
}

static void
test_bgnbd_expected_transactions (void)
{
  const TenureBgnbdCustomer c = { 2, 30.43, 38.86, 0.0 };
  gsize n;
  g_autofree TenureBgnbdCustomer *customers = load_summary (&n);
  TenureBgnbdFit fit;
  double expected;

  /* FHL (2005): 1.226 repeat transactions in the next 39 weeks. */
  expected = tenure_bgnbd_expected_transactions (&published, &c, 39.0);
  g_test_message ("E[Y(39) | 2, 30.43, 38.86] = %.6f", expected);
  g_assert_cmpfloat_with_epsilon (expected, 1.226, 0.0005);

  g_assert_true (tenure_bgnbd_fit (customers, n, &fit, NULL));
  g_assert_cmpfloat_with_epsilon (tenure_bgnbd_expected_transactions (&fit.params, &c, 39.0), 1.226, 0.002);

  /* No time, no transactions; more time, more transactions. */
  g_assert_cmpfloat (tenure_bgnbd_expected_transactions (&published, &c, 0.0), ==, 0.0);
  g_assert_cmpfloat (tenure_bgnbd_expected_transactions (&published, &c, 78.0), >, expected);
}

/* E[Y(t)] in FHL's original form, summed with GSL where GSL can: checks the
 * Euler transformation used by the library. */
static double
expected_untransformed (const TenureBgnbdParams   *p,
                        const TenureBgnbdCustomer *c,
                        double                     t)
{
  double x = c->x;
  double hyp = gsl_sf_hyperg_2F1 (p->r + x, p->b + x, p->a + p->b + x - 1.0, t / (p->alpha + c->T + t));
  double num = (p->a + p->b + x - 1.0) / (p->a - 1.0) *
               (1.0 - pow ((p->alpha + c->T) / (p->alpha + c->T + t), p->r + x) * hyp);

  if (c->x == 0)
    return num;
  return num / (1.0 + p->a / (p->b + x - 1.0) * pow ((p->alpha + c->T) / (p->alpha + c->t_x), p->r + x));
}

static void
test_bgnbd_transform (void)
{
  const TenureBgnbdCustomer cs[] = {
    { 0, 0.0, 38.86, 0.0 },
    { 1, 5.0, 20.0, 0.0 },
    { 7, 35.0, 36.0, 0.0 },
    { 15, 10.0, 30.0, 0.0 },
  };
  const double horizons[] = { 1.0, 13.0, 39.0, 52.0 };

  for (gsize i = 0; i < G_N_ELEMENTS (cs); i++)
    for (gsize h = 0; h < G_N_ELEMENTS (horizons); h++)
      {
        double ours = tenure_bgnbd_expected_transactions (&published, &cs[i], horizons[h]);
        double theirs = expected_untransformed (&published, &cs[i], horizons[h]);

        g_assert_cmpfloat_with_epsilon (ours, theirs, 1e-9 * MAX (1.0, fabs (theirs)));
      }

  /* Horizons far beyond the data, where the series argument nears 1: the
   * expectation stays finite, positive and grows with the horizon. */
  {
    double previous = 0.0;

    for (double t = 100.0; t <= 100000.0; t *= 10.0)
      {
        double e = tenure_bgnbd_expected_transactions (&published, &cs[0], t);

        g_assert_true (isfinite (e));
        g_assert_cmpfloat (e, >, previous);
        previous = e;
      }
  }
}

static void
test_hyp2f1 (void)
{
  /* ₂F₁(1, 1; 2; z) = −ln(1 − z)/z */
  g_assert_cmpfloat_with_epsilon (tenure_hyp2f1 (1, 1, 2, 0.5), 2.0 * log (2.0), 1e-15);
  g_assert_cmpfloat_with_epsilon (tenure_hyp2f1 (1, 1, 2, 0.999), -log (0.001) / 0.999, 1e-12);
  /* A polynomial: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)) */
  g_assert_cmpfloat_with_epsilon (tenure_hyp2f1 (-2, 3, 4, 0.5), 1 - 0.75 + 12.0 * 0.25 / 20.0, 1e-15);
  /* Against GSL inside its comfortable domain. */
  for (double z = -0.9; z < 0.95; z += 0.1)
    g_assert_cmpfloat_with_epsilon (tenure_hyp2f1 (0.3, 2.7, 3.4, z),
                                    gsl_sf_hyperg_2F1 (0.3, 2.7, 3.4, z), 1e-12);
  g_assert_true (isnan (tenure_hyp2f1 (1, 1, 2, 1.0)));
  g_assert_true (isnan (tenure_hyp2f1 (1, 1, -2, 0.5)));
}

static void
test_bgnbd_p_alive (void)
{
  const TenureBgnbdCustomer never = { 0, 0.0, 38.86, 0.0 };
  const TenureBgnbdCustomer recent = { 2, 38.0, 38.86, 0.0 };
  const TenureBgnbdCustomer lapsed = { 2, 5.0, 38.86, 0.0 };
  const TenureBgnbdCustomer c = { 2, 30.43, 38.86, 0.0 };
  double by_hand;

  g_assert_cmpfloat (tenure_bgnbd_p_alive (&published, &never), ==, 1.0);
  g_assert_cmpfloat (tenure_bgnbd_p_alive (&published, &recent), >,
                     tenure_bgnbd_p_alive (&published, &lapsed));
  /* 1/(1 + a/(b+1) ((α+T)/(α+t_x))^(r+2)) by hand */
  by_hand = 1.0 / (1.0 + 0.792886 / 3.425752 * pow (43.273532 / 34.843532, 2.242593));
  g_assert_cmpfloat_with_epsilon (tenure_bgnbd_p_alive (&published, &c), by_hand, 1e-12);
}

static void
test_gamma_gamma_published (void)
{
  static const double first_ten[] = { 24.66, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17 };
  gsize n;
  g_autofree TenureBgnbdCustomer *customers = load_summary (&n);
  g_autoptr(GError) error = NULL;
  TenureGammaGammaFit fit;

  g_assert_true (tenure_gamma_gamma_fit (customers, n, &fit, &error));
  g_assert_no_error (error);
  g_assert_true (fit.converged);
  g_assert_cmpuint (fit.n_customers, ==, 946);
  g_test_message ("p %.5f q %.5f gamma %.5f LL %.4f (%u iterations)", fit.params.p, fit.params.q,
                  fit.params.gamma, fit.log_likelihood, fit.iterations);
  assert_within_percent (fit.params.p, published_gg.p, 0.5);
  assert_within_percent (fit.params.q, published_gg.q, 0.5);
  assert_within_percent (fit.params.gamma, published_gg.gamma, 0.5);
  g_assert_cmpfloat_with_epsilon (fit.log_likelihood,
                                  tenure_gamma_gamma_log_likelihood (&fit.params, customers, n), 1e-6);
  g_assert_cmpfloat (fit.log_likelihood, >=,
                     tenure_gamma_gamma_log_likelihood (&published_gg, customers, n) - 1e-6);

  for (gsize i = 0; i < G_N_ELEMENTS (first_ten); i++)
    {
      double with_published = tenure_gamma_gamma_expected_value (&published_gg, &customers[i]);
      double with_ours = tenure_gamma_gamma_expected_value (&fit.params, &customers[i]);

      g_assert_cmpfloat (fabs (with_published - first_ten[i]), <=, 0.005 + 1e-9);
      g_assert_cmpfloat (fabs (with_ours - first_ten[i]), <=, 0.01);
    }
}

static void
test_gamma_gamma_by_hand (void)
{
  /* p = 2, q = 3, γ = 10: population mean pγ/(q−1) = 10; a customer with
   * x = 4 and zbar = 20 gets 2(10 + 80)/(8 + 2) = 18. */
  const TenureGammaGammaParams p = { 2.0, 3.0, 10.0 };
  const TenureBgnbdCustomer none = { 0, 0.0, 10.0, 0.0 };
  const TenureBgnbdCustomer four = { 4, 8.0, 10.0, 20.0 };
  const TenureGammaGammaParams heavy = { 2.0, 0.8, 10.0 };

  g_assert_cmpfloat_with_epsilon (tenure_gamma_gamma_expected_value (&p, &none), 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (tenure_gamma_gamma_expected_value (&p, &four), 18.0, 1e-12);
  /* q ≤ 1: the population mean does not exist. */
  g_assert_true (isnan (tenure_gamma_gamma_expected_value (&heavy, &none)));
}

static TenureTransaction *
load_transactions (gsize *n)
{
  const char *dir = g_getenv ("TENURE_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TenureTransaction));

  path = g_build_filename (dir, "cdnow", "CDNOW_sample.txt", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned master, sample, date, cds;
      double dollars;
      TenureTransaction t;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      g_assert_cmpint (sscanf (lines[i], "%u %u %u %u %lf", &master, &sample, &date, &cds, &dollars), ==, 5);
      t.customer = sample;
      t.day = tenure_day_from_ymd (date / 10000, date / 100 % 100, date % 100);
      t.amount = dollars;
      g_array_append_val (out, t);
    }
  *n = out->len;
  return (TenureTransaction *) g_array_free (g_steal_pointer (&out), FALSE);
}

static void
test_bgnbd_summarize_cdnow (void)
{
  gsize n_tx, n, n_ref;
  g_autofree TenureTransaction *tx = load_transactions (&n_tx);
  g_autofree TenureBgnbdCustomer *ref = load_summary (&n_ref);
  g_autofree TenureBgnbdCustomer *built = NULL;
  g_autofree gint64 *ids = NULL;
  g_autoptr(GError) error = NULL;
  TenureBgnbdFit fit;
  TenureGammaGammaFit gg;

  g_assert_cmpuint (n_tx, ==, 6919);
  built = tenure_bgnbd_summarize (tx, n_tx, tenure_day_from_ymd (1997, 9, 30), 7.0, &ids, &n);
  g_assert_cmpuint (n, ==, n_ref);
  /* Customer by customer, the published summary to its two decimals. */
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpint (ids[i], ==, (gint64) i + 1);
      g_assert_cmpuint (built[i].x, ==, ref[i].x);
      g_assert_cmpfloat_with_epsilon (built[i].t_x, ref[i].t_x, 0.005 + 1e-9);
      g_assert_cmpfloat_with_epsilon (built[i].T, ref[i].T, 0.005 + 1e-9);
      g_assert_cmpfloat_with_epsilon (built[i].mean_value, ref[i].mean_value, 0.005 + 1e-9);
    }

  g_assert_true (tenure_bgnbd_fit (built, n, &fit, &error));
  g_assert_no_error (error);
  assert_within_percent (fit.params.r, published.r, 0.5);
  assert_within_percent (fit.params.alpha, published.alpha, 0.5);
  assert_within_percent (fit.params.a, published.a, 0.5);
  assert_within_percent (fit.params.b, published.b, 0.5);
  g_assert_true (tenure_gamma_gamma_fit (built, n, &gg, &error));
  assert_within_percent (gg.params.p, published_gg.p, 0.5);
  assert_within_percent (gg.params.q, published_gg.q, 0.5);
  assert_within_percent (gg.params.gamma, published_gg.gamma, 0.5);
}

static void
test_bgnbd_summarize_by_hand (void)
{
  /* Customer 7: first buys on day 100 (twice), again on day 107 (twice, 5 +
   * 7), on day 121 (3), and on day 200, after the calibration end (150).
   * Customer 3: one purchase only. Customer 9: first purchase after the end. */
  const TenureTransaction tx[] = {
    { 7, 121, 3.0 }, { 7, 100, 10.0 }, { 3, 110, 4.0 }, { 7, 107, 5.0 },
    { 9, 160, 1.0 }, { 7, 200, 50.0 }, { 7, 107, 7.0 }, { 7, 100, 10.0 },
  };
  g_autofree TenureBgnbdCustomer *s = NULL;
  g_autofree gint64 *ids = NULL;
  gsize n;

  s = tenure_bgnbd_summarize (tx, G_N_ELEMENTS (tx), 150, 7.0, &ids, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (ids[0], ==, 3);
  g_assert_cmpuint (s[0].x, ==, 0);
  g_assert_cmpfloat (s[0].t_x, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (s[0].T, 40.0 / 7.0, 1e-12);
  g_assert_cmpfloat (s[0].mean_value, ==, 0.0);
  g_assert_cmpint (ids[1], ==, 7);
  g_assert_cmpuint (s[1].x, ==, 2);
  g_assert_cmpfloat_with_epsilon (s[1].t_x, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s[1].T, 50.0 / 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s[1].mean_value, 7.5, 1e-12);
}

static void
test_bgnbd_too_thin (void)
{
  gsize n;
  g_autofree TenureBgnbdCustomer *customers = load_summary (&n);
  g_autoptr(GArray) few_repeat = g_array_new (FALSE, FALSE, sizeof (TenureBgnbdCustomer));
  g_autoptr(GError) error = NULL;
  TenureBgnbdFit fit;
  TenureGammaGammaFit gg;
  guint repeat = 0;

  /* 99 customers */
  g_assert_false (tenure_bgnbd_fit (customers, 99, &fit, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_TOO_THIN);
  g_assert_false (fit.converged);
  g_assert_nonnull (fit.reason);
  g_assert_true (isnan (fit.params.r));
  g_clear_error (&error);

  /* plenty of customers, 19 repeat buyers */
  for (gsize i = 0; i < n; i++)
    if (customers[i].x == 0 || repeat < 19)
      {
        repeat += customers[i].x > 0;
        g_array_append_val (few_repeat, customers[i]);
      }
  g_assert_false (tenure_bgnbd_fit ((TenureBgnbdCustomer *) few_repeat->data, few_repeat->len, &fit, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_TOO_THIN);
  g_clear_error (&error);
  g_assert_false (tenure_gamma_gamma_fit ((TenureBgnbdCustomer *) few_repeat->data, few_repeat->len, &gg, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_TOO_THIN);
  g_assert_false (gg.converged);
  g_clear_error (&error);

  /* Zero-value repeat buyers stay out of the spend model; negative values
   * are refused. */
  {
    g_autofree TenureBgnbdCustomer *copy = g_memdup2 (customers, n * sizeof *customers);
    TenureGammaGammaFit ref;

    g_assert_true (tenure_gamma_gamma_fit (customers, n, &ref, NULL));
    copy[0].mean_value = 0.0;  /* customer 1 has x = 2 */
    g_assert_true (tenure_gamma_gamma_fit (copy, n, &gg, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (gg.n_customers, ==, ref.n_customers - 1);
    g_assert_cmpfloat (gg.params.p, !=, ref.params.p);
    copy[0].mean_value = -1.0;
    g_assert_false (tenure_gamma_gamma_fit (copy, n, &gg, &error));
    g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA);
    g_assert_false (gg.converged);
    g_clear_error (&error);
  }

  /* t_x beyond T is impossible */
  customers[0].t_x = customers[0].T + 1.0;
  g_assert_false (tenure_bgnbd_fit (customers, n, &fit, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bgnbd/published-likelihood", test_bgnbd_published_likelihood);
  g_test_add_func ("/bgnbd/fit", test_bgnbd_fit);
  g_test_add_func ("/bgnbd/gradient", test_bgnbd_gradient);
  g_test_add_func ("/bgnbd/synthetic-recovery", test_bgnbd_synthetic_recovery);
  g_test_add_func ("/bgnbd/expected-transactions", test_bgnbd_expected_transactions);
  g_test_add_func ("/bgnbd/transform", test_bgnbd_transform);
  g_test_add_func ("/bgnbd/hyp2f1", test_hyp2f1);
  g_test_add_func ("/bgnbd/p-alive", test_bgnbd_p_alive);
  g_test_add_func ("/bgnbd/gamma-gamma-published", test_gamma_gamma_published);
  g_test_add_func ("/bgnbd/gamma-gamma-by-hand", test_gamma_gamma_by_hand);
  g_test_add_func ("/bgnbd/summarize-cdnow", test_bgnbd_summarize_cdnow);
  g_test_add_func ("/bgnbd/summarize-by-hand", test_bgnbd_summarize_by_hand);
  g_test_add_func ("/bgnbd/too-thin", test_bgnbd_too_thin);
  return g_test_run ();
}
