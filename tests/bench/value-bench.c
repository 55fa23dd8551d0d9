/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the value models; not a test (timings depend on the machine).
 *
 *   value-bench [DATA_DIR]
 *
 * Times the BG/NBD and Gamma-Gamma fits on the CDNOW summary against the same
 * BG/NBD likelihood maximised by SciPy (Nelder–Mead on the log parameters, as
 * the Python `lifetimes` library does), and the sBG fit plus the per-account
 * discounted residual lifetimes of 100,000 synthetic accounts. */
#define G_LOG_DOMAIN "tenure-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "tenure-bgnbd.h"
#include "tenure-sbg.h"

#define RUNS 7
#define SYNTHETIC_ACCOUNTS 100000
#define SYNTHETIC_MONTHS 60

static const char scipy_script[] =
  "import sys, time\n"
  "import numpy as np\n"
  "from scipy.optimize import minimize\n"
  "from scipy.special import gammaln\n"
  "d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)\n"
  "x, tx, T = d[:, 1], d[:, 2], d[:, 3]\n"
  "rep = x > 0\n"
  "def nll(lp):\n"
  "    r, alpha, a, b = np.exp(lp)\n"
  "    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)\n"
  "    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)\n"
  "    a3 = -(r + x) * np.log(alpha + T)\n"
  "    a4 = np.full_like(x, -np.inf)\n"
  "    a4[rep] = np.log(a) - np.log(b + x[rep] - 1) - (r + x[rep]) * np.log(alpha + tx[rep])\n"
  "    return -np.sum(a1 + a2 + np.logaddexp(a3, a4)) / len(x)\n"
  "times = []\n"
  "for i in range(int(sys.argv[2])):\n"
  "    t0 = time.perf_counter()\n"
  "    res = minimize(nll, np.zeros(4), method='Nelder-Mead', options={'maxiter': 10000})\n"
  "    times.append(time.perf_counter() - t0)\n"
  "times.sort()\n"
  "p = np.exp(res.x)\n"
  "print('%.9f %d %.6f %.6f %.6f %.6f %.4f %d' % (times[len(times) // 2], res.nfev, p[0], p[1], p[2], p[3],\n"
  "      -res.fun * len(x), res.success))\n";

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        gsize   n)
{
  qsort (v, n, sizeof (double), compare_double);
  return v[n / 2];
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static TenureBgnbdCustomer *
load_summary (const char *path,
              gsize      *n)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TenureBgnbdCustomer));

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL && *g_strstrip (lines[i]) != '\0'; i++)
    {
      TenureBgnbdCustomer c;
      guint id;

      if (sscanf (lines[i], "%u,%u,%lf,%lf,%lf", &id, &c.x, &c.t_x, &c.T, &c.mean_value) != 5)
        g_error ("%s: line %u is not ID,x,t_x,T,zbar", path, i + 1);
      g_array_append_val (out, c);
    }
  *n = out->len;
  return (TenureBgnbdCustomer *) g_array_free (g_steal_pointer (&out), FALSE);
}

static gboolean
run_scipy (const char *summary,
           double     *seconds,
           char      **details)
{
  const char *candidates[] = { g_getenv ("TENURE_PYTHON"), "/usr/bin/python3", "python3" };
  g_autofree char *runs = g_strdup_printf ("%d", RUNS);

  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *argv[] = { candidates[i], "-c", scipy_script, summary, runs, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;
      double t, r, alpha, a, b, ll;
      int nfev, success;

      if (candidates[i] == NULL)
        continue;
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                         &out, &err, &status, NULL) ||
          !g_spawn_check_wait_status (status, NULL))
        continue;
      if (sscanf (out, "%lf %d %lf %lf %lf %lf %lf %d", &t, &nfev, &r, &alpha, &a, &b, &ll, &success) != 8)
        continue;
      *seconds = t;
      *details = g_strdup_printf ("r %.4f alpha %.4f a %.4f b %.4f LL %.2f, %d evaluations, %s, %s",
                                  r, alpha, a, b, ll, nfev, success ? "converged" : "NOT converged",
                                  candidates[i]);
      return TRUE;
    }
  return FALSE;
}

