/*
 * Test hooks (names start with an underscore): they expose the extension's own machinery — the buffer
 * type and argument conversions — so tests can check it without depending on the engine's behaviour.
 */
#include "extension.h"

/* Test-only: an ArrayBuffer over the memory of any writable buffer (e.g. a bytearray), so the buffer
 * protocol can be checked without the engine. The memoryview taken here pins that memory. */
PyObject *rvx_array_view_for_tests(PyObject *module, PyObject *args)
{
    PyObject *source;
    int dtype, is_2d, read_only;
    long long rows, cols;
    if (!PyArg_ParseTuple(args, "OiLLpp:_array_view_for_tests", &source, &dtype, &rows, &cols, &is_2d,
                          &read_only))
        return NULL;
    PyObject *pinned = PyMemoryView_GetContiguous(source, PyBUF_WRITE, 'C');
    if (pinned == NULL) return NULL;
    Py_buffer *memory = PyMemoryView_GET_BUFFER(pinned);
    rv_array array = {.data = memory->buf, .rows = rows, .cols = cols, .is_2d = is_2d, .dtype = dtype,
                      .read_only = read_only};
    Py_ssize_t itemsize = rvx_dtype_size(dtype);
    /* Division keeps absurd sizes from overflowing the product. */
    if (itemsize != 0 && rows > 0 && cols > 0 && rows > memory->len / itemsize / cols) {
        Py_DECREF(pinned);
        PyErr_SetString(PyExc_ValueError, "_array_view_for_tests: the source is smaller than rows*cols elements");
        return NULL;
    }
    PyObject *result = rvx_array_buffer_new(pinned, &array);
    Py_DECREF(pinned);
    return result;
}

/* The int64 values the engine would receive for `indices` (None for "all"). */
PyObject *rvx_indices_for_tests(PyObject *module, PyObject *object)
{
    IndexArray indices;
    if (rvx_index_array_from_object(object, "indices", &indices) < 0) return NULL;
    if (indices.count < 0) Py_RETURN_NONE;
    PyObject *result = PyTuple_New((Py_ssize_t)indices.count);
    for (int64_t k = 0; result != NULL && k < indices.count; k++) {
        PyObject *value = PyLong_FromLongLong((long long)indices.data[k]);
        if (value == NULL) Py_CLEAR(result);
        else PyTuple_SET_ITEM(result, (Py_ssize_t)k, value);
    }
    rvx_index_array_free(&indices);
    return result;
}

/* The seven exponents the engine would receive for `dims`. */
PyObject *rvx_dimensions_for_tests(PyObject *module, PyObject *object)
{
    double dims[RV_DIMENSIONS];
    if (rvx_dimensions_from_object(object, "dims", dims) < 0) return NULL;
    return rvx_dimensions_to_tuple(dims);
}
