/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-workspace.h"

G_BEGIN_DECLS

#define TENURE_TYPE_IMPORT_DIALOG (tenure_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TenureImportDialog, tenure_import_dialog, TENURE, IMPORT_DIALOG, AdwWindow)

/**
 * TenureImportDialogDoneFunc:
 * @file_name: the name of the imported file, as the batch records it
 * @report: what the import did: counts, rejects and the batch id to undo
 * @user_data: data given with the function
 *
 * Called on the main thread once for every file whose rows were committed.
 * @report belongs to the caller of the function only for the call.
 */
typedef void (*TenureImportDialogDoneFunc) (const char               *file_name,
                                            const TenureImportReport *report,
                                            gpointer                  user_data);

void                tenure_import_dialog_run          (GtkWindow                  *parent,
                                                       TenureWorkspace            *workspace,
                                                       GFile                     **files,
                                                       guint                       n_files,
                                                       TenureImportDialogDoneFunc  done,
                                                       gpointer                    user_data);
gboolean            tenure_import_dialog_undo         (TenureWorkspace            *workspace,
                                                       gint64                      batch_id,
                                                       GError                    **error);
gboolean            tenure_import_dialog_save_rejects (const TenureImportReport   *report,
                                                       GFile                      *file,
                                                       GError                    **error);

/* One dialog for one file; tenure_import_dialog_run() chains them. */
TenureImportDialog *tenure_import_dialog_new          (GtkWindow                  *parent,
                                                       TenureWorkspace            *workspace,
                                                       GFile                      *file);
void                tenure_import_dialog_set_done_func (TenureImportDialog        *self,
                                                        TenureImportDialogDoneFunc done,
                                                        gpointer                   user_data);
/* What the user would do, for tests and callers that preset choices. */
void                tenure_import_dialog_set_kind     (TenureImportDialog         *self,
                                                       TenureImportKind            kind);
void                tenure_import_dialog_set_date_order (TenureImportDialog       *self,
                                                         TenureDateOrder           order);
void                tenure_import_dialog_set_mapping  (TenureImportDialog         *self,
                                                       const char                 *column,
                                                       const char                 *field);
void                tenure_import_dialog_start_import (TenureImportDialog         *self);
void                tenure_import_dialog_cancel       (TenureImportDialog         *self);
/* TRUE while a preview, a count or the import is running or due. */
gboolean            tenure_import_dialog_is_busy      (TenureImportDialog         *self);
/* The report of the latest preview, or of the import once it finished. */
const TenureImportReport *tenure_import_dialog_get_report (TenureImportDialog     *self);
/* The message shown inline when the file cannot be imported as set. */
const char         *tenure_import_dialog_get_error    (TenureImportDialog         *self);
GListModel         *tenure_import_dialog_get_preview  (TenureImportDialog         *self);
const TenureImportPreviewRow *tenure_import_dialog_get_preview_row (TenureImportDialog *self,
                                                                    guint               position);

G_END_DECLS
