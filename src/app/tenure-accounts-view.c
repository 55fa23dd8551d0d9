/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-accounts-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tenure-accounts-view.h"
#include "tenure-format.h"

/* The accounts list: the account model through a GtkFilterListModel (search
 * and the filter bar) and a GtkSortListModel (the column headers) into a
 * GtkColumnView, with the selected account's detail beside it. */

typedef enum
{
  FILTER_SEGMENT,
  FILTER_OWNER,
  FILTER_TYPE,
  FILTER_STAGE,
  N_FILTERS
} FilterId;

typedef struct
{
  const char    *property;
  const char    *all_label;
  GtkDropDown   *dropdown;   /* borrowed from the template */
  GtkStringList *labels;     /* owned; item 0 is "all" */
  GPtrArray     *values;     /* owned; raw values, parallel to labels from 1 */
  char          *selected;   /* the raw value filtered on, or NULL */
} Filter;

struct _TenureAccountsView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *segment_filter;
  GtkDropDown         *owner_filter;
  GtkDropDown         *type_filter;
  GtkDropDown         *stage_filter;
  GtkToggleButton     *at_risk_toggle;
  GtkMenuButton       *filter_button;
  GtkWidget           *clear_filters_button;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  TenureAccountDetail *detail;
  AdwFlap             *detail_flap;

  /* Owned */
  TenureAccountList   *accounts;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  char                *search_folded;
  char                *currency;
  gulong               changed_id;
  Filter               filters[N_FILTERS];
  gboolean             at_risk_only;
  gboolean             rebuilding;
};

G_DEFINE_FINAL_TYPE (TenureAccountsView, tenure_accounts_view, ADW_TYPE_BIN)

static void update_filter_button (TenureAccountsView *self);
static void scroll_to            (TenureAccountsView *self,
                                  guint               position);

typedef enum
{
  COLUMN_TEXT,
  COLUMN_MONEY,
  COLUMN_TYPE,
  COLUMN_SCORE,
  COLUMN_TENURE,
  COLUMN_RISK,
} ColumnKind;

typedef struct
{
  const char *id;
  const char *title;
  const char *property;
  ColumnKind  kind;
  int         width;     /* fixed width, 0 for the content's; negative: at
                          * least its magnitude, and the room left over */
} ColumnSpec;

static const ColumnSpec columns[] = {
  { "name", N_("Account"), "name", COLUMN_TEXT, -150 },
  { "segment", N_("Segment"), "segment", COLUMN_TEXT, 0 },
  { "owner", N_("Owner"), "owner", COLUMN_TEXT, 0 },
  { "type", N_("Type"), "account-type", COLUMN_TYPE, 0 },
  { "stage", N_("Stage"), "stage", COLUMN_TEXT, 130 },
  { "mrr", N_("MRR"), "mrr", COLUMN_MONEY, 90 },
  { "arr", N_("ARR"), "arr", COLUMN_MONEY, 100 },
  { "tenure", N_("Tenure"), "tenure-months", COLUMN_TENURE, 0 },
  { "score", N_("Score"), "overall-score", COLUMN_SCORE, 0 },
  { "last-touch", N_("Last Touch"), "last-touch", COLUMN_TEXT, 0 },
  { "at-risk", N_("At Risk"), "at-risk-reasons", COLUMN_RISK, 150 },
};

/* The workspace currency, read once per change rather than once per cell. */
static void
update_currency (TenureAccountsView *self)
{
  g_clear_pointer (&self->currency, g_free);
  if (self->accounts != NULL)
    self->currency = tenure_workspace_get_setting (tenure_account_list_get_workspace (self->accounts),
                                                   "currency");
}

