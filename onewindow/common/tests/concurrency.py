"""Running functions at the same moment in threads, for the PostgreSQL concurrency tests of every
app (many clerks on one case, one post, one payment)."""

import threading

from django.contrib.auth import get_user_model
from django.db import connection


def run_together(functions):
    """Run each function in its own thread, all released at once by a barrier; returns each one's
    result or the exception it raised. Every thread closes its own database connection."""
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait()
            outcomes[index] = function()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=runner, args=(index, function)) for index, function in enumerate(functions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting (deadlock?)"
    return outcomes


def fresh_user(pk):
    """The user as a new request would load it (no access cached on a shared object)."""
    return get_user_model().objects.get(pk=pk)
