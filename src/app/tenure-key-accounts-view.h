/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_KEY_ACCOUNTS_VIEW (tenure_key_accounts_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureKeyAccountsView, tenure_key_accounts_view, TENURE, KEY_ACCOUNTS_VIEW, TenureChartPage)

GtkWidget *tenure_key_accounts_view_new (void);

G_END_DECLS
