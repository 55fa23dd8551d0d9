/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-date.h"

G_BEGIN_DECLS

typedef enum
{
  TENURE_PARSE_OK,
  TENURE_PARSE_EMPTY,
  TENURE_PARSE_INVALID,       /* not a date / number at all */
  TENURE_PARSE_IMPOSSIBLE,    /* a date's form, but no such calendar day */
  TENURE_PARSE_AMBIGUOUS,     /* 01/03/2024 with no date order known */
  TENURE_PARSE_TOO_PRECISE,   /* more decimals than the currency has */
  TENURE_PARSE_OVERFLOW,
} TenureParseResult;

typedef enum
{
  TENURE_DATE_ORDER_UNKNOWN,
  TENURE_DATE_ORDER_DMY,
  TENURE_DATE_ORDER_MDY,
} TenureDateOrder;

typedef enum
{
  TENURE_DECIMAL_UNKNOWN,
  TENURE_DECIMAL_POINT,
  TENURE_DECIMAL_COMMA,
} TenureDecimalMark;

/* What the first pass learns about one date column. */
typedef struct
{
  guint64 day_first;     /* 25/03/2024: only day-month order fits */
  guint64 month_first;   /* 03/25/2024 */
  guint64 ambiguous;     /* 01/03/2024 */
  guint64 first_ambiguous_row;
} TenureDateScan;

/* What the first pass learns about one number column. */
typedef struct
{
  guint64 point;         /* 1234.5, 1,234.50, 1,234,567 */
  guint64 comma;         /* 1234,5, 1.234,50, 1.234.567 */
  guint64 ambiguous;     /* 1,234 or 1.234 */
} TenureDecimalScan;

void              tenure_date_scan_add        (TenureDateScan      *scan,
                                               const char          *text,
                                               guint64              row);
TenureDateOrder   tenure_date_scan_decide     (const TenureDateScan *scan,
                                               gboolean            *undecidable);
TenureParseResult tenure_parse_date           (const char          *text,
                                               TenureDateOrder      order,
                                               TenureDay           *out,
                                               char               **reason);
const char       *tenure_date_order_to_string (TenureDateOrder      order);
gboolean          tenure_date_order_from_string (const char        *text,
                                                 TenureDateOrder   *order);

void              tenure_decimal_scan_add     (TenureDecimalScan   *scan,
                                               const char          *text);
TenureDecimalMark tenure_decimal_scan_decide  (const TenureDecimalScan *scan,
                                               char                 delimiter);
TenureParseResult tenure_parse_amount         (const char          *text,
                                               TenureDecimalMark    mark,
                                               int                  exponent,
                                               gint64              *minor,
                                               char               **reason);

int               tenure_currency_exponent    (const char          *code);
gint64            tenure_div_round_half_even  (gint64               num,
                                               gint64               den);
TenureParseResult tenure_parse_bool           (const char          *text,
                                               gboolean            *out);
char             *tenure_format_minor         (gint64               minor,
                                               int                  exponent);

G_END_DECLS
