/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "tenure-model.h"
#include "tenure-model-private.h"

/**
 * tenure_model_error_quark:
 *
 * The error domain of the value models: invalid input, data too thin for a
 * model, or a fit without a converged optimum (see #TenureModelError).
 *
 * Returns: the #TENURE_MODEL_ERROR quark
 */
G_DEFINE_QUARK (tenure-model-error-quark, tenure_model_error)

/* The models normalise their objective to the mean negative log-likelihood
 * per observation, so one gradient tolerance fits data sets of any size. */
#define GRADIENT_TOLERANCE 1e-7
/* exp(±15) spans 3e-7 … 3e6: a log parameter beyond it means the optimum is on
 * the boundary (no churn observed, all buyers identical…), not a fit. */
#define THETA_LIMIT 15.0
#define MAX_ITERATIONS 2000

typedef struct
{
  TenureObjectiveFunc func;
  gpointer            user_data;
  gsize               dim;
  /* The last point evaluated, with its value and gradient: GSL's line search
   * asks for f and then for the gradient at the same point, and the models
   * get the gradient almost for free with f. */
  gboolean            cached;
  double              cache_x[8];
  double              cache_f;
  double              cache_grad[8];
} Objective;

static void
evaluate (Objective        *o,
          const gsl_vector *v)
{
  const double *x = gsl_vector_const_ptr (v, 0);

  g_assert (v->stride == 1);
  if (o->cached && memcmp (x, o->cache_x, o->dim * sizeof (double)) == 0)
    return;
  memcpy (o->cache_x, x, o->dim * sizeof (double));
  o->cache_f = o->func (x, o->cache_grad, o->user_data);
  /* GSL's minimisers treat +inf as "worse" and back off; NaN would poison
   * the line search. */
  if (!isfinite (o->cache_f))
    {
      o->cache_f = INFINITY;
      memset (o->cache_grad, 0, sizeof o->cache_grad);
    }
  o->cached = TRUE;
}

static double
objective_f (const gsl_vector *v,
             void             *params)
{
  Objective *o = params;

  evaluate (o, v);
  return o->cache_f;
}

static void
objective_df (const gsl_vector *v,
              void             *params,
              gsl_vector       *df)
{
  Objective *o = params;

  evaluate (o, v);
  memcpy (gsl_vector_ptr (df, 0), o->cache_grad, o->dim * sizeof (double));
}

static void
objective_fdf (const gsl_vector *v,
               void             *params,
               double           *f,
               gsl_vector       *df)
{
  Objective *o = params;

  evaluate (o, v);
  *f = o->cache_f;
  memcpy (gsl_vector_ptr (df, 0), o->cache_grad, o->dim * sizeof (double));
}

static double
gradient_norm (Objective    *o,
               const double *theta)
{
  g_autofree double *grad = g_new0 (double, o->dim);
  double norm = 0.0;

  o->func (theta, grad, o->user_data);
  for (gsize i = 0; i < o->dim; i++)
    norm = MAX (norm, fabs (grad[i]));
  return isfinite (norm) ? norm : INFINITY;
}

/* One start: BFGS with the analytic gradient, which converges in tens of
 * iterations; when its line search stalls short of the tolerance (it can on
 * flat ridges), a Nelder–Mead simplex takes over from where it stopped. */
