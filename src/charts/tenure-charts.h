/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Every chart: plain input structs in, cairo out, no GTK. */

#include "tenure-chart.h"
#include "tenure-chart-axis.h"
#include "tenure-chart-format.h"
#include "tenure-chart-theme.h"
#include "tenure-chart-accounts.h"
#include "tenure-chart-cohorts.h"
#include "tenure-chart-future-value.h"
#include "tenure-chart-lifecycle.h"
#include "tenure-chart-retention.h"
#include "tenure-chart-revenue.h"
#include "tenure-chart-transitions.h"
