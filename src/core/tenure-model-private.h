/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Objective to minimise: returns f(theta) and, when @grad is not NULL, stores
 * the gradient there. Returns a non-finite value where f is undefined. */
typedef double (*TenureObjectiveFunc) (const double *theta,
                                       double       *grad,
                                       gpointer      user_data);

typedef struct
{
  double      value;       /* best f found */
  guint       iterations;  /* summed over all starts */
  gboolean    converged;
  const char *reason;      /* static, NULL when converged */
} TenureMinimum;

/* Multi-start minimisation in an unconstrained space (the models pass log
 * parameters). @starts holds @n_starts points of @dim coordinates; the best
 * converged optimum is written to @theta. */
void _tenure_minimize (TenureObjectiveFunc  func,
                       gpointer             user_data,
                       gsize                dim,
                       const double        *starts,
                       gsize                n_starts,
                       double              *theta,
                       TenureMinimum       *result);

G_END_DECLS
