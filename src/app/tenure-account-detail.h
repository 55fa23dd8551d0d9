/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-account.h"
#include "tenure-workspace.h"

G_BEGIN_DECLS

#define TENURE_TYPE_ACCOUNT_DETAIL (tenure_account_detail_get_type ())

G_DECLARE_FINAL_TYPE (TenureAccountDetail, tenure_account_detail, TENURE, ACCOUNT_DETAIL, AdwBin)

GtkWidget     *tenure_account_detail_new            (void);
void           tenure_account_detail_set_workspace  (TenureAccountDetail *self,
                                                     TenureWorkspace     *workspace);
void           tenure_account_detail_set_account    (TenureAccountDetail *self,
                                                     TenureAccount       *account);
TenureAccount *tenure_account_detail_get_account    (TenureAccountDetail *self);
/* The spin button scoring @metric (a sub-metric's name), or NULL. */
GtkSpinButton *tenure_account_detail_get_score_spin (TenureAccountDetail *self,
                                                     const char          *metric);
/* Reads the account's records again (after a write, or another program's). */
void           tenure_account_detail_reload         (TenureAccountDetail *self);

G_END_DECLS