static void
update_cell (GtkListItem *item)
{
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (item), "spec");
  TenureAccountsView *self = g_object_get_data (G_OBJECT (item), "view");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  TenureAccount *account = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (account == NULL)
    return;
  switch (spec->kind)
    {
    case COLUMN_TEXT:
      g_object_get (account, spec->property, &text, NULL);
      break;
    case COLUMN_MONEY:
      {
        gint64 value;

        g_object_get (account, spec->property, &value, NULL);
        text = tenure_format_money (value, self->currency, FALSE);
        break;
      }
    case COLUMN_TYPE:
      {
        int type = tenure_account_get_account_type (account);

        text = type > 0 ? g_strdup_printf ("%d", type) : NULL;
        gtk_widget_set_tooltip_text (GTK_WIDGET (label), tenure_format_account_type (type));
        break;
      }
    case COLUMN_SCORE:
      {
        double score = tenure_account_get_overall_score (account);

        text = isnan (score) ? NULL : g_strdup_printf ("%.1f", score);
        break;
      }
    case COLUMN_TENURE:
      {
        int months = tenure_account_get_tenure_months (account);

        /* A tenure is only meaningful once the account has originated. */
        if (tenure_account_get_originated_on (account) != NULL)
          /* Translators: a tenure in months, abbreviated for a table cell. */
          text = g_strdup_printf (_("%d mo"), months);
        break;
      }
    case COLUMN_RISK:
      text = tenure_format_risk_reasons (tenure_account_get_at_risk_reasons (account));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
      if (text != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
      break;
    }
  if (text == NULL && spec->kind == COLUMN_RISK)
    gtk_label_set_text (label, "");
  else
    gtk_label_set_text (label, text ? text : "—");
}

static void
account_notify_cb (TenureAccount *account,
                   GParamSpec    *pspec,
                   GtkListItem   *item)
{
  update_cell (item);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TenureAccountsView       *self)
{
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (factory), "spec");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (spec->kind == COLUMN_MONEY || spec->kind == COLUMN_SCORE ||
      spec->kind == COLUMN_TYPE || spec->kind == COLUMN_TENURE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "spec", (gpointer) spec);
  g_object_set_data (G_OBJECT (item), "view", self);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TenureAccountsView       *self)
{
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (factory), "spec");
  TenureAccount *account = gtk_list_item_get_item (item);
  g_autofree char *signal = g_strdup_printf ("notify::%s", spec->property);

  update_cell (item);
  g_signal_connect_object (account, signal, G_CALLBACK (account_notify_cb), item, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TenureAccountsView       *self)
{
  TenureAccount *account = gtk_list_item_get_item (item);

  if (account != NULL)
    g_signal_handlers_disconnect_by_func (account, account_notify_cb, item);
}

/* Unscored accounts (NaN) sort after every scored one, in both directions
 * of the numeric order, as a spreadsheet puts empty cells last. */
