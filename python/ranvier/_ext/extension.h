/*
 * Declarations shared by the files of the `ranvier._ranvier` extension module. Each .c file holds one
 * concept: the Handle type, the array buffer type, error mapping, argument conversion, and the wrapped
 * C API functions grouped by the engine object they act on.
 */
#ifndef RANVIER_EXTENSION_H
#define RANVIER_EXTENSION_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "ranvier.h"

/* -- Handle (handle.c) ----------------------------------------------------------------------------- */

/* A Python object owning one reference to an engine object; rv_release is called when it dies. */
typedef struct {
    PyObject_HEAD
    rv_handle handle;
} HandleObject;

extern PyTypeObject Handle_Type;

/* Wraps a freshly returned handle (the new object takes over the caller's reference). */
PyObject *rvx_handle_wrap(rv_handle handle);

/* -- array buffer (array_buffer.c) ------------------------------------------------------------------- */

extern PyTypeObject ArrayBuffer_Type;

/* Exposes `array`'s memory through the buffer protocol; `owner` keeps that memory alive and is held
 * until the buffer object and every view of it are gone. */
PyObject *rvx_array_buffer_new(PyObject *owner, const rv_array *array);

/* Size in bytes of one element of an engine dtype, or 0 for an unknown dtype. */
Py_ssize_t rvx_dtype_size(int32_t dtype);

/* -- errors (errors.c) ------------------------------------------------------------------------------- */

/* Raises the exception registered for `status` with the engine's last error message; returns NULL. */
PyObject *rvx_raise_status(rv_status status);

/* Fails with RuntimeError while a network run has released the GIL (re-entry or another thread):
 * the engine is not reentrant. Returns 0 when calling the engine is allowed. */
int rvx_check_engine_idle(void);
extern int rvx_engine_running;
/* Also fails while a run is paused in a Python callback (a network operation, a progress report):
 * variables may be read and written then, but nothing that would change what the run has prepared. */
int rvx_check_engine_stopped(void);
extern int rvx_engine_paused;

/* Convenience: bail out of a wrapper function when the engine call failed. */
#define RVX_CALL(expression)                                            \
    do {                                                                \
        rv_status rvx_status_ = (expression);                           \
        if (rvx_status_ != RV_OK) return rvx_raise_status(rvx_status_); \
    } while (0)

/* -- argument conversion (conversions.c) ------------------------------------------------------------- */

/* Integer indices for the engine: `None` means all elements (data NULL, count -1). */
typedef struct {
    int64_t *data;
    int64_t count;
} IndexArray;

/* Converts None, a sequence of ints or a 1-d integer buffer (e.g. a numpy array); 0 on success.
 * Free with rvx_index_array_free. `what` names the argument in error messages. */
int rvx_index_array_from_object(PyObject *object, const char *what, IndexArray *out);
void rvx_index_array_free(IndexArray *indices);

/* Reads exactly RV_DIMENSIONS numbers from a sequence; 0 on success. */
int rvx_dimensions_from_object(PyObject *object, const char *what, double dimensions[RV_DIMENSIONS]);
PyObject *rvx_dimensions_to_tuple(const double dimensions[RV_DIMENSIONS]);

/* Splits an engine string of newline-separated names into a list of str (empty lines dropped). */
PyObject *rvx_names_to_list(const char *names);

/* Joins a list or tuple of str with newlines into a new bytes object (names may not contain newlines). */
PyObject *rvx_names_to_newline_bytes(PyObject *names, const char *what);

/* The handles of a tuple of Handles in a new array (free with PyMem_Free); the tuple must outlive it.
 * `function` names the caller in the TypeError for an item that is not a Handle. */
rv_handle *rvx_handles_of(PyObject *objects, Py_ssize_t count, const char *function);

/* -- module functions (api_*.c) ---------------------------------------------------------------------- */

