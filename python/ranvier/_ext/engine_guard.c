/* Keeps Python code from entering the engine while a run has released the GIL. */
#include "extension.h"

/* Read and written only with the GIL held. */
int rvx_engine_running = 0;
int rvx_engine_paused = 0;

int rvx_check_engine_idle(void)
{
    if (!rvx_engine_running) return 0;
    PyErr_SetString(PyExc_RuntimeError, "the ranvier engine is running a network; it cannot be used "
                    "from another thread or a signal handler until the run ends");
    return -1;
}

int rvx_check_engine_stopped(void)
{
    if (rvx_check_engine_idle() < 0) return -1;
    if (!rvx_engine_paused) return 0;
    PyErr_SetString(PyExc_RuntimeError, "this cannot be done from inside a network operation or a progress "
                    "report while the network is running (no new run, no new synapses, no change of dt or t, no store or restore)");
    return -1;
}