static void
minimize_from (Objective    *o,
               const double *start,
               double       *theta,
               double       *value,
               guint        *iterations)
{
  gsl_multimin_function_fdf fdf = { objective_f, objective_df, objective_fdf, o->dim, o };
  gsl_multimin_function fn = { objective_f, o->dim, o };
  gsl_vector_view x0 = gsl_vector_view_array ((double *) start, o->dim);
  gsl_multimin_fdfminimizer *bfgs;
  gsl_multimin_fminimizer *simplex;
  gsl_vector *step;
  guint iter = 0;
  int status;

  bfgs = gsl_multimin_fdfminimizer_alloc (gsl_multimin_fdfminimizer_vector_bfgs2, o->dim);
  gsl_multimin_fdfminimizer_set (bfgs, &fdf, &x0.vector, 0.1, 0.1);
  do
    {
      iter++;
      status = gsl_multimin_fdfminimizer_iterate (bfgs);
      if (status != GSL_SUCCESS)
        break;
      status = gsl_multimin_test_gradient (bfgs->gradient, GRADIENT_TOLERANCE);
    }
  while (status == GSL_CONTINUE && iter < MAX_ITERATIONS);

  for (gsize i = 0; i < o->dim; i++)
    theta[i] = gsl_vector_get (bfgs->x, i);
  *value = bfgs->f;
  gsl_multimin_fdfminimizer_free (bfgs);

  /* BFGS may stop for want of progress with the gradient a little above the
   * tolerance: the line search has hit the rounding floor of f, and the
   * point is the optimum for every practical purpose. */
  if (isfinite (*value) && gradient_norm (o, theta) <= 100 * GRADIENT_TOLERANCE)
    {
      *iterations += iter;
      return;
    }

  x0 = gsl_vector_view_array (isfinite (*value) ? theta : (double *) start, o->dim);
  step = gsl_vector_alloc (o->dim);
  gsl_vector_set_all (step, 0.2);
  simplex = gsl_multimin_fminimizer_alloc (gsl_multimin_fminimizer_nmsimplex2, o->dim);
  gsl_multimin_fminimizer_set (simplex, &fn, &x0.vector, step);
  do
    {
      iter++;
      status = gsl_multimin_fminimizer_iterate (simplex);
      if (status != GSL_SUCCESS)
        break;
      status = gsl_multimin_test_size (gsl_multimin_fminimizer_size (simplex), 1e-10);
    }
  while (status == GSL_CONTINUE && iter < 10 * MAX_ITERATIONS);

  for (gsize i = 0; i < o->dim; i++)
    theta[i] = gsl_vector_get (simplex->x, i);
  *value = simplex->fval;
  gsl_multimin_fminimizer_free (simplex);
  gsl_vector_free (step);
  *iterations += iter;
}

void
_tenure_minimize (TenureObjectiveFunc  func,
                  gpointer             user_data,
                  gsize                dim,
                  const double        *starts,
                  gsize                n_starts,
                  double              *theta,
                  TenureMinimum       *result)
{
  static gsize handler_off = 0;
  Objective o = { func, user_data, dim, FALSE };
  g_autofree double *candidate = g_new0 (double, dim);
  double best = INFINITY;
  gboolean any_finite = FALSE;
  gboolean any_inside = FALSE;

  g_assert (dim > 0 && dim <= G_N_ELEMENTS (o.cache_x) && n_starts > 0);

  /* GSL's default handler aborts the process on a domain error; a model fit
   * must report failure instead. */
  if (g_once_init_enter (&handler_off))
    {
      gsl_set_error_handler_off ();
      g_once_init_leave (&handler_off, 1);
    }

  result->iterations = 0;
  result->converged = FALSE;
  result->reason = "the likelihood could not be evaluated at any starting point";

  for (gsize s = 0; s < n_starts; s++)
    {
      double value;
      gboolean inside = TRUE;

      minimize_from (&o, starts + s * dim, candidate, &value, &result->iterations);
      if (!isfinite (value))
        continue;
      any_finite = TRUE;

      for (gsize i = 0; i < dim; i++)
        inside = inside && fabs (candidate[i]) < THETA_LIMIT;
      any_inside = any_inside || inside;

      /* Two converged starts that land on the same optimum settle it: the
       * remaining starts are there for likelihoods with several local
       * optima, which then show up as a disagreement. */
      if (result->converged && inside && fabs (value - best) <= 1e-10 * MAX (1.0, fabs (best)))
        {
          gboolean same = TRUE;

          for (gsize i = 0; i < dim; i++)
            same = same && fabs (candidate[i] - theta[i]) <= 1e-4;
          if (same)
            break;
        }

      /* Keep the best optimum overall, but only call it converged when it is
       * interior and its gradient vanishes there. */
      if (value < best)
        {
          best = value;
          memcpy (theta, candidate, dim * sizeof (double));
          result->converged = inside && gradient_norm (&o, candidate) <= 1e3 * GRADIENT_TOLERANCE;
        }
    }

  result->value = best;
  if (result->converged)
    result->reason = NULL;
  else if (any_finite && !any_inside)
    result->reason = "the parameters run off to zero or infinity (the data has no interior optimum)";
  else if (any_finite)
    result->reason = "the maximisation stopped before the gradient vanished";
}
