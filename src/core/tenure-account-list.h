/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tenure-account.h"
#include "tenure-workspace.h"

G_BEGIN_DECLS

/* The figures of one account at the report date, as the metrics engine
 * computes them; applied to the list with tenure_account_list_apply_figures(). */
typedef struct
{
  const char *key;
  const char *stage;
  const char *originated_on;
  const char *churned_on;
  const char *last_touch;
  const char *at_risk_reasons;   /* comma-separated reason codes, or NULL */
  gint64      mrr;
  double      overall_score;     /* NaN when unscored */
  int         tenure_months;
  gboolean    active;
} TenureAccountUpdate;

#define TENURE_TYPE_ACCOUNT_LIST (tenure_account_list_get_type ())

G_DECLARE_FINAL_TYPE (TenureAccountList, tenure_account_list, TENURE, ACCOUNT_LIST, GObject)

TenureAccountList *tenure_account_list_new            (TenureWorkspace            *workspace);
TenureWorkspace   *tenure_account_list_get_workspace  (TenureAccountList          *self);
gboolean           tenure_account_list_reload         (TenureAccountList          *self,
                                                       GError                    **error);
TenureAccount     *tenure_account_list_lookup         (TenureAccountList          *self,
                                                       const char                 *key);
void               tenure_account_list_apply_figures  (TenureAccountList          *self,
                                                       const TenureAccountUpdate *figures,
                                                       guint                       n_figures);

G_END_DECLS
