/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @value to @out as one CSV cell (RFC 4180): quoted when it holds a
 * comma, a double quote, CR or LF, with quotes doubled. A cell beginning with
 * =, +, -, @, a tab or CR is made inert with a leading single quote, so a
 * spreadsheet shows it as text instead of running it as a formula. %NULL is
 * an empty cell. No separator is written. */
void tenure_csv_write_cell (GString    *out,
                            const char *value);

/* Appends @n_values cells separated by commas and ended by CRLF. */
void tenure_csv_write_row  (GString           *out,
                            const char *const *values,
                            gsize              n_values);

G_END_DECLS
