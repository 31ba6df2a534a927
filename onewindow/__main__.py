"""The `onewindow` console script: the project's manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.config.settings")
    # A machine with no production configuration (neither ONEWINDOW_DEBUG nor ONEWINDOW_SECRET_KEY
    # set) is a developer's: the CLI runs with the development defaults `make run` uses, so
    # `onewindow calendar add …` works from an activated venv. A production host sets its secret
    # key, and then nothing here applies.
    if "ONEWINDOW_DEBUG" not in os.environ and "ONEWINDOW_SECRET_KEY" not in os.environ:
        os.environ["ONEWINDOW_DEBUG"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
