/* Module functions for snapshots: store() and restore(), in memory and in files. */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

/* The objects (a list or tuple of Handles) and their names (as many str) of a snapshot call, as a
 * private tuple that keeps the Handles alive, their handles, and the names joined by newlines. */
typedef struct {
    PyObject *objects;
    rv_handle *handles;
    PyObject *names;
    Py_ssize_t count;
} NamedObjects;

static void named_objects_free(NamedObjects *named)
{
    PyMem_Free(named->handles);
    Py_XDECREF(named->objects);
    Py_XDECREF(named->names);
}

static int named_objects_from(PyObject *objects, PyObject *names, const char *function, NamedObjects *out)
{
    *out = (NamedObjects){NULL, NULL, NULL, 0};
    if (!PyList_Check(objects) && !PyTuple_Check(objects)) {
        PyErr_Format(PyExc_TypeError, "%s() objects must be a list of Handles, not %.100s", function,
                     Py_TYPE(objects)->tp_name);
        return -1;
    }
    out->objects = PySequence_Tuple(objects);
    if (out->objects == NULL) return -1;
    out->count = PyTuple_GET_SIZE(out->objects);
    if (!PyList_Check(names) && !PyTuple_Check(names)) {
        PyErr_Format(PyExc_TypeError, "%s() names must be a list of str, not %.100s", function, Py_TYPE(names)->tp_name);
        named_objects_free(out);
        return -1;
    }
    if (PySequence_Size(names) != out->count) {
        PyErr_Format(PyExc_ValueError, "%s() needs one name per object, got %zd objects and %zd names", function,
                     out->count, PySequence_Size(names));
        named_objects_free(out);
        return -1;
    }
    out->names = rvx_names_to_newline_bytes(names, function);
    out->handles = out->names != NULL ? rvx_handles_of(out->objects, out->count, function) : NULL;
    if (out->handles == NULL) {
        named_objects_free(out);
        return -1;
    }
    return 0;
}

PyObject *rvx_snapshot_take(PyObject *module, PyObject *args)
{
    PyObject *network, *objects, *names;
    if (!PyArg_ParseTuple(args, "O!OO:snapshot_take", &Handle_Type, &network, &objects, &names)) return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    NamedObjects named;
    if (named_objects_from(objects, names, "snapshot_take", &named) < 0) return NULL;
    rv_handle snapshot = NULL;
    rv_status status = rv_snapshot_take(HANDLE_OF(network), named.handles, (int64_t)named.count,
                                        PyBytes_AS_STRING(named.names), &snapshot);
    named_objects_free(&named);
    return status == RV_OK ? rvx_handle_wrap(snapshot) : rvx_raise_status(status);
}

PyObject *rvx_snapshot_restore(PyObject *module, PyObject *args)
{
    PyObject *snapshot, *network, *objects, *names;
    int restore_random_state;
    if (!PyArg_ParseTuple(args, "O!O!OOp:snapshot_restore", &Handle_Type, &snapshot, &Handle_Type, &network,
                          &objects, &names, &restore_random_state))
        return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    NamedObjects named;
    if (named_objects_from(objects, names, "snapshot_restore", &named) < 0) return NULL;
    rv_status status = rv_snapshot_restore(HANDLE_OF(snapshot), HANDLE_OF(network), named.handles,
                                           (int64_t)named.count, PyBytes_AS_STRING(named.names),
                                           (int32_t)restore_random_state);
    named_objects_free(&named);
    if (status != RV_OK) return rvx_raise_status(status);
    Py_RETURN_NONE;
}

PyObject *rvx_snapshot_write(PyObject *module, PyObject *args)
{
    PyObject *snapshot;
    const char *path, *name;
    if (!PyArg_ParseTuple(args, "O!ss:snapshot_write", &Handle_Type, &snapshot, &path, &name)) return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    RVX_CALL(rv_snapshot_write(HANDLE_OF(snapshot), path, name));
    Py_RETURN_NONE;
}

PyObject *rvx_snapshot_read(PyObject *module, PyObject *args)
{
    const char *path, *name;
    if (!PyArg_ParseTuple(args, "ss:snapshot_read", &path, &name)) return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    rv_handle snapshot = NULL;
    RVX_CALL(rv_snapshot_read(path, name, &snapshot));
    return rvx_handle_wrap(snapshot);
}

PyObject *rvx_snapshot_byte_count(PyObject *module, PyObject *args)
{
    PyObject *snapshot;
    if (!PyArg_ParseTuple(args, "O!:snapshot_byte_count", &Handle_Type, &snapshot)) return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    int64_t bytes = 0;
    RVX_CALL(rv_snapshot_byte_count(HANDLE_OF(snapshot), &bytes));
    return PyLong_FromLongLong((long long)bytes);
}
