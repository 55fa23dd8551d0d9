/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors shared by the value models (sBG, BG/NBD, Gamma-Gamma). */
#define TENURE_MODEL_ERROR (tenure_model_error_quark ())

typedef enum
{
  /* The input is malformed (a negative count, t_x > T, a value <= 0…). */
  TENURE_MODEL_ERROR_INVALID_DATA,
  /* Fewer accounts, periods or repeat buyers than METRICS.md requires. */
  TENURE_MODEL_ERROR_TOO_THIN,
  /* The likelihood maximisation did not converge to an interior optimum. */
  TENURE_MODEL_ERROR_NOT_CONVERGED,
} TenureModelError;

GQuark tenure_model_error_quark (void);

G_END_DECLS
