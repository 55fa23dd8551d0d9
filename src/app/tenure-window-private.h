/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-account-list.h"
#include "tenure-accounts-view.h"
#include "tenure-analysis.h"
#include "tenure-figures.h"
#include "tenure-view-state.h"
#include "tenure-window.h"

G_BEGIN_DECLS

/* The window's state, shared by tenure-window.c (structure, views,
 * figures), tenure-window-actions.c and tenure-window-dnd.c. */
struct _TenureWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *content_pane;
  GtkListBox           *sidebar;
  AdwWindowTitle       *window_title;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkStack             *stack;
  GtkDropDown          *period_dropdown;
  GtkMenuButton        *range_button;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkEntry             *as_of_entry;
  GtkLabel             *range_hint;
  GtkRevealer          *drop_revealer;
  GMenu                *recent_section;
  AdwWindowTitle       *loading_title;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;

  /* Owned */
  TenureWorkspace      *workspace;
  TenureAccountList    *accounts;
  TenureViewState      *view_state;
  TenureFigures        *figures;          /* the analysis, kept up to date */
  GSettings            *settings;
  GtkWindow            *preferences;      /* weak */
  guint                 poll_id;
  gulong                changed_id;
  gulong                recent_changed_id;
  char                 *loading_path;     /* the file being opened, or NULL */
  GCancellable         *load_cancellable;

  /* Borrowed from the stack */
  TenureAccountsView   *accounts_view;
  GPtrArray            *chart_pages;      /* TenureChartPage */
};

void _tenure_window_class_actions_init (TenureWindowClass *klass);
void _tenure_window_actions_init       (TenureWindow      *self);
void _tenure_window_update_actions     (TenureWindow      *self);
void _tenure_window_update_title      (TenureWindow      *self);
void _tenure_window_update_recent      (TenureWindow      *self);
void _tenure_window_dnd_init           (TenureWindow      *self);
/* Handles a dropped GdkFileList: opens workspaces, hands CSV files to the
 * import. Returns whether anything was accepted. */
gboolean _tenure_window_drop           (TenureWindow      *self,
                                        const GValue      *value);
gboolean _tenure_window_has_import_func (void);
void _tenure_window_toast              (TenureWindow      *self,
                                        const char        *message);

G_END_DECLS
