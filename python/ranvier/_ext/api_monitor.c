/* Module functions that create monitors. */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

PyObject *rvx_statemonitor_create(PyObject *module, PyObject *args)
{
    PyObject *group, *variables_object, *indices_object;
    if (!PyArg_ParseTuple(args, "O!OO:statemonitor_create", &Handle_Type, &group, &variables_object,
                          &indices_object))
        return NULL;
    PyObject *variables = rvx_names_to_newline_bytes(variables_object, "statemonitor_create() variables");
    if (variables == NULL) return NULL;
    IndexArray indices;
    if (rvx_index_array_from_object(indices_object, "statemonitor_create() indices", &indices) < 0) {
        Py_DECREF(variables);
        return NULL;
    }
    PyObject *result = NULL;
    if (rvx_check_engine_idle() == 0) {
        rv_handle monitor = NULL;
        rv_status status = rv_statemonitor_create(HANDLE_OF(group), PyBytes_AS_STRING(variables), indices.data,
                                                  indices.count, &monitor);
        result = status == RV_OK ? rvx_handle_wrap(monitor) : rvx_raise_status(status);
    }
    rvx_index_array_free(&indices);
    Py_DECREF(variables);
    return result;
}

/* Creates a monitor of a group's spikes with `create` (its only argument is the group's handle). */
static PyObject *spike_source_monitor(PyObject *args, const char *format, rv_status (*create)(rv_handle, rv_handle *))
{
    PyObject *group;
    if (!PyArg_ParseTuple(args, format, &Handle_Type, &group)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle monitor = NULL;
    RVX_CALL(create(HANDLE_OF(group), &monitor));
    return rvx_handle_wrap(monitor);
}

PyObject *rvx_spikemonitor_create(PyObject *module, PyObject *args)
{
    PyObject *group, *variables_object = NULL;
    int record = 1;
    if (!PyArg_ParseTuple(args, "O!|Op:spikemonitor_create", &Handle_Type, &group, &variables_object, &record))
        return NULL;
    PyObject *variables = variables_object == NULL ? PyBytes_FromString("")
                          : rvx_names_to_newline_bytes(variables_object, "spikemonitor_create() variables");
    if (variables == NULL) return NULL;
    PyObject *result = NULL;
    if (rvx_check_engine_idle() == 0) {
        rv_handle monitor = NULL;
        rv_status status = rv_spikemonitor_create(HANDLE_OF(group), PyBytes_AS_STRING(variables), record, &monitor);
        result = status == RV_OK ? rvx_handle_wrap(monitor) : rvx_raise_status(status);
    }
    Py_DECREF(variables);
    return result;
}

PyObject *rvx_statemonitor_record_single_timestep(PyObject *module, PyObject *args)
{
    PyObject *monitor;
    if (!PyArg_ParseTuple(args, "O!:statemonitor_record_single_timestep", &Handle_Type, &monitor)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_statemonitor_record_single_timestep(HANDLE_OF(monitor)));
    Py_RETURN_NONE;
}

PyObject *rvx_ratemonitor_create(PyObject *module, PyObject *args)
{
    return spike_source_monitor(args, "O!:ratemonitor_create", rv_ratemonitor_create);
}
