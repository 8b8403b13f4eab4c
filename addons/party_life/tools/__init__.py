from . import sql