static void
bench_bgnbd (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "cdnow", "cdnow_customers_summary_with_transactions.csv", NULL);
  g_autofree TenureBgnbdCustomer *customers = NULL;
  g_autofree char *scipy_details = NULL;
  double t_bgnbd[RUNS], t_gg[RUNS], t_both[RUNS];
  double tenure_bgnbd, tenure_both, scipy;
  TenureBgnbdFit fit;
  TenureGammaGammaFit gg;
  gsize n;

  customers = load_summary (path, &n);
  for (int i = 0; i < RUNS; i++)
    {
      double t0 = now (), t1, t2;

      if (!tenure_bgnbd_fit (customers, n, &fit, NULL))
        g_error ("BG/NBD fit failed: %s", fit.reason);
      t1 = now ();
      if (!tenure_gamma_gamma_fit (customers, n, &gg, NULL))
        g_error ("Gamma-Gamma fit failed: %s", gg.reason);
      t2 = now ();
      t_bgnbd[i] = t1 - t0;
      t_gg[i] = t2 - t1;
      t_both[i] = t2 - t0;
    }
  tenure_bgnbd = median (t_bgnbd, RUNS);
  tenure_both = median (t_both, RUNS);

  printf ("CDNOW customers: %" G_GSIZE_FORMAT "\n", n);
  printf ("Tenure BG/NBD fit: r %.4f alpha %.4f a %.4f b %.4f LL %.2f, %u iterations\n",
          fit.params.r, fit.params.alpha, fit.params.a, fit.params.b, fit.log_likelihood, fit.iterations);
  printf ("Tenure Gamma-Gamma fit: p %.4f q %.4f gamma %.4f LL %.2f, %u iterations\n",
          gg.params.p, gg.params.q, gg.params.gamma, gg.log_likelihood, gg.iterations);
  printf ("Tenure BG/NBD fit time (median of %d): %.2f ms\n", RUNS, tenure_bgnbd * 1e3);
  printf ("Tenure Gamma-Gamma fit time (median of %d): %.2f ms\n", RUNS, median (t_gg, RUNS) * 1e3);
  printf ("Tenure BG/NBD + Gamma-Gamma time (median of %d): %.2f ms\n", RUNS, tenure_both * 1e3);

  if (!run_scipy (path, &scipy, &scipy_details))
    {
      printf ("SciPy BG/NBD fit: unavailable (no python3 with numpy and scipy; set TENURE_PYTHON)\n");
      return;
    }
  printf ("SciPy BG/NBD fit: %s\n", scipy_details);
  printf ("SciPy BG/NBD fit time (Nelder-Mead, median of %d): %.2f ms\n", RUNS, scipy * 1e3);
  printf ("Ratio SciPy / Tenure, BG/NBD fit: %.1fx\n", scipy / tenure_bgnbd);
  printf ("Ratio SciPy BG/NBD / Tenure BG/NBD + Gamma-Gamma: %.1fx\n", scipy / tenure_both);
}

static void
bench_sbg (void)
{
  const TenureSbgParams truth = { 0.7, 1.2 };
  const double monthly_rate = pow (1.10, 1.0 / 12.0) - 1.0;
  g_autofree guint *tenure = g_new (guint, SYNTHETIC_ACCOUNTS);
  g_autofree gboolean *churned = g_new (gboolean, SYNTHETIC_ACCOUNTS);
  g_autofree guint *active_tenure = g_new (guint, SYNTHETIC_ACCOUNTS);
  g_autofree double *derl = g_new (double, SYNTHETIC_ACCOUNTS);
  g_autoptr(GError) error = NULL;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  double times[RUNS], total = 0.0;
  TenureSbgFit fit;
  gsize n_active = 0;

  /* Accounts originate uniformly over five years; each has its own churn
   * probability θ ~ Beta(α, β) and a geometric lifetime; those still alive at
   * the end are censored at their tenure. */
  gsl_rng_set (rng, 20070101);
  for (gsize i = 0; i < SYNTHETIC_ACCOUNTS; i++)
    {
      guint observable = gsl_rng_uniform_int (rng, SYNTHETIC_MONTHS);
      double theta = gsl_ran_beta (rng, truth.alpha, truth.beta);
      guint lifetime = theta > 0 ? gsl_ran_geometric (rng, theta) : G_MAXUINT;

      churned[i] = lifetime <= observable;
      tenure[i] = churned[i] ? lifetime : observable;
      if (!churned[i])
        active_tenure[n_active++] = tenure[i];
    }
  gsl_rng_free (rng);

  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(TenureSbgData) data = NULL;
      double t0 = now ();

      data = tenure_sbg_data_new_from_accounts (tenure, churned, SYNTHETIC_ACCOUNTS, &error);
      if (data == NULL || !tenure_sbg_fit (data, &fit, &error))
        g_error ("sBG fit failed: %s", error->message);
      tenure_sbg_derl_many (&fit.params, active_tenure, n_active, monthly_rate, derl);
      times[r] = now () - t0;
    }
  for (gsize i = 0; i < n_active; i++)
    total += derl[i];

  printf ("sBG synthetic accounts: %d (%" G_GSIZE_FORMAT " active), true alpha %.3f beta %.3f\n",
          SYNTHETIC_ACCOUNTS, n_active, truth.alpha, truth.beta);
  printf ("sBG fit: alpha %.4f beta %.4f LL %.2f, %u iterations; mean DERL %.3f months at 10%%/year\n",
          fit.params.alpha, fit.params.beta, fit.log_likelihood, fit.iterations, total / n_active);
  printf ("sBG fit + per-account DERL, 100k accounts (median of %d): %.2f ms\n", RUNS,
          median (times, RUNS) * 1e3);

  /* The same values without sharing sums between equal tenures: the cost of
   * the direct summation itself. */
  {
    double t0 = now ();

    for (gsize i = 0; i < n_active; i++)
      derl[i] = tenure_sbg_derl (&fit.params, active_tenure[i], monthly_rate);
    printf ("sBG per-account DERL without the per-tenure cache, 100k accounts: %.2f ms\n",
            (now () - t0) * 1e3);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = argc > 1 ? argv[1] : g_getenv ("TENURE_SHARED_DATA");

  if (dir == NULL)
    dir = TENURE_SHARED_DATA_DIR;

  bench_bgnbd (dir);
  bench_sbg ();
  return 0;
}
