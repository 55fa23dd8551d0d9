/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tenure-report-data.h"

G_BEGIN_DECLS

/* The board-meeting report, laid out once and drawn page by page into any
 * cairo_t: the PDF export (tenure_report_write_pdf()) and GtkPrintOperation
 * share every line of it.
 *
 * Printing, in points and on the full page (the report keeps its own
 * margins, wider than any printer's hard margins):
 *
 *   gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
 *   gtk_print_operation_set_use_full_page (op, TRUE);
 *   ::begin-print        layout = tenure_report_layout_new (data, &options,
 *                          gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
 *                          gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));
 *                        gtk_print_operation_set_n_pages (op, tenure_report_layout_get_n_pages (layout));
 *   ::request-page-setup gtk_page_setup_set_orientation (setup,
 *                          tenure_report_layout_page_is_landscape (layout, page)
 *                          ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
 *   ::draw-page          tenure_report_layout_draw_page (layout,
 *                          gtk_print_context_get_cairo_context (context), page);
 *   ::end-print          tenure_report_layout_free (layout);
 *
 * The data must outlive the layout. A layout measures text with the
 * calling thread's Pango font map: draw it in the thread that made it. The
 * PDF export does both in one call, so it can run in a worker thread.
 */

#define TENURE_REPORT_ERROR (tenure_report_error_quark ())

/**
 * TenureReportError:
 * @TENURE_REPORT_ERROR_WRITE: the PDF could not be written
 */
typedef enum
{
  TENURE_REPORT_ERROR_WRITE,
} TenureReportError;

/**
 * TenureReportPaper:
 * @TENURE_REPORT_PAPER_A4: ISO A4, 595 × 842 pt
 * @TENURE_REPORT_PAPER_LETTER: US Letter, 612 × 792 pt
 */
typedef enum
{
  TENURE_REPORT_PAPER_A4,
  TENURE_REPORT_PAPER_LETTER,
} TenureReportPaper;

/**
 * TenureReportOptions:
 * @paper: paper size of the PDF (the print operation gives its own)
 * @all_accounts: list every account in the progress scorecard, not only
 *   types 1 and 2 and the flagged ones
 *
 * How to lay out the report. A %NULL options pointer means A4, board view.
 */
typedef struct
{
  TenureReportPaper paper;
  gboolean          all_accounts;
} TenureReportOptions;

typedef struct _TenureReportLayout TenureReportLayout;

GQuark              tenure_report_error_quark              (void);

void                tenure_report_paper_get_size           (TenureReportPaper          paper,
                                                            double                    *width,
                                                            double                    *height);

gboolean            tenure_report_write_pdf                (const TenureReportData    *data,
                                                            const TenureReportOptions *options,
                                                            const char                *path,
                                                            GError                   **error);

TenureReportLayout *tenure_report_layout_new               (const TenureReportData    *data,
                                                            const TenureReportOptions *options,
                                                            double                     page_width,
                                                            double                     page_height);
void                tenure_report_layout_free              (TenureReportLayout        *layout);
guint               tenure_report_layout_get_n_pages       (TenureReportLayout        *layout);
gboolean            tenure_report_layout_page_is_landscape (TenureReportLayout        *layout,
                                                            guint                      page);
void                tenure_report_layout_draw_page         (TenureReportLayout        *layout,
                                                            cairo_t                   *cr,
                                                            guint                      page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureReportLayout, tenure_report_layout_free)

G_END_DECLS
