/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money in minor units as the views show it, in @currency (ISO 4217):
 * whole units with grouping ("$12,400") or, with @cents, two decimals. */
char       *tenure_format_money        (gint64      minor,
                                        const char *currency,
                                        gboolean    cents);
/* A human label for an at-risk reason code ("low_score"). */
const char *tenure_format_risk_reason  (const char *code);
/* The reasons of a comma-separated list, translated, joined by ", ". */
char       *tenure_format_risk_reasons (const char *codes);
/* "1 — Strategic agreement" and so on; NULL for 0. */
const char *tenure_format_account_type (int         type);

G_END_DECLS
