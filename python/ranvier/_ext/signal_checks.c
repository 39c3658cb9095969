/* When long engine calls look for pending signals (Ctrl-C), and connect()'s poll. */
#include "extension.h"

#include <time.h>

/* Wall-clock seconds between two looks for pending signals during a run or a connect(): Ctrl-C is
 * handled within this (in practice one tick of the coarse clock, 4 ms on Linux at HZ=250) plus one
 * time step or source neuron, however long or short they take. Taking the GIL a few hundred times
 * a second costs nothing measurable. */
#define SIGNAL_CHECK_PERIOD 0.001

int rvx_signal_check_due(double *next_check)
{
    /* The coarse clock is cheap enough to read after every step (about 5 ns); its resolution of a
     * few ms is enough here. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    double seconds = (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
    if (seconds < *next_check) return 0;
    *next_check = seconds + SIGNAL_CHECK_PERIOD;
    return 1;
}

/* The poll of a connect(), which holds the GIL: runs pending signal handlers when due and asks the
 * engine to stop when one raised (the exception, KeyboardInterrupt, stays set). */
static int32_t poll_connect_for_signals(void *opaque)
{
    return rvx_signal_check_due((double *)opaque) && PyErr_CheckSignals() != 0;
}

rv_status rvx_connect_interruptibly(rv_handle synapses, const char *condition, const char *p, const char *n,
                                    const char *j_generator, int32_t skip_if_invalid, rv_handle ns)
{
    double next_check = 0.0;
    return rv_synapses_connect_polled(synapses, condition, p, n, j_generator, skip_if_invalid, ns,
                                      poll_connect_for_signals, &next_check);
}
