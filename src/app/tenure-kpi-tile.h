/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tenure-kpis.h"

G_BEGIN_DECLS

#define TENURE_TYPE_KPI_TILE (tenure_kpi_tile_get_type ())

G_DECLARE_FINAL_TYPE (TenureKpiTile, tenure_kpi_tile, TENURE, KPI_TILE, GtkWidget)

GtkWidget  *tenure_kpi_tile_new                  (const char    *title);
const char *tenure_kpi_tile_get_title            (TenureKpiTile *self);
void        tenure_kpi_tile_set_title            (TenureKpiTile *self,
                                                  const char    *title);
const char *tenure_kpi_tile_get_value            (TenureKpiTile *self);
void        tenure_kpi_tile_set_value            (TenureKpiTile *self,
                                                  const char    *formatted);
gboolean    tenure_kpi_tile_get_higher_is_better (TenureKpiTile *self);
void        tenure_kpi_tile_set_higher_is_better (TenureKpiTile *self,
                                                  gboolean       higher_is_better);
void        tenure_kpi_tile_set_changes          (TenureKpiTile *self,
                                                  double         vs_previous,
                                                  double         vs_year_ago,
                                                  gboolean       higher_is_better,
                                                  const char    *previous_label,
                                                  const char    *year_label);
void        tenure_kpi_tile_set_change_texts     (TenureKpiTile *self,
                                                  const char    *previous_text,
                                                  const char    *year_text,
                                                  int            previous_sign,
                                                  int            year_sign);
void        tenure_kpi_tile_set_sparkline        (TenureKpiTile *self,
                                                  const double  *values,
                                                  guint          n);
void        tenure_kpi_tile_set_kpi              (TenureKpiTile   *self,
                                                  const TenureKpi *kpi,
                                                  const char      *currency,
                                                  const char      *previous_label,
                                                  const char      *year_label);

G_END_DECLS
