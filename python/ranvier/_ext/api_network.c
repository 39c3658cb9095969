/* Module functions for scheduling, networks and running them. */
#include "extension.h"

#include <stdatomic.h>
#include <time.h>

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
    if (rvx_check_engine_stopped() < 0) return NULL;
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
    if (rvx_check_engine_stopped() < 0) return NULL;
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
    if (rvx_check_engine_stopped() < 0) return NULL;
    RVX_CALL(rv_network_set_time(HANDLE_OF(network), t));
    Py_RETURN_NONE;
}

/* What the callbacks of a run need to take the GIL back for a moment: the run's thread state, the
 * progress report to give (a callable taking the elapsed wall-clock seconds) and when, when to look
 * for signals next, and whether a signal handler asked for the run to end (rvx_stop_run_on_interrupt). */
typedef struct {
    rv_handle network;
    PyThreadState *saved_thread;
    int stop_requested;
    atomic_int stop_on_interrupt; /* 1 when asked by a handler (possibly on another thread), 2 once done */
    PyObject *report;
    double report_period;
    double started;
    double next_report;
    int64_t polls;
    int on_main_thread;  /* only the main thread runs signal handlers: other runs never look */
    int watching_sigint; /* a SIGINT flag tells when to look (rvx_sigint_watch_begin) */
    double next_signal_check;
} RunContext;

/* Seconds between looks for signals other than SIGINT while the SIGINT flag is watched. */
#define WATCHED_CHECK_PERIOD 0.05

/* The run under way, if any: the engine runs one network at a time (see rvx_check_engine_idle). */
static RunContext *active_run = NULL;

static double monotonic_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

/* 1 when called on the main thread (the one that runs signal handlers), 0 if not, -1 on error. */
static int is_main_thread(void)
{
    PyObject *threading = PyImport_ImportModule("threading");
    PyObject *main_thread = threading == NULL ? NULL : PyObject_CallMethod(threading, "main_thread", NULL);
    PyObject *ident = main_thread == NULL ? NULL : PyObject_GetAttrString(main_thread, "ident");
    int result = ident == NULL ? -1 : PyLong_AsUnsignedLong(ident) == PyThread_get_thread_ident();
    if (result == 1 && PyErr_Occurred()) result = -1;
    Py_XDECREF(ident);
    Py_XDECREF(main_thread);
    Py_XDECREF(threading);
    return result;
}

/* Takes the GIL back from the engine for a callback that may use the engine (but not run it). */
static void pause_run(RunContext *context)
{
    PyEval_RestoreThread(context->saved_thread);
    rvx_engine_running = 0;
    rvx_engine_paused = 1;
}

static void resume_run(RunContext *context)
{
    rvx_engine_paused = 0;
    rvx_engine_running = 1;
    context->saved_thread = PyEval_SaveThread();
}

/* Calls the progress report when one is due (checked without the GIL); 0 on success. */
static int report_if_due(RunContext *context)
{
    if (context->report == NULL) return 0;
    double now = monotonic_seconds();
    if (!(now > context->next_report)) return 0;
    context->next_report = now + context->report_period;
    pause_run(context);
    PyObject *result = PyObject_CallFunction(context->report, "d", now - context->started);
    int failed = result == NULL;
    Py_XDECREF(result);
    resume_run(context);
    return failed ? -1 : 0;
}

/* Called by the engine after every step with the GIL released: every 16 steps it gives a progress
 * report when due; on the main thread (the only one that runs signal handlers: elsewhere the GIL is
 * not taken for them), when rvx_signal_check_due, it runs pending signal handlers (Ctrl-C raises
 * KeyboardInterrupt there, or asks for a stop through rvx_stop_run_on_interrupt, which a handler on
 * the main thread may also do for a run on another thread).
 * Asks the engine to end the run with an error when either raised (the exception stays set for
 * rvx_network_run to return), or normally after this step when a handler asked for a stop. */
static int32_t poll_for_signals(void *opaque)
{
    RunContext *context = (RunContext *)opaque;
    if (context->stop_requested) return 1;
    if (++context->polls % 16 == 0 && report_if_due(context) < 0) { context->stop_requested = 1; return 1; }
    int stop_asked = atomic_load_explicit(&context->stop_on_interrupt, memory_order_relaxed) == 1;
    /* With the SIGINT flag, other signals' handlers (SIGALRM, SIGTERM...) run within WATCHED_CHECK_PERIOD
     * (the clock read every 16 steps only). */
    int look = context->watching_sigint
                   ? rvx_sigint_arrived() || (context->polls % 16 == 0 &&
                                              rvx_signal_check_due_every(&context->next_signal_check, WATCHED_CHECK_PERIOD))
                   : rvx_signal_check_due(&context->next_signal_check);
    if (context->on_main_thread && look) {
        PyEval_RestoreThread(context->saved_thread);
        if (PyErr_CheckSignals() != 0) context->stop_requested = 1;
        context->saved_thread = PyEval_SaveThread();
        stop_asked = atomic_load_explicit(&context->stop_on_interrupt, memory_order_relaxed) == 1;
    }
    int expected = 1;  /* asked once: ends the run now; a second Ctrl-C interrupts */
    if (stop_asked && !context->stop_requested && atomic_compare_exchange_strong(&context->stop_on_interrupt, &expected, 2))
        rv_network_stop(context->network);
    return context->stop_requested;
}

