/* Keeps Python code from entering the engine while a run has released the GIL. */
#include "extension.h"

/* Read and written only with the GIL held. */
int rvx_engine_running = 0;

int rvx_check_engine_idle(void)
{
    if (!rvx_engine_running) return 0;
    PyErr_SetString(PyExc_RuntimeError, "the ranvier engine is running a network; it cannot be used "
                    "from another thread or a signal handler until the run ends");
    return -1;
}