static int
compare_score (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  double sa = tenure_account_get_overall_score ((TenureAccount *) a);
  double sb = tenure_account_get_overall_score ((TenureAccount *) b);

  if (isnan (sa) || isnan (sb))
    return isnan (sa) - isnan (sb);
  return sa < sb ? GTK_ORDERING_SMALLER : sa > sb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkSorter *
create_sorter (const ColumnSpec *spec)
{
  GtkExpression *expression;

  if (spec->kind == COLUMN_SCORE)
    return GTK_SORTER (gtk_custom_sorter_new (compare_score, NULL, NULL));
  if (spec->kind == COLUMN_RISK)
    expression = gtk_property_expression_new (TENURE_TYPE_ACCOUNT, NULL, "at-risk");
  else
    expression = gtk_property_expression_new (TENURE_TYPE_ACCOUNT, NULL, spec->property);
  if (spec->kind == COLUMN_TEXT)
    return GTK_SORTER (gtk_string_sorter_new (expression));
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

static void
create_columns (TenureAccountsView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = create_sorter (&columns[i]);
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "spec", (gpointer) &columns[i]);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      g_object_set_data (G_OBJECT (column), "id", (gpointer) columns[i].id);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].width < 0)
        {
          gtk_column_view_column_set_fixed_width (column, -columns[i].width);
          gtk_column_view_column_set_expand (column, TRUE);
        }
      else if (columns[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static const char *
peek_filter_value (TenureAccount *account,
                   const char    *property)
{
  if (g_str_equal (property, "segment"))
    return tenure_account_get_segment (account);
  if (g_str_equal (property, "owner"))
    return tenure_account_get_owner (account);
  if (g_str_equal (property, "stage"))
    return tenure_account_get_stage (account);
  g_assert_not_reached ();
}

/* Through the getters rather than g_object_get(): the filters read every
 * account of the list, a hundred thousand of them in a large workspace. */
static char *
dup_filter_value (TenureAccount *account,
                  const char    *property)
{
  if (g_str_equal (property, "account-type"))
    {
      int type = tenure_account_get_account_type (account);

      return type > 0 ? g_strdup_printf ("%d", type) : NULL;
    }
  return g_strdup (peek_filter_value (account, property));
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/* Whether filter @i is set and @account does not match it. */
static gboolean
filter_hides (TenureAccountsView *self,
              guint               i,
              TenureAccount      *account)
{
  g_autofree char *value = NULL;

  if (self->filters[i].selected == NULL)
    return FALSE;
  value = dup_filter_value (account, self->filters[i].property);
  return g_strcmp0 (value, self->filters[i].selected) != 0;
}

static gboolean
filter_account (gpointer item,
                gpointer user_data)
{
  TenureAccountsView *self = user_data;
  TenureAccount *account = item;

  if (self->at_risk_only && !tenure_account_get_at_risk (account))
    return FALSE;
  for (guint i = 0; i < N_FILTERS; i++)
    if (filter_hides (self, i, account))
      return FALSE;
  if (self->search_folded != NULL)
    return contains_folded (tenure_account_get_name (account), self->search_folded) ||
           contains_folded (tenure_account_get_key (account), self->search_folded) ||
           contains_folded (tenure_account_get_owner (account), self->search_folded);
  return TRUE;
}

static void
update_count (TenureAccountsView *self)
{
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  guint total = self->accounts ? g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) : 0;
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u account", "%u of %u accounts", total),
                          shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    total == 0 ? "no-accounts" : shown == 0 ? "no-match" : "list");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* Fills a filter's drop-down with the distinct values of the accounts,
 * keeping the current choice when it is still there. */
static void
rebuild_filter (TenureAccountsView *self,
                Filter             *filter)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  guint n = self->accounts ? g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) : 0;
  guint selected = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TenureAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      char *value;

      if (!g_str_equal (filter->property, "account-type"))
        {
          const char *peeked = peek_filter_value (account, filter->property);

          if (peeked == NULL || *peeked == '\0' || g_hash_table_contains (seen, peeked))
            continue;
        }
      value = dup_filter_value (account, filter->property);
      if (value == NULL || *value == '\0' || g_hash_table_contains (seen, value))
        {
          g_free (value);
          continue;
        }
      g_hash_table_add (seen, value);
      g_ptr_array_add (values, g_strdup (value));
    }
  g_ptr_array_sort (values, compare_strings);

  self->rebuilding = TRUE;
  g_clear_pointer (&filter->values, g_ptr_array_unref);
  filter->values = g_steal_pointer (&values);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    GtkStringList *list;

    g_ptr_array_add (labels, (gpointer) _(filter->all_label));
    for (guint i = 0; i < filter->values->len; i++)
      {
        const char *value = g_ptr_array_index (filter->values, i);

        if (g_str_equal (filter->property, "account-type"))
          g_ptr_array_add (labels, (gpointer) tenure_format_account_type (atoi (value)));
        else
          g_ptr_array_add (labels, (gpointer) value);
        if (g_strcmp0 (value, filter->selected) == 0)
          selected = i + 1;
      }
    g_ptr_array_add (labels, NULL);
    list = gtk_string_list_new ((const char * const *) labels->pdata);
    g_set_object (&filter->labels, list);
    gtk_drop_down_set_model (filter->dropdown, G_LIST_MODEL (list));
    g_object_unref (list);
  }
  gtk_drop_down_set_selected (filter->dropdown, selected);
  if (selected == 0)
    g_clear_pointer (&filter->selected, g_free);
  if (self->filter_button != NULL)
    update_filter_button (self);
  /* A filter with nothing to choose from is shown, but off. */
  gtk_widget_set_sensitive (GTK_WIDGET (filter->dropdown), filter->values->len > 1 || filter->selected);
  self->rebuilding = FALSE;
}

static void
rebuild_filters (TenureAccountsView *self)
{
  for (guint i = 0; i < N_FILTERS; i++)
    rebuild_filter (self, &self->filters[i]);
}