PyObject *rvx_set_exception_types(PyObject *module, PyObject *mapping);
PyObject *rvx_api_version(PyObject *module, PyObject *unused);
PyObject *rvx_seed(PyObject *module, PyObject *args);
PyObject *rvx_namespace_create(PyObject *module, PyObject *unused);
PyObject *rvx_namespace_set(PyObject *module, PyObject *args);
PyObject *rvx_namespace_set_timed_array(PyObject *module, PyObject *args);
PyObject *rvx_neurongroup_create(PyObject *module, PyObject *args);
PyObject *rvx_subgroup_create(PyObject *module, PyObject *args);
PyObject *rvx_neurongroup_set_spike_schedule(PyObject *module, PyObject *args);
PyObject *rvx_neurongroup_spike_schedule(PyObject *module, PyObject *args);
PyObject *rvx_group_external_names(PyObject *module, PyObject *args);
PyObject *rvx_code_external_names(PyObject *module, PyObject *args);
PyObject *rvx_group_execute(PyObject *module, PyObject *args);
PyObject *rvx_group_evaluate(PyObject *module, PyObject *args);
PyObject *rvx_object_variable_names(PyObject *module, PyObject *args);
PyObject *rvx_object_variable(PyObject *module, PyObject *args);
PyObject *rvx_group_model_variable_names(PyObject *module, PyObject *args);
PyObject *rvx_group_variable_dimensions(PyObject *module, PyObject *args);
PyObject *rvx_object_size(PyObject *module, PyObject *args);
PyObject *rvx_synapses_create(PyObject *module, PyObject *args);
PyObject *rvx_synapses_add_pathway(PyObject *module, PyObject *args);
PyObject *rvx_synapses_connect_indices(PyObject *module, PyObject *args);
PyObject *rvx_synapses_connect(PyObject *module, PyObject *args);
PyObject *rvx_synapses_connect_external_names(PyObject *module, PyObject *args);
PyObject *rvx_statemonitor_create(PyObject *module, PyObject *args);
PyObject *rvx_spikemonitor_create(PyObject *module, PyObject *args);
PyObject *rvx_statemonitor_record_single_timestep(PyObject *module, PyObject *args);
PyObject *rvx_poissoninput_create(PyObject *module, PyObject *args);
PyObject *rvx_ratemonitor_create(PyObject *module, PyObject *args);
PyObject *rvx_object_set_schedule(PyObject *module, PyObject *args);
PyObject *rvx_network_create(PyObject *module, PyObject *unused);
PyObject *rvx_network_set_dt(PyObject *module, PyObject *args);
PyObject *rvx_network_set_threads(PyObject *module, PyObject *args);
PyObject *rvx_network_time(PyObject *module, PyObject *args);
PyObject *rvx_network_last_run_timing(PyObject *module, PyObject *args);
PyObject *rvx_network_set_time(PyObject *module, PyObject *args);
PyObject *rvx_network_run(PyObject *module, PyObject *args);
PyObject *rvx_snapshot_take(PyObject *module, PyObject *args);
PyObject *rvx_snapshot_restore(PyObject *module, PyObject *args);
PyObject *rvx_snapshot_write(PyObject *module, PyObject *args);
PyObject *rvx_snapshot_read(PyObject *module, PyObject *args);
PyObject *rvx_snapshot_byte_count(PyObject *module, PyObject *args);
PyObject *rvx_network_stop(PyObject *module, PyObject *args);
/* Asks the run under way to end normally at its next look for signals (from a SIGINT handler);
 * False when no run is under way or one was already asked. */
PyObject *rvx_stop_run_on_interrupt(PyObject *module, PyObject *unused);
PyObject *rvx_clock_create(PyObject *module, PyObject *args);
PyObject *rvx_clock_set_dt(PyObject *module, PyObject *args);
PyObject *rvx_clock_state(PyObject *module, PyObject *args);
PyObject *rvx_object_set_clock(PyObject *module, PyObject *args);
PyObject *rvx_network_default_clock(PyObject *module, PyObject *args);
PyObject *rvx_run_regularly_create(PyObject *module, PyObject *args);
PyObject *rvx_network_operation_create(PyObject *module, PyObject *args);

/* -- looking for signals during long engine calls (signal_checks.c) ---------------------------------- */
/* 1 when it is time to look for pending signals again (every millisecond or so of wall time, cheap
 * to ask after every step), then moves `*next_check` (0 at first) on. */
int rvx_signal_check_due(double *next_check);
/* The same with another period in seconds. */
int rvx_signal_check_due_every(double *next_check, double period);
/* While a run goes on on the main thread: notes SIGINT in a flag readable without the GIL, then hands
 * it on to the handler in place (Python's). begin returns 0 when SIGINT is ignored or has its default
 * action (nothing to watch); rvx_sigint_arrived reads and clears the flag; end puts the handler back. */
int rvx_sigint_watch_begin(void);
int rvx_sigint_arrived(void);
void rvx_sigint_watch_end(void);
/* rv_synapses_connect, running the pending signal handlers every few ms (the caller holds the GIL). */
rv_status rvx_connect_interruptibly(rv_handle synapses, const char *condition, const char *p, const char *n,
                                    const char *j_generator, int32_t skip_if_invalid, rv_handle ns);

/* -- test hooks (test_hooks.c) ---------------------------------------------------------------------- */

PyObject *rvx_array_view_for_tests(PyObject *module, PyObject *args);
PyObject *rvx_indices_for_tests(PyObject *module, PyObject *object);
PyObject *rvx_dimensions_for_tests(PyObject *module, PyObject *object);

#endif /* RANVIER_EXTENSION_H */
