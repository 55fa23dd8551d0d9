/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-report-print"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-report-print.h"

/* Page setup and print settings outlive one print run: the next report
 * prints on the paper the user chose last time. */
static GtkPageSetup *last_page_setup;
static GtkPrintSettings *last_settings;

typedef struct
{
  TenureReportData   *data;
  TenureReportLayout *layout;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->layout, tenure_report_layout_free);
  g_clear_pointer (&job->data, tenure_report_data_free);
  g_free (job);
}

static TenureReportPaper
paper_of (GtkPageSetup *setup)
{
  GtkPaperSize *size = gtk_page_setup_get_paper_size (setup);
  const char *name = gtk_paper_size_get_name (size);

  return g_strcmp0 (name, GTK_PAPER_NAME_LETTER) == 0 ? TENURE_REPORT_PAPER_LETTER
                                                      : TENURE_REPORT_PAPER_A4;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  TenureReportOptions options = { TENURE_REPORT_PAPER_A4, FALSE };
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  double width, height;

  /* The report lays itself out on its paper in portrait points; landscape
   * pages are turned by request-page-setup. */
  options.paper = paper_of (setup);
  tenure_report_paper_get_size (options.paper, &width, &height);
  g_clear_pointer (&job->layout, tenure_report_layout_free);
  job->layout = tenure_report_layout_new (job->data, &options, width, height);
  gtk_print_operation_set_n_pages (operation, tenure_report_layout_get_n_pages (job->layout));
}

static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       GtkPageSetup      *setup,
                       PrintJob          *job)
{
  gtk_page_setup_set_orientation (setup, tenure_report_layout_page_is_landscape (job->layout, page)
                                           ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                           : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  tenure_report_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), page);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
      g_set_object (&last_page_setup, gtk_print_operation_get_default_page_setup (operation));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      g_warning ("Printing failed: %s", error ? error->message : "unknown error");
    }
  g_object_unref (operation);
}

/**
 * tenure_report_print:
 * @parent: (nullable): the window
 * @data: (transfer full): the report
 */
void
tenure_report_print (GtkWindow        *parent,
                     TenureReportData *data)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  PrintJob *job = g_new0 (PrintJob, 1);
  g_autoptr(GError) error = NULL;

  job->data = data;
  /* The report draws its own margins, footers and page numbers. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, data->workspace_name ? data->workspace_name : "Tenure");
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
  if (last_page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, last_page_setup);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), NULL);
  g_object_weak_ref (G_OBJECT (operation), (GWeakNotify) print_job_free, job);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (error != NULL)
    g_warning ("Could not print: %s", error->message);
}

static void
export_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    TenureReportData *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      TenureReportOptions options = { TENURE_REPORT_PAPER_A4, FALSE };
      g_autoptr(GError) error = NULL;

      if (last_page_setup != NULL)
        options.paper = paper_of (last_page_setup);
      if (!tenure_report_write_pdf (data, &options, path, &error))
        {
          GtkWidget *message = adw_message_dialog_new (gtk_native_dialog_get_transient_for (dialog),
                                                       _("Could Not Export the Report"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (message));
        }
    }
  tenure_report_data_free (data);
  g_object_unref (dialog);
}

/**
 * tenure_report_export_pdf:
 * @parent: (nullable): the window
 * @data: (transfer full): the report
 */
void
tenure_report_export_pdf (GtkWindow        *parent,
                          TenureReportData *data)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Export Report as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  /* Translators: the file name of an exported report: workspace and period. */
  name = g_strdup_printf (_("%s – %s.pdf"), data->workspace_name ? data->workspace_name : "Tenure",
                          data->period_label ? data->period_label : _("Report"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The preview */

typedef struct
{
  TenureReportData   *data;
  TenureReportLayout *layout;
  double              width;   /* portrait page size in points */
  double              height;
} Preview;

static void
preview_free (Preview *preview)
{
  g_clear_pointer (&preview->layout, tenure_report_layout_free);
  g_clear_pointer (&preview->data, tenure_report_data_free);
  g_free (preview);
}

static void
draw_preview_page (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  Preview *preview = g_object_get_data (G_OBJECT (area), "preview");
  guint page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "page"));
  gboolean landscape = tenure_report_layout_page_is_landscape (preview->layout, page);
  double page_w = landscape ? preview->height : preview->width;
  double page_h = landscape ? preview->width : preview->height;
  double scale = MIN (width / page_w, height / page_h);

  /* Paper is white in dark mode too: this is what will be printed. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, page_w * scale, page_h * scale);
  cairo_fill (cr);
  cairo_scale (cr, scale, scale);
  tenure_report_layout_draw_page (preview->layout, cr, page);
}

static void
preview_print_cb (GtkButton *button,
                  GtkWindow *window)
{
  Preview *preview = g_object_get_data (G_OBJECT (window), "preview");

  tenure_report_print (window, g_steal_pointer (&preview->data));
  gtk_window_destroy (window);
}

static void
preview_export_cb (GtkButton *button,
                   GtkWindow *window)
{
  Preview *preview = g_object_get_data (G_OBJECT (window), "preview");

  tenure_report_export_pdf (gtk_window_get_transient_for (window), g_steal_pointer (&preview->data));
  gtk_window_destroy (window);
}

/**
 * tenure_report_preview_new:
 * @parent: (nullable): the window
 * @data: (transfer full): the report
 *
 * Returns: (transfer none): the preview window, presented
 */
GtkWindow *
tenure_report_preview_new (GtkWindow        *parent,
                           TenureReportData *data)
{
  TenureReportOptions options = { TENURE_REPORT_PAPER_A4, FALSE };
  Preview *preview = g_new0 (Preview, 1);
  GtkWidget *window, *box, *header, *scrolled, *pages, *button, *title;
  g_autofree char *subtitle = NULL;
  guint n;

  if (last_page_setup != NULL)
    options.paper = paper_of (last_page_setup);
  preview->data = data;
  tenure_report_paper_get_size (options.paper, &preview->width, &preview->height);
  preview->layout = tenure_report_layout_new (data, &options, preview->width, preview->height);
  n = tenure_report_layout_get_n_pages (preview->layout);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Report Preview"));
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 900);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  g_object_set_data_full (G_OBJECT (window), "preview", preview, (GDestroyNotify) preview_free);
  g_object_set_data (G_OBJECT (window), "n-pages", GUINT_TO_POINTER (n));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  subtitle = g_strdup_printf (ngettext ("%s · %u page", "%s · %u pages", n),
                              data->period_label ? data->period_label : "", n);
  title = adw_window_title_new (_("Board Report"), subtitle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  button = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (preview_print_cb), window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  button = gtk_button_new_with_mnemonic (_("_Export PDF…"));
  g_signal_connect (button, "clicked", G_CALLBACK (preview_export_cb), window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  pages = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (pages, 24);
  gtk_widget_set_margin_bottom (pages, 24);
  gtk_widget_set_halign (pages, GTK_ALIGN_CENTER);
  for (guint page = 0; page < n; page++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      gboolean landscape = tenure_report_layout_page_is_landscape (preview->layout, page);
      int w = 640, h = (int) (640 * (landscape ? preview->width / preview->height
                                               : preview->height / preview->width));
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), page + 1, n);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), w);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), h);
      g_object_set_data (G_OBJECT (area), "preview", preview);
      g_object_set_data (G_OBJECT (area), "page", GUINT_TO_POINTER (page));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_preview_page, NULL, NULL);
      gtk_widget_add_css_class (area, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (GTK_BOX (pages), area);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), pages);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

guint
tenure_report_preview_get_n_pages (GtkWindow *preview)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (preview), "n-pages"));
}
