/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_hyperg.h>

#include "tenure-sbg.h"

/* sbg-retention.csv: accounts alive at the start of years 0–12, two cohorts. */
typedef struct
{
  guint64 regular[13];
  guint64 high_end[13];
} Retention;

static void
load_retention (Retention *r)
{
  const char *dir = g_getenv ("TENURE_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "sbg-retention.csv", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "year,regular,high_end");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      guint year;
      guint64 regular, high_end;

      g_assert_cmpint (sscanf (lines[i], "%u,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT,
                               &year, &regular, &high_end), ==, 3);
      g_assert_cmpuint (year, ==, n);
      r->regular[n] = regular;
      r->high_end[n] = high_end;
      n++;
    }
  g_assert_cmpuint (n, ==, 13);
}

static void
fit_years_0_to_7 (const guint64 *alive,
                  TenureSbgFit  *fit)
{
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;

  data = tenure_sbg_data_new_from_alive (alive, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->n_accounts, ==, 1000);
  g_assert_true (tenure_sbg_fit (data, fit, &error));
  g_assert_no_error (error);
  g_assert_true (fit->converged);
  g_assert_null (fit->reason);
  g_assert_cmpuint (fit->iterations, >, 0);
  /* The optimum really is a maximum: nudging either parameter lowers it. */
  for (int i = 0; i < 4; i++)
    {
      TenureSbgParams p = fit->params;

      if (i < 2)
        p.alpha *= i == 0 ? 1.01 : 0.99;
      else
        p.beta *= i == 2 ? 1.01 : 0.99;
      g_assert_cmpfloat (tenure_sbg_log_likelihood (&p, data), <, fit->log_likelihood);
    }
}

static void
test_sbg_published (void)
{
  Retention r;
  TenureSbgFit regular, high_end;

  load_retention (&r);
  fit_years_0_to_7 (r.regular, &regular);
  fit_years_0_to_7 (r.high_end, &high_end);

  /* Fader & Hardie (2007), to the three published decimals. */
  g_assert_cmpfloat_with_epsilon (regular.params.alpha, 0.704, 0.0005);
  g_assert_cmpfloat_with_epsilon (regular.params.beta, 1.182, 0.0005);
  g_assert_cmpfloat_with_epsilon (high_end.params.alpha, 0.668, 0.0005);
  g_assert_cmpfloat_with_epsilon (high_end.params.beta, 3.806, 0.0005);
  /* The paper's maximised log-likelihoods. */
  g_assert_cmpfloat_with_epsilon (regular.log_likelihood, -1680.3, 0.05);
  g_assert_cmpfloat_with_epsilon (high_end.log_likelihood, -1611.2, 0.05);
  g_test_message ("regular alpha %.4f beta %.4f LL %.3f; high end alpha %.4f beta %.4f LL %.3f",
                  regular.params.alpha, regular.params.beta, regular.log_likelihood,
                  high_end.params.alpha, high_end.params.beta, high_end.log_likelihood);
}

static void
test_sbg_projection (void)
{
  Retention r;
  TenureSbgFit fits[2];
  const guint64 *alive[2] = { r.regular, r.high_end };

  load_retention (&r);
  fit_years_0_to_7 (r.regular, &fits[0]);
  fit_years_0_to_7 (r.high_end, &fits[1]);

  for (int c = 0; c < 2; c++)
    {
      double curve[13];

      tenure_sbg_survival_curve (&fits[c].params, curve, 13);
      /* The hold-out years 8–12 were not used by the fit. */
      for (guint t = 8; t <= 12; t++)
        {
          double projected = 1000.0 * curve[t];
          double actual = (double) alive[c][t];

          g_assert_cmpfloat_with_epsilon (curve[t], tenure_sbg_survival (&fits[c].params, t), 1e-12);
          g_assert_cmpfloat (fabs (projected - actual) / actual, <, 0.05);
        }
    }
  /* The paper's example: about 378 against the actual 394. */
  g_assert_cmpfloat_with_epsilon (1000.0 * tenure_sbg_survival (&fits[1].params, 12), 378.0, 1.0);
}

