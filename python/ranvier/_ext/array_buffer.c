/*
 * The ArrayBuffer type: exposes one engine array through the buffer protocol so that
 * numpy.asarray() gives a zero-copy view. The buffer object holds its owner (normally the Handle the
 * engine returned with the array to keep that memory alive), and every exported view holds the buffer
 * object, so the memory outlives every numpy array made from it.
 */
#include "extension.h"

#include <stdbool.h>

typedef struct {
    PyObject_HEAD
    PyObject *owner;
    void *data;
    int32_t dtype;
    int32_t read_only;
    int ndim;
    Py_ssize_t shape[2];
    Py_ssize_t strides[2];
} ArrayBufferObject;

/* Stands in for the data pointer of empty arrays: a Py_buffer must never point at NULL. */
static char empty_storage[8];

Py_ssize_t rvx_dtype_size(int32_t dtype)
{
    switch (dtype) {
    case RV_DTYPE_FLOAT64: return (Py_ssize_t)sizeof(double);
    case RV_DTYPE_INT32: return (Py_ssize_t)sizeof(int32_t);
    case RV_DTYPE_BOOL: return 1;
    case RV_DTYPE_FLOAT32: return (Py_ssize_t)sizeof(float);
    default: return 0;
    }
}

/* struct-module format codes; 'i' is int32, 'f' a 4-byte float and '?' one byte on every platform
 * CPython supports. */
static char *dtype_format(int32_t dtype)
{
    switch (dtype) {
    case RV_DTYPE_FLOAT64: return "d";
    case RV_DTYPE_FLOAT32: return "f";
    case RV_DTYPE_INT32: return "i";
    default: return "?";
    }
}

static Py_ssize_t element_count(const ArrayBufferObject *self)
{
    return self->ndim == 1 ? self->shape[0] : self->shape[0] * self->shape[1];
}

static int ArrayBuffer_getbuffer(ArrayBufferObject *self, Py_buffer *view, int flags)
{
    if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && self->read_only) {
        PyErr_SetString(PyExc_BufferError, "this engine array is read-only");
        view->obj = NULL;
        return -1;
    }
    bool is_matrix = self->ndim == 2 && self->shape[0] > 1 && self->shape[1] > 1;
    if ((flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS && is_matrix) {
        PyErr_SetString(PyExc_BufferError, "engine arrays are C-contiguous (row-major), not Fortran-contiguous");
        view->obj = NULL;
        return -1;
    }
    Py_ssize_t itemsize = rvx_dtype_size(self->dtype);
    view->obj = Py_NewRef((PyObject *)self);
    view->buf = self->data;
    view->itemsize = itemsize;
    view->len = element_count(self) * itemsize;
    view->readonly = self->read_only;
    view->format = (flags & PyBUF_FORMAT) ? dtype_format(self->dtype) : NULL;
    view->ndim = self->ndim;
    /* Without PyBUF_ND the consumer wants plain bytes; C-contiguity makes strides optional. */
    view->shape = (flags & PyBUF_ND) == PyBUF_ND ? self->shape : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? self->strides : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    if (view->shape == NULL) view->ndim = 1;
    return 0;
}

static PyBufferProcs ArrayBuffer_as_buffer = {
    .bf_getbuffer = (getbufferproc)ArrayBuffer_getbuffer,
    .bf_releasebuffer = NULL,
};

static int ArrayBuffer_traverse(ArrayBufferObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->owner);
    return 0;
}

static int ArrayBuffer_clear(ArrayBufferObject *self)
{
    Py_CLEAR(self->owner);
    return 0;
}

static void ArrayBuffer_dealloc(ArrayBufferObject *self)
{
    PyObject_GC_UnTrack(self);
    ArrayBuffer_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *ArrayBuffer_repr(ArrayBufferObject *self)
{
    if (self->ndim == 1)
        return PyUnicode_FromFormat("<ranvier._ranvier.ArrayBuffer format=%s shape=(%zd,)%s>",
                                    dtype_format(self->dtype), self->shape[0],
                                    self->read_only ? " read-only" : "");
    return PyUnicode_FromFormat("<ranvier._ranvier.ArrayBuffer format=%s shape=(%zd, %zd)%s>",
                                dtype_format(self->dtype), self->shape[0], self->shape[1],
                                self->read_only ? " read-only" : "");
}

PyTypeObject ArrayBuffer_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ranvier._ranvier.ArrayBuffer",
    .tp_doc = PyDoc_STR("Memory of one engine array, shared through the buffer protocol.\n\n"
                        "numpy.asarray(buffer) is a zero-copy view (writable unless the variable is\n"
                        "read-only) that keeps the engine object alive."),
    .tp_basicsize = sizeof(ArrayBufferObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)ArrayBuffer_dealloc,
    .tp_traverse = (traverseproc)ArrayBuffer_traverse,
    .tp_clear = (inquiry)ArrayBuffer_clear,
    .tp_repr = (reprfunc)ArrayBuffer_repr,
    .tp_as_buffer = &ArrayBuffer_as_buffer,
};

/* Rejects descriptions that would make the buffer lie about its memory. */
static int validate_array(const rv_array *array)
{
    if (rvx_dtype_size(array->dtype) == 0) {
        PyErr_Format(PyExc_RuntimeError, "the ranvier engine returned an array of unknown dtype %d",
                     (int)array->dtype);
        return -1;
    }
    if (array->rows < 0 || array->cols < 0 || (!array->is_2d && array->cols != 1)) {
        PyErr_Format(PyExc_RuntimeError, "the ranvier engine returned an array of invalid shape %lld x %lld",
                     (long long)array->rows, (long long)array->cols);
        return -1;
    }
    if (array->data == NULL && array->rows * array->cols > 0) {
        PyErr_SetString(PyExc_RuntimeError, "the ranvier engine returned an array without data");
        return -1;
    }
    return 0;
}

PyObject *rvx_array_buffer_new(PyObject *owner, const rv_array *array)
{
    if (validate_array(array) < 0) return NULL;
    ArrayBufferObject *self = PyObject_GC_New(ArrayBufferObject, &ArrayBuffer_Type);
    if (self == NULL) return NULL;
    Py_ssize_t itemsize = rvx_dtype_size(array->dtype);
    self->owner = Py_NewRef(owner);
    self->data = array->data != NULL ? array->data : (void *)empty_storage;
    self->dtype = array->dtype;
    self->read_only = array->read_only ? 1 : 0;
    self->ndim = array->is_2d ? 2 : 1;
    self->shape[0] = (Py_ssize_t)array->rows;
    self->shape[1] = (Py_ssize_t)array->cols;
    self->strides[0] = array->is_2d ? (Py_ssize_t)array->cols * itemsize : itemsize;
    self->strides[1] = itemsize;
    PyObject_GC_Track(self);
    return (PyObject *)self;
}
