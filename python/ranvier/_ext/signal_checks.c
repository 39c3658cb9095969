/* When long engine calls look for pending signals (Ctrl-C), and connect()'s poll. */
#include "extension.h"

#include <signal.h>
#include <time.h>

/* Wall-clock seconds between two looks for pending signals during a run or a connect(): Ctrl-C is
 * handled within this (in practice one tick of the coarse clock, 4 ms on Linux at HZ=250) plus one
 * time step or source neuron, however long or short they take. Taking the GIL a few hundred times
 * a second costs nothing measurable. */
#define SIGNAL_CHECK_PERIOD 0.001

int rvx_signal_check_due(double *next_check)
{
    return rvx_signal_check_due_every(next_check, SIGNAL_CHECK_PERIOD);
}

int rvx_signal_check_due_every(double *next_check, double period)
{
    /* The coarse clock is cheap enough to read after every step (about 5 ns); its resolution of a
     * few ms is enough here. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    double seconds = (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
    if (seconds < *next_check) return 0;
    *next_check = seconds + period;
    return 1;
}

/* -- a SIGINT flag readable without the GIL, for runs on the main thread ------------------------- */

static volatile sig_atomic_t sigint_arrived = 0;
/* The SIGINT action in place before the run's (Python's own C handler, which marks the signal for
 * PyErr_CheckSignals), called after noting the signal. */
static struct sigaction previous_sigint;
static int watching = 0;

static void note_sigint(int signum, siginfo_t *info, void *ucontext)
{
    sigint_arrived = 1;
    if (previous_sigint.sa_flags & SA_SIGINFO)
        previous_sigint.sa_sigaction(signum, info, ucontext);
    else if (previous_sigint.sa_handler != SIG_IGN && previous_sigint.sa_handler != SIG_DFL)
        previous_sigint.sa_handler(signum);
}

int rvx_sigint_watch_begin(void)
{
    struct sigaction current, ours;
    if (watching || sigaction(SIGINT, NULL, &current) != 0) return 0;
    /* Ignored (SIG_IGN set from Python) or the default (the process ends): nothing to note. */
    if (!(current.sa_flags & SA_SIGINFO) && (current.sa_handler == SIG_IGN || current.sa_handler == SIG_DFL))
        return 0;
    previous_sigint = current;
    ours = current;
    ours.sa_flags |= SA_SIGINFO;
    ours.sa_sigaction = note_sigint;
    sigint_arrived = 0;
    if (sigaction(SIGINT, &ours, NULL) != 0) return 0;
    watching = 1;
    return 1;
}

int rvx_sigint_arrived(void)
{
    if (!sigint_arrived) return 0;
    sigint_arrived = 0;
    return 1;
}

void rvx_sigint_watch_end(void)
{
    struct sigaction current;
    if (!watching) return;
    watching = 0;
    /* Put the previous action back unless Python code changed it meanwhile (signal.signal). */
    if (sigaction(SIGINT, NULL, &current) == 0 && (current.sa_flags & SA_SIGINFO) && current.sa_sigaction == note_sigint)
        sigaction(SIGINT, &previous_sigint, NULL);
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
