/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-report.h"

G_BEGIN_DECLS

/* Printing, PDF export and the in-window preview of the board report. All
 * three draw the same TenureReportLayout that `tenure-cli report` writes. */

/* Runs the system print dialog for the report; remembers the page setup and
 * print settings for the next time. Takes ownership of @data. */
void       tenure_report_print       (GtkWindow        *parent,
                                      TenureReportData *data);
/* Asks where to save and writes the PDF; takes ownership of @data. */
void       tenure_report_export_pdf  (GtkWindow        *parent,
                                      TenureReportData *data);
/* A window showing every page, with Print and Export PDF buttons; takes
 * ownership of @data. */
GtkWindow *tenure_report_preview_new (GtkWindow        *parent,
                                      TenureReportData *data);
/* The pages of the preview window, for tests. */
guint      tenure_report_preview_get_n_pages (GtkWindow *preview);

G_END_DECLS