PyObject *rvx_stop_run_on_interrupt(PyObject *module, PyObject *unused)
{
    int expected = 0;
    if (active_run == NULL || !atomic_compare_exchange_strong(&active_run->stop_on_interrupt, &expected, 1))
        Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

/* A network operation's step: calls its Python callable with the clock's time in seconds. An
 * exception stays set (the engine ends the run at once) and rvx_network_run returns it. */
static int32_t call_network_operation(void *opaque, double t)
{
    RunContext *context = active_run;
    if (context == NULL) return 1;  /* only runs started by rvx_network_run can call Python */
    pause_run(context);
    PyObject *time = PyFloat_FromDouble(t);
    PyObject *result = time == NULL ? NULL : PyObject_CallOneArg((PyObject *)opaque, time);
    int failed = result == NULL;
    Py_XDECREF(time);
    Py_XDECREF(result);
    resume_run(context);
    return failed;
}

/* Drops the network operation's reference to its callable (from rv_release, usually with the GIL). */
static void release_network_operation(void *opaque)
{
    PyGILState_STATE state = PyGILState_Ensure();
    Py_DECREF((PyObject *)opaque);
    PyGILState_Release(state);
}

PyObject *rvx_network_operation_create(PyObject *module, PyObject *function)
{
    if (!PyCallable_Check(function)) {
        PyErr_Format(PyExc_TypeError, "network_operation_create() needs a callable, not %.100s", Py_TYPE(function)->tp_name);
        return NULL;
    }
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle operation = NULL;
    Py_INCREF(function);
    rv_status status = rv_network_operation_create(call_network_operation, release_network_operation, function, &operation);
    if (status != RV_OK) { Py_DECREF(function); return rvx_raise_status(status); }
    return rvx_handle_wrap(operation);
}

PyObject *rvx_network_stop(PyObject *module, PyObject *args)
{
    PyObject *network;
    if (!PyArg_ParseTuple(args, "O!:network_stop", &Handle_Type, &network)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_network_stop(HANDLE_OF(network)));
    Py_RETURN_NONE;
}

/* The handles of `objects` in a new array; the tuple they come from must outlive it. */
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
    PyObject *network, *objects_object, *ns, *report = Py_None;
    double duration, report_period = 0.0;
    if (!PyArg_ParseTuple(args, "O!OdO!|Od:network_run", &Handle_Type, &network, &objects_object, &duration,
                          &Handle_Type, &ns, &report, &report_period))
        return NULL;
    if (report != Py_None && !PyCallable_Check(report)) {
        PyErr_SetString(PyExc_TypeError, "network_run() report must be None or a callable");
        return NULL;
    }
    if (!PyList_Check(objects_object) && !PyTuple_Check(objects_object)) {
        PyErr_Format(PyExc_TypeError, "network_run() objects must be a list of Handles, not %.100s",
                     Py_TYPE(objects_object)->tp_name);
        return NULL;
    }
    if (rvx_check_engine_stopped() < 0) return NULL;
    int on_main_thread = is_main_thread();
    if (on_main_thread < 0) return NULL;
    /* A private tuple keeps every Handle alive even if a signal handler empties the caller's list. */
    PyObject *objects = PySequence_Tuple(objects_object);
    if (objects == NULL) return NULL;
    Py_ssize_t count = PyTuple_GET_SIZE(objects);
    rv_handle *handles = rvx_handles_of(objects, count, "network_run");
    if (handles == NULL) { Py_DECREF(objects); return NULL; }

    Py_INCREF(network);
    Py_INCREF(ns);
    Py_INCREF(report);
    RunContext context = {.network = HANDLE_OF(network), .saved_thread = NULL, .stop_requested = 0,
                          .report = report == Py_None ? NULL : report,
                          .report_period = report_period, .started = monotonic_seconds()};
    context.next_report = context.started + report_period;
    context.polls = 0;
    context.next_signal_check = 0.0;
    context.on_main_thread = on_main_thread;
    context.watching_sigint = on_main_thread && rvx_sigint_watch_begin();
    atomic_init(&context.stop_on_interrupt, 0);
    active_run = &context;
    rvx_engine_running = 1;
    context.saved_thread = PyEval_SaveThread();
    rv_status status = rv_network_run(HANDLE_OF(network), handles, (int64_t)count, duration, HANDLE_OF(ns),
                                      poll_for_signals, &context);
    PyEval_RestoreThread(context.saved_thread);
    if (context.watching_sigint) rvx_sigint_watch_end();
    rvx_engine_running = 0;
    active_run = NULL;
    Py_DECREF(report);

    PyMem_Free(handles);
    Py_DECREF(objects);
    Py_DECREF(network);
    Py_DECREF(ns);
    /* The exception of a signal handler (KeyboardInterrupt), a progress report or a network operation. */
    if ((context.stop_requested || status == RV_ERR_CALLBACK) && PyErr_Occurred()) return NULL;
    if (status != RV_OK) return rvx_raise_status(status);
    Py_RETURN_NONE;
}
