/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TENURE_TYPE_ACCOUNT (tenure_account_get_type ())

G_DECLARE_FINAL_TYPE (TenureAccount, tenure_account, TENURE, ACCOUNT, GObject)

TenureAccount *tenure_account_new               (const char    *key);

const char    *tenure_account_get_key           (TenureAccount *self);
const char    *tenure_account_get_name          (TenureAccount *self);
void           tenure_account_set_name          (TenureAccount *self,
                                                 const char    *name);
const char    *tenure_account_get_segment       (TenureAccount *self);
void           tenure_account_set_segment       (TenureAccount *self,
                                                 const char    *segment);
const char    *tenure_account_get_owner         (TenureAccount *self);
void           tenure_account_set_owner         (TenureAccount *self,
                                                 const char    *owner);
int            tenure_account_get_account_type  (TenureAccount *self);
void           tenure_account_set_account_type  (TenureAccount *self,
                                                 int            account_type);
const char    *tenure_account_get_region        (TenureAccount *self);
void           tenure_account_set_region        (TenureAccount *self,
                                                 const char    *region);
const char    *tenure_account_get_stage         (TenureAccount *self);
void           tenure_account_set_stage         (TenureAccount *self,
                                                 const char    *stage);
gint64         tenure_account_get_mrr           (TenureAccount *self);
void           tenure_account_set_mrr           (TenureAccount *self,
                                                 gint64         mrr);
gint64         tenure_account_get_arr           (TenureAccount *self);
const char    *tenure_account_get_originated_on (TenureAccount *self);
void           tenure_account_set_originated_on (TenureAccount *self,
                                                 const char    *date);
const char    *tenure_account_get_churned_on    (TenureAccount *self);
void           tenure_account_set_churned_on    (TenureAccount *self,
                                                 const char    *date);
double         tenure_account_get_overall_score (TenureAccount *self);
void           tenure_account_set_overall_score (TenureAccount *self,
                                                 double         score);
gboolean       tenure_account_get_at_risk       (TenureAccount *self);
const char    *tenure_account_get_at_risk_reasons (TenureAccount *self);
void           tenure_account_set_at_risk_reasons (TenureAccount *self,
                                                 const char    *reasons);
const char    *tenure_account_get_last_touch    (TenureAccount *self);
void           tenure_account_set_last_touch    (TenureAccount *self,
                                                 const char    *date);
gboolean       tenure_account_get_active        (TenureAccount *self);
void           tenure_account_set_active        (TenureAccount *self,
                                                 gboolean       active);
int            tenure_account_get_tenure_months (TenureAccount *self);
void           tenure_account_set_tenure_months (TenureAccount *self,
                                                 int            months);

G_END_DECLS
