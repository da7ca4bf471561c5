"""The version, in a module of its own: every module reads it from here, never from the
package, so `paralign/__init__` can expose the public API without an import cycle."""

__version__ = "0.1.0"
