/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-bgnbd.h"
#include "tenure-json.h"
#include "tenure-ledger.h"
#include "tenure-sbg.h"

G_BEGIN_DECLS

/* Future account value of a workspace: the value models (tenure-sbg,
 * tenure-bgnbd) fitted to what the ledger knew at a report date. */

typedef enum
{
  TENURE_VALUE_MODEL_AUTO,
  TENURE_VALUE_MODEL_SURVIVAL,
  TENURE_VALUE_MODEL_BGNBD,
} TenureValueModel;

typedef struct
{
  TenureValueModel model;
  TenureDay        as_of;
  int              horizon_months;   /* <= 0: the value-horizon setting */
} TenureValueOptions;

typedef struct
{
  const char *account;                 /* key, owned by the ledger */
  int         tenure_months;           /* survival: whole months of the current spell */
  gint64      mrr;                     /* survival: MRR at the report date */
  double      expected_months;         /* survival: discounted expected residual lifetime */
  double      expected_transactions;   /* BG/NBD: won deals expected in the horizon */
  double      p_alive;                 /* BG/NBD */
  double      expected_value;          /* Gamma-Gamma: expected deal value, currency units */
  gint64      future_value;            /* minor units */
} TenureValueAccount;

typedef struct
{
  TenureValueModel     model;          /* resolved: never AUTO */
  TenureDay            as_of;
  int                  horizon_months;
  double               gross_margin;
  double               discount_rate;  /* annual */
  guint                n_accounts;     /* accounts (customers) the model was fitted on */
  gboolean             converged;
  char                *reason;         /* why there is no figure; NULL when converged */

  TenureSbgFit         sbg;
  double              *kaplan_meier;   /* survival: S(t) for t = 0 … n_km-1 */
  double              *fitted;         /* survival: the fitted S(t) at the same t */
  guint                n_km;

  TenureBgnbdFit       bgnbd;
  TenureGammaGammaFit  spend;
  gboolean             spend_converged;

  gint64               future_account_value;  /* minor units; meaningful when converged */
  GArray              *accounts;              /* TenureValueAccount */
} TenureValueResult;

TenureValueResult *tenure_value_compute      (TenureLedger             *ledger,
                                              const TenureValueOptions *options,
                                              GError                  **error);
void               tenure_value_result_free  (TenureValueResult        *result);

/* The `value --json` document. */
void               tenure_value_write_json   (TenureValueResult        *result,
                                              TenureJson               *json);

/* Future account value at @as_of, refitted on what was known then; NaN when
 * the model cannot be fitted at that date. */
double             tenure_value_future_at    (TenureLedger             *ledger,
                                              TenureValueModel          model,
                                              TenureDay                 as_of);

const char        *tenure_value_model_to_string (TenureValueModel  model);
gboolean           tenure_value_model_parse     (const char       *text,
                                                 TenureValueModel *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureValueResult, tenure_value_result_free)

G_END_DECLS
