/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar date as a day number: days since 1970-01-01 (which is day 0).
 * Dates in Tenure have no time of day and no time zone; a plain integer makes
 * "d - N < closed_on <= d" and binary searches cheap. */
typedef gint32 TenureDay;

#define TENURE_DAY_NONE G_MININT32

/* A month as a month number: year * 12 + (month - 1). */
typedef gint32 TenureMonth;

TenureDay   tenure_day_from_ymd       (int         year,
                                       int         month,
                                       int         day);
void        tenure_day_to_ymd         (TenureDay   day,
                                       int        *year,
                                       int        *month,
                                       int        *mday);
gboolean    tenure_day_valid_ymd      (int         year,
                                       int         month,
                                       int         day);
/* Parses strict ISO "YYYY-MM-DD"; FALSE for anything else or an impossible date. */
gboolean    tenure_day_parse_iso      (const char *text,
                                       TenureDay  *out);
/* Writes "YYYY-MM-DD" into @buf (at least 11 bytes); returns @buf. */
char       *tenure_day_format_iso     (TenureDay   day,
                                       char       *buf);
char       *tenure_day_to_iso         (TenureDay   day);
TenureDay   tenure_day_today          (void);
int         tenure_days_in_month      (int         year,
                                       int         month);
int         tenure_day_weekday        (TenureDay   day); /* 1 = Monday … 7 = Sunday */

TenureMonth tenure_month_of_day       (TenureDay   day);
TenureMonth tenure_month_from_ym      (int         year,
                                       int         month);
int         tenure_month_year         (TenureMonth month);
int         tenure_month_month        (TenureMonth month); /* 1–12 */
TenureDay   tenure_month_first_day    (TenureMonth month);
TenureDay   tenure_month_last_day     (TenureMonth month);
/* "YYYY-MM" */
gboolean    tenure_month_parse        (const char *text,
                                       TenureMonth *out);
char       *tenure_month_format       (TenureMonth month,
                                       char       *buf); /* at least 8 bytes */

G_END_DECLS
