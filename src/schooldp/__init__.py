"""SchoolDP: a school's data-protection duties in one encrypted file."""

__version__ = "0.1.0"
APP_NAME = "SchoolDP"
APP_AUTHOR = "SchoolDP"
