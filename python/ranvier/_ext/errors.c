/* Mapping engine status codes to Python exceptions. */
#include "extension.h"

/* status code (int) -> exception class, registered by the ranvier package at import. */
static PyObject *exception_types = NULL;

/* Installs `types` (a new reference or NULL) and returns the previous mapping or None. */
static PyObject *swap_exception_types(PyObject *types)
{
    PyObject *previous = exception_types;
    exception_types = types;
    return previous != NULL ? previous : Py_NewRef(Py_None);
}

PyObject *rvx_set_exception_types(PyObject *module, PyObject *mapping)
{
    if (mapping == Py_None) return swap_exception_types(NULL);
    if (!PyDict_Check(mapping)) {
        PyErr_Format(PyExc_TypeError, "set_exception_types() expects None or a dict mapping status codes to "
                     "exception classes, not %.100s", Py_TYPE(mapping)->tp_name);
        return NULL;
    }
    PyObject *key, *value;
    Py_ssize_t position = 0;
    while (PyDict_Next(mapping, &position, &key, &value)) {
        if (!PyLong_CheckExact(key)) {
            PyErr_Format(PyExc_TypeError, "set_exception_types(): status codes must be int, not %.100s",
                         Py_TYPE(key)->tp_name);
            return NULL;
        }
        if (!PyExceptionClass_Check(value)) {
            PyErr_Format(PyExc_TypeError, "set_exception_types(): the value for status %R must be an "
                         "exception class, not %.100s", key, Py_TYPE(value)->tp_name);
            return NULL;
        }
    }
    PyObject *copy = PyDict_Copy(mapping);
    if (copy == NULL) return NULL;
    return swap_exception_types(copy);
}

/* The registered class, or RuntimeError for a status nobody registered (a borrowed reference). */
static PyObject *exception_type_for(rv_status status)
{
    if (exception_types == NULL) return PyExc_RuntimeError;
    PyObject *key = PyLong_FromLong(status);
    if (key == NULL) return NULL;
    PyObject *type = PyDict_GetItemWithError(exception_types, key);
    Py_DECREF(key);
    if (type == NULL && !PyErr_Occurred()) return PyExc_RuntimeError;
    return type;
}

PyObject *rvx_raise_status(rv_status status)
{
    /* An interrupted run already carries the exception raised by the signal handler. */
    if (PyErr_Occurred()) return NULL;
    const char *message = rv_last_error();
    PyObject *text = (message != NULL && message[0] != '\0')
        ? PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace")
        : PyUnicode_FromFormat("the ranvier engine failed with status %d and no message", (int)status);
    if (text == NULL) return NULL;
    PyObject *type = exception_type_for(status);
    if (type != NULL) PyErr_SetObject(type, text);
    Py_DECREF(text);
    return NULL;
}
