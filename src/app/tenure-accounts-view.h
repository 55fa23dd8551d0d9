/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-account-detail.h"
#include "tenure-account-list.h"

G_BEGIN_DECLS

#define TENURE_TYPE_ACCOUNTS_VIEW (tenure_accounts_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureAccountsView, tenure_accounts_view, TENURE, ACCOUNTS_VIEW, AdwBin)

GtkWidget           *tenure_accounts_view_new            (void);
void                 tenure_accounts_view_set_accounts   (TenureAccountsView *self,
                                                          TenureAccountList  *accounts);
/* The filtered and sorted accounts, as the list shows them. */
GListModel          *tenure_accounts_view_get_model      (TenureAccountsView *self);
GtkColumnView       *tenure_accounts_view_get_column_view (TenureAccountsView *self);
TenureAccountDetail *tenure_accounts_view_get_detail     (TenureAccountsView *self);
/* The filters, as the widgets in the view's bar set them (tests, actions). */
void                 tenure_accounts_view_set_search     (TenureAccountsView *self,
                                                          const char         *text);
gboolean             tenure_accounts_view_set_filter     (TenureAccountsView *self,
                                                          const char         *property,
                                                          const char         *value);
void                 tenure_accounts_view_set_at_risk_only (TenureAccountsView *self,
                                                          gboolean            at_risk_only);
gboolean             tenure_accounts_view_select         (TenureAccountsView *self,
                                                          const char         *key);
/* Selects and scrolls to the account, clearing what filters hide it. */
gboolean             tenure_accounts_view_reveal         (TenureAccountsView *self,
                                                          const char         *key);
void                 tenure_accounts_view_show_at_risk   (TenureAccountsView *self);
/* Filters again after figures changed under the model (at-risk, stage). */
void                 tenure_accounts_view_refilter       (TenureAccountsView *self);
void                 tenure_accounts_view_focus_search   (TenureAccountsView *self);

G_END_DECLS
