/* Module functions for scheduling, networks and running them. */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

PyObject *rvx_object_set_schedule(PyObject *module, PyObject *args)
{
    PyObject *object;
    const char *when;
    int order;
    if (!PyArg_ParseTuple(args, "O!si:object_set_schedule", &Handle_Type, &object, &when, &order)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_object_set_schedule(HANDLE_OF(object), when, (int32_t)order));
    Py_RETURN_NONE;
}

PyObject *rvx_network_create(PyObject *module, PyObject *unused)
{
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle network = NULL;
    RVX_CALL(rv_network_create(&network));
    return rvx_handle_wrap(network);
}

PyObject *rvx_network_set_dt(PyObject *module, PyObject *args)
{
    PyObject *network;
    double dt;
    if (!PyArg_ParseTuple(args, "O!d:network_set_dt", &Handle_Type, &network, &dt)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_network_set_dt(HANDLE_OF(network), dt));
    Py_RETURN_NONE;
}

/* Calls a C-API getter that reports two doubles of a network and returns them as a tuple. */
static PyObject *network_pair(PyObject *args, const char *format,
                              rv_status (*getter)(rv_handle, double *, double *))
{
    PyObject *network;
    if (!PyArg_ParseTuple(args, format, &Handle_Type, &network)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    double first = 0.0, second = 0.0;
    RVX_CALL(getter(HANDLE_OF(network), &first, &second));
    return Py_BuildValue("(dd)", first, second);
}

PyObject *rvx_network_set_threads(PyObject *module, PyObject *args)
{
    PyObject *network;
    int threads;
    if (!PyArg_ParseTuple(args, "O!i:network_set_threads", &Handle_Type, &network, &threads)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_network_set_threads(HANDLE_OF(network), (int32_t)threads));
    Py_RETURN_NONE;
}

PyObject *rvx_network_time(PyObject *module, PyObject *args)
{
    return network_pair(args, "O!:network_time", rv_network_time);
}

PyObject *rvx_network_last_run_timing(PyObject *module, PyObject *args)
{
    return network_pair(args, "O!:network_last_run_timing", rv_network_last_run_timing);
}

PyObject *rvx_network_set_time(PyObject *module, PyObject *args)
{
    PyObject *network;
    double t;
    if (!PyArg_ParseTuple(args, "O!d:network_set_time", &Handle_Type, &network, &t)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_network_set_time(HANDLE_OF(network), t));
    Py_RETURN_NONE;
}

/* What the poll trampoline needs to take the GIL back for a moment during a run. */
typedef struct {
    PyThreadState *saved_thread;
    int stop_requested;
} RunContext;

/* Called by the engine between time steps with the GIL released: runs pending signal handlers
 * (Ctrl-C raises KeyboardInterrupt there) and asks the engine to stop when one raised. */
static int32_t poll_for_signals(void *opaque)
{
    RunContext *context = (RunContext *)opaque;
    if (context->stop_requested) return 1;
    PyEval_RestoreThread(context->saved_thread);
    if (PyErr_CheckSignals() != 0) context->stop_requested = 1;
    context->saved_thread = PyEval_SaveThread();
    return context->stop_requested;
}

rv_handle *rvx_handles_of(PyObject *objects, Py_ssize_t count, const char *function)
{
    rv_handle *handles = PyMem_New(rv_handle, count > 0 ? count : 1);
    if (handles == NULL) { PyErr_NoMemory(); return NULL; }
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *item = PyTuple_GET_ITEM(objects, k);
        if (!PyObject_TypeCheck(item, &Handle_Type)) {
            PyErr_Format(PyExc_TypeError, "%s() objects must be Handles, but item %zd is %.100s", function, k,
                         Py_TYPE(item)->tp_name);
            PyMem_Free(handles);
            return NULL;
        }
        handles[k] = HANDLE_OF(item);
    }
    return handles;
}

PyObject *rvx_network_run(PyObject *module, PyObject *args)
{
    PyObject *network, *objects_object, *ns;
    double duration;
    if (!PyArg_ParseTuple(args, "O!OdO!:network_run", &Handle_Type, &network, &objects_object, &duration,
                          &Handle_Type, &ns))
        return NULL;
    if (!PyList_Check(objects_object) && !PyTuple_Check(objects_object)) {
        PyErr_Format(PyExc_TypeError, "network_run() objects must be a list of Handles, not %.100s",
                     Py_TYPE(objects_object)->tp_name);
        return NULL;
    }
    if (rvx_check_engine_idle() < 0) return NULL;
    /* A private tuple keeps every Handle alive even if a signal handler empties the caller's list. */
    PyObject *objects = PySequence_Tuple(objects_object);
    if (objects == NULL) return NULL;
    Py_ssize_t count = PyTuple_GET_SIZE(objects);
    rv_handle *handles = rvx_handles_of(objects, count, "network_run");
    if (handles == NULL) { Py_DECREF(objects); return NULL; }

    Py_INCREF(network);
    Py_INCREF(ns);
    RunContext context = {.saved_thread = NULL, .stop_requested = 0};
    rvx_engine_running = 1;
    context.saved_thread = PyEval_SaveThread();
    rv_status status = rv_network_run(HANDLE_OF(network), handles, (int64_t)count, duration, HANDLE_OF(ns),
                                      poll_for_signals, &context);
    PyEval_RestoreThread(context.saved_thread);
    rvx_engine_running = 0;

    PyMem_Free(handles);
    Py_DECREF(objects);
    Py_DECREF(network);
    Py_DECREF(ns);
    if (context.stop_requested) return NULL;  /* the signal handler's exception (KeyboardInterrupt) */
    if (status != RV_OK) return rvx_raise_status(status);
    Py_RETURN_NONE;
}
