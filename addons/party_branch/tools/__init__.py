from . import gb11643
from . import guard