static void
test_sbg_survival_by_hand (void)
{
  /* α = 1, β = 2: S(1) = 2/3, S(2) = 2/3·3/4 = 1/2, S(3) = 1/2·4/5 = 2/5,
   * and in general S(n) = 2/(n + 2). */
  TenureSbgParams p = { 1.0, 2.0 };
  double curve[5];

  g_assert_cmpfloat_with_epsilon (tenure_sbg_survival (&p, 0), 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (tenure_sbg_survival (&p, 1), 2.0 / 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (tenure_sbg_survival (&p, 2), 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (tenure_sbg_survival (&p, 3), 0.4, 1e-15);
  tenure_sbg_survival_curve (&p, curve, 5);
  for (guint t = 0; t < 5; t++)
    g_assert_cmpfloat_with_epsilon (curve[t], 2.0 / (t + 2.0), 1e-15);
}

static void
test_sbg_derl_by_hand (void)
{
  TenureSbgParams uniform = { 1.0, 1.0 };
  TenureSbgParams p = { 2.0, 1.0 };
  TenureSbgParams q = { 0.7, 1.2 };

  /* α = β = 1: S(n) = 1/(n + 1), so at tenure 0 with r = 0.5 (z = 2/3)
   * DERL = Σ_{k≥1} z^k/(k + 1) = (−ln(1 − z) − z)/z = 1.5 ln 3 − 1. */
  g_assert_cmpfloat_with_epsilon (tenure_sbg_derl (&uniform, 0, 0.5), 1.5 * log (3.0) - 1.0, 1e-8);
  /* At tenure 1: S(1 + k)/S(1) = 2/(k + 2), Σ 2 z^k/(k + 2)
   * = 2(−ln(1 − z) − z − z²/2)/z² = 4.5 ln 3 − 3 − 1 = 4.5 ln 3 − 4. */
  g_assert_cmpfloat_with_epsilon (tenure_sbg_derl (&uniform, 1, 0.5), 4.5 * log (3.0) - 4.0, 1e-8);

  /* α = 2, β = 1: S(n) = 2/((n + 1)(n + 2)); undiscounted the residual
   * lifetime at tenure 0 telescopes to 1, and (β + t)/(α − 1) in general. */
  g_assert_cmpfloat_with_epsilon (tenure_sbg_derl (&p, 0, 0.0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (tenure_sbg_derl (&p, 3, 0.0), 4.0, 1e-12);
  /* A tiny rate approaches the undiscounted value from below. */
  g_assert_cmpfloat (tenure_sbg_derl (&p, 0, 1e-4), <, 1.0);
  g_assert_cmpfloat (tenure_sbg_derl (&p, 0, 1e-4), >, 0.99);
  /* With α ≤ 1 the undiscounted sum diverges. */
  g_assert_true (isinf (tenure_sbg_derl (&q, 0, 0.0)));
  /* A vanishing rate would take forever to sum and is refused. */
  g_assert_true (isnan (tenure_sbg_derl (&q, 0, 1e-12)));

  /* Against the closed form 2F1(1, β + t; α + β + t; 1/(1 + r)) − 1. */
  for (guint t = 0; t < 40; t += 7)
    {
      double r = pow (1.1, 1.0 / 12.0) - 1.0;
      double z = 1.0 / (1.0 + r);
      double closed = gsl_sf_hyperg_2F1 (1.0, q.beta + t, q.alpha + q.beta + t, z) - 1.0;

      g_assert_cmpfloat_with_epsilon (tenure_sbg_derl (&q, t, r), closed, 1e-6 * closed);
    }
}

static void
test_sbg_derl_many (void)
{
  TenureSbgParams q = { 0.7, 1.2 };
  const guint tenure[] = { 0, 5, 0, 12, 5, 3 };
  double out[G_N_ELEMENTS (tenure)];

  tenure_sbg_derl_many (&q, tenure, G_N_ELEMENTS (tenure), 0.01, out);
  for (gsize i = 0; i < G_N_ELEMENTS (tenure); i++)
    g_assert_cmpfloat (out[i], ==, tenure_sbg_derl (&q, tenure[i], 0.01));
  /* Survivors are the better accounts: residual lifetime grows with tenure. */
  g_assert_cmpfloat (out[1], >, out[0]);
  g_assert_cmpfloat (out[3], >, out[1]);
}

static void
test_sbg_kaplan_meier (void)
{
  /* Seven accounts: churned at 1, 1, 3; active at 0, 2, 3, 4.
   * Renewal 1: at risk 6 (all but the tenure-0 account), 2 churn: S = 4/6.
   * Renewal 2: at risk 4, none churn: S = 4/6.
   * Renewal 3: at risk 3 (the one censored at 2 is gone), 1 churns: 4/6·2/3.
   * Renewal 4: at risk 1, none churn. */
  const guint tenure[] = { 1, 1, 3, 0, 2, 3, 4 };
  const gboolean churned[] = { TRUE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE };
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;
  double km[5];

  data = tenure_sbg_data_new_from_accounts (tenure, churned, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->n_periods, ==, 5);
  g_assert_cmpuint (data->n_accounts, ==, 7);
  tenure_sbg_kaplan_meier (data, km);
  g_assert_cmpfloat_with_epsilon (km[0], 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (km[1], 4.0 / 6.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (km[2], 4.0 / 6.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (km[3], 4.0 / 9.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (km[4], 4.0 / 9.0, 1e-15);
}

static void
test_sbg_kaplan_meier_cohort (void)
{
  /* Without censoring before the end, Kaplan–Meier is the survivor share. */
  Retention r;
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;
  double km[13];

  load_retention (&r);
  data = tenure_sbg_data_new_from_alive (r.high_end, 13, &error);
  g_assert_no_error (error);
  tenure_sbg_kaplan_meier (data, km);
  for (guint t = 0; t < 13; t++)
    g_assert_cmpfloat_with_epsilon (km[t], r.high_end[t] / 1000.0, 1e-12);
}

static void
test_sbg_accounts_match_alive (void)
{
  /* The per-account form of the regular cohort (years 0–7) fits exactly as
   * the aggregate form does. */
  Retention r;
  g_autoptr(GArray) tenure = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) churned = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;
  TenureSbgFit fit, ref;

  load_retention (&r);
  for (guint t = 1; t <= 7; t++)
    for (guint64 i = 0; i < r.regular[t - 1] - r.regular[t]; i++)
      {
        gboolean yes = TRUE;

        g_array_append_val (tenure, t);
        g_array_append_val (churned, yes);
      }
  for (guint64 i = 0; i < r.regular[7]; i++)
    {
      guint t = 7;
      gboolean no = FALSE;

      g_array_append_val (tenure, t);
      g_array_append_val (churned, no);
    }
  data = tenure_sbg_data_new_from_accounts ((guint *) tenure->data, (gboolean *) churned->data,
                                            tenure->len, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_sbg_fit (data, &fit, &error));
  fit_years_0_to_7 (r.regular, &ref);
  g_assert_cmpfloat_with_epsilon (fit.params.alpha, ref.params.alpha, 1e-6);
  g_assert_cmpfloat_with_epsilon (fit.params.beta, ref.params.beta, 1e-6);
  g_assert_cmpfloat_with_epsilon (fit.log_likelihood, ref.log_likelihood, 1e-6);
}

static void
test_sbg_synthetic_recovery (void)
{
  /* 20,000 accounts acquired over 36 months with θ ~ Beta(0.7, 1.2), most
   * of them censored at different tenures: the fit recovers the parameters
   * (standard errors are about 3 %), and the fitted curve stays close to
   * the Kaplan–Meier estimate of the same data. */
  const TenureSbgParams truth = { 0.7, 1.2 };
  const gsize n = 20000;
  g_autofree guint *tenure = g_new (guint, n);
  g_autofree gboolean *churned = g_new (gboolean, n);
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *km = NULL;
  g_autofree double *curve = NULL;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  TenureSbgFit fit;

  gsl_rng_set (rng, 42);
  for (gsize i = 0; i < n; i++)
    {
      guint observable = gsl_rng_uniform_int (rng, 36);
      guint lifetime = gsl_ran_geometric (rng, gsl_ran_beta (rng, truth.alpha, truth.beta));

      churned[i] = lifetime <= observable;
      tenure[i] = churned[i] ? lifetime : observable;
    }
  gsl_rng_free (rng);

  data = tenure_sbg_data_new_from_accounts (tenure, churned, n, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_sbg_fit (data, &fit, &error));
  g_assert_no_error (error);
  g_test_message ("synthetic: alpha %.4f beta %.4f", fit.params.alpha, fit.params.beta);
  g_assert_cmpfloat (fabs (fit.params.alpha / truth.alpha - 1.0), <, 0.1);
  g_assert_cmpfloat (fabs (fit.params.beta / truth.beta - 1.0), <, 0.1);

  km = g_new (double, data->n_periods);
  curve = g_new (double, data->n_periods);
  tenure_sbg_kaplan_meier (data, km);
  tenure_sbg_survival_curve (&fit.params, curve, data->n_periods);
  for (gsize t = 0; t < data->n_periods; t++)
    g_assert_cmpfloat (fabs (km[t] - curve[t]), <, 0.02);
}

static void
test_sbg_too_thin (void)
{
  Retention r;
  g_autoptr(TenureSbgData) short_data = NULL;
  g_autoptr(TenureSbgData) small_data = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 small[] = { 29, 25, 22, 20, 19, 18, 17, 16 };
  TenureSbgFit fit;

  load_retention (&r);
  /* 1,000 accounts but only years 0–4: five periods. */
  short_data = tenure_sbg_data_new_from_alive (r.regular, 5, &error);
  g_assert_no_error (error);
  g_assert_false (tenure_sbg_fit (short_data, &fit, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_TOO_THIN);
  g_assert_false (fit.converged);
  g_assert_nonnull (fit.reason);
  g_assert_true (isnan (fit.params.alpha) && isnan (fit.params.beta));
  g_clear_error (&error);

  /* Eight periods but 29 accounts. */
  small_data = tenure_sbg_data_new_from_alive (small, G_N_ELEMENTS (small), &error);
  g_assert_no_error (error);
  g_assert_false (tenure_sbg_fit (small_data, &fit, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_TOO_THIN);
  g_assert_true (isnan (fit.params.alpha));
}

static void
test_sbg_no_optimum (void)
{
  /* Nobody ever churns: there is no finite maximum likelihood estimate. */
  const guint64 alive[] = { 100, 100, 100, 100, 100, 100, 100 };
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;
  TenureSbgFit fit;

  data = tenure_sbg_data_new_from_alive (alive, G_N_ELEMENTS (alive), &error);
  g_assert_no_error (error);
  g_assert_false (tenure_sbg_fit (data, &fit, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_NOT_CONVERGED);
  g_assert_false (fit.converged);
  g_assert_nonnull (fit.reason);
}

static void
test_sbg_boundary_optimum (void)
{
  /* Everybody churns at the first renewal: θ = 1 for all, the likelihood
   * keeps rising as β → 0, and the fit must say it did not converge. */
  const guint64 alive[] = { 100, 0, 0, 0, 0, 0, 0 };
  g_autoptr(TenureSbgData) data = NULL;
  g_autoptr(GError) error = NULL;
  TenureSbgFit fit;

  data = tenure_sbg_data_new_from_alive (alive, G_N_ELEMENTS (alive), &error);
  g_assert_no_error (error);
  g_assert_false (tenure_sbg_fit (data, &fit, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_NOT_CONVERGED);
  g_assert_false (fit.converged);
}

static void
test_sbg_invalid (void)
{
  const guint tenure[] = { 0 };
  const gboolean churned[] = { TRUE };
  const guint64 alive[] = { 10, 12 };
  g_autoptr(GError) error = NULL;

  g_assert_null (tenure_sbg_data_new_from_accounts (tenure, churned, 1, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (tenure_sbg_data_new_from_alive (alive, 2, &error));
  g_assert_error (error, TENURE_MODEL_ERROR, TENURE_MODEL_ERROR_INVALID_DATA);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sbg/published", test_sbg_published);
  g_test_add_func ("/sbg/projection", test_sbg_projection);
  g_test_add_func ("/sbg/survival-by-hand", test_sbg_survival_by_hand);
  g_test_add_func ("/sbg/derl-by-hand", test_sbg_derl_by_hand);
  g_test_add_func ("/sbg/derl-many", test_sbg_derl_many);
  g_test_add_func ("/sbg/kaplan-meier", test_sbg_kaplan_meier);
  g_test_add_func ("/sbg/kaplan-meier-cohort", test_sbg_kaplan_meier_cohort);
  g_test_add_func ("/sbg/accounts-match-alive", test_sbg_accounts_match_alive);
  g_test_add_func ("/sbg/synthetic-recovery", test_sbg_synthetic_recovery);
  g_test_add_func ("/sbg/too-thin", test_sbg_too_thin);
  g_test_add_func ("/sbg/no-optimum", test_sbg_no_optimum);
  g_test_add_func ("/sbg/boundary-optimum", test_sbg_boundary_optimum);
  g_test_add_func ("/sbg/invalid", test_sbg_invalid);
  return g_test_run ();
}
