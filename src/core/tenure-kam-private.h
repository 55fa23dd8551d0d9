/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include <glib.h>
#include <sqlite3.h>

#include "tenure-date.h"

G_BEGIN_DECLS

/* Helpers shared by the key-account, segment, scorecard and at-risk code.
 * Not installed, not public API. */

/* The key-account window: the twelve months ending at @as_of, that is the day
 * after the same date a year earlier through @as_of (a 29 February report
 * date starts its window on 1 March). */
TenureDay   _tenure_kam_window_start      (TenureDay      as_of);

/* The segment window: the first day of month p − 11, p the month of @as_of. */
TenureDay   _tenure_segment_window_start  (TenureDay      as_of);

/* The fiscal year containing @day, named by the calendar year it ends in,
 * and its first day. */
int         _tenure_fiscal_year_of        (TenureDay      day,
                                           int            start_month);
TenureDay   _tenure_fiscal_year_first_day (int            fiscal_year,
                                           int            start_month);

/* Prepares @sql or sets @error with SQLite's message. */
sqlite3_stmt *_tenure_kam_prepare         (sqlite3       *db,
                                           const char    *sql,
                                           GError       **error);
/* Finishes a step loop: FALSE with @error unless @rc is SQLITE_DONE. */
gboolean    _tenure_kam_step_done         (sqlite3       *db,
                                           int            rc,
                                           GError       **error);
/* Binds @day as ISO text: dates in the workspace compare as text. */
void        _tenure_kam_bind_day          (sqlite3_stmt  *stmt,
                                           int            index,
                                           TenureDay      day);
/* A date column, or TENURE_DAY_NONE when NULL or not a valid date. */
TenureDay   _tenure_kam_column_day        (sqlite3_stmt  *stmt,
                                           int            column);
/* A text column as a new string, NULL when NULL. */
char       *_tenure_kam_column_dup        (sqlite3_stmt  *stmt,
                                           int            column);

/* numerator / denominator, NaN when the denominator is zero. */
static inline double
_tenure_ratio (double numerator,
               double denominator)
{
  return denominator != 0.0 ? numerator / denominator : (double) NAN;
}

G_END_DECLS
