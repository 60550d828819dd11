"""A small bounded memo for rendered fragments that many screens share."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class Memo:
    """Keeps the `size` most recently used results; the oldest is forgotten first."""

    def __init__(self, size: int):
        self.size = size
        self._results: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], str]) -> str:
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        result = make()
        with self._lock:
            self._results[key] = result
            if len(self._results) > self.size:
                self._results.popitem(last=False)
        return result

    def clear(self):
        with self._lock:
            self._results.clear()
