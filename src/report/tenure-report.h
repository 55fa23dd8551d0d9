/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tenure-report-data.h"

G_BEGIN_DECLS

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
