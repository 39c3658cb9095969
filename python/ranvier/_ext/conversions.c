/* Conversions between Python arguments and the engine's C types. */
#include "extension.h"

#include <string.h>

static int is_text(PyObject *object)
{
    return PyUnicode_Check(object) || PyBytes_Check(object) || PyByteArray_Check(object);
}

/* -- indices ---------------------------------------------------------------------------------------- */

/* How to read the elements of an integer buffer. */
typedef struct {
    int is_signed;
    int byte_swapped;  /* explicit non-native order such as numpy's '>i8' on a little-endian machine */
} IntegerLayout;

/* Element `k` of a 1-d integer buffer as int64. */
static int read_buffer_integer(const Py_buffer *view, Py_ssize_t k, IntegerLayout layout, int64_t *out)
{
    unsigned char bytes[8];
    Py_ssize_t size = view->itemsize;
    if (size != 1 && size != 2 && size != 4 && size != 8) {
        PyErr_Format(PyExc_TypeError, "unsupported integer size %zd", size);
        return -1;
    }
    const char *item = (const char *)view->buf + k * (view->strides ? view->strides[0] : size);
    for (Py_ssize_t b = 0; b < size; b++) bytes[b] = (unsigned char)item[layout.byte_swapped ? size - 1 - b : b];
    uint64_t u = 0;
    switch (size) {
    case 1: { uint8_t v; memcpy(&v, bytes, 1); *out = layout.is_signed ? (int64_t)(int8_t)v : (int64_t)v; return 0; }
    case 2: { uint16_t v; memcpy(&v, bytes, 2); *out = layout.is_signed ? (int64_t)(int16_t)v : (int64_t)v; return 0; }
    case 4: { uint32_t v; memcpy(&v, bytes, 4); *out = layout.is_signed ? (int64_t)(int32_t)v : (int64_t)v; return 0; }
    default: memcpy(&u, bytes, 8);
    }
    if (!layout.is_signed && u > (uint64_t)INT64_MAX) {
        PyErr_SetString(PyExc_OverflowError, "index too large for a 64-bit signed integer");
        return -1;
    }
    *out = (int64_t)u;
    return 0;
}

/* Parses a struct-module format; returns 0 when it does not describe one integer per element. */
static int integer_layout(const char *format, IntegerLayout *layout)
{
    layout->is_signed = 0;
    layout->byte_swapped = 0;
    if (format == NULL) return 1;  /* plain unsigned bytes */
    char order = format[0];
    if (order != '\0' && strchr("@=<>!", order) != NULL) {
#if PY_LITTLE_ENDIAN
        layout->byte_swapped = order == '>' || order == '!';
#else
        layout->byte_swapped = order == '<';
#endif
        format++;
    }
    if (format[0] == '\0' || format[1] != '\0' || strchr("bBhHiIlLqQnN", format[0]) == NULL) return 0;
    layout->is_signed = strchr("bhilqn", format[0]) != NULL;
    return 1;
}

static int indices_from_buffer(Py_buffer *view, const char *what, IndexArray *out)
{
    IntegerLayout layout;
    if (!integer_layout(view->format, &layout)) {
        PyErr_Format(PyExc_TypeError, "%s must be integers, not an array of format '%s'", what,
                     view->format ? view->format : "?");
        return -1;
    }
    if (view->ndim != 1) {
        PyErr_Format(PyExc_TypeError, "%s must be a one-dimensional sequence of integers, not a %d-d array",
                     what, view->ndim);
        return -1;
    }
    Py_ssize_t count = view->shape[0];
    out->data = PyMem_New(int64_t, count > 0 ? count : 1);
    if (out->data == NULL) { PyErr_NoMemory(); return -1; }
    for (Py_ssize_t k = 0; k < count; k++) {
        if (read_buffer_integer(view, k, layout, &out->data[k]) < 0) {
            rvx_index_array_free(out);
            return -1;
        }
    }
    out->count = count;
    return 0;
}

static int indices_from_sequence(PyObject *object, const char *what, IndexArray *out)
{
    PyObject *items = PySequence_Fast(object, "");
    if (items == NULL) {
        PyErr_Format(PyExc_TypeError, "%s must be None or a sequence of integers, not %.100s", what,
                     Py_TYPE(object)->tp_name);
        return -1;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(items);
    out->data = PyMem_New(int64_t, count > 0 ? count : 1);
    if (out->data == NULL) { Py_DECREF(items); PyErr_NoMemory(); return -1; }
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *item = PySequence_Fast_GET_ITEM(items, k);
        if (PyBool_Check(item) || !PyIndex_Check(item)) {
            PyErr_Format(PyExc_TypeError, "%s must be integers, but item %zd is %.100s", what, k,
                         Py_TYPE(item)->tp_name);
            goto fail;
        }
        PyObject *number = PyNumber_Index(item);
        if (number == NULL) goto fail;
        long long value = PyLong_AsLongLong(number);
        Py_DECREF(number);
        if (value == -1 && PyErr_Occurred()) goto fail;
        out->data[k] = (int64_t)value;
    }
    Py_DECREF(items);
    out->count = count;
    return 0;
fail:
    Py_DECREF(items);
    rvx_index_array_free(out);
    return -1;
}

