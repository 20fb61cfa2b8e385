"""One error type the CLI and web layers turn into a one-line message instead of a traceback."""


class StorydiffError(Exception):
    """A problem with what the user gave us, worded for the user."""


class InputError(StorydiffError):
    pass