static void
selection_changed_cb (TenureAccountsView *self)
{
  TenureAccount *account = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  tenure_account_detail_set_account (self->detail, account);
  adw_flap_set_reveal_flap (self->detail_flap, account != NULL);
}

static void
filtered_items_changed_cb (TenureAccountsView *self)
{
  update_count (self);
}

static void
workspace_changed_cb (TenureAccountsView *self)
{
  /* The list reloaded before us (it connected first): its values may have
   * new segments or owners, and edited attributes may no longer match. */
  update_currency (self);
  rebuild_filters (self);
  tenure_accounts_view_refilter (self);
}

static void
search_changed_cb (TenureAccountsView *self,
                   GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (text != NULL && *text != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
filter_selected_cb (TenureAccountsView *self,
                    GParamSpec         *pspec,
                    GtkDropDown        *dropdown)
{
  if (self->rebuilding)
    return;
  for (guint i = 0; i < N_FILTERS; i++)
    {
      Filter *filter = &self->filters[i];
      guint selected;

      if (filter->dropdown != dropdown)
        continue;
      selected = gtk_drop_down_get_selected (dropdown);
      g_free (filter->selected);
      filter->selected = selected == 0 || selected == GTK_INVALID_LIST_POSITION || filter->values == NULL
                         ? NULL : g_strdup (g_ptr_array_index (filter->values, selected - 1));
    }
  update_filter_button (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The Filters button says how many filters are on, so a list that looks
 * short is never a mystery. */
static void
update_filter_button (TenureAccountsView *self)
{
  guint active = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < N_FILTERS; i++)
    active += self->filters[i].selected != NULL;
  if (active > 0)
    {
      /* Translators: the Filters button with the number of filters on. */
      label = g_strdup_printf (_("Filters (%u)"), active);
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  gtk_menu_button_set_label (self->filter_button, label ? label : _("Filters"));
  gtk_widget_set_sensitive (self->clear_filters_button, active > 0);
}

static void
clear_filters_cb (TenureAccountsView *self)
{
  for (guint i = 0; i < N_FILTERS; i++)
    gtk_drop_down_set_selected (self->filters[i].dropdown, 0);
}

static void
at_risk_toggled_cb (TenureAccountsView *self,
                    GtkToggleButton    *button)
{
  self->at_risk_only = gtk_toggle_button_get_active (button);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
detail_closed_cb (TenureAccountsView *self)
{
  if (self->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
search_stopped_cb (TenureAccountsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* GTK 4.8's list view takes about a second to take a model of a hundred
 * thousand accounts: the column view gets it when the view is first
 * shown, not while a workspace opens. */
static void
attach_model (TenureAccountsView *self)
{
  guint selected;

  if (self->selection == NULL ||
      gtk_column_view_get_model (self->column_view) == GTK_SELECTION_MODEL (self->selection))
    return;
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    scroll_to (self, selected);
}

static void
tenure_accounts_view_map (GtkWidget *widget)
{
  attach_model (TENURE_ACCOUNTS_VIEW (widget));

  GTK_WIDGET_CLASS (tenure_accounts_view_parent_class)->map (widget);
}

static void
tenure_accounts_view_dispose (GObject *object)
{
  TenureAccountsView *self = (TenureAccountsView *) object;

  tenure_accounts_view_set_accounts (self, NULL);
  /* AdwBin disposes the flap, and the flap its children: disposing the
   * template's children first would leave the flap unparenting freed ones. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (tenure_accounts_view_parent_class)->dispose (object);
}

static void
tenure_accounts_view_finalize (GObject *object)
{
  TenureAccountsView *self = (TenureAccountsView *) object;

  for (guint i = 0; i < N_FILTERS; i++)
    {
      g_clear_object (&self->filters[i].labels);
      g_clear_pointer (&self->filters[i].values, g_ptr_array_unref);
      g_clear_pointer (&self->filters[i].selected, g_free);
    }
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (tenure_accounts_view_parent_class)->finalize (object);
}

static void
tenure_accounts_view_class_init (TenureAccountsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tenure_accounts_view_dispose;
  object_class->finalize = tenure_accounts_view_finalize;
  widget_class->map = tenure_accounts_view_map;

  g_type_ensure (TENURE_TYPE_ACCOUNT_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tenure/Tenure/ui/tenure-accounts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, segment_filter);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, owner_filter);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, type_filter);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, stage_filter);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, at_risk_toggle);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, detail);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountsView, detail_flap);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, at_risk_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_closed_cb);
}

static void
tenure_accounts_view_init (TenureAccountsView *self)
{
  static const struct { const char *property; const char *all_label; } specs[N_FILTERS] = {
    [FILTER_SEGMENT] = { "segment", N_("All Segments") },
    [FILTER_OWNER] = { "owner", N_("All Owners") },
    [FILTER_TYPE] = { "account-type", N_("All Types") },
    [FILTER_STAGE] = { "stage", N_("All Stages") },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filters[FILTER_SEGMENT].dropdown = self->segment_filter;
  self->filters[FILTER_OWNER].dropdown = self->owner_filter;
  self->filters[FILTER_TYPE].dropdown = self->type_filter;
  self->filters[FILTER_STAGE].dropdown = self->stage_filter;
  for (guint i = 0; i < N_FILTERS; i++)
    {
      self->filters[i].property = specs[i].property;
      self->filters[i].all_label = specs[i].all_label;
    }
  self->filter = gtk_custom_filter_new (filter_account, self, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  create_columns (self);
  rebuild_filters (self);
  update_count (self);
}

GtkWidget *
tenure_accounts_view_new (void)
{
  return g_object_new (TENURE_TYPE_ACCOUNTS_VIEW, NULL);
}

/**
 * tenure_accounts_view_set_accounts:
 * @self: a #TenureAccountsView
 * @accounts: (nullable): the account model to list
 */
void
tenure_accounts_view_set_accounts (TenureAccountsView *self,
                                   TenureAccountList  *accounts)
{
  g_return_if_fail (TENURE_IS_ACCOUNTS_VIEW (self));
  g_return_if_fail (accounts == NULL || TENURE_IS_ACCOUNT_LIST (accounts));

  if (self->accounts == accounts)
    return;

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->accounts != NULL)
    g_clear_signal_handler (&self->changed_id, tenure_account_list_get_workspace (self->accounts));
  if (self->detail != NULL)
    tenure_account_detail_set_account (self->detail, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_set_object (&self->accounts, accounts);
  update_currency (self);
  if (accounts == NULL)
    {
      if (self->column_view != NULL)
        update_count (self);
      return;
    }

  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (accounts)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  self->changed_id = g_signal_connect_object (tenure_account_list_get_workspace (accounts), "changed",
                                              G_CALLBACK (workspace_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    attach_model (self);
  tenure_account_detail_set_workspace (self->detail, tenure_account_list_get_workspace (accounts));
  rebuild_filters (self);
  update_count (self);
  selection_changed_cb (self);
}

/**
 * tenure_accounts_view_get_model:
 * @self: a #TenureAccountsView
 *
 * Returns: (transfer none) (nullable): the accounts as listed
 */
GListModel *
tenure_accounts_view_get_model (TenureAccountsView *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNTS_VIEW (self), NULL);
  return self->sorted ? G_LIST_MODEL (self->sorted) : NULL;
}

/**
 * tenure_accounts_view_get_column_view:
 * @self: a #TenureAccountsView
 *
 * Returns: (transfer none): the column view
 */
GtkColumnView *
tenure_accounts_view_get_column_view (TenureAccountsView *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNTS_VIEW (self), NULL);
  return self->column_view;
}

/**
 * tenure_accounts_view_get_detail:
 * @self: a #TenureAccountsView
 *
 * Returns: (transfer none): the detail pane
 */
TenureAccountDetail *
tenure_accounts_view_get_detail (TenureAccountsView *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNTS_VIEW (self), NULL);
  return self->detail;
}

void
tenure_accounts_view_set_search (TenureAccountsView *self,
                                 const char         *text)
{
  g_return_if_fail (TENURE_IS_ACCOUNTS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* The entry emits search-changed after a delay; filter now. */
  search_changed_cb (self, self->search_entry);
}

/**
 * tenure_accounts_view_set_filter:
 * @self: a #TenureAccountsView
 * @property: "segment", "owner", "account-type" or "stage"
 * @value: (nullable): the value to keep, NULL for all
 *
 * Returns: %TRUE when @value is one the drop-down offers
 */
gboolean
tenure_accounts_view_set_filter (TenureAccountsView *self,
                                 const char         *property,
                                 const char         *value)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNTS_VIEW (self), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);

  for (guint i = 0; i < N_FILTERS; i++)
    {
      Filter *filter = &self->filters[i];

      if (!g_str_equal (filter->property, property))
        continue;
      if (value == NULL)
        {
          gtk_drop_down_set_selected (filter->dropdown, 0);
          return TRUE;
        }
      for (guint j = 0; filter->values != NULL && j < filter->values->len; j++)
        if (g_str_equal (g_ptr_array_index (filter->values, j), value))
          {
            gtk_drop_down_set_selected (filter->dropdown, j + 1);
            return TRUE;
          }
      return FALSE;
    }
  g_return_val_if_reached (FALSE);
}

void
tenure_accounts_view_set_at_risk_only (TenureAccountsView *self,
                                       gboolean            at_risk_only)
{
  g_return_if_fail (TENURE_IS_ACCOUNTS_VIEW (self));
  gtk_toggle_button_set_active (self->at_risk_toggle, at_risk_only);
}

/**
 * tenure_accounts_view_select:
 * @self: a #TenureAccountsView
 * @key: (nullable): the key of the account to select, NULL for none
 *
 * Returns: %TRUE when the account is listed (and is now selected)
 */
gboolean
tenure_accounts_view_select (TenureAccountsView *self,
                             const char         *key)
{
  guint n;

  g_return_val_if_fail (TENURE_IS_ACCOUNTS_VIEW (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  if (key == NULL)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      return TRUE;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TenureAccount) account = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_str_equal (tenure_account_get_key (account), key))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* The column view scrolls through the action of its list (GTK 4.8 has no
 * gtk_column_view_scroll_to()). */
static void
scroll_to (TenureAccountsView *self,
           guint               position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/**
 * tenure_accounts_view_reveal:
 * @self: a #TenureAccountsView
 * @key: the key of an account
 *
 * Selects the account @key and scrolls the list to it, first clearing the
 * search and the filters that hide it (the overview's click-through).
 *
 * Returns: %TRUE when the account exists (and is now selected)
 */
gboolean
tenure_accounts_view_reveal (TenureAccountsView *self,
                             const char         *key)
{
  TenureAccount *account;
  guint n;

  g_return_val_if_fail (TENURE_IS_ACCOUNTS_VIEW (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->accounts == NULL || (account = tenure_account_list_lookup (self->accounts, key)) == NULL)
    return FALSE;
  if (!filter_account (account, self))
    {
      if (self->search_folded != NULL)
        tenure_accounts_view_set_search (self, NULL);
      if (self->at_risk_only && !tenure_account_get_at_risk (account))
        gtk_toggle_button_set_active (self->at_risk_toggle, FALSE);
      for (guint i = 0; i < N_FILTERS; i++)
        if (filter_hides (self, i, account))
          gtk_drop_down_set_selected (self->filters[i].dropdown, 0);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TenureAccount) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (item == account)
        {
          gtk_single_selection_set_selected (self->selection, i);
          scroll_to (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * tenure_accounts_view_show_at_risk:
 * @self: a #TenureAccountsView
 *
 * Lists every account at risk: the at-risk filter on, the search and the
 * other filters off.
 */
void
tenure_accounts_view_show_at_risk (TenureAccountsView *self)
{
  g_return_if_fail (TENURE_IS_ACCOUNTS_VIEW (self));

  tenure_accounts_view_set_search (self, NULL);
  clear_filters_cb (self);
  gtk_toggle_button_set_active (self->at_risk_toggle, TRUE);
}

void
tenure_accounts_view_refilter (TenureAccountsView *self)
{
  g_return_if_fail (TENURE_IS_ACCOUNTS_VIEW (self));

  rebuild_filter (self, &self->filters[FILTER_STAGE]);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
tenure_accounts_view_focus_search (TenureAccountsView *self)
{
  g_return_if_fail (TENURE_IS_ACCOUNTS_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