int rvx_index_array_from_object(PyObject *object, const char *what, IndexArray *out)
{
    out->data = NULL;
    out->count = -1;
    if (object == Py_None) return 0;
    if (is_text(object) || PyBool_Check(object)) {
        PyErr_Format(PyExc_TypeError, "%s must be None or a sequence of integers, not %.100s", what,
                     Py_TYPE(object)->tp_name);
        return -1;
    }
    if (PyObject_CheckBuffer(object)) {
        Py_buffer view;
        if (PyObject_GetBuffer(object, &view, PyBUF_RECORDS_RO) == 0) {
            int result = indices_from_buffer(&view, what, out);
            PyBuffer_Release(&view);
            return result;
        }
        PyErr_Clear();  /* e.g. an exporter without strides: the sequence protocol still works */
    }
    return indices_from_sequence(object, what, out);
}

void rvx_index_array_free(IndexArray *indices)
{
    PyMem_Free(indices->data);
    indices->data = NULL;
    indices->count = -1;
}

/* -- dimensions ------------------------------------------------------------------------------------- */

int rvx_dimensions_from_object(PyObject *object, const char *what, double dimensions[RV_DIMENSIONS])
{
    PyObject *items = is_text(object) ? NULL : PySequence_Fast(object, "");
    if (items == NULL) {
        PyErr_Format(PyExc_TypeError, "%s must be a tuple of %d exponents (m, kg, s, A, K, mol, cd), not %.100s",
                     what, RV_DIMENSIONS, Py_TYPE(object)->tp_name);
        return -1;
    }
    if (PySequence_Fast_GET_SIZE(items) != RV_DIMENSIONS) {
        PyErr_Format(PyExc_ValueError, "%s must have %d exponents (m, kg, s, A, K, mol, cd), not %zd", what,
                     RV_DIMENSIONS, PySequence_Fast_GET_SIZE(items));
        Py_DECREF(items);
        return -1;
    }
    for (Py_ssize_t k = 0; k < RV_DIMENSIONS; k++) {
        PyObject *item = PySequence_Fast_GET_ITEM(items, k);
        double value = PyFloat_AsDouble(item);
        if (value == -1.0 && PyErr_Occurred()) {
            Py_DECREF(items);
            PyErr_Format(PyExc_TypeError, "%s: exponent %zd must be a number, not %.100s", what, k,
                         Py_TYPE(item)->tp_name);
            return -1;
        }
        dimensions[k] = value;
    }
    Py_DECREF(items);
    return 0;
}

PyObject *rvx_dimensions_to_tuple(const double dimensions[RV_DIMENSIONS])
{
    return Py_BuildValue("(ddddddd)", dimensions[0], dimensions[1], dimensions[2], dimensions[3],
                         dimensions[4], dimensions[5], dimensions[6]);
}

/* -- names ------------------------------------------------------------------------------------------ */

PyObject *rvx_names_to_list(const char *names)
{
    PyObject *list = PyList_New(0);
    if (list == NULL || names == NULL) return list;
    const char *start = names;
    while (*start != '\0') {
        const char *end = strchr(start, '\n');
        Py_ssize_t length = end ? (Py_ssize_t)(end - start) : (Py_ssize_t)strlen(start);
        if (length > 0) {
            PyObject *name = PyUnicode_DecodeUTF8(start, length, "replace");
            if (name == NULL || PyList_Append(list, name) < 0) {
                Py_XDECREF(name);
                Py_DECREF(list);
                return NULL;
            }
            Py_DECREF(name);
        }
        if (end == NULL) break;
        start = end + 1;
    }
    return list;
}

PyObject *rvx_names_to_newline_bytes(PyObject *names, const char *what)
{
    if (!PyList_Check(names) && !PyTuple_Check(names)) {
        PyErr_Format(PyExc_TypeError, "%s must be a list of str, not %.100s", what, Py_TYPE(names)->tp_name);
        return NULL;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(names);
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *name = PySequence_Fast_GET_ITEM(names, k);
        if (!PyUnicode_Check(name)) {
            PyErr_Format(PyExc_TypeError, "%s must be a list of str, but item %zd is %.100s", what, k,
                         Py_TYPE(name)->tp_name);
            return NULL;
        }
        if (PyUnicode_FindChar(name, '\n', 0, PY_SSIZE_T_MAX, 1) != -1 ||
            PyUnicode_FindChar(name, '\0', 0, PY_SSIZE_T_MAX, 1) != -1) {
            PyErr_Format(PyExc_ValueError, "%s: item %zd (%R) is not a valid variable name", what, k, name);
            return NULL;
        }
    }
    PyObject *separator = PyUnicode_FromString("\n");
    if (separator == NULL) return NULL;
    PyObject *joined = PyUnicode_Join(separator, names);
    Py_DECREF(separator);
    if (joined == NULL) return NULL;
    PyObject *bytes = PyUnicode_AsUTF8String(joined);
    Py_DECREF(joined);
    return bytes;
}
