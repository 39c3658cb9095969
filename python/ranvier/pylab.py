"""The names ``from pylab import *`` gives, which ``from brian2 import *`` passes on: matplotlib's
pyplot functions, numpy (with numpy.fft, numpy.linalg and numpy.random), and a few modules.

Importing matplotlib.pyplot takes 0.3-0.5 s, so the pyplot functions here are thin wrappers that
import it on their first call; ``plt`` and ``mpl`` are modules loaded on first attribute access
and ``rcParams`` imports matplotlib when first read or written.
"""

import builtins
import datetime
import importlib
import types
from collections.abc import MutableMapping

import numpy
import numpy.fft
import numpy.linalg
import numpy.ma as ma
import numpy.random

#: numpy submodules in ``numpy.__all__`` that take ~90 ms to import and that scripts rarely use:
#: they are provided as modules loaded on first attribute access.
_SLOW_NUMPY_SUBMODULES = ("f2py", "testing")
_NUMPY_NAMES = [name for name in numpy.__all__ if name not in _SLOW_NUMPY_SUBMODULES]
globals().update({name: getattr(numpy, name) for name in _NUMPY_NAMES})
from numpy.fft import *  # noqa: E402,F401,F403 - after numpy's names, as in pylab
from numpy.linalg import *  # noqa: E402,F401,F403
from numpy.random import *  # noqa: E402,F401,F403

np = numpy

#: The functions of matplotlib.pyplot (matplotlib 3.10/3.11) that ``from pylab import *`` provides.
PYPLOT_FUNCTIONS = (
    "acorr", "angle_spectrum", "annotate", "arrow", "autoscale", "autumn", "axes", "axhline", "axhspan",
    "axis", "axline", "axvline", "axvspan", "bar", "bar_label", "barbs", "barh", "bone", "box", "boxplot",
    "broken_barh", "cla", "clabel", "clf", "clim", "close", "cohere", "colorbar", "connect", "contour",
    "contourf", "cool", "copper", "csd", "delaxes", "disconnect", "draw", "draw_if_interactive", "ecdf",
    "errorbar", "eventplot", "figaspect", "figimage", "figlegend", "fignum_exists", "figtext", "figure",
    "fill", "fill_between", "fill_betweenx", "findobj", "flag", "gca", "gcf", "gci", "get", "get_backend",
    "get_cmap", "get_current_fig_manager", "get_figlabels", "get_fignums", "get_plot_commands", "getp",
    "ginput", "gray", "grid", "grouped_bar", "hexbin", "hist", "hist2d", "hlines", "hot", "hsv", "imread",
    "imsave", "imshow", "inferno", "install_repl_displayhook", "interactive", "ioff", "ion", "isinteractive",
    "jet", "legend", "locator_params", "loglog", "magma", "magnitude_spectrum", "margins", "matshow",
    "minorticks_off", "minorticks_on", "new_figure_manager", "nipy_spectral", "pause", "pcolor",
    "pcolormesh", "phase_spectrum", "pie", "pie_label", "pink", "plasma", "plot", "polar", "prism", "psd",
    "quiver", "quiverkey", "rc", "rc_context", "rcdefaults", "rgrids", "savefig", "sca", "scatter", "sci",
    "semilogx", "semilogy", "set_cmap", "set_loglevel", "setp", "show", "specgram", "spring", "spy",
    "stackplot", "stairs", "stem", "step", "streamplot", "subplot", "subplot2grid", "subplot_mosaic",
    "subplot_tool", "subplots", "subplots_adjust", "summer", "suptitle", "switch_backend", "table", "text",
    "thetagrids", "tick_params", "ticklabel_format", "tight_layout", "title", "tricontour", "tricontourf",
    "tripcolor", "triplot", "twinx", "twiny", "uninstall_repl_displayhook", "violinplot", "viridis", "vlines",
    "waitforbuttonpress", "winter", "xcorr", "xkcd", "xlabel", "xlim", "xscale", "xticks", "ylabel", "ylim",
    "yscale", "yticks",
)


def _import(module_name):
    try:
        return importlib.import_module(module_name)
    except ImportError as error:
        package = module_name.split(".")[0]
        raise ImportError(f"{module_name} could not be imported ({error}). Install it with "
                          f"`pip install {package}`.") from error


def _lazy_pyplot_function(name):
    def call_pyplot(*args, **kwargs):
        pyplot = _import("matplotlib.pyplot")
        try:
            function = getattr(pyplot, name)
        except AttributeError:
            raise AttributeError(f"The installed matplotlib ({pyplot.matplotlib.__version__}) has no "
                                 f"pyplot.{name}.") from None
        return function(*args, **kwargs)
    call_pyplot.__name__ = call_pyplot.__qualname__ = name
    call_pyplot.__module__ = __name__
    call_pyplot.__doc__ = f"matplotlib.pyplot.{name} (matplotlib is imported on the first call)."
    return call_pyplot


class _LazyModule(types.ModuleType):
    """A module imported on first attribute access (``plt.plot`` imports matplotlib.pyplot)."""

    def __repr__(self):
        return f"<module '{self.__name__}' (imported on first use)>"

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_import(self.__name__), name)

    def __dir__(self):
        return dir(_import(self.__name__))


class _LazyRcParams(MutableMapping):
    """matplotlib.rcParams (``rcParams['figure.figsize'] = ...``), importing matplotlib on first use."""

    @staticmethod
    def _params():
        return _import("matplotlib").rcParams

    def __getitem__(self, key):
        return self._params()[key]

    def __setitem__(self, key, value):
        self._params()[key] = value

    def __delitem__(self, key):
        del self._params()[key]

    def __iter__(self):
        return iter(self._params())

    def __len__(self):
        return len(self._params())

    def __repr__(self):
        return repr(self._params())


for _name in PYPLOT_FUNCTIONS:
    globals()[_name] = _lazy_pyplot_function(_name)

plt = _LazyModule("matplotlib.pyplot")
mpl = _LazyModule("matplotlib")
rcParams = _LazyRcParams()
globals().update({name: _LazyModule(f"numpy.{name}") for name in _SLOW_NUMPY_SUBMODULES})

# As in pylab: numpy's versions of these would hide Python's builtins, which scripts rely on.
bytes = builtins.bytes
abs = builtins.abs
bool = builtins.bool
max = builtins.max
min = builtins.min
pow = builtins.pow
round = builtins.round

_MODULES = ["np", "ma", "datetime", "plt", "mpl", "rcParams"]
_BUILTINS = ["bytes", "abs", "bool", "max", "min", "pow", "round"]
#: Brian2 deletes numpy.random's ``f`` from its star import (a name scripts use for their own values).
_LEFT_OUT = {"f"}
__all__ = sorted((set(numpy.__all__) | set(numpy.fft.__all__) | set(numpy.linalg.__all__)
                  | set(numpy.random.__all__) | set(PYPLOT_FUNCTIONS) | set(_MODULES) | set(_BUILTINS))
                 - _LEFT_OUT)
