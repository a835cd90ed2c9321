"""``python -m workbench`` does what the ``workbench`` command does."""

from workbench.cli import main

if __name__ == "__main__":
    main()
